import Foundation
import SNAPScenario
import SNAPSim
import Testing

/// Malformed scenario files are refused before anything runs, each problem naming the file and JSON pointer.
@Suite struct ScenarioLoaderTests {
    /// A file text, where its problem must be reported, and a fragment of the message.
    struct Malformed: Sendable, CustomStringConvertible {
        var json: String
        var pointer: String
        var message: String
        var description: String { "\(pointer): \(message)" }
    }

    static let step = #"{"service": "balance-inquiry", "body": {"accountNo": "12345678"}}"#

    static let cases: [Malformed] = [
        Malformed(json: "{\"name\": \"x\",\n \"steps\": [,]}", pointer: "", message: "invalid JSON at line 2, column"),
        Malformed(json: "[]", pointer: "", message: "a scenario file holds a JSON object"),
        Malformed(json: #"{"steps": [\#(step)]}"#, pointer: "", message: "\"name\" is required"),
        Malformed(json: #"{"name": "x", "steps": []}"#, pointer: "/steps", message: "at least one step"),
        Malformed(json: #"{"name": "x"}"#, pointer: "", message: "\"steps\" is required"),
        Malformed(
            json: #"{"name": "x", "stpes": [], "steps": [\#(step)]}"#, pointer: "/stpes",
            message: "unknown field \"stpes\""),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "expect": {"status": "200"}}]}"#,
            pointer: "/steps/0/expect/status", message: "expected a whole number from 100 to 599"),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "expcet": {}}]}"#,
            pointer: "/steps/0/expcet", message: "unknown field \"expcet\""),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-enquiry"}]}"#, pointer: "/steps/0/service",
            message: "unknown service \"balance-enquiry\""),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "path": "/x"}]}"#, pointer: "/steps/0",
            message: "a step does one thing"),
        Malformed(
            json: #"{"name": "x", "steps": [{"body": {}}]}"#, pointer: "/steps/0", message: "a step needs one of"),
        Malformed(
            json: #"{"name": "x", "steps": [{"path": "v1.0/x"}]}"#, pointer: "/steps/0/path", message: "is not a path"),
        Malformed(
            json:
                #"{"name": "x", "steps": [{"service": "balance-inquiry", "expect": {"json": {"/referenceNo": {"regex": "[0-9"}}}}]}"#,
            pointer: "/steps/0/expect/json/~1referenceNo/regex", message: "invalid regular expression"),
        Malformed(
            json:
                #"{"name": "x", "steps": [{"service": "balance-inquiry", "expect": {"json": {"responseCode": "2001100"}}}]}"#,
            pointer: "/steps/0/expect/json/responseCode", message: "is not a JSON pointer"),
        Malformed(
            json:
                #"{"name": "x", "steps": [{"service": "balance-inquiry", "expect": {"json": {"/a": {"regex": "x", "b": 1}}}}]}"#,
            pointer: "/steps/0/expect/json/~1a", message: "mixes matcher operators"),
        Malformed(
            json:
                #"{"name": "x", "steps": [{"service": "balance-inquiry", "expect": {"json": {"/a": {"gte": "ten"}}}}]}"#,
            pointer: "/steps/0/expect/json/~1a/gte", message: "compares with a number"),
        Malformed(
            json:
                #"{"name": "x", "steps": [{"service": "balance-inquiry", "expect": {"json": {"/a": {"absent": "yes"}}}}]}"#,
            pointer: "/steps/0/expect/json/~1a/absent", message: "takes true or false"),
        Malformed(
            json:
                #"{"name": "x", "steps": [{"service": "balance-inquiry", "body": {"partnerReferenceNo": "${ref}"}}]}"#,
            pointer: "/steps/0/body/partnerReferenceNo", message: "${ref} is not defined here"),
        Malformed(
            json:
                #"{"name": "x", "steps": [{"service": "balance-inquiry", "body": {"a": "${ref}"}}, {"service": "balance-inquiry", "capture": {"ref": "/referenceNo"}}]}"#,
            pointer: "/steps/0/body/a", message: "${ref} is not defined here"),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "body": {"a": "${ref"}}]}"#,
            pointer: "/steps/0/body/a", message: "is not closed"),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "capture": {"now": "/referenceNo"}}]}"#,
            pointer: "/steps/0/capture/now", message: "built-in variable"),
        Malformed(
            json: #"{"name": "x", "steps": [{"advanceClock": "15 minutes"}]}"#, pointer: "/steps/0/advanceClock",
            message: "is not a duration"),
        Malformed(
            json: #"{"name": "x", "steps": [{"advanceClock": "999999999999999999d"}]}"#,
            pointer: "/steps/0/advanceClock",
            message: "at most 1,000 years"),
        Malformed(
            json: #"{"name": "x", "steps": [{"advanceClock": "1s", "expect": {}}]}"#, pointer: "/steps/0/expect",
            message: "unknown field \"expect\""),
        Malformed(
            json: #"{"name": "x", "clock": "2026-11-21 10:00", "steps": [\#(step)]}"#, pointer: "/clock",
            message: "not an ISO-8601 instant"),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "skewTimestamp": "1mo"}]}"#,
            pointer: "/steps/0/skewTimestamp", message: "is not a duration"),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "token": "stale"}]}"#,
            pointer: "/steps/0/token",
            message: "expected \"current\", \"expired\""),
        Malformed(
            json: #"{"name": "x", "steps": [{"service": "balance-inquiry", "repeat": 0}]}"#, pointer: "/steps/0/repeat",
            message: "from 1 to 1000"),
        Malformed(
            json:
                #"{"name": "x", "fixtures": {"customers": {"081234560001": {"balance": "100"}}}, "steps": [\#(step)]}"#,
            pointer: "/fixtures/customers/081234560001/balance", message: "is not an amount"),
        Malformed(
            json:
                #"{"name": "x", "fixtures": {"customers": {"081234560001": {"status": "frozen"}}}, "steps": [\#(step)]}"#,
            pointer: "/fixtures/customers/081234560001/status", message: "unknown status \"frozen\""),
        Malformed(
            json: #"{"scenarios": [{"name": "a", "steps": [\#(step)]}, {"name": "a", "steps": [\#(step)]}]}"#,
            pointer: "/scenarios/1/name", message: "already named \"a\""),
        Malformed(
            json: #"{"scenarios": [{"name": "a", "steps": [\#(step)]}, {"name": "b", "steps": [{"service": 11}]}]}"#,
            pointer: "/scenarios/1/steps/0/service", message: "expected a service name or code"),
    ]

    @Test(arguments: cases)
    func loader_NamesFileAndPointer_WhenFileIsMalformed(_ malformed: Malformed) throws {
        let problems = ScenarioHarness.problems(malformed.json, file: "Scenarios/bad.json")
        let problem = try #require(
            problems.first { $0.pointer.description == malformed.pointer }, "problems: \(problems)")
        #expect(problem.file == "Scenarios/bad.json")
        #expect(problem.message.contains(malformed.message), "\(problem.message)")
        #expect(problem.description.hasPrefix("Scenarios/bad.json"))
    }

    @Test func loader_ReportsEveryProblemOfAFile_InOnePass() {
        let json =
            #"{"name": "x", "steps": [{"service": "nope"}, {"advanceClock": "soon"}, {"service": "balance-inquiry", "expect": {"status": 42}}]}"#
        let pointers = ScenarioHarness.problems(json).map(\.pointer.description)
        #expect(pointers == ["/steps/0/service", "/steps/1/advanceClock", "/steps/2/expect/status"])
    }

    @Test func loader_ReadsEveryPartOfAWellFormedScenario() throws {
        let json = #"""
            {"name": "all parts", "partner": "snapsim-demo-2", "clock": "2026-11-30T23:59:00+07:00", "seed": 7,
             "variables": {"ref": "R-1"},
             "fixtures": {"customers": {"081234560001": {"tier": "premium"}}},
             "steps": [
               {"name": "top up", "service": "emoney-topup", "body": {"partnerReferenceNo": "${ref}"}, "repeat": 2,
                "omitHeaders": ["CHANNEL-ID"], "setHeaders": {"X-Device": "d"}, "tamperSignature": true,
                "skewTimestamp": "-30s", "reuseExternalId": true, "token": {"partner": "snapsim-demo"},
                "expect": {"status": 200, "responseCode": {"regex": "200.*"}, "json": {"/amount/value": {"gte": "10000.00"}},
                           "headers": {"X-TIMESTAMP": {"exists": true}}, "minDelay": "3s"},
                "capture": {"referenceNo": "/referenceNo", "sent": {"requestHeader": "X-EXTERNAL-ID"}}},
               {"path": "/v1.0/custom?x=1", "method": "get", "rawBody": "${referenceNo}", "security": "none"},
               {"advanceClock": "1mo"}, {"setClock": "2026-12-01T00:00:00+07:00"}
             ]}
            """#
        let scenario = try #require(try ScenarioHarness.scenarios(json).first)
        #expect(scenario.partner == "snapsim-demo-2")
        #expect(scenario.seed == 7)
        #expect(scenario.clock == ISO8601Timestamp("2026-11-30T23:59:00+07:00")?.time)
        #expect(scenario.fixtures.customers.first?.tier == "premium")
        #expect(scenario.steps.count == 4)
        guard case .request(let topUp) = scenario.steps[0].action else {
            Issue.record("not a request")
            return
        }
        #expect(topUp.repeatCount == 2)
        #expect(topUp.headers.omit == ["CHANNEL-ID"])
        #expect(topUp.headers.skewTimestamp == .seconds(-30))
        #expect(topUp.headers.tamperSignature && topUp.headers.reuseExternalID)
        #expect(topUp.token == .ofPartner("snapsim-demo"))
        #expect(topUp.expect.minimumDelay == .seconds(3))
        #expect(topUp.captures.map(\.variable) == ["referenceNo", "sent"])
        guard case .request(let custom) = scenario.steps[1].action else {
            Issue.record("not a request")
            return
        }
        #expect(custom.target == .path(.get, try Template(parsing: "/v1.0/custom?x=1")))
        #expect(custom.security == RequestStep.Security.none)
        guard case .advanceClock(.months(1)) = scenario.steps[2].action else {
            Issue.record("not 1mo")
            return
        }
    }

    @Test func loader_NamesTheMissingPath_AndTheFileOfEachProblem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "snapsim-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"name": "fine", "steps": [\#(Self.step)]}"#.utf8).write(to: folder.appendingPathComponent("a.json"))
        try Data(#"{"name": "broken", "steps": [{"service": "x"}]}"#.utf8).write(
            to: folder.appendingPathComponent("b.json"))
        try Data("not a scenario".utf8).write(to: folder.appendingPathComponent("README.md"))

        #expect(try ScenarioLoader.files(at: [folder.path]) == [folder.path + "/a.json", folder.path + "/b.json"])
        do {
            _ = try ScenarioLoader.load(paths: [folder.path, folder.path + "/missing.json"])
            Issue.record("loaded a folder with a broken file")
        } catch {
            #expect(error.problems.map(\.file) == [folder.path + "/missing.json"])
            #expect(error.problems.first?.message == "no such file or folder")
        }
        do {
            _ = try ScenarioLoader.load(paths: [folder.path])
            Issue.record("loaded a folder with a broken file")
        } catch {
            #expect(error.problems.map(\.file) == [folder.path + "/b.json"])
            #expect(error.description.contains("b.json /steps/0/service: unknown service \"x\""))
        }
    }
}
