/// The E2Pay money-out services (issue 13): transfer and disbursement to bank, bank lists, QR and QRIS.
/// Served by ``E2PayMoneyOut`` behind E2Pay's tokens (``RouteSecurity/e2pay``).
extension ServiceDescriptor {
    private static func e2payOut(_ name: String, _ title: String) -> ServiceDescriptor {
        ServiceDescriptor(name: name, code: .balanceLimitCheck, title: "E2Pay " + title, security: .e2pay)
    }

    static let e2payIBFTInquiry = e2payOut("e2pay-ibft-inquiry", "transfer to bank (IBFT) inquiry")
    static let e2payIBFTPayment = e2payOut("e2pay-ibft-payment", "transfer to bank (IBFT) payment (MD5 password)")
    static let e2payDisbursementInquiry = e2payOut("e2pay-disbursement-inquiry", "disbursement to bank inquiry (Signature header)")
    static let e2payDisbursementPayment = e2payOut("e2pay-disbursement-payment", "disbursement to bank payment (MD5 password)")
    static let e2payBanksIBFT = e2payOut("e2pay-banks-ibft", "bank list: transfer out")
    static let e2payBanksSDP = e2payOut("e2pay-banks-sdp", "bank list: disbursement")
    static let e2payBanksBIFAST = e2payOut("e2pay-banks-bifast", "bank list: BI-FAST")
    static let e2payQRISInquiry = e2payOut("e2pay-qris-inquiry", "QRIS inquiry (payload decoded, CRC checked)")
    static let e2payQRISPayment = e2payOut("e2pay-qris-payment", "QRIS payment (MD5 password)")
    static let e2payQRISStatus = e2payOut("e2pay-qris-status", "QRIS check status")
    static let e2payQRInquiry = e2payOut("e2pay-qr-inquiry", "on-us QR inquiry")
    static let e2payQRPayment = e2payOut("e2pay-qr-payment", "on-us QR payment (MD5 password)")
    static let e2payQRStatus = e2payOut("e2pay-qr-status", "on-us QR check status")
    static let e2payMerchantIBFTInquiry = e2payOut("e2pay-merchant-ibft-inquiry", "merchant transfer out to bank (IBFT) inquiry")
    static let e2payMerchantIBFTPayment = e2payOut("e2pay-merchant-ibft-payment", "merchant transfer out to bank (IBFT) payment")
    static let e2payMerchantSDPInquiry = e2payOut("e2pay-merchant-sdp-inquiry", "merchant disbursement to bank inquiry (Signature header)")
    static let e2payMerchantSDPPayment = e2payOut("e2pay-merchant-sdp-payment", "merchant disbursement to bank payment")

    /// The money-out services, for ``ServiceDescriptor/all``.
    static let e2payMoneyOutServices: [ServiceDescriptor] = [
        e2payIBFTInquiry, e2payIBFTPayment, e2payDisbursementInquiry, e2payDisbursementPayment, e2payBanksIBFT,
        e2payBanksSDP, e2payBanksBIFAST, e2payQRISInquiry, e2payQRISPayment, e2payQRISStatus, e2payQRInquiry,
        e2payQRPayment, e2payQRStatus, e2payMerchantIBFTInquiry, e2payMerchantIBFTPayment, e2payMerchantSDPInquiry,
        e2payMerchantSDPPayment,
    ]
}
