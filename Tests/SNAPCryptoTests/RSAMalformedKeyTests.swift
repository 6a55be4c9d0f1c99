import SNAPCrypto
import Testing

/// Hostile or damaged key material must produce a ``KeyError``, never a trap.
@Suite struct RSAMalformedKeyTests {
    static let derFiles = [
        "rsa2048-public-spki", "rsa2048-private-pkcs8", "rsa2048-private-pkcs1",
        "rsa4096-public-spki", "rsa4096-private-pkcs8", "rsa4096-private-pkcs1",
    ]

    /// The DER of every format for the 2048-bit key, including the PKCS#1 ones that only ship as PEM.
    static func derVariants() throws -> [(name: String, der: [UInt8], isPrivate: Bool)] {
        let files = RSAKeyFiles.all[0]
        func der(_ format: String) throws -> [UInt8] {
            try #require(Base64.decode(pemBody(try files.pem(format)).joined()))
        }
        return [
            ("spki", try der("public-spki"), false),
            ("pkcs1 public", try der("public-pkcs1"), false),
            ("pkcs8", try der("private-pkcs8"), true),
            ("pkcs1 private", try der("private-pkcs1"), true),
        ]
    }

    static func parse(_ der: [UInt8], isPrivate: Bool) throws(KeyError) {
        if isPrivate {
            _ = try RSA.PrivateKey(derRepresentation: der)
        } else {
            _ = try RSA.PublicKey(derRepresentation: der)
        }
    }

