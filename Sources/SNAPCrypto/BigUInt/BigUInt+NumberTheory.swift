extension BigUInt {
    /// The greatest common divisor, by Euclid's algorithm.
    static func greatestCommonDivisor(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var (a, b) = (a, b)
        while !b.isZero {
            (a, b) = (b, a % b)
        }
        return a
    }

    /// Returns d with d·e ≡ 1 (mod m) for a small `e` (such as the RSA public exponent), or `nil` when
    /// gcd(e, m) ≠ 1. Uses d = (1 + k·m) / e with k ≡ −m⁻¹ (mod e), so only single-limb arithmetic is needed
    /// besides one big multiplication and division.
    static func inverse(ofSmall e: UInt64, modulo m: BigUInt) -> BigUInt? {
        guard e > 1, !m.isZero else { return nil }
        let mModE = m.quotientAndRemainder(dividingBy: e).remainder
        guard let mInverse = inverse(mModE, modulo: e) else { return nil }
        let k = (e - mInverse) % e
        let numerator = BigUInt(1) + BigUInt(k) * m
        let (d, remainder) = numerator.quotientAndRemainder(dividingBy: e)
        return remainder == 0 ? d : nil
    }

    /// The inverse of `a` modulo the word-sized `m` by the extended Euclidean algorithm, or `nil` if none exists.
    private static func inverse(_ a: UInt64, modulo m: UInt64) -> UInt64? {
        var (oldR, r) = (Int128(a), Int128(m))
        var (oldS, s) = (Int128(1), Int128(0))
        while r != 0 {
            let quotient = oldR / r
            (oldR, r) = (r, oldR - quotient * r)
            (oldS, s) = (s, oldS - quotient * s)
        }
        guard oldR == 1 else { return nil }
        let inverse = (oldS % Int128(m) + Int128(m)) % Int128(m)
        return UInt64(inverse)
    }
}
