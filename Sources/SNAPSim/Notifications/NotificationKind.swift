/// What a notification announces. Each kind has one ASPI body (``NotificationEvent/fields``); a profile chooses
/// its path and which of the members it sends.
public enum NotificationKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A virtual account was paid (ASPI 34 "notify payment"; DOKU's VA payment notification).
    case virtualAccountPayment = "va-payment"
    /// A transfer reached its final state (17, 18, 43).
    case transfer
    /// A pending top-up settled (38).
    case topUp = "topup"
    /// A QRIS MPM payment settled (52).
    case qrPayment = "qr-payment"
    /// A direct debit finished (56; DANA's "finish notify").
    case directDebit = "direct-debit"
    /// A NICEPAY payout reached a final status (issue 19).
    case payout
    /// A SmilePayz order ended (issue 21): the callback to the order's callbackUrl.
    case smilePayzCallback = "smilepayz-callback"
}
