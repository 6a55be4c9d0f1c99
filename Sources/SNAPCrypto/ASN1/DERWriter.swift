/// Builds DER encodings (ITU-T X.690 §10) for the key structures this module writes.
enum DERWriter {
    /// Tag ‖ length ‖ contents with the shortest definite length form (X.690 §10.1).
    static func element(tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        var output = [tag]
        let length = contents.count
        if length < 0x80 {
            output.append(UInt8(length))
        } else {
            var lengthBytes: [UInt8] = []
            var remaining = length
            while remaining > 0 {
                lengthBytes.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
                remaining >>= 8
            }
            output.append(0x80 | UInt8(lengthBytes.count))
            output += lengthBytes
        }
        return output + contents
    }

    /// A SEQUENCE of already-encoded elements.
    static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
        element(tag: DERReader.Tag.sequence, elements.flatMap { $0 })
    }

    /// A non-negative INTEGER: minimal big-endian two's complement, so a leading 0x00 when the top bit is set.
    static func integer(_ value: BigUInt) -> [UInt8] {
        var magnitude = value.bigEndianBytes()
        if magnitude.first.map({ $0 & 0x80 != 0 }) ?? true {
            magnitude.insert(0, at: 0)
        }
        return element(tag: DERReader.Tag.integer, magnitude)
    }

    static func objectIdentifier(_ contents: [UInt8]) -> [UInt8] {
        element(tag: DERReader.Tag.objectIdentifier, contents)
    }

    static let null: [UInt8] = [DERReader.Tag.null, 0x00]

    static func octetString(_ contents: [UInt8]) -> [UInt8] {
        element(tag: DERReader.Tag.octetString, contents)
    }

    /// A BIT STRING holding whole bytes (zero unused bits).
    static func bitString(_ contents: [UInt8]) -> [UInt8] {
        element(tag: DERReader.Tag.bitString, [0] + contents)
    }
}
