extension ServiceCode {
    /// NICEPAY's payout calls answer with service code 00 (`2000000`): its SNAP payout product has no code of its own.
    public static let payout: ServiceCode = "00"
}

extension ServiceDescriptor {
    /// NICEPAY payout registration (`/api/v1.0/transfer/registration`).
    public static let payoutRegistration = ServiceDescriptor(
        name: "payout-registration", code: .payout, title: "Payout Registration (NICEPAY)", security: .transaction)
    /// NICEPAY payout approve.
    public static let payoutApprove = ServiceDescriptor(
        name: "payout-approve", code: .payout, title: "Payout Approve (NICEPAY)", security: .transaction)
    /// NICEPAY payout inquiry.
    public static let payoutInquiry = ServiceDescriptor(
        name: "payout-inquiry", code: .payout, title: "Payout Inquiry (NICEPAY)", security: .transaction)
    /// NICEPAY payout cancel (approved, scheduled, before its time).
    public static let payoutCancel = ServiceDescriptor(
        name: "payout-cancel", code: .payout, title: "Payout Cancel (NICEPAY)", security: .transaction)
    /// NICEPAY payout reject (registered, not approved).
    public static let payoutReject = ServiceDescriptor(
        name: "payout-reject", code: .payout, title: "Payout Reject (NICEPAY)", security: .transaction)

    /// The payout services.
    static let payoutServices: [ServiceDescriptor] = [
        payoutRegistration, payoutApprove, payoutInquiry, payoutCancel, payoutReject,
    ]
}

extension ServiceRegistry {
    /// The payout services' behaviour.
    static let payoutServices: [any SNAPService] = [
        PayoutRegistration(), PayoutApprove(), PayoutInquiry(), PayoutCancel(), PayoutReject(),
    ]
}
