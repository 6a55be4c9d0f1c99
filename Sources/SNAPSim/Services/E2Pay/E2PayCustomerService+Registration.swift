import SimHTTP
import SimJSON

/// Customer registration (host token): verify username/e-mail, request → `tokenPrefix` + SMS, confirm, resend.
extension E2PayCustomerService {
    /// Host-token routes refuse a user token with `63`.
    func requireHost() throws(E2PayRefusal) {
        guard session.holder == .host else {
            throw E2PayRefusal(.forbidden, "this route needs the host access token (client_credentials)")
        }
    }

    /// `GET /b2b/customer/auth/verifyUsername?username=` → `{username, exists}`.
    func verifyUsername(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        guard let username = front.request.queryValue("username"), !username.isEmpty else {
            throw E2PayRefusal(.emptyField, "username (query)")
        }
        return ["username": .string(username), "exists": .bool(state.ledger.customer(username) != nil)]
    }

    /// `GET /b2b/customer/auth/verifyEmail?email=` → `{email, exists}` (e-mails of E2Pay registrations).
    func verifyEmail(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        guard let email = front.request.queryValue("email"), !email.isEmpty else {
            throw E2PayRefusal(.emptyField, "email (query)")
        }
        return ["email": .string(email), "exists": .bool(state.e2pay.emails.values.contains(email))]
    }

    /// `POST /b2b/customer/register`: a pending registration, its token sent by SMS and e-mail.
    func register(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        let fields = try E2PayForm.json(front.request)
        for name in ["phone", "name", "birthDate", "birthPlace", "gender", "countryId", "accountGroupId"] {
            _ = try fields.required(name)
        }
        let phone = try fields.required("phone")
        guard EMoneyCustomer.isWellFormedNumber(phone) else {
            throw E2PayRefusal(.validationError, "phone must be 08 followed by digits (at most 16), not \(phone)")
        }
        guard state.ledger.customer(phone) == nil else {
            throw E2PayRefusal(.entityExists, "username \(phone) is already registered")
        }
        var registration = E2PayRegistration(
            id: state.ids.referenceNumber(length: 12), phone: phone, name: try fields.required("name"),
            email: fields["email"], tokenPrefix: E2PayBook.tokenPrefix(state.ids, phone: phone), otp: "", expiresAt: front.now,
            attempt: 0, requestedAt: front.now)
        state.e2pay.send(&registration, ids: &state.ids, email: true, minutes: front.fixtures.e2pay.otpMinutes, at: front.now)
        state.e2pay.registrations[phone] = registration
        return [
            "id": .string(registration.id), "username": .string(phone), "phone": .string(phone),
            "tokenPrefix": .string(registration.tokenPrefix), "tokenType": "REGISTRATION", "active": true,
            "attempt": .int(registration.attempt), "expiryMinutes": .int(front.fixtures.e2pay.otpMinutes),
            "expiryTimestamp": .string(registration.expiresAt.description),
            "requestTimestamp": .string(registration.requestedAt.description),
            "accountGroipId": .string(fields["accountGroupId"] ?? "01"),
        ]
    }

    /// `POST /b2b/customer/register/confirm`: `token` = prefix + OTP (wrong or expired → `07`) opens a basic account.
    func confirmRegistration(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        let fields = try E2PayForm.json(front.request)
        let username = try fields.required("username")
        let password = try fields.required("password")
        let token = try fields.required("token")
        try E2PayFront.checkMD5(password)
        guard let registration = state.e2pay.registrations[username] else {
            throw E2PayRefusal(.entityNotFound, "no registration request for \(username)")
        }
        try registration.confirm(token: token, of: username, at: front.now)
        state.e2pay.registrations[username] = nil
        _ = state.ledger.openCustomer(username, name: registration.name, tier: "basic")
        state.e2pay.passwords[username] = password
        if let email = registration.email { state.e2pay.emails[username] = email }
        return ["username": .string(username), "accountId": .string(username), "customerStatus": "ACTIVE"]
    }

    /// `POST /b2b/customer/resend/registration/sms` and `/email`: a fresh OTP under the same prefix.
    func resend(_ state: inout PartnerState, email: Bool) throws(E2PayRefusal) -> JSONValue {
        try requireHost()
        let fields = try E2PayForm.json(front.request)
        let username = try fields.required("username")
        guard var registration = state.e2pay.registrations[username] else {
            throw E2PayRefusal(.entityNotFound, "no registration request for \(username)")
        }
        if email, registration.email == nil {
            throw E2PayRefusal(.emptyField, "email: the registration of \(username) gave no e-mail")
        }
        state.e2pay.send(&registration, ids: &state.ids, email: email, minutes: front.fixtures.e2pay.otpMinutes, at: front.now)
        state.e2pay.registrations[username] = registration
        return ["username": .string(username), "tokenPrefix": .string(registration.tokenPrefix),
                "attempt": .int(registration.attempt)]
    }
}

extension E2PayFront {
    /// A password as E2Pay wants it: MD5 in upper-case hex; `95` otherwise.
    static func checkMD5(_ password: String) throws(E2PayRefusal) {
        guard password.utf8.count == 32, password.utf8.allSatisfy({ (48...57).contains($0) || (65...70).contains($0) })
        else {
            throw E2PayRefusal(.validationError, "password must be the MD5 of the password in upper-case hex (32 characters)")
        }
    }
}
