import Testing

@testable import SNAPCrypto

@Suite struct BigUIntTests {
    /// Random values with `limbCount` limbs, biased towards the edge cases of Algorithm D: all-ones limbs,
    /// zero limbs and top limbs with only the high bit set.
    static func randomValue(limbCount: Int, using generator: inout SeededGenerator) -> BigUInt {
        BigUInt(
            limbs: (0..<limbCount).map { _ in
                switch generator.next() % 6 {
                case 0: UInt64.max
                case 1: 0
                case 2: 1 << 63
                default: generator.next()
                }
            }
        )
    }

    @Test func bigEndianBytes_RoundTrip_WithLeadingZerosAndPadding() {
        let value = BigUInt(bigEndianBytes: [0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09])
        #expect(value.limbs == [0x0203_0405_0607_0809, 0x01])
        #expect(value.bigEndianBytes() == [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09])
        #expect(value.bigEndianBytes(count: 12) == [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(value.bitWidth == 65)
        #expect(BigUInt(bigEndianBytes: [0, 0]).isZero)
        #expect(BigUInt().bigEndianBytes(count: 2) == [0, 0])
    }

    @Test func quotientAndRemainder_SatisfiesDivisionIdentity_ForRandomOperands() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<3000 {
            let dividend = Self.randomValue(limbCount: Int(generator.next() % 9), using: &generator)
            var divisor = Self.randomValue(limbCount: 1 + Int(generator.next() % 6), using: &generator)
            if divisor.isZero { divisor = BigUInt(7) }
            let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
            #expect(remainder < divisor)
            #expect(quotient * divisor + remainder == dividend, "\(dividend) / \(divisor)")
        }
    }

    @Test func quotientAndRemainder_HandlesQuotientEstimateOverflow_WhenTopLimbsAreEqual() {
        // u = [v_top, v_top, …] forces q̂ = b − 1 and the add-back step of Algorithm D.
        let divisor = BigUInt(limbs: [0, 0x8000_0000_0000_0000])
        let dividend = BigUInt(limbs: [UInt64.max, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000])
        let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        #expect(quotient * divisor + remainder == dividend)
        #expect(remainder < divisor)
        let tricky = BigUInt(limbs: [1, 0, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000])
        let trickyDivisor = BigUInt(limbs: [UInt64.max, 0x8000_0000_0000_0000])
        let (q2, r2) = tricky.quotientAndRemainder(dividingBy: trickyDivisor)
        #expect(q2 * trickyDivisor + r2 == tricky)
        #expect(r2 < trickyDivisor)
    }

    @Test func shifts_AreInverse_ForEveryBitOffset() {
        let value = BigUInt(limbs: [0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x5])
        for shift in 0..<200 {
            #expect((value << shift) >> shift == value, "shift \(shift)")
        }
        #expect(value >> 500 == BigUInt())
    }

    @Test func montgomeryPower_MatchesSquareAndMultiply_ForRandomOddModuli() throws {
        var generator = SeededGenerator(seed: 2)
        for limbCount in [1, 2, 3, 5, 16] {
            for _ in 0..<6 {
                var modulus = Self.randomValue(limbCount: limbCount, using: &generator)
                modulus = modulus + BigUInt(modulus.isOdd ? 0 : 1)
                guard modulus > BigUInt(1) else { continue }
                let context = try #require(MontgomeryContext(modulus: modulus))
                let base = Self.randomValue(limbCount: limbCount + 1, using: &generator) % modulus
                let exponent = Self.randomValue(limbCount: 1 + Int(generator.next() % 3), using: &generator)
                let expected = Self.naivePower(base, exponent, modulus)
                #expect(context.power(base, secretExponent: exponent) == expected)
                #expect(context.power(base, publicExponent: exponent) == expected)
            }
        }
    }

    @Test func montgomeryPower_HandlesZeroAndOneExponents() throws {
        let modulus = BigUInt(limbs: [0xffff_ffff_ffff_ffc5])  // the largest 64-bit prime
        let context = try #require(MontgomeryContext(modulus: modulus))
        #expect(context.power(BigUInt(12345), secretExponent: BigUInt()) == BigUInt(1))
        #expect(context.power(BigUInt(12345), secretExponent: BigUInt(1)) == BigUInt(12345))
        #expect(context.power(BigUInt(), publicExponent: BigUInt(65537)) == BigUInt())
        // Fermat: a^(p−1) ≡ 1 mod p.
        #expect(context.power(BigUInt(3), secretExponent: modulus - BigUInt(1)) == BigUInt(1))
    }

    @Test func montgomeryContext_RejectsEvenAndTrivialModuli() {
        #expect(MontgomeryContext(modulus: BigUInt(10)) == nil)
        #expect(MontgomeryContext(modulus: BigUInt(1)) == nil)
        #expect(MontgomeryContext(modulus: BigUInt()) == nil)
    }

    @Test func isProbablePrime_ClassifiesKnownPrimesAndComposites() {
        var generator = SeededGenerator(seed: 3)
        let mersenne127 = (BigUInt(1) << 127) - BigUInt(1)
        let mersenne521 = (BigUInt(1) << 521) - BigUInt(1)
        for prime in [BigUInt(2), BigUInt(3), BigUInt(65537), mersenne127, mersenne521] {
            #expect(prime.isProbablePrime(rounds: 20, using: &generator), "\(prime)")
        }
        // Carmichael numbers fool the Fermat test but not Miller–Rabin; 2^128 − 1 and a semiprime are easy.
        let composites = [
            BigUInt(1), BigUInt(4), BigUInt(561), BigUInt(41041), BigUInt(825_265), (BigUInt(1) << 128) - BigUInt(1),
            mersenne127 * BigUInt(65537),
        ]
        for composite in composites {
            #expect(!composite.isProbablePrime(rounds: 20, using: &generator), "\(composite)")
        }
    }

    @Test func inverseOfSmall_SatisfiesCongruence() throws {
        let modulus = BigUInt(limbs: [0x1234_5678_9abc_def0, 0x0fed_cba9_8765_4321])
        let inverse = try #require(BigUInt.inverse(ofSmall: 65537, modulo: modulus))
        #expect((inverse * BigUInt(65537)) % modulus == BigUInt(1))
        #expect(BigUInt.inverse(ofSmall: 3, modulo: BigUInt(9)) == nil)
    }

    static func naivePower(_ base: BigUInt, _ exponent: BigUInt, _ modulus: BigUInt) -> BigUInt {
        var result = BigUInt(1) % modulus
        var index = exponent.bitWidth
        while index > 0 {
            index -= 1
            result = (result * result) % modulus
            if exponent.bit(index) { result = (result * base) % modulus }
        }
        return result
    }
}
