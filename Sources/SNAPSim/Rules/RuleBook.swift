/// The ordered rules of a fixture set, indexed so that matching a request costs the same for ten rules as for ten
/// thousand of the common shapes.
///
/// The first rule in file order whose conditions all hold wins, exactly as a scan of ``rules`` would find it;
/// the index only skips rules that cannot match (see ``RuleIndex``). A book can be put in force for one partner
/// (``inForce(forced:scenarios:)``): its forced outcomes are tried first, and rules waiting for another scenario
/// state are passed over, without copying or re-indexing the fixture rules.
public struct RuleBook: Sendable {
    private let base: RuleIndex
    private var forced: RuleIndex?
    private var scenarios: ScenarioStates?

    /// A rule book trying `rules` in order; the index is built once, here.
    public init(_ rules: [Rule] = []) {
        base = RuleIndex(rules)
    }

    /// In the order they are tried: forced outcomes first, then the fixture rules whose scenario state holds.
    public var rules: [Rule] {
        let fixtureRules = scenarios.map { states in base.rules.filter { states.allows($0.scenario) } } ?? base.rules
        return (forced?.rules ?? []) + fixtureRules
    }

    /// The first rule matching `input`, if any.
    public func firstMatch(_ input: RuleInput) -> Rule? {
        if let forced, let rule = forced.firstMatch(input, allowing: { _ in true }) { return rule }
        guard let scenarios, base.hasStateConditions else { return base.firstMatch(input, allowing: { _ in true }) }
        return base.firstMatch(input) { scenarios.allows($0.scenario) }
    }

    /// The first rule matching `input` among those `allowing` admits (e.g. a partner's scenario states), through
    /// the same index: the rule a scan of ``rules`` filtered by `allowing` would find.
    public func firstMatch(_ input: RuleInput, allowing: (Rule) -> Bool) -> Rule? {
        if let forced, let rule = forced.firstMatch(input, allowing: allowing) { return rule }
        guard let scenarios, base.hasStateConditions else { return base.firstMatch(input, allowing: allowing) }
        return base.firstMatch(input) { scenarios.allows($0.scenario) && allowing($0) }
    }

    /// The fixture rules (forced outcomes and scenario states aside) whose conditions hold for `input` that a
    /// partner's scenario states could make ``firstMatch(_:allowing:)`` pick; see ``RuleIndex/matching(_:)``.
    func matching(_ input: RuleInput) -> (waitingForState: [Rule], first: Rule?) {
        base.matching(input)
    }

    /// Whether the book has no rule at all (fixture rules or forced outcomes).
    public var isEmpty: Bool { base.rules.isEmpty && (forced?.rules.isEmpty ?? true) }

    /// The fixture rule named `id` (forced outcomes aside).
    public func rule(id: String) -> Rule? { base.rule(id: id) }

    /// Whether a rule applies only in some scenario state, so that the partner's states matter.
    public var hasStateConditions: Bool { base.hasStateConditions }

    /// This book for one partner right now: `forced` tried first, then the rules `scenarios` allows.
    /// The fixture rules' index is shared, not copied.
    public func inForce(forced: RuleBook, scenarios: ScenarioStates) -> RuleBook {
        var book = self
        book.forced = forced.base.rules.isEmpty ? nil : forced.base
        book.scenarios = base.hasStateConditions ? scenarios : nil
        return book
    }
}
