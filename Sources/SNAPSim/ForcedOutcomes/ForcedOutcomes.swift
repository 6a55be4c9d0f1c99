/// The forced outcomes of one partner, oldest first: the oldest that matches a request answers it, so a list
/// set up in order plays out in order.
///
/// A value inside ``PartnerState``: isolated per partner and cleared with it.
public struct ForcedOutcomes: Sendable {
    /// Active ones, oldest first; one is removed once its count is used up.
    public private(set) var all: [ForcedOutcome] = [] {
        didSet { if all.map(\.id) != oldValue.map(\.id) { book = RuleBook(rules) } }
    }
    /// Their rules, indexed as the fixture rules are; rebuilt only when one is added or removed.
    public private(set) var book = RuleBook()
    var lastNumber = 0

    /// None.
    public init() {}

    /// The id the next one gets: `fault-N`, skipping any id the fixtures' rules already use so the journal's
    /// `matchedRule` is never ambiguous.
    mutating func nextId(avoiding ruleIds: Set<String>) -> String {
        repeat { lastNumber += 1 } while ruleIds.contains("fault-\(lastNumber)")
        return "fault-\(lastNumber)"
    }

    /// Adds one after the others.
    public mutating func add(_ outcome: ForcedOutcome) {
        all.append(outcome)
    }

    /// The rules to try before the fixtures', in order.
    public var rules: [Rule] { all.map(\.rule) }

    /// Counts one answer by `id`; returns it (with its fault) when it is one of these.
    mutating func recordAnswer(of id: String) -> ForcedOutcome? {
        guard let index = all.firstIndex(where: { $0.id == id }) else { return nil }
        all[index].used += 1
        let outcome = all[index]
        if let remaining = outcome.remaining {
            if remaining <= 1 { all.remove(at: index) } else { all[index].remaining = remaining - 1 }
        }
        return outcome
    }

    /// Removes the one with `id`, or all when `id` is `nil`; returns how many were removed.
    @discardableResult
    public mutating func clear(_ id: String? = nil) -> Int {
        let before = all.count
        if let id { all.removeAll { $0.id == id } } else { all.removeAll() }
        return before - all.count
    }
}
