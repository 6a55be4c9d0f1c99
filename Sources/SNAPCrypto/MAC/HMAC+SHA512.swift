extension HMAC where H == SHA512 {
    /// The 64-byte authentication code of everything fed so far followed by `message`, leaving `self` untouched:
    /// the same bytes as the generic ``HMAC/authenticationCode(of:)``, computed the way a server verifying one
    /// signature per request wants it.
    ///
    /// The keyed states stand for whole blocks (the padded key), so the message's whole blocks are compressed
    /// straight from `message`, its tail and padding in one stack buffer, and the outer hash's single block
    /// (the inner digest and its padding) in the same buffer: one allocation (the result) instead of three,
    /// no staging copies of the hash states and no protocol thunks. A key fed a partial block with
    /// ``update(data:)`` takes the generic path.
    public func authenticationCode(of message: UnsafeRawBufferPointer) -> [UInt8] {
        guard inner.core.isBlockAligned, outer.core.isBlockAligned else { return genericAuthenticationCode(of: message) }
        var state = inner.core.state
        let whole = message.count & ~127
        if whole > 0 { SHA512Core.compress(&state, blocks: UnsafeRawBufferPointer(rebasing: message[0..<whole])) }
        let innerBytes = inner.core.messageByteCount &+ UInt64(message.count)
        var outerState = outer.core.state
        let outerBytes = outer.core.messageByteCount &+ 64
        withUnsafeTemporaryAllocation(byteCount: 256, alignment: 8) { tail in
            // FIPS 180-4 §5.1.2: the rest of the message, 0x80, zeros, then the length in bits as 128 bits.
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            let rest = message.count - whole
            if rest > 0 { tail.baseAddress.unsafelyUnwrapped.copyMemory(from: message.baseAddress! + whole, byteCount: rest) }
            tail[rest] = 0x80
            let blocks = rest + 17 <= 128 ? 1 : 2
            Self.storeLength(innerBytes, in: tail, blockEnd: blocks * 128)
            SHA512Core.compress(&state, blocks: UnsafeRawBufferPointer(rebasing: tail[0..<(blocks * 128)]))

            // The outer hash's one block: the inner digest, 0x80, zeros, the length.
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            Self.storeDigest(state, in: tail)
            tail[64] = 0x80
            Self.storeLength(outerBytes, in: tail, blockEnd: 128)
            SHA512Core.compress(&outerState, blocks: UnsafeRawBufferPointer(rebasing: tail[0..<128]))
        }
        return [UInt8](unsafeUninitializedCapacity: 64) { code, count in
            Self.storeDigest(outerState, in: UnsafeMutableRawBufferPointer(code))
            count = 64
        }
    }

    /// H0‖…‖H7 big-endian into the first 64 bytes of `buffer`.
    @inline(__always)
    private static func storeDigest(_ state: SHA512Core.State, in buffer: UnsafeMutableRawBufferPointer) {
        buffer.storeBytes(of: state.h0.bigEndian, toByteOffset: 0, as: UInt64.self)
        buffer.storeBytes(of: state.h1.bigEndian, toByteOffset: 8, as: UInt64.self)
        buffer.storeBytes(of: state.h2.bigEndian, toByteOffset: 16, as: UInt64.self)
        buffer.storeBytes(of: state.h3.bigEndian, toByteOffset: 24, as: UInt64.self)
        buffer.storeBytes(of: state.h4.bigEndian, toByteOffset: 32, as: UInt64.self)
        buffer.storeBytes(of: state.h5.bigEndian, toByteOffset: 40, as: UInt64.self)
        buffer.storeBytes(of: state.h6.bigEndian, toByteOffset: 48, as: UInt64.self)
        buffer.storeBytes(of: state.h7.bigEndian, toByteOffset: 56, as: UInt64.self)
    }

    /// The message length `byteCount` in bits, as the 128-bit big-endian number ending at `blockEnd`.
    @inline(__always)
    private static func storeLength(_ byteCount: UInt64, in buffer: UnsafeMutableRawBufferPointer, blockEnd: Int) {
        buffer.storeBytes(of: (byteCount >> 61).bigEndian, toByteOffset: blockEnd - 16, as: UInt64.self)
        buffer.storeBytes(of: (byteCount << 3).bigEndian, toByteOffset: blockEnd - 8, as: UInt64.self)
    }
}
