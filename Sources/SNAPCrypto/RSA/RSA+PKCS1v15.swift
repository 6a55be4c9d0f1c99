extension RSA {
    /// The EMSA-PKCS1-v1_5 encoding with SHA-256 (RFC 8017 §9.2).
    enum PKCS1v15 {
        /// DER of DigestInfo ::= SEQUENCE { AlgorithmIdentifier { id-sha256, NULL }, OCTET STRING (32 bytes) }
        /// up to the digest itself: the SHA-256 prefix listed in RFC 8017 §9.2, Note 1.
        static let sha256DigestInfoPrefix: [UInt8] = [
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
            0x04, 0x20,
        ]

        /// EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T, where T is the DigestInfo of `message`'s SHA-256 and PS is 0xff
        /// bytes filling EM to `length` bytes (RFC 8017 §9.2 steps 1–5).
        ///
        /// Verification re-encodes and compares the whole block instead of parsing the signature's padding:
        /// RFC 8017 §8.2.2 step 3 recommends this, and it rules out the Bleichenbacher-2006 class of lenient-parser
        /// forgeries.
        ///
        /// - Precondition: `length` ≥ 62 (tLen + 11); guaranteed by ``RSA/minimumModulusBitCount``.
        static func encode(message: some Sequence<UInt8>, length: Int) -> [UInt8] {
            let t = sha256DigestInfoPrefix + SHA256.hash(data: message)
            precondition(length >= t.count + 11, "intended encoded message length too short")
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
    /// Checks an RSASSA-PKCS1-v1_5 SHA-256 signature of `message` (RFC 8017 §8.2.2).
    ///
    /// Never traps: a signature of the wrong length, one whose value is not below n, and any other garbage all
    /// simply fail verification.
    ///
    /// - Parameters:
    ///   - signature: The raw signature bytes (decode Base64 first), exactly ``modulusBitCount``/8 bytes.
    ///   - message: The signed bytes, e.g. `stringToSign.utf8`; hashed with SHA-256 here.
    /// - Returns: `true` only for a valid signature.
    public func isValidSignature(_ signature: [UInt8], for message: some Sequence<UInt8>) -> Bool {
        let k = modulusByteCount
        // Step 1: length checking.
        guard signature.count == k else { return false }
        // Step 2: s = OS2IP(S); RSAVP1 requires s < n; m = s^e mod n; EM = I2OSP(m, k).
        let s = BigUInt(bigEndianBytes: signature)
        guard s < montgomery.modulus else { return false }
        let m = montgomery.power(s, publicExponent: publicExponent)
        let encoded = m.bigEndianBytes(count: k)
        // Steps 3–4: encode the expected EM and compare.
        let expected = RSA.PKCS1v15.encode(message: message, length: k)
        return ConstantTime.equals(encoded, expected)
    }
}

extension RSA.PrivateKey {
    /// Signs `message` with RSASSA-PKCS1-v1_5 and SHA-256 (RFC 8017 §8.2.1).
    ///
    /// The scheme is deterministic: the same key and message always give the same signature, byte for byte
    /// what `openssl dgst -sha256 -sign` produces.
    ///
    /// - Parameter message: The bytes to sign, e.g. `stringToSign.utf8`; hashed with SHA-256 here.
    /// - Returns: The signature, exactly as long as the modulus in bytes (Base64-encode it for SNAP headers).
    public func signature(for message: some Sequence<UInt8>) -> [UInt8] {
        let k = publicKey.modulusByteCount
        // Step 1: EMSA-PKCS1-v1_5 encoding; step 2: m = OS2IP(EM), s = RSASP1(K, m), S = I2OSP(s, k).
        let encoded = RSA.PKCS1v15.encode(message: message, length: k)
        let s = signaturePrimitive(BigUInt(bigEndianBytes: encoded))
        return s.bigEndianBytes(count: k)
    }
}
