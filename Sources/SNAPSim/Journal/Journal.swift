/// The recent requests of every partner, each partner's kept in a ring of fixed size so memory stays flat
/// however long the simulator runs.
public struct Journal: Sendable {
    /// Entries kept per partner (and for requests that named no known partner).
    public let capacityPerPartner: Int
    private var rings: [String: Ring] = [:]
    private var nextSequence = 1

    /// Requests that named no partner of the fixtures share this ring.
    static let anonymous = ""

    public init(capacityPerPartner: Int) {
        self.capacityPerPartner = max(1, capacityPerPartner)
    }

    /// Adds an entry to the ring of `ring` (a partner of the fixtures), or to the shared ring when `nil`.
    public mutating func record(ring: String?, _ make: (_ sequence: Int) -> JournalEntry) {
        let entry = make(nextSequence)
        nextSequence += 1
        rings[ring ?? Self.anonymous, default: Ring(capacity: capacityPerPartner)].append(entry)
    }

    /// Entries matching `filter`, oldest first.
    public func entries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        let candidates: [JournalEntry]
        if let partner = filter.partner {
            candidates = (rings[partner] ?? rings[Self.anonymous])?.elements ?? []
        } else {
            candidates = rings.values.flatMap(\.elements).sorted { $0.sequence < $1.sequence }
        }
        return candidates.filter(filter.matches)
    }

    /// Entries kept now, across all rings; never more than the capacity times the rings.
    public var count: Int { rings.values.reduce(0) { $0 + $1.count } }

    /// Rings in use: one per partner of the fixtures that called, plus the shared one.
    public var ringCount: Int { rings.count }

    /// Forgets one partner's entries, or all.
    public mutating func clear(partner: String? = nil) {
        guard let partner else { return rings.removeAll() }
        if rings[partner] != nil {
            rings[partner] = nil
        } else {
            rings[Self.anonymous]?.removeAll { $0.partner == partner }
        }
    }

    /// A fixed-size buffer that overwrites its oldest element.
    private struct Ring: Sendable {
        let capacity: Int
        private var storage: [JournalEntry] = []
        private var start = 0

        init(capacity: Int) {
            self.capacity = capacity
        }

        var count: Int { storage.count }

        mutating func append(_ entry: JournalEntry) {
            if storage.count < capacity {
                storage.append(entry)
            } else {
                storage[start] = entry
                start = (start + 1) % capacity
            }
        }

        var elements: [JournalEntry] { Array(storage[start...] + storage[..<start]) }

        mutating func removeAll(where shouldRemove: (JournalEntry) -> Bool) {
            storage = elements.filter { !shouldRemove($0) }
            start = 0
        }
    }
}
