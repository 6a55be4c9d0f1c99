import SimJSON

/// A NICEPAY payout notification as the state machine produces it when a payout reaches a final status: where
/// it goes, for which merchant, when, and its body. Signing is left to ``NotificationDraft`` so the RSA work
/// happens outside the partner's lock, in the delivery (issue 14).
public struct PayoutNotice: Codable, Sendable, Hashable {
    /// The merchant's notify URL from payouts.json.
    public var url: String
    /// `X-CLIENT-KEY`: the merchant's iMid.
    public var clientKey: String
    /// When the payout reached its status; `X-TIMESTAMP` is written from it in Jakarta time.
    public var time: SimTime
    /// The JSON body (D:ntf's fields plus the status, so a merchant can act without an inquiry).
    public var body: JSONObject

    init(payout: Payout, url: String, at time: SimTime) {
        self.url = url
        clientKey = payout.merchantId
        self.time = time
        var body: JSONObject = [
            "originalPartnerReferenceNo": .string(payout.partnerReferenceNo),
            "originalReferenceNo": .string(payout.tXid),
            "merchantId": .string(payout.merchantId),
        ]
        for (key, value) in payout.beneficiaryFields.members { body[key] = value }
        body["amount"] = payout.amount.json
        body["latestTransactionStatus"] = .string(payout.status.rawValue)
        body["transactionStatusDesc"] = .string(payout.status.statusDescription)
        body["transactionDate"] = .string(ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes))
        self.body = body
    }

    /// `X-TIMESTAMP`: `2026-11-21T18:19:47+07:00`.
    public var timestamp: String { ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes) }
}
