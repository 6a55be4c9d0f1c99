import Foundation
import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// Same fixtures, seed, start clock and requests → the same bytes, in two runs and against a committed golden file.
@Suite struct DeterminismTests {
    static let goldenPath: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast()
        return components.joined(separator: "/") + "/Golden/engine-transcript.txt"
    }()

    /// A session touching every service, success and error, across a Jakarta day and month boundary.
    static func transcript(seed: UInt64) -> String {
        var harness = ServiceHarness(seed: seed)
        let steps: [(String, ServiceDescriptor, JSONValue?, String, String?)] = [
            ("inquiry", .emoneyAccountInquiry, Bodies.accountInquiry(), "", nil),
            ("top-up", .customerTopUp, Bodies.topUp(amount: "250000.00"), "", "20261121000001"),
            ("top-up retried", .customerTopUp, Bodies.topUp(amount: "250000.00"), "", "20261121000002"),
            ("top-up inconsistent", .customerTopUp, Bodies.topUp(amount: "250001.00"), "", "20261121000003"),
            ("status", .topUpStatus, Bodies.topUpStatus(partnerReference: "TOPUP-0001"), "", nil),
            ("inquiry after top-up", .emoneyAccountInquiry, Bodies.accountInquiry(), "", nil),
            ("limit", .balanceLimitCheck, nil, "accountId=081977817902", nil),
            ("balance", .balanceInquiry, Bodies.balanceInquiry("IONPAYTEST", msId: "IONPAYMS01"), "", nil),
            ("balance wrong msId", .balanceInquiry, Bodies.balanceInquiry("IONPAYTEST", msId: "X"), "", nil),
            ("over limit", .customerTopUp, Bodies.topUp("081234560001", amount: "2000000.01", reference: "T2"), "", "20261121000004"),
            ("magic timeout", .emoneyAccountInquiry, Bodies.accountInquiry("081200005043700"), "", nil),
            ("not json", .emoneyAccountInquiry, nil, "", nil),
        ]
        var lines: [String] = []
        for (index, step) in steps.enumerated() {
            if index == 6 {
                // Next Jakarta month: the monthly headroom resets.
                harness.time = CivilDate(year: 2026, month: 12, day: 1, hour: 0, minute: 0, second: 1).time(offsetMinutes: 420)
            }
            let answer = step.2 == nil && step.1 != .balanceLimitCheck
                ? harness.call(step.1, rawBody: "oops", externalID: step.4)
                : harness.call(step.1, body: step.2, query: step.3, externalID: step.4)
            lines.append("# \(step.0) (\(step.1.name))")
            lines.append("delay \(answer.delay.wholeMilliseconds) ms")
            if let response = answer.response {
                lines.append("HTTP \(response.status.code)")
                for header in response.headers { lines.append("\(header.name): \(header.value)") }
                lines.append(String(decoding: response.body, as: UTF8.self))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func transcript_IsIdenticalAcrossRuns() {
        #expect(Self.transcript(seed: 20_261_121) == Self.transcript(seed: 20_261_121))
    }

    @Test func transcript_DependsOnTheSeed() {
        #expect(Self.transcript(seed: 1) != Self.transcript(seed: 2))
    }

    /// Set `SNAPSIM_RECORD_GOLDEN=1` to rewrite the golden file after an intended change.
    @Test func transcript_MatchesTheGoldenFile() throws {
        let transcript = Self.transcript(seed: 20_261_121)
        if ProcessInfo.processInfo.environment["SNAPSIM_RECORD_GOLDEN"] == "1"
            || !FileManager.default.fileExists(atPath: Self.goldenPath)
        {
            try transcript.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
            Issue.record("recorded \(Self.goldenPath); review and commit it, then run again")
            return
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        #expect(transcript == golden)
    }
}
