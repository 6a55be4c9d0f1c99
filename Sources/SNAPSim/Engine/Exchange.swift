import SimHTTP
import SimJSON

/// One request on its way through the pipeline, with what the steps learned about it.
///
/// A value whose request, route and arrival sit in one immutable box: every step of a request is handed the
/// exchange, and copying the request and its route (a dozen references) at each step cost more retains and
/// releases than the steps' own work. A copy is now one retain.
public struct Exchange: Sendable {
    /// The parts every step reads, shared by all copies.
    private final class Parts: Sendable {
        let request: HTTPRequest
        let route: Route
        let receivedAt: SimTime

        init(request: HTTPRequest, route: Route, receivedAt: SimTime) {
            self.request = request
            self.route = route
            self.receivedAt = receivedAt
        }
    }

    private let parts: Parts

    public var request: HTTPRequest { parts.request }
    public var route: Route { parts.route }
    /// Simulator time at arrival; every step of this request uses it, never the clock again.
    public var receivedAt: SimTime { parts.receivedAt }
    /// Whether this is a durable start replaying a logged request (``Simulator/replayRequest(_:at:into:)``): its
    /// record proves it passed the signature checks when it was served, so they are not run again.
    var replaying = false
    /// What the route's service drew from the body before the partner's lock (``SNAPService/prepare(_:at:)``),
    /// set by ``Simulator`` for the request's own service and body only.
    var prepared: (any Sendable)? {
        get { preparedBox?.value }
        set { preparedBox = newValue.map { PreparedBox($0, service: nil) } }
    }
    /// The route's service as ``ServiceRegistry/prepare(_:body:)`` found it, kept with what it prepared so that
    /// the registry need not look it up by name a second time, under the partner's lock.
    var preparedService: (any SNAPService)? { preparedBox?.service }
    /// A reference, so that a copy of the exchange stays a few retains (an existential is copied through its
    /// type's value witnesses, at every one of the dozen steps a request is handed along).
    private var preparedBox: PreparedBox?

    /// Keeps what `service` drew from the body (``prepared``) and the service itself (``preparedService``).
    mutating func prepare(_ value: (any Sendable)?, by service: any SNAPService) {
        preparedBox = PreparedBox(value, service: service)
    }

    private final class PreparedBox: Sendable {
        let value: (any Sendable)?
        let service: (any SNAPService)?
        init(_ value: (any Sendable)?, service: (any SNAPService)?) {
            self.value = value
            self.service = service
        }
    }

    public init(request: HTTPRequest, route: Route, receivedAt: SimTime) {
        parts = Parts(request: request, route: route, receivedAt: receivedAt)
    }
}

/// What a request produced, before it is rendered into HTTP (by ``ResponseRenderer``, the one place answers
/// are written, in the partner's dialect).
public indirect enum Outcome: Sendable {
    /// A SNAP answer: `responseCode` from `key` and the route's service, message from the catalogue,
    /// then `fields` in order.
    case snap(key: CaseKey, fields: JSONObject, delay: Duration = .zero)
    /// A rejection rendered the same way, with the explanation when explain mode is on.
    case rejected(SNAPError, delay: Duration = .zero)
    /// A body outside the SNAP envelope (seed 000's limit check answers bare numbers).
    case plain(status: Int, body: JSONValue, delay: Duration = .zero)
    /// A transport fault: no answer, or these bytes as they are.
    case fault(HTTPReply.Action, delay: Duration = .zero)
    /// A rule's amendment of an answer: the answer written in the partner's dialect, then its status replaced
    /// and `patch` merged (RFC 7396) into its body; waits for both delays.
    case amended(Outcome, status: Int?, patch: JSONValue?, delay: Duration = .zero)
}
