extension BigUInt {
    /// Schoolbook multiplication: used off the hot path (CRT recombination, key validation, key generation).
    static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        guard !lhs.isZero, !rhs.isZero else { return BigUInt() }
        var result = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, left) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, right) in rhs.limbs.enumerated() {
                (carry, result[i + j]) = multiplyAdd(left, right, result[i + j], carry)
            }
            result[i + rhs.limbs.count] = carry
        }
        return BigUInt(limbs: result)
    }
}

/// `a·b + c + d` as a 128-bit (high, low) pair; it cannot overflow because (2⁶⁴−1)² + 2(2⁶⁴−1) = 2¹²⁸ − 1.
@inline(__always)
func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (high: UInt64, low: UInt64) {
    let product = a.multipliedFullWidth(by: b)
    let (sum1, carry1) = product.low.addingReportingOverflow(c)
    let (sum2, carry2) = sum1.addingReportingOverflow(d)
    return (product.high &+ (carry1 ? 1 : 0) &+ (carry2 ? 1 : 0), sum2)
}
