import SNAPSim
import SimServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `snapsim serve`: runs the simulator as an HTTP server until SIGINT or SIGTERM.
struct ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve the SNAP endpoints over HTTP (default 127.0.0.1:7788)"
    static let help = """
        Usage: snapsim serve [--host HOST] [--port PORT] [options]

        Serves the simulated SNAP provider. With no options it listens on 127.0.0.1:7788 and uses the
        fixtures built into the binary. Ctrl-C (or SIGTERM) finishes requests in flight and exits 0.

          --host HOST        Address to listen on (default 127.0.0.1)
          --port PORT        Port to listen on (default 7788; 0 picks a free port)
          --admin-token T    Bearer token of the admin API under /_sim/ (default: generated, printed at start)
          --max-connections N  Connections served at once; one more is answered 503 (default 4096)
          --event-loops N    Event-loop threads (default: one per core). 1 leaves the other cores to a load
                             generator on the same machine, which keeps tail latency low there
          --header-timeout S Seconds a client has to send a request head (default 10); then 408 and close
          --body-timeout S   Seconds a client has to send a request body once its head is in (default 30);
                             then 408 and close, however steadily bytes trickle in
          --idle-timeout S   Seconds a keep-alive connection may idle between requests (default 60)
          --journal-size N   Requests the journal keeps per partner (default 500); older ones are dropped
          --journal-mib N    MiB the whole journal keeps (default 64); past it the oldest requests of any
                             partner are dropped (bodies are kept clipped to 64 KiB each)
          --ready-file PATH  Once listening, write one JSON line to PATH (atomically, by rename):
                             {"port":…,"host":…,"baseURL":…,"adminToken":…,"pid":…}
          --ready-json       Print that JSON line as the first line of standard output; the prose
                             start-up lines go to standard error instead
          --state DIR        Keep all state in DIR (created if need be) and resume from it at the next start:
                             every change is on disk before its answer leaves; see docs/durable-state.md
          --snapshot-every N With --state: write a snapshot of the whole state every N logged changes
                             (default 10000; 0 for none) and delete the log it covers, so a start reads
                             the snapshot and replays at most N records
          --journal-in-memory With --state: do not rebuild the journal at a restart (it starts empty); a balance
                             inquiry is then logged as its X-EXTERNAL-ID alone (~40 bytes, not its ~470-byte
                             request), which makes reads cheaper
          --watch            Reload the --fixtures folder when a file in it changes (checked every 500 ms);
                             a set with problems is refused and the one in force keeps serving
        \(RejectionBudgetOption.help)
        \(SimulatorSetup.help)

        Exit status: 0 after SIGINT/SIGTERM (requests in flight finished); 1 when it cannot start (port in
        use, fixtures with problems, ready file not writable); 64 for a usage mistake.
        """

    var host: String
    var port: Int
    var adminToken: String?
    var maxConnections: Int
    var eventLoops: Int
    var headerTimeout: Duration
    var bodyTimeout: Duration
    var idleTimeout: Duration
    var journalSize: Int
    var journalMiB: Int
    var watch: Bool
    var readyFile: String?
    var readyJSON: Bool
    var stateDirectory: String?
    var snapshotEvery: Int
    var journalInMemory: Bool
    var rejectionBudget: RejectionBudgetOption
    var setup: SimulatorSetup

    init(parsing arguments: inout Arguments) throws(CLIError) {
        host = try arguments.option("host") ?? "127.0.0.1"
        port = try arguments.option("port", as: "a port number from 0 to 65535") { text in
            Int(text).flatMap { (0...65535).contains($0) ? $0 : nil }
        } ?? 7788
        adminToken = try arguments.option("admin-token")
        maxConnections = try arguments.option("max-connections", as: "a positive whole number") { text in
            Int(text).flatMap { $0 > 0 ? $0 : nil }
        } ?? HTTPServer.Configuration().maxConnections
        eventLoops = try arguments.option("event-loops", as: "a whole number from 1 to 64") { text in
            Int(text).flatMap { (1...64).contains($0) ? $0 : nil }
        } ?? HTTPServer.Configuration().eventLoopCount
        let defaults = HTTPServer.Configuration()
        headerTimeout = try Self.seconds(&arguments, "header-timeout") ?? defaults.headerTimeout
        bodyTimeout = try Self.seconds(&arguments, "body-timeout") ?? defaults.bodyTimeout
        idleTimeout = try Self.seconds(&arguments, "idle-timeout") ?? defaults.idleTimeout
        journalSize = try arguments.option("journal-size", as: "a positive whole number") { text in
            Int(text).flatMap { $0 > 0 ? $0 : nil }
        } ?? SimulatorOptions().journalCapacity
        journalMiB = try arguments.option("journal-mib", as: "a whole number of MiB from 1 to 65536") { text in
            Int(text).flatMap { (1...65536).contains($0) ? $0 : nil }
        } ?? Journal.defaultByteLimit >> 20
        watch = arguments.flag("watch")
        readyFile = try arguments.option("ready-file")
        readyJSON = arguments.flag("ready-json")
        stateDirectory = try arguments.option("state")
        snapshotEvery = try arguments.option("snapshot-every", as: "a whole number of records (0 for no snapshots)") { text in
            Int(text).flatMap { $0 >= 0 ? $0 : nil }
        } ?? 10_000
        journalInMemory = arguments.flag("journal-in-memory")
        rejectionBudget = try RejectionBudgetOption(parsing: &arguments)
        setup = try SimulatorSetup(parsing: &arguments)
        if journalInMemory && stateDirectory == nil {
            throw .usage("--journal-in-memory says how --state keeps the journal: give --state DIR")
        }
        if watch && setup.fixturesPath == nil {
            throw .usage("--watch reloads the --fixtures folder: give --fixtures PATH (the built-in fixtures never change)")
        }
    }

    func run(console: any Console) async throws -> Int32 {
        let fixtures = try setup.loadFixtures()
        let seed = setup.resolvedSeed()
        let token = adminToken ?? Self.randomToken()
        var options = SimulatorOptions(
            seed: seed, clock: setup.makeClock(), explain: setup.explain, adminToken: token, journalCapacity: journalSize,
            journalByteLimit: journalMiB << 20)
        options.rejectionBudget = rejectionBudget.makeBudget()
        var stateLines: [String] = []
        let simulator: Simulator
        if let stateDirectory {
            let report: DurableStart.Report
            do throws(DurableStateError) {
                (simulator, report) = try DurableStart.open(
                    directory: stateDirectory, fixtures: fixtures, files: FixtureFiles.read(setup.fixturesPath), options: options,
                    snapshotEvery: snapshotEvery, keepsJournal: !journalInMemory)
            } catch {
                throw CLIError("cannot use the state directory \(stateDirectory): \(error)")
            }
            stateLines = Self.describe(report, directory: stateDirectory, simulator: simulator)
        } else {
            simulator = Simulator(fixtures: fixtures, options: options)
        }

        var configuration = HTTPServer.Configuration()
        configuration.host = host
        configuration.port = port
        configuration.maxConnections = maxConnections
        configuration.eventLoopCount = eventLoops
        configuration.headerTimeout = headerTimeout
        configuration.bodyTimeout = bodyTimeout
        configuration.idleTimeout = idleTimeout
        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration, responder: simulator, logger: ConsoleLogger(console))
            try server.start()
        } catch {
            throw Self.startError(error, host: host, port: port)
        }
        server.stopOnSignals()
        if !Self.isLoopback(host) {
            console.err(
                "warning: listening on \(host) makes the admin API (/_sim/, guarded only by the admin token) and the "
                    + "sandbox partner keys reachable from the network; use --host 127.0.0.1 unless that is meant")
        }

        let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(server.localPort)"
        let ready = ReadyAnnouncement(host: host, port: server.localPort, baseURL: base, adminToken: token)
        if let readyFile {
            do throws(CLIError) {
                try ready.write(to: readyFile)
            } catch {
                await server.shutdown()
                throw error
            }
        }
        if readyJSON { console.out(ready.line) }
        let prose: (String) -> Void = readyJSON ? { console.err($0) } : { console.out($0) }
        prose("snapsim listening on \(base) (\(setup.fixturesDescription), seed \(simulator.options.seed), clock \(setup.clock), \(rejectionBudget.description)); try: curl -s \(base)/_sim/health")
        for line in stateLines { prose(line) }
        prose("admin token: \(token)   (curl -s -H 'Authorization: Bearer \(token)' \(base)/_sim/requests)")
        prose("inspector: \(base)/_sim/ui   (a web page over the admin API: enter the admin token in its form)")
        prose("openapi: \(base)/_sim/openapi.json   (the default profile's OpenAPI 3.1 document; ?profile=dana for another; no token)")
        prose("first signed call: swift run snapsim sign --target \(base) --send --path /v1.0/balance-inquiry --data '{\"partnerReferenceNo\":\"1\",\"accountNo\":\"12345678\"}'")

        var watcher: FixtureWatcher?
        if watch, let path = setup.fixturesPath {
            watcher = FixtureWatcher(directory: path, simulator: simulator) { console.err($0) }
            watcher?.start()
            prose("watching \(path): changed fixtures are reloaded (POST /_sim/fixtures does the same)")
        }

        await server.waitUntilStopped()
        watcher?.stop()
        simulator.options.stateLog?.close()
        console.err("snapsim stopped")
        return 0
    }

    /// The start-up lines of `--state`: resumed or fresh, and any torn tail that was cut.
    static func describe(_ report: DurableStart.Report, directory: String, simulator: Simulator) -> [String] {
        var lines: [String] = []
        if let cut = report.cutTail { lines.append("state: \(cut)") }
        if report.resumed {
            lines.append(
                "state: resumed from \(directory) (\(report.fromSnapshot ? "snapshot + " : "")\(report.replayed) records, "
                    + "\(report.logBytes) bytes; its seed \(report.seed), "
                    + "fixture generation \(simulator.fixtureGeneration) and clock \(simulator.clock.now()) are in force; "
                    + "--fixtures, --seed and --clock apply only to a fresh directory)")
        } else {
            lines.append("state: recording to \(directory) (fresh); every change is on disk before its answer leaves")
        }
        return lines
    }

    /// A timeout option in seconds (decimals allowed, e.g. 0.5).
    static func seconds(_ arguments: inout Arguments, _ name: String) throws(CLIError) -> Duration? {
        try arguments.option(name, as: "a positive number of seconds") { text in
            Double(text).flatMap { $0 > 0 && $0 <= 86_400 ? Duration.milliseconds(Int(($0 * 1000).rounded(.up))) : nil }
        }
    }

    /// Why the server could not start, with the one hint that fits.
    static func startError(_ error: any Error, host: String, port: Int) -> CLIError {
        if case .failed(let call, let code, _)? = error as? SocketError, call == "bind", code == EADDRINUSE {
            return CLIError("cannot listen on \(host):\(port): \(error). Is another server on that port? Try --port 0.")
        }
        return CLIError("cannot start the server on \(host):\(port): \(error)")
    }

    /// Whether `host` names this machine only.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// 32 hex characters; the admin token only guards a local sandbox, so a system random source is enough.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let value = generator.next() as UInt32
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }
}

/// Reports what the server cannot tell a client on the command's standard error.
struct ConsoleLogger: HTTPServerLogger {
    let console: any Console

    init(_ console: any Console) {
        self.console = console
    }

    func log(_ level: HTTPServerLogLevel, _ message: String) {
        console.err("snapsim server \(level.rawValue): \(message)")
    }
}
