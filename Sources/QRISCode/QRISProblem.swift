/// Why a payload is not a valid merchant-presented QR code, naming the tag concerned.
public struct QRISProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of problem, for callers that map them to their own codes.
    public enum Kind: String, Sendable, Hashable {
        /// Not tag-length-value: a bad tag, a bad length, or a value running past the end.
        case malformed
        /// Tag 63 is not the last data object, or its value is not four hexadecimal digits.
        case crcMissing
        /// The checksum in tag 63 differs from the one computed.
        case crcMismatch
        /// A mandatory tag (or sub-tag) is absent.
        case missingTag
        /// A tag is present twice.
        case duplicateTag
        /// A value has the wrong form (length, characters, or a value the standard does not allow).
        case invalidValue
    }

    /// What kind of problem.
    public var kind: Kind
    /// The tag concerned, dotted for sub-tags (`"62.05"`, `"51.02"`); `nil` for the payload as a whole.
    public var tag: String?
    /// A sentence naming the problem, for people.
    public var message: String

    /// A problem of `kind` at `tag`.
    public init(_ kind: Kind, tag: String?, _ message: String) {
        self.kind = kind
        self.tag = tag
        self.message = message
    }

    public var description: String { message }
}
