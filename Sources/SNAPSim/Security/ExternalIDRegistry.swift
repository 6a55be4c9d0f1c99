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
    /// The same day as a number (Jakarta days since 1970), not encoded: every request compares it instead of
    /// formatting its date as text. `nil` after decoding until the next ``record(_:at:)``.
    private var dayNumber: Int64?
    private var firstUse: [String: SimTime] = [:]
    private var order: [String] = []
    private var head = 0

    private enum CodingKeys: String, CodingKey {
        case day, firstUse, order, head
    }

    public init() {}

    /// When `externalID` was first accepted on the Jakarta day of `time`, or `nil` if it is fresh that day.
    public func firstUse(of externalID: String, at time: SimTime) -> SimTime? {
        guard isCurrentDay(time) else { return nil }
        return firstUse[externalID]
    }

    /// Remembers `externalID` as used at `time`; a new Jakarta day forgets the previous one.
    public mutating func record(_ externalID: String, at time: SimTime) {
        if !isCurrentDay(time) {
            day = CivilDate.jakartaDay(of: time)
            firstUse = [:]
            order = []
            head = 0
        }
        dayNumber = Self.dayNumber(of: time)
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
