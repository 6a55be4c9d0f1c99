import Foundation
import SimBinaryCoding
import Testing

/// The byte layout (README.md), the key table's tolerance of changed types, and refusals of bad input.
@Suite struct BinaryLayoutTests {
    struct Point: Codable, Equatable {
        var x: Int
        var y: String
    }

    @Test func theLayoutIsTheDocumentedOne() throws {
        // Written by hand from README.md: SBC1; keyed container (tag 9, body length 7): key 0 ("x"), signed
        // zigzag(-2) = 3; key 1 ("y"), string of 1 byte "z"; then the key table (2 keys: "x", "y") and its
        // offset (4 + 12 = 16) as 8 bytes LE.
        let expected: [UInt8] = Array("SBC1".utf8) + [9, 7, 0, 0, 0, 0 << 1, 3, 3, 1 << 1, 7, 1, 0x7A]
            + [2, 1, 0x78, 1, 0x79] + [16, 0, 0, 0, 0, 0, 0, 0]
        #expect(try BinaryEncoder().encode(Point(x: -2, y: "z")) == expected)
        #expect(try BinaryDecoder().decode(Point.self, from: expected) == Point(x: -2, y: "z"))
    }

    @Test func anArrayCountsItsElementsAndNamesEachKeyOnce() throws {
        let points = (0..<100).map { Point(x: $0, y: "") }
        let bytes = try BinaryEncoder().encode(points)
        #expect(bytes[4] == 10)  // unkeyed
        #expect(bytes[9...12].elementsEqual([100, 0, 0, 0]))
        // The key table at the end holds "x" and "y" once each.
        #expect(bytes.suffix(8 + 5).prefix(5).elementsEqual([2, 1, 0x78, 1, 0x79]))
    }

    @Test func fieldsAreFoundByNameWhateverTheirOrder() throws {
        struct Reordered: Codable, Equatable {
            var added: Bool?
            var y: String
            var x: Int
        }
        let back = try BinaryDecoder().decode(Reordered.self, from: BinaryEncoder().encode(Point(x: 5, y: "five")))
        #expect(back == Reordered(added: nil, y: "five", x: 5))
        struct Narrower: Codable, Equatable { var y: String }
        #expect(try BinaryDecoder().decode(Narrower.self, from: BinaryEncoder().encode(Point(x: 5, y: "v"))) == Narrower(y: "v"))
    }

    @Test func manyDistinctDictionaryKeysStillReadBackOncePastTheKeyTable() throws {
        let dictionary = Dictionary(uniqueKeysWithValues: (0..<10_000).map { ("key-\($0)", $0) })
        let bytes = try BinaryEncoder().encode(dictionary)
        #expect(try BinaryDecoder().decode([String: Int].self, from: bytes) == dictionary)
    }

    @Test func aMissingKeyOrAWrongTypeIsADecodingError() throws {
        struct Other: Codable { var z: Int }
        let bytes = try BinaryEncoder().encode(Point(x: 1, y: "one"))
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(Other.self, from: bytes) }
        struct Mistyped: Codable { var x: String }
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(Mistyped.self, from: bytes) }
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode([Point].self, from: bytes) }
    }

    @Test func everyTruncationIsRefusedNeverTrapped() throws {
        let bytes = try BinaryEncoder().encode((0..<20).map { Point(x: $0 * 1000, y: "é\($0)") })
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self) { try BinaryDecoder().decode([Point].self, from: Array(bytes.prefix(length))) }
        }
    }

    @Test func everyDamagedByteIsRefusedOrReadsAsSomeValueNeverTrapped() throws {
        let bytes = try BinaryEncoder().encode((0..<8).map { Point(x: $0 - 4, y: "p\($0)") })
        for index in bytes.indices {
            for damage: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xFF] where bytes[index] != damage {
                var damaged = bytes
                damaged[index] = damage
                // No checksum here (the snapshot file has one): a damaged byte may still read as other values,
                // but it must never crash or hang.
                _ = try? BinaryDecoder().decode([Point].self, from: damaged)
            }
        }
    }

    @Test func invalidUTF8AndForeignBytesAreRefused() throws {
        var bytes = try BinaryEncoder().encode("ab")
        bytes[6] = 0xC3  // a lead byte with no continuation
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(String.self, from: bytes) }
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(String.self, from: Array("{\"json\":1}".utf8)) }
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(Int.self, from: []) }
        // An overlong varint (11 bytes) is refused.
        let overlong: [UInt8] = Array("SBC1".utf8) + [4] + [UInt8](repeating: 0xFF, count: 10) + [1] + [0] + [16, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(UInt64.self, from: overlong) }
    }

    @Test func deepNestingIsRefusedRatherThanExhaustingTheStack() throws {
        indirect enum Chain: Codable { case end, link(Chain) }
        var chain = Chain.end
        for _ in 0..<600 { chain = .link(chain) }
        let bytes = try BinaryEncoder().encode(chain)
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(Chain.self, from: bytes) }
    }

    @Test func writingToAContainerAfterASiblingWasOpenedIsRefused() throws {
        struct Interleaved: Encodable {
            enum Keys: String, CodingKey { case a, b, c }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var first = container.nestedUnkeyedContainer(forKey: .a)
                var second = container.nestedUnkeyedContainer(forKey: .b)
                try second.encode(1)
                try first.encode(2)
            }
        }
        #expect(throws: EncodingError.self) { try BinaryEncoder().encode(Interleaved()) }
    }
}
