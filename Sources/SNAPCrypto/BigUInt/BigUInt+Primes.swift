extension BigUInt {
    /// A uniformly random value of at most `bitCount` bits.
    static func random<R: RandomNumberGenerator>(bitCount: Int, using rng: inout R) -> BigUInt {
        guard bitCount > 0 else { return BigUInt() }
        let limbCount = (bitCount + 63) / 64
        var limbs = (0..<limbCount).map { _ in rng.next() as UInt64 }
        let excessBits = limbCount * 64 - bitCount
        limbs[limbCount - 1] &= UInt64.max >> UInt64(excessBits)
        return BigUInt(limbs: limbs)
    }

    /// A random prime of exactly `bitCount` bits whose top two bits are set, so that the product of two such
    /// primes has exactly their combined bit count (FIPS 186-5 §A.1.3 takes the same precaution), and which is not
    /// ≡ 1 (mod `coprimeExponent`), so that the RSA exponent is invertible modulo p − 1.
    ///
    /// Candidates are sieved by small primes, stepping by 2 from a random odd start and updating residues
    /// incrementally, before the Miller–Rabin test.
    static func randomPrime<R: RandomNumberGenerator>(
        bitCount: Int,
        coprimeExponent: UInt64,
        using rng: inout R
    ) -> BigUInt {
        precondition(bitCount >= 16, "prime too small for this generator")
        let maximumStep: UInt64 = 1 << 20
        while true {
            let start = randomOddCandidate(bitCount: bitCount, using: &rng)
            let residues = smallPrimes.map { start.quotientAndRemainder(dividingBy: $0).remainder }
            let exponentResidue = start.quotientAndRemainder(dividingBy: coprimeExponent).remainder
            var step: UInt64 = 0
            search: while step < maximumStep {
                defer { step += 2 }
                for (index, prime) in smallPrimes.enumerated() where (residues[index] + step) % prime == 0 {
                    continue search
                }
                guard (exponentResidue + step) % coprimeExponent != 1 else { continue }
                let candidate = start + BigUInt(step)
                guard candidate.bitWidth == bitCount else { break }
                if candidate.isProbablePrime(rounds: millerRabinRounds(bitCount: bitCount), using: &rng) {
                    return candidate
                }
            }
        }
    }

    /// Miller–Rabin rounds for a random candidate of `bitCount` bits, giving error probability below 2⁻¹⁰⁰
    /// (FIPS 186-5 Table B.1 and the average-case bounds of Damgård, Landrock and Pomerance).
    static func millerRabinRounds(bitCount: Int) -> Int {
        switch bitCount {
        case 1024...: 5
        case 512..<1024: 7
        default: 40
        }
    }

    /// The Miller–Rabin probabilistic primality test (FIPS 186-5 §B.3.1) with random bases.
    func isProbablePrime<R: RandomNumberGenerator>(rounds: Int, using rng: inout R) -> Bool {
        guard self > BigUInt(3) else { return self == BigUInt(2) || self == BigUInt(3) }
        guard isOdd, let context = MontgomeryContext(modulus: self) else { return false }
        let one = BigUInt(1)
        let minusOne = self - one
        // self − 1 = 2^a · m with m odd.
        var a = 0
        while !minusOne.bit(a) { a += 1 }
        let m = minusOne >> a
        for _ in 0..<rounds {
            // A random base in [2, self − 2]: fewer bits than self keeps it below self − 2.
            var base = BigUInt()
            while base < BigUInt(2) {
                base = BigUInt.random(bitCount: bitWidth - 1, using: &rng)
            }
            var z = context.power(base, secretExponent: m)
            if z == one || z == minusOne { continue }
            var isWitness = true
            for _ in 1..<max(a, 1) {
                z = context.power(z, publicExponent: BigUInt(2))
                if z == minusOne {
                    isWitness = false
                    break
                }
                if z == one { break }
            }
            if isWitness { return false }
        }
        return true
    }

    /// A random odd value of exactly `bitCount` bits with its top two bits set.
    private static func randomOddCandidate<R: RandomNumberGenerator>(bitCount: Int, using rng: inout R) -> BigUInt {
        var limbs = random(bitCount: bitCount, using: &rng).limbs(paddedTo: (bitCount + 63) / 64)
        for bit in [bitCount - 1, bitCount - 2, 0] {
            limbs[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return BigUInt(limbs: limbs)
    }

    /// The odd primes below 2¹⁴, found once by the sieve of Eratosthenes.
    static let smallPrimes: [UInt64] = {
        let limit = 1 << 14
        var isComposite = [Bool](repeating: false, count: limit)
        var primes: [UInt64] = []
        for candidate in 3..<limit where candidate % 2 == 1 && !isComposite[candidate] {
            primes.append(UInt64(candidate))
            for multiple in stride(from: candidate * candidate, to: limit, by: candidate) {
                isComposite[multiple] = true
            }
        }
        return primes
    }()
}
