import Testing
import QRISCode

@Suite struct CRC16Tests {
    @Test func checkValue_Of123456789_Is29B1() {
        #expect(CRC16CCITTFalse.checksum("123456789".utf8) == 0x29B1)
        #expect(CRC16CCITTFalse.hex("123456789") == "29B1")
    }

    @Test func emptyInput_IsTheInitialValue() {
        #expect(CRC16CCITTFalse.checksum([UInt8]()) == 0xFFFF)
    }

    @Test func hex_IsFourUpperCaseDigits_EvenWithLeadingZeros() {
        // "A" → 0xB915; a leading-zero case: find one by search so the padding is exercised.
        #expect(CRC16CCITTFalse.hex("A") == "B915")
        let padded = (0..<2000).map { "x\($0)" }.first { CRC16CCITTFalse.checksum($0.utf8) < 0x1000 }
        let text = try! #require(padded)
        #expect(CRC16CCITTFalse.hex(text).first == "0")
        #expect(CRC16CCITTFalse.hex(text).count == 4)
    }
}
