extension RSA {
    /// An RSA private key that produces RSASSA-PKCS1-v1_5 SHA-256 signatures.
    ///
    /// Loading validates that the CRT values agree with each other (p·q = n, e·dP ≡ 1 mod p−1, …), so a
    /// corrupted key fails at load time with a ``KeyError`` instead of silently producing bad signatures.
    /// ``description`` never prints key material.
    public struct PrivateKey: Sendable, CustomStringConvertible {
        /// The matching public key (n, e).
        public let publicKey: PublicKey
        /// Everything from the RSAPrivateKey structure, kept to write ``pemRepresentation``.
        let components: PrivateKeyComponents
        /// Montgomery contexts for p and q, precomputed for the two half-size exponentiations of CRT.
        let primeP: MontgomeryContext
        let primeQ: MontgomeryContext

        /// Validates `components` and precomputes the CRT contexts.
        init(components: PrivateKeyComponents) throws(KeyError) {
            let publicKey = try PublicKey(modulus: components.modulus, publicExponent: components.publicExponent)
            let p = components.prime1
            let q = components.prime2
            // Bound every component by n before any arithmetic on it: a hostile DER could otherwise carry
            // megabyte-sized "primes" and make the checks below quadratic in attacker-chosen sizes.
            let n = components.modulus
            guard p < n, q < n, components.privateExponent < n else {
                throw KeyError(.invalidKey, "a private key component is not smaller than the modulus")
            }
            // Odd primes > 1 are what make Montgomery reduction (and RSA) work at all.
            guard let primeP = MontgomeryContext(modulus: p), let primeQ = MontgomeryContext(modulus: q) else {
                throw KeyError(.invalidKey, "prime factors must be odd and greater than 1")
            }
            guard p * q == n else {
                throw KeyError(.invalidKey, "prime1 × prime2 does not equal the modulus")
            }
            let one = BigUInt(1)
            let pMinus1 = p - one
            let qMinus1 = q - one
            let e = components.publicExponent
            // RFC 8017 §3.2: dP·e ≡ 1 (mod p−1), dQ·e ≡ 1 (mod q−1), q·qInv ≡ 1 (mod p), and d·e ≡ 1 modulo
            // λ(n) = lcm(p−1, q−1), i.e. modulo both p−1 and q−1.
            guard components.exponent1 < pMinus1, (e * components.exponent1) % pMinus1 == one,
                components.exponent2 < qMinus1, (e * components.exponent2) % qMinus1 == one
            else {
                throw KeyError(.invalidKey, "CRT exponents do not match the public exponent and primes")
            }
            guard components.coefficient < p, (components.coefficient * q) % p == one else {
                throw KeyError(.invalidKey, "CRT coefficient is not the inverse of prime2 modulo prime1")
            }
            guard (e * components.privateExponent) % pMinus1 == one, (e * components.privateExponent) % qMinus1 == one
            else {
                throw KeyError(.invalidKey, "private exponent does not match the public exponent and primes")
            }
            self.publicKey = publicKey
            self.components = components
            self.primeP = primeP
            self.primeQ = primeQ
        }

        /// Loads a private key from PEM text or from bare Base64 DER.
        ///
        /// Accepts `-----BEGIN PRIVATE KEY-----` (unencrypted PKCS#8, what `openssl genpkey` writes) and
        /// `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1). Text without armour is decoded as Base64, ignoring
        /// whitespace and line breaks, and parsed as PKCS#8 or PKCS#1.
        ///
        /// - Throws: ``KeyError``, e.g. `.unsupportedKeyType` for encrypted or non-RSA keys, `.invalidKey` when
        ///   the numbers are inconsistent.
        public init(pem: String) throws(KeyError) {
            let der = try RSA.loadDER(
                from: pem,
                accepting: ["PRIVATE KEY", "RSA PRIVATE KEY"],
                expecting: "a private key"
            )
            try self.init(derRepresentation: der)
        }

        /// Loads a private key from DER: PKCS#8 PrivateKeyInfo (RFC 5208) or PKCS#1 RSAPrivateKey (RFC 8017 A.1.2).
        ///
        /// - Throws: ``KeyError`` naming the malformed field and its byte offset, or the inconsistency found.
        public init(derRepresentation: [UInt8]) throws(KeyError) {
            try self.init(components: KeyFormats.parsePrivateKey(der: derRepresentation))
        }

        /// PKCS#8 PrivateKeyInfo DER, as `openssl genpkey -outform DER` writes it.
        public var derRepresentation: [UInt8] {
            KeyFormats.privateKeyInfo(components)
        }

        /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) with 64-character lines and a final newline.
        public var pemRepresentation: String {
            PEM.encode(derRepresentation, label: "PRIVATE KEY")
        }

        /// A short summary that never includes private material.
        public var description: String {
            "RSA.PrivateKey(\(publicKey.modulusBitCount) bits)"
        }

        /// RSASP1 (RFC 8017 §5.2.1) with the CRT of step 2.b: two exponentiations modulo the half-size primes
        /// instead of one modulo n, about four times faster.
        ///
        /// - Precondition: `m < n`; the PKCS#1 encoding starts with 0x00 so it always is.
        func signaturePrimitive(_ m: BigUInt) -> BigUInt {
            let p = components.prime1
            let q = components.prime2
            // 2.b.i: s1 = m^dP mod p, s2 = m^dQ mod q.
            let s1 = primeP.power(m % p, secretExponent: components.exponent1)
            let s2 = primeQ.power(m % q, secretExponent: components.exponent2)
            // 2.b.iii: h = (s1 − s2)·qInv mod p, kept non-negative by adding p.
            let s2ModP = s2 % p
            let difference = s1 >= s2ModP ? s1 - s2ModP : s1 + p - s2ModP
            let h = (difference * components.coefficient) % p
            // 2.b.iv: s = s2 + q·h.
            return s2 + q * h
        }
    }
}
