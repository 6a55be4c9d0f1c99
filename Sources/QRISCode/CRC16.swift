/// CRC-16/CCITT-FALSE, the checksum of EMVCo merchant-presented QR codes (tag 63).
///
/// Polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR; the check value of `123456789` is
/// 0x29B1. EMVCo computes it over the UTF-8 bytes of the whole payload up to and including `6304`.
public enum CRC16CCITTFalse {
    private static let table: [UInt16] = (0..<256).map { byte in
        var crc = UInt16(byte) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }

    /// The checksum of `bytes`.
    public static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    /// The checksum of the UTF-8 bytes of `text`, as four upper-case hexadecimal digits (`"A13A"`).
    public static func hex(_ text: String) -> String {
        let value = checksum(text.utf8)
        let digits = Array("0123456789ABCDEF".utf8)
        let bytes = [12, 8, 4, 0].map { digits[Int((value >> UInt16($0)) & 0xF)] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
