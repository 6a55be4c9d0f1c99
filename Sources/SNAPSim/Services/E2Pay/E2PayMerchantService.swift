import SimHTTP
import SimJSON

/// E2Pay's merchant section: registration (host token), then balance & status, history, password, e-mail and phone
/// changes and transfer to another M-Bayar account (a merchant's user token). A merchant's money is its merchant
/// account of the ledger (`accounts`), the one SNAP's balance inquiry reads.
struct E2PayMerchantService {
    let front: E2PayFront
    let session: E2PayFront.Caller

    func respond(state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        switch front.exchange.route.serviceName {
        case ServiceDescriptor.e2payMerchantRegister.name: return try register(&state)
        case ServiceDescriptor.e2payMerchantRegisterConfirm.name: return try confirmRegistration(&state)
        case ServiceDescriptor.e2payMerchantVerifyUsername.name: return try verifyUsername(state)
        case ServiceDescriptor.e2payMerchantResendSMS.name: return try resend(&state, email: false)
        case ServiceDescriptor.e2payMerchantResendEmail.name: return try resend(&state, email: true)
        case ServiceDescriptor.e2payMerchantAccount.name: return try account(state)
        case ServiceDescriptor.e2payMerchantHistory.name:
            let merchant = try merchant(state)
            return try E2PayCustomerService(front: front, session: session).history(state, of: merchant.accountNo)
        case ServiceDescriptor.e2payMerchantPassword.name: return try changePassword(&state)
        case ServiceDescriptor.e2payMerchantEmail.name: return try changeEmail(&state)
        case ServiceDescriptor.e2payMerchantEmailConfirm.name: return try confirmEmail(&state)
        case ServiceDescriptor.e2payMerchantPhoneRequest.name: return try changePhone(&state)
        case ServiceDescriptor.e2payMerchantPhoneConfirm.name: return try confirmPhone(&state)
        case ServiceDescriptor.e2payMerchantTransferInquiry.name: return try transferInquiry(state)
        case ServiceDescriptor.e2payMerchantTransferRequest.name: return try transferRequest(&state)
        case ServiceDescriptor.e2payMerchantTransferConfirm.name: return try transferConfirm(&state)
        default:
            throw E2PayRefusal(.generalError, "the simulator has no behaviour for \(front.exchange.route.serviceName)")
        }
    }

    /// The logged-in merchant; a host or customer token is `63`, a closed merchant account `01`.
    func merchant(_ state: PartnerState) throws(E2PayRefusal) -> E2PayMerchant {
        guard case .merchant(let username) = session.holder else {
            throw E2PayRefusal(.forbidden, session.holder == .host
                ? "this route needs a merchant's user access token (user_type MERCHANT), not the host token"
                : "this route needs a merchant's user access token, not a customer's")
        }
        guard let merchant = state.e2pay.merchant(username, front.fixtures),
            let account = state.ledger.accounts[merchant.accountNo]
        else { throw E2PayRefusal(.accountNotFound, "merchant \(username)") }
        guard account.status == "0001" else {
            throw E2PayRefusal(.customerNotActive, "the merchant account \(merchant.accountNo) has status \(account.status)")
        }
        return merchant
    }

    /// Host-token routes refuse a user token with `63`.
    func requireHost() throws(E2PayRefusal) {
        guard session.holder == .host else {
            throw E2PayRefusal(.forbidden, "this route needs the host access token (client_credentials)")
        }
    }

    /// The merchant's password: changed or registered here, else the fixtures'.
    func password(of username: String, _ state: PartnerState) -> String {
        state.e2pay.passwords[username] ?? front.fixtures.e2pay.password(of: username)
    }

    /// `GET /b2b/merchant/me/account`: balance and status of the logged-in merchant.
    private func account(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        let merchant = try merchant(state)
        let balance = state.ledger.spendable(.account(merchant.accountNo)) ?? .zero
        return [
            "accountId": .string(merchant.accountNo), "accountName": .string(merchant.name),
            "accountTypeId": "MERCHANT", "accountTypeName": "Merchant",
            "accountGroupId": "02", "accountGroupName": "M-Bayar Merchant",
            "balance": balance.jsonNumber, "phone": .string(merchant.phone),
            "email": merchant.email.map(JSONValue.string) ?? .null, "merchantStatus": "ACTIVE",
            "registrationTimestamp": merchant.registeredAtMs.map { .string(SimTime(millisecondsSince1970: $0).description) } ?? .null,
        ]
    }

    /// `PUT /b2b/merchant/me/auth/password`: `oldPassword` and `newPassword`, both MD5 upper-case hex.
    private func changePassword(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let merchant = try merchant(state)
        let fields = try E2PayForm.json(front.request)
        let old = try fields.required("oldPassword")
        let new = try fields.required("newPassword")
        try E2PayFront.checkMD5(old)
        try E2PayFront.checkMD5(new)
        guard old == password(of: merchant.username, state) else {
            throw E2PayRefusal(.authenticationFailed, "oldPassword is not the password of \(merchant.username)")
        }
        guard new != old else { throw E2PayRefusal(.validationError, "newPassword is the current password") }
        state.e2pay.passwords[merchant.username] = new
        return ["status": "SUCCESS", "username": .string(merchant.username)]
    }
}
