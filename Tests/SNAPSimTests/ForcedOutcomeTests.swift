import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// `POST`/`GET`/`DELETE /_sim/faults` in-process: what each forced outcome does to the reply, counts,
/// matching, validation and isolation. ControlPlaneSocketTests shows the faults as a client sees them.
@Suite struct ForcedOutcomeTests {
    let world = ControlWorld()

    private func balance(_ partner: TestPartner, _ token: String, account: String = "12345678") -> HTTPReply {
        world.simulator.respond(to: world.transaction(partner, token: token, ControlWorld.balancePath, Bodies.balanceInquiry(account)))
    }

    @Test func caseCode_IsForcedForTheNextNRequests_ThenTheNormalAnswerReturns() throws {
        let token = try world.token(for: .alpha)
        let added = try world.admin(.post, "/_sim/faults", [
            "partner": "partner-alpha", "when": ["service": "balance-inquiry"], "then": ["case": "500xx00"], "times": 2,
        ])
        #expect(added.status == 201)
        #expect(added["/id"] == "fault-1")
        #expect(added["/remaining"] == 2)
        let codes = (0..<3).map { _ in SecurityAnswer(balance(.alpha, token)).code }
        #expect(codes == ["5001100", "5001100", "2001100"])
        #expect(try world.admin(.get, "/_sim/faults")["/count"] == 0)
        let journal = try world.admin(.get, "/_sim/requests?partner=partner-alpha&service=11")
        #expect(journal["/requests"]?.arrayValue?.map { $0[pointer: "/matchedRule"] } == ["fault-1", "fault-1", .null])
    }

    @Test func bodyCondition_LimitsTheOutcome_AndStatusWithBodyIsAnsweredAsIs() throws {
        let token = try world.token(for: .alpha)
        try world.admin(.post, "/_sim/faults", [
            "partner": "partner-alpha", "when": ["body": ["/accountNo": "12345678"]],
            "then": ["httpStatus": 503, "body": ["error": "maintenance"]],
        ])
        let forced = SecurityAnswer(balance(.alpha, token))
        #expect(forced.status == 503)
        #expect(forced.text == #"{"error":"maintenance"}"#)
        // Another account is not matched; the outcome stays until cleared.
        #expect(SecurityAnswer(balance(.alpha, token, account: "87654321")).status != 503)
        #expect(SecurityAnswer(balance(.alpha, token)).status == 503)
        #expect(try world.admin(.get, "/_sim/faults?partner=partner-alpha")["/faults/0/used"] == 2)
        #expect(try world.admin(.delete, "/_sim/faults?partner=partner-alpha&id=fault-1")["/cleared"] == 1)
        #expect(SecurityAnswer(balance(.alpha, token)).code == "2001100")
    }

    @Test func delay_IsCarriedByTheReply_NotWaitedFor() throws {
        let token = try world.token(for: .alpha)
        try world.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "then": ["delayMs": 1500], "times": 1])
        let reply = balance(.alpha, token)
        #expect(reply.delay == .milliseconds(1500))
        #expect(SecurityAnswer(reply).code == "2001100")
        #expect(balance(.alpha, token).delay == .zero)
    }

    @Test func faults_ChangeTheReplyAction() throws {
        let token = try world.token(for: .alpha)
        for fault in ["closeConnection", "truncatedBody", "malformedBody"] {
            try world.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "then": ["fault": .string(fault)], "times": 1])
        }
        #expect(balance(.alpha, token).action == .closeWithoutResponse)

        guard case .writeRawAndClose(let bytes) = balance(.alpha, token).action else {
            Issue.record("a truncated body is written raw")
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let head = try #require(text.range(of: "\r\n\r\n"))
        let declared = try #require(text[..<head.lowerBound].split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("content-length:") }.flatMap { Int($0.split(separator: " ").last ?? "") })
        let sent = text.utf8.count - text[..<head.upperBound].utf8.count
        #expect(sent == declared / 2)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))

        let malformed = SecurityAnswer(balance(.alpha, token))
        #expect(malformed.status == 200)
        #expect(malformed.text.hasSuffix("<<malformed by snapsim>>"))
        #expect(throws: (any Error).self) { try JSONParser.parse(Array(malformed.text.utf8)) }

        let journal = try world.admin(.get, "/_sim/requests?partner=partner-alpha&service=balance-inquiry")
        #expect(journal["/requests"]?.arrayValue?.map { $0[pointer: "/response/fault"] } == ["closeConnection", "truncatedBody", "malformedBody"])
        // The journal shows the answer the fault mangled.
        #expect(journal["/requests/0/response/responseCode"] == "2001100")
    }

    @Test func faults_ArePerPartner_AndClearedByThePartnersReset() throws {
        let alpha = try world.token(for: .alpha)
        let beta = try world.token(for: .beta)
        try world.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "then": ["case": "504xx00"]])
        try world.admin(.post, "/_sim/faults", ["partner": "partner-beta", "then": ["fault": "closeConnection"], "times": 3])
        #expect(SecurityAnswer(balance(.alpha, alpha)).code == "5041100")
        #expect(balance(.beta, beta).action == .closeWithoutResponse)
        let listed = try world.admin(.get, "/_sim/faults")
        #expect(listed["/faults"]?.arrayValue?.map { $0[pointer: "/partner"] } == ["partner-alpha", "partner-beta"])
        #expect(listed["/faults/1/remaining"] == 2)
        try world.admin(.post, "/_sim/reset?partner=partner-alpha")
        #expect(SecurityAnswer(balance(.alpha, alpha)).status == 401)  // the reset dropped alpha's token too
        #expect(try world.admin(.get, "/_sim/faults")["/count"] == 1)
        #expect(balance(.beta, beta).action == .closeWithoutResponse)
    }

    @Test func badRequests_Get422WithEveryProblem() throws {
        let answer = try world.admin(.post, "/_sim/faults", [
            "partner": "nobody", "when": ["partner": "partner-beta"], "then": ["fault": "timeout"], "times": 0, "extra": true,
        ])
        #expect(answer.status == 422)
        let messages = answer["/problems"]?.arrayValue?.compactMap { $0[pointer: "/message"]?.stringValue } ?? []
        let pointers = answer["/problems"]?.arrayValue?.compactMap { $0[pointer: "/pointer"]?.stringValue } ?? []
        #expect(pointers.sorted() == ["/extra", "/partner", "/then/fault", "/times", "/when/partner"])
        #expect(messages.contains { $0.contains("closeConnection, truncatedBody, malformedBody") })

        let badCase = try world.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "then": ["case": "999xx99"]])
        #expect(badCase.status == 422)
        #expect(badCase["/problems/0/pointer"] == "/then/case")
        #expect(try world.admin(.post, "/_sim/faults", nil).status == 400)
        #expect(try world.admin(.get, "/_sim/faults")["/count"] == 0)
        #expect(try world.admin(.delete, "/_sim/faults?id=fault-1").status == 400)
    }

    @Test func forcedOutcomes_ComeBeforeFixtureRules_OldestFirst() throws {
        let token = try world.token(for: .alpha)
        // 5001100000 is a magic account (500xx00); a forced outcome wins over it.
        try world.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "then": ["case": "403xx04"], "times": 1])
        try world.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "then": ["case": "504xx00"], "times": 1])
        let codes = (0..<3).map { _ in SecurityAnswer(balance(.alpha, token, account: "5001100000")).code }
        #expect(codes == ["4031104", "5041100", "5001100"])
    }
}
