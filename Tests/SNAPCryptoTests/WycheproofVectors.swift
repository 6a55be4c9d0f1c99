import SNAPCrypto
import Testing

/// The parts of a Wycheproof `testvectors_v1/*.json` file the tests read (schemas `rsassa_pkcs1_verify_schema_v1`
/// and `mac_test_schema_v1`).
struct WycheproofFile<Group: Decodable>: Decodable {
    var algorithm: String
    var numberOfTests: Int
    var testGroups: [Group]

    static func load(_ name: String) throws -> Self {
        try Vectors.decode(Self.self, from: "wycheproof/\(name)")
    }
}

/// Wycheproof's verdict on one case.
enum WycheproofResult: String, Decodable, Sendable {
    /// Must be accepted.
    case valid
    /// Must be rejected.
    case invalid
    /// Either answer is defensible; each implementation decides and says so (see `Sources/SNAPCrypto/README.md`).
    case acceptable
}

/// One RSASSA-PKCS1-v1_5 key and its cases.
struct WycheproofRSAGroup: Decodable {
    var keySize: Int
    var sha: String
    /// SubjectPublicKeyInfo DER, hex.
    var publicKeyDer: String
    var tests: [WycheproofRSATest]
}

struct WycheproofRSATest: Decodable {
    var tcId: Int
    var comment: String
    var msg: String
    var sig: String
    var result: WycheproofResult
    var flags: [String]
}

/// One HMAC key size and tag size, and its cases.
struct WycheproofMACGroup: Decodable {
    /// Bits.
    var keySize: Int
    /// Bits; smaller than the digest for truncated-MAC cases.
    var tagSize: Int
    var tests: [WycheproofMACTest]
}

struct WycheproofMACTest: Decodable {
    var tcId: Int
    var comment: String
    var key: String
    var msg: String
    var tag: String
    var result: WycheproofResult
    var flags: [String]
}

/// How SNAPCrypto decides Wycheproof's `acceptable` cases, by flag. A flag missing here fails the tests, so a new
/// kind of `acceptable` case in an updated vector file has to be decided and documented before it passes.
enum AcceptableDecision {
    /// RSA: a DigestInfo whose AlgorithmIdentifier omits the NULL parameter. RFC 8017 §9.2 Note 1 fixes the
    /// encoding with the NULL; SNAP signers (Java `SHA256withRSA`, OpenSSL) always write it; so refuse.
    static let rsa: [String: Bool] = ["MissingNull": false]
}

extension WycheproofRSAGroup {
    var hash: RSA.SignatureHash? {
        switch sha {
        case "SHA-256": .sha256
        case "SHA-384": .sha384
        case "SHA-512": .sha512
        default: nil
        }
    }
}
