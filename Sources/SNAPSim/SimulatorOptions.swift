/// How a ``Simulator`` runs, as chosen on the command line.
public struct SimulatorOptions: Sendable {
    /// Seed of the identifier streams (`--seed`); equal seeds give equal reference numbers and tokens.
    public var seed: UInt64
    /// The injected clock (`--clock real` or a fixed start).
    public var clock: SimulatorClock
    /// Whether rejections carry an explanation of what was expected (`--no-explain` turns it off).
    public var explain: Bool

    public init(seed: UInt64 = 0, clock: SimulatorClock = .real(), explain: Bool = true) {
        self.seed = seed
        self.clock = clock
        self.explain = explain
    }
}
