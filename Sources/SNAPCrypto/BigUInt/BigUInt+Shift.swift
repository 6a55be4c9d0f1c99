extension BigUInt {
    static func << (value: BigUInt, shift: Int) -> BigUInt {
        guard !value.isZero, shift > 0 else { return value }
        let limbShift = shift >> 6
        let bitShift = UInt64(shift & 63)
        var result = [UInt64](repeating: 0, count: value.limbs.count + limbShift + 1)
        for (index, limb) in value.limbs.enumerated() {
            result[index + limbShift] |= limb << bitShift
            if bitShift != 0 {
                result[index + limbShift + 1] = limb >> (64 - bitShift)
            }
        }
        return BigUInt(limbs: result)
    }

    static func >> (value: BigUInt, shift: Int) -> BigUInt {
        guard shift > 0 else { return value }
        let limbShift = shift >> 6
        let bitShift = UInt64(shift & 63)
        guard limbShift < value.limbs.count else { return BigUInt() }
        var result = [UInt64](repeating: 0, count: value.limbs.count - limbShift)
        for index in result.indices {
            result[index] = value.limbs[index + limbShift] >> bitShift
            if bitShift != 0, index + limbShift + 1 < value.limbs.count {
                result[index] |= value.limbs[index + limbShift + 1] << (64 - bitShift)
            }
        }
        return BigUInt(limbs: result)
    }
}
