import Foundation
import Testing

@testable import SNAPSim
@testable import SNAPSimCLI

/// `fixtures/` at the repository root, found from this source file.
private let repositoryFixtures: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return components.joined(separator: "/") + "/fixtures"
}()

/// A fresh folder holding `files`, removed by the caller.
private func temporaryFixtures(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-check-\(UUID().uuidString)")
    for (path, contents) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }
    return folder.path
}

@Suite struct CheckCommandTests {
    @Test func check_ExitsZeroWithSummary_WhenFixturesValid() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["check", repositoryFixtures], console: console) == 0)
        #expect(console.out.contains("OK"))
        #expect(console.out.contains("\(LoadedFixtures.defaults.rules.rules.count) rules"))
    }

    @Test func check_PrintsEveryProblemAndExitsOne_WhenFixturesInvalid() async throws {
        var files = Dictionary(DefaultFixtures.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        files["zz.json"] = #"{"customers": [{"customerNumber": "081299998888", "name": "X", "tier": "gold", "balance": "1"}]}"#
        let folder = try temporaryFixtures(files)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let console = RecordingConsole()
        #expect(await CLI.run(["check", folder], console: console) == 1)
        #expect(console.out.contains(#"zz.json /customers/0/tier: unknown tier "gold" (known: basic, premium)"#))
        #expect(console.out.contains("zz.json /customers/0/balance:"))
        #expect(console.err.contains("2 problems"))
    }

    @Test func check_ExitsOne_WhenFolderMissing() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["check", "/nonexistent/snapsim"], console: console) == 1)
        #expect(console.out.contains("not a directory"))
    }

    @Test func check_IsAUsageError_WithoutAFolder() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["check"], console: console) == 64)
        #expect(await CLI.run(["check", "a", "b"], console: console) == 64)
    }
}

@Suite struct ListingCommandTests {
    @Test func routes_ListsEveryPathOfTheSnapProfile() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["routes"], console: console) == 0)
        for line in [
            "POST    /v1.0/access-token/b2b", "/v1.0/balance-inquiry", "/v1.0/emoney/account-inquiry", "/v1.0/emoney/topup ",
            "/v1.0/emoney/topup-status", "GET     /b2b/customer/balance/limit",
        ] {
            #expect(console.out.contains(line))
        }
        // Columns are as wide as the longest service name, so look at the line, not the padding.
        let line = console.out.split(separator: "\n").first { $0.contains("/v1.0/emoney/account-inquiry ") }
        #expect(line?.contains("emoney-account-inquiry (37)") == true)
        #expect(line?.hasSuffix("transaction") == true)
        #expect(console.out.contains("/v1.0/transfer-interbank"))
        #expect(console.out.contains("/v1.0/emoney/transfer-bank-status.htm"))
        #expect(console.out.contains("account-binding-inquiry (08)"))
    }

    @Test func rules_ListsRulesInOrder() async throws {
        let console = RecordingConsole()
        #expect(await CLI.run(["rules"], console: console) == 0)
        let ids = LoadedFixtures.defaults.rules.rules.map(\.id)
        var previous = console.out.startIndex
        for (index, id) in ids.enumerated() {
            let range = try #require(console.out.range(of: "\(index + 1). \(id)  ("))
            #expect(range.lowerBound >= previous)
            previous = range.lowerBound
        }
        #expect(console.out.contains(#"when: service in [emoney-account-inquiry, emoney-topup] and body /customerNumber = "081200005043700""#))
        #expect(console.out.contains("then: answer 504xx00 after 3000 ms"))
    }

    @Test func codes_ListsEverySeed001Code_ForAccountInquiry() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["codes", "--service", "37"], console: console) == 0)
        for code in ["2003700", "4003700", "4003701", "4003702", "4013700", "4013701", "4033701", "4033704", "4043708", "5003700", "5043700"] {
            #expect(console.out.contains("  \(code)  "), "missing \(code)")
        }
        #expect(console.out.contains(#"body /customerNumber = "081200004043708""#))
        #expect(!console.out.contains("Customer Top Up"))
    }

    @Test func codes_CoversEveryServedService() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["codes"], console: console) == 0)
        for name in [
            "balance-inquiry (11)", "emoney-account-inquiry (37)", "emoney-topup (38)", "emoney-topup-status (39)",
            "balance-limit-check (00)", "access-token-b2b (73)", "access-token-b2b2c (74)",
        ] {
            #expect(console.out.contains(name))
        }
        #expect(console.out.contains("4043818"))
    }

    @Test func codes_ListsTheTokenRequestsOwnAnswers_NotTheServicesCommonOnes() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["codes", "--service", "access-token-b2b"], console: console) == 0)
        for code in ["2007300", "4007300", "4007301", "4007302", "4017300"] {
            #expect(console.out.contains(code), "missing \(code)")
        }
        // Token requests never reach the services: no "partner not allowed" or magic-value rows.
        #expect(!console.out.contains("4037301"))
        #expect(!console.out.contains("rule "))
    }

    @Test func codes_RejectsUnknownService() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["codes", "--service", "qris"], console: console) == 64)
        #expect(console.err.contains("unknown service \"qris\""))
    }

    @Test func listings_ReadAFixtureFolder_AndRefuseABrokenOne() async throws {
        let folder = try temporaryFixtures(["x.json": #"{"rules": 5}"#])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let console = RecordingConsole()
        #expect(await CLI.run(["rules", "--fixtures", folder], console: console) == 1)
        #expect(console.err.contains("x.json /rules: expected an array of rules"))
        #expect(await CLI.run(["routes", "--fixtures", repositoryFixtures], console: console) == 0)
    }
}
