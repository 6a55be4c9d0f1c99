import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// A simulator on a fixed clock with a loopback webhook receiving every partner's notifications.
struct ClockWorld {
    static let admin = "clock-admin"
    let clock: SimulatorClock
    let simulator: Simulator
    let webhook: WebhookReceiver

    init(clock: SimulatorClock = .fixed(at: ProfileHarness.start), partners: [String] = ["IONPAYTEST", "snapsim-demo"])
        throws
    {
        self.clock = clock
        simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 7, clock: clock, adminToken: Self.admin))
        webhook = try WebhookReceiver()
        for partner in partners {
            simulator.notifications.setEndpoints(NotificationEndpoints(defaultURL: webhook.url), partner: partner)
        }
    }

    func shutdown() { webhook.server.shutdown() }

    /// An admin API call; the status and the JSON answer.
    @discardableResult
    func admin(_ method: HTTPMethod, _ target: String, _ body: String = "") -> (status: Int, body: JSONValue) {
        let reply = simulator.respond(to: HTTPRequest(
            method: method, target: target,
            headers: ["Authorization": "Bearer \(Self.admin)", "Content-Type": "application/json"], body: Array(body.utf8)))
        guard case .respond(let response) = reply.action else { return (0, .null) }
        return (response.status.code, (try? JSONParser.parse(response.body)) ?? .null)
    }

    /// Registers and approves a payout directly on IONPAYTEST's state, as its approve call would.
    func approvePayout(_ tXid: String, plan: PayoutOutcome, reservedAt: SimTime? = nil) -> Bool {
        simulator.withPartner("IONPAYTEST") { state, fixtures in
            state.payouts.register(NicepayPayoutTests.payout(tXid, plan: plan, reservedAt: reservedAt))
            return state.payouts.approve(
                tXid, at: clock.now(), ledger: &state.ledger, merchants: fixtures.payouts.merchants)
        }
    }

    func payoutStatus(_ tXid: String) -> PayoutStatus? {
        simulator.partnerState("IONPAYTEST")?.payouts.payout(tXid)?.status
    }

    /// The delivered notifications' bodies, parsed, in the order the webhook received them.
    var received: [JSONValue] {
        webhook.requests.map { (try? JSONParser.parse($0.body)) ?? .null }
    }
}

extension JSONValue {
    func text(at pointer: String) -> String? {
        self[pointer: JSONPointer(parsing: pointer) ?? JSONPointer(tokens: [])]?.stringValue
    }
}
