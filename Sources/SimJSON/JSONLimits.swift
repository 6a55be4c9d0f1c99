/// How much of a document the parser and scanner accept before refusing it, so that attacker-chosen bytes cost
/// bounded stack, time and memory.
///
/// Every limit is checked while reading, so a refusal comes as soon as the limit is passed, and the error
/// (``JSONSyntaxError/limit``) names it, so that a server can answer "400: the body passes maximumMembers".
public struct JSONLimits: Sendable, Hashable {
    /// Arrays and objects open at once. The tree parser recurses, so this also bounds its stack.
    public var maximumDepth: Int
    /// Members of one object (arrays are bounded only by the input's size).
    public var maximumMembers: Int
    /// UTF-8 bytes of one decoded string (a member name or a value).
    public var maximumStringLength: Int

    /// Limits; values below 1 are raised to 1, and the depth is capped at ``deepestSupported``.
    public init(maximumDepth: Int = 128, maximumMembers: Int = 10_000, maximumStringLength: Int = 1 << 20) {
        self.maximumDepth = min(max(maximumDepth, 1), Self.deepestSupported)
        self.maximumMembers = max(maximumMembers, 1)
        self.maximumStringLength = max(maximumStringLength, 1)
    }

    /// The limits every reader in snapsim uses: request bodies, admin bodies, fixture and scenario files.
    ///
    /// 128 levels, 10,000 members per object, 1 MiB per string: far beyond any SNAP message or fixture file
    /// (a fixture file's long lists are arrays), far below what hurts.
    public static let standard = JSONLimits()

    /// The deepest nesting any caller may ask for; the tree parser recurses once per level.
    public static let deepestSupported = 4_096

    /// Which limit a document passed.
    public enum Limit: String, Sendable, Hashable, CustomStringConvertible {
        case maximumDepth, maximumMembers, maximumStringLength

        public var description: String { rawValue }
    }
}

/// What the parser does with an object that names a member twice.
public enum JSONDuplicateMembers: Sendable, Hashable {
    /// Refuse the document (the default). RFC 8259 §4 leaves duplicates' meaning unpredictable, and a payment
    /// body whose signer and reader might see different values is exactly what a sandbox must not wave through.
    case reject
    /// Keep the first position and the last value, as JavaScript's `JSON.parse` does.
    case lastWins
}

/// Why a document is not valid JSON, or passes a limit, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem in the input.
    public let offset: Int
    public let reason: String
    /// The limit the document passed; `nil` when it is not JSON at all.
    public let limit: JSONLimits.Limit?

    public init(offset: Int, reason: String, limit: JSONLimits.Limit? = nil) {
        self.offset = offset
        self.reason = reason
        self.limit = limit
    }

    public var description: String {
        if limit != nil { "JSON refused at byte \(offset): \(reason)" }
        else { "invalid JSON at byte \(offset): \(reason)" }
    }
}
