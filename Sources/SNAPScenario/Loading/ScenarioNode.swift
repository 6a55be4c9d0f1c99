import SNAPSim
import SimJSON

/// A JSON value inside a scenario file, with the file and pointer needed to report a problem at it.
typealias ScenarioNode = DocumentNode

/// The typed readers of scenario files: members are optional unless `required`, and empty strings are
/// allowed where a scenario may mean "empty" (a header value, a body).
extension DocumentNode {
    // MARK: - Typed members

    func string(_ key: String, required: Bool = false, _ problems: inout ScenarioProblems) -> String? {
        guard let node = self[key] else {
            if required { problems.add(self, "\"\(key)\" is required") }
            return nil
        }
        guard case .string(let text) = node.value else {
            problems.add(node, "expected a string, found \(node.value.typeName)")
            return nil
        }
        if required && text.isEmpty { problems.add(node, "must not be empty") }
        return text
    }

    func bool(_ key: String, _ problems: inout ScenarioProblems) -> Bool? {
        guard let node = self[key] else { return nil }
        guard case .bool(let flag) = node.value else {
            problems.add(node, "expected true or false, found \(node.value.typeName)")
            return nil
        }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>, _ problems: inout ScenarioProblems) -> Int? {
        guard let node = self[key] else { return nil }
        guard let number = node.value.intValue, range.contains(number) else {
            let found = node.value.numberText ?? node.value.compactText
            problems.add(node, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(found)")
            return nil
        }
        return number
    }

    /// A template string member (`${name}` allowed), checked for syntax.
    func template(_ key: String, required: Bool = false, _ problems: inout ScenarioProblems) -> Template? {
        guard let node = self[key] else {
            if required { problems.add(self, "\"\(key)\" is required") }
            return nil
        }
        return node.asTemplate(&problems)
    }

    /// This string node as a template.
    func asTemplate(_ problems: inout ScenarioProblems) -> Template? {
        guard case .string(let text) = value else {
            problems.add(self, "expected a string, found \(value.typeName)")
            return nil
        }
        do throws(TemplateSyntaxError) {
            return try Template(parsing: text)
        } catch {
            problems.add(self, error.message)
            return nil
        }
    }

    /// A clock step such as `901s`, `15m`, `1d` or `1mo`.
    func clockStep(_ key: String, monthsAllowed: Bool, _ problems: inout ScenarioProblems) -> ClockStep? {
        guard let text = string(key, problems: &problems) else { return nil }
        guard let step = ClockStep(text), monthsAllowed || !Self.isMonths(step) else {
            let units = monthsAllowed ? "ms, s, m, h, d or mo" : "ms, s, m, h or d"
            problems.add(
                self[key] ?? self,
                "\"\(text)\" is not a duration: write a whole number and a unit (\(units)), e.g. 901s, at most 1,000 years"
            )
            return nil
        }
        return step
    }

    /// An ISO-8601 instant with a zone, e.g. `2026-11-30T23:59:00+07:00`.
    func instant(_ key: String, _ problems: inout ScenarioProblems) -> SimTime? {
        guard let text = string(key, problems: &problems) else { return nil }
        guard let timestamp = ISO8601Timestamp(text) else {
            problems.add(
                self[key] ?? self, "\"\(text)\" is not an ISO-8601 instant with a zone, e.g. 2026-11-21T10:00:00+07:00")
            return nil
        }
        return timestamp.time
    }

    private func string(_ key: String, problems: inout ScenarioProblems) -> String? {
        string(key, required: false, &problems)
    }

    private static func isMonths(_ step: ClockStep) -> Bool {
        if case .months = step { true } else { false }
    }
}
