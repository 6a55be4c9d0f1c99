import SNAPSim

/// `snapsim serve`: runs the simulator as an HTTP server.
struct ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve the SNAP endpoints over HTTP (default 127.0.0.1:7788)"
    static let help = """
        Usage: snapsim serve [--host HOST] [--port PORT] [options]

        Serves the simulated SNAP provider. With no options it listens on 127.0.0.1:7788 and uses the
        fixtures built into the binary.

          --host HOST       Address to listen on (default 127.0.0.1)
          --port PORT       Port to listen on (default 7788; 0 picks a free port)
        \(SimulatorSetup.help)
        """

    var host: String
    var port: Int
    var setup: SimulatorSetup

    init(parsing arguments: inout Arguments) throws(CLIError) {
        host = try arguments.option("host") ?? "127.0.0.1"
        port = try arguments.option("port", as: "a port number from 0 to 65535") { Int($0).flatMap { (0...65535).contains($0) ? $0 : nil } } ?? 7788
        setup = try SimulatorSetup(parsing: &arguments)
    }

    func run(console: any Console) async throws -> Int32 {
        console.err("serve: not wired to the server yet")
        return 1
    }
}
