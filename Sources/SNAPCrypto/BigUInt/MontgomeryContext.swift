/// Precomputed values for Montgomery arithmetic modulo an odd `modulus` (Montgomery 1985), with R = 2^(64·k)
/// for a k-limb modulus.
///
/// Multiplying in Montgomery form replaces the expensive division of `a·b mod n` by shifts and one
/// multiply-add pass, which is what makes RSA exponentiation fast. Built once per key and shared by every
/// signature operation.
struct MontgomeryContext: Sendable {
    /// n.
    let modulus: BigUInt
    /// k, the number of limbs in n.
    let limbCount: Int
    /// n as exactly k limbs.
    let modulusLimbs: [UInt64]
    /// −n⁻¹ mod 2⁶⁴, the per-limb reduction factor of CIOS.
    let inverse: UInt64
    /// R² mod n, which converts into Montgomery form: toMontgomery(x) = x·R²·R⁻¹ = x·R mod n.
    let rSquared: [UInt64]
    /// R mod n: 1 in Montgomery form.
    let one: [UInt64]

    /// Returns `nil` unless `modulus` is odd and greater than 1 (Montgomery reduction needs gcd(n, R) = 1).
    init?(modulus: BigUInt) {
        guard modulus.isOdd, modulus > BigUInt(1) else { return nil }
        self.modulus = modulus
        limbCount = modulus.limbs.count
        modulusLimbs = modulus.limbs
        // Newton's iteration for n0⁻¹ mod 2⁶⁴: x·n0 ≡ 1 mod 2³ for odd n0 when x = n0, and every step doubles
        // the number of correct low bits (3 → 6 → 12 → 24 → 48 → 96).
        let n0 = modulus.limbs[0]
        var x = n0
        for _ in 0..<5 {
            x = x &* (2 &- n0 &* x)
        }
        inverse = 0 &- x
        let r = BigUInt(1) << (64 * limbCount)
        one = (r % modulus).limbs(paddedTo: limbCount)
        rSquared = ((r * r) % modulus).limbs(paddedTo: limbCount)
    }

    /// Montgomery product `result = a·b·R⁻¹ mod n` by Coarsely Integrated Operand Scanning (Koç, Acar and
    /// Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms", 1996, §4).
    ///
    /// - Parameters:
    ///   - a, b: k limbs each, both below n.
    ///   - result: k limbs; may alias `a` or `b` because it is written only after the loop.
    ///   - scratch: at least k + 2 limbs.
    @inline(__always)
    func multiply(
        _ a: UnsafePointer<UInt64>,
        _ b: UnsafePointer<UInt64>,
        into result: UnsafeMutablePointer<UInt64>,
        scratch t: UnsafeMutablePointer<UInt64>,
        modulus n: UnsafePointer<UInt64>
    ) {
        let k = limbCount
        t.update(repeating: 0, count: k + 2)
        for i in 0..<k {
            // t += a·b[i]
            let bi = b[i]
            var carry: UInt64 = 0
            for j in 0..<k {
                (carry, t[j]) = multiplyAdd(a[j], bi, t[j], carry)
            }
            let (top, topCarry) = t[k].addingReportingOverflow(carry)
            t[k] = top
            t[k + 1] = topCarry ? 1 : 0
            // t = (t + m·n) / 2⁶⁴ with m chosen so the low limb cancels.
            let m = t[0] &* inverse
            carry = multiplyAdd(m, n[0], t[0], 0).high
            for j in 1..<k {
                (carry, t[j - 1]) = multiplyAdd(m, n[j], t[j], carry)
            }
            let (sum, sumCarry) = t[k].addingReportingOverflow(carry)
            t[k - 1] = sum
            t[k] = t[k + 1] &+ (sumCarry ? 1 : 0)
        }
        // t < 2n: subtract n once if t ≥ n. Both outcomes are computed and selected with a mask so the timing
        // does not reveal which one was taken.
        var borrow: UInt64 = 0
        for j in 0..<k {
            let (partial, underflow1) = t[j].subtractingReportingOverflow(n[j])
            let (difference, underflow2) = partial.subtractingReportingOverflow(borrow)
            result[j] = difference
            borrow = (underflow1 ? 1 : 0) | (underflow2 ? 1 : 0)
        }
        // t < n exactly when the subtraction borrowed out of the top limb t[k].
        let keepT = 0 &- ((borrow & ~t[k]) & 1)
        for j in 0..<k {
            result[j] = (t[j] & keepT) | (result[j] & ~keepT)
        }
    }
}
