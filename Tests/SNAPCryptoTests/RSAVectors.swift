import SNAPCrypto
import Testing

/// The OpenSSL-made keys in `Vectors/rsa/`, one set per key name (`rsa2048`, `rsa4096`).
struct RSAKeyFiles: Sendable, CustomTestStringConvertible {
    var name: String
    var bits: Int

    static let all = [RSAKeyFiles(name: "rsa2048", bits: 2048), RSAKeyFiles(name: "rsa4096", bits: 4096)]

    var testDescription: String { name }

    func pem(_ format: String) throws -> String { try Vectors.text("rsa/\(name)-\(format).pem") }
    func der(_ format: String) throws -> [UInt8] { try Vectors.bytes("rsa/\(name)-\(format).der") }

    var privatePKCS8: String { get throws { try pem("private-pkcs8") } }
    var privatePKCS1: String { get throws { try pem("private-pkcs1") } }
    var publicSPKI: String { get throws { try pem("public-spki") } }
    var publicPKCS1: String { get throws { try pem("public-pkcs1") } }

    func privateKey() throws -> RSA.PrivateKey { try RSA.PrivateKey(pem: privatePKCS8) }
    func publicKey() throws -> RSA.PublicKey { try RSA.PublicKey(pem: publicSPKI) }
}

/// One OpenSSL signature: `openssl dgst -sha256 -sign <key> -out <signature> <message>`.
struct RSASignatureVector: Decodable, Sendable, CustomTestStringConvertible {
    var tcId: Int
    var key: String
    var message: String
    var signature: String

    static let all: [RSASignatureVector] =
        (try? Vectors.decode([RSASignatureVector].self, from: "rsa/signatures.json")) ?? []

    var testDescription: String { "tcId \(tcId): \(key) over \(message)" }

    var keyFiles: RSAKeyFiles { RSAKeyFiles(name: key, bits: key == "rsa4096" ? 4096 : 2048) }
    func messageBytes() throws -> [UInt8] { try Vectors.bytes("rsa/\(message)") }
    func signatureBytes() throws -> [UInt8] { try Vectors.bytes("rsa/\(signature)") }
}

/// The Base64 body of a PEM document: every line that is not a BEGIN/END boundary.
func pemBody(_ pem: String) -> [Substring] {
    pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }
}
