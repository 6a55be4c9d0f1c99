/// Stages the bytes of a not-yet-complete block for the SHA-2 family and applies the final padding.
///
/// The storage is an inline tuple rather than an array so hashers never allocate: HMAC creates and copies
/// several of them per message.
struct BlockBuffer: Sendable {
    /// 128 bytes, enough for SHA-512's block; SHA-256 uses the first 64.
    private var storage:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// How many bytes of `storage` hold message data.
    private var count = 0

    /// How many bytes are staged, waiting for the rest of their block.
    var stagedByteCount: Int { count }

    /// Total message length in bytes so far (FIPS 180-4 limits messages to 2^64 bits for SHA-256 and
    /// 2^128 for SHA-512; 2^64 bytes is far beyond anything this process will hash).
    private(set) var messageByteCount: UInt64 = 0

    /// Feeds `input`, calling `compress` with runs of whole blocks (a multiple of `blockByteCount` bytes).
    mutating func absorb(
        _ input: UnsafeRawBufferPointer,
        blockByteCount: Int,
        compress: (UnsafeRawBufferPointer) -> Void
    ) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        messageByteCount &+= UInt64(input.count)
        var consumed = 0
        if count > 0 {
            // Top up the staged partial block first.
            let take = min(blockByteCount - count, input.count)
            stage(UnsafeRawBufferPointer(start: base, count: take))
            consumed = take
            guard count == blockByteCount else { return }
            compressStaged(blockByteCount: blockByteCount, compress: compress)
        }
        let wholeBlockBytes = (input.count - consumed) / blockByteCount * blockByteCount
        if wholeBlockBytes > 0 {
            compress(UnsafeRawBufferPointer(start: base + consumed, count: wholeBlockBytes))
            consumed += wholeBlockBytes
        }
        if consumed < input.count {
            stage(UnsafeRawBufferPointer(start: base + consumed, count: input.count - consumed))
        }
    }

    /// Applies the Merkle–Damgård padding of FIPS 180-4 §5.1.1 (SHA-256, 64-bit length) or §5.1.2
    /// (SHA-512, 128-bit length) and compresses the final block or two.
    mutating func pad(blockByteCount: Int, lengthByteCount: Int, compress: (UnsafeRawBufferPointer) -> Void) {
        let bitLengthLow = messageByteCount << 3
        let bitLengthHigh = messageByteCount >> 61
        let offset = count
        withUnsafeMutableBytes(of: &storage) { block in
            block[offset] = 0x80
            for index in (offset + 1)..<blockByteCount { block[index] = 0 }
        }
        count = blockByteCount
        if offset + 1 > blockByteCount - lengthByteCount {
            // No room for the length field: it goes into one more, otherwise empty, block.
            compressStaged(blockByteCount: blockByteCount, compress: compress)
            withUnsafeMutableBytes(of: &storage) { block in
                for index in 0..<blockByteCount { block[index] = 0 }
            }
            count = blockByteCount
        }
        withUnsafeMutableBytes(of: &storage) { block in
            block.storeBytes(of: bitLengthLow.bigEndian, toByteOffset: blockByteCount - 8, as: UInt64.self)
            if lengthByteCount == 16 {
                block.storeBytes(of: bitLengthHigh.bigEndian, toByteOffset: blockByteCount - 16, as: UInt64.self)
            }
        }
        compressStaged(blockByteCount: blockByteCount, compress: compress)
    }

    private mutating func stage(_ bytes: UnsafeRawBufferPointer) {
        let offset = count
        withUnsafeMutableBytes(of: &storage) { block in
            UnsafeMutableRawBufferPointer(rebasing: block[offset..<(offset + bytes.count)]).copyMemory(from: bytes)
        }
        count += bytes.count
    }

    private mutating func compressStaged(blockByteCount: Int, compress: (UnsafeRawBufferPointer) -> Void) {
        let block = storage
        withUnsafeBytes(of: block) { compress(UnsafeRawBufferPointer(rebasing: $0[0..<blockByteCount])) }
        count = 0
    }
}
