/// SHA-512 as specified in FIPS 180-4 §6.4: 64-byte digests over 128-byte blocks.
///
/// SNAP's symmetric signature is HMAC-SHA512 (see ``HMAC``); on 64-bit machines SHA-512 is also faster per
/// byte than SHA-256 because it moves 64-bit words.
public struct SHA512: HashFunction {
    /// 64: SHA-512 digests are 512 bits.
    public static let byteCount = 64
    /// 128: SHA-512 compresses 1024-bit blocks.
    public static let blockByteCount = 128

    private(set) var core = SHA512Core(initial: .sha512)

    /// Creates a hasher in the FIPS 180-4 §5.3.5 initial state.
    public init() {}

    /// Feeds raw bytes; whole 128-byte blocks are compressed straight from `bufferPointer`.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer)
    }

    /// Returns the digest of everything fed so far, leaving `self` untouched.
    public func finalize() -> [UInt8] {
        core.finalize(byteCount: Self.byteCount)
    }
}

/// SHA-384 as specified in FIPS 180-4 §6.5: SHA-512 with other initial values, truncated to 48 bytes.
public struct SHA384: HashFunction {
    /// 48: SHA-384 digests are 384 bits.
    public static let byteCount = 48
    /// 128: SHA-384 shares SHA-512's 1024-bit block.
    public static let blockByteCount = 128

    private var core = SHA512Core(initial: .sha384)

    /// Creates a hasher in the FIPS 180-4 §5.3.4 initial state.
    public init() {}

    /// Feeds raw bytes; whole 128-byte blocks are compressed straight from `bufferPointer`.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer)
    }

    /// Returns the digest of everything fed so far, leaving `self` untouched.
    public func finalize() -> [UInt8] {
        core.finalize(byteCount: Self.byteCount)
    }
}
