import Foundation
import SNAPSim
import SimHTTP
import SimJSON

extension JSONMatcher {
    /// Every way `actual` (at `pointer`, `nil` when absent) falls short; empty when it matches. Strings in the
    /// matcher have their `${variables}` filled in first.
    func mismatches(_ actual: JSONValue?, at pointer: JSONPointer, subject: String? = nil, variables: ScenarioVariables)
        throws(ScenarioVariables.Missing) -> [Mismatch]
    {
        let subject = subject ?? (pointer.tokens.isEmpty ? "body" : pointer.description)
        func miss(_ expected: String) -> [Mismatch] {
            [Mismatch(subject: subject, expected: expected, actual: actual.map(Self.show) ?? "(absent)")]
        }
        switch self {
        case .equals(let expected):
            let value = try variables.substituted(in: expected)
            guard let actual, Self.equal(value, actual) else { return miss(Self.show(value)) }
            return []
        case .notEquals(let unexpected):
            let value = try variables.substituted(in: unexpected)
            guard let actual, !Self.equal(value, actual) else { return miss("present and not \(Self.show(value))") }
            return []
        case .regex(let pattern):
            let resolved = try Template(parsingLeniently: pattern).rendered(variables)
            guard let text = actual?.stringValue ?? actual?.numberText, Self.wholeMatch(resolved, text) else {
                return miss("matches /\(resolved)/")
            }
            return []
        case .exists(let present):
            return (actual != nil) == present ? [] : miss(present ? "present" : "absent")
        case .compare(let comparisons):
            var bounds: [(Comparison.Operator, Decimal, String)] = []
            for comparison in comparisons {
                let bound = try variables.substituted(in: comparison.bound)
                guard let text = bound.numberText ?? bound.stringValue, let number = Self.decimal(text) else {
                    return miss("a number, compared with \(Self.show(bound)) (not a number)")
                }
                bounds.append((comparison.op, number, text))
            }
            let described = bounds.map { "\($0.0.symbol) \($0.2)" }.joined(separator: " and ")
            guard let text = actual?.numberText ?? actual?.stringValue, let number = Self.decimal(text) else {
                return miss("a number \(described)")
            }
            let holds = bounds.allSatisfy { op, bound, _ in
                switch op {
                case .gt: number > bound
                case .gte: number >= bound
                case .lt: number < bound
                case .lte: number <= bound
                }
            }
            return holds ? [] : miss(described)
        case .oneOf(let options):
            var values: [JSONValue] = []
            for option in options { values.append(try variables.substituted(in: option)) }
            guard let actual, values.contains(where: { Self.equal($0, actual) }) else {
                return miss("one of " + values.map(Self.show).joined(separator: ", "))
            }
            return []
        case .object(let members):
            guard case .object(let object) = actual else { return miss("an object") }
            var result: [Mismatch] = []
            for member in members {
                result += try member.matcher.mismatches(
                    object[member.key], at: pointer.appending(member.key), variables: variables)
            }
            return result
        case .array(let elements):
            guard case .array(let array) = actual else { return miss("an array of \(elements.count)") }
            var result: [Mismatch] = []
            if array.count != elements.count {
                result.append(
                    Mismatch(
                        subject: subject, expected: "an array of \(elements.count)",
                        actual: "an array of \(array.count)"))
            }
            for (index, element) in elements.enumerated() {
                let child = pointer.appending(String(index))
                result += try element.mismatches(
                    index < array.count ? array[index] : nil, at: child, variables: variables)
            }
            return result
        }
    }

    /// JSON equality as a contract means it: numbers by value, object members in any order.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            return a == b || (decimal(a).map { $0 == decimal(b) } ?? false)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.object(let a), .object(let b)):
            return a.members.count == b.members.count
                && a.members.allSatisfy { member in b[member.key].map { equal(member.value, $0) } ?? false }
        default:
            return lhs == rhs
        }
    }

    /// A decimal number written plainly: optional `-`, digits, optional fraction and exponent.
    static func decimal(_ text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A value as reports print it: compact JSON.
    static func show(_ value: JSONValue) -> String { value.compactText }

    private static func wholeMatch(_ pattern: String, _ text: String) -> Bool {
        (try? WholeMatchPattern(pattern))?.matchesWhole(text) ?? false
    }
}

extension Template {
    /// Parses `text`, treating a malformed `${` as plain text (regex patterns may hold `${` for their own use).
    init(parsingLeniently text: String) {
        self = (try? Template(parsing: text)) ?? Template(literal: text)
    }
}

extension Expectation {
    /// Every expectation `response` does not meet.
    func mismatches(_ response: ScenarioResponse, variables: ScenarioVariables) throws(ScenarioVariables.Missing)
        -> [Mismatch]
    {
        var result: [Mismatch] = []
        guard let status = response.status else {
            return [
                Mismatch(
                    subject: "answer", expected: self.status.map { "HTTP \($0)" } ?? "an answer",
                    actual: response.transportNote ?? "none")
            ]
        }
        if let expected = self.status, expected != status {
            result.append(Mismatch(subject: "status", expected: String(expected), actual: String(status)))
        }
        if readsBody {
            let json = response.json
            if json == nil {
                let text = response.bodyText
                result.append(
                    Mismatch(
                        subject: "body", expected: "JSON", actual: text.isEmpty ? "(empty)" : String(text.prefix(200))))
            } else if let body = json {
                if let responseCode {
                    result += try responseCode.mismatches(
                        body[pointer: "/responseCode"], at: "/responseCode", variables: variables)
                }
                if let responseMessage {
                    result += try responseMessage.mismatches(
                        body[pointer: "/responseMessage"], at: "/responseMessage", variables: variables)
                }
                for field in fields {
                    result += try field.matcher.mismatches(
                        body[pointer: field.pointer], at: field.pointer, variables: variables)
                }
                if let matcher = self.body {
                    result += try matcher.mismatches(body, at: JSONPointer(tokens: []), variables: variables)
                }
            }
        }
        for header in headers {
            result += try header.matcher.mismatches(
                response.headers[header.name].map(JSONValue.string), at: JSONPointer(tokens: []),
                subject: "header \(header.name)",
                variables: variables)
        }
        if let minimumDelay, response.delay < minimumDelay {
            result.append(
                Mismatch(
                    subject: "delay", expected: "at least \(Self.describe(minimumDelay))",
                    actual: Self.describe(response.delay)))
        }
        return result
    }

    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        guard milliseconds % 1000 == 0, milliseconds != 0 else { return "\(milliseconds)ms" }
        let seconds = milliseconds / 1000
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
