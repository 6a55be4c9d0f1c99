extension RSA {
    /// An RSA public key that verifies RSASSA-PKCS1-v1_5 SHA-256 signatures.
    ///
    /// Two keys are equal when their modulus and public exponent are equal, whatever format they came from.
    public struct PublicKey: Sendable, Equatable, CustomStringConvertible {
        /// n with its Montgomery constants, computed once so each verification is just the exponentiation.
        let montgomery: MontgomeryContext
        /// e.
        let publicExponent: BigUInt

        /// Validates (n, e) and precomputes the Montgomery context.
        init(modulus: BigUInt, publicExponent: BigUInt) throws(KeyError) {
            let bits = modulus.bitWidth
            guard bits >= RSA.minimumModulusBitCount else {
                throw KeyError(
                    .invalidKey, "modulus of \(bits) bits is below the \(RSA.minimumModulusBitCount)-bit minimum")
            }
            guard bits <= RSA.maximumModulusBitCount else {
                throw KeyError(
                    .invalidKey, "modulus of \(bits) bits exceeds the \(RSA.maximumModulusBitCount)-bit maximum")
            }
            // An RSA modulus is a product of odd primes; an even one is corrupt and would break Montgomery form.
            guard let montgomery = MontgomeryContext(modulus: modulus) else {
                throw KeyError(.invalidKey, "modulus is even")
            }
            // RFC 8017 §3.1: 3 ≤ e ≤ n − 1, and e must be odd to be coprime with the even λ(n).
            guard publicExponent.isOdd, publicExponent >= BigUInt(3), publicExponent < modulus else {
                throw KeyError(.invalidKey, "public exponent must be odd and between 3 and n − 1")
            }
            // Verification costs one squaring per bit of e. Real keys use 65537 (17 bits); capping e at 64 bits,
            // as OpenSSL does for large moduli, keeps a hostile key from making every verification slow.
            guard publicExponent.bitWidth <= RSA.maximumPublicExponentBitCount else {
                throw KeyError(
                    .invalidKey,
                    "public exponent of \(publicExponent.bitWidth) bits exceeds the "
                        + "\(RSA.maximumPublicExponentBitCount)-bit maximum"
                )
            }
            self.montgomery = montgomery
            self.publicExponent = publicExponent
        }

        /// Loads a public key from PEM text or from bare Base64 DER.
        ///
        /// Accepts `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo, what `openssl pkey -pubout` writes) and
        /// `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1). Text without armour is decoded as Base64, ignoring
        /// whitespace and line breaks, and parsed as SubjectPublicKeyInfo or PKCS#1. Text around the PEM block
        /// is ignored.
        ///
        /// - Throws: ``KeyError`` describing what is wrong, e.g. `.unsupportedKeyType` for a private key or an
        ///   EC key, `.invalidEncoding` for text that is neither PEM nor Base64.
        public init(pem: String) throws(KeyError) {
            let der = try RSA.loadDER(
                from: pem,
                accepting: ["PUBLIC KEY", "RSA PUBLIC KEY"],
                expecting: "a public key"
            )
            try self.init(derRepresentation: der)
        }

        /// Loads a public key from DER: SubjectPublicKeyInfo (RFC 5280) or PKCS#1 RSAPublicKey (RFC 8017 A.1.1).
        ///
        /// - Throws: ``KeyError`` naming the malformed field and its byte offset, or the unsupported algorithm.
        public init(derRepresentation: [UInt8]) throws(KeyError) {
            let (modulus, exponent) = try KeyFormats.parsePublicKey(der: derRepresentation)
            try self.init(modulus: modulus, publicExponent: exponent)
        }

        /// The size of the modulus n in bits, e.g. 2048.
        public var modulusBitCount: Int { montgomery.modulus.bitWidth }

        /// k in RFC 8017: the length of n, and of every signature, in bytes.
        public var modulusByteCount: Int { montgomery.modulus.byteWidth }

        /// SubjectPublicKeyInfo DER, as `openssl pkey -pubout -outform DER` writes it.
        public var derRepresentation: [UInt8] {
            KeyFormats.subjectPublicKeyInfo(modulus: montgomery.modulus, exponent: publicExponent)
        }

        /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`) with 64-character lines and a final newline.
        public var pemRepresentation: String {
            PEM.encode(derRepresentation, label: "PUBLIC KEY")
        }

        /// A short summary that identifies the key size without dumping the modulus.
        public var description: String {
            "RSA.PublicKey(\(modulusBitCount) bits)"
        }

        /// Keys are equal when n and e are, whichever format each was loaded from.
        public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
            lhs.montgomery.modulus == rhs.montgomery.modulus && lhs.publicExponent == rhs.publicExponent
        }
    }
}
