import Foundation
import SimBinaryCoding
import Testing

/// Round trips through ``BinaryEncoder`` and ``BinaryDecoder``: what goes in comes out, for every shape the
/// synthesized conformances and ordinary hand-written ones produce.
@Suite struct BinaryRoundTripTests {
    struct Amount: Codable, Equatable {
        var minorUnits: Int64
        var currency: String
    }

    enum Status: String, Codable, Equatable { case success, failed }

    enum Holder: Codable, Equatable, Hashable {
        case customer(String)
        case account(number: String, bank: Int?)
        case nobody
    }

    struct Record: Codable, Equatable {
        var reference: String
        var externalId: String?
        var amount: Amount
        var status: Status
        var holder: Holder
        var tags: [String]
        var placeholders: [String: String]
        var byHolder: [Holder: [Int]]
        var byNumber: [Int: String]
        var nested: [[Int?]]
        var payload: [UInt8]
        var data: Data
        var flags: Set<Int>
        var ratio: Double
        var small: Float
        var missing: Int?
        var empty: Empty
        var tuple: Tuple
    }

    struct Empty: Codable, Equatable {}

    /// Hand-written: nested containers, unkeyed elements of mixed types, encodeIfPresent.
    struct Tuple: Codable, Equatable {
        var first: Int
        var second: String?
        var third: [Bool]

        enum CodingKeys: String, CodingKey { case pair, third }
        enum PairKeys: String, CodingKey { case first, second }

        init(first: Int, second: String?, third: [Bool]) {
            (self.first, self.second, self.third) = (first, second, third)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let pair = try container.nestedContainer(keyedBy: PairKeys.self, forKey: .pair)
            first = try pair.decode(Int.self, forKey: .first)
            second = try pair.decodeIfPresent(String.self, forKey: .second)
            var list = try container.nestedUnkeyedContainer(forKey: .third)
            third = []
            while !list.isAtEnd { third.append(try list.decode(Bool.self)) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            var pair = container.nestedContainer(keyedBy: PairKeys.self, forKey: .pair)
            try pair.encode(first, forKey: .first)
            try pair.encodeIfPresent(second, forKey: .second)
            var list = container.nestedUnkeyedContainer(forKey: .third)
            for flag in third { try list.encode(flag) }
        }
    }

    static func record(_ number: Int) -> Record {
        Record(
            reference: "T\(number)", externalId: number % 2 == 0 ? "X\(number)" : nil,
            amount: Amount(minorUnits: Int64(number) * 100, currency: "IDR"), status: number % 3 == 0 ? .failed : .success,
            holder: number % 2 == 0 ? .customer("0819\(number)") : .account(number: "\(number)", bank: nil),
            tags: ["a", "", "ümlaut 🙂"], placeholders: ["field": "amount", "": "empty key"],
            byHolder: [.nobody: [], .customer("c"): [1, 2, 3]], byNumber: [-1: "minus one", 7: "seven"],
            nested: [[1, nil, 3], [], [nil]], payload: [0, 1, 255, 128], data: Data([9, 8, 7]), flags: [3, 1, 2],
            ratio: -0.1, small: 1.5, missing: nil, empty: Empty(),
            tuple: Tuple(first: number, second: number % 2 == 0 ? nil : "two", third: [true, false]))
    }

    @Test func nestedKeyedUnkeyedAndOptionalValuesRoundTrip() throws {
        let records = (0..<50).map(Self.record)
        let bytes = try BinaryEncoder().encode(records)
        #expect(try BinaryDecoder().decode([Record].self, from: bytes) == records)
    }

    @Test func topLevelScalarsAndOptionalsRoundTrip() throws {
        #expect(try BinaryDecoder().decode(String.self, from: BinaryEncoder().encode("hello")) == "hello")
        #expect(try BinaryDecoder().decode(Bool.self, from: BinaryEncoder().encode(true)) == true)
        #expect(try BinaryDecoder().decode(Int?.self, from: BinaryEncoder().encode(Int?.none)) == nil)
        #expect(try BinaryDecoder().decode(Int??.self, from: BinaryEncoder().encode(Int??.some(5))) == 5)
        #expect(try BinaryDecoder().decode([Int].self, from: BinaryEncoder().encode([Int]())) == [])
        #expect(try BinaryDecoder().decode([String: Int].self, from: BinaryEncoder().encode([String: Int]())) == [:])
    }

