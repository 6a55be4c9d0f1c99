/// A fault forced on a partner's next notification(s), like the forced outcomes of requests.
public struct NotificationFault: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// Signed, but the signature does not verify (one byte of it flipped).
        case badSignature = "bad-signature"
        /// Delivered twice: the same body, headers re-signed, a second delivery right after the first.
        case duplicate
        /// After the real ("success") notification, a late copy reporting `03` Pending.
        case outOfOrder = "out-of-order"
        /// The first attempt waits `seconds` of simulator time.
        case delayed
        /// Never sent (the journal says so).
        case dropped
        /// Posted to the partner's URL with `/wrong-path` appended.
        case wrongPath = "wrong-path"
    }

    public var kind: Kind
    /// How many of the partner's next notifications it hits (default 1).
    public var remaining: Int
    /// For `delayed`: simulator seconds to wait.
    public var seconds: Int

    public init(kind: Kind, remaining: Int = 1, seconds: Int = 0) {
        self.kind = kind
        self.remaining = remaining
        self.seconds = seconds
    }
}
