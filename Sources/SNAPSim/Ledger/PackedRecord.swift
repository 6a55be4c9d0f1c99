import Dispatch
import SimBinaryCoding
import SimJSON
import Synchronization

/// A record of a large collection (top-ups, ledger movements) with a hand-written packed form: with the binary
/// coder a whole collection is one `[UInt8]` value, `version count { record }`, each record a fixed sequence of
/// scalars and strings, instead of a keyed container per record and per nested value (a snapshot holds up to
/// 100,000 of each per partner; docs/durable-state.md). A record's `Codable` form stays the description of
/// every other coding (JSON, the log's records).
protocol PackedRecord: Sendable {
    /// What one record is called in a refusal: "top-up record".
    static var packedName: String { get }
    /// Appends the record's fields, in the order ``init(unpacking:)`` reads them.
    func pack(into writer: inout PackedWriter)
    init(unpacking reader: inout PackedReader) throws(PackedReader.Damaged)
}

/// The layout of the packed records this version writes; a reader refuses another with a clear message.
let packedRecordsVersion: UInt8 = 1

extension PackedRecord {
    /// Records a chunk holds (the last may hold fewer): chunks are read in parallel, one per core at a time.
    static var recordsPerChunk: Int { 16_384 }

    /// The collection's packed bytes: `version count chunks { records bytes { record } }`, each chunk's
    /// record count and byte length before its records, so that a reader can read the chunks in parallel.
    static func packAll(_ records: [Self]) -> [UInt8] {
        var writer = PackedWriter(capacity: 64 + records.count * 96)
        writer.byte(packedRecordsVersion)
        writer.unsigned(UInt64(records.count))
        let starts = Array(stride(from: 0, to: records.count, by: recordsPerChunk))
        writer.unsigned(UInt64(starts.count))
        for start in starts {
            let chunk = records[start..<min(start + recordsPerChunk, records.count)]
            var bytes = PackedWriter(capacity: chunk.count * 96)
            for record in chunk { record.pack(into: &bytes) }
            writer.unsigned(UInt64(chunk.count))
            writer.unsigned(UInt64(bytes.bytes.count))
            writer.raw(bytes.bytes)
        }
        return writer.bytes
    }

    /// ``packAll(_:)`` for a caller that knows the records' type only at run time (`records` is `[Self]`).
    static func packAll(erased records: Any) -> [UInt8] {
        packAll(records as! [Self])
    }

    /// The records of ``packAll(_:)`` chunk by chunk (in order), the chunks read in parallel; damaged bytes are a
    /// `DecodingError` naming the record and the field. Not joined into one array: the caller appends each
    /// record to its collection anyway, and a join would copy every record once more.
    static func unpackAll(_ bytes: [UInt8], path: [any CodingKey]) throws -> [[Self]] {
        func refusal(_ damage: PackedReader.Damaged, record: Int?) -> DecodingError {
            .dataCorrupted(.init(
                codingPath: path,
                debugDescription: "damaged packed \(packedName)s\(record.map { " (record \($0))" } ?? ""): \(damage)"))
        }
        var reader = PackedReader(bytes)
        // Each chunk: the number of its first record, its record count and where its bytes are.
        var chunks: [(first: Int, count: Int, range: Range<Int>)] = []
        let count: Int
        do throws(PackedReader.Damaged) {
            let version = try reader.byte("the version")
            guard version == packedRecordsVersion else {
                throw PackedReader.Damaged(
                    "packed \(packedName)s of layout \(version); this version of snapsim reads layout "
                        + "\(packedRecordsVersion)")
            }
            // Every record takes more than one byte: a damaged count cannot make a huge reservation.
            count = try reader.count("the number of records", atMost: reader.remaining)
            let chunkCount = try reader.count("the number of chunks", atMost: reader.remaining)
            var first = 0
            for _ in 0..<chunkCount {
                let records = try reader.count("a chunk's record count", atMost: count - first)
                let length = try reader.count("a chunk's length", atMost: reader.remaining)
                chunks.append((first, records, try reader.skip(length, "a chunk")))
                first += records
            }
            guard first == count else { throw PackedReader.Damaged("the chunks hold \(first) records, not \(count)") }
            guard reader.isAtEnd else { throw PackedReader.Damaged("\(reader.remaining) bytes follow the last chunk") }
        } catch {
            throw refusal(error, record: nil)
        }
        let ranges = chunks
        let results = Mutex<[Result<[Self], ChunkDamage>?]>(Array(repeating: nil, count: ranges.count))
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            let chunk = ranges[index]
            var reader = PackedReader(bytes, range: chunk.range)
            var records: [Self] = []
            records.reserveCapacity(chunk.count)
            let result: Result<[Self], ChunkDamage>
            do throws(PackedReader.Damaged) {
                while records.count < chunk.count { records.append(try Self(unpacking: &reader)) }
                guard reader.isAtEnd else {
                    throw PackedReader.Damaged("\(reader.remaining) bytes follow the chunk's last record")
                }
                result = .success(records)
            } catch {
                result = .failure(ChunkDamage(damage: error, record: chunk.first + records.count))
            }
            results.withLock { $0[index] = result }
        }
        var records: [[Self]] = []
        records.reserveCapacity(chunks.count)
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let chunk)?: records.append(chunk)
            case .failure(let failure)?: throw refusal(failure.damage, record: failure.record)
            case nil: throw refusal(PackedReader.Damaged("a chunk was not read"), record: nil)
            }
        }
        return records
    }

    /// ``unpackAll(_:path:)`` for a caller that knows the records' type only at run time (returns `[[Self]]`).
    static func unpackAll(erased bytes: [UInt8], path: [any CodingKey]) throws -> Any {
        try unpackAll(bytes, path: path)
    }
}

/// Damage found in one chunk, with the number of the record being read.
struct ChunkDamage: Error {
    let damage: PackedReader.Damaged
    let record: Int
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
