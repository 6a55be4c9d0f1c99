import SNAPSim

/// A JSON value inside a scenario file, with the file and pointer needed to report a problem at it.
///
/// Readers record a problem and return `nil` rather than throwing, so one pass finds every problem.
struct ScenarioNode {
    let file: String
    let pointer: JSONPointer
    let value: JSONValue

    init(file: String, pointer: JSONPointer = JSONPointer(tokens: []), value: JSONValue) {
        self.file = file
        self.pointer = pointer
        self.value = value
    }

    /// The member `key` of an object node, if present (`null` counts as absent).
    subscript(key: String) -> ScenarioNode? {
        guard case .object(let object) = value, let member = object[key], member != .null else { return nil }
        return ScenarioNode(file: file, pointer: pointer.appending(key), value: member)
    }

    /// Whether this object node has `key` (with any value but `null`).
    func has(_ key: String) -> Bool { self[key] != nil }

    /// The members of an object node in file order, comments (`_…`) left out; a problem when not an object.
    func members(_ problems: inout ScenarioProblems) -> [(key: String, node: ScenarioNode)]? {
        guard case .object(let object) = value else {
            problems.add(self, "expected an object, found \(value.typeName)")
            return nil
        }
        return object.members.filter { !$0.key.hasPrefix("_") }.map {
            ($0.key, ScenarioNode(file: file, pointer: pointer.appending($0.key), value: $0.value))
        }
    }

    /// The elements of an array node; a problem when not an array.
    func elements(_ problems: inout ScenarioProblems) -> [ScenarioNode]? {
        guard case .array(let array) = value else {
            problems.add(self, "expected an array, found \(value.typeName)")
            return nil
        }
        return array.enumerated().map {
            ScenarioNode(file: file, pointer: pointer.appending(String($0.offset)), value: $0.element)
        }
    }

    /// Checks this is an object whose keys are all `allowed` (keys starting with `_` are comments).
    @discardableResult
    func expectObject(allowed: [String], _ problems: inout ScenarioProblems) -> Bool {
        guard let members = members(&problems) else { return false }
        for member in members where !allowed.contains(member.key) {
            problems.add(member.node, "unknown field \"\(member.key)\" (known: \(allowed.joined(separator: ", ")))")
        }
        return true
    }

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
