import SNAPCrypto

/// Checks a signature against a message with one partner credential.
///
/// Symmetric: HMAC-SHA512 keyed with the client secret, compared in constant time. Asymmetric: RSASSA-PKCS1-v1_5
/// with SHA-256 under the partner's public key.
struct SignatureVerifier {
    enum Credential {
        /// HMAC-SHA512 keyed with the client secret: the padded key is hashed once here, not per message.
        case clientSecret(HMAC<SHA512>)
        case publicKey(RSA.PublicKey)

        /// A client secret's credential.
        static func clientSecret(_ secret: String) -> Credential {
            .clientSecret(HMAC<SHA512>(key: Array(secret.utf8)))
        }
    }

    let credential: Credential

    /// The algorithm's name as explanations print it.
    var algorithm: String {
        switch credential {
        case .clientSecret: "HMAC-SHA512"
        case .publicKey: "SHA256withRSA"
        }
    }

    /// Whether verifying costs a modular exponentiation, which bounds how many alternatives a diagnosis tries.
    var isExpensive: Bool {
        if case .publicKey = credential { true } else { false }
    }

    /// The index of the first of `candidates` that is a valid signature of `message`, or `nil`.
    func firstValid(_ candidates: [[UInt8]], for message: some Collection<UInt8>) -> Int? {
        switch credential {
        case .clientSecret(let keyed):
            // One MAC, compared with every reading: a reading that fails costs a comparison, not an HMAC.
            // Over raw memory: the generic `update(data:)` of another module goes through protocol thunks.
            let mac = Array(message).withUnsafeBytes { keyed.authenticationCode(of: $0) }
            return candidates.firstIndex { ConstantTime.equals($0, mac) }
        case .publicKey(let key):
            return candidates.firstIndex { key.isValidSignature($0, for: message) }
        }
    }

    /// The encoding of the first of two readings of `X-SIGNATURE` (Base64, then hex) that is a valid signature of
    /// `message`, or `nil`: the success path of every signed request, so one MAC is computed over raw memory
    /// (no generic sequence across the module boundary) and compared with each reading without an array of them.
    func firstValid(base64: [UInt8]?, hex: [UInt8]?, for message: [UInt8]) -> SignatureEncoding? {
        switch credential {
        case .clientSecret(let keyed):
            guard base64 != nil || hex != nil else { return nil }
            let mac = message.withUnsafeBytes { keyed.authenticationCode(of: $0) }
            if let base64, ConstantTime.equals(base64, mac) { return .base64 }
            if let hex, ConstantTime.equals(hex, mac) { return .hex }
            return nil
        case .publicKey(let key):
            if let base64, key.isValidSignature(base64, for: message) { return .base64 }
            if let hex, key.isValidSignature(hex, for: message) { return .hex }
            return nil
        }
    }

    /// Whether `signature` is valid for `message`.
    func isValid(_ signature: [UInt8], for message: some Collection<UInt8>) -> Bool {
        firstValid([signature], for: message) != nil
    }
}

/// The partners' public keys, parsed once when a world is built rather than on every request, and only read
/// afterwards: no lock between partners.
///
/// Keyed by the PEM text itself; a key not parsed beforehand (a partner built in code) is parsed when asked.
/// The partners' client secrets are kept as keyed HMAC-SHA512 states the same way (two SHA-512 blocks saved
/// per verification).
struct PublicKeys: Sendable {
    private let keys: [String: Result<RSA.PublicKey, KeyError>]
    private let secrets: [String: HMAC<SHA512>]

    /// The keys of `partners`.
    init(_ partners: some Sequence<Partner>) {
        var keys: [String: Result<RSA.PublicKey, KeyError>] = [:]
        var secrets: [String: HMAC<SHA512>] = [:]
        for partner in partners {
            if keys[partner.publicKey] == nil { keys[partner.publicKey] = Self.parse(partner.publicKey) }
            if secrets[partner.clientSecret] == nil {
                secrets[partner.clientSecret] = HMAC<SHA512>(key: Array(partner.clientSecret.utf8))
            }
        }
        self.keys = keys
        self.secrets = secrets
    }

    /// The credential of a client secret, keyed beforehand when the secret belongs to a partner of the world.
    func secret(_ secret: String) -> SignatureVerifier.Credential {
        secrets[secret].map(SignatureVerifier.Credential.clientSecret) ?? .clientSecret(secret)
    }

    /// The key in `pem`, or the reason it cannot be used.
    func key(_ pem: String) -> Result<RSA.PublicKey, KeyError> {
        keys[pem] ?? Self.parse(pem)
    }

    private static func parse(_ pem: String) -> Result<RSA.PublicKey, KeyError> {
        do {
            return .success(try RSA.PublicKey(pem: pem))
        } catch {
            return .failure(error)
        }
    }
}
