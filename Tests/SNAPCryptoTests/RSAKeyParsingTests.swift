import SNAPCrypto
import Testing

@Suite struct RSAKeyParsingTests {
    @Test(arguments: RSAKeyFiles.all)
    func everyFormat_ParsesToTheSameKey(_ files: RSAKeyFiles) throws {
        let reference = try RSA.PublicKey(pem: files.publicSPKI)
        #expect(reference.modulusBitCount == files.bits)
        #expect(try RSA.PublicKey(pem: files.publicPKCS1) == reference)
        #expect(try RSA.PublicKey(derRepresentation: files.der("public-spki")) == reference)
        #expect(try RSA.PrivateKey(pem: files.privatePKCS8).publicKey == reference)
        #expect(try RSA.PrivateKey(pem: files.privatePKCS1).publicKey == reference)
        #expect(try RSA.PrivateKey(derRepresentation: files.der("private-pkcs8")).publicKey == reference)
        #expect(try RSA.PrivateKey(derRepresentation: files.der("private-pkcs1")).publicKey == reference)
    }

    @Test(arguments: RSAKeyFiles.all)
    func pemRepresentation_IsByteIdenticalToOpenSSL(_ files: RSAKeyFiles) throws {
        let privateKey = try RSA.PrivateKey(pem: files.privatePKCS1)
        #expect(privateKey.pemRepresentation == (try files.privatePKCS8))
        #expect(privateKey.derRepresentation == (try files.der("private-pkcs8")))
        let publicKey = try RSA.PublicKey(pem: files.publicPKCS1)
        #expect(publicKey.pemRepresentation == (try files.publicSPKI))
        #expect(publicKey.derRepresentation == (try files.der("public-spki")))
    }

    @Test(arguments: RSAKeyFiles.all)
    func bareBase64Body_Parses_WithAndWithoutLineBreaks(_ files: RSAKeyFiles) throws {
        let reference = try files.publicKey()
        for format in ["public-spki", "public-pkcs1"] {
            let lines = pemBody(try files.pem(format))
            #expect(try RSA.PublicKey(pem: lines.joined(separator: "\n")) == reference, "\(format) with newlines")
            #expect(try RSA.PublicKey(pem: lines.joined()) == reference, "\(format) on one line")
            #expect(try RSA.PublicKey(pem: "  " + lines.joined(separator: "\r\n") + "\n\n") == reference)
        }
        for format in ["private-pkcs8", "private-pkcs1"] {
            let lines = pemBody(try files.pem(format))
            #expect(try RSA.PrivateKey(pem: lines.joined(separator: "\n")).publicKey == reference, "\(format)")
            #expect(try RSA.PrivateKey(pem: lines.joined()).publicKey == reference, "\(format) on one line")
        }
    }

    @Test func pem_IsFound_WhenSurroundedByOtherTextAndCRLF() throws {
        let files = RSAKeyFiles.all[0]
        let pem = try files.publicSPKI
        let wrapped = "Partner key, issued 2024-03-05:\r\n" + pem.replacing("\n", with: "\r\n") + "\r\n(end)\r\n"
        #expect(try RSA.PublicKey(pem: wrapped) == (try files.publicKey()))
        let indented = pem.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        #expect(try RSA.PublicKey(pem: indented) == (try files.publicKey()))
    }

    @Test func publicKey_Description_ShowsOnlyTheSize() throws {
        let key = try RSAKeyFiles.all[0].privateKey()
        #expect(key.description == "RSA.PrivateKey(2048 bits)")
        #expect(key.publicKey.description == "RSA.PublicKey(2048 bits)")
        #expect(String(describing: key) == "RSA.PrivateKey(2048 bits)")
    }

    // MARK: - Keys of the wrong kind

    @Test(arguments: [
        ("negative/ec-public-spki.pem", KeyError.Code.unsupportedKeyType),
        ("rsa2048-private-pkcs8.pem", .unsupportedKeyType),
        ("rsa2048-private-pkcs1.pem", .unsupportedKeyType),
        ("negative/encrypted-pkcs8.pem", .unsupportedKeyType),
    ])
    func publicKey_Throws_WhenPEMHoldsAnotherKind(_ file: String, _ code: KeyError.Code) throws {
        let pem = try Vectors.text("rsa/\(file)")
        let error = #expect(throws: KeyError.self) { try RSA.PublicKey(pem: pem) }
        #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "")")
    }

    @Test(arguments: [
        "negative/ec-private-pkcs8.pem", "negative/rsa-pss-private-pkcs8.pem", "negative/encrypted-pkcs8.pem",
        "negative/encrypted-pkcs1.pem", "rsa2048-public-spki.pem", "rsa2048-public-pkcs1.pem",
    ])
    func privateKey_ThrowsUnsupportedKeyType_WhenPEMHoldsAnotherKind(_ file: String) throws {
        let pem = try Vectors.text("rsa/\(file)")
        let error = #expect(throws: KeyError.self) { try RSA.PrivateKey(pem: pem) }
        #expect(error?.code == .unsupportedKeyType, "\(error.map(String.init(describing:)) ?? "")")
    }

    @Test func errors_NameTheAlgorithm_WhenKeyIsNotRSA() throws {
        let ec = try Vectors.text("rsa/negative/ec-private-pkcs8.pem")
        let error = #expect(throws: KeyError.self) { try RSA.PrivateKey(pem: ec) }
        #expect(error?.description.contains("EC (OID 1.2.840.10045.2.1)") == true, "\(String(describing: error))")
        #expect(error?.description.contains("expected RSA") == true)
        let pss = try Vectors.text("rsa/negative/rsa-pss-private-pkcs8.pem")
        let pssError = #expect(throws: KeyError.self) { try RSA.PrivateKey(pem: pss) }
        #expect(pssError?.description.contains("RSASSA-PSS") == true, "\(String(describing: pssError))")
    }

    @Test(arguments: [
        ("", KeyError.Code.invalidEncoding),
        ("   \n ", .invalidEncoding),
        ("hello, world", .invalidEncoding),
        ("-----BEGIN PUBLIC KEY-----\nMIIB\n", .invalidEncoding),
        ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", .invalidEncoding),
        ("-----BEGIN PUBLIC KEY-----\nMIIB!!\n-----END PUBLIC KEY-----\n", .invalidEncoding),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n", .invalidEncoding),
        ("-----END PUBLIC KEY-----\n", .invalidEncoding),
        ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", .unsupportedKeyType),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", .invalidDER),
        ("MAA=", .invalidDER),
        ("AgEB", .invalidDER),
    ])
    func publicKey_ThrowsClearError_WhenTextIsMalformed(_ text: String, _ code: KeyError.Code) {
        let error = #expect(throws: KeyError.self) { try RSA.PublicKey(pem: text) }
        #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "")")
        #expect(error?.description.isEmpty == false)
    }

    @Test func keyError_DescribesCategoryAndDetail() {
        let error = #expect(throws: KeyError.self) { try RSA.PublicKey(pem: "not a key") }
        #expect(error?.description == "invalid key encoding: not a PEM block or Base64 DER")
    }
}
