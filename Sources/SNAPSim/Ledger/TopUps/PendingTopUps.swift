/// One partner's top-ups accepted pending (``PendingTopUpPlan``), waiting on the clock to settle: a value in
/// ``PartnerState``, keyed by the top-up's referenceNo.
public struct PendingTopUps: Sendable, Equatable, Codable {
    /// When each settles, earliest first (ties: the order they were accepted).
    public private(set) var due = DueSchedule()
    /// Whether each will be credited (`true`) or refused.
    public private(set) var succeeds: [String: Bool] = [:]

    public init() {}

    /// Waits for `referenceNo` to settle at `time`.
    mutating func wait(_ referenceNo: String, settlesAt time: SimTime, succeeds: Bool) {
        self.succeeds[referenceNo] = succeeds
        due.schedule(referenceNo, at: time)
    }

    /// The next top-up due at or before `time`, taken off the schedule.
    mutating func takeDue(atOrBefore time: SimTime) -> (referenceNo: String, at: SimTime, succeeds: Bool)? {
        guard let (referenceNo, at) = due.popDue(atOrBefore: time) else { return nil }
        return (referenceNo, at, succeeds.removeValue(forKey: referenceNo) ?? true)
    }
}
