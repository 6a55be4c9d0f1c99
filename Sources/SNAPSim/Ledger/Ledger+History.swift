/// The movement log: every service that moves money appends here, transaction history reads it.
extension Ledger {
    /// Records a movement of money that already happened on the ledger. One call per account touched.
    public mutating func append(_ movement: LedgerMovement) {
        movements.append(movement)
    }

    /// The holder's movements, newest first.
    public func history(of holder: MovementHolder) -> [LedgerMovement] {
        movements.movements(of: holder).reversed()
    }
}

/// The ledger's movements in the order they happened, found by holder.
///
/// Bounded like ``TopUpJournal``: past `limit` movements the oldest is forgotten, so a long load test cannot
/// grow memory without end. Forgetting costs O(1): movements sit in an array read from `head` and each holder's
/// numbers in a ``HolderNumbers`` read from its own head; both are compacted once half of them is dead. (A
/// dictionary of movements and `removeFirst` on the holder's array made every top-up past the limit move the
/// whole holder array, ~800 KB for one busy customer, under the partner's lock.)
public struct MovementLog: Sendable {
    /// Movements from `entries[head]` on are kept; `entries[i]` is movement number `base + i`.
    private var entries: [LedgerMovement] = []
    private var head = 0
    private var base = 0
    private var byHolder: [MovementHolder: HolderNumbers] = [:]
    /// Most movements kept.
    public let limit: Int
    /// Stamped anew by every change: a snapshot reuses the packed bytes of movements that did not change.
    private(set) var version = PackedBytesMemo.Version.next()
    let packedMemo = PackedBytesMemo()

    /// An empty log keeping at most `limit` movements (at least one).
    public init(limit: Int = 100_000) {
        self.limit = max(1, limit)
    }

    /// Movements kept now.
    public var count: Int { entries.count - head }

    /// Every movement kept, oldest first.
    public var all: [LedgerMovement] { Array(entries[head...]) }

    /// The holder's movements, oldest first.
    public func movements(of holder: MovementHolder) -> [LedgerMovement] {
        byHolder[holder].map { $0.kept.map { entries[$0 - base] } } ?? []
    }

    /// Makes room for `count` more movements (a snapshot being read appends them all).
    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(entries.count + count)
    }

    /// Adds a movement after the others.
    public mutating func append(_ movement: LedgerMovement) {
        version = .next()
        byHolder[movement.holder, default: HolderNumbers()].append(base + entries.count)
        entries.append(movement)
        while count > limit { evictOldest() }
    }

    private mutating func evictOldest() {
        let number = base + head
        let holder = entries[head].holder
        // A holder's numbers are in order, so the evicted one is its first.
        byHolder[holder]?.removeFirst(ifEqualTo: number)
        if byHolder[holder]?.isEmpty == true { byHolder[holder] = nil }
        head += 1
        if head > 64 && head * 2 > entries.count {
            entries.removeFirst(head)
            base += head
            head = 0
        }
    }
}

/// One holder's movement numbers, oldest first, read from `head` so that forgetting the oldest is O(1).
struct HolderNumbers: Sendable, Codable, Equatable {
    private var numbers: [Int] = []
    private var head = 0

    var isEmpty: Bool { head == numbers.count }

    /// The numbers kept, oldest first.
    var kept: ArraySlice<Int> { numbers[head...] }

    mutating func append(_ number: Int) {
        numbers.append(number)
    }

    /// Forgets the oldest number when it is `number`; compacts once half the array is dead.
    mutating func removeFirst(ifEqualTo number: Int) {
        guard head < numbers.count, numbers[head] == number else { return }
        head += 1
        if head == numbers.count {
            numbers.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64 && head * 2 > numbers.count {
            numbers.removeFirst(head)
            head = 0
        }
    }
}
