/// One fixture set and everything derived from it, built once when the set is loaded and only read afterwards.
///
/// A request captures the world in force when it arrives and uses it to the end, so a fixture swap is atomic
/// for every request without any lock held while the request is checked, served and rendered.
public final class World: Sendable {
    /// The fixtures, with their route table, rule book, catalogue and opening ledger.
    public let fixtures: LoadedFixtures
    /// The same fixtures by reference, for what a request builds that keeps them (renderer, service request).
    let shared: SharedFixtures
    /// Counts fixture sets loaded: 1 for the set the simulator started with.
    public let generation: Int
    /// Every partner's client secret and private key, blanked out of explanations before they leave.
    let redaction: Redaction
    /// The partners' public keys, parsed once.
    let keys: PublicKeys
    /// The ids of the fixture rules, which forced outcomes' ids must avoid.
    let ruleIds: Set<String>
    /// Whether any fixture rule waits for a scenario state (otherwise the rule book applies as it is).
    let hasScenarioRules: Bool

    /// The world of `fixtures`.
    public init(_ fixtures: LoadedFixtures, generation: Int = 1) {
        self.fixtures = fixtures
        shared = SharedFixtures(fixtures)
        self.generation = generation
        redaction = Redaction(secrets: fixtures.partners.values.flatMap { [$0.clientSecret] + ($0.privateKey.map { [$0] } ?? []) })
        keys = PublicKeys(fixtures.partners.values, defaultProfile: fixtures.engine.defaultProfile)
        ruleIds = Set(fixtures.rules.rules.map(\.id))
        hasScenarioRules = fixtures.rules.rules.contains { $0.scenario?.whenState != nil }
    }
}
