/// SmilePayz v2.0's calls as services of the `smilepayz` profile (docs/smilepayz.md). Their codes are the ones
/// SmilePayz's v1 numbering gives them (pay-in 90, pay-out 91, status 92, balance 11).
extension ServiceDescriptor {
    /// `POST /v2.0/transaction/pay-in`.
    public static let smilePayzPayIn = ServiceDescriptor(
        name: "smilepayz-pay-in", code: "90", title: "SmilePayz Pay-in", security: .transaction)
    /// `POST /v2.0/disbursement/pay-out`.
    public static let smilePayzPayOut = ServiceDescriptor(
        name: "smilepayz-pay-out", code: "91", title: "SmilePayz Pay-out", security: .transaction)
    /// `POST /v2.0/inquiry-status`.
    public static let smilePayzInquiryStatus = ServiceDescriptor(
        name: "smilepayz-inquiry-status", code: "92", title: "SmilePayz Inquiry Status", security: .transaction)
    /// `POST /v2.0/inquiry-balance` (seed 002).
    public static let smilePayzInquiryBalance = ServiceDescriptor(
        name: "smilepayz-inquiry-balance", code: .balanceInquiry, title: "SmilePayz Inquiry Balance (seed 002)",
        security: .transaction)

    static let smilePayzFamily = [smilePayzInquiryBalance, smilePayzPayIn, smilePayzPayOut, smilePayzInquiryStatus]
}

extension ServiceRegistry {
    static let smilePayzServices: [any SNAPService] = [
        SmilePayzInquiryBalance(), SmilePayzPayIn(), SmilePayzPayOut(), SmilePayzInquiryStatus(),
    ]
}
