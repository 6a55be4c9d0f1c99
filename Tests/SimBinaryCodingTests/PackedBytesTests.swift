import SimBinaryCoding
import Testing

/// ``PackedWriter`` and ``PackedReader``: what is written reads back in the same order, and damaged bytes are
/// refused with a message naming the field, never a trap.
@Suite struct PackedBytesTests {
    @Test func scalarsAndStringsReadBackInOrder() throws {
        var writer = PackedWriter()
        writer.byte(7)
        writer.unsigned(0)
        writer.unsigned(UInt64.max)
        writer.signed(Int64.min)
        writer.signed(-1)
        writer.signed(Int64.max)
        writer.string("")
        writer.string("Top-up 10.000 ✓ é")
        writer.optionalString(nil)
        writer.optionalString("X")
        var reader = PackedReader(writer.bytes)
        #expect(try reader.byte("b") == 7)
        #expect(try reader.unsigned("u") == 0)
        #expect(try reader.unsigned("u") == UInt64.max)
        #expect(try reader.signed("s") == Int64.min)
        #expect(try reader.signed("s") == -1)
        #expect(try reader.signed("s") == Int64.max)
        #expect(try reader.string("s") == "")
        #expect(try reader.string("s") == "Top-up 10.000 ✓ é")
        #expect(try reader.optionalString("o") == nil)
        #expect(try reader.optionalString("o") == "X")
        #expect(reader.isAtEnd)
    }

    @Test func damagedBytesAreRefusedNamingTheField() {
        var writer = PackedWriter()
        writer.string("partner reference")
        // Truncated at every length: a clear refusal each time.
        for length in 0..<writer.bytes.count {
            var reader = PackedReader(Array(writer.bytes.prefix(length)))
            #expect {
                _ = try reader.string("partnerReferenceNo")
            } throws: { error in
                "\(error)".contains("partnerReferenceNo") && "\(error)".contains("runs past the end")
            }
        }
        var invalid = PackedReader([2, 0xC3, 0x28])
        #expect { _ = try invalid.string("remark") } throws: { "\($0)".contains("remark") && "\($0)".contains("UTF-8") }
        var presence = PackedReader([5])
        #expect { _ = try presence.optionalString("referenceNo") } throws: { "\($0)".contains("presence byte 5") }
        var wide = PackedReader(Array(repeating: 0xFF, count: 10) + [0x01])
        #expect { _ = try wide.unsigned("count") } throws: { "\($0)".contains("exceeds 64 bits") }
        var large = PackedReader([0x80, 0x01])
        #expect { _ = try large.count("status", atMost: 99) } throws: { "\($0)".contains("128, above 99") }
    }

    @Test func theBinaryCodersSayTheyAreBinary() throws {
        struct Probe: Codable {
            var binary = false
            init() {}
            init(from decoder: any Decoder) throws { binary = decoder.userInfo[.binaryCoding] as? Bool == true }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(encoder.userInfo[.binaryCoding] as? Bool == true)
            }
        }
        let bytes = try BinaryEncoder().encode(Probe())
        var decoder = BinaryDecoder()
        #expect(try decoder.decode(Bool.self, from: bytes))
        decoder.userInfo = [:]
        #expect(try decoder.decode(Probe.self, from: bytes).binary)
    }
}
