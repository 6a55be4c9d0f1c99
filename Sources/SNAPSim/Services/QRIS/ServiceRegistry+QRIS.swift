extension ServiceRegistry {
    /// QR MPM (47–53, 77, 78) and DANA's payment gateway.
    static let qrisServices: [any SNAPService] = [
        QRMPMGenerate(), QRMPMDecode(), QRApplyOTT(), QRMPMPayment(),
        QRPaymentQuery(descriptor: .qrMPMQuery), QRPaymentQuery(descriptor: .qrMPMStatus),
        QRPaymentCancel(descriptor: .qrMPMCancel), QRPaymentRefund(descriptor: .qrMPMRefund),
        PaymentGatewayConsultPay(), PaymentGatewayCreateOrder(), QRPaymentQuery(descriptor: .paymentGatewayQuery),
        QRPaymentCancel(descriptor: .paymentGatewayCancel), QRPaymentRefund(descriptor: .paymentGatewayRefund),
    ]
}
