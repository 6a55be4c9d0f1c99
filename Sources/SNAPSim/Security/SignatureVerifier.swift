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

    /// Whether `bytes` has the length of a signature: 64 bytes for HMAC-SHA512, the modulus's for RSA.
    func couldBeSignature(_ bytes: [UInt8]) -> Bool {
        switch credential {
        case .clientSecret: bytes.count == SHA512.byteCount
        case .publicKey(let key): bytes.count == key.modulusByteCount
        }
    }

    /// The index of the first of `candidates` that is a valid signature of `message`, or `nil`.
    ///
    /// A candidate of the wrong length cannot be a signature (an HMAC-SHA512 is 64 bytes, an RSA signature as
    /// long as the modulus): when none has the right length, nothing is computed.
    func firstValid(_ candidates: [[UInt8]], for message: [UInt8]) -> Int? {
        switch credential {
        case .clientSecret(let keyed):
            guard candidates.contains(where: { $0.count == SHA512.byteCount }) else { return nil }
            // One MAC, compared with every reading: a reading that fails costs a comparison, not an HMAC.
            // Over raw memory: the generic `update(data:)` of another module goes through protocol thunks.
            let mac = message.withUnsafeBytes { keyed.authenticationCode(of: $0) }
            return candidates.firstIndex { ConstantTime.equals($0, mac) }
        case .publicKey(let key):
            return candidates.firstIndex { key.isValidSignature($0, for: message) }
        }
    }

    /// The first of `messages` (each a range of one buffer, tried in order) that one of `candidates` signs, and
    /// which candidate (the first in order); `nil` when none does.
    ///
    /// What a diagnosis asks of dozens of candidate strings: HMACs are computed in one batch that shares the
    /// hash of the strings' common leading blocks, and not at all when no candidate is 64 bytes long.
    func firstMatch(_ candidates: [[UInt8]], messages: [UInt8], ranges: [Range<Int>]) -> (message: Int, candidate: Int)? {
        switch credential {
        case .clientSecret(let keyed):
            guard !ranges.isEmpty, candidates.contains(where: { $0.count == SHA512.byteCount }) else { return nil }
            let codes = messages.withUnsafeBytes { keyed.authenticationCodes(of: $0, ranges: ranges) }
            return codes.withUnsafeBytes { codes in
                for message in ranges.indices {
                    let code = UnsafeRawBufferPointer(rebasing: codes[(message * 64)..<(message * 64 + 64)])
                    for (index, candidate) in candidates.enumerated()
                    where candidate.withUnsafeBytes({ ConstantTime.equals($0, code) }) {
                        return (message, index)
                    }
                }
                return nil
            }
        case .publicKey(let key):
            for (message, range) in ranges.enumerated() {
                let bytes = messages[range]
                if let index = candidates.firstIndex(where: { key.isValidSignature($0, for: bytes) }) {
                    return (message, index)
                }
            }
            return nil
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
    func isValid(_ signature: [UInt8], for message: [UInt8]) -> Bool {
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
    /// The same keys by client id, with the PEM they were parsed from: hashing a short id instead of the
    /// whole PEM text (~450 bytes) on every asymmetric verification and every symmetric rejection.
    private let keyOfClient: [String: (pem: String, key: Result<RSA.PublicKey, KeyError>)]
    private let secrets: [String: HMAC<SHA512>]
    /// Per partner, the other partners of its provider profile whose secret a failed signature is tried with
    /// (the first ``SignatureCheck/otherPartnersTried`` by client id, none with the same secret), each with its
    /// keyed secret: worked out once per world rather than per rejection.
    private let sameProfile: [String: OtherPartners]

    /// Other partners a signature is tried with, in client-id order: their ids and keyed secrets, same indices.
    struct OtherPartners: Sendable {
        var clientIds: [String] = []
        var keyed: [HMAC<SHA512>] = []
    }

    /// The keys of `partners`; a partner without a profile speaks `defaultProfile`.
    init(_ partners: some Collection<Partner>, defaultProfile: String = "snap") {
        var keys: [String: Result<RSA.PublicKey, KeyError>] = [:]
        var secrets: [String: HMAC<SHA512>] = [:]
        for partner in partners {
            if keys[partner.publicKey] == nil { keys[partner.publicKey] = Self.parse(partner.publicKey) }
            if secrets[partner.clientSecret] == nil {
                secrets[partner.clientSecret] = HMAC<SHA512>(key: Array(partner.clientSecret.utf8))
            }
        }
        self.keys = keys
        var keyOfClient: [String: (pem: String, key: Result<RSA.PublicKey, KeyError>)] = [:]
        for partner in partners {
            keyOfClient[partner.clientId] = (partner.publicKey, keys[partner.publicKey] ?? Self.parse(partner.publicKey))
        }
        self.keyOfClient = keyOfClient
        self.secrets = secrets
        let byProfile = Dictionary(grouping: partners) { $0.profile ?? defaultProfile }
            .mapValues { $0.sorted { $0.clientId < $1.clientId } }
        var sameProfile: [String: OtherPartners] = [:]
        for partner in partners {
            var others = OtherPartners()
            for other in byProfile[partner.profile ?? defaultProfile] ?? []
            where other.clientId != partner.clientId && other.clientSecret != partner.clientSecret {
                guard others.clientIds.count < SignatureCheck.otherPartnersTried else { break }
                others.clientIds.append(other.clientId)
                others.keyed.append(secrets[other.clientSecret] ?? HMAC<SHA512>(key: Array(other.clientSecret.utf8)))
            }
            sameProfile[partner.clientId] = others
        }
        self.sameProfile = sameProfile
    }

    /// The partners of `partner`'s profile whose secret a signature that fails is tried with (none for a
    /// partner not in the world, or one whose secret differs from the world's).
    func otherPartners(of partner: Partner) -> OtherPartners? {
        sameProfile[partner.clientId]
    }

    /// The credential of a client secret, keyed beforehand when the secret belongs to a partner of the world.
    func secret(_ secret: String) -> SignatureVerifier.Credential {
        secrets[secret].map(SignatureVerifier.Credential.clientSecret) ?? .clientSecret(secret)
    }

    /// A client secret's keyed HMAC-SHA512, computed beforehand when the secret belongs to a partner of the world.
    func keyedSecret(_ secret: String) -> HMAC<SHA512> {
        secrets[secret] ?? HMAC<SHA512>(key: Array(secret.utf8))
    }

    /// The key in `pem`, or the reason it cannot be used.
    func key(_ pem: String) -> Result<RSA.PublicKey, KeyError> {
        keys[pem] ?? Self.parse(pem)
    }

    /// ``key(_:)`` of `partner.publicKey`, found by client id when the partner's PEM is the one parsed for that
    /// id (the same string: compared in constant time), else by the PEM as before.
    func key(of partner: Partner) -> Result<RSA.PublicKey, KeyError> {
        if let known = keyOfClient[partner.clientId], known.pem == partner.publicKey { return known.key }
        return key(partner.publicKey)
    }

    private static func parse(_ pem: String) -> Result<RSA.PublicKey, KeyError> {
        do {
            return .success(try RSA.PublicKey(pem: pem))
        } catch {
            return .failure(error)
        }
    }
}
