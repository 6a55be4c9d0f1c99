import Synchronization

/// Prints a run as it happens: the file, each scenario, one line per step with ✓ or ✗, the details of a failure,
/// and at the end the failed scenarios and `N passed, M failed` alone on the last line.
///
/// No timings are printed, so an in-process run prints the same bytes every time.
public final class ConsoleReporter: Sendable {
    private let write: @Sendable (String) -> Void
    private let lastFile = Mutex<String?>(nil)

    /// - Parameter write: receives each line (without its newline) as soon as it is known.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func report(_ event: ScenarioEvent) {
        switch event {
        case .scenarioStarted(let scenario):
            let newFile = lastFile.withLock { last in
                defer { last = scenario.file }
                return last != scenario.file
            }
            if newFile { write(scenario.file) }
            write("  \(scenario.name)")
        case .stepFinished(_, let step):
            for line in Self.lines(step) { write(line) }
        case .scenarioFinished(let result):
            let notRun = result.steps.filter { $0.outcome == .notRun }
            if let first = notRun.first {
                let count = notRun.count == 1 ? "1 step" : "\(notRun.count) steps"
                write("    - \(count) not run after the failure (from step \(first.index) \(first.title))")
            }
        }
    }

    /// The closing lines: the failed scenarios, then the tally.
    public func finish(_ summary: RunSummary) {
        for line in Self.closingLines(summary) { write(line) }
    }

    /// A step's line and, when it failed, its details indented below it.
    public static func lines(_ step: StepResult) -> [String] {
        let mark: String
        switch step.outcome {
        case .passed: mark = "✓"
        case .failed: mark = "✗"
        case .notRun: mark = "-"
        case .skipped: mark = "○"
        }
        let number = step.index == 0 ? "" : "\(step.index) "
        var lines = ["    \(mark) \(number)\(step.title)" + (step.summary.isEmpty ? "" : " — \(step.summary)")]
        if let failure = step.failure {
            lines += FailureDetail.lines(failure).map { "        " + $0 }
        }
        return lines
    }

    public static func closingLines(_ summary: RunSummary) -> [String] {
        var lines = [""]
        let skipped = summary.results.filter(\.skipped)
        if !skipped.isEmpty {
            lines.append("Skipped:")
            for result in skipped {
                lines.append("  \(result.scenario.location): \(result.scenario.name) — \(result.skipReason ?? "")")
            }
            lines.append("")
        }
        let failed = summary.results.filter { !$0.passed && !$0.skipped }
        if !failed.isEmpty {
            lines.append("Failed:")
            for result in failed {
                let step = result.failure.map { " (step \($0.index) \($0.title))" } ?? ""
                lines.append("  \(result.scenario.location): \(result.scenario.name)\(step)")
            }
            lines.append("")
        }
        lines.append(summary.tally)
        return lines
    }
}
