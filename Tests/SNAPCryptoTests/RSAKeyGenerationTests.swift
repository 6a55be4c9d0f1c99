import Foundation
import SNAPCrypto
import Testing

@Suite struct RSAKeyGenerationTests {
    @Test(arguments: [512, 513, 768, 1023, 1024])
    func generatePrivateKey_HasExactBitCount_AndSignsVerifiably(_ bits: Int) throws {
        var generator = SeededGenerator(seed: UInt64(bits))
        let key = RSA.generatePrivateKey(bits: bits, using: &generator)
        #expect(key.publicKey.modulusBitCount == bits)
        let message = Array("partner-client-001|2024-03-05T17:37:16+07:00".utf8)
        let signature = key.signature(for: message)
        #expect(signature.count == (bits + 7) / 8)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0x20]))
    }

    @Test func generatePrivateKey_IsDeterministic_ForTheSameSeed() {
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        var third = SeededGenerator(seed: 43)
        let a = RSA.generatePrivateKey(bits: 512, using: &first)
        let b = RSA.generatePrivateKey(bits: 512, using: &second)
        let c = RSA.generatePrivateKey(bits: 512, using: &third)
        #expect(a.pemRepresentation == b.pemRepresentation)
        #expect(a.publicKey != c.publicKey)
    }

    @Test func generatedKey_RoundTripsThroughPEM() throws {
        var generator = SeededGenerator(seed: 7)
        let key = RSA.generatePrivateKey(bits: 1024, using: &generator)
        let reloaded = try RSA.PrivateKey(pem: key.pemRepresentation)
        #expect(reloaded.pemRepresentation == key.pemRepresentation)
        #expect(try RSA.PublicKey(pem: key.publicKey.pemRepresentation) == key.publicKey)
        #expect(reloaded.signature(for: [1, 2, 3]) == key.signature(for: [1, 2, 3]))
    }

    /// Optional live cross-check: OpenSSL accepts a 2048-bit key we generated and reproduces our signature.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs /usr/bin/openssl"))
    func generatedKey_IsAcceptedByOpenSSL_AndSignaturesMatch() throws {
        var generator = SeededGenerator(seed: 2024)
        let key = RSA.generatePrivateKey(bits: 2048, using: &generator)
        #expect(key.publicKey.modulusBitCount == 2048)
        let message = Array("stringToSign for the OpenSSL cross-check".utf8)
        let signature = key.signature(for: message)

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("snapcrypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.pem")
        let publicFile = directory.appendingPathComponent("public.pem")
        let messageFile = directory.appendingPathComponent("message.txt")
        let signatureFile = directory.appendingPathComponent("signature.bin")
        let opensslSignatureFile = directory.appendingPathComponent("openssl.bin")
        try Data(key.pemRepresentation.utf8).write(to: keyFile)
        try Data(key.publicKey.pemRepresentation.utf8).write(to: publicFile)
        try Data(message).write(to: messageFile)
        try Data(signature).write(to: signatureFile)

        #expect(try openssl(["pkey", "-check", "-noout", "-in", keyFile.path]) == 0)
        #expect(
            try openssl([
                "dgst", "-sha256", "-verify", publicFile.path, "-signature", signatureFile.path, messageFile.path,
            ])
                == 0
        )
        #expect(
            try openssl(["dgst", "-sha256", "-sign", keyFile.path, "-out", opensslSignatureFile.path, messageFile.path])
                == 0
        )
        #expect([UInt8](try Data(contentsOf: opensslSignatureFile)) == signature)
    }

    private func openssl(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
