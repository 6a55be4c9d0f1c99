/// One thing wrong in a JSON file a user wrote (a fixture or a scenario): where, and what to do about it.
public struct DocumentProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user knows it, e.g. `customers.json` or `Scenarios/topup.json`.
    public var file: String
    /// Where in the file (RFC 6901); the empty pointer is the whole document.
    public var pointer: JSONPointer
    /// What is wrong and how to fix it.
    public var message: String

    public init(file: String, pointer: JSONPointer, message: String) {
        self.file = file
        self.pointer = pointer
        self.message = message
    }

    /// `customers.json /customers/3/tier: unknown tier "gold" (known: basic, premium)`.
    public var description: String {
        pointer.tokens.isEmpty ? "\(file): \(message)" : "\(file) \(pointer): \(message)"
    }
}

/// Collects problems while files are read, so that one pass reports every problem instead of the first.
public struct DocumentProblems: Sendable {
    public private(set) var list: [DocumentProblem] = []

    public init() {}

    public var isEmpty: Bool { list.isEmpty }

    /// A problem at `pointer` in `file`.
    public mutating func add(_ file: String, _ pointer: JSONPointer, _ message: String) {
        list.append(DocumentProblem(file: file, pointer: pointer, message: message))
    }

    /// A problem at `node`.
    public mutating func add(_ node: DocumentNode, _ message: String) {
        add(node.file, node.pointer, message)
    }

    public mutating func append(contentsOf other: DocumentProblems) {
        list += other.list
    }
}

/// A JSON value inside a user's file, with the file and pointer needed to report a problem at it.
///
/// Readers built on it record a problem and return `nil` instead of throwing, so reading carries on and
/// finds every problem in one pass. Members whose names start with `_` are comments and are skipped.
public struct DocumentNode: Sendable {
    public let file: String
    public let pointer: JSONPointer
    public let value: JSONValue

    public init(file: String, pointer: JSONPointer = JSONPointer(tokens: []), value: JSONValue) {
        self.file = file
        self.pointer = pointer
        self.value = value
    }

    /// The member `key` of an object node, if present (`null` counts as absent).
    public subscript(key: String) -> DocumentNode? {
        guard case .object(let object) = value, let member = object[key], member != .null else { return nil }
        return DocumentNode(file: file, pointer: pointer.appending(key), value: member)
    }

    /// Whether this object node has `key` with any value but `null`.
    public func has(_ key: String) -> Bool { self[key] != nil }

    /// The members of an object node in file order, comments left out; a problem when it is not an object.
    public func members(_ problems: inout DocumentProblems) -> [(key: String, node: DocumentNode)]? {
        guard case .object(let object) = value else {
            problems.add(self, "expected an object, found \(value.typeName)")
            return nil
        }
        return object.members.filter { !$0.key.hasPrefix("_") }.map {
            ($0.key, DocumentNode(file: file, pointer: pointer.appending($0.key), value: $0.value))
        }
    }

    /// The elements of an array node; a problem when it is not an array.
    public func elements(_ problems: inout DocumentProblems) -> [DocumentNode]? {
        guard case .array(let array) = value else {
            problems.add(self, "expected an array, found \(value.typeName)")
            return nil
        }
        return array.enumerated().map {
            DocumentNode(file: file, pointer: pointer.appending(String($0.offset)), value: $0.element)
        }
    }

    /// Checks this is an object whose members are all `allowed`, naming each unknown one and the known ones.
    @discardableResult
    public func expectObject(allowed: [String], _ problems: inout DocumentProblems) -> Bool {
        guard case .object(let object) = value else {
            problems.add(self, "expected an object, found \(value.typeName)")
            return false
        }
        // Straight over the members: building a node (and a pointer) per member costs more than the check.
        for member in object.members where !member.key.hasPrefix("_") && !allowed.contains(member.key) {
            problems.add(file, pointer.appending(member.key),
                "unknown field \"\(member.key)\" (known: \(allowed.joined(separator: ", ")))")
        }
        return true
    }
}
