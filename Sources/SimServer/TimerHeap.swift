/// A binary min-heap of deadlines, one per event loop. The loop sleeps in its poller until the earliest
/// deadline, so a delayed reply or a timeout costs a heap entry, never a thread.
///
/// Entries are never removed early: an owner whose deadline changed leaves the stale entry in place and
/// ignores it when it comes due, which keeps every operation O(log n).
struct TimerHeap<Element> {
    private(set) var entries: [(deadline: UInt64, element: Element)] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    /// The earliest deadline, if any.
    var nextDeadline: UInt64? { entries.first?.deadline }

    mutating func push(_ element: Element, at deadline: UInt64) {
        entries.append((deadline, element))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(at now: UInt64) -> (deadline: UInt64, element: Element)? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < entries.count, entries[left].deadline < entries[smallest].deadline { smallest = left }
                if right < entries.count, entries[right].deadline < entries[smallest].deadline { smallest = right }
                guard smallest != parent else { break }
                entries.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
