import SNAPSim
import SimJSON

/// The variables of one running scenario: its own `variables`, the built-ins, and the captures so far.
public struct ScenarioVariables: Sendable {
    /// Names every scenario has without declaring them.
    public static let builtIns = ["now", "today", "runId", "partnerId"]

    private var values: [String: JSONValue] = [:]

    public init() {}

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The names defined, sorted, for "known: …" hints.
    public var names: [String] { values.keys.sorted() }

    /// The value as text: a string as it is, anything else as compact JSON.
    func text(_ name: String) throws(Missing) -> String {
        guard let value = values[name] else { throw Missing(name: name, known: names) }
        return value.stringValue ?? value.compactText
    }

    /// `value` with every string template in it rendered; a string that is exactly `${name}` becomes the
    /// variable's JSON value, so a captured amount object or number keeps its type.
    func substituted(in value: JSONValue) throws(Missing) -> JSONValue {
        switch value {
        case .string(let text):
            guard text.contains("${"), let template = try? Template(parsing: text) else { return value }
            if let name = template.soleVariable {
                guard let variable = values[name] else { throw Missing(name: name, known: names) }
                return variable
            }
            return .string(try template.rendered(self))
        case .array(let elements):
            var result: [JSONValue] = []
            for element in elements { result.append(try substituted(in: element)) }
            return .array(result)
        case .object(let object):
            var result = JSONObject()
            for member in object { result[member.key] = try substituted(in: member.value) }
            return .object(result)
        case .null, .bool, .number:
            return value
        }
    }

    /// A `${name}` that has no value at the moment it is used.
    public struct Missing: Error, Sendable, CustomStringConvertible {
        public let name: String
        public let known: [String]

        public var description: String {
            "variable ${\(name)} has no value (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        }
    }
}
