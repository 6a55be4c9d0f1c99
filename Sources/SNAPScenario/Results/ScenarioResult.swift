import SNAPSim

/// How one scenario went: its steps in order. A scenario passes when every step passed.
public struct ScenarioResult: Sendable {
    public var scenario: Scenario
    public var steps: [StepResult]
    /// Wall time the scenario took (for JUnit; console output leaves it out so in-process runs print the same
    /// bytes every time).
    public var duration: Duration

    public init(scenario: Scenario, steps: [StepResult], duration: Duration = .zero) {
        self.scenario = scenario
        self.steps = steps
        self.duration = duration
    }

    /// Whether every step passed (a scenario with no step result, which cannot happen, does not pass; a skipped
    /// one neither).
    public var passed: Bool { !skipped && steps.allSatisfy { $0.outcome != .failed } && !steps.isEmpty }

    /// Why the scenario was not run at all, e.g. it changes fixtures a remote target cannot take; `nil` when it ran.
    public var skipReason: String? {
        guard steps.count == 1, let only = steps.first, only.outcome == .skipped else { return nil }
        return only.summary
    }

    /// Whether the scenario was not run at all (counted apart: neither passed nor failed).
    public var skipped: Bool { skipReason != nil }

    /// The first failed step, if any.
    public var failure: StepResult? { steps.first { $0.outcome == .failed } }
}

/// How one step went.
public struct StepResult: Sendable {
    /// Whether the step passed, failed, or was skipped after an earlier failure.
    public enum Outcome: Sendable, Equatable {
        case passed
        case failed
        /// An earlier step failed, so this one was not sent.
        case notRun
        /// The whole scenario was left out before its first step, for the reason in the summary (index 0).
        case skipped
    }

    /// 1-based position in the scenario; 0 for the set-up before the first step.
    public var index: Int
    /// The step's name, or what it does (`emoney-topup`, `advance clock 901s`).
    public var title: String
    public var outcome: Outcome
    /// What happened, in a few words: `HTTP 200 2003700`, `clock now 2026-11-21T10:15:01+07:00`.
    public var summary: String
    public var failure: StepFailure?

    public init(index: Int, title: String, outcome: Outcome, summary: String = "", failure: StepFailure? = nil) {
        self.index = index
        self.title = title
        self.outcome = outcome
        self.summary = summary
        self.failure = failure
    }
}

/// Why a step failed: a message, the expectations not met, and the exchange that showed it.
public struct StepFailure: Sendable {
    /// A failure that is not an expectation, e.g. "no access token for snapsim-demo: HTTP 401 4017300".
    public var message: String?
    public var mismatches: [Mismatch]
    /// The request as sent (the last one, for a repeated step).
    public var request: SentRequest?
    public var response: ScenarioResponse?

    public init(
        message: String? = nil, mismatches: [Mismatch] = [], request: SentRequest? = nil,
        response: ScenarioResponse? = nil
    ) {
        self.message = message
        self.mismatches = mismatches
        self.request = request
        self.response = response
    }
}

/// One expectation not met: what was looked at, what was expected and what was there.
public struct Mismatch: Sendable, Hashable {
    /// `status`, a body pointer such as `/responseCode`, `header X-TIMESTAMP`, or `delay`.
    public var subject: String
    public var expected: String
    public var actual: String

    public init(subject: String, expected: String, actual: String) {
        self.subject = subject
        self.expected = expected
        self.actual = actual
    }
}

/// A request as the runner sent it, for failure reports.
public struct SentRequest: Sendable {
    public var method: String
    public var target: String
    public var headers: [(name: String, value: String)]
    public var body: String
}

/// What the runner saw after each step finished, for live reporters.
public enum ScenarioEvent: Sendable {
    case scenarioStarted(Scenario)
    case stepFinished(Scenario, StepResult)
    case scenarioFinished(ScenarioResult)
}

/// The results of a run, in the order the scenarios ran.
public struct RunSummary: Sendable {
    public var results: [ScenarioResult]

    public init(results: [ScenarioResult]) {
        self.results = results
    }

    /// Scenarios that passed.
    public var passedCount: Int { results.count { $0.passed } }
    /// Scenarios that failed.
    public var failedCount: Int { results.count { !$0.passed && !$0.skipped } }
    /// Scenarios left out with a reason (``ScenarioResult/skipReason``): neither passed nor failed.
    public var skippedCount: Int { results.count { $0.skipped } }
    /// Whether no scenario failed (exit status 0); skipped scenarios do not fail a run, and are counted.
    public var allPassed: Bool { failedCount == 0 }

    /// `N passed, M failed` (`, K skipped` when some were), the last line of every console report.
    public var tally: String {
        let skipped = skippedCount
        return "\(passedCount) passed, \(failedCount) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
