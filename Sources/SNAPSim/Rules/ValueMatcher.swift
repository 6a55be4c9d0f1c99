import SimJSON

/// A test on one value of a request (a body member, a header, a query parameter).
public enum ValueMatcher: Sendable {
    /// The value equals this JSON value exactly (strings compare by text, numbers by their written form).
    case equals(JSONValue)
    /// The value is a string starting with this text.
    case prefix(String)
    /// The value is a string the whole of which matches this regular expression (Swift Regex syntax, which
    /// reads ICU/NSRegularExpression patterns; compiled at load).
    case regex(pattern: String, WholeMatchPattern)
    /// The value is a SNAP amount (`{"value":…,"currency":"IDR"}`, a bare value string, or E2Pay's JSON number of
    /// rupiah) within these
    /// bounds, both inclusive, either optional.
    case amountRange(min: Amount?, max: Amount?)
    /// The value is present (`true`) or absent (`false`); `null` counts as absent.
    case present(Bool)

    /// Whether `value` (`nil` when absent) passes.
    public func matches(_ value: JSONValue?) -> Bool {
        let value = value == .null ? nil : value
        switch self {
        case .equals(let expected):
            return value == expected
        case .prefix(let prefix):
            guard case .string(let text)? = value else { return false }
            return text.hasPrefix(prefix)
        case .regex(_, let expression):
            guard case .string(let text)? = value else { return false }
            return expression.matchesWhole(text)
        case .amountRange(let min, let max):
            guard let amount = Self.amount(value) else { return false }
            return (min.map { amount >= $0 } ?? true) && (max.map { amount <= $0 } ?? true)
        case .present(let expected):
            return (value != nil) == expected
        }
    }

    static func amount(_ value: JSONValue?) -> Amount? {
        switch value {
        case .string(let text)?: Amount.parseValue(text).map { Amount(minorUnits: $0) }
        case .object?: try? Amount(request: value, field: "amount")
        // E2Pay sends rupiah as JSON numbers (10002, 10002.0): matched by value, not by written form.
        case .number(let text)?: E2PayAmount.parse(text).map { Amount(minorUnits: $0) }
        default: nil
        }
    }

    /// How the matcher reads in listings: `= "081200004033704"`, `matches ^08.*$`, `amount 0.00…10000.00`.
    public var summary: String {
        switch self {
        case .equals(let value): "= \(value.compactText)"
        case .prefix(let prefix): "starts with \"\(prefix)\""
        case .regex(let pattern, _): "matches /\(pattern)/"
        case .amountRange(let min, let max): "amount \(min?.value ?? "…")–\(max?.value ?? "…")"
        case .present(let present): present ? "present" : "absent"
        }
    }

    static let kinds = ["equals", "prefix", "regex", "amountRange", "present"]

    /// Reads `"text"` (short for equals) or `{"equals"|"prefix"|"regex"|"amountRange"|"present": …}`.
    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> ValueMatcher? {
        guard case .object(let object) = node.value else {
            if case .array = node.value {
                problems.add(node, "expected a value or a matcher object ({\"equals\"|\"prefix\"|\"regex\"|\"amountRange\"|\"present\": …})")
                return nil
            }
            return .equals(node.value)
        }
        let kinds = object.keys.filter { !$0.hasPrefix("_") }
        guard kinds.count == 1, let kind = kinds.first, Self.kinds.contains(kind), let operand = node[kind] else {
            problems.add(node, "a matcher has exactly one of \(Self.kinds.joined(separator: ", ")) (found: \(kinds.joined(separator: ", ")))")
            return nil
        }
        switch kind {
        case "equals":
            return .equals(operand.value)
        case "prefix":
            guard case .string(let prefix) = operand.value, !prefix.isEmpty else {
                problems.add(operand, "prefix must be a non-empty string")
                return nil
            }
            return .prefix(prefix)
        case "regex":
            guard case .string(let pattern) = operand.value, !pattern.isEmpty else {
                problems.add(operand, "regex must be a non-empty string")
                return nil
            }
            do {
                return .regex(pattern: pattern, try WholeMatchPattern(pattern))
            } catch {
                problems.add(operand, "invalid regular expression /\(pattern)/ (Swift Regex syntax)")
                return nil
            }
        case "amountRange":
            guard operand.expectObject(allowed: ["min", "max"], &problems) else { return nil }
            let min = operand.amount("min", required: false, &problems)
            let max = operand.amount("max", required: false, &problems)
            guard operand["min"] == nil || min != nil, operand["max"] == nil || max != nil else { return nil }
            guard min != nil || max != nil else {
                problems.add(operand, "amountRange needs min, max or both (\"10000.00\")")
                return nil
            }
            if let min, let max, min > max {
                problems.add(operand, "min \(min.value) is above max \(max.value)")
                return nil
            }
            return .amountRange(min: min, max: max)
        default:
            guard case .bool(let present) = operand.value else {
                problems.add(operand, "present must be true or false")
                return nil
            }
            return .present(present)
        }
    }
}

/// A regular expression (Swift Regex syntax) that must match a whole string, compared by Unicode scalars as ICU
/// does. Swift Regex replaces NSRegularExpression so the binary needs neither Foundation's regex nor ICU for it.
public struct WholeMatchPattern: @unchecked Sendable {
    // @unchecked: Regex<AnyRegexOutput> is immutable after init (its program compiles once, thread-safely), but
    // AnyRegexOutput is not declared Sendable.
    private let regex: Regex<AnyRegexOutput>

    public init(_ pattern: String) throws {
        regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
    }

    /// Whether the whole of `text` matches.
    public func matchesWhole(_ text: String) -> Bool {
        (try? regex.wholeMatch(in: text)) != nil
    }
}