    @Test func everyTruncation_ThrowsKeyError_ForEveryFormat() throws {
        for variant in try Self.derVariants() {
            for length in 0..<variant.der.count {
                #expect(throws: KeyError.self, "\(variant.name) truncated to \(length) bytes") {
                    try Self.parse(Array(variant.der.prefix(length)), isPrivate: variant.isPrivate)
                }
            }
        }
    }

    @Test(arguments: derFiles)
    func everyTruncation_ThrowsKeyError_ForOpenSSLDERFiles(_ file: String) throws {
        let der = try Vectors.bytes("rsa/\(file).der")
        let isPrivate = file.contains("private")
        for length in stride(from: 0, to: der.count, by: 7) {
            #expect(throws: KeyError.self) { try Self.parse(Array(der.prefix(length)), isPrivate: isPrivate) }
        }
    }

    @Test func truncatedDER_ReportsOffset() throws {
        let der = try Vectors.bytes("rsa/rsa2048-public-spki.der")
        let error = #expect(throws: KeyError.self) { try RSA.PublicKey(derRepresentation: Array(der.prefix(40))) }
        #expect(error?.code == .invalidDER)
        #expect(error?.description.contains("truncated DER at offset") == true, "\(String(describing: error))")
    }

    @Test func trailingBytes_ThrowInvalidDER() throws {
        for variant in try Self.derVariants() {
            let error = #expect(throws: KeyError.self) {
                try Self.parse(variant.der + [0], isPrivate: variant.isPrivate)
            }
            #expect(error?.code == .invalidDER, "\(variant.name)")
        }
    }

    @Test func randomMutations_NeverTrap_AndNeverYieldAKeyThatAcceptsTheOriginalSignature() throws {
        var generator = SeededGenerator(seed: 0x5eed)
        let vector = try #require(RSASignatureVector.all.first { $0.key == "rsa2048" })
        let signature = try vector.signatureBytes()
        let message = try vector.messageBytes()
        let original = try RSAKeyFiles.all[0].publicKey()
        var parsed = 0
        for variant in try Self.derVariants() {
            for _ in 0..<300 {
                var mutated = variant.der
                for _ in 0...(generator.next() % 3) {
                    let index = Int(generator.next() % UInt64(mutated.count))
                    mutated[index] = UInt8(truncatingIfNeeded: generator.next())
                }
                do {
                    let key: RSA.PublicKey
                    if variant.isPrivate {
                        key = try RSA.PrivateKey(derRepresentation: mutated).publicKey
                    } else {
                        key = try RSA.PublicKey(derRepresentation: mutated)
                    }
                    parsed += 1
                    if key != original {
                        #expect(!key.isValidSignature(signature, for: message))
                    }
                } catch {
                    #expect(!error.description.isEmpty)
                }
            }
        }
        // Most mutations land in the modulus, which still parses for a public key: the loop above exercised both.
        #expect(parsed > 0)
    }

    @Test func mutatedLengthBytes_ThrowKeyError() throws {
        for variant in try Self.derVariants() {
            // The outer SEQUENCE header: 30 82 HH LL. Make the length too long, too short, indefinite, huge.
            for replacement: [UInt8] in [
                [0x30, 0x82, 0xff, 0xff], [0x30, 0x82, 0x00, 0x10], [0x30, 0x80], [0x30, 0x85],
            ] {
                var mutated = variant.der
                mutated.replaceSubrange(0..<replacement.count, with: replacement)
                #expect(throws: KeyError.self, "\(variant.name) \(replacement)") {
                    try Self.parse(mutated, isPrivate: variant.isPrivate)
                }
            }
        }
    }

    @Test func nonMinimalOrIndefiniteLength_ThrowsInvalidDER() {
        // RSAPublicKey { INTEGER 1, INTEGER 3 } with its SEQUENCE length written in long form, then indefinite.
        for der: [UInt8] in [[0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x03], [0x30, 0x80, 0x02, 0x01, 0x01]] {
            let error = #expect(throws: KeyError.self) { try RSA.PublicKey(derRepresentation: der) }
            #expect(error?.code == .invalidDER, "\(String(describing: error))")
        }
    }

    @Test(arguments: [37, 100, 400, 900, 1500])
    func truncatedPEMText_ThrowsKeyError(_ cut: Int) throws {
        let pem = try RSAKeyFiles.all[0].privatePKCS8
        let truncated = String(pem.prefix(cut))
        #expect(throws: KeyError.self) { try RSA.PrivateKey(pem: truncated) }
        let publicPEM = try RSAKeyFiles.all[0].publicSPKI
        #expect(throws: KeyError.self) { try RSA.PublicKey(pem: String(publicPEM.prefix(cut / 4))) }
    }

    @Test func truncatedBareBase64_ThrowsKeyError() throws {
        let body = pemBody(try RSAKeyFiles.all[0].publicSPKI).joined()
        for length in stride(from: 0, to: body.count, by: 4) {
            #expect(throws: KeyError.self, "\(length) Base64 characters") {
                try RSA.PublicKey(pem: String(body.prefix(length)))
            }
        }
    }

    @Test func inconsistentPrivateKey_ThrowsInvalidKey() throws {
        let small = try #require(Base64.decode(pemBody(try RSAKeyFiles.all[0].privatePKCS1).joined()))
        var mutated = small
        // RSAPrivateKey: 30 82 LL LL | 02 01 00 | 02 82 01 01 00 <256 bytes of n> …; flip a bit in n's middle.
        mutated[4 + 3 + 5 + 128] ^= 0x01
        let error = #expect(throws: KeyError.self) { try RSA.PrivateKey(derRepresentation: mutated) }
        #expect(error?.code == .invalidKey, "\(String(describing: error))")
    }

    @Test func evenOrTinyModulus_ThrowsInvalidKey() throws {
        // RSAPublicKey { n = 0x…fe (even, 1024 bits), e = 65537 }
        let even =
            [0x30, 0x81, 0x89, 0x02, 0x81, 0x81, 0x00] + [UInt8](repeating: 0xfe, count: 128)
            + [0x02, 0x03, 0x01, 0x00, 0x01]
        let evenError = #expect(throws: KeyError.self) { try RSA.PublicKey(derRepresentation: even) }
        #expect(evenError?.code == .invalidKey)
        // RSAPublicKey { n = 0xff…ff (256 bits), e = 3 }
        let tiny = [0x30, 0x26, 0x02, 0x21, 0x00] + [UInt8](repeating: 0xff, count: 32) + [0x02, 0x01, 0x03]
        let tinyError = #expect(throws: KeyError.self) { try RSA.PublicKey(derRepresentation: tiny) }
        #expect(tinyError?.code == .invalidKey)
        #expect(tinyError?.description.contains("256 bits") == true)
        // e = 1 and e = 2 are not RSA exponents.
        for exponent: UInt8 in [1, 2] {
            let odd =
                [0x30, 0x81, 0x87, 0x02, 0x81, 0x81, 0x00] + [UInt8](repeating: 0xff, count: 128)
                + [0x02, 0x01, exponent]
            let error = #expect(throws: KeyError.self) { try RSA.PublicKey(derRepresentation: odd) }
            #expect(error?.code == .invalidKey)
        }
    }
}
