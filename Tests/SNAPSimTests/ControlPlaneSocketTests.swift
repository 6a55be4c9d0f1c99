import Foundation
import SimHTTP
import SocketTestSupport
import Synchronization
import Testing

@testable import SNAPSim
import SimJSON

/// The control plane over real sockets: a ``Simulator`` behind SimServer on 127.0.0.1 port 0, driven by
/// blocking POSIX clients. Serialized: each test owns its server and threads.
@Suite(.serialized) struct ControlPlaneSocketTests {
    @Test func journal_RecordsWhatArrived_AndKeepsOnlyTheNewest() throws {
        let live = try LiveServer(ControlWorld(journalCapacity: 10))
        defer { live.server.shutdown() }
        let client = try live.connect()
        let token = try client.token(live.world, .alpha)
        var last: HTTPRequest?
        for index in 0..<24 {
            let request = live.world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry(index == 23 ? "99999999" : "12345678"))
            _ = try client.call(request)
            last = request
        }
        let journal = try live.admin(.get, "/_sim/requests?partner=partner-alpha")
        #expect(journal["/count"] == 10)
        #expect(try live.admin(.get, "/_sim/requests/count?partner=partner-alpha&service=access-token-b2b")["/count"] == 0)
        let newest = try #require(journal["/requests/9"])
        #expect(newest[pointer: JSONPointer(tokens: ["body"])]?.stringValue == String(decoding: last?.body ?? [], as: UTF8.self))
        #expect(newest[pointer: JSONPointer(tokens: ["headers", "X-EXTERNAL-ID"])]?.stringValue == last?.headers["X-EXTERNAL-ID"])
        #expect(newest[pointer: JSONPointer(tokens: ["headers", "Host"])] == "127.0.0.1")
        #expect(newest[pointer: JSONPointer(tokens: ["response", "responseCode"])] == "4041111")
        #expect(newest[pointer: JSONPointer(tokens: ["verdict", "result"])] == "accepted")
        #expect(try live.admin(.delete, "/_sim/requests?partner=partner-alpha")["/cleared"] == "partner-alpha")
        #expect(try live.admin(.get, "/_sim/requests/count?partner=partner-alpha")["/count"] == 0)
    }

    @Test func faults_AsAClientSeesThem() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let token = try live.connect().token(live.world, .alpha)
        for fault in ["closeConnection", "truncatedBody", "malformedBody"] {
            let added = try live.admin(.post, "/_sim/faults", [
                "partner": "partner-alpha", "when": ["service": "balance-inquiry"], "then": ["fault": .string(fault)], "times": 1,
            ])
            #expect(added.status == 201)
        }
        func send() throws -> (LoopbackClient, WireResult) {
            let client = try live.connect()
            let request = live.world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())
            return (client, try client.exchange(request.wireBytes))
        }

        let (_, closed) = try send()
        guard case .closedWithoutResponse = closed else { throw ControlTestError("expected a close without answer, got \(closed)") }

        let (_, truncated) = try send()
        guard case .truncated(let status, let declared, let received) = truncated else {
            throw ControlTestError("expected a truncated body, got \(truncated)")
        }
        #expect(status == 200)
        #expect(received < declared)
        #expect(received == declared / 2)

        let (client, malformed) = try send()
        #expect(malformed.status == 200)
        let body = try #require(malformed.body)
        #expect(throws: (any Error).self) { try JSONParser.parse(body) }
        // A malformed body is well framed: the connection stays usable.
        let next = try client.call(live.world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry()))
        #expect(next.code == "2001100")
    }

    @Test func delay_DoesNotHoldTheLoopOrSlowOtherConnections() throws {
        // One event loop: if a delay held its thread, every other connection would wait too.
        let live = try LiveServer(ControlWorld(), eventLoops: 1)
        defer { live.server.shutdown() }
        let world = live.world
        let alphaToken = try live.connect().token(world, .alpha)
        let betaToken = try live.connect().token(world, .beta)
        // The delay is the window in which beta's five answers must come: long enough that a loaded machine's
        // scheduling cannot use it up.
        #expect(try live.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "then": ["delayMs": 6000], "times": 1]).status == 201)

        let delayed = Mutex<(code: String?, elapsed: Duration)?>(nil)
        let port = live.port
        let errors = runConcurrently([
            {
                let client = try LoopbackClient(port: port, timeout: .seconds(60))
                let start = ContinuousClock.now
                let answer = try client.call(world.transaction(.alpha, token: alphaToken, ControlWorld.balancePath, Bodies.balanceInquiry()))
                delayed.withLock { $0 = (answer.code, ContinuousClock.now - start) }
            },
            {
                let betaClient = try LoopbackClient(port: port)
                // Wait until the delayed request is in (the journal records it before the delay), then race it.
                let deadline = ContinuousClock.now + .seconds(60)  // a ceiling, for a machine under load
                while world.simulator.journalEntries(matching: JournalFilter(partner: "partner-alpha", service: "balance-inquiry")).isEmpty {
                    guard ContinuousClock.now < deadline else { throw ControlTestError("the delayed request never arrived") }
                    Thread.sleep(forTimeInterval: 0.005)
                }
                // Ordering, not timing: all five of beta's answers arrive while alpha's is still held back.
                for _ in 0..<5 {
                    let answer = try betaClient.call(world.transaction(.beta, token: betaToken, ControlWorld.balancePath, Bodies.balanceInquiry()))
                    guard answer.code == "2001100" else { throw ControlTestError("beta got \(answer.text)") }
                }
                guard delayed.withLock({ $0 }) == nil else { throw ControlTestError("the delayed answer came before beta's") }
            },
        ])
        #expect(errors.isEmpty, "\(errors)")
        let result = try #require(delayed.withLock { $0 })
        #expect(result.code == "2001100")
        // A lower bound only: the delay cannot end early, while an upper bound would depend on the machine's load.
        #expect(result.elapsed >= .milliseconds(6000))
    }

    @Test func fixtureSwap_UnderConcurrentRequests_NeverMixesTwoSets() throws {
        let setA = DefaultFixtures.files
        let setB = Self.swappedSet()
        // What each set answers to the probe, computed on simulators of their own.
        let probe = HTTPRequest(method: .post, target: ControlWorld.balancePath, headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        let answerA = try Self.body(of: probe, setA)
        let answerB = try Self.body(of: probe, setB)
        #expect(answerA != answerB)

        let live = try LiveServer(ControlWorld(fixtures: try LoadedFixtures.load(files: setA)))
        defer { live.server.shutdown() }
        let swapsDone = Atomic<Bool>(false)
        let seen = Mutex<(a: Int, b: Int, other: [String])>((0, 0, []))
        let port = live.port
        let client: @Sendable () throws -> Void = {
            let connection = try LoopbackClient(port: port)
            while !swapsDone.load(ordering: .acquiring) {
                let answer = try connection.call(probe)
                seen.withLock { seen in
                    if answer.bytes == answerA { seen.a += 1 } else if answer.bytes == answerB { seen.b += 1 } else { seen.other.append(answer.text) }
                }
            }
        }
        let swapper: @Sendable () throws -> Void = {
            defer { swapsDone.store(true, ordering: .releasing) }
            let answered = { seen.withLock { $0.a + $0.b + $0.other.count } }
            for round in 0..<16 {
                let files = round.isMultiple(of: 2) ? setB : setA
                let body: JSONValue = ["files": .object(JSONObject(files.map { ($0.path, JSONValue.string($0.contents)) }))]
                let answer = try live.admin(.post, "/_sim/fixtures", body)
                guard answer.status == 200 else { throw ControlTestError("swap \(round) answered \(answer.status): \(answer.json)") }
                // Each set serves requests before the next swap: with one request in flight per client, the third
                // answer after the swap was asked for after it (a client thread starved by a loaded machine would
                // otherwise see only one set, or none).
                let before = answered()
                guard eventually(within: .seconds(60), { answered() >= before + 3 }) else {
                    throw ControlTestError("no answers after swap \(round)")
                }
            }
        }
        let errors = runConcurrently([client, client, swapper])
        #expect(errors.isEmpty, "\(errors)")
        let result = seen.withLock { $0 }
        #expect(result.other.isEmpty, "answers from neither set: \(result.other.prefix(3))")
        #expect(result.a > 0)
        #expect(result.b > 0)
        #expect(try live.admin(.get, "/_sim/fixtures")["/generation"] == 17)
    }

    /// The defaults with the paths of balance inquiry and e-money account inquiry exchanged, and another
    /// message for 400xx02: an answer from a half-swapped set would pair one set's service code with the
    /// other's message.
    static func swappedSet() -> [(path: String, contents: String)] {
        DefaultFixtures.files.map { file in
            var contents = file.contents
            if file.path == "profiles/snap.json" {
                contents = contents
                    .replacingOccurrences(of: "\"/v1.0/balance-inquiry\"", with: "\"@swap@\"")
                    .replacingOccurrences(of: "\"/v1.0/emoney/account-inquiry\"", with: "\"/v1.0/balance-inquiry\"")
                    .replacingOccurrences(of: "\"@swap@\"", with: "\"/v1.0/emoney/account-inquiry\"")
            }
            if file.path == "response-codes.json" {
                contents = contents.replacingOccurrences(of: "Invalid Mandatory Field {field}", with: "Missing Mandatory Field {field}")
            }
            return (file.path, contents)
        }
    }

    static func body(of request: HTTPRequest, _ files: [(path: String, contents: String)]) throws -> [UInt8] {
        let simulator = Simulator(fixtures: try LoadedFixtures.load(files: files), options: SimulatorOptions(clock: .fixed(at: ControlWorld.start)))
        guard case .respond(let response) = simulator.respond(to: request).action else { throw ControlTestError("no answer") }
        return response.body
    }

    @Test func isolation_TwoPartnersConcurrentlyOnOneServer() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let world = live.world
        let port = live.port
        // A forced outcome for alpha only.
        #expect(try live.admin(.post, "/_sim/faults", ["partner": "partner-alpha", "when": ["service": "balance-inquiry"], "then": ["case": "500xx00"]]).status == 201)
        let alphaToken = Mutex<String?>(nil)

        let alpha: @Sendable () throws -> Void = {
            let client = try LoopbackClient(port: port)
            let token = try client.token(world, .alpha)
            alphaToken.withLock { $0 = token }
            for index in 1...5 {
                let answer = try client.call(world.transaction(.alpha, token: token, ControlWorld.topUpPath, Bodies.topUp("081234560001", amount: "10000.00", reference: "A-\(index)")))
                guard answer.code == "2003800" else { throw ControlTestError("alpha top-up: \(answer.text)") }
            }
            let inquiry = try client.call(world.transaction(.alpha, token: token, ControlWorld.accountInquiryPath, Bodies.accountInquiry("081234560001")))
            guard inquiry["/maxAmount/value"] == "1950000.00" else { throw ControlTestError("alpha inquiry: \(inquiry.text)") }
            let balance = try client.call(world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry()))
            guard balance.code == "5001100" else { throw ControlTestError("alpha's forced outcome: \(balance.text)") }
            let async = try client.call(world.transaction(.alpha, token: token, ControlWorld.topUpPath, Bodies.topUp("081234560001", amount: "10000.00", reference: "ASYNC-A1")))
            guard async.code == "2023800" else { throw ControlTestError("alpha async top-up: \(async.text)") }
        }
        let beta: @Sendable () throws -> Void = {
            let client = try LoopbackClient(port: port)
            let token = try client.token(world, .beta)
            for _ in 1...5 {
                let inquiry = try client.call(world.transaction(.beta, token: token, ControlWorld.accountInquiryPath, Bodies.accountInquiry("081234560001")))
                guard inquiry["/maxAmount/value"] == "2000000.00" else { throw ControlTestError("beta saw alpha's top-ups: \(inquiry.text)") }
            }
            let balance = try client.call(world.transaction(.beta, token: token, ControlWorld.balancePath, Bodies.balanceInquiry()))
            guard balance.code == "2001100" else { throw ControlTestError("beta got alpha's forced outcome: \(balance.text)") }
            let topUp = try client.call(world.transaction(.beta, token: token, ControlWorld.topUpPath, Bodies.topUp("081300000001", amount: "20000.00", reference: "B-1")))
            guard topUp.code == "2003800" else { throw ControlTestError("beta top-up: \(topUp.text)") }
            let status = try client.call(world.transaction(.beta, token: token, ControlWorld.topUpStatusPath, Bodies.topUpStatus(partnerReference: "A-1")))
            guard status["/latestTransactionStatus"] == "07" else { throw ControlTestError("beta found alpha's top-up: \(status.text)") }
        }
        let errors = runConcurrently([alpha, beta])
        #expect(errors.isEmpty, "\(errors)")

        // Alpha's token never works for beta.
        let stolen = try #require(alphaToken.withLock { $0 })
        let client = try live.connect()
        #expect(try client.call(world.transaction(.beta, token: stolen, ControlWorld.balancePath, Bodies.balanceInquiry())).code == "4011101")
        // Journal, scenario states and ledgers are per partner.
        #expect(try live.admin(.get, "/_sim/requests/count?partner=partner-alpha")["/count"] == 9)
        #expect(try live.admin(.get, "/_sim/state?partner=partner-alpha")["/scenarios/0/state"] == "Pending")
        #expect(try live.admin(.get, "/_sim/state?partner=partner-beta")["/scenarios/0/state"] == "Started")
        // Resetting alpha leaves beta alone.
        #expect(try live.admin(.post, "/_sim/reset?partner=partner-alpha")["/reset"] == "partner-alpha")
        #expect(try live.admin(.get, "/_sim/accounts/081234560001?partner=partner-alpha")["/mayTopUp/value"] == "2000000.00")
        #expect(try live.admin(.get, "/_sim/accounts/081300000001?partner=partner-beta")["/balance/value"] == "5020000.00")
        #expect(try live.admin(.get, "/_sim/requests/count?partner=partner-alpha")["/count"] == 0)
        #expect(try live.admin(.get, "/_sim/requests/count?partner=partner-beta")["/count"] == 10)
        #expect(try live.admin(.get, "/_sim/faults")["/count"] == 0)
    }
}
