extension BigUInt {
    /// Euclidean division by Knuth's Algorithm D (TAOCP vol. 2, §4.3.1) on 64-bit limbs.
    ///
    /// - Precondition: `divisor` is not zero. Every caller checks a divisor derived from input first.
    func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        precondition(!divisor.isZero, "BigUInt division by zero")
        if self < divisor { return (BigUInt(), self) }
        if divisor.limbs.count == 1 {
            let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor.limbs[0])
            return (quotient, BigUInt(remainder))
        }

        // D1: normalize so the divisor's top limb has its high bit set, which bounds the q̂ estimate error to 2.
        let shift = UInt64(divisor.limbs[divisor.limbs.count - 1].leadingZeroBitCount)
        let v = Self.shiftedLeft(divisor.limbs, by: shift, extraLimb: false)
        var u = Self.shiftedLeft(limbs, by: shift, extraLimb: true)
        let n = v.count
        let m = u.count - n - 1
        var quotient = [UInt64](repeating: 0, count: m + 1)
        let vTop = v[n - 1]
        let vNext = v[n - 2]

        var j = m
        while j >= 0 {
            // D3: estimate q̂ from the top two limbs of the current remainder and the top divisor limb.
            let uTop = u[j + n]
            var qHat: UInt64
            var rHat: UInt64
            var rHatOverflowed = false
            if uTop >= vTop {
                // q̂ would be the base b; start from b − 1 with r̂ = u[j+n−1] + v[n−1].
                qHat = .max
                (rHat, rHatOverflowed) = u[j + n - 1].addingReportingOverflow(vTop)
            } else {
                (qHat, rHat) = vTop.dividingFullWidth((uTop, u[j + n - 1]))
            }
            // Refine while q̂·v[n−2] > b·r̂ + u[j+n−2]; stops once r̂ ≥ b.
            while !rHatOverflowed {
                let product = qHat.multipliedFullWidth(by: vNext)
                guard product.high > rHat || (product.high == rHat && product.low > u[j + n - 2]) else { break }
                qHat -= 1
                (rHat, rHatOverflowed) = rHat.addingReportingOverflow(vTop)
            }

            // D4: multiply and subtract q̂·v from u[j...j+n].
            var carry: UInt64 = 0
            var borrow: UInt64 = 0
            for i in 0..<n {
                let product = multiplyAdd(qHat, v[i], carry, 0)
                carry = product.high
                let (partial, underflow1) = u[i + j].subtractingReportingOverflow(product.low)
                let (difference, underflow2) = partial.subtractingReportingOverflow(borrow)
                u[i + j] = difference
                borrow = (underflow1 ? 1 : 0) + (underflow2 ? 1 : 0)
            }
            let (partial, underflow1) = u[j + n].subtractingReportingOverflow(carry)
            let (difference, underflow2) = partial.subtractingReportingOverflow(borrow)
            u[j + n] = difference

            // D5–D6: the estimate was one too large (probability about 2/b); add the divisor back.
            if underflow1 || underflow2 {
                qHat -= 1
                var addCarry = false
                for i in 0..<n {
                    let (sum1, overflow1) = u[i + j].addingReportingOverflow(v[i])
                    let (sum2, overflow2) = sum1.addingReportingOverflow(addCarry ? 1 : 0)
                    u[i + j] = sum2
                    addCarry = overflow1 || overflow2
                }
                u[j + n] &+= addCarry ? 1 : 0
            }
            quotient[j] = qHat
            j -= 1
        }

        // D8: the remainder is u[0..<n] shifted back.
        let remainder = BigUInt(limbs: Array(u[0..<n])) >> Int(shift)
        return (BigUInt(limbs: quotient), remainder)
    }

    /// Division by a single limb, e.g. sieving candidates by small primes.
    ///
    /// - Precondition: `divisor` is not zero.
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: BigUInt, remainder: UInt64) {
        precondition(divisor != 0, "BigUInt division by zero")
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            (quotient[index], remainder) = divisor.dividingFullWidth((remainder, limbs[index]))
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// `self mod divisor`.
    static func % (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        lhs.quotientAndRemainder(dividingBy: rhs).remainder
    }

    /// `self / divisor`.
    static func / (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        lhs.quotientAndRemainder(dividingBy: rhs).quotient
    }

    /// `limbs << shift` for `shift < 64`, optionally with one more limb to receive the bits shifted out.
    private static func shiftedLeft(_ limbs: [UInt64], by shift: UInt64, extraLimb: Bool) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: limbs.count + (extraLimb ? 1 : 0))
        var carry: UInt64 = 0
        for (index, limb) in limbs.enumerated() {
            result[index] = limb << shift | carry
            carry = shift == 0 ? 0 : limb >> (64 - shift)
        }
        if extraLimb { result[limbs.count] = carry }
        return result
    }
}
