extension ServiceCode {
    public static let cardRegistration: ServiceCode = "01"
    public static let otpVerification: ServiceCode = "04"
    public static let cardUnbinding: ServiceCode = "05"
    public static let accountCreation: ServiceCode = "06"
    public static let accountBinding: ServiceCode = "07"
    public static let accountBindingInquiry: ServiceCode = "08"
    public static let accountUnbinding: ServiceCode = "09"
    public static let directDebitPayment: ServiceCode = "54"
    public static let directDebitStatus: ServiceCode = "55"
    public static let directDebitCancel: ServiceCode = "57"
    public static let directDebitRefund: ServiceCode = "58"
    public static let otp: ServiceCode = "81"
}

extension ServiceDescriptor {
    /// Card registration (01): binds a card, pending until the customer's OTP.
    public static let cardRegistration = ServiceDescriptor(
        name: "card-registration", code: .cardRegistration, title: "Card Registration", security: .transaction)
    /// Verify OTP (04): the customer's OTP activates a pending binding or card.
    public static let otpVerification = ServiceDescriptor(
        name: "otp-verification", code: .otpVerification, title: "Verify OTP", security: .transaction)
    /// Card registration unbinding (05).
    public static let cardUnbinding = ServiceDescriptor(
        name: "card-unbinding", code: .cardUnbinding, title: "Card Registration Unbinding", security: .transaction)
    /// Account creation (06): opens an e-money account and binds it.
    public static let accountCreation = ServiceDescriptor(
        name: "account-creation", code: .accountCreation, title: "Account Creation", security: .transaction)
    /// Account binding (07): links the partner to a customer once the customer approves.
    public static let accountBinding = ServiceDescriptor(
        name: "account-binding", code: .accountBinding, title: "Account Binding", security: .transaction)
    /// Account binding inquiry (08).
    public static let accountBindingInquiry = ServiceDescriptor(
        name: "account-binding-inquiry", code: .accountBindingInquiry, title: "Account Binding Inquiry",
        security: .transaction)
    /// Account unbinding (09).
    public static let accountUnbinding = ServiceDescriptor(
        name: "account-unbinding", code: .accountUnbinding, title: "Account Unbinding", security: .transaction)
    /// Direct debit payment (54): debits a bound customer, or waits for the payer's approval.
    public static let directDebitPayment = ServiceDescriptor(
        name: "direct-debit-payment", code: .directDebitPayment, title: "Direct Debit Payment", security: .transaction)
    /// Direct debit status (55).
    public static let directDebitStatus = ServiceDescriptor(
        name: "direct-debit-status", code: .directDebitStatus, title: "Direct Debit Status", security: .transaction)
    /// Direct debit cancel (57): only while not settled.
    public static let directDebitCancel = ServiceDescriptor(
        name: "direct-debit-cancel", code: .directDebitCancel, title: "Direct Debit Cancel", security: .transaction)
    /// Direct debit refund (58): partial or full, each partnerRefundNo once.
    public static let directDebitRefund = ServiceDescriptor(
        name: "direct-debit-refund", code: .directDebitRefund, title: "Direct Debit Refund", security: .transaction)
    /// OTP (81): sends a one-time password to the customer of a pending binding or card.
    public static let otp = ServiceDescriptor(name: "otp", code: .otp, title: "OTP", security: .transaction)

    /// The binding, OTP and direct-debit services, in service-code order.
    static let directDebitFamily: [ServiceDescriptor] = [
        cardRegistration, otpVerification, cardUnbinding, accountCreation, accountBinding, accountBindingInquiry,
        accountUnbinding, directDebitPayment, directDebitStatus, directDebitCancel, directDebitRefund, otp,
    ]
}
