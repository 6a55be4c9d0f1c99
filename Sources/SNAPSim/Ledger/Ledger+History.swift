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
/// grow memory without end. Forgetting costs O(1) and nothing is moved in bulk: movements and each holder's
/// movement numbers sit in ``ChunkedQueue``s. (A dictionary of movements and `removeFirst` on the holder's array
/// made every top-up past the limit move the whole holder array, ~800 KB for one busy customer, under the
/// partner's lock; arrays read from a head still doubled and were compacted 100,000 movements at a time.)
public struct MovementLog: Sendable {
    private var entries = ChunkedQueue<LedgerMovement>()
    private var byHolder: [MovementHolder: HolderNumbers] = [:]
    /// Most movements kept.
    public let limit: Int
    /// Stamped anew by every change: a snapshot reuses the packed bytes of movements that did not change.
    private(set) var version = PackedBytesMemo.Version.next()
    let packedMemo = PackedBytesMemo()
    /// The packed bytes of the movements' whole chunks (``PackedRecord/packChunks(of:memo:)``).
    let packedChunks = PackedChunkMemo()

    /// An empty log keeping at most `limit` movements (at least one).
    public init(limit: Int = 100_000) {
        self.limit = max(1, limit)
    }

    /// Movements kept now.
    public var count: Int { entries.count }

    /// Every movement kept, oldest first.
    public var all: [LedgerMovement] { entries.all }

    /// The movements' store, chunk by chunk (packed for a snapshot).
    var chunkedMovements: ChunkedQueue<LedgerMovement> { entries }

    /// The holder's movements, oldest first.
    public func movements(of holder: MovementHolder) -> [LedgerMovement] {
        guard let numbers = byHolder[holder] else { return [] }
        var movements: [LedgerMovement] = []
        movements.reserveCapacity(numbers.count)
        numbers.forEach { number in
            if let movement = entries[number] { movements.append(movement) }
        }
        return movements
    }

    /// Makes room for `count` more movements (a snapshot being read appends them all).
    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
    }

    /// Adds a movement after the others.
    public mutating func append(_ movement: LedgerMovement) {
        version = .next()
        byHolder[movement.holder, default: HolderNumbers()].append(entries.endNumber)
        entries.append(movement)
        while count > limit { evictOldest() }
    }

    private mutating func evictOldest() {
        let number = entries.startNumber
        guard let holder = entries.removeFirst()?.holder, let index = byHolder.index(forKey: holder) else { return }
        // A holder's numbers are in order, so the evicted one is its first. One look-up of the holder (hashing
        // its text), not three, per top-up once the log is full.
        byHolder.values[index].removeFirst(ifEqualTo: number)
        if byHolder.values[index].isEmpty { byHolder.remove(at: index) }
    }
}

/// One holder's movement numbers, oldest first, so that forgetting the oldest is O(1).
struct HolderNumbers: Sendable {
    private var numbers = ChunkedQueue<Int>()

    var isEmpty: Bool { numbers.isEmpty }

    /// Numbers kept.
    var count: Int { numbers.count }

    /// Calls `body` on every number kept, oldest first.
    func forEach(_ body: (Int) -> Void) {
        numbers.forEach(body)
    }

    mutating func append(_ number: Int) {
        numbers.append(number)
    }

    /// Forgets the oldest number when it is `number`.
    mutating func removeFirst(ifEqualTo number: Int) {
        guard numbers.first == number else { return }
        numbers.removeFirst()
    }
}
