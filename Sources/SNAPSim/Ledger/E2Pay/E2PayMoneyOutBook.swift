/// One partner's E2Pay money out: bank inquiries (IBFT, disbursement), QR/QRIS inquiries waiting for their
/// payment, and every payment by `clientRef` (for the QR/QRIS check status).
///
/// Amounts are kept in minor units and times in milliseconds so the records are `Codable` as they are.
struct E2PayMoneyOutBook: Sendable, Hashable, Codable {
    /// Bank inquiries by inquiry id.
    var bankInquiries: [String: E2PayBankInquiry] = [:]
    /// QR and QRIS inquiries by inquiry id.
    var qrInquiries: [String: E2PayQRInquiry] = [:]
    /// Payments by `clientRef`.
    var payments: [String: E2PayPayment] = [:]
    /// Dynamic QR payloads already paid (a dynamic code pays once).
    var paidDynamicCodes: Set<String> = []
}

/// An IBFT or disbursement inquiry: the beneficiary found, the channel and its fee.
struct E2PayBankInquiry: Sendable, Hashable, Codable {
    /// `ibft` or `sdp`.
    let product: String
    let id: String
    /// The customer (or merchant) who asked.
    let payer: String
    let bankId: String
    let accountId: String
    let name: String
    /// `BI-FAST`, `ONLINE` or `SDP`.
    let channel: String
    /// The amount asked about, when the inquiry had one (minor units).
    let amountMinor: Int64?
    let feeMinor: Int64
    /// The `clientRef` of the payment that used it.
    var paidBy: String?
}

/// A QR or QRIS inquiry: the decoded merchant and what the code fixes.
struct E2PayQRInquiry: Sendable, Hashable, Codable {
    /// `qris` or `qr`.
    let kind: String
    let id: String
    let payer: String
    let merchantId: String
    let payload: String
    /// Tag 54 (minor units); `nil` on a static code, where the payer types the amount.
    let amountMinor: Int64?
    let isDynamic: Bool
    /// `NONE`, `PROMPT`, `FIXED` or `PERCENTAGE`, with tag 56/57's text.
    let tipIndicator: String
    let tipValue: String?
    let feeMinor: Int64
    var paidBy: String?
}

/// A payment out of an account, by its `clientRef`.
struct E2PayPayment: Sendable, Hashable, Codable {
    /// `IBFT`, `SDP`, `QRIS` or `QR`.
    let kind: String
    let clientRef: String
    let payer: String
    let journalId: String
    let amountMinor: Int64
    let tipMinor: Int64
    let feeMinor: Int64
    /// The beneficiary or merchant name.
    let counterparty: String
    let atMilliseconds: Int64

    var amount: Amount { Amount(minorUnits: amountMinor) }
    var tip: Amount { Amount(minorUnits: tipMinor) }
    var fee: Amount { Amount(minorUnits: feeMinor) }
    var time: SimTime { SimTime(millisecondsSince1970: atMilliseconds) }
}
