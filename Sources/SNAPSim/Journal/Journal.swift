/// The recent requests of every partner, bounded twice so memory stays flat however long the simulator runs:
/// each partner keeps at most ``capacityPerPartner`` entries, and all entries together at most ``byteLimit``
/// bytes (bodies, headers, verdicts), the oldest entry of any partner dropped first once the total is reached.
public struct Journal: Sendable {
    /// The default total: 64 MiB.
    public static let defaultByteLimit = 64 << 20

    /// Entries kept per partner (and for requests that named no known partner).
    public let capacityPerPartner: Int
    /// Bytes kept across all entries (see ``JournalEntry/byteSize``); at least one entry is always kept.
    public let byteLimit: Int
    private var rings: [String: Ring] = [:]
    private var nextSequence = 1
    /// Bytes held by the entries kept now.
    public private(set) var byteCount = 0

    /// Requests that named no partner of the fixtures share this ring.
    static let anonymous = ""

    public init(capacityPerPartner: Int, byteLimit: Int = Journal.defaultByteLimit) {
        self.capacityPerPartner = max(1, capacityPerPartner)
        self.byteLimit = max(1, byteLimit)
    }

    /// Adds an entry to the ring of `ring` (a partner of the fixtures), or to the shared ring when `nil`; the
    /// entry is built beforehand, outside the journal's lock, and only numbered here.
    ///
    /// Returns the entry the ring dropped to make room, if any, for the caller to release after the journal's
    /// lock: an entry is dozens of allocations (headers, bodies, verdict), and freeing them was ~4 % of a
    /// top-up's server time, all of it under the one lock every request of every partner takes.
    @discardableResult
    public mutating func record(ring: String?, _ entry: consuming JournalEntry) -> JournalEntry? {
        let size = entry.byteSize
        return record(ring: ring, entry, byteSize: size)
    }

    /// ``record(ring:_:)`` with the entry's ``JournalEntry/byteSize`` worked out by the caller, before the
    /// journal's lock: the ring keeps it beside the entry, so neither it nor a dropped entry's size is computed
    /// under the lock (each walks the headers and the verdict, ~400 instructions).
    @discardableResult
    mutating func record(ring: String?, _ entry: consuming JournalEntry, byteSize size: Int) -> JournalEntry? {
        entry.sequence = nextSequence
        nextSequence += 1
        byteCount += size
        let key = ring ?? Self.anonymous
        let dropped = rings[key, default: Ring()].append(entry, byteSize: size, capacity: capacityPerPartner)
        if let dropped { byteCount -= dropped.byteSize }
        while byteCount > byteLimit, let oldest = oldestRing(), oldest != key || rings[key]?.count ?? 0 > 1 {
            if let dropped = rings[oldest]?.removeFirst() { byteCount -= dropped.byteSize }
            if rings[oldest]?.count == 0 { rings[oldest] = nil }
        }
        return dropped?.entry
    }

    /// The ring whose oldest entry is the oldest of all.
    private func oldestRing() -> String? {
        rings.min { ($0.value.first?.sequence ?? .max) < ($1.value.first?.sequence ?? .max) }?.key
    }

    /// Entries matching `filter`, oldest first.
    public func entries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        let candidates: [JournalEntry]
        if let partner = filter.partner {
            candidates = Array((rings[partner] ?? rings[Self.anonymous])?.elements ?? [])
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
        guard let partner else {
            rings.removeAll()
            byteCount = 0
            return
        }
        if let ring = rings.removeValue(forKey: partner) {
            byteCount -= ring.byteSize
        } else if var shared = rings[Self.anonymous] {
            byteCount -= shared.removeAll { $0.partner == partner }
            rings[Self.anonymous] = shared
        }
    }

    /// A first-in, first-out buffer of one partner's entries: a circular buffer, so dropping the oldest entry
    /// (every append once a partner's ring is full) is O(1) under the journal's lock, never a shift of the array.
    private struct Ring: Sendable {
        /// An entry and its ``JournalEntry/byteSize``, computed once.
        struct Slot: Sendable {
            var entry: JournalEntry
            var byteSize: Int
        }

        /// Slots in use from `head`, wrapping around; a slot freed by ``removeFirst()`` holds `nil` so its entry
        /// is released at once.
        private var storage: [Slot?] = []
        private var head = 0
        private(set) var count = 0

        var first: JournalEntry? { count > 0 ? storage[head]?.entry : nil }

        /// The entries, oldest first.
        var elements: [JournalEntry] {
            (0..<count).map { storage[slot($0)].unsafelyUnwrapped.entry }
        }

        private var slots: [Slot] {
            (0..<count).map { storage[slot($0)].unsafelyUnwrapped }
        }

        /// The storage index of the `offset`-th entry from the oldest.
        private func slot(_ offset: Int) -> Int {
            let index = head + offset
            return index < storage.count ? index : index - storage.count
        }

        /// Appends `entry`; returns the slot dropped to stay within `capacity`, if any.
        mutating func append(_ entry: consuming JournalEntry, byteSize: Int, capacity: Int) -> Slot? {
            let new = Slot(entry: entry, byteSize: byteSize)
            if count >= capacity, count > 0 {
                // Full: the new entry takes the oldest one's slot.
                let dropped = storage[head].take()
                storage[head] = consume new
                head = slot(1)
                return dropped
            }
            if count == storage.count {
                // No free slot: lay the entries out from 0 and grow (amortised, only until the capacity).
                if head != 0 {
                    storage = slots.map(Optional.some)
                    head = 0
                }
                storage.append(new)
            } else {
                storage[slot(count)] = new
            }
            count += 1
            return nil
        }

        mutating func removeFirst() -> Slot? {
            guard count > 0 else { return nil }
            let removed = storage[head].take()
            head = slot(1)
            count -= 1
            return removed
        }

        /// Removes the entries `shouldRemove` picks; returns their bytes.
        mutating func removeAll(where shouldRemove: (JournalEntry) -> Bool) -> Int {
            let all = slots
            let removed = all.filter { shouldRemove($0.entry) }.reduce(0) { $0 + $1.byteSize }
            let kept = all.filter { !shouldRemove($0.entry) }
            storage = kept.map(Optional.some)
            head = 0
            count = kept.count
            return removed
        }

        /// Bytes of the entries kept.
        var byteSize: Int { slots.reduce(0) { $0 + $1.byteSize } }
    }
}
