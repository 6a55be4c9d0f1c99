import SimHTTP
import SimJSON

/// The E2Pay routes behind a bearer token: logout, balance limitation check and balance & status.
struct E2PayCustomerService {
    let front: E2PayFront
    let session: E2PayFront.Caller

    func respond(state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        switch front.exchange.route.serviceName {
        case ServiceDescriptor.e2payLogout.name: return try logout(&state)
        case ServiceDescriptor.e2payBalanceLimit.name: return try balanceLimit(state)
        case ServiceDescriptor.e2payCustomerAccount.name: return try account(state)
        case ServiceDescriptor.e2payVerifyUsername.name: return try verifyUsername(state)
        case ServiceDescriptor.e2payVerifyEmail.name: return try verifyEmail(state)
        case ServiceDescriptor.e2payRegister.name: return try register(&state)
        case ServiceDescriptor.e2payRegisterConfirm.name: return try confirmRegistration(&state)
        case ServiceDescriptor.e2payResendSMS.name: return try resend(&state, email: false)
        case ServiceDescriptor.e2payResendEmail.name: return try resend(&state, email: true)
        case ServiceDescriptor.e2payHistory.name: return try history(state, of: user(state).customerNumber)
        case ServiceDescriptor.e2payTransferInquiry.name: return try transferInquiry(state)
        case ServiceDescriptor.e2payTransferRequest.name: return try transferRequest(&state)
        case ServiceDescriptor.e2payTransferConfirm.name: return try transferConfirm(&state)
        case ServiceDescriptor.e2payUpgradeRequest.name: return try upgradeRequest(&state)
        case let name where E2PayMoneyOut.serves(name): return try E2PayMoneyOut(service: self).respond(state: &state)
        default:
            return try E2PayMerchantService(front: front, session: session).respond(state: &state)
        }
    }

    /// The logged-in customer; a host token is `63` here.
    func user(_ state: PartnerState) throws(E2PayRefusal) -> CustomerAccount {
        guard case .user(let username) = session.holder else {
            throw E2PayRefusal(.forbidden, session.holder == .host
                ? "this route needs a user access token (authorization_code grant), not the host token"
                : "this route needs a customer's user access token, not a merchant's")
        }
        guard let account = state.ledger.customer(username) else {
            throw E2PayRefusal(.accountNotFound, "customer \(username)")
        }
        guard account.customer.status == .active else {
            throw E2PayRefusal(.customerNotActive, "customer \(username) is \(account.customer.status.rawValue)")
        }
        return account
    }

    /// `POST /rest/oauth/token/logout`: the user token and every refresh token of that user stop working.
    private func logout(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        guard session.holder != .host else {
            throw E2PayRefusal(.forbidden, "log out needs a user access token, not the host token")
        }
        let holder = session.holder
        if let grant = (try? E2PayForm.form(front.request))?["grant_type"], grant != "logout" {
            throw E2PayRefusal(.validationError, "grant_type must be logout")
        }
        state.e2pay.accessTokens[session.token]?.revoked = true
        for (token, refresh) in state.e2pay.refreshTokens where refresh.holder == holder {
            state.e2pay.refreshTokens[token]?.revoked = true
        }
        return ["status": "SUCCESS", "code": "00"]
    }

    /// `GET /b2b/customer/balance/limit?accountId=`: seed 000's three numbers, host or user token.
    private func balanceLimit(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        guard let accountId = front.request.queryValue("accountId"), !accountId.isEmpty else {
            throw E2PayRefusal(.emptyField, "accountId (query)")
        }
        guard let account = state.ledger.customer(accountId) else {
            throw E2PayRefusal(.accountNotFound, "no customer \(accountId) in the fixtures (customers.json)")
        }
        if case .user(let username) = session.holder, username != accountId {
            throw E2PayRefusal(.forbidden, "the user token of \(username) may not read the limits of \(accountId)")
        }
        if case .merchant(let username) = session.holder {
            throw E2PayRefusal(.forbidden, "the merchant token of \(username) may not read a customer's limits")
        }
        let tier = try E2PayLimits.tier(of: account, front.fixtures)
        let headroom = state.ledger.headroom(accountId, tier: tier, at: front.now)
        return [
            "topupLimit": tier.balanceCap.jsonNumber,
            "topupLimitMonthly": tier.monthlyTopUpCap.jsonNumber,
            "sisaTopup": headroom.available.jsonNumber,
        ]
    }

    /// `GET /b2b/customer/me/account`: balance and status of the logged-in customer.
    private func account(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        let account = try user(state)
        let premium = account.customer.tier == E2PayLimits.premiumTier
        return [
            "accountId": .string(account.customerNumber),
            "accountName": .string(account.customer.name),
            "accountTypeId": premium ? "CUSTOMER_PREMIUM" : "CUSTOMER_BASIC",
            "accountTypeName": premium ? "Customer Premium" : "Customer Basic",
            "accountGroupId": "01",
            "accountGroupName": "M-Bayar Customer",
            "balance": account.balance.jsonNumber,
            "phone": .string(account.customerNumber),
            "customerStatus": .string(account.customer.status.e2pay),
            "upgradeStatus": state.e2pay.upgrades[account.customerNumber].map { .string($0.status.rawValue) } ?? .null,
            "registrationTimestamp": .null,
        ]
    }
}

extension CustomerStatus {
    /// E2Pay's `customerStatus`: `ACTIVE`, `INACTIVE` or `BLOCKED` (dormant reads as inactive).
    var e2pay: String {
        switch self {
        case .active: "ACTIVE"
        case .inactive, .dormant: "INACTIVE"
        case .blocked: "BLOCKED"
        }
    }
}
