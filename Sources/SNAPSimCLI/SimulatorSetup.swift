import SNAPSim

/// The options every command that builds a simulator shares: `--fixtures`, `--seed`, `--clock`, `--no-explain`.
public struct SimulatorSetup: Sendable {
    /// `--fixtures`: a fixture folder, or the defaults compiled into the binary.
    var fixtures: FixtureOption

    /// The fixture folder given, or `nil` for the built-in defaults.
    public var fixturesPath: String? { fixtures.path }
    public var seed: UInt64?
    /// `real`, or an ISO-8601 instant at which a fixed clock starts.
    public var clock: String
    public var explain: Bool

    public static let help = """
          --fixtures PATH   Load fixtures from this folder instead of the built-in defaults
          --seed N          Seed for reference numbers and tokens (same seed, same answers); default: random
          --clock MODE      `real` (default) or a start instant such as 2026-01-15T09:00:00+07:00; a fixed
                            clock moves only when told (POST /_sim/clock, scenario steps)
          --no-explain      Leave out the explanation of why a request was rejected
        """

    public init(parsing arguments: inout Arguments) throws(CLIError) {
        fixtures = try FixtureOption(parsing: &arguments)
        seed = try arguments.option("seed", as: "a whole number from 0 to \(UInt64.max)") { UInt64($0) }
        clock = try arguments.option("clock") ?? "real"
        explain = !arguments.flag("no-explain")
        if clock != "real" && ISO8601Timestamp(clock) == nil {
            throw .usage("--clock takes `real` or an ISO-8601 instant with a zone, e.g. 2026-01-15T09:00:00+07:00")
        }
    }

    /// The seed in force: the one given, or a random one (printed by `serve` so a run can be repeated).
    public func resolvedSeed() -> UInt64 {
        seed ?? UInt64.random(in: 0...UInt64.max)
    }

    public func makeClock() -> SimulatorClock {
        if let start = ISO8601Timestamp(clock) { return .fixed(at: start.time) }
        return .real()
    }

    /// The fixtures named by `--fixtures`, or the built-in defaults; a set with problems is a failure listing them all.
    public func loadFixtures() throws(CLIError) -> LoadedFixtures {
        try fixtures.load()
    }

    /// Where the fixtures came from, for start-up messages.
    public var fixturesDescription: String {
        fixturesPath.map { "fixtures from \($0)" } ?? "built-in default fixtures"
    }
}
