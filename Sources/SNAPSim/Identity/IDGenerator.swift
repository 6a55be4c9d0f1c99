import SNAPCrypto

/// The source of every identifier the simulator invents: reference numbers and access tokens.
///
/// A SplitMix64 stream from a seed, so that `--seed` makes runs repeatable. Each partner draws from its
/// own stream (see ``forPartner(_:)``), so one team's traffic never shifts another team's identifiers.
public struct IDGenerator: Codable, Sendable {
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    /// A generator seeded from this one's seed and the partner's identifier, independent of call order.
    public func forPartner(_ partnerID: String) -> IDGenerator {
        // FNV-1a over the identifier, mixed into the seed: stable across runs and machines.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in partnerID.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return IDGenerator(seed: seed ^ hash)
    }

    /// A generator for a partner whose stream is also keyed with its client secret: HMAC-SHA256 of the seed and
    /// the client id under the secret picks the stream. Tokens drawn from it are reproducible for the partner
    /// that knows its secret (same seed, same tokens) but cannot be computed from `--seed` and the client id.
    public func forPartner(_ partnerID: String, secret: String) -> IDGenerator {
        var message = (0..<8).map { UInt8(truncatingIfNeeded: seed >> (8 * $0)) }
        message.append(contentsOf: partnerID.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: Array(secret.utf8))
        return IDGenerator(seed: mac.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// Where the stream stands: what a read's compact log record keeps (``DurableRecord/read(_:)``), so a replay
    /// puts the stream where the read left it without serving the read again.
    var position: UInt64 { state }

    /// Puts the stream at `position` (a replayed read's, see ``position``).
    mutating func move(to position: UInt64) {
        state = position
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A numeric reference of `length` digits, as providers issue `referenceNo`.
    public mutating func referenceNumber(length: Int = 20) -> String {
        // The same digits as before, written as bytes (Characters cost a grapheme check each).
        String(decoding: (0..<length).map { _ in UInt8(ascii: "0") + UInt8(next() % 10) }, as: UTF8.self)
    }

    /// An opaque bearer token of `length` characters from the Base64url alphabet.
    public mutating func token(length: Int = 64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        return String(decoding: (0..<length).map { _ in alphabet[Int(next() % 64)] }, as: UTF8.self)
    }
}
