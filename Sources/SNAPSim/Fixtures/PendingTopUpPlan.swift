import SimJSON

/// How top-ups to one customer settle when the fixtures make them pending (`customers.json` → `pendingTopUp`):
/// accepted with HTTP 202 `2023800 Request In Progress`, `03` Pending in status inquiries, then after
/// `settleAfterSeconds` of simulator time credited (`00`) or refused (`06`), with a `topup` notification.
public struct PendingTopUpPlan: Sendable, Hashable, Codable {
    /// Simulator seconds between the top-up and its settlement.
    public var settleAfterSeconds: Int
    /// `true`: credited at settlement (`00`, if the limits still allow it then); `false`: refused (`06`).
    public var succeeds: Bool

    public init(settleAfterSeconds: Int, succeeds: Bool) {
        self.settleAfterSeconds = settleAfterSeconds
        self.succeeds = succeeds
    }

    static let fields = ["settleAfterSeconds", "settlesTo", "note"]

    /// `{"settleAfterSeconds": 300, "settlesTo": "00"}` (`settlesTo` `00` or `06`, default `00`).
    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> PendingTopUpPlan? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let after = node.integer("settleAfterSeconds", required: true, in: 1...31_536_000, &problems)
        let settlesTo = node.choice("settlesTo", required: false, of: ["00", "06"], &problems) ?? "00"
        _ = node.string("note", required: false, &problems)
        return after.map { PendingTopUpPlan(settleAfterSeconds: $0, succeeds: settlesTo == "00") }
    }
}
