import SNAPSim
import SimHTTP
import SimJSON

/// Where requests go: a simulator in this process, or a SNAP endpoint over HTTP. Also the clock of that place,
/// since partners stamp requests with the provider's time and scenarios move it.
protocol ScenarioTransport: Sendable {
    /// Sends a request and returns what came back; never throws (a transport failure is a response without status).
    func send(_ request: HTTPRequest) async -> ScenarioResponse
    /// The target's time now, as well as it is known.
    func now() async -> SimTime
    /// Moves the target's clock; returns the new time.
    func advanceClock(by step: ClockStep) async throws(ScenarioStepError) -> SimTime
    /// Sets the target's clock; returns the new time.
    func setClock(to time: SimTime) async throws(ScenarioStepError) -> SimTime
    /// The token of snapsim's admin API, when the runner has one (always in-process).
    var adminToken: String? { get }
}

/// What came back for a request.
public struct ScenarioResponse: Sendable {
    /// The HTTP status; `nil` when no answer came (closed connection, timeout, refused).
    public var status: Int?
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// How long the answer took: the simulator's scheduled delay in-process, the time measured over HTTP.
    public var delay: Duration
    /// Why there is no status, e.g. "the connection was closed without an answer".
    public var transportNote: String?

    public init(
        status: Int?, headers: HTTPHeaders = [:], body: [UInt8] = [], delay: Duration = .zero,
        transportNote: String? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.transportNote = transportNote
    }

    /// The body as JSON, or `nil` when it is not JSON.
    public var json: JSONValue? { try? JSONParser.parse(body) }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// `HTTP 200 2003700`, or the transport note.
    public var summary: String {
        guard let status else { return transportNote ?? "no answer" }
        if let code = json?[pointer: JSONPointer(tokens: ["responseCode"])]?.stringValue {
            return "HTTP \(status) \(code)"
        }
        return "HTTP \(status)"
    }
}

/// A step that could not be carried out (as opposed to an answer that did not meet expectations).
public struct ScenarioStepError: Error, Sendable {
    public var message: String
    public var request: SentRequest?
    public var response: ScenarioResponse?

    public init(_ message: String, request: SentRequest? = nil, response: ScenarioResponse? = nil) {
        self.message = message
        self.request = request
        self.response = response
    }
}
