import SimJSON

/// A SmilePayz v2.0 order (pay-in or pay-out) and where it stands (smilepayz.md §3, §4, §7).
public struct SmilePayzTrade: Codable, Sendable, Hashable {
    /// SmilePayz's trade types: the `tradeType` of inquiry status and the digit inside every tradeNo.
    public enum Kind: Int, Codable, Sendable, Hashable {
        case payIn = 1
        case payOut = 2

        var title: String { self == .payIn ? "Payin" : "Payout" }
    }

    /// SmilePayz's transaction statuses (`EXPIRED` is a failed state: unpaid past expiry).
    public enum Status: String, Codable, Sendable, Hashable {
        case initial = "INIT"
        case processing = "PROCESSING"
        case success = "SUCCESS"
        case failed = "FAILED"
        case expired = "EXPIRED"

        public var isFinal: Bool { self == .success || self == .failed || self == .expired }
    }

    public var kind: Kind
    public var tradeNo: String
    public var orderNo: String
    public var merchantId: String
    public var merchantName: String
    /// Whole rupiah, as SmilePayz's `money.amount` travels (a JSON integer).
    public var amount: Int64
    /// Upper-case method code (`BCA`, `QRIS`, `W_DANA`; pay-outs `BRI`, `DANA`); `nil` for a cashier order.
    public var paymentMethod: String?
    public var status: Status
    public var createdAt: SimTime
    /// Pay-ins expire unpaid at this simulator time; pay-outs never expire.
    public var expiresAt: SimTime?
    /// Where the result callback goes (the request's `callbackUrl`).
    public var callbackUrl: String?
    /// The answer's `channel` object.
    public var channel: JSONObject
    /// The minified request body, to tell a retry (same body) from a reuse of the orderNo (other body).
    public var fingerprint: String
    /// The create answer, replayed to a retry.
    public var answer: JSONObject
    /// Set when the order reached its final state.
    public var finishedAt: SimTime?

    /// The status at `time`: an open pay-in past its expiry reads `EXPIRED`.
    public func status(at time: SimTime) -> Status {
        if !status.isFinal, let expiresAt, time >= expiresAt { return .expired }
        return status
    }
}
