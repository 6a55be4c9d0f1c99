import SimHTTP
import SimJSON

/// One rule condition compiled once per rule index into a closure, so that trying a rule reads its operands in
/// place: matching through ``RuleCondition/holds(for:)`` copied the rule, each condition and its matcher out of
/// their enums (retains and releases of every payload), ~4k instructions per candidate rule of a top-up.
///
/// A compiled check answers exactly what ``RuleCondition/holds(for:)`` answers for the same input
/// (`RuleCheckTests` holds the two to each other over every matcher kind and source).
struct RuleCheck: Sendable {
    let holds: @Sendable (RuleInput) -> Bool

    init(_ condition: RuleCondition) {
        switch condition {
        case .services(let names):
            holds = { names.contains($0.route.serviceName) }
        case .partners(let ids):
            holds = { ids.contains($0.clientId) }
        case .header(let name, let matcher):
            let test = Self.test(matcher)
            holds = { test($0.request.headers[name].map(JSONValue.string)) }
        case .query(let name, let matcher):
            let test = Self.test(matcher)
            holds = { test($0.request.queryValue(name).map(JSONValue.string)) }
        case .body(let pointer, let matcher):
            let test = Self.test(matcher)
            if pointer.tokens.count == 1, let name = pointer.tokens.first {
                // A top-level member (the common shape): one look-up, no walk over the pointer's tokens.
                holds = { input in
                    guard case .object(let object)? = input.body else { return input.body.map { test($0[pointer: pointer]) } ?? false }
                    return test(object[name])
                }
            } else {
                holds = { input in input.body.map { test($0[pointer: pointer]) } ?? false }
            }
        }
    }

    /// ``ValueMatcher/matches(_:)`` as a closure over the matcher's operands (`null` counts as absent).
    static func test(_ matcher: ValueMatcher) -> @Sendable (JSONValue?) -> Bool {
        switch matcher {
        case .equals(let expected):
            // A present value equal to `expected`; `null` is absent, so `equals null` never holds.
            if expected == .null { return { _ in false } }
            return { $0 == expected }
        case .prefix(let prefix):
            return { value in
                guard case .string(let text)? = value else { return false }
                return text.hasPrefix(prefix)
            }
        case .regex(_, let expression):
            return { value in
                guard case .string(let text)? = value else { return false }
                return expression.matchesWhole(text)
            }
        case .amountRange(let min, let max):
            let low = min?.minorUnits ?? .min
            let high = max?.minorUnits ?? .max
            return { value in
                // Amount orders by minor units alone (``Amount/<``), as ValueMatcher's `>=` and `<=` compare.
                guard let amount = ValueMatcher.amount(value) else { return false }
                return amount.minorUnits >= low && amount.minorUnits <= high
            }
        case .present(let expected):
            return { value in
                let present: Bool
                if let value, value != .null { present = true } else { present = false }
                return present == expected
            }
        }
    }
}
