import SimHTTP
import SimJSON

/// One condition of a rule; a rule matches when all of its conditions hold.
public enum RuleCondition: Sendable {
    /// The called service is one of these (names, resolved from names or codes at load).
    case services([String])
    /// The caller is one of these partners (client ids).
    case partners([String])
    /// A request header (name compared case-insensitively; absent = `nil`).
    case header(String, ValueMatcher)
    /// A query parameter, decoded.
    case query(String, ValueMatcher)
    /// A body member by JSON pointer (`/amount/value`); never matches when the body is not JSON.
    case body(JSONPointer, ValueMatcher)

    /// Whether the request in `input` satisfies the condition.
    public func holds(for input: RuleInput) -> Bool {
        switch self {
        case .services(let names): names.contains(input.route.serviceName)
        case .partners(let ids): ids.contains(input.clientId)
        case .header(let name, let matcher): matcher.matches(input.request.headers[name].map(JSONValue.string))
        case .query(let name, let matcher): matcher.matches(input.request.queryValue(name).map(JSONValue.string))
        case .body(let pointer, let matcher): input.body.map { matcher.matches($0[pointer: pointer]) } ?? false
        }
    }

    /// How the condition reads in listings.
    public var summary: String {
        switch self {
        case .services(let names): "service in [\(names.joined(separator: ", "))]"
        case .partners(let ids): "partner in [\(ids.joined(separator: ", "))]"
        case .header(let name, let matcher): "header \(name) \(matcher.summary)"
        case .query(let name, let matcher): "query \(name) \(matcher.summary)"
        case .body(let pointer, let matcher): "body \(pointer) \(matcher.summary)"
        }
    }
}

/// What rules look at: the request, where it was routed, who sent it, and its body if it is JSON.
///
/// A class, immutable: a request's input is built once and handed to the rule index, its candidate walk, the
/// compiled checks and ``PrematchedRule`` by reference. As a struct every hand-over copied the request and route
/// (a retain per member, ~500 instructions) and every copy was destroyed again; a top-up made three of them.
public final class RuleInput: Sendable {
    /// The request as received.
    public let request: HTTPRequest
    /// Where it was routed.
    public let route: Route
    /// The authenticated partner.
    public let clientId: String
    /// The parsed body, `nil` when empty or not JSON.
    public let body: JSONValue?

    /// What rules see of one request.
    public init(request: HTTPRequest, route: Route, clientId: String, body: JSONValue?) {
        self.request = request
        self.route = route
        self.clientId = clientId
        self.body = body
    }
}
