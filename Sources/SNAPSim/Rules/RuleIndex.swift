import SimHTTP
import SimJSON

/// Rules indexed by service and by one exact-match condition each, so a request looks up its few candidates.
///
/// Each rule is filed under every service its `services` condition names (or under every service when it has
/// none) and, within a service, under the value of one exact condition it holds — a body member `equals`, a header
/// `equals`, a query parameter `equals`, or its `partners` list, in that preference. Rules with no such condition
/// (only prefixes, regular expressions, amount ranges, presence) go to the service's fallback list. A request's
/// candidates are the fallback list plus, for each field the service's rules index, the rules filed under the
/// request's value of that field; they are tried in file order and the first whose conditions all hold wins.
/// A rule that is not a candidate has an exact condition the request does not meet, so it could not have matched:
/// the answer is the plain scan's.
final class RuleIndex: Sendable {
    /// What an exact condition looks at.
    enum Field: Hashable, Sendable {
        case body(JSONPointer)
        case header(String)
        case query(String)
        case partner

        /// The request's value of this field, as an `equals` matcher compares it (`null` counts as absent).
        func value(in input: RuleInput) -> JSONValue? {
            let value: JSONValue? =
                switch self {
                case .body(let pointer):
                    // A top-level member (every fixture's `/customerNumber`): one look-up, as ``RuleCheck`` does,
                    // not a walk that copies the whole body first.
                    if pointer.tokens.count == 1, case .object(let object)? = input.body {
                        object[pointer.tokens[0]]
                    } else {
                        input.body?[pointer: pointer]
                    }
                case .header(let name): input.request.headers[name].map(JSONValue.string)
                case .query(let name): input.request.queryValue(name).map(JSONValue.string)
                case .partner: .string(input.clientId)
                }
            // A pattern, not `== .null` (an `==` of two enum values per indexed field of every request).
            if case .null? = value { return nil }
            return value
        }
    }

    /// The rules one service's requests can match.
    struct Bucket: Sendable {
        /// Per indexed field, rule positions by the value that field must have, ascending.
        var fields: [(field: Field, positions: [JSONValue: [Int]])] = []
        /// Rules with no exact condition, ascending.
        var fallback: [Int] = []

        mutating func file(_ position: Int, under key: (field: Field, values: [JSONValue])?) {
            guard let key else {
                fallback.append(position)
                return
            }
            let slot = fields.firstIndex { $0.field == key.field } ?? {
                fields.append((key.field, [:]))
                return fields.count - 1
            }()
            for value in Set(key.values) { fields[slot].positions[value, default: []].append(position) }
        }
    }

    let rules: [Rule]
    let hasStateConditions: Bool
    /// Per rule, whether it waits for a scenario state (`whenState`).
    private let waitsForState: [Bool]
    private let buckets: [String: Bucket]
    /// For services no rule names: the rules without a `services` condition.
    private let anyService: Bucket
    private let byId: [String: Int]
    /// Per rule, its conditions a candidate still has to meet, compiled (``RuleCheck``): all but the `services`
    /// condition its bucket stands for and the exact condition it is filed under, which every candidate meets.
    private let checks: [RuleCheck]
    /// Per rule, its range of ``checks``.
    private let checkRanges: [Range<Int>]

    init(_ rules: [Rule]) {
        self.rules = rules
        var checks: [RuleCheck] = []
        var checkRanges: [Range<Int>] = []
        checkRanges.reserveCapacity(rules.count)
        for rule in rules {
            let start = checks.count
            for condition in Self.remainingConditions(rule) { checks.append(RuleCheck(condition)) }
            checkRanges.append(start..<checks.count)
        }
        self.checks = checks
        self.checkRanges = checkRanges
        waitsForState = rules.map { $0.scenario?.whenState != nil }
        hasStateConditions = waitsForState.contains(true)
        byId = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let named = Set(rules.flatMap { $0.serviceNames ?? [] })
        var anyService = Bucket()
        var buckets = Dictionary(uniqueKeysWithValues: named.map { ($0, Bucket()) })
        for (position, rule) in rules.enumerated() {
            let key = Self.indexKey(rule)
            // A rule for every service also goes into each named service's bucket, so one bucket serves a request.
            for service in rule.serviceNames.map(Set.init) ?? named where buckets[service] != nil {
                buckets[service]?.file(position, under: key)
            }
            if rule.serviceNames == nil { anyService.file(position, under: key) }
        }
        self.buckets = buckets
        self.anyService = anyService
    }

    func rule(id: String) -> Rule? { byId[id].map { rules[$0] } }

