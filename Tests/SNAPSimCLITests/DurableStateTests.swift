import Foundation
import SNAPScenario
import SNAPSim
import SimHTTP
import SimJSON
import SimLog
import Testing

/// `serve --state DIR` in-process: what a restart (close, then open the same directory) keeps.
@Suite struct DurableStateTests {
    static let start = "2026-01-15T09:00:00+07:00"
    static let admin = "admin"

    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-state-\(UUID().uuidString)").path
    }

    static func open(_ directory: String, seed: UInt64 = 7) throws -> (Simulator, DurableStart.Report) {
        let clock = SimulatorClock.fixed(at: try #require(ISO8601Timestamp(start)).time)
        let files = DefaultFixtures.files.map { DurableRecord.FixtureFile(path: $0.path, contents: $0.contents) }
        return try DurableStart.open(
            directory: directory, fixtures: LoadedFixtures.defaults, files: files,
            options: SimulatorOptions(seed: seed, clock: clock, adminToken: admin))
    }

    static func adminRequest(_ method: HTTPMethod, _ target: String, _ body: String = "") -> HTTPRequest {
        HTTPRequest(method: method, target: target, headers: ["Authorization": "Bearer \(admin)"], body: Array(body.utf8))
    }

    static func body(_ reply: HTTPReply) -> String {
        guard case .respond(let response) = reply.action else { return "" }
        return String(decoding: response.body, as: UTF8.self)
    }

    static func balance(_ simulator: Simulator, _ customer: String) -> String {
        body(simulator.respond(to: adminRequest(.get, "/_sim/accounts/\(customer)?partner=snapsim-demo")))
    }

    /// A signed top-up of 10000.00 for the demo partner, with a fresh token.
    static func topUp(_ simulator: Simulator, reference: String, external: String) throws -> HTTPReply {
        let demo = try #require(LoadedFixtures.defaults.partners["snapsim-demo"])
        let signer = try PartnerSigner(partner: demo)
        let now = PartnerSigner.timestamp(simulator.clock.now())
        let tokenReply = simulator.respond(to: try signer.tokenRequest(timestamp: now))
        let token = try #require(try JSONParser.parse(Array(body(tokenReply).utf8)).objectValue?["accessToken"]?.stringValue, "\(body(tokenReply))")
        let payload = #"{"partnerReferenceNo":"\#(reference)","customerNumber":"081300000001","amount":{"value":"10000.00","currency":"IDR"}}"#
        return simulator.respond(to: try signer.transactionRequest(
            method: .post, target: "/v1.0/emoney/topup", body: Array(payload.utf8), token: token, timestamp: now,
            externalID: external))
    }

    @Test func aRestartKeepsLedgerClockFixtureGenerationAndJournal_AndAResetIsKeptToo() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, report) = try Self.open(directory)
        #expect(!report.resumed)
        let opening = Self.balance(first, "081300000001")
        var files: [(String, JSONValue)] = []
        for file in DefaultFixtures.files { files.append((file.path, .string(file.contents))) }
        let swap = JSONValue.object(["files": .object(JSONObject(files))]).compactText
        #expect(Self.body(first.respond(to: Self.adminRequest(.post, "/_sim/fixtures", swap))).contains(#""generation":2"#))
        let credited = try Self.topUp(first, reference: "R1", external: "1001")
        #expect(Self.body(credited).contains(#""responseCode":"2003800""#))
        _ = first.respond(to: Self.adminRequest(.post, "/_sim/clock", #"{"advance":"2h"}"#))
        let balance = Self.balance(first, "081300000001")
        let now = first.clock.now()
        let journal = first.journalSize.entries
        first.options.stateLog?.close()

        let (second, resumed) = try Self.open(directory, seed: 99)
        #expect(resumed.resumed)
        #expect(resumed.seed == 7, "the directory's seed wins over the command line's")
        #expect(second.fixtureGeneration == 2)
        #expect(second.clock.now() == now)
        #expect(Self.balance(second, "081300000001") == balance)
        #expect(balance != opening)
        #expect(second.journalSize.entries == journal)
        let retried = try Self.topUp(second, reference: "R1", external: "1001")
        #expect(Self.body(retried).contains(#""responseCode":"4093800""#), "a replayed request is a retry, not a credit")

        _ = second.respond(to: Self.adminRequest(.post, "/_sim/reset"))
        second.options.stateLog?.close()
        let (third, _) = try Self.open(directory)
        defer { third.options.stateLog?.close() }
        #expect(Self.balance(third, "081300000001") == opening)
        #expect(third.clock.now() == (try #require(ISO8601Timestamp(Self.start)).time))
        #expect(third.fixtureGeneration == 2, "a reset restores the fixtures in force, not the first set")
    }

    @Test func aTornTailIsCutAndReported_AndEverythingBeforeItIsKept() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, _) = try Self.open(directory)
        #expect(Self.body(try Self.topUp(first, reference: "T1", external: "2001")).contains(#""responseCode":"2003800""#))
        let balance = Self.balance(first, "081300000001")
        first.options.stateLog?.close()
        // A record the kill interrupted: its header promises more bytes than were written.
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/log"))
        handle.seekToEndOfFile()
        handle.write(Data([0x40, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF]) + Data(repeating: 0x7B, count: 20))
        handle.closeFile()

        let (second, report) = try Self.open(directory)
        defer { second.options.stateLog?.close() }
        #expect(report.cutTail?.contains("cut 28 bytes of a torn tail") == true, "\(report.cutTail ?? "none")")
        #expect(Self.balance(second, "081300000001") == balance)
    }

    @Test func aSecondOpenerIsRefused() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, _) = try Self.open(directory)
        defer { first.options.stateLog?.close() }
        #expect {
            _ = try Self.open(directory)
        } throws: { error in
            "\(error)".contains("in use by another process")
        }
    }

    @Test func anIntactRecordThisVersionCannotReadStopsTheStartAndChangesNothing() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, _) = try Self.open(directory)
        first.options.stateLog?.close()
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            log.append([0xEE, 1, 2, 3])
            log.close()
        }
        let before = FileManager.default.contents(atPath: directory + "/log")
        #expect {
            _ = try Self.open(directory)
        } throws: { error in
            "\(error)".contains("not one this version of snapsim reads")
        }
        #expect(FileManager.default.contents(atPath: directory + "/log") == before)
    }
}
