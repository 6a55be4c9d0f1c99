/// The `X-EXTERNAL-ID`s one partner used on the current Jakarta calendar day.
///
/// SNAP makes an external ID unique per partner per day (409xx00 Conflict on reuse, snap.md §3f); the next day
/// it is fresh again, so the registry keeps only one day and starts over when the day changes. At most
/// ``capacityPerDay`` IDs are remembered, the oldest forgotten first, so a load test cannot exhaust memory.
public struct ExternalIDRegistry: Codable, Sendable {
    /// How many IDs a partner's day remembers.
    public static let capacityPerDay = 100_000

    /// The Jakarta day (`2026-11-21`) the remembered IDs belong to.
    private var day: String?
    private var firstUse: [String: SimTime] = [:]
    private var order: [String] = []
    private var head = 0

    public init() {}

    /// When `externalID` was first accepted on the Jakarta day of `time`, or `nil` if it is fresh that day.
    public func firstUse(of externalID: String, at time: SimTime) -> SimTime? {
        guard day == CivilDate.jakartaDay(of: time) else { return nil }
        return firstUse[externalID]
    }

    /// Remembers `externalID` as used at `time`; a new Jakarta day forgets the previous one.
    public mutating func record(_ externalID: String, at time: SimTime) {
        let today = CivilDate.jakartaDay(of: time)
        if day != today {
            day = today
            firstUse = [:]
            order = []
            head = 0
        }
        guard firstUse[externalID] == nil else { return }
        if firstUse.count >= Self.capacityPerDay, head < order.count {
            firstUse[order[head]] = nil
            head += 1
            if head * 2 > order.count {
                order.removeFirst(head)
                head = 0
            }
        }
        firstUse[externalID] = time
        order.append(externalID)
    }

    /// How many IDs are remembered for the current day.
    public var count: Int { firstUse.count }
}
