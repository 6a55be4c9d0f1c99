import Dispatch
import Foundation
import SocketTestSupport
import Testing

/// `snapsim serve` tells the truth about starting (issue 10): it serves, or it exits non-zero saying why.
@Suite(.serialized) struct ServeStartTests {
    /// What one `snapsim serve` run printed before it either listened or exited.
    struct Run {
        let process: Process
        let stdout: String
        let stderr: Pipe
        var listened: Bool { stdout.contains("listening on") }
    }

    /// Runs `snapsim serve ARGS` through `sh` with the given descriptor limit, until it prints its banner
    /// line or exits.
    static func serve(_ arguments: [String], descriptorLimit: Int? = nil) throws -> Run {
        let binary = try ServeProcessTests.builtBinary().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = descriptorLimit.map { "ulimit -n \($0) && " } ?? ""
        process.arguments = ["-c", limit + "exec \"$0\" serve \"$@\"", binary] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // A start that neither serves nor exits must fail the test, not hang it.
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { [process] in
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // end of file: the process exited
            text += String(decoding: chunk, as: UTF8.self)
        }
        return Run(process: process, stdout: text, stderr: errors)
    }

    static func port(in banner: String) throws -> Int {
        let match = try #require(banner.firstMatch(of: /listening on http:\/\/[^:]+:(\d+)/), "banner: \(banner)")
        return try #require(Int(match.1))
    }

    static func stop(_ run: Run) -> String {
        run.process.interrupt()
        run.process.waitUntilExit()
        #expect(run.process.terminationReason == .exit, "stopped by the watchdog, not by SIGINT")
        return String(decoding: run.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func serve_ServesOrExitsNonZeroSayingWhy_AtEveryDescriptorLimit() throws {
        var loopFailures = 0
        // Eight loops need about 30 descriptors; every limit here is too low for some part of the start.
        for limit in stride(from: 12, through: 28, by: 2) {
            let run = try Self.serve(["--port", "0", "--event-loops", "8"], descriptorLimit: limit)
            #expect(!run.listened, "limit \(limit): \(run.stdout)")
            if run.listened { _ = Self.stop(run) }
            run.process.waitUntilExit()
            let errors = String(decoding: run.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(run.process.terminationStatus == 1, "limit \(limit): \(errors)")
            #expect(errors.contains("cannot start the server on 127.0.0.1:0: "), "limit \(limit): \(errors)")
            if errors.contains(/event loop \d+ could not start: epoll_create1 failed/) { loopFailures += 1 }
        }
        #expect(loopFailures > 0, "no limit made an event loop fail after the listeners were bound")

        // With room to spare, a server that said it listens answers on every loop.
        let run = try Self.serve(["--port", "0", "--event-loops", "8"], descriptorLimit: 256)
        #expect(run.listened, "\(run.stdout)")
        let port = try Self.port(in: run.stdout)
        for _ in 0..<16 {
            let client = try LoopbackClient(port: port)
            #expect(try client.exchange(Array("GET /_sim/health HTTP/1.1\r\nHost: x\r\n\r\n".utf8)).status == 200)
        }
        _ = Self.stop(run)
        #expect(run.process.terminationStatus == 0)
    }

    @Test func serve_WarnsThatNetworkCanReachAdminAndKeys_WhenHostIsNotLoopback() throws {
        let run = try Self.serve(["--host", "0.0.0.0", "--port", "0"])
        #expect(run.listened, "\(run.stdout)")
        let errors = Self.stop(run)
        #expect(errors.contains("warning: listening on 0.0.0.0 makes the admin API"))
        #expect(errors.contains("sandbox partner keys reachable from the network"))
    }

    @Test func serve_DoesNotWarn_OnLoopback() throws {
        let run = try Self.serve(["--port", "0", "--header-timeout", "0.5", "--body-timeout", "2", "--idle-timeout", "3"])
        #expect(run.listened, "\(run.stdout)")
        #expect(!Self.stop(run).contains("warning"))
    }
}
