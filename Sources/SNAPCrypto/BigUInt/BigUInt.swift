/// A non-negative arbitrary-precision integer: the arithmetic behind RSA.
///
/// Deliberately internal and minimal: only what key parsing, PKCS#1 and key generation need. The hot path
/// (modular exponentiation) does not use these value-level operators; it runs on raw limb buffers in
/// ``MontgomeryContext``.
struct BigUInt: Sendable, Hashable {
    /// Little-endian 64-bit limbs with no zero limb at the top, so equal values have equal limbs; zero has none.
    private(set) var limbs: [UInt64]

    /// Zero.
    init() {
        limbs = []
    }

    init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    /// Wraps little-endian `limbs`, dropping zero limbs at the top.
    init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    /// OS2IP of RFC 8017 §4.2: interprets `bytes` as a big-endian unsigned integer.
    init(bigEndianBytes bytes: some Collection<UInt8>) {
        var limbs = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
        var bytePosition = bytes.count
        for byte in bytes {
            bytePosition -= 1
            limbs[bytePosition >> 3] |= UInt64(byte) << (UInt64(bytePosition & 7) << 3)
        }
        self.init(limbs: limbs)
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 {
            limbs.removeLast()
        }
    }

    var isZero: Bool { limbs.isEmpty }

    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The number of significant bits; 0 for zero.
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The minimal number of bytes needed to write the value big-endian; 0 for zero.
    var byteWidth: Int { (bitWidth + 7) / 8 }

    /// Whether bit `index` (0 = least significant) is set.
    func bit(_ index: Int) -> Bool {
        let limb = index >> 6
        guard index >= 0, limb < limbs.count else { return false }
        return limbs[limb] >> UInt64(index & 63) & 1 == 1
    }

    /// The value as a limb array of exactly `count` limbs, zero-extended.
    ///
    /// - Precondition: the value fits in `count` limbs (an internal invariant, not reachable by input).
    func limbs(paddedTo count: Int) -> [UInt64] {
        precondition(limbs.count <= count, "BigUInt does not fit in \(count) limbs")
        return limbs + [UInt64](repeating: 0, count: count - limbs.count)
    }

    /// The minimal big-endian encoding; empty for zero.
    func bigEndianBytes() -> [UInt8] {
        bigEndianBytes(count: byteWidth)
    }

    /// I2OSP of RFC 8017 §4.1: the big-endian encoding left-padded with zeros to exactly `count` bytes.
    ///
    /// - Precondition: the value is below 256^count. RSA callers guarantee this because every value is reduced
    ///   below the modulus, and the modulus has exactly `count` bytes.
    func bigEndianBytes(count: Int) -> [UInt8] {
        precondition(byteWidth <= count, "integer too large for \(count) bytes")
        return [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
            for index in 0..<count {
                let bytePosition = count - 1 - index
                let limb = bytePosition >> 3
                bytes[index] =
                    limb < limbs.count ? UInt8(truncatingIfNeeded: limbs[limb] >> (UInt64(bytePosition & 7) << 3)) : 0
            }
            initialized = count
        }
    }
}

// MARK: - Comparison

extension BigUInt: Comparable {
    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        compare(lhs.limbs[...], rhs.limbs[...]) < 0
    }

    /// Three-way comparison of normalized or zero-extended limb sequences: -1, 0 or 1.
    static func compare(_ lhs: ArraySlice<UInt64>, _ rhs: ArraySlice<UInt64>) -> Int {
        var lhsCount = lhs.count
        var rhsCount = rhs.count
        while lhsCount > 0, lhs[lhs.startIndex + lhsCount - 1] == 0 { lhsCount -= 1 }
        while rhsCount > 0, rhs[rhs.startIndex + rhsCount - 1] == 0 { rhsCount -= 1 }
        if lhsCount != rhsCount { return lhsCount < rhsCount ? -1 : 1 }
        var index = lhsCount - 1
        while index >= 0 {
            let left = lhs[lhs.startIndex + index]
            let right = rhs[rhs.startIndex + index]
            if left != right { return left < right ? -1 : 1 }
            index -= 1
        }
        return 0
    }
}

extension BigUInt: ExpressibleByIntegerLiteral {
    init(integerLiteral value: UInt64) {
        self.init(value)
    }
}

extension BigUInt: CustomStringConvertible {
    /// Hexadecimal with a `0x` prefix: for debugging and test failure messages only.
    var description: String {
        guard !isZero else { return "0x0" }
        let hex = Hex.encode(bigEndianBytes())
        return "0x" + (hex.hasPrefix("0") ? String(hex.dropFirst()) : hex)
    }
}
