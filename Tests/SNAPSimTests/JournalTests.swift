import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// The request journal in-process: verdicts, explanations, matched rules, filters and bounds.
@Suite struct JournalTests {
    @Test func acceptedRequest_RecordsTheStringToSignItVerified() throws {
        let world = ControlWorld()
        let token = try world.token(for: .alpha)
        let request = world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())
        #expect(world.send(request).code == "2001100")
        let entry = try world.admin(.get, "/_sim/requests?service=balance-inquiry")
        #expect(entry["/count"] == 1)
        #expect(entry["/requests/0/partner"] == "partner-alpha")
        #expect(entry["/requests/0/verdict/result"] == "accepted")
        #expect(entry["/requests/0/verdict/signingMode"] == "symmetric")
        let stringToSign = try #require(entry["/requests/0/verdict/stringToSign"]?.stringValue)
        #expect(stringToSign.hasPrefix("POST:/v1.0/balance-inquiry:\(token):"))
        #expect(stringToSign.hasSuffix(":" + (request.headers["X-TIMESTAMP"] ?? "")))
        #expect(entry["/requests/0/response/status"] == 200)
        #expect(entry["/requests/0/matchedRule"] == .null)
        #expect(try world.admin(.get, "/_sim/requests?service=access-token-b2b")["/requests/0/verdict/result"] == "accepted")
    }

    @Test func badSignature_RecordsTheExpectedStringToSign_EvenWithoutExplain() throws {
        let world = ControlWorld(explain: false)
        let token = try world.token(for: .alpha)
        var request = world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())
        request.headers["X-SIGNATURE"] = "AAAA"
        let answer = world.send(request)
        #expect(answer.code == "4011100")
        #expect(answer.explain == nil)  // --no-explain: nothing in the answer…
        let entry = try world.admin(.get, "/_sim/requests?responseCode=4011100")
        #expect(entry["/requests/0/verdict/result"] == "rejected")
        #expect(entry["/requests/0/verdict/check"] == "signature")
        // …but the journal keeps what was expected.
        #expect(entry["/requests/0/verdict/stringToSign"]?.stringValue?.hasPrefix("POST:/v1.0/balance-inquiry:") == true)
    }

    @Test func serviceRefusal_KeepsAcceptedVerdict_AndTheExplanation() throws {
        let world = ControlWorld(explain: false)
        let token = try world.token(for: .alpha)
        let answer = world.send(world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry("99999999")))
        #expect(answer.code == "4041111")
        let entry = try world.admin(.get, "/_sim/requests?responseCode=4041111")
        #expect(entry["/requests/0/verdict/result"] == "accepted")
        #expect(entry["/requests/0/explanation/summary"]?.stringValue?.contains("99999999") == true)
    }

    @Test func filters_CombineAndAcceptServiceCodes() throws {
        let world = ControlWorld()
        let token = try world.token(for: .alpha)
        for account in ["12345678", "5001100000", "12345678"] {
            _ = world.send(world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry(account)))
        }
        #expect(try world.admin(.get, "/_sim/requests/count?service=11")["/count"] == 3)
        #expect(try world.admin(.get, "/_sim/requests/count?service=11&status=500")["/count"] == 1)
        #expect(try world.admin(.get, "/_sim/requests/count?matchedRule=balance-general-error")["/count"] == 1)
        #expect(try world.admin(.get, "/_sim/requests/count?method=post&path=/v1.0/access")["/count"] == 1)
        #expect(try world.admin(.get, "/_sim/requests/count?partner=partner-beta")["/count"] == 0)
        let all = try world.admin(.get, "/_sim/requests")
        let second = try #require(all["/requests/1/sequence"]?.intValue)
        #expect(try world.admin(.get, "/_sim/requests/count?after=\(second)")["/count"] == 2)
        #expect(try world.admin(.get, "/_sim/requests?limit=1")["/requests/0/sequence"] == all["/requests/3/sequence"])
        #expect(try world.admin(.get, "/_sim/requests?limit=-1").status == 400)
        #expect(try world.admin(.get, "/_sim/requests?status=abc").status == 400)
    }

    @Test func memoryStaysFlat_WhenClientsInventPartnerIds() {
        let world = ControlWorld(journalCapacity: 20)
        for index in 0..<500 {
            let request = HTTPRequest(
                method: .post, target: ControlWorld.balancePath, headers: ["X-PARTNER-ID": "invented-\(index)"], body: [])
            _ = world.simulator.respond(to: request)
        }
        for _ in 0..<50 {
            _ = world.simulator.respond(to: world.transaction(.alpha, token: "none", ControlWorld.balancePath, Bodies.balanceInquiry()))
        }
        let (count, _, rings) = world.simulator.journalSize
        #expect(rings == 2)  // the shared ring for unknown names, and partner-alpha's
        #expect(count == 40)
        // An invented id is still searchable while its entry is in the shared ring.
        #expect(world.simulator.journalEntries(matching: JournalFilter(partner: "invented-499")).count == 1)
        #expect(world.simulator.journalEntries(matching: JournalFilter(partner: "invented-0")).isEmpty)
        world.simulator.clearJournal(partner: "invented-499")
        #expect(world.simulator.journalEntries().count == 39)
    }

    @Test func longBodies_AreClipped() {
        let world = ControlWorld()
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: JournalEntry.maximumBodyBytes * 2)
        _ = world.simulator.respond(to: HTTPRequest(method: .post, target: "/nowhere", body: body))
        let entry = world.simulator.journalEntries()[0]
        #expect(entry.body.hasSuffix("…(clipped: \(body.count) bytes)"))
        #expect(entry.body.utf8.count < body.count)
    }
}

