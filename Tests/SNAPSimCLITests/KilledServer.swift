import Foundation
import SNAPScenario
import SimHTTP
import SimJSON
import SocketTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `snapsim serve --state DIR` as a child process, started and waited for through `--ready-file`
/// (polled, never slept on), and killed with SIGKILL.
struct KilledServer {
    static let adminToken = "kill-test"
    let process: Process
    let port: Int
    /// What the server printed on standard error before it was ready (the `state:` lines).
    let startLines: String

    init(state directory: String, extra: [String] = []) throws {
        let ready = directory + ".ready"
        try? FileManager.default.removeItem(atPath: ready)
        let process = Process()
        process.executableURL = try ServeProcessTests.builtBinary()
        process.arguments = [
            "serve", "--port", "0", "--state", directory, "--clock", DurableKillTests.clock, "--seed", "7",
            "--admin-token", Self.adminToken, "--ready-file", ready, "--ready-json", "--event-loops", "2",
            // Frequent snapshots, so kills land before, during and after snapshots and compactions too.
            "--snapshot-every", "40",
        ] + extra
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        // Bounded, so a server that never gets ready fails the test instead of hanging the run.
        let deadline = ContinuousClock.now + .seconds(120)
        while !FileManager.default.fileExists(atPath: ready) {
            guard process.isRunning else {
                let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw LoopbackClientError("snapsim serve --state exited: \(text)")
            }
            guard ContinuousClock.now < deadline else {
                _ = Glibc.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw LoopbackClientError("snapsim serve --state was not ready after 120 s")
            }
            usleep(2000)  // polling for the ready file
        }
        let line = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: ready))))
        self.process = process
        self.port = try #require(line.objectValue?["port"]?.intValue)
        // The start-up lines are written before the ready file.
        var text = ""
        while !text.contains("snapsim listening") || !text.contains("state:") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        startLines = text
    }

    func kill() {
        guard process.isRunning else { return }
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A B2B access token for `signer`'s partner.
    func token(_ signer: PartnerSigner, timestamp: String) throws -> String {
        let client = try LoopbackClient(port: port)
        let response = try client.exchange(Self.wire(try signer.tokenRequest(timestamp: timestamp)))
        let body = try JSONParser.parse(try #require(response.body))
        return try #require(body.objectValue?["accessToken"]?.stringValue, "\(body)")
    }

    /// A customer's balance in minor units, as the admin API shows the demo partner's ledger.
    func balance(of customer: String) throws -> Int {
        let client = try LoopbackClient(port: port)
        let response = try client.exchange(Array(
            "GET /_sim/accounts/\(customer)?partner=snapsim-demo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.adminToken)\r\n\r\n".utf8))
        let body = try JSONParser.parse(try #require(response.body))
        let text = try #require(body.objectValue?["balance"]?.stringValue ?? body.objectValue?["balance"]?.objectValue?["value"]?.stringValue, "\(body)")
        let parts = text.split(separator: ".")
        return (Int(parts[0]) ?? 0) * 100 + (parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
    }

    /// `request` as HTTP/1.1 bytes.
    static func wire(_ request: HTTPRequest) -> [UInt8] {
        var text = "\(request.method.rawValue) \(request.target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for field in request.headers { text += "\(field.name): \(field.value)\r\n" }
        text += "Content-Length: \(request.body.count)\r\n\r\n"
        return Array(text.utf8) + request.body
    }
}
