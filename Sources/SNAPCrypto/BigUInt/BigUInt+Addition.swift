extension BigUInt {
    static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs.limbs, rhs.limbs) : (rhs.limbs, lhs.limbs)
        var result = long
        var carry = false
        for index in result.indices {
            let addend = index < short.count ? short[index] : 0
            let (partial, overflow1) = result[index].addingReportingOverflow(addend)
            let (sum, overflow2) = partial.addingReportingOverflow(carry ? 1 : 0)
            result[index] = sum
            carry = overflow1 || overflow2
        }
        if carry { result.append(1) }
        return BigUInt(limbs: result)
    }

    /// `lhs - rhs`.
    ///
    /// - Precondition: `lhs >= rhs`. Callers establish this by construction or by comparing first; it is never
    ///   decided by untrusted input alone.
    static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        precondition(lhs.limbs.count >= rhs.limbs.count, "BigUInt subtraction underflow")
        var result = lhs.limbs
        var borrow = false
        for index in result.indices {
            let subtrahend = index < rhs.limbs.count ? rhs.limbs[index] : 0
            let (partial, underflow1) = result[index].subtractingReportingOverflow(subtrahend)
            let (difference, underflow2) = partial.subtractingReportingOverflow(borrow ? 1 : 0)
            result[index] = difference
            borrow = underflow1 || underflow2
        }
        precondition(!borrow, "BigUInt subtraction underflow")
        return BigUInt(limbs: result)
    }
}
