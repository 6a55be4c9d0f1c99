import Foundation
import SNAPScenario
import SNAPSim
import SocketTestSupport
import Testing

/// Issue 15: a balance inquiry's answer does not wait for its record's fsync, and the log writes batches of
/// reads without one (`DurableLog.unsyncedNanoseconds`); a record written to the file is in the page cache,
/// which a SIGKILL of the server does not lose. So once a read's record is in the log file, its X-EXTERNAL-ID
/// survives a `kill -9` (and a clean stop), whether or not it was synced.
@Suite(.serialized) struct DurableReadKillTests {
    @Test(arguments: [[], ["--journal-in-memory"]])
    func readsWrittenToTheLogSurviveKill9_AndACleanStop(extra: [String]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-readkill-\(UUID().uuidString)").path
        defer { for path in [directory, directory + ".ready"] { try? FileManager.default.removeItem(atPath: path) } }
        let demo = try #require(LoadedFixtures.defaults.partners["snapsim-demo"])
        let signer = try PartnerSigner(partner: demo)
        var server = try KilledServer(state: directory, extra: extra)
        let token = try server.token(signer, timestamp: DurableKillTests.clock)
        let inquiry = { (externalID: String) throws -> String in
            let body = #"{"partnerReferenceNo":"R\#(externalID)","accountNo":"12345678"}"#
            let request = try signer.transactionRequest(
                method: .post, target: "/v1.0/balance-inquiry", body: Array(body.utf8), token: token,
                timestamp: DurableKillTests.clock, externalID: externalID)
            let answer = try LoopbackClient(port: server.port).exchange(KilledServer.wire(request))
            return String(decoding: try #require(answer.body), as: UTF8.self)
        }
        let ids = (0..<8).map { "77100\($0)" }
        for id in ids { #expect(try inquiry(id).contains(#""responseCode":"2001100""#)) }
        // Polled, not slept: the writer writes the reads once its gathering ends (no fdatasync needed for that).
        let deadline = Date().addingTimeInterval(60)
        while !ids.allSatisfy({ Self.logHolds(directory, $0) }) && Date() < deadline { usleep(2_000) }
        #expect(ids.allSatisfy { Self.logHolds(directory, $0) }, "every read's record is in the log file")

        server.kill()
        server = try KilledServer(state: directory, extra: extra)
        for id in ids {
            #expect(try inquiry(id).contains(#""responseCode":"4091100""#), "\(id) after kill -9")
        }
        // The retries changed nothing new; a clean stop and a start keep the IDs too.
        server.process.interrupt()
        server.process.waitUntilExit()
        server = try KilledServer(state: directory, extra: extra)
        defer { server.kill() }
        for id in ids.prefix(2) {
            #expect(try inquiry(id).contains(#""responseCode":"4091100""#), "\(id) after a clean stop")
        }
    }

    /// Whether a log segment of `directory` holds `text` (read through the page cache, as a restart would).
    static func logHolds(_ directory: String, _ text: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("log") }.contains { name in
            guard let bytes = FileManager.default.contents(atPath: directory + "/" + name) else { return false }
            return bytes.range(of: Data(text.utf8)) != nil
        }
    }
}
