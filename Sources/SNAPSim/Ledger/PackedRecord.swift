import SimBinaryCoding
import SimJSON

/// A record of a large collection (top-ups, ledger movements) with a hand-written packed form: with the binary
/// coder a whole collection is one `[UInt8]` value, `version count { record }`, each record a fixed sequence of
/// scalars and strings, instead of a keyed container per record and per nested value (a snapshot holds up to
/// 100,000 of each per partner; docs/durable-state.md). A record's `Codable` form stays the description of
/// every other coding (JSON, the log's records).
protocol PackedRecord {
    /// What one record is called in a refusal: "top-up record".
    static var packedName: String { get }
    /// Appends the record's fields, in the order ``init(unpacking:)`` reads them.
    func pack(into writer: inout PackedWriter)
    init(unpacking reader: inout PackedReader) throws(PackedReader.Damaged)
}

/// The layout of the packed records this version writes; a reader refuses another with a clear message.
let packedRecordsVersion: UInt8 = 1

extension PackedRecord {
    /// The collection's packed bytes.
    static func packAll(_ records: [Self]) -> [UInt8] {
        var writer = PackedWriter(capacity: 64 + records.count * 96)
        writer.byte(packedRecordsVersion)
        writer.unsigned(UInt64(records.count))
        for record in records { record.pack(into: &writer) }
        return writer.bytes
    }

    /// ``packAll(_:)`` for a caller that knows the records' type only at run time (`records` is `[Self]`).
    static func packAll(erased records: Any) -> [UInt8] {
        packAll(records as! [Self])
    }

    /// The records of ``packAll(_:)``; damaged bytes are a `DecodingError` naming the record and the field.
    static func unpackAll(_ bytes: [UInt8], path: [any CodingKey]) throws -> [Self] {
        var reader = PackedReader(bytes)
        var index = 0
        do throws(PackedReader.Damaged) {
            let version = try reader.byte("the version")
            guard version == packedRecordsVersion else {
                throw PackedReader.Damaged(
                    "packed \(packedName)s of layout \(version); this version of snapsim reads layout \(packedRecordsVersion)")
            }
            // Every record takes more than one byte: a damaged count cannot make a huge reservation.
            let count = try reader.count("the number of records", atMost: reader.remaining)
            var records: [Self] = []
            records.reserveCapacity(count)
            while index < count {
                records.append(try Self(unpacking: &reader))
                index += 1
            }
            guard reader.isAtEnd else { throw PackedReader.Damaged("\(reader.remaining) bytes follow the last record") }
            return records
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path, debugDescription: "damaged packed \(packedName)s (record \(index)): \(error)"))
        }
    }

    /// ``unpackAll(_:path:)`` for a caller that knows the records' type only at run time (returns `[Self]`).
    static func unpackAll(erased bytes: [UInt8], path: [any CodingKey]) throws -> Any {
        try unpackAll(bytes, path: path)
    }
}

// MARK: - Shared fields

extension PackedWriter {
    mutating func amount(_ amount: Amount) {
        signed(amount.minorUnits)
        string(amount.currency)
    }

    mutating func time(_ time: SimTime) {
        signed(time.millisecondsSince1970)
    }

    /// A JSON value: a tag (0 null, 1 false, 2 true, 3 number, 4 string, 5 array, 6 object), then its text or
    /// its count and members, in order.
    mutating func json(_ value: JSONValue) {
        switch value {
        case .null: byte(0)
        case .bool(let flag): byte(flag ? 2 : 1)
        case .number(let text): byte(3); string(text)
        case .string(let text): byte(4); string(text)
        case .array(let elements):
            byte(5)
            unsigned(UInt64(elements.count))
            for element in elements { json(element) }
        case .object(let object): byte(6); jsonObject(object)
        }
    }

    mutating func jsonObject(_ object: JSONObject) {
        unsigned(UInt64(object.members.count))
        for member in object.members {
            string(member.key)
            json(member.value)
        }
    }
}

extension PackedReader {
    mutating func amount(_ what: @autoclosure () -> String) throws(Damaged) -> Amount {
        let minorUnits = try signed(what())
        return Amount(minorUnits: minorUnits, currency: try string(what()))
    }

    mutating func time(_ what: @autoclosure () -> String) throws(Damaged) -> SimTime {
        SimTime(millisecondsSince1970: try signed(what()))
    }

    /// What ``PackedWriter/json(_:)`` wrote; nesting deeper than 512 levels is refused (no stack exhaustion).
    mutating func json(_ what: String, depth: Int = 0) throws(Damaged) -> JSONValue {
        guard depth < 512 else { throw Damaged("\(what) nests deeper than 512 levels") }
        switch try byte(what) {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .number(try string(what))
        case 4: return .string(try string(what))
        case 5:
            let count = try self.count(what, atMost: remaining)
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try json(what, depth: depth + 1)) }
            return .array(elements)
        case 6: return .object(try jsonObject(what, depth: depth + 1))
        case let tag: throw Damaged("\(what) at byte \(offset - 1) has JSON tag \(tag)")
        }
    }

    mutating func jsonObject(_ what: String, depth: Int = 0) throws(Damaged) -> JSONObject {
        let count = try self.count(what, atMost: remaining)
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(count)
        for _ in 0..<count { members.append((try string(what), try json(what, depth: depth))) }
        // The checking initializer: a damaged object with a repeated name keeps the last, as parsing does.
        return JSONObject(members)
    }
}
