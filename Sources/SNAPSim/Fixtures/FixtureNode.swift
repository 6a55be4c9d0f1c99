import SimJSON

/// A JSON value inside a fixture file, with the file and pointer needed to report a problem at it.
typealias FixtureNode = DocumentNode

/// The typed readers of fixture files: a missing member is a problem only when `required`, and an empty
/// string is always a problem (no fixture field means anything when empty).
extension DocumentNode {
    /// The elements of an array member; a missing member is a problem only when `required`.
    func array(_ key: String, required: Bool, _ problems: inout FixtureProblems) -> [FixtureNode]? {
        guard let node = self[key] else {
            if required { problems.add(file, pointer.appending(key), "missing required array \"\(key)\"") }
            return nil
        }
        guard case .array(let elements) = node.value else {
            problems.add(node, "expected an array, found \(node.value.typeName)")
            return nil
        }
        return elements.enumerated().map {
            FixtureNode(file: file, pointer: node.pointer.appending(String($0.offset)), value: $0.element)
        }
    }

    /// A string member: missing is a problem when `required`; empty strings are problems too.
    func string(_ key: String, required: Bool, maxLength: Int? = nil, _ problems: inout FixtureProblems) -> String? {
        guard let node = self[key] else {
            if required { problems.add(file, pointer.appending(key), "missing required string \"\(key)\"") }
            return nil
        }
        guard case .string(let text) = node.value else {
            problems.add(node, "expected a string, found \(node.value.typeName)")
            return nil
        }
        guard !text.isEmpty else {
            problems.add(node, "must not be empty")
            return nil
        }
        if let maxLength, text.count > maxLength {
            problems.add(node, "longer than \(maxLength) characters (\(text.count))")
            return nil
        }
        return text
    }

    /// An integer member within `range`.
    func integer(_ key: String, required: Bool, in range: ClosedRange<Int>, _ problems: inout FixtureProblems) -> Int? {
        guard let node = self[key] else {
            if required { problems.add(file, pointer.appending(key), "missing required integer \"\(key)\"") }
            return nil
        }
        guard case .number(let text) = node.value, let number = Int(text) else {
            problems.add(node, "expected an integer, found \(node.value.typeName == "number" ? "a fraction" : node.value.typeName)")
            return nil
        }
        guard range.contains(number) else {
            problems.add(node, "\(number) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return number
    }

    /// A boolean member.
    func bool(_ key: String, required: Bool, _ problems: inout FixtureProblems) -> Bool? {
        guard let node = self[key] else {
            if required { problems.add(file, pointer.appending(key), "missing required boolean \"\(key)\"") }
            return nil
        }
        guard case .bool(let flag) = node.value else {
            problems.add(node, "expected true or false, found \(node.value.typeName)")
            return nil
        }
        return flag
    }

    /// A rupiah amount written as a SNAP value string, e.g. `"2000000.00"`.
    func amount(_ key: String, required: Bool, _ problems: inout FixtureProblems) -> Amount? {
        guard let node = self[key] else {
            if required {
                problems.add(file, pointer.appending(key), "missing required amount \"\(key)\" (e.g. \"10000.00\")")
            }
            return nil
        }
        guard case .string(let text) = node.value, let units = Amount.parseValue(text) else {
            problems.add(node, "expected an IDR amount string with exactly two decimals (e.g. \"10000.00\"), found \(node.value.compactText)")
            return nil
        }
        return Amount(minorUnits: units)
    }

    /// A string member that must be one of `choices`.
    func choice(_ key: String, required: Bool, of choices: [String], _ problems: inout FixtureProblems) -> String? {
        guard let text = string(key, required: required, &problems) else { return nil }
        guard choices.contains(text) else {
            problems.add(self[key] ?? self, "unknown value \"\(text)\" (known: \(choices.joined(separator: ", ")))")
            return nil
        }
        return text
    }

    /// An array of strings member.
    func strings(_ key: String, required: Bool, _ problems: inout FixtureProblems) -> [String]? {
        guard let nodes = array(key, required: required, &problems) else { return nil }
        var result: [String] = []
        var ok = true
        for node in nodes {
            guard case .string(let text) = node.value, !text.isEmpty else {
                problems.add(node, "expected a non-empty string, found \(node.value.typeName)")
                ok = false
                continue
            }
            result.append(text)
        }
        return ok ? result : nil
    }
}
