import Testing

@testable import SNAPSim
import SimJSON

/// `e2pay.json`: E2Pay's code table, lifetimes and passwords come from the fixtures and are checked at load.
@Suite struct E2PayFixturesTests {
    private func load(_ changes: [String: String?]) -> Result<LoadedFixtures, FixtureLoadError> {
        var files = Dictionary(DefaultFixtures.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        for (path, contents) in changes {
            if let contents { files[path] = contents } else { files[path] = nil }
        }
        let list: [(path: String, contents: String)] = files.map { (path: $0.key, contents: $0.value) }
        do throws(FixtureLoadError) {
            return .success(try LoadedFixtures.load(files: list))
        } catch {
            return .failure(error)
        }
    }

    private func problems(_ changes: [String: String?]) -> [String] {
        guard case .failure(let error) = load(changes) else { return [] }
        return error.problems.map(\.description)
    }

    @Test func defaults_GiveEveryCodeTheCodeAnswers_WithMessageAndStatus() throws {
        let table = try LoadedFixtures.embeddedResult.get().e2pay
        for code in E2PayResponseCode.referenced { #expect(table.contains(code.code), "\(code.code)") }
        #expect(table.entry("TX").message == "Timestamp Invalid")
        #expect(table.entry("96").httpStatus == 504)
        #expect(table.accessTokenLifetime == .seconds(3600))
        #expect(table.otpMinutes == 5)
    }

    @Test func load_ReportsMissingCode_WhenTheProfileIsServed() {
        let lines = problems(["e2pay.json": #"{"e2pay": {"responseCodes": [{"code": "00", "message": "Success", "httpStatus": 200}]}}"#])
        #expect(lines.contains { $0.contains("e2pay.json") && $0.contains("responseCodes lacks 01") })
    }

    @Test func load_ReportsMissingSection_WhenTheProfileIsServed() {
        let lines = problems(["e2pay.json": nil])
        #expect(lines.contains { $0.contains("no \"e2pay\" section") })
    }

    @Test func load_ReportsPasswordThatIsNotMD5_AndUnknownCustomer() {
        var object = (try? JSONParser.parse(Array(e2payFile.utf8)))?.objectValue?["e2pay"]?.objectValue ?? [:]
        object["passwords"] = ["081234560001": "123456", "089900000000": "E10ADC3949BA59ABBE56E057F20F883E"]
        let lines = problems(["e2pay.json": replacingSection(object)])
        #expect(lines.contains { $0.contains("/e2pay/passwords/081234560001") && $0.contains("MD5") })
        #expect(lines.contains { $0.contains("unknown customer \"089900000000\"") })
    }

    @Test func changedTable_ChangesTheRenderedRefusal() throws {
        var object = (try? JSONParser.parse(Array(e2payFile.utf8)))?.objectValue?["e2pay"]?.objectValue ?? [:]
        object["accessTokenSeconds"] = .int(60)
        var codes = object["responseCodes"]?.arrayValue ?? []
        codes = codes.map { entry in
            guard var row = entry.objectValue, row["code"]?.stringValue == "F1" else { return entry }
            row["message"] = "Kolom kosong"
            row["httpStatus"] = .int(422)
            return .object(row)
        }
        object["responseCodes"] = .array(codes)
        let fixtures = try load(["e2pay.json": replacingSection(object)]).get()
        #expect(fixtures.e2pay.accessTokenLifetime == .seconds(60))
        let (status, body) = E2PayRefusal(.emptyField, "username").rendered(fixtures.e2pay)
        #expect(status == 422)
        #expect(body.objectValue?["responseMessage"]?.stringValue == "Kolom kosong: username")
    }

    /// The shipped `e2pay.json` with its `e2pay` section replaced (its other sections kept).
    private func replacingSection(_ section: JSONObject) -> String {
        var document = (try? JSONParser.parse(Array(e2payFile.utf8)))?.objectValue ?? [:]
        document["e2pay"] = .object(section)
        return JSONValue.object(document).compactText
    }

    private var e2payFile: String { DefaultFixtures.files.first { $0.path == "e2pay.json" }?.contents ?? "" }
}
