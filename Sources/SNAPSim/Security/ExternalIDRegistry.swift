import SimBinaryCoding

/// The `X-EXTERNAL-ID`s one partner used on the current Jakarta calendar day.
///
/// SNAP makes an external ID unique per partner per day (409xx00 Conflict on reuse, snap.md §3f); the next day
/// it is fresh again, so the registry keeps only one day and starts over when the day changes. At most
/// ``capacityPerDay`` IDs are remembered, the oldest forgotten first, so a load test cannot exhaust memory.
/// Kept in a split index and a chunked queue (``ReferenceIndex``, ``ChunkedQueue``): growing to 100,000 IDs and
/// forgetting the oldest never rehashes or moves them all at once under the partner's lock.
public struct ExternalIDRegistry: Codable, Sendable {
    /// How many IDs a partner's day remembers.
    public static let capacityPerDay = 100_000

    /// The Jakarta day (`2026-11-21`) the remembered IDs belong to.
    private var day: String?
    /// The same day as a number (Jakarta days since 1970), not encoded: every request compares it instead of
    /// formatting its date as text. `nil` after decoding until the next ``record(_:at:)``.
    private var dayNumber: Int64?
    private var firstUse = ReferenceIndex<SimTime>()
    /// The remembered IDs with their first use (`nil` only for an ID a form older than the queue left without one),
    /// oldest first: a snapshot packs them from here with no look-up.
    private var order = ChunkedQueue<ExternalIDUse>()
    /// The packed bytes of `order`'s whole chunks; a fresh memo whenever `order` starts afresh.
    private var packedChunks = PackedChunkMemo()

    public init() {}

    /// When `externalID` was first accepted on the Jakarta day of `time`, or `nil` if it is fresh that day.
    public func firstUse(of externalID: String, at time: SimTime) -> SimTime? {
        guard isCurrentDay(time) else { return nil }
        return firstUse[externalID]
    }

    /// Remembers `externalID` as used at `time`; a new Jakarta day forgets the previous one.
    public mutating func record(_ externalID: String, at time: SimTime) {
        startDay(of: time)
        guard firstUse[externalID] == nil else { return }
        if firstUse.count >= Self.capacityPerDay, let oldest = order.removeFirst() {
            firstUse[oldest.id] = nil
        }
        firstUse[externalID] = time
        order.append(ExternalIDUse(id: externalID, firstUse: time))
    }

    /// Remembers `externalID` as used at `time`, unless it was used already on that Jakarta day: then returns its
    /// first use and remembers nothing. What a transaction's admission does under the partner's lock: one look-up
    /// of the ID where ``firstUse(of:at:)`` and ``record(_:at:)`` took three.
    public mutating func claim(_ externalID: String, at time: SimTime) -> SimTime? {
        startDay(of: time)
        if let first = firstUse.insertIfAbsent(time, forKey: externalID) { return first }
        if firstUse.count > Self.capacityPerDay, let oldest = order.removeFirst(), let first = oldest.firstUse {
            // Only the entry of that use: an ID the queue kept without a first use (an older form) has none.
            firstUse.removeValue(forKey: oldest.id, ifEqualTo: first)
        }
        order.append(ExternalIDUse(id: externalID, firstUse: time))
        return nil
    }

    /// Forgets the remembered day's IDs when `time` falls on another.
    private mutating func startDay(of time: SimTime) {
        if !isCurrentDay(time) {
            day = CivilDate.jakartaDay(of: time)
            firstUse = ReferenceIndex()
            order = ChunkedQueue()
            packedChunks = PackedChunkMemo()
        }
        dayNumber = Self.dayNumber(of: time)
    }

    /// Whether `time` falls on the remembered day.
    private func isCurrentDay(_ time: SimTime) -> Bool {
        if let dayNumber { return dayNumber == Self.dayNumber(of: time) }
        return day == CivilDate.jakartaDay(of: time)
    }

    /// The Jakarta calendar day of `time` as days since 1970-01-01 (Jakarta has no daylight saving).
    private static func dayNumber(of time: SimTime) -> Int64 {
        let local = time.millisecondsSince1970 + Int64(CivilDate.jakartaOffsetMinutes) * 60_000
        return local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
    }

    /// How many IDs are remembered for the current day.
    public var count: Int { firstUse.count }
}

