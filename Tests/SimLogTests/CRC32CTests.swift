import SimLog
import Testing

@Suite struct CRC32CTests {
    /// RFC 3720 (iSCSI) appendix B.4 test vectors and the usual check value.
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
    }

    /// Slicing by eight agrees with the bit-at-a-time definition at every length and alignment.
    @Test func agreesWithTheBitwiseDefinition() {
        func bitwise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            var crc: UInt32 = ~0
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            return ~crc
        }
        var state: UInt32 = 12345
        let bytes = (0..<300).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        for start in 0..<9 {
            for end in start...bytes.count where (end - start) < 40 || end % 37 == 0 {
                #expect(bytes[start..<end].withUnsafeBytes { CRC32C.checksum($0) } == bitwise(bytes[start..<end]))
            }
        }
    }

    @Test func continuesFromASeed() {
        let whole = Array("hello, durable world".utf8)
        let first = whole[..<7].withUnsafeBytes { CRC32C.checksum($0) }
        let both = whole[7...].withUnsafeBytes { CRC32C.checksum($0, seed: first) }
        #expect(both == CRC32C.checksum(whole))
    }
}
