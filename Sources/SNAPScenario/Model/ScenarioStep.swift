import SNAPSim
import SimHTTP
import SimJSON

/// One step of a scenario: a request sent as the partner, or a move of the simulator clock.
public struct ScenarioStep: Sendable {
    /// What the step does.
    public enum Action: Sendable {
        case request(RequestStep)
        /// Moves the clock forward (or back): `901s` expires a token, `1d` starts a new Jakarta day, `1mo` a month.
        case advanceClock(ClockStep)
        /// Jumps the clock to an instant.
        case setClock(SimTime)
        /// Waits for notifications at the scenario's receiver and checks them (issue 14).
        case expectNotifications(NotificationExpectation)
        /// Chooses how the receiver answers the next notifications (a 500 to exercise retries).
        case answerNotifications(ReceiverAnswer)
    }

    /// The name shown in reports; `nil` lets the runner describe the step.
    public var name: String?
    public var action: Action
    /// Where the step is in its file, for messages.
    public var pointer: JSONPointer

    public init(name: String? = nil, action: Action, pointer: JSONPointer = JSONPointer(tokens: [])) {
        self.name = name
        self.action = action
        self.pointer = pointer
    }
}

/// A request the runner builds, signs as the partner and sends.
public struct RequestStep: Sendable {
    /// Which endpoint.
    public enum Target: Sendable, Hashable {
        /// A service by name or code (`emoney-topup`, `38`): method and path come from the partner's profile.
        case service(String)
        /// An explicit method and path (query string allowed).
        case path(HTTPMethod, Template)
    }

    /// The body sent.
    public enum Body: Sendable, Hashable {
        /// No body (a token request then gets the standard `{"grantType":"client_credentials"}`).
        case none
        /// JSON, sent compact; strings may name variables.
        case json(JSONValue)
        /// These characters exactly, e.g. `{not json` to reach `400xx00`.
        case raw(Template)
    }

    /// Which access token to present.
    public enum TokenChoice: Sendable, Hashable {
        /// The partner's token, fetched when it has none or when it has expired (as a partner SDK does).
        case current
        /// The partner's last token, which must have expired by now (advance the clock first).
        case expired
        /// Another partner's valid token, signed over as if it were the partner's own.
        case ofPartner(String)
    }

    /// How the request is secured; by default the route's own security.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// A B2B token request: `X-CLIENT-KEY`, `X-TIMESTAMP`, RSA `X-SIGNATURE`.
        case accessToken
        /// A signed SNAP transaction (symmetric or asymmetric per the partner).
        case transaction
        /// Only `Authorization: Bearer <token>` (seed 000's limit check).
        case bearer
        /// Nothing added: the headers the step sets, and `Content-Type` when there is a body.
        case none
        /// snapsim's admin API: `Authorization: Bearer <admin token>` (the runner's own in-process, `--admin-token`
        /// over HTTP); what `"admin"` steps use for payer actions and notification set-up.
        case admin
    }

    public var target: Target
    /// Query parameters appended to the path (values percent-encoded).
    public var query: [(name: String, value: Template)]
    public var body: Body
    /// Act as this partner for this step instead of the scenario's.
    public var partner: String?
    public var security: Security?
    public var token: TokenChoice
    public var headers: HeaderChanges
    /// Send the same step this many times (each with a fresh `X-EXTERNAL-ID`); each answer must meet `expect`.
    public var repeatCount: Int
    public var expect: Expectation
    public var captures: [Capture]
    /// Sends the step again (wall clock, polling) until the answer meets `expect` or this much time has passed:
    /// for reading state another thread changes, such as a notification's delivery state.
    public var eventually: Duration?

    public init(
        target: Target, query: [(name: String, value: Template)] = [], body: Body = .none, partner: String? = nil,
        security: Security? = nil, token: TokenChoice = .current, headers: HeaderChanges = HeaderChanges(),
        repeatCount: Int = 1, expect: Expectation = Expectation(), captures: [Capture] = []
    ) {
        self.target = target
        self.query = query
        self.body = body
        self.partner = partner
        self.security = security
        self.token = token
        self.headers = headers
        self.repeatCount = repeatCount
        self.expect = expect
        self.captures = captures
        self.eventually = nil
    }
}

/// Changes to the headers a correct partner would send, applied after signing.
public struct HeaderChanges: Sendable, Hashable {
    /// Headers left out.
    public var omit: [String]
    /// Headers added or replaced, in order.
    public var set: [Set]
    /// Sends a wrong `X-SIGNATURE` (the right one with its first character changed to `0`, or `1` if it was `0`).
    public var tamperSignature: Bool
    /// Stamps (and signs) `X-TIMESTAMP` this far from the clock, as a partner whose clock is off.
    public var skewTimestamp: Duration?
    /// Sends the `X-EXTERNAL-ID` this partner sent last instead of a fresh one.
    public var reuseExternalID: Bool

    /// One header to add or replace; the value may name variables.
    public struct Set: Sendable, Hashable {
        public var name: String
        public var value: Template
    }

    public init(
        omit: [String] = [], set: [Set] = [], tamperSignature: Bool = false, skewTimestamp: Duration? = nil,
        reuseExternalID: Bool = false
    ) {
        self.omit = omit
        self.set = set
        self.tamperSignature = tamperSignature
        self.skewTimestamp = skewTimestamp
        self.reuseExternalID = reuseExternalID
    }
}
