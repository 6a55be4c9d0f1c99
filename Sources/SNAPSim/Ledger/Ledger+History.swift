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
/// grow memory without end.
public struct MovementLog: Sendable {
    private var entries: [Int: LedgerMovement] = [:]
    private var byHolder: [MovementHolder: [Int]] = [:]
    private var oldest = 0
    private var next = 0
    /// Most movements kept.
    public let limit: Int

    /// An empty log keeping at most `limit` movements (at least one).
    public init(limit: Int = 100_000) {
        self.limit = max(1, limit)
    }

    /// Movements kept now.
    public var count: Int { entries.count }

    /// Every movement kept, oldest first.
    public var all: [LedgerMovement] { (oldest..<next).compactMap { entries[$0] } }

    /// The holder's movements, oldest first.
    public func movements(of holder: MovementHolder) -> [LedgerMovement] {
        (byHolder[holder] ?? []).compactMap { entries[$0] }
    }

    /// Adds a movement after the others.
    public mutating func append(_ movement: LedgerMovement) {
        entries[next] = movement
        byHolder[movement.holder, default: []].append(next)
        next += 1
        while entries.count > limit { evictOldest() }
    }

    private mutating func evictOldest() {
        if let movement = entries.removeValue(forKey: oldest) {
            // A holder's numbers are in order, so the evicted one is its first.
            if byHolder[movement.holder]?.first == oldest { byHolder[movement.holder]?.removeFirst() }
            if byHolder[movement.holder]?.isEmpty == true { byHolder[movement.holder] = nil }
        }
        oldest += 1
    }
}
