import SNAPCrypto
import Testing

@Suite struct RSASignatureTests {
    @Test func vectorFile_ListsEightOpenSSLSignatures_WhenLoaded() {
        #expect(RSASignatureVector.all.count == 8)
    }

    @Test(arguments: RSASignatureVector.all)
    func isValidSignature_AcceptsOpenSSLSignature(_ vector: RSASignatureVector) throws {
        let key = try vector.keyFiles.publicKey()
        let signature = try vector.signatureBytes()
        #expect(signature.count == vector.keyFiles.bits / 8)
        #expect(key.isValidSignature(signature, for: try vector.messageBytes()))
    }

    @Test(arguments: RSASignatureVector.all)
    func signature_IsByteIdenticalToOpenSSL_BecausePKCS1v15IsDeterministic(_ vector: RSASignatureVector) throws {
        let key = try vector.keyFiles.privateKey()
        #expect(key.signature(for: try vector.messageBytes()) == (try vector.signatureBytes()))
    }

    @Test(arguments: RSASignatureVector.all.filter { $0.key == "rsa2048" })
    func isValidSignature_RejectsEveryOneBitFlipOfSignature(_ vector: RSASignatureVector) throws {
        let key = try vector.keyFiles.publicKey()
        let message = try vector.messageBytes()
        let signature = try vector.signatureBytes()
        for index in [0, 1, 2, 100, 254, 255] {
            for bit in [0, 3, 7] {
                var flipped = signature
                flipped[index] ^= 1 << bit
                #expect(!key.isValidSignature(flipped, for: message), "byte \(index) bit \(bit)")
            }
        }
    }

    @Test(arguments: RSASignatureVector.all.filter { $0.key == "rsa2048" })
    func isValidSignature_RejectsOneBitFlipOfMessage(_ vector: RSASignatureVector) throws {
        let key = try vector.keyFiles.publicKey()
        let message = try vector.messageBytes()
        let signature = try vector.signatureBytes()
        for index in [0, message.count / 2, message.count - 1] where index >= 0 && index < message.count {
            var flipped = message
            flipped[index] ^= 0x01
            #expect(!key.isValidSignature(signature, for: flipped))
        }
        #expect(!key.isValidSignature(signature, for: message + [0]))
        if !message.isEmpty {
            #expect(!key.isValidSignature(signature, for: message.dropLast()))
        }
    }

    @Test(arguments: RSAKeyFiles.all)
    func isValidSignature_RejectsOneBitFlipOfModulus(_ files: RSAKeyFiles) throws {
        let vector = try #require(RSASignatureVector.all.first { $0.key == files.name })
        let message = try vector.messageBytes()
        let signature = try vector.signatureBytes()
        let der = try files.der("public-spki")
        // The modulus INTEGER ends just before the exponent INTEGER 02 03 01 00 01 at the end of the SPKI.
        let modulusEnd = der.count - 5
        for offset in [1, 2, 40, 100, files.bits / 8 - 10] {
            var mutated = der
            mutated[modulusEnd - offset] ^= 0x10
            let key = try RSA.PublicKey(derRepresentation: mutated)
            #expect(key.modulusBitCount == files.bits)
            #expect(!key.isValidSignature(signature, for: message), "modulus byte -\(offset)")
        }
    }

    @Test(arguments: RSAKeyFiles.all)
    func isValidSignature_ReturnsFalse_WhenSignatureLengthOrValueIsOutOfRange(_ files: RSAKeyFiles) throws {
        let key = try files.publicKey()
        let vector = try #require(RSASignatureVector.all.first { $0.key == files.name })
        let message = try vector.messageBytes()
        let signature = try vector.signatureBytes()
        let k = files.bits / 8
        #expect(!key.isValidSignature([], for: message))
        #expect(!key.isValidSignature([0], for: message))
        #expect(!key.isValidSignature(Array(signature.dropFirst()), for: message))
        #expect(!key.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!key.isValidSignature([0] + signature, for: message))
        #expect(!key.isValidSignature(signature + [0], for: message))
        #expect(!key.isValidSignature([UInt8](repeating: 0xff, count: k), for: message))  // s ≥ n
        #expect(!key.isValidSignature([UInt8](repeating: 0x00, count: k), for: message))  // s = 0
        #expect(!key.isValidSignature([UInt8](repeating: 0x00, count: k - 1) + [1], for: message))  // s = 1
        let modulus = Array(key.derRepresentation.suffix(k + 5).prefix(k))
        #expect(!key.isValidSignature(modulus, for: message))  // s = n
    }

    @Test func signature_VerifiesAndHasModulusLength_ForManyMessages() throws {
        let key = try RSAKeyFiles.all[0].privateKey()
        for length in [0, 1, 55, 56, 64, 1000] {
            let message = [UInt8](repeating: UInt8(length & 0xff), count: length)
            let signature = key.signature(for: message)
            #expect(signature.count == 256)
            #expect(key.publicKey.isValidSignature(signature, for: message))
        }
        // Sequences that are not arrays hash the same bytes.
        let text = "partner-client-001|2024-03-05T17:37:16+07:00"
        #expect(key.signature(for: text.utf8) == key.signature(for: Array(text.utf8)))
    }

    @Test func isValidSignature_ReturnsFalse_WhenKeyDoesNotMatch() throws {
        let signature = try RSASignatureVector.all[0].signatureBytes()
        let message = try RSASignatureVector.all[0].messageBytes()
        var generator = SeededGenerator(seed: 2048)
        let other = RSA.generatePrivateKey(bits: 2048, using: &generator)
        #expect(!other.publicKey.isValidSignature(signature, for: message))
    }
}
