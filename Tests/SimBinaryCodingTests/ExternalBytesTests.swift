import Foundation
import SimBinaryCoding
import Testing

/// Raw bytes kept apart from the document (``BinaryEncoder/encodeSplit(_:)``): large values leave the document
/// as the very arrays encoded, small ones stay in it, and a document read without the values it refers to is
/// refused.
@Suite struct ExternalBytesTests {
    struct Collections: Codable, Equatable {
        var name: String
        var small: [UInt8]
        var large: [UInt8]
        var data: Data
        var nested: [[UInt8]]
        var optional: [UInt8]?
    }

    static func value(_ size: Int) -> Collections {
        Collections(
            name: "partner", small: [1, 2, 3], large: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) },
            data: Data((0..<size).map { UInt8(truncatingIfNeeded: $0) }),
            nested: [[9, 9], (0..<size).map { UInt8(truncatingIfNeeded: $0 >> 3) }], optional: nil)
    }

    @Test func largeValuesLeaveTheDocumentAndComeBack() throws {
        var encoder = BinaryEncoder()
        encoder.externalThreshold = 1000
        let value = Self.value(5000)
        let (document, external) = try encoder.encodeSplit(value)
        #expect(external.count == 3, "large, data and the large nested array; the small ones stay")
        #expect(external[0] == value.large)
        #expect(external[2] == value.nested[1])
        #expect(document.count < 200, "\(document.count) bytes")
        #expect(try BinaryDecoder().decode(Collections.self, from: document, external: external) == value)
        // The plain document holds everything and reads alone.
        let whole = try BinaryEncoder().encode(value)
        #expect(whole.count > 15_000)
        #expect(try BinaryDecoder().decode(Collections.self, from: whole) == value)
    }

    @Test func theArraysKeptApartAreTheOnesEncoded_NotCopies() throws {
        var encoder = BinaryEncoder()
        encoder.externalThreshold = 100
        let value = Self.value(4096)
        let (_, external) = try encoder.encodeSplit(value)
        let address = { (bytes: [UInt8]) in bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        #expect(address(external[0]) == address(value.large))
    }

    @Test func theExternalTagIsAnIndex() throws {
        var encoder = BinaryEncoder()
        encoder.externalThreshold = 2
        let (document, external) = try encoder.encodeSplit([[UInt8]]([[7], [1, 2, 3], [4, 5]]))
        #expect(external == [[1, 2, 3], [4, 5]])
        // SBC1; unkeyed, body of 11 bytes (the count, 3, and the elements); bytes [7]; external 0; external 1;
        // an empty key table, which starts at byte 20.
        #expect(Array(document[4...]) == [10, 11, 0, 0, 0, 3, 0, 0, 0, 8, 1, 7, 11, 0, 11, 1, 0, 20, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func aDocumentMissingItsExternalValuesIsRefused() throws {
        var encoder = BinaryEncoder()
        encoder.externalThreshold = 1000
        let (document, external) = try encoder.encodeSplit(Self.value(2000))
        #expect {
            _ = try BinaryDecoder().decode(Collections.self, from: document, external: Array(external.prefix(1)))
        } throws: { error in
            "\(error)".contains("raw bytes kept apart as number 1 are missing (1 came with the document)")
        }
        #expect(throws: DecodingError.self) { _ = try BinaryDecoder().decode(Collections.self, from: document) }
    }
}
