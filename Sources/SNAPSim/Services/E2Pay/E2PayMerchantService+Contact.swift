import SimHTTP
import SimJSON

/// A merchant changes its e-mail (token by e-mail; wrong or expired `03`) or phone (token by SMS; wrong or expired
/// `07`). The username stays the one it registered with.
extension E2PayMerchantService {
    /// `PUT /b2b/merchant/me/email` with `username`, `password` (MD5) and the new `email`.
    func changeEmail(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let merchant = try merchant(state)
        let fields = try E2PayForm.json(front.request)
        for name in ["username", "password", "email"] { _ = try fields.required(name) }
        try checkOwner(fields, merchant, state)
        let email = try fields.required("email")
        guard Self.isEmail(email) else { throw E2PayRefusal(.validationError, "email \(email) is not an e-mail address") }
        let challenge = state.e2pay.challenge(
            "email", username: merchant.username, value: email, ids: state.ids,
            minutes: front.fixtures.e2pay.otpMinutes, at: front.now)
        return ["username": .string(merchant.username), "email": .string(email), "tokenPrefix": .string(challenge.prefix)]
    }

    /// `PUT /b2b/merchant/me/email/updateConfirm` with `token` (prefix + OTP from the e-mail) and `email`.
    func confirmEmail(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        var merchant = try merchant(state)
        let fields = try E2PayForm.json(front.request)
        let token = try fields.required("token")
        let email = try fields.required("email")
        let key = "email:" + merchant.username
        guard let challenge = state.e2pay.challenges[key] else {
            throw E2PayRefusal(.entityNotFound, "no e-mail change was requested for \(merchant.username)")
        }
        guard email == challenge.value else {
            throw E2PayRefusal(.validationError, "email \(email) is not the address the change was requested for")
        }
        guard token == challenge.prefix + challenge.otp, front.now.millisecondsSince1970 < challenge.expiresAtMs else {
            throw E2PayRefusal(.invalidEmailVerification, "token \(token) is not the one e-mailed to \(email), or it expired")
        }
        state.e2pay.challenges[key] = nil
        merchant.email = email
        state.e2pay.merchants[merchant.username] = merchant
        return ["username": .string(merchant.username), "email": .string(email)]
    }

    /// `POST /b2b/merchant/me/phone/updateRequest` with `username`, `accountGroupId`, `password` (MD5), new `phone`.
    func changePhone(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let merchant = try merchant(state)
        let fields = try E2PayForm.json(front.request)
        for name in ["username", "accountGroupId", "password", "phone"] { _ = try fields.required(name) }
        try checkOwner(fields, merchant, state)
        let phone = try fields.required("phone")
        guard EMoneyCustomer.isWellFormedNumber(phone) else {
            throw E2PayRefusal(.validationError, "phone must be 08 followed by digits (at most 16), not \(phone)")
        }
        let challenge = state.e2pay.challenge(
            "phone", username: merchant.username, value: phone, ids: state.ids,
            minutes: front.fixtures.e2pay.otpMinutes, at: front.now)
        return ["username": .string(merchant.username), "phone": .string(phone), "tokenPrefix": .string(challenge.prefix)]
    }

    /// `PUT /b2b/merchant/me/phone/updateConfirm` with `token` (prefix + OTP from the SMS), `accountGroupId`, `phone`.
    func confirmPhone(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        var merchant = try merchant(state)
        let fields = try E2PayForm.json(front.request)
        let token = try fields.required("token")
        _ = try fields.required("accountGroupId")
        let phone = try fields.required("phone")
        let key = "phone:" + merchant.username
        guard let challenge = state.e2pay.challenges[key] else {
            throw E2PayRefusal(.entityNotFound, "no phone change was requested for \(merchant.username)")
        }
        guard phone == challenge.value else {
            throw E2PayRefusal(.validationError, "phone \(phone) is not the number the change was requested for")
        }
        guard token == challenge.prefix + challenge.otp, front.now.millisecondsSince1970 < challenge.expiresAtMs else {
            throw E2PayRefusal(.invalidPhoneVerification, "token \(token) is not the one sent to \(phone), or it expired")
        }
        state.e2pay.challenges[key] = nil
        merchant.phone = phone
        state.e2pay.merchants[merchant.username] = merchant
        return ["username": .string(merchant.username), "phone": .string(phone)]
    }

    /// The body's `username` must be the logged-in merchant (`63`) and `password` its password (`Q1`).
    private func checkOwner(_ fields: E2PayForm, _ merchant: E2PayMerchant, _ state: PartnerState) throws(E2PayRefusal) {
        let username = try fields.required("username")
        guard username == merchant.username else {
            throw E2PayRefusal(.forbidden, "username \(username) is not the logged-in merchant \(merchant.username)")
        }
        let password = try fields.required("password")
        try E2PayFront.checkMD5(password)
        guard password == self.password(of: merchant.username, state) else {
            throw E2PayRefusal(.authenticationFailed, "wrong password for \(merchant.username)")
        }
    }
}
