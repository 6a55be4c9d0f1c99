extension RSA {
    /// The numbers of an RSAPrivateKey (RFC 8017 Appendix A.1.2), as parsed, before validation.
    struct PrivateKeyComponents: Sendable {
        var modulus: BigUInt
        var publicExponent: BigUInt
        var privateExponent: BigUInt
        var prime1: BigUInt
        var prime2: BigUInt
        var exponent1: BigUInt
        var exponent2: BigUInt
        var coefficient: BigUInt
    }

    /// Reads and writes the DER structures that carry RSA keys.
    enum KeyFormats {
        // MARK: - Public keys

        /// Parses either SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) or PKCS#1 RSAPublicKey (RFC 8017 A.1.1),
        /// telling them apart by the first element of the outer SEQUENCE.
        static func parsePublicKey(der: [UInt8]) throws(KeyError) -> (modulus: BigUInt, exponent: BigUInt) {
            var outer = DERReader(der)
            var sequence = try outer.readElement(tag: DERReader.Tag.sequence, field: "public key")
            try outer.expectEnd(of: "the public key")
            switch sequence.nextTag {
            case DERReader.Tag.sequence:
                return try parseSubjectPublicKeyInfo(&sequence)
            case DERReader.Tag.integer:
                return try parseRSAPublicKey(&sequence)
            default:
                throw KeyError(.invalidDER, "neither SubjectPublicKeyInfo nor PKCS#1 RSAPublicKey")
            }
        }

        /// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
        private static func parseSubjectPublicKeyInfo(
            _ spki: inout DERReader
        ) throws(KeyError) -> (modulus: BigUInt, exponent: BigUInt) {
            try readRSAAlgorithmIdentifier(&spki, field: "SubjectPublicKeyInfo.algorithm")
            let keyBytes = try spki.readByteAlignedBitString(field: "SubjectPublicKeyInfo.subjectPublicKey")
            try spki.expectEnd(of: "SubjectPublicKeyInfo")
            var inner = DERReader(keyBytes)
            var sequence = try inner.readElement(tag: DERReader.Tag.sequence, field: "RSAPublicKey")
            try inner.expectEnd(of: "RSAPublicKey")
            return try parseRSAPublicKey(&sequence)
        }

        /// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
        private static func parseRSAPublicKey(
            _ sequence: inout DERReader
        ) throws(KeyError) -> (modulus: BigUInt, exponent: BigUInt) {
            let modulus = try sequence.readUnsignedInteger(field: "RSAPublicKey.modulus")
            let exponent = try sequence.readUnsignedInteger(field: "RSAPublicKey.publicExponent")
            try sequence.expectEnd(of: "RSAPublicKey")
            return (modulus, exponent)
        }

        /// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }; RFC 8017 Appendix C
        /// fixes the parameters of rsaEncryption to NULL, but some encoders omit them, which we tolerate.
        private static func readRSAAlgorithmIdentifier(_ reader: inout DERReader, field: String) throws(KeyError) {
            var algorithm = try reader.readElement(tag: DERReader.Tag.sequence, field: field)
            let oid = try algorithm.readObjectIdentifier(field: "\(field).algorithm")
            guard oid == ObjectIdentifiers.rsaEncryption else {
                throw KeyError(
                    .unsupportedKeyType,
                    "key algorithm is \(ObjectIdentifiers.describe(oid)), expected RSA (1.2.840.113549.1.1.1)"
                )
            }
            if !algorithm.isAtEnd {
                try algorithm.readNull(field: "\(field).parameters")
            }
            try algorithm.expectEnd(of: field)
        }

        /// SubjectPublicKeyInfo DER for (n, e).
        static func subjectPublicKeyInfo(modulus: BigUInt, exponent: BigUInt) -> [UInt8] {
            DERWriter.sequence([
                rsaAlgorithmIdentifier,
                DERWriter.bitString(rsaPublicKey(modulus: modulus, exponent: exponent)),
            ])
        }

        /// PKCS#1 RSAPublicKey DER for (n, e).
        static func rsaPublicKey(modulus: BigUInt, exponent: BigUInt) -> [UInt8] {
            DERWriter.sequence([DERWriter.integer(modulus), DERWriter.integer(exponent)])
        }

        private static let rsaAlgorithmIdentifier = DERWriter.sequence([
            DERWriter.objectIdentifier(ObjectIdentifiers.rsaEncryption), DERWriter.null,
        ])

        // MARK: - Private keys

        /// Parses either PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2) or PKCS#1
        /// RSAPrivateKey (RFC 8017 A.1.2), telling them apart by the element after the version.
        static func parsePrivateKey(der: [UInt8]) throws(KeyError) -> PrivateKeyComponents {
            var outer = DERReader(der)
            var sequence = try outer.readElement(tag: DERReader.Tag.sequence, field: "private key")
            try outer.expectEnd(of: "the private key")
            guard let version = try sequence.readSmallInteger(field: "private key version") else {
                throw KeyError(.invalidDER, "private key version is out of range")
            }
            switch sequence.nextTag {
            case DERReader.Tag.sequence:
                return try parsePrivateKeyInfo(&sequence, version: version)
            case DERReader.Tag.integer:
                return try parseRSAPrivateKey(&sequence, version: version)
            default:
                throw KeyError(.invalidDER, "neither PKCS#8 PrivateKeyInfo nor PKCS#1 RSAPrivateKey")
            }
        }

        /// PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm, privateKey OCTET STRING,
        /// attributes [0] OPTIONAL, publicKey [1] OPTIONAL (v2 only) }; the optional fields are ignored.
        private static func parsePrivateKeyInfo(
            _ info: inout DERReader,
            version: Int
        ) throws(KeyError) -> PrivateKeyComponents {
            guard version == 0 || version == 1 else {
                throw KeyError(.invalidDER, "unsupported PKCS#8 version \(version)")
            }
            try readRSAAlgorithmIdentifier(&info, field: "PrivateKeyInfo.privateKeyAlgorithm")
            let keyBytes = try info.readOctetString(field: "PrivateKeyInfo.privateKey")
            while let tag = info.nextTag, tag == 0xa0 || tag == 0xa1 {
                try info.skipElement(field: "PrivateKeyInfo optional field")
            }
            try info.expectEnd(of: "PrivateKeyInfo")
            var inner = DERReader(keyBytes)
            var sequence = try inner.readElement(tag: DERReader.Tag.sequence, field: "RSAPrivateKey")
            try inner.expectEnd(of: "RSAPrivateKey")
            guard let innerVersion = try sequence.readSmallInteger(field: "RSAPrivateKey.version") else {
                throw KeyError(.invalidDER, "RSAPrivateKey version is out of range")
            }
            return try parseRSAPrivateKey(&sequence, version: innerVersion)
        }

        /// RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, d mod (p−1), d mod (q−1), q⁻¹ mod p,
        /// otherPrimeInfos OPTIONAL }, read after its version.
        private static func parseRSAPrivateKey(
            _ sequence: inout DERReader,
            version: Int
        ) throws(KeyError) -> PrivateKeyComponents {
            switch version {
            case 0: break
            case 1:
                throw KeyError(.unsupportedKeyType, "multi-prime RSA keys (RSAPrivateKey version 1) are not supported")
            default: throw KeyError(.invalidDER, "unknown RSAPrivateKey version \(version)")
            }
            let components = PrivateKeyComponents(
                modulus: try sequence.readUnsignedInteger(field: "RSAPrivateKey.modulus"),
                publicExponent: try sequence.readUnsignedInteger(field: "RSAPrivateKey.publicExponent"),
                privateExponent: try sequence.readUnsignedInteger(field: "RSAPrivateKey.privateExponent"),
                prime1: try sequence.readUnsignedInteger(field: "RSAPrivateKey.prime1"),
                prime2: try sequence.readUnsignedInteger(field: "RSAPrivateKey.prime2"),
                exponent1: try sequence.readUnsignedInteger(field: "RSAPrivateKey.exponent1"),
                exponent2: try sequence.readUnsignedInteger(field: "RSAPrivateKey.exponent2"),
                coefficient: try sequence.readUnsignedInteger(field: "RSAPrivateKey.coefficient")
            )
            try sequence.expectEnd(of: "RSAPrivateKey")
            return components
        }

        /// PKCS#8 PrivateKeyInfo DER (version 0, rsaEncryption), the layout `openssl genpkey` writes.
        static func privateKeyInfo(_ components: PrivateKeyComponents) -> [UInt8] {
            DERWriter.sequence([
                DERWriter.integer(BigUInt()),
                rsaAlgorithmIdentifier,
                DERWriter.octetString(rsaPrivateKey(components)),
            ])
        }

        /// PKCS#1 RSAPrivateKey DER (version 0).
        static func rsaPrivateKey(_ components: PrivateKeyComponents) -> [UInt8] {
            DERWriter.sequence(
                [
                    BigUInt(), components.modulus, components.publicExponent, components.privateExponent,
                    components.prime1, components.prime2, components.exponent1, components.exponent2,
                    components.coefficient,
                ].map(DERWriter.integer)
            )
        }
    }
}
