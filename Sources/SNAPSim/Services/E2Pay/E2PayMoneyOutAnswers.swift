/// Which E2Pay code each money-out route answers and when (`snapsim codes --service e2pay-ibft-payment`).
enum E2PayMoneyOutAnswers {
    typealias Answer = E2PayAnswers.Answer

    /// The bearer-token and customer refusals every user route shares.
    private static var user: [Answer] { E2PayAnswers.answers(.e2payCustomerAccount) }
    private static var merchant: [Answer] { E2PayAnswers.answers(.e2payMerchantAccount) }
    private static let premium: Answer = (.forbidden, .ledger, "a CUSTOMER_BASIC account (transfers to a bank need premium)")
    private static let bank: [Answer] = [
        (.emptyField, .ledger, "bankId, accountId (or, for disbursement, amount) missing"),
        (.entityNotFound, .ledger, "bankId is not on the product's bank list"),
        (.invalidAccount, .ledger, "the bank is inactive or the beneficiary account is closed (inactive, dormant, blocked)"),
        (.accountNotFound, .ledger, "no such beneficiary account at the bank"),
        (.exceedLimit, .ledger, "amount over the channel's cap (BI-FAST Rp 250,000,000; ONLINE, SDP from e2pay-banks.json)"),
        (.validationError, .ledger, "amount is not a positive number of rupiah"),
    ]
    private static let payment: [Answer] = [
        (.emptyField, .ledger, "a mandatory field is missing (named)"),
        (.entityNotFound, .ledger, "inquiryId unknown, of another customer or of the other product"),
        (.duplicateTransaction, .ledger, "clientRef already used, or the inquiry already paid"),
        (.authenticationFailed, .ledger, "wrong MD5 password"),
        (.exceedLimit, .ledger, "amount over the channel's cap"),
        (.insufficientFund, .ledger, "balance below amount + fee"),
        (.validationError, .ledger, "amount, accountDst or bankId differ from the inquiry; password not MD5"),
    ]

    static func answers(_ service: ServiceDescriptor) -> [Answer] {
        switch service {
        case .e2payIBFTInquiry: user + [premium] + bank
        case .e2payDisbursementInquiry:
            user + [premium] + bank + [
                (.emptyField, .ledger, "no Signature header (Base64 HMAC-SHA256 of accountId:bankId:amount)"),
                (.authenticationFailed, .ledger, "the Signature header does not match"),
            ]
        case .e2payIBFTPayment, .e2payDisbursementPayment:
            user + [premium, (.invalidAccount, .ledger, "accountSrc is not the logged-in customer")] + payment
        case .e2payMerchantIBFTInquiry: merchant + bank
        case .e2payMerchantSDPInquiry:
            merchant + bank + [
                (.emptyField, .ledger, "no Signature header (Base64 HMAC-SHA256 of accountId:bankId:amount)"),
                (.authenticationFailed, .ledger, "the Signature header does not match"),
            ]
        case .e2payMerchantIBFTPayment, .e2payMerchantSDPPayment:
            merchant + [(.invalidAccount, .ledger, "accountSrc is not the merchant's account")] + payment
        case .e2payBanksIBFT, .e2payBanksSDP, .e2payBanksBIFAST:
            E2PayAnswers.answers(.e2payBalanceLimit).filter { $0.source == .security }
                + [(.validationError, .ledger, "limit, offset, sortField or sortOrder malformed")]
        case .e2payQRISInquiry, .e2payQRInquiry:
            user + [
                (.emptyField, .ledger, "qrCode missing"),
                (.validationError, .ledger, "qrCode malformed, CRC mismatch, a mandatory tag missing (named), or not of this kind"),
                (.accountNotFound, .ledger, "no fixture merchant with the code's NMID (QRIS) or merchant PAN (QR)"),
                (.invalidAccount, .ledger, "the merchant is blacklisted"),
                (.duplicateTransaction, .ledger, "a dynamic code already paid"),
            ]
        case .e2payQRISPayment, .e2payQRPayment:
            user + payment.filter { $0.code != .validationError } + [
                (.validationError, .ledger, "amount differs from a dynamic code's; tip not allowed or not the code's"),
            ]
        case .e2payQRISStatus, .e2payQRStatus:
            user + [
                (.emptyField, .ledger, "clientRef missing"),
                (.entityNotFound, .ledger, "no payment of this kind by this customer with that clientRef"),
            ]
        default: []
        }
    }
}
