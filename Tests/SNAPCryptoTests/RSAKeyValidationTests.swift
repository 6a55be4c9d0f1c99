import Testing

@testable import SNAPCrypto

/// Key validation beyond well-formed DER: inconsistent numbers and sizes chosen to cause slow work.
@Suite struct RSAKeyValidationTests {
    static func components() throws -> RSA.PrivateKeyComponents {
        let der = try #require(Base64.decode(pemBody(try RSAKeyFiles.all[0].privatePKCS1).joined()))
        return try RSA.KeyFormats.parsePrivateKey(der: der)
    }

    /// The error loading `components` throws, or `nil` if it loads.
    static func load(_ components: RSA.PrivateKeyComponents) -> KeyError? {
        do {
            _ = try RSA.PrivateKey(derRepresentation: RSA.KeyFormats.rsaPrivateKey(components))
            return nil
        } catch {
            return error
        }
    }

    @Test func unmodifiedComponents_Load() throws {
        let der = RSA.KeyFormats.rsaPrivateKey(try Self.components())
        #expect(try RSA.PrivateKey(derRepresentation: der).publicKey.modulusBitCount == 2048)
    }

    @Test func oversizedPrime_ThrowsInvalidKey_WithoutQuadraticWork() throws {
        var components = try Self.components()
        // A 200 000-bit "prime": Montgomery set-up on it would take minutes; the size check rejects it first.
        components.prime1 = (BigUInt(1) << 200_000) + BigUInt(1)
        #expect(Self.load(components)?.code == .invalidKey)
        components = try Self.components()
        components.privateExponent = (BigUInt(1) << 200_000) + BigUInt(1)
        #expect(Self.load(components)?.code == .invalidKey)
    }

    @Test(arguments: ["prime1", "prime2", "exponent1", "exponent2", "coefficient", "privateExponent"])
    func inconsistentComponent_ThrowsInvalidKey(_ field: String) throws {
        var components = try Self.components()
        let two = BigUInt(2)
        switch field {
        case "prime1": components.prime1 = components.prime1 + two
        case "prime2": components.prime2 = components.prime2 + two
        case "exponent1": components.exponent1 = components.exponent1 + two
        case "exponent2": components.exponent2 = components.exponent2 + two
        case "coefficient": components.coefficient = components.coefficient + BigUInt(1)
        default: components.privateExponent = components.privateExponent + two
        }
        let error = Self.load(components)
        #expect(error?.code == .invalidKey, "\(String(describing: error))")
    }

    @Test func evenPrime_ThrowsInvalidKey() throws {
        var components = try Self.components()
        components.prime1 = components.prime1 + BigUInt(1)
        #expect(Self.load(components)?.code == .invalidKey)
    }

    @Test func hugePublicExponent_ThrowsInvalidKey() throws {
        let modulus = try Self.components().modulus
        let error = #expect(throws: KeyError.self) {
            try RSA.PublicKey(modulus: modulus, publicExponent: (BigUInt(1) << 64) + BigUInt(1))
        }
        #expect(error?.code == .invalidKey)
        #expect(try RSA.PublicKey(modulus: modulus, publicExponent: BigUInt(3)).modulusBitCount == 2048)
    }

    @Test func oversizedModulus_ThrowsInvalidKey() {
        let modulus = (BigUInt(1) << 16_384) + BigUInt(1)
        let error = #expect(throws: KeyError.self) {
            try RSA.PublicKey(modulus: modulus, publicExponent: BigUInt(65537))
        }
        #expect(error?.code == .invalidKey)
        #expect(error?.description.contains("16385 bits") == true)
    }
}