/// Coded as `day`, `firstUse`, `order`, `head` (not `dayNumber`, derived), except with the binary coder: then a
/// `packed` head, `version day? count alignment`, and `chunks`, the packed bytes `{ id, first use? }` of each chunk
/// of `order` in turn (see ``ChunkedQueue``; the dictionary is rebuilt from them rather than coded as 100,000 keyed
/// entries). An ID's bytes do not depend on where it stands, so each whole chunk of 1,024 IDs is packed once
/// (``PackedChunkMemo``) and every later snapshot holds that very array: a snapshot keeps it as a part file of its
/// own (``StateSnapshot/partThreshold``), written once and named again while the chunk is remembered. `alignment`
/// is where the oldest ID sits in its chunk, so a decoded registry splits into the same chunks.
/// An earlier binary form had every ID in `packed` (`version day? count head { id, first use? }…`, the IDs before
/// `head` forgotten ones); it still reads.
extension ExternalIDRegistry {
    private enum CodingKeys: String, CodingKey {
        case day, firstUse, order, head, packed, chunks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.packed) else {
            day = try container.decodeIfPresent(String.self, forKey: .day)
            let firstUse = try container.decode([String: SimTime].self, forKey: .firstUse)
            let order = try container.decode([String].self, forKey: .order)
            let head = try container.decode(Int.self, forKey: .head)
            self.firstUse.reserveCapacity(firstUse.count)
            for id in order.dropFirst(head) { self.order.append(ExternalIDUse(id: id, firstUse: firstUse[id])) }
            for (id, time) in firstUse { self.firstUse[id] = time }
            return
        }
        let chunks = try container.decodeIfPresent([[UInt8]].self, forKey: .chunks)
        var reader = PackedReader(try container.decode([UInt8].self, forKey: .packed))
        do throws(PackedReader.Damaged) {
            let version = try reader.byte("the version")
            guard version == packedRecordsVersion else {
                throw PackedReader.Damaged(
                    "layout \(version); this version of snapsim reads layout \(packedRecordsVersion)")
            }
            day = try reader.optionalString("day")
            guard let chunks else {
                // The earlier form: every ID in `packed`, after `head`.
                let count = try reader.count("the number of IDs", atMost: reader.remaining)
                let head = try reader.count("head", atMost: count)
                order.reserveCapacity(count - head)
                firstUse.reserveCapacity(count - head)
                for index in 0..<count { try readUse(&reader, keeping: index >= head) }
                guard reader.isAtEnd else { throw PackedReader.Damaged("\(reader.remaining) bytes follow the last ID") }
                return
            }
            let count = try reader.count("the number of IDs", atMost: chunks.reduce(0) { $0 + $1.count })
            let alignment = try reader.count("the alignment", atMost: ChunkedQueue<ExternalIDUse>.chunkSize - 1)
            guard reader.isAtEnd else { throw PackedReader.Damaged("\(reader.remaining) bytes follow the alignment") }
            order = ChunkedQueue(alignedAt: alignment)
            order.reserveCapacity(count)
            firstUse.reserveCapacity(count)
            for (index, chunk) in chunks.enumerated() {
                var chunkReader = PackedReader(chunk)
                while !chunkReader.isAtEnd {
                    guard order.count < count else {
                        throw PackedReader.Damaged("chunk \(index) holds IDs past the \(count) the head names")
                    }
                    try readUse(&chunkReader, keeping: true)
                }
            }
            guard order.count == count else {
                throw PackedReader.Damaged("the chunks hold \(order.count) IDs, not \(count)")
            }
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath + [CodingKeys.packed],
                debugDescription: "damaged packed external IDs: \(error)"))
        }
    }

    /// Reads one `{ id, first use? }` and, when `keeping`, remembers it.
    private mutating func readUse(_ reader: inout PackedReader, keeping: Bool) throws(PackedReader.Damaged) {
        let id = try reader.string("an external ID")
        let time: SimTime?
        switch try reader.byte("a first use") {
        case 0: time = nil
        case 1: time = try reader.time("a first use")
        case let other: throw PackedReader.Damaged("a first use has presence byte \(other), not 0 or 1")
        }
        if let time { firstUse[id] = time }
        if keeping { order.append(ExternalIDUse(id: id, firstUse: time)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        guard encoder.userInfo[.binaryCoding] != nil else {
            var remembered: [String: SimTime] = [:]
            remembered.reserveCapacity(order.count)
            order.forEach { use in remembered[use.id] = use.firstUse }
            try container.encodeIfPresent(day, forKey: .day)
            try container.encode(remembered, forKey: .firstUse)
            try container.encode(order.all.map(\.id), forKey: .order)
            try container.encode(0, forKey: .head)
            return
        }
        let chunkSize = ChunkedQueue<ExternalIDUse>.chunkSize
        var head = PackedWriter(capacity: 32)
        head.byte(packedRecordsVersion)
        head.optionalString(day)
        head.unsigned(UInt64(order.count))
        head.unsigned(UInt64(order.startNumber % chunkSize))
        var chunks: [[UInt8]] = []
        chunks.reserveCapacity(order.count / chunkSize + 2)
        order.forEachChunk { number, isWhole, uses in
            if isWhole {
                chunks.append(packedChunks.bytes(ofChunk: number) {
                    var chunk = PackedWriter(capacity: uses.count * 40)
                    Self.pack(uses, into: &chunk)
                    return chunk.bytes
                })
            } else {
                var chunk = PackedWriter(capacity: uses.count * 40)
                Self.pack(uses, into: &chunk)
                if !chunk.bytes.isEmpty { chunks.append(chunk.bytes) }
            }
        }
        packedChunks.forgetChunks(below: order.startNumber / chunkSize)
        try container.encode(head.bytes, forKey: .packed)
        try container.encode(chunks, forKey: .chunks)
    }

    /// Appends `{ id, first use? }` for each of `uses`: the same bytes wherever in the sequence they are written,
    /// so a whole chunk's bytes can be packed once and copied into every later snapshot.
    private static func pack(_ uses: ArraySlice<ExternalIDUse?>, into writer: inout PackedWriter) {
        for case let use? in uses {
            writer.string(use.id)
            if let time = use.firstUse {
                writer.byte(1)
                writer.time(time)
            } else {
                writer.byte(0)
            }
        }
    }
}

/// One remembered X-EXTERNAL-ID and when it was first accepted.
struct ExternalIDUse: Sendable {
    let id: String
    let firstUse: SimTime?
}
