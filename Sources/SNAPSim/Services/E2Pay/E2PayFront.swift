import SimHTTP
import SimJSON
import Synchronization

/// Serves the routes of the `e2pay` profile (``RouteSecurity/e2pay``): E2Pay's OAuth2 host and user tokens
/// instead of SNAP's signatures, then the service. Every answer is plain JSON; refusals are
/// `{"responseCode": "<2 chars>", "responseMessage": "…"}` with the status `e2pay.json` gives each code.
struct E2PayFront {
    let exchange: Exchange
    let fixtures: LoadedFixtures

    var request: HTTPRequest { exchange.request }
    var now: SimTime { exchange.receivedAt }

    /// The answer to one E2Pay request, as the simulator's renderer takes it.
    static func decide(_ exchange: Exchange, slots: PartnerSlots) -> Decision {
        let fixtures = slots.world.fixtures
        let front = E2PayFront(exchange: exchange, fixtures: fixtures)
        do throws(E2PayRefusal) {
            switch exchange.route.serviceName {
            case ServiceDescriptor.e2payToken.name:
                let (body, clientId) = try front.token(slots)
                return Decision(outcome: .plain(status: 200, body: body), caller: front.caller(clientId))
            case ServiceDescriptor.e2payAuthorization.name:
                let (body, clientId) = try front.authorize(slots)
                return Decision(outcome: .plain(status: 200, body: body), caller: front.caller(clientId))
            default:
                return try front.serveWithRules(slots)
            }
        } catch {
            return Decision(outcome: front.outcome(error))
        }
    }

    /// The journal's caller for a partner that passed E2Pay's checks.
    func caller(_ clientId: String?) -> AuthenticatedCaller? {
        clientId.flatMap { fixtures.partners[$0] }.map {
            AuthenticatedCaller(partner: $0, externalID: nil, verdict: SecurityVerdict(accessToken: ""))
        }
    }

    /// A refusal in E2Pay's envelope with the status `e2pay.json` gives its code.
    func outcome(_ refusal: E2PayRefusal, delay: Duration = .zero) -> Outcome {
        let (status, body) = refusal.rendered(fixtures.e2pay)
        return .plain(status: status, body: body, delay: delay)
    }

    /// The service behind a bearer token, without rules: the customer routes, then the merchant routes.
    func respond(_ session: Caller, _ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        try E2PayCustomerService(front: self, session: session).respond(state: &state)
    }

    // MARK: - Bearer tokens

    /// The partner and holder of the request's bearer token.
    struct Caller {
        let clientId: String
        let holder: E2PayBook.Holder
        let token: String
    }

    /// Finds the partner that was issued the bearer token: missing → `F1`, unknown or revoked → `Q2`,
    /// expired → `93`.
    func authenticate(_ slots: PartnerSlots) throws(E2PayRefusal) -> Caller {
        // A malformed header (e.g. an oversized one) reads as missing: E2Pay names the header either way.
        guard let token = (try? SecurityHeader.bearerToken(in: request.headers)) ?? nil else {
            throw E2PayRefusal(.emptyField, "Authorization: Bearer <access_token> (from /rest/oauth/token)")
        }
        // One partner's lock at a time, in client-id order (deterministic).
        for clientId in slots.clientIds {
            guard let session = slots.existing(clientId)?.state.withLock({ $0.e2pay.accessTokens[token] }) else { continue }
            if session.revoked { throw E2PayRefusal(.sessionNotExists, "the access token was logged out") }
            if now >= session.expiresAt {
                throw E2PayRefusal(.tokenExpired, "the access token expired at \(session.expiresAt)")
            }
            return Caller(clientId: clientId, holder: session.holder, token: token)
        }
        throw E2PayRefusal(.sessionNotExists, "the access token was never issued by this simulator")
    }

    /// The partner named by `client_id` whose `client_secret` matches; `Q1` otherwise.
    func partner(_ fields: E2PayForm) throws(E2PayRefusal) -> Partner {
        let clientId = try fields.required("client_id")
        let secret = try fields.required("client_secret")
        guard let partner = fixtures.partners[clientId] else {
            throw E2PayRefusal(.authenticationFailed, "client_id \(clientId) is not a partner (partners.json)")
        }
        guard partner.clientSecret == secret else {
            throw E2PayRefusal(.authenticationFailed, "client_secret does not match client_id \(clientId)")
        }
        return partner
    }
}
