import SNAPSim

/// Replays scenarios as the partner and checks the answers.
///
/// In-process each scenario gets a fresh ``Simulator`` (fixtures with the scenario's overrides, fixed clock,
/// fixed seed), so order never matters and every run prints the same. Over HTTP the scenarios share the target;
/// with snapsim's admin token each scenario starts as in-process all the same: its partners reset with the run's
/// seed, its customers set up, the target's clock fixed at its start (and handed back after the run). A scenario
/// that cannot run on the target is skipped with its reason, never passed.
///
/// ```swift
/// let runner = try ScenarioRunner(configuration: RunConfiguration(fixtures: .defaults), scenarios: scenarios)
/// let summary = await runner.run { event in reporter.report(event) }
/// ```
public struct ScenarioRunner: Sendable {
    public let configuration: RunConfiguration
    public let scenarios: [Scenario]
    private let context: RunContext

    /// Checks the scenarios against the fixtures before anything runs.
    /// - Throws: ``ScenarioLoadError`` naming file and pointer for an unknown partner, a service the partner's
    ///   profile does not serve, a partner without a private key, or fixture overrides that do not fit.
    public init(configuration: RunConfiguration, scenarios: [Scenario]) throws(ScenarioLoadError) {
        self.configuration = configuration
        self.scenarios = scenarios
        let fixtures =
            configuration.credentials.map { $0.applied(to: configuration.fixtures) } ?? configuration.fixtures
        let preflight = ScenarioPreflight(fixtures: fixtures, configuration: configuration)
        let signers = try preflight.check(scenarios)
        let runId: String
        switch configuration.target {
        case .inProcess: runId = Self.eightDigits(configuration.seed)
        case .http: runId = Self.eightDigits(UInt64.random(in: 10_000_000...99_999_999))
        }
        context = RunContext(
            fixtures: fixtures, signers: signers, actingPartner: configuration.credentials?.partnerID, runId: runId)
    }

    /// Runs every scenario in order, telling `observe` about each step as it finishes.
    public func run(observe: @Sendable (ScenarioEvent) -> Void = { _ in }) async -> RunSummary {
        var results: [ScenarioResult] = []
        let shared: HTTPTargetTransport? =
            switch configuration.target {
            case .inProcess: nil
            case .http(let base, let adminToken):
                HTTPTargetTransport(base: base, adminToken: adminToken, timeout: configuration.timeout)
            }
        // The target's clock as the run found it, handed back at the end (scenarios fix it at their starts).
        let foundClock = await shared?.clockAsFound()
        for (ordinal, scenario) in scenarios.enumerated() {
            observe(.scenarioStarted(scenario))
            let started = ContinuousClock.now
            var steps: [StepResult] = []
            switch await prepare(scenario, shared: shared) {
            case .skipped(let reason):
                let skipped = StepResult(index: 0, title: "set-up", outcome: .skipped, summary: reason)
                observe(.stepFinished(scenario, skipped))
                steps.append(skipped)
            case .failure(let error):
                let setup = StepResult(
                    index: 0, title: "set-up", outcome: .failed, summary: "could not start",
                    failure: StepFailure(message: error.message, request: error.request, response: error.response))
                observe(.stepFinished(scenario, setup))
                steps.append(setup)
            case .ready(let transport):
                var session = ScenarioSession(
                    scenario: scenario, context: context, transport: transport, ordinal: ordinal + 1)
                if scenario.receivesNotifications {
                    do throws(ScenarioStepError) {
                        try await session.startReceiver()
                    } catch {
                        let setup = StepResult(
                            index: 0, title: "notification receiver", outcome: .failed, summary: "could not start",
                            failure: StepFailure(message: error.message, request: error.request, response: error.response))
                        observe(.stepFinished(scenario, setup))
                        steps.append(setup)
                    }
                }
                for (index, step) in scenario.steps.enumerated() {
                    let title = ScenarioSession.title(of: step, scenarioPartner: scenario.partner)
                    if steps.contains(where: { $0.outcome == .failed }) {
                        steps.append(StepResult(index: index + 1, title: title, outcome: .notRun))
                        continue
                    }
                    let result = await session.run(step, index: index + 1)
                    observe(.stepFinished(scenario, result))
                    steps.append(result)
                }
                await session.receiver?.stop()
            }
            let result = ScenarioResult(scenario: scenario, steps: steps, duration: ContinuousClock.now - started)
            observe(.scenarioFinished(result))
            results.append(result)
        }
        if let shared {
            if let foundClock { await shared.restoreClock(foundClock) }
            shared.finish()
        }
        return RunSummary(results: results)
    }

    /// How a scenario can start.
    private enum Preparation {
        /// A transport in the state the scenario starts from.
        case ready(any ScenarioTransport)
        /// The scenario cannot run here, for this reason: reported as skipped, never as passed.
        case skipped(String)
        case failure(ScenarioStepError)
    }

    /// A transport in the state the scenario starts from.
    private func prepare(_ scenario: Scenario, shared: HTTPTargetTransport?) async -> Preparation {
        guard let shared else {
            do throws(FixtureOverrides.Mismatch) {
                let fixtures = try scenario.fixtures.applied(to: configuration.fixtures)
                let options = SimulatorOptions(
                    seed: scenario.seed ?? configuration.seed, clock: .fixed(at: scenario.clock ?? configuration.start),
                    explain: configuration.explain, adminToken: RunConfiguration.inProcessAdminToken)
                return .ready(InProcessTransport(simulator: Simulator(fixtures: fixtures, options: options)))
            } catch {
                return .failure(ScenarioStepError("\(error.pointer): \(error.message)"))
            }
        }
        if let reason = Self.skipReason(scenario.fixtures, adminToken: shared.adminToken) { return .skipped(reason) }
        do throws(ScenarioStepError) {
            if shared.adminToken != nil {
                // As in-process: the partners' state from the fixtures (with the scenario's customers), identifiers
                // from the run's seed, and a clock fixed at the scenario's start, whatever the server started with.
                let partners = scenario.partners.map(context.partnerID)
                try await shared.reset(partners: partners, seed: scenario.seed ?? configuration.seed)
                try await shared.setUp(scenario.fixtures.customers, for: partners)
                try await shared.setClock(to: scenario.clock ?? configuration.start, fixed: true)
            } else if let start = scenario.clock {
                throw ScenarioStepError(
                    "this scenario starts its clock at \(start): with --target that needs --admin-token (POST /_sim/clock)"
                )
            }
            try await shared.synchronizeClock()
            return .ready(shared)
        } catch {
            return .failure(error)
        }
    }

    /// Why a scenario's fixture changes cannot be made on a `--target`, if they cannot: customers are set up in
    /// the partners' ledgers through the admin API, but tiers and security settings belong to the fixtures every
    /// partner of the server shares.
    static func skipReason(_ changes: FixtureOverrides, adminToken: String?) -> String? {
        guard !changes.isEmpty else { return nil }
        let shared = FixtureOverrides(tiers: changes.tiers, security: changes.security)
        if !shared.isEmpty {
            return "it changes the fixtures' \(shared.summary) for itself, which only an in-process run can do: a "
                + "--target keeps the fixtures it was started with for every partner"
        }
        guard adminToken != nil else {
            return "it sets up customers (\(changes.summary)), which with --target needs snapsim's --admin-token "
                + "(PUT /_sim/accounts/{number})"
        }
        return nil
    }

    private static func eightDigits(_ number: UInt64) -> String {
        let text = String(number % 100_000_000)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}
