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

    @Test func continuesFromASeed() {
        let whole = Array("hello, durable world".utf8)
        let first = whole[..<7].withUnsafeBytes { CRC32C.checksum($0) }
        let both = whole[7...].withUnsafeBytes { CRC32C.checksum($0, seed: first) }
        #expect(both == CRC32C.checksum(whole))
    }
}
