import SNAPSim

/// `--rejection-rate N` and `--rejection-burst N` of `serve`: the budget of credential rejections each partner
/// gets answered at once (docs/rejection-budget.md).
struct RejectionBudgetOption: Sendable {
    static let help = """
          --rejection-rate N Credential rejections (401: wrong signature, unknown client or token) a partner gets
                             answered at once per second (default \(RejectionBudget.defaultRate)); past it they are answered later, same
                             bytes; successes are never delayed. 0 turns the budget off (e.g. a rejection load test)
          --rejection-burst N  How many such rejections are answered at once after a quiet spell (default \(RejectionBudget.defaultBurst))
        """

    /// Rejections per second; 0 for no budget.
    var rate: Int
    var burst: Int

    init(parsing arguments: inout Arguments) throws(CLIError) {
        let rates = RejectionBudget.rates
        rate = try arguments.option(
            "rejection-rate", as: "a whole number of rejections per second from 0 (off) to \(rates.upperBound)"
        ) { text in
            Int(text).flatMap { $0 == 0 || rates.contains($0) ? $0 : nil }
        } ?? RejectionBudget.defaultRate
        let bursts = RejectionBudget.bursts
        let burst = try arguments.option(
            "rejection-burst", as: "a whole number of rejections from \(bursts.lowerBound) to \(bursts.upperBound)"
        ) { text in
            Int(text).flatMap { bursts.contains($0) ? $0 : nil }
        }
        if burst != nil && rate == 0 {
            throw .usage("--rejection-burst sizes the budget that --rejection-rate 0 turns off: give one or the other")
        }
        self.burst = burst ?? RejectionBudget.defaultBurst
    }

    /// The budget chosen, or `nil` when it is off.
    func makeBudget() -> RejectionBudget? {
        rate == 0 ? nil : RejectionBudget(rate: rate, burst: burst)
    }

    /// The start-up banner's words for it.
    var description: String {
        rate == 0 ? "rejection budget off" : "rejection budget \(rate)/s per partner, burst \(burst)"
    }
}