/// The journal's byte bound and paged answers (issue 11 item 4).
@Suite struct JournalBoundTests {
    @Test func journal_StaysWithinItsByteLimit_DroppingTheOldestOfAnyPartner() {
        var journal = Journal(capacityPerPartner: 1000, byteLimit: 200_000)
        for index in 0..<100 {
            let body = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
            let entry = JournalEntry(
                sequence: 0, receivedAt: SimTime(millisecondsSince1970: 0), partner: index % 2 == 0 ? "a" : "b",
                method: "POST", target: "/x", headers: [], body: JournalEntry.text(body), service: nil, status: 200,
                responseCode: nil, responseBody: "", verdict: nil, explanation: nil, matchedRule: nil, fault: nil)
            journal.record(ring: index % 2 == 0 ? "a" : "b", entry)
            #expect(journal.byteCount <= 200_000)
        }
        let kept = journal.entries()
        #expect(kept.count >= 15 && kept.count < 20)
        #expect(kept.last?.sequence == 100)
        #expect(kept.map(\.sequence) == Array((101 - kept.count)...100))
    }

    @Test func invalidUTF8Bodies_StayWithinTheClip() {
        let body = [UInt8](repeating: 0xFF, count: JournalEntry.maximumBodyBytes * 3)
        let text = JournalEntry.text(body)
        #expect(text.utf8.count < JournalEntry.maximumBodyBytes + 64)
        #expect(text.hasSuffix("…(clipped: \(body.count) bytes)"))
        let short = JournalEntry.text([0xFF, 0xFE])
        #expect(short == "\u{FFFD}\u{FFFD}")
    }

    @Test func adminAnswer_IsPaged() throws {
        let world = ControlWorld()
        for _ in 0..<5 { _ = world.simulator.respond(to: HTTPRequest(method: .post, target: "/nowhere")) }
        let newest = try world.admin(.get, "/_sim/requests?limit=2")
        #expect(newest["/count"] == .int(2))
        #expect(newest["/requests/1/sequence"] == .int(5))
        #expect(newest["/next"] == .null)
        let first = try world.admin(.get, "/_sim/requests?after=0&limit=2")
        #expect(first["/requests/0/sequence"] == .int(1))
        #expect(first["/next"] == .int(2))
        let second = try world.admin(.get, "/_sim/requests?after=2&limit=2")
        #expect(second["/requests/0/sequence"] == .int(3))
        #expect(try world.admin(.get, "/_sim/requests?limit=5000").status == 400)
    }
}
