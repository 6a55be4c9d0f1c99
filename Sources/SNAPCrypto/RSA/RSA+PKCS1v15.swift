extension RSA {
    /// The hash inside an RSASSA-PKCS1-v1_5 signature. SNAP's "SHA256withRSA" is ``sha256``, the default everywhere.
    public enum SignatureHash: Sendable, Equatable {
        /// SHA-256 (SNAP's asymmetric signature).
        case sha256
        /// SHA-384.
        case sha384
        /// SHA-512.
        case sha512

        /// DER of DigestInfo ::= SEQUENCE { AlgorithmIdentifier { OID, NULL }, OCTET STRING (digest) } up to the
        /// digest itself: the prefixes listed in RFC 8017 §9.2, Note 1.
        var digestInfoPrefix: [UInt8] {
            switch self {
            case .sha256: RSA.PKCS1v15.digestInfoPrefix(oidLastByte: 0x01, digestByteCount: SHA256.byteCount)
            case .sha384: RSA.PKCS1v15.digestInfoPrefix(oidLastByte: 0x02, digestByteCount: SHA384.byteCount)
            case .sha512: RSA.PKCS1v15.digestInfoPrefix(oidLastByte: 0x03, digestByteCount: SHA512.byteCount)
            }
        }

        /// The digest of `message` under this hash.
        func digest(_ message: some Sequence<UInt8>) -> [UInt8] {
            switch self {
            case .sha256: SHA256.hash(data: message)
            case .sha384: SHA384.hash(data: message)
            case .sha512: SHA512.hash(data: message)
            }
        }
    }

    /// The EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2).
    enum PKCS1v15 {
        /// The RFC 8017 §9.2 Note 1 DigestInfo prefix for a NIST hash `2.16.840.1.101.3.4.2.<oidLastByte>`.
        static func digestInfoPrefix(oidLastByte: UInt8, digestByteCount: Int) -> [UInt8] {
            let algorithm: [UInt8] = [
                0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, oidLastByte, 0x05, 0x00,
            ]
            let total = 2 + algorithm.count + 2 + digestByteCount
            return [0x30, UInt8(total), 0x30, UInt8(algorithm.count)] + algorithm + [0x04, UInt8(digestByteCount)]
        }

        /// EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T, where T is the DigestInfo of `message`'s digest and PS is 0xff
        /// bytes filling EM to `length` bytes (RFC 8017 §9.2 steps 1–5).
        ///
        /// Verification re-encodes and compares the whole block instead of parsing the signature's padding:
        /// RFC 8017 §8.2.2 step 3 recommends this, and it rules out the Bleichenbacher-2006 class of lenient-parser
        /// forgeries, BER lengths, missing NULLs and trailing garbage alike: exactly one EM is accepted per message.
        ///
        /// - Returns: `nil` when `length` < tLen + 11 (a key too small for this hash, e.g. SHA-512 under 752 bits).
        static func encode(message: some Sequence<UInt8>, hash: SignatureHash, length: Int) -> [UInt8]? {
            let t = hash.digestInfoPrefix + hash.digest(message)
            guard length >= t.count + 11 else { return nil }
            var encoded = [UInt8](repeating: 0xff, count: length)
            encoded[0] = 0x00
            encoded[1] = 0x01
            encoded[length - t.count - 1] = 0x00
            encoded.replaceSubrange((length - t.count)..<length, with: t)
            return encoded
        }
    }
}

extension RSA.PublicKey {
    /// Checks an RSASSA-PKCS1-v1_5 signature of `message` (RFC 8017 §8.2.2), by default with SHA-256.
    ///
    /// Never traps: a signature of the wrong length, one whose value is not below n, and any other garbage all
    /// simply fail verification. Strict: the only accepted encoded message is the one RFC 8017 §9.2 builds, so
    /// BER-encoded lengths, a DigestInfo without its NULL parameter and bytes after the digest are all refused
    /// (held to Wycheproof's vectors, see `Sources/SNAPCrypto/README.md`).
    ///
    /// - Parameters:
    ///   - signature: The raw signature bytes (decode Base64 first), exactly ``modulusBitCount``/8 bytes.
    ///   - message: The signed bytes, e.g. `stringToSign.utf8`; hashed here.
    ///   - hash: The hash named in the signature's DigestInfo; SNAP uses ``RSA/SignatureHash/sha256``.
    /// - Returns: `true` only for a valid signature.
    public func isValidSignature(
        _ signature: [UInt8],
        for message: some Sequence<UInt8>,
        hash: RSA.SignatureHash = .sha256
    ) -> Bool {
        let k = modulusByteCount
        // Step 1: length checking.
        guard signature.count == k else { return false }
        // Step 2: s = OS2IP(S); RSAVP1 requires s < n; m = s^e mod n; EM = I2OSP(m, k).
        let s = BigUInt(bigEndianBytes: signature)
        guard s < montgomery.modulus else { return false }
        let m = montgomery.power(s, publicExponent: publicExponent)
        let encoded = m.bigEndianBytes(count: k)
        // Steps 3–4: encode the expected EM and compare.
        guard let expected = RSA.PKCS1v15.encode(message: message, hash: hash, length: k) else { return false }
        return ConstantTime.equals(encoded, expected)
    }
}

extension RSA.PrivateKey {
    /// Signs `message` with RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.1), by default with SHA-256.
    ///
    /// The scheme is deterministic: the same key and message always give the same signature, byte for byte
    /// what `openssl dgst -sha256 -sign` produces.
    ///
    /// - Parameters:
    ///   - message: The bytes to sign, e.g. `stringToSign.utf8`; hashed here.
    ///   - hash: The hash to sign with; SNAP uses ``RSA/SignatureHash/sha256``, which every accepted key (≥ 512
    ///     bits) can hold. SHA-384 needs a modulus of at least 624 bits and SHA-512 of 752 bits (tLen + 11 bytes):
    ///     asking a smaller key for them is a programming error and traps.
    /// - Returns: The signature, exactly as long as the modulus in bytes (Base64-encode it for SNAP headers).
    public func signature(for message: some Sequence<UInt8>, hash: RSA.SignatureHash = .sha256) -> [UInt8] {
        let k = publicKey.modulusByteCount
        // Step 1: EMSA-PKCS1-v1_5 encoding; step 2: m = OS2IP(EM), s = RSASP1(K, m), S = I2OSP(s, k).
        guard let encoded = RSA.PKCS1v15.encode(message: message, hash: hash, length: k) else {
            preconditionFailure("a \(publicKey.modulusBitCount)-bit key cannot hold a PKCS#1 v1.5 \(hash) encoding")
        }
        let s = signaturePrimitive(BigUInt(bigEndianBytes: encoded))
        return s.bigEndianBytes(count: k)
    }
}
