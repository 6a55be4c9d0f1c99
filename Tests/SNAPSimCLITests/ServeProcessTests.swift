import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `snapsim` binary as a user would, from a folder that holds nothing else.
@Suite(.serialized) struct ServeProcessTests {
    /// The `snapsim` executable `swift test` built beside the test bundle.
    static func builtBinary() throws -> URL {
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("snapsim"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("snapsim"),
        ]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
    }

    /// Starts `snapsim serve` from a copy of the binary in an empty temporary folder and returns once it prints its port;
    /// the caller removes the folder (a 28 MB binary) when the process has ended.
    static func startCopiedServer(_ arguments: [String]) throws -> (Process, port: Int, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("snapsim")
        try FileManager.default.copyItem(at: try builtBinary(), to: copy)

        let process = Process()
        process.executableURL = copy
        process.currentDirectoryURL = folder
        process.arguments = ["serve", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()

        var text = ""
        let deadline = Date().addingTimeInterval(10)
        while !text.contains("\n"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let match = try #require(text.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/), "serve printed: \(text)")
        return (process, try #require(Int(match.1)), folder)
    }

    static func fetch(_ url: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil)
        async throws -> (status: Int, body: String)
    {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func copiedBinary_ServesEmbeddedFixtures_AndExitsZeroOnSIGINT() async throws {
        let (process, port, folder) = try Self.startCopiedServer(["--seed", "7", "--clock", "2026-11-21T10:00:00+07:00"])
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }

        let health = try await Self.fetch("http://127.0.0.1:\(port)/_sim/health")
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)

        // A token request without a signature proves the catalogue and routes came from the embedded fixtures.
        let token = try await Self.fetch(
            "http://127.0.0.1:\(port)/v1.0/access-token/b2b", method: "POST",
            headers: ["Content-Type": "application/json", "X-TIMESTAMP": "2026-11-21T10:00:00+07:00", "X-CLIENT-KEY": "snapsim-demo"],
            body: #"{"grantType":"client_credentials"}"#)
        #expect(token.status == 400)
        #expect(token.body.contains(#""responseCode":"4007302""#))
        #expect(token.body.contains("X-SIGNATURE"))

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test func readyFile_AndReadyJSON_CarryPortBaseURLAndAdminToken() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-ready-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let readyPath = folder.appendingPathComponent("ready.json").path
        let process = Process()
        process.executableURL = try Self.builtBinary()
        process.arguments = ["serve", "--port", "0", "--ready-file", readyPath, "--ready-json", "--admin-token", "tok-1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)  // left in the temporary directory by every run before
        }

        // Standard output's first line is the JSON line; the file holds the same line.
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let line = try #require(text.split(separator: "\n").first.map(String.init))
        let fileText = try #require(FileManager.default.contents(atPath: readyPath))
        #expect(String(decoding: fileText, as: UTF8.self) == line + "\n")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let port = try #require(json["port"] as? Int)
        #expect(json["baseURL"] as? String == "http://127.0.0.1:\(port)")
        #expect(json["adminToken"] as? String == "tok-1")
        #expect(json["pid"] as? Int == Int(process.processIdentifier))

        let requests = try await Self.fetch(
            "http://127.0.0.1:\(port)/_sim/requests", headers: ["Authorization": "Bearer tok-1"])
        #expect(requests.status == 200)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func readyFile_InAMissingFolder_ExitsOne() throws {
        let process = Process()
        process.executableURL = try Self.builtBinary()
        process.arguments = ["serve", "--port", "0", "--ready-file", "/nonexistent/snapsim/ready.json"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(message.contains("cannot write the ready file /nonexistent/snapsim/ready.json"))
    }

    @Test func serve_ExitsOneNamingTheProblem_WhenFixtureFolderIsMissing() throws {
        let process = Process()
        process.executableURL = try Self.builtBinary()
        process.arguments = ["serve", "--port", "0", "--fixtures", "/nonexistent/snapsim-fixtures"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(message.contains("/nonexistent/snapsim-fixtures"))
    }
}
