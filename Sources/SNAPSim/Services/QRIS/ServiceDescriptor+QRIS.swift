extension ServiceCode {
    public static let qrMPMGenerate: ServiceCode = "47"
    public static let qrMPMDecode: ServiceCode = "48"
    public static let qrApplyOTT: ServiceCode = "49"
    public static let qrMPMPayment: ServiceCode = "50"
    public static let qrMPMQuery: ServiceCode = "51"
    public static let qrMPMStatus: ServiceCode = "53"
    public static let qrMPMCancel: ServiceCode = "77"
    public static let qrMPMRefund: ServiceCode = "78"
    /// DANA's payment gateway answers with the direct-debit family's codes (54 create, 55 status, 57 cancel,
    /// 58 refund); consult pay borrows 54 (DANA publishes no code of its own for it).
    public static let paymentGatewayOrder: ServiceCode = "54"
    public static let paymentGatewayStatus: ServiceCode = "55"
    public static let paymentGatewayCancel: ServiceCode = "57"
    public static let paymentGatewayRefund: ServiceCode = "58"
}

extension ServiceDescriptor {
    /// QR MPM generate (47): a dynamic QRIS for one payment to a fixture merchant.
    public static let qrMPMGenerate = ServiceDescriptor(
        name: "qr-mpm-generate", code: .qrMPMGenerate, title: "QR MPM Generate", security: .transaction)
    /// QR MPM decode (48): what a QRIS string says.
    public static let qrMPMDecode = ServiceDescriptor(
        name: "qr-mpm-decode", code: .qrMPMDecode, title: "QR MPM Decode", security: .transaction)
    /// Payment redirect, apply OTT (49): a one-time token for the customer's checkout.
    public static let qrApplyOTT = ServiceDescriptor(
        name: "qr-apply-ott", code: .qrApplyOTT, title: "QR Payment Redirect (Apply OTT)", security: .transaction)
    /// QR MPM payment host-to-host (50): an issuer pays a QRIS for its customer.
    public static let qrMPMPayment = ServiceDescriptor(
        name: "qr-mpm-payment", code: .qrMPMPayment, title: "QR MPM Payment Host-to-Host", security: .transaction)
    /// QR MPM query payment (51).
    public static let qrMPMQuery = ServiceDescriptor(
        name: "qr-mpm-query", code: .qrMPMQuery, title: "QR MPM Query Payment", security: .transaction)
    /// QR MPM transaction status inquiry (53).
    public static let qrMPMStatus = ServiceDescriptor(
        name: "qr-mpm-status", code: .qrMPMStatus, title: "QR MPM Transaction Status Inquiry", security: .transaction)
    /// QR MPM cancel (77): only while unpaid.
    public static let qrMPMCancel = ServiceDescriptor(
        name: "qr-mpm-cancel", code: .qrMPMCancel, title: "QR MPM Cancel Payment", security: .transaction)
    /// QR MPM refund (78): never beyond what was paid.
    public static let qrMPMRefund = ServiceDescriptor(
        name: "qr-mpm-refund", code: .qrMPMRefund, title: "QR MPM Refund Payment", security: .transaction)
    /// DANA payment gateway: consult pay (the payment methods offered).
    public static let paymentGatewayConsultPay = ServiceDescriptor(
        name: "payment-gateway-consult-pay", code: .paymentGatewayOrder, title: "Payment Gateway Consult Pay (DANA)",
        security: .transaction)
    /// DANA payment gateway: create order, by redirect or with a pay option (QRIS answers its string).
    public static let paymentGatewayCreateOrder = ServiceDescriptor(
        name: "payment-gateway-create-order", code: .paymentGatewayOrder, title: "Payment Gateway Create Order (DANA)",
        security: .transaction)
    /// DANA payment gateway: query payment.
    public static let paymentGatewayQuery = ServiceDescriptor(
        name: "payment-gateway-query", code: .paymentGatewayStatus, title: "Payment Gateway Query Payment (DANA)",
        security: .transaction)
    /// DANA payment gateway: cancel order.
    public static let paymentGatewayCancel = ServiceDescriptor(
        name: "payment-gateway-cancel", code: .paymentGatewayCancel, title: "Payment Gateway Cancel Order (DANA)",
        security: .transaction)
    /// DANA payment gateway: refund order.
    public static let paymentGatewayRefund = ServiceDescriptor(
        name: "payment-gateway-refund", code: .paymentGatewayRefund, title: "Payment Gateway Refund Order (DANA)",
        security: .transaction)

    /// The QR and payment-gateway services, in service-code order.
    static let qris: [ServiceDescriptor] = [
        qrMPMGenerate, qrMPMDecode, qrApplyOTT, qrMPMPayment, qrMPMQuery, qrMPMStatus, paymentGatewayConsultPay,
        paymentGatewayCreateOrder, paymentGatewayQuery, paymentGatewayCancel, paymentGatewayRefund, qrMPMCancel,
        qrMPMRefund,
    ]
}
