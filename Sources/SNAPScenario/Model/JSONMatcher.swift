import SNAPSim
import SimJSON

/// What a scenario expects of one JSON value (a body field, a header, the whole body).
///
/// Written in a file as a bare JSON value, or an object of operators:
/// `"2003700"`, `{"regex": "[0-9]{20}"}`, `{"exists": true}`, `{"absent": true}`, `{"gte": 10000, "lt": 20000}`,
/// `{"notEquals": "0"}`, `{"oneOf": ["00", "03"]}`, `{"equals": {...}}`. A bare object or array compares only the
/// members and elements it lists (a subset), each with its own matcher, so a body expectation can leave out the
/// generated `referenceNo` and still pin every other field.
public indirect enum JSONMatcher: Sendable, Hashable {
    /// Equal JSON (numbers by value: `2000000.00` equals `2000000`; member order ignored).
    case equals(JSONValue)
    case notEquals(JSONValue)
    /// A string (or a number's text) matched whole by this regular expression (Swift Regex syntax).
    case regex(String)
    /// `true`: present (any value, `null` included); `false`: absent.
    case exists(Bool)
    /// A number, or a string holding one (`"10000.00"`), compared with each bound.
    case compare([Comparison])
    case oneOf([JSONValue])
    /// An object having at least these members, each matching.
    case object([Member])
    /// An array of exactly these elements, each matching.
    case array([JSONMatcher])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var matcher: JSONMatcher
    }

    /// One numeric bound.
    public struct Comparison: Sendable, Hashable {
        public enum Operator: String, Sendable, CaseIterable {
            case gt, gte, lt, lte

            var symbol: String {
                switch self {
                case .gt: ">"
                case .gte: "≥"
                case .lt: "<"
                case .lte: "≤"
                }
            }
        }

        public var op: Operator
        /// The bound as written (a number's text, or a template such as `${limit}`).
        public var bound: JSONValue
    }

    /// Operator names, for telling a matcher object from an expected object.
    static let operators =
        ["equals", "notEquals", "regex", "exists", "absent", "oneOf"]
        + Comparison.Operator.allCases.map(\.rawValue)

    /// Every string in the matcher, for finding the variables it names.
    var strings: [String] {
        switch self {
        case .equals(let value), .notEquals(let value): value.allStrings
        case .regex(let pattern): [pattern]
        case .exists: []
        case .compare(let comparisons): comparisons.flatMap(\.bound.allStrings)
        case .oneOf(let values): values.flatMap(\.allStrings)
        case .object(let members): members.flatMap(\.matcher.strings)
        case .array(let elements): elements.flatMap(\.strings)
        }
    }
}
