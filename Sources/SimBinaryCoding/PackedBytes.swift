/// Hand-written packed coding for large collections of small records: a conformance that knows it is being
/// coded by ``BinaryEncoder``/``BinaryDecoder`` (``Foundation/CodingUserInfoKey/binaryCoding`` in `userInfo`)
/// may write its records as one `[UInt8]` value of fixed sequences of scalars and strings instead of a keyed
/// container per record and per nested value (README.md, "Packed records").

import Foundation

extension CodingUserInfoKey {
    /// Present (`true`) in the `userInfo` of every ``BinaryEncoder`` and ``BinaryDecoder``: a conformance may
    /// then write a packed form of itself (``PackedWriter``) as raw bytes.
    public static let binaryCoding = CodingUserInfoKey(rawValue: "SimBinaryCoding.binary")!
}

/// Appends scalars and strings with no tags or names: the reader must ask for the same sequence.
public struct PackedWriter: Sendable {
    /// What was written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    public mutating func unsigned(_ value: UInt64) { bytes.appendVarint(value) }

    /// Zigzag then LEB128, so small negative numbers stay short.
    public mutating func signed(_ value: Int64) { bytes.appendVarint(zigzag(value)) }

    public mutating func string(_ value: String) { bytes.appendUTF8(value) }

    /// Bytes as they are (another writer's, e.g. a chunk of records).
    public mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    /// A presence byte (0 or 1), then the string when there is one.
    public mutating func optionalString(_ value: String?) {
        if let value {
            bytes.append(1)
            bytes.appendUTF8(value)
        } else {
            bytes.append(0)
        }
    }
}

/// Reads what ``PackedWriter`` wrote, in the same order. Every read is bounds-checked: damaged bytes are a
/// ``PackedReader/Damaged`` naming what was being read and where, never a trap.
public struct PackedReader {
    /// Packed bytes that do not read as what was asked for.
    public struct Damaged: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    private let bytes: [UInt8]
    /// The next byte to read.
    public private(set) var offset: Int
    /// Where the bytes to read end.
    private let end: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
        end = bytes.count
    }

    /// Reads `range` of `bytes` only (shared, not copied); `range` must lie within `bytes`.
    public init(_ bytes: [UInt8], range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "a range outside the packed bytes")
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    public var isAtEnd: Bool { offset == end }

    /// Bytes left to read: an upper bound for counts read from damaged input.
    public var remaining: Int { end - offset }

    /// Passes over `count` bytes (at most ``remaining``), returning where they are.
    public mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws(Damaged) -> Range<Int> {
        guard count >= 0, count <= end - offset else { throw truncated(what()) }
        defer { offset += count }
        return offset..<(offset + count)
    }

    @inline(__always)
    public mutating func byte(_ what: @autoclosure () -> String) throws(Damaged) -> UInt8 {
        guard offset < end else { throw truncated(what()) }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always)
    public mutating func unsigned(_ what: @autoclosure () -> String) throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw truncated(what()) }
            let byte = bytes[offset]
            offset += 1
            guard shift < 63 || (shift == 63 && byte <= 1) else {
                throw Damaged("\(what()) at byte \(offset - 1) exceeds 64 bits")
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    @inline(__always)
    public mutating func signed(_ what: @autoclosure () -> String) throws(Damaged) -> Int64 {
        unzigzag(try unsigned(what()))
    }

    /// An unsigned number that must fit `Int` and be at most `limit` (a count or a status).
    @inline(__always)
    public mutating func count(_ what: @autoclosure () -> String, atMost limit: Int) throws(Damaged) -> Int {
        let value = try unsigned(what())
        guard value <= UInt64(limit) else { throw Damaged("\(what()) at byte \(offset) is \(value), above \(limit)") }
        return Int(value)
    }

    /// A string; refused when it runs past the end or is not valid UTF-8.
    @inline(__always)
    public mutating func string(_ what: @autoclosure () -> String) throws(Damaged) -> String {
        let length = try unsigned(what())
        guard length <= UInt64(end - offset) else { throw truncated(what()) }
        let start = offset
        let end = start + Int(length)
        offset = end
        let string = bytes.withUnsafeBufferPointer { buffer in
            let utf8 = UnsafeBufferPointer(rebasing: buffer[start..<end])
            // ASCII (most strings) is valid UTF-8 as it stands: no validation pass.
            var high: UInt8 = 0
            for byte in utf8 { high |= byte }
            return high < 0x80 ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
        }
        guard let string else { throw Damaged("\(what()) at byte \(start) is not valid UTF-8") }
        return string
    }

    /// What ``PackedWriter/optionalString(_:)`` wrote.
    @inline(__always)
    public mutating func optionalString(_ what: @autoclosure () -> String) throws(Damaged) -> String? {
        switch try byte(what()) {
        case 0: return nil
        case 1: return try string(what())
        case let other: throw Damaged("\(what()) at byte \(offset - 1) has presence byte \(other), not 0 or 1")
        }
    }

    private func truncated(_ what: String) -> Damaged {
        Damaged("\(what) at byte \(offset) runs past the end of the packed bytes (\(end))")
    }
}
