import SNAPScenario
import SNAPSim
import Testing

/// Expectations on JSON values: what matches and what is reported when it does not.
@Suite struct JSONMatcherTests {
    /// Runs one expectation against a limit-check answer of Budi: {"topupLimit":2000000.00,…,"sisaTopup":1850000.00}.
    static func mismatches(_ expect: String) async throws -> [Mismatch] {
        let json =
            #"{"name": "m", "steps": [{"service": "balance-limit-check", "query": {"accountId": "081977817902"}, "expect": \#(expect)}]}"#
        return try await ScenarioHarness.run(json).results.first?.failure?.failure?.mismatches ?? []
    }

    @Test(arguments: [
        #"{"json": {"/topupLimit": 2000000}}"#,
        #"{"json": {"/topupLimit": 2000000.000}}"#,
        #"{"json": {"/topupLimit": {"regex": "2000000\\.00"}}}"#,
        #"{"json": {"/topupLimit": {"gte": "2000000.00", "lt": 2000000.01}}}"#,
        #"{"json": {"/topupLimit": {"oneOf": [1, 2000000]}}}"#,
        #"{"json": {"/topupLimit": {"notEquals": 1}, "/nothing": {"absent": true}, "/sisaTopup": {"exists": true}}}"#,
        #"{"body": {"sisaTopup": 1850000}}"#,
        #"{"body": {"equals": {"sisaTopup": 1850000, "topupLimitMonthly": 20000000, "topupLimit": 2000000}}}"#,
        #"{"headers": {"content-type": {"regex": "application/json.*"}, "X-Nothing": {"absent": true}}}"#,
    ])
    func matcher_Matches(_ expect: String) async throws {
        #expect(try await Self.mismatches(expect) == [])
    }

    @Test func matcher_ReportsEachMismatch_WithPointerExpectedAndActual() async throws {
        let found = try await Self.mismatches(
            #"""
            {"status": 201, "json": {"/topupLimit": "2000000.00", "/sisaTopup": {"lt": 100}, "/x": {"exists": true}},
             "body": {"topupLimitMonthly": {"regex": "1.*"}}, "headers": {"X-TIMESTAMP": "never"}}
            """#)
        #expect(
            found == [
                Mismatch(subject: "status", expected: "201", actual: "200"),
                Mismatch(subject: "/topupLimit", expected: #""2000000.00""#, actual: "2000000.00"),
                Mismatch(subject: "/sisaTopup", expected: "< 100", actual: "1850000.00"),
                Mismatch(subject: "/x", expected: "present", actual: "(absent)"),
                Mismatch(subject: "/topupLimitMonthly", expected: "matches /1.*/", actual: "20000000.00"),
                Mismatch(subject: "header X-TIMESTAMP", expected: #""never""#, actual: #""2026-11-21T10:00:00+07:00""#),
            ])
    }

    @Test func matcher_ComparesArraysElementByElement_AndTheirLength() async throws {
        let json = #"""
            {"name": "a", "steps": [{"service": "balance-inquiry", "body": {"accountNo": "0099887766"},
              "expect": {"body": {"accountInfos": [{"balanceType": "FLOAT"}]}}}]}
            """#
        let found = try await ScenarioHarness.run(json).results.first?.failure?.failure?.mismatches ?? []
        #expect(
            found == [
                Mismatch(subject: "/accountInfos", expected: "an array of 1", actual: "an array of 2"),
                Mismatch(subject: "/accountInfos/0/balanceType", expected: #""FLOAT""#, actual: #""BALANCE""#),
            ])
    }

    @Test func matcher_ReportsAVariableWithoutValue() async throws {
        let json =
            #"{"name": "v", "steps": [{"service": "balance-limit-check", "query": {"accountId": "081977817902"}, "capture": {"limit": "/nope"}}]}"#
        let result = try #require(try await ScenarioHarness.run(json).results.first)
        #expect(!result.passed)
    }
}
