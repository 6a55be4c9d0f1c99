/// SHA-256 as specified in FIPS 180-4 §6.2: 32-byte digests over 64-byte blocks.
///
/// ```swift
/// let digest = SHA256.hash(data: body.utf8)
/// let hex = Hex.encode(digest)
/// ```
public struct SHA256: HashFunction {
    /// 32: SHA-256 digests are 256 bits.
    public static let byteCount = 32
    /// 64: SHA-256 compresses 512-bit blocks.
    public static let blockByteCount = 64

    private var state = State.initial
    private var buffer = BlockBuffer()

    /// Creates a hasher in the FIPS 180-4 §5.3.3 initial state.
    public init() {}

    /// Feeds raw bytes; whole 64-byte blocks are compressed straight from `bufferPointer`.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        var state = self.state
        buffer.absorb(bufferPointer, blockByteCount: Self.blockByteCount) { Self.compress(&state, blocks: $0) }
        self.state = state
    }

    /// Returns the digest of everything fed so far, leaving `self` untouched.
    public func finalize() -> [UInt8] {
        var state = self.state
        var buffer = self.buffer
        buffer.pad(blockByteCount: Self.blockByteCount, lengthByteCount: 8) { Self.compress(&state, blocks: $0) }
        return state.bigEndianBytes()
    }
}

extension SHA256 {
    /// The eight working hash words H0…H7.
    struct State: Sendable {
        var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

        /// FIPS 180-4 §5.3.3.
        static let initial = State(
            h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
            h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19
        )

        /// H0‖H1‖…‖H7, each word big-endian (FIPS 180-4 §6.2.2).
        func bigEndianBytes() -> [UInt8] {
            let words = (
                h0.bigEndian, h1.bigEndian, h2.bigEndian, h3.bigEndian,
                h4.bigEndian, h5.bigEndian, h6.bigEndian, h7.bigEndian
            )
            return withUnsafeBytes(of: words) { [UInt8]($0) }
        }
    }
}
