/// The E2Pay (M-Bayar) services of the `e2pay` profile (issue 13). E2Pay has no SNAP service codes; every
/// route shares code `00` with seed 000 and is told apart by name. Their checks are E2Pay's own OAuth2
/// host/user tokens (``RouteSecurity/e2pay``), run by ``E2PayFront``.
extension ServiceDescriptor {
    private static func e2pay(_ name: String, _ title: String) -> ServiceDescriptor {
        ServiceDescriptor(name: name, code: .balanceLimitCheck, title: "E2Pay " + title, security: .e2pay)
    }

    static let e2payToken = e2pay("e2pay-token", "OAuth2 token (client_credentials, authorization_code, refresh_token)")
    static let e2payAuthorization = e2pay("e2pay-authorization", "login: username + MD5 password → authorization code")
    static let e2payLogout = e2pay("e2pay-logout", "log out (revokes the user token)")
    static let e2payBalanceLimit = e2pay("e2pay-balance-limit", "balance limitation check (host or user token)")
    static let e2payCustomerAccount = e2pay("e2pay-customer-account", "customer balance & status")
    static let e2payVerifyUsername = e2pay("e2pay-verify-username", "customer verify username")
    static let e2payVerifyEmail = e2pay("e2pay-verify-email", "customer verify e-mail")
    static let e2payRegister = e2pay("e2pay-register", "customer registration request (tokenPrefix + SMS)")
    static let e2payRegisterConfirm = e2pay("e2pay-register-confirm", "customer registration confirm (prefix + OTP)")
    static let e2payResendSMS = e2pay("e2pay-resend-sms", "resend registration SMS token")
    static let e2payResendEmail = e2pay("e2pay-resend-email", "resend registration e-mail")
    static let e2payHistory = e2pay("e2pay-history", "customer check history")
    static let e2payTransferInquiry = e2pay("e2pay-transfer-inquiry", "P2P inquiry")
    static let e2payTransferRequest = e2pay("e2pay-transfer-request", "P2P request")
    static let e2payTransferConfirm = e2pay("e2pay-transfer-confirm", "P2P confirm (MD5 password)")
    static let e2payUpgradeRequest = e2pay("e2pay-upgrade-request", "customer upgrade request (KTP) → premium on approval")

    static let e2payMerchantRegister = e2pay("e2pay-merchant-register", "merchant registration request (tokenPrefix + SMS)")
    static let e2payMerchantRegisterConfirm = e2pay("e2pay-merchant-register-confirm", "merchant registration complete (prefix + OTP)")
    static let e2payMerchantVerifyUsername = e2pay("e2pay-merchant-verify-username", "merchant verify username")
    static let e2payMerchantResendSMS = e2pay("e2pay-merchant-resend-sms", "resend merchant registration SMS token")
    static let e2payMerchantResendEmail = e2pay("e2pay-merchant-resend-email", "resend merchant registration e-mail")
    static let e2payMerchantAccount = e2pay("e2pay-merchant-account", "merchant balance & status")
    static let e2payMerchantHistory = e2pay("e2pay-merchant-history", "merchant check history")
    static let e2payMerchantPassword = e2pay("e2pay-merchant-password", "merchant change password")
    static let e2payMerchantEmail = e2pay("e2pay-merchant-email", "merchant change e-mail (verification token by e-mail)")
    static let e2payMerchantEmailConfirm = e2pay("e2pay-merchant-email-confirm", "merchant change e-mail confirm (prefix + OTP)")
    static let e2payMerchantPhoneRequest = e2pay("e2pay-merchant-phone-request", "merchant change phone request (SMS token)")
    static let e2payMerchantPhoneConfirm = e2pay("e2pay-merchant-phone-confirm", "merchant change phone confirm (prefix + OTP)")
    static let e2payMerchantTransferInquiry = e2pay("e2pay-merchant-transfer-inquiry", "merchant transfer to other account: inquiry")
    static let e2payMerchantTransferRequest = e2pay("e2pay-merchant-transfer-request", "merchant transfer to other account: request")
    static let e2payMerchantTransferConfirm = e2pay("e2pay-merchant-transfer-confirm", "merchant transfer to other account: confirm (MD5 password)")

    /// The E2Pay services, for ``ServiceDescriptor/all``.
    static let e2payServices: [ServiceDescriptor] = [
        e2payToken, e2payAuthorization, e2payLogout, e2payBalanceLimit, e2payCustomerAccount, e2payVerifyUsername,
        e2payVerifyEmail, e2payRegister, e2payRegisterConfirm, e2payResendSMS, e2payResendEmail, e2payHistory,
        e2payTransferInquiry, e2payTransferRequest, e2payTransferConfirm,
        e2payUpgradeRequest,
        e2payMerchantRegister, e2payMerchantRegisterConfirm, e2payMerchantVerifyUsername, e2payMerchantResendSMS,
        e2payMerchantResendEmail, e2payMerchantAccount, e2payMerchantHistory, e2payMerchantPassword, e2payMerchantEmail,
        e2payMerchantEmailConfirm, e2payMerchantPhoneRequest, e2payMerchantPhoneConfirm, e2payMerchantTransferInquiry,
        e2payMerchantTransferRequest, e2payMerchantTransferConfirm,
    ]
}
