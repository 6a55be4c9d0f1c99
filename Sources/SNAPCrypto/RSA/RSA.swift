/// RSA signatures with RSASSA-PKCS1-v1_5 and SHA-256 (RFC 8017 §8.2), the scheme SNAP calls "SHA256withRSA".
///
/// ```swift
/// let key = try RSA.PublicKey(pem: partnerPublicKeyPEM)
/// let ok = key.isValidSignature(signatureBytes, for: "\(clientKey)|\(timestamp)".utf8)
/// ```
///
/// Keys load from PEM or DER in the formats OpenSSL writes: SubjectPublicKeyInfo and PKCS#1 for public keys,
/// PKCS#8 and PKCS#1 for private keys. Private-key operations use the Chinese Remainder Theorem.
public enum RSA {
    /// The smallest modulus accepted, in bits. Smaller keys are factorable and, below 496 bits, cannot even hold a
    /// PKCS#1 v1.5 SHA-256 encoding (RFC 8017 §9.2 needs emLen ≥ tLen + 11 = 62 bytes).
    static let minimumModulusBitCount = 512

    /// The largest modulus accepted, in bits: bounds the work a hostile key can cause.
    static let maximumModulusBitCount = 16384

    /// The largest public exponent accepted, in bits (65537 has 17).
    static let maximumPublicExponentBitCount = 64
}
