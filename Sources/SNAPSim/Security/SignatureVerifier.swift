import SNAPCrypto

/// Checks a signature against a message with one partner credential.
///
/// Symmetric: HMAC-SHA512 keyed with the client secret, compared in constant time. Asymmetric: RSASSA-PKCS1-v1_5
/// with SHA-256 under the partner's public key.
struct SignatureVerifier {
    enum Credential {
        case clientSecret([UInt8])
        case publicKey(RSA.PublicKey)
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
        case .clientSecret(let key):
            // One MAC, compared with every reading: a reading that fails costs a comparison, not an HMAC.
            let mac = HMAC<SHA512>.authenticationCode(for: message, using: key)
            return candidates.firstIndex { ConstantTime.equals($0, mac) }
        case .publicKey(let key):
            return candidates.firstIndex { key.isValidSignature($0, for: message) }
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
struct PublicKeys: Sendable {
    private let keys: [String: Result<RSA.PublicKey, KeyError>]

    /// The keys of `partners`.
    init(_ partners: some Sequence<Partner>) {
        var keys: [String: Result<RSA.PublicKey, KeyError>] = [:]
        for partner in partners where keys[partner.publicKey] == nil {
            keys[partner.publicKey] = Self.parse(partner.publicKey)
        }
        self.keys = keys
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
