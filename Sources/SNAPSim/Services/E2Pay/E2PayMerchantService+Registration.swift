import SimHTTP
import SimJSON

/// Merchant registration (host token): request → `tokenPrefix` + SMS (and e-mail), complete with prefix + OTP,
/// verify username, resend.
extension E2PayMerchantService {
    /// `POST /b2b/merchant/register/request`.
    func register(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        let fields = try E2PayForm.json(front.request)
        for name in ["phone", "name", "countryId", "sourceId"] { _ = try fields.required(name) }
        let phone = try fields.required("phone")
        guard EMoneyCustomer.isWellFormedNumber(phone) else {
            throw E2PayRefusal(.validationError, "phone must be 08 followed by digits (at most 16), not \(phone)")
        }
        if let email = fields["email"], !email.isEmpty, !E2PayMerchantService.isEmail(email) {
            throw E2PayRefusal(.validationError, "email \(email) is not an e-mail address")
        }
        guard state.e2pay.merchant(phone, front.fixtures) == nil, state.ledger.accounts[phone] == nil else {
            throw E2PayRefusal(.entityExists, "merchant username \(phone) is already registered")
        }
        var registration = E2PayRegistration(
            id: state.ids.referenceNumber(length: 12), phone: phone, name: try fields.required("name"),
            email: fields["email"], tokenPrefix: E2PayBook.tokenPrefix(state.ids, phone: "merchant:" + phone), otp: "",
            expiresAt: front.now, attempt: 0, requestedAt: front.now)
        state.e2pay.send(&registration, ids: &state.ids, email: true, minutes: front.fixtures.e2pay.otpMinutes, at: front.now)
        state.e2pay.merchantRegistrations[phone] = registration
        return [
            "merchantRegistrationId": .string(registration.id), "tokenPrefix": .string(registration.tokenPrefix),
            "username": .string(phone), "accountGroupId": "02", "name": .string(registration.name),
            "email": registration.email.map(JSONValue.string) ?? .null, "phone": .string(phone),
            "partnerId": fields["partnerId"].map(JSONValue.string) ?? .null, "countryId": .string(fields["countryId"] ?? "ID"),
            "expiryMinutes": .int(front.fixtures.e2pay.otpMinutes), "expiryTimestamp": .string(registration.expiresAt.description),
        ]
    }

    /// `POST /b2b/merchant/register/confirm`: opens the merchant and its (empty) merchant account.
    func confirmRegistration(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        let fields = try E2PayForm.json(front.request)
        let username = try fields.required("username")
        let password = try fields.required("password")
        let token = try fields.required("token")
        try E2PayFront.checkMD5(password)
        guard let registration = state.e2pay.merchantRegistrations[username] else {
            throw E2PayRefusal(.entityNotFound, "no merchant registration request for \(username)")
        }
        try registration.confirm(token: token, of: username, at: front.now)
        state.e2pay.merchantRegistrations[username] = nil
        _ = state.ledger.openMerchantAccount(username, name: registration.name)
        state.e2pay.merchants[username] = E2PayMerchant(
            username: username, name: registration.name, email: registration.email, phone: username, accountNo: username,
            registeredAtMs: front.now.millisecondsSince1970)
        state.e2pay.passwords[username] = password
        return ["merchantId": .string(username), "username": .string(username), "accountId": .string(username),
                "merchantStatus": "ACTIVE"]
    }

    /// `GET /b2b/merchant/auth/verifyUsername?username=` → `{username, exists}`.
    func verifyUsername(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        guard let username = front.request.queryValue("username"), !username.isEmpty else {
            throw E2PayRefusal(.emptyField, "username (query)")
        }
        return ["username": .string(username), "exists": .bool(state.e2pay.merchant(username, front.fixtures) != nil)]
    }

    /// `POST /b2b/merchant/resend/registration/sms` and `/email`: a fresh OTP under the same prefix.
    func resend(_ state: inout PartnerState, email: Bool) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        let fields = try E2PayForm.json(front.request)
        let username = try fields.required("username")
        guard var registration = state.e2pay.merchantRegistrations[username] else {
            throw E2PayRefusal(.entityNotFound, "no merchant registration request for \(username)")
        }
        if email, registration.email == nil {
            throw E2PayRefusal(.emptyField, "email: the registration of \(username) gave no e-mail")
        }
        state.e2pay.send(&registration, ids: &state.ids, email: email, minutes: front.fixtures.e2pay.otpMinutes, at: front.now)
        state.e2pay.merchantRegistrations[username] = registration
        return ["username": .string(username), "tokenPrefix": .string(registration.tokenPrefix),
                "attempt": .int(registration.attempt)]
    }

    /// `local@domain.tld`, no spaces: what an e-mail field must look like.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(" ")
    }
}
