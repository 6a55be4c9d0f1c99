import SNAPCrypto
import Testing

@Suite struct Base64Tests {
    /// RFC 4648 §10.
    static let rfc4648: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: rfc4648)
    func encode_MatchesRFC4648(_ plain: String, _ encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func roundTrip_PreservesBytes_ForEveryLengthUpTo100AndEveryByteValue() {
        var generator = SeededGenerator(seed: 64)
        for length in 0...100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes, "length \(length)")
        }
        let all = (0...255).map(UInt8.init)
        #expect(Base64.decode(Base64.encode(all)) == all)
    }

    @Test func decode_IgnoresWhitespace_WhenBodyIsWrappedLikePEM() {
        #expect(Base64.decode("Zm9v\nYmFy\r\n") == Array("foobar".utf8))
        #expect(Base64.decode("  Zm 9v\tYg =\n= ") == Array("foob".utf8))
        #expect(Base64.decode("\n\n") == [])
    }

    @Test(arguments: [
        "Zg", "Zg=", "Z===", "Zm9v!", "Zg==Zg==", "=Zg=", "Zg===", "Zm9vY", "Zm9v====", "Zm-v", "Zm_v", "Zm9vYmFy=",
        "é", "Zm9\u{0}v",
    ])
    func decode_ReturnsNil_WhenInputIsNotPaddedStandardBase64(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func decode_ToleratesNonZeroPadBits_LikeOpenSSL() {
        #expect(Base64.decode("Zh==") == Array("f".utf8))
    }
}

@Suite struct HexTests {
    @Test func encode_IsLowercaseTwoDigitsPerByte() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.encode([]) == "")
    }

    @Test func decode_AcceptsBothCases() {
        #expect(Hex.decode("000FA0ff") == [0x00, 0x0f, 0xa0, 0xff])
        #expect(Hex.decode("") == [])
    }

    @Test func roundTrip_PreservesEveryByteValue() {
        let all = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(all)) == all)
    }

    @Test(arguments: ["0", "abc", "0g", "0x00", " 00", "00 ", "zz", "é0"])
    func decode_ReturnsNil_WhenInputIsNotEvenLengthHex(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }
}

@Suite struct ConstantTimeTests {
    @Test func equals_ComparesContentsAndLength() {
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3][...]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [0, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
        #expect(ConstantTime.equals("abc".utf8, [0x61, 0x62, 0x63]))
    }
}
