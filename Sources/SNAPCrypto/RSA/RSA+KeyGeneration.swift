extension RSA {
    /// The public exponent of generated keys: F4 = 65537, the universal default (OpenSSL, FIPS 186-5 §A.1.1).
    static let generatedPublicExponent: UInt64 = 65537

    /// Generates a new RSA private key with public exponent 65537.
    ///
    /// Meant for tests, demos and sandbox tooling. Pass `SystemRandomNumberGenerator` for real keys, or a
    /// seeded generator to get the same key on every run. The primes are 5-round (for 1024-bit primes)
    /// Miller–Rabin probable primes with their top two bits set, |p − q| > 2^(bits/2 − 100) and
    /// d > 2^(bits/2), following FIPS 186-5 §A.1.3; takes a few hundred milliseconds for 2048 bits in release.
    ///
    /// - Parameters:
    ///   - bits: The modulus size, from 512 to 16384; 2048 or more for anything that matters.
    ///   - rng: The source of randomness.
    /// - Returns: A key whose modulus has exactly `bits` bits.
    /// - Precondition: `bits` is in 512...16384.
    public static func generatePrivateKey<R: RandomNumberGenerator>(bits: Int, using rng: inout R) -> PrivateKey {
        precondition(
            (minimumModulusBitCount...maximumModulusBitCount).contains(bits),
            "RSA key size must be between \(minimumModulusBitCount) and \(maximumModulusBitCount) bits"
        )
        let e = generatedPublicExponent
        let one = BigUInt(1)
        while true {
            let first = BigUInt.randomPrime(bitCount: (bits + 1) / 2, coprimeExponent: e, using: &rng)
            let second = BigUInt.randomPrime(bitCount: bits / 2, coprimeExponent: e, using: &rng)
            // By convention p > q, so the CRT coefficient is q⁻¹ mod p with q < p.
            let (p, q) = first > second ? (first, second) : (second, first)
            // FIPS 186-5 §A.1.3 step 5.4: p and q must not be too close, or n falls to Fermat factoring.
            guard (p - q).bitWidth > bits / 2 - 100 else { continue }
            let pMinus1 = p - one
            let qMinus1 = q - one
            // d = e⁻¹ mod λ(n), λ(n) = lcm(p − 1, q − 1).
            let lambda = pMinus1 * qMinus1 / BigUInt.greatestCommonDivisor(pMinus1, qMinus1)
            guard let d = BigUInt.inverse(ofSmall: e, modulo: lambda), d.bitWidth > bits / 2,
                let contextP = MontgomeryContext(modulus: p)
            else { continue }
            // q⁻¹ mod p = q^(p−2) mod p by Fermat's little theorem, since p is prime.
            let coefficient = contextP.power(q % p, secretExponent: p - BigUInt(2))
            let components = PrivateKeyComponents(
                modulus: p * q,
                publicExponent: BigUInt(e),
                privateExponent: d,
                prime1: p,
                prime2: q,
                exponent1: d % pMinus1,
                exponent2: d % qMinus1,
                coefficient: coefficient
            )
            // PrivateKey re-checks every CRT relation. They hold by construction, so this never fails in practice;
            // if it ever did, drawing new primes is better than trapping.
            if let key = try? PrivateKey(components: components) {
                return key
            }
        }
    }
}