    @Test(arguments: [Int64.min, Int64.min + 1, -129, -128, -1, 0, 1, 63, 64, 127, 128, 16_383, 16_384, Int64.max - 1, Int64.max])
    func signedIntegersKeepEveryValue(value: Int64) throws {
        #expect(try BinaryDecoder().decode(Int64.self, from: BinaryEncoder().encode(value)) == value)
        #expect(try BinaryDecoder().decode(Int.self, from: BinaryEncoder().encode(Int(value))) == Int(value))
    }

    @Test(arguments: [UInt64.min, 1, 127, 128, 255, 256, UInt64(UInt32.max), UInt64.max - 1, UInt64.max])
    func unsignedIntegersKeepEveryValue(value: UInt64) throws {
        #expect(try BinaryDecoder().decode(UInt64.self, from: BinaryEncoder().encode(value)) == value)
    }

    @Test func narrowIntegersKeepTheirLimits() throws {
        let values = [Int8.min, Int8.max]
        #expect(try BinaryDecoder().decode([Int8].self, from: BinaryEncoder().encode(values)) == values)
        let unsigned: [UInt8] = [0, 255]
        // [UInt8] is raw bytes; UInt16 and UInt32 go through integers.
        #expect(try BinaryDecoder().decode([UInt8].self, from: BinaryEncoder().encode(unsigned)) == unsigned)
        #expect(try BinaryDecoder().decode([UInt16].self, from: BinaryEncoder().encode([UInt16.max])) == [UInt16.max])
        #expect(try BinaryDecoder().decode([Int32].self, from: BinaryEncoder().encode([Int32.min])) == [Int32.min])
    }

    @Test func anIntegerTooWideForTheTypeAskedForIsRefused() throws {
        let bytes = try BinaryEncoder().encode(300)
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(UInt8.self, from: bytes) }
        let negative = try BinaryEncoder().encode(-1)
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(UInt.self, from: negative) }
        #expect(try BinaryDecoder().decode(Int16.self, from: bytes) == 300)
    }

    @Test func floatingPointValuesKeepTheirBits() throws {
        let doubles = [0.0, -0.0, .pi, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity]
        let back = try BinaryDecoder().decode([Double].self, from: BinaryEncoder().encode(doubles))
        #expect(back.map(\.bitPattern) == doubles.map(\.bitPattern))
        let nan = try BinaryDecoder().decode(Double.self, from: BinaryEncoder().encode(Double.nan))
        #expect(nan.isNaN)
    }

    @Test func stringsKeepAnyUTF8() throws {
        let strings = ["", "\u{0}", "a\"b\\c\n", "é", "Ελληνικά", "中文", "🙂👍🏽", String(repeating: "x", count: 100_000),
                       "\u{10FFFF}", "e\u{301}"]
        let back = try BinaryDecoder().decode([String].self, from: BinaryEncoder().encode(strings))
        #expect(back.map { Array($0.utf8) } == strings.map { Array($0.utf8) })
    }

    @Test func bytesAreStoredRawNotAsArraysOfNumbers() throws {
        let payload = [UInt8](repeating: 0xFF, count: 1000)
        let bytes = try BinaryEncoder().encode(payload)
        // Magic, tag, 2-byte length, the bytes, an empty key table, its offset.
        #expect(bytes.count == 4 + 1 + 2 + 1000 + 1 + 8)
        #expect(try BinaryDecoder().decode([UInt8].self, from: bytes) == payload)
        let data = Data(payload)
        #expect(try BinaryDecoder().decode(Data.self, from: BinaryEncoder().encode(data)) == data)
    }

    @Test func userInfoReachesTheConformances() throws {
        struct Probe: Codable {
            static let key = CodingUserInfoKey(rawValue: "probe")!
            init() {}
            init(from decoder: any Decoder) throws {
                guard decoder.userInfo[Self.key] as? String == "in" else { throw CancellationError() }
            }
            func encode(to encoder: any Encoder) throws {
                guard encoder.userInfo[Self.key] as? String == "out" else { throw CancellationError() }
            }
        }
        var encoder = BinaryEncoder()
        encoder.userInfo[Probe.key] = "out"
        var decoder = BinaryDecoder()
        decoder.userInfo[Probe.key] = "in"
        _ = try decoder.decode([Probe].self, from: encoder.encode([Probe()]))
    }
}
