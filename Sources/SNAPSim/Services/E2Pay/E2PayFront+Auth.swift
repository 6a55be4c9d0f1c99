import Synchronization
import SimJSON

/// E2Pay's OAuth2: `/rest/h2h/authorization/` (login → code), `/rest/oauth/token` (four grants) and logout.
extension E2PayFront {
    /// `POST /rest/oauth/token`, form-encoded: `client_credentials` (host token), `authorization_code` and
    /// `refresh_token` (user token).
    func token(_ slots: PartnerSlots) throws(E2PayRefusal) -> (JSONValue, String?) {
        let fields = try E2PayForm.form(request)
        let partner = try partner(fields)
        let grant = try fields.required("grant_type")
        let now = now
        let lifetimes = fixtures.e2pay
        let body = try slots.slot(partner.clientId).state.withLock { (state: inout PartnerState) throws(E2PayRefusal) -> JSONValue in
            switch grant {
            case "client_credentials":
                return Self.issue(.host, refresh: false, lifetimes, &state, at: now)
            case "authorization_code":
                let code = try fields.required("code")
                guard let session = state.e2pay.codes.removeValue(forKey: code) else {
                    throw E2PayRefusal(.sessionNotExists, "code \(code) was not issued or was already used")
                }
                if now >= session.expiresAt {
                    throw E2PayRefusal(.tokenExpired, "code \(code) expired at \(session.expiresAt)")
                }
                return Self.issue(session.holder, refresh: true, lifetimes, &state, at: now)
            case "refresh_token":
                let refresh = try fields.required("refresh_token")
                guard let session = state.e2pay.refreshTokens[refresh], !session.revoked else {
                    throw E2PayRefusal(.sessionNotExists, "refresh_token was not issued or was logged out")
                }
                if now >= session.expiresAt {
                    throw E2PayRefusal(.tokenExpired, "refresh_token expired at \(session.expiresAt)")
                }
                state.e2pay.refreshTokens[refresh]?.revoked = true
                return Self.issue(session.holder, refresh: true, lifetimes, &state, at: now)
            default:
                throw E2PayRefusal(.validationError,
                    "grant_type \(grant) is not client_credentials, authorization_code or refresh_token")
            }
        }
        return (body, partner.clientId)
    }

    private static func issue(
        _ holder: E2PayBook.Holder, refresh: Bool, _ lifetimes: E2PayFixtures, _ state: inout PartnerState, at now: SimTime
    ) -> JSONValue {
        let token = state.ids.token(length: 36)
        state.e2pay.accessTokens[token] = E2PayBook.Session(holder: holder, expiresAt: now + lifetimes.accessTokenLifetime)
        var body: JSONObject = [
            "access_token": .string(token), "token_type": "bearer",
            "expires_in": .int(Int(lifetimes.accessTokenLifetime.components.seconds)),
        ]
        if refresh {
            let refreshToken = state.ids.token(length: 36)
            state.e2pay.refreshTokens[refreshToken] = E2PayBook.Session(
                holder: holder, expiresAt: now + lifetimes.refreshTokenLifetime)
            body["refresh_token"] = .string(refreshToken)
        }
        body["scope"] = "read write"
        return .object(body)
    }

    /// `POST /rest/h2h/authorization/` (JSON): username + MD5 password → a one-time authorization code.
    func authorize(_ slots: PartnerSlots) throws(E2PayRefusal) -> (JSONValue, String?) {
        let fields = try E2PayForm.json(request)
        let partner = try partner(fields)
        let responseType = try fields.required("response_type")
        guard responseType == "code" else { throw E2PayRefusal(.validationError, "response_type must be code") }
        let userType = fields["user_type"]
        if let userType, userType != "CUSTOMER", userType != "MERCHANT" {
            throw E2PayRefusal(.validationError, "user_type \(userType) is not CUSTOMER or MERCHANT")
        }
        let username = try fields.required("username")
        let password = try fields.required("password")
        try Self.checkMD5(password)
        let now = now
        let e2pay = fixtures.e2pay
        let body = try slots.slot(partner.clientId).state.withLock { (state: inout PartnerState) throws(E2PayRefusal) -> JSONValue in
            state.ledger.open(at: now)
            // Without user_type (as some merchant clients send it) a customer is looked for first, then a merchant.
            let holder: E2PayBook.Holder
            if userType != "MERCHANT", state.ledger.customer(username) != nil {
                holder = .user(username)
            } else if userType != "CUSTOMER", state.e2pay.merchant(username, fixtures) != nil {
                holder = .merchant(username)
            } else {
                throw E2PayRefusal(.authenticationFailed,
                    "username \(username) is not a registered \(userType == "MERCHANT" ? "merchant" : "customer")")
            }
            guard password == state.e2pay.passwords[username] ?? e2pay.password(of: username) else {
                throw E2PayRefusal(.authenticationFailed, "wrong password for \(username)")
            }
            let code = state.ids.token(length: 24)
            state.e2pay.codes[code] = E2PayBook.Session(holder: holder, expiresAt: now + e2pay.authorizationCodeLifetime)
            return ["status": "SUCCESS", "code": .string(code)]
        }
        return (body, partner.clientId)
    }
}