    /// The exact condition a rule is filed under: the first body `equals`, else header, else query, else partners.
    static func indexKey(_ rule: Rule) -> (field: Field, values: [JSONValue])? {
        var best: (rank: Int, field: Field, values: [JSONValue])?
        for condition in rule.conditions {
            let candidate: (Int, Field, [JSONValue])? =
                switch condition {
                case .body(let pointer, .equals(let value)): (0, .body(pointer), [value])
                case .header(let name, .equals(let value)): (1, .header(name), [value])
                case .query(let name, .equals(let value)): (2, .query(name), [value])
                case .partners(let ids): (3, .partner, ids.map(JSONValue.string))
                default: nil
                }
            if let candidate, candidate.0 < (best?.rank ?? .max) { best = candidate }
        }
        return best.map { ($0.field, $0.values) }
    }

    /// The conditions of `rule` a candidate is not known to meet: the first `services` condition (the one
    /// ``Rule/serviceNames`` reads) holds for every candidate, whose bucket is its service's or, for a service no
    /// rule names, that of the rules without one; the condition ``indexKey(_:)`` files the rule under holds for
    /// every candidate found under the request's value of that field (a rule with a key is in no fallback list).
    static func remainingConditions(_ rule: Rule) -> [RuleCondition] {
        var conditions = rule.conditions
        if let services = conditions.firstIndex(where: { if case .services = $0 { true } else { false } }) {
            conditions.remove(at: services)
        }
        guard let key = indexKey(rule) else { return conditions }
        if let keyed = conditions.firstIndex(where: { Self.files(rule: $0, under: key.field) }) {
            conditions.remove(at: keyed)
        }
        return conditions
    }

    /// Whether `condition` is the exact condition ``indexKey(_:)`` picks for `field`.
    private static func files(rule condition: RuleCondition, under field: Field) -> Bool {
        switch (condition, field) {
        case (.body(let pointer, .equals), .body(let keyed)): pointer == keyed
        case (.header(let name, .equals), .header(let keyed)): name == keyed
        case (.query(let name, .equals), .query(let keyed)): name == keyed
        case (.partners, .partner): true
        default: false
        }
    }

    /// Whether the rule at `position`, a candidate for `input`, matches it: ``Rule/matches(_:)`` without copying
    /// the rule or its conditions.
    private func candidateMatches(_ position: Int, _ input: RuleInput) -> Bool {
        for check in checkRanges[position] where !checks[check].holds(input) { return false }
        return true
    }

    /// The first rule in file order that `allowing` admits and whose conditions all hold for `input`.
    func firstMatch(_ input: RuleInput, allowing: (Rule) -> Bool) -> Rule? {
        var candidates = Candidates(self, input)
        while let position = candidates.next() {
            guard candidateMatches(position, input) else { continue }
            let rule = rules[position]
            if allowing(rule) { return rule }
        }
        return nil
    }

    /// The rules whose conditions hold for `input`, in file order, that wait for a scenario state, and the first
    /// one that waits for none (it always applies, so no later rule can be picked): every rule a partner's
    /// states could make ``firstMatch(_:allowing:)`` pick (``PrematchedRule``).
    func matching(_ input: RuleInput) -> (waitingForState: [Rule], first: Rule?) {
        var waiting: [Rule] = []
        var candidates = Candidates(self, input)
        while let position = candidates.next() {
            guard candidateMatches(position, input) else { continue }
            guard waitsForState[position] else { return (waiting, rules[position]) }
            waiting.append(rules[position])
        }
        return (waiting, nil)
    }

    /// The positions of the rules a request can match, in file order: the service's fallback list merged with
    /// the rules filed under the request's value of each indexed field. The first two lists are held inline (a
    /// top-up has one or two), so a request allocates nothing to walk them.
    private struct Candidates {
        private var first: ArraySlice<Int> = []
        private var second: ArraySlice<Int> = []
        private var more: [ArraySlice<Int>] = []

        init(_ index: RuleIndex, _ input: RuleInput) {
            let bucket = index.buckets[input.route.serviceName] ?? index.anyService
            add(bucket.fallback[...])
            for slot in bucket.fields.indices {
                let field = bucket.fields[slot].field
                if let value = field.value(in: input), let filed = bucket.fields[slot].positions[value] { add(filed[...]) }
            }
        }

        private mutating func add(_ list: ArraySlice<Int>) {
            if list.isEmpty { return }
            if first.isEmpty { first = list } else if second.isEmpty { second = list } else { more.append(list) }
        }

        mutating func next() -> Int? {
            if more.isEmpty {
                // One or two lists: merge them directly.
                guard let head = first.first else { return nil }
                if let other = second.first, other < head {
                    second.removeFirst()
                    return other
                }
                first.removeFirst()
                if first.isEmpty {
                    first = second
                    second = []
                }
                return head
            }
            var smallest = (list: -2, position: Int.max)
            if let head = first.first { smallest = (-2, head) }
            if let head = second.first, head < smallest.position { smallest = (-1, head) }
            for (list, candidates) in more.enumerated() {
                if let head = candidates.first, head < smallest.position { smallest = (list, head) }
            }
            switch smallest.list {
            case -2 where smallest.position != .max: first.removeFirst()
            case -1: second.removeFirst()
            case let list where list >= 0: more[list].removeFirst()
            default: return nil
            }
            return smallest.position
        }
    }
}
