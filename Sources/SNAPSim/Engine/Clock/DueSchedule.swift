/// The instants at which one family's records of one partner fall due, earliest first (ties by rank, then by
/// the order they were scheduled), so the next due instant is known without scanning the records.
///
/// Instants are kept as integer milliseconds so the value is `Codable` on its own (durable state).
public struct DueSchedule: Sendable, Equatable, Codable {
    /// One record waiting for its instant.
    public struct Entry: Sendable, Equatable, Codable {
        /// The record's key in its family (a tXid, a partnerReferenceNo).
        public var key: String
        public var milliseconds: Int64
        /// The tie-break among entries due at the same instant (a registration index).
        public var rank: Int
        var sequence: Int

        var time: SimTime { SimTime(millisecondsSince1970: milliseconds) }

        fileprivate func precedes(_ other: Entry) -> Bool {
            (milliseconds, rank, sequence) < (other.milliseconds, other.rank, other.sequence)
        }
    }

    /// Sorted: earliest first.
    public private(set) var entries: [Entry] = []
    private var scheduled = 0

    public init() {}

    /// The earliest instant anything is due; `nil` when nothing waits.
    public var next: SimTime? { entries.first?.time }

    public var isEmpty: Bool { entries.isEmpty }

    /// Schedules `key` at `time`, replacing its earlier instant if it had one.
    public mutating func schedule(_ key: String, at time: SimTime, rank: Int = 0) {
        cancel(key)
        scheduled += 1
        let entry = Entry(key: key, milliseconds: time.millisecondsSince1970, rank: rank, sequence: scheduled)
        // Binary search for the first entry the new one precedes: a partner waits on few records at once.
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].precedes(entry) { low = middle + 1 } else { high = middle }
        }
        entries.insert(entry, at: low)
    }

    /// Forgets `key` (its step happened another way, or it no longer waits).
    public mutating func cancel(_ key: String) {
        if let index = entries.firstIndex(where: { $0.key == key }) { entries.remove(at: index) }
    }

    /// Removes and returns the earliest entry due at or before `time`.
    public mutating func popDue(atOrBefore time: SimTime) -> (key: String, at: SimTime)? {
        guard let first = entries.first, first.milliseconds <= time.millisecondsSince1970 else { return nil }
        entries.removeFirst()
        return (first.key, first.time)
    }
}
