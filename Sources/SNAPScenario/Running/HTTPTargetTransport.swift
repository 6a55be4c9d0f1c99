import Foundation
import SNAPSim
import SimHTTP
import SimJSON

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends requests to a running SNAP endpoint (`--target URL`): a shared snapsim, or a provider sandbox.
///
/// URLSession carries the requests, so `https://` targets work and no socket code lives above SimServer. The
/// target's clock can only be moved through snapsim's admin API, so clock steps need the admin token.
struct HTTPTargetTransport: ScenarioTransport {
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:7788`.
    let base: String
    let adminToken: String?
    let timeout: Duration
    let clock: TargetClock
    private let session: URLSession

    init(base: String, adminToken: String?, timeout: Duration) {
        self.base = String(base.reversed().drop { $0 == "/" }.reversed())
        self.adminToken = adminToken
        self.timeout = timeout
        self.clock = TargetClock()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Double(timeout.wholeMilliseconds) / 1000
        configuration.httpCookieAcceptPolicy = .never
        session = URLSession(configuration: configuration)
    }

    func send(_ request: HTTPRequest) async -> ScenarioResponse {
        let response = await sendOnce(request)
        // A connection reset before any answer is retried once for GET and HEAD, which are safe to repeat
        // (RFC 9110 §9.2.2); a transaction is never sent twice behind the scenario's back.
        guard response.status == nil, request.method == .get || request.method == .head else { return response }
        return await sendOnce(request)
    }

    /// Lets the session's connections go once the run is over.
    func finish() {
        session.finishTasksAndInvalidate()
    }

    private func sendOnce(_ request: HTTPRequest) async -> ScenarioResponse {
        guard let url = URL(string: base + request.target) else {
            return ScenarioResponse(status: nil, transportNote: "not a URL: \(base + request.target)")
        }
        var urlRequest = URLRequest(url: url, timeoutInterval: Double(timeout.wholeMilliseconds) / 1000)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let started = ContinuousClock.now
        do {
            let (data, response) = try await session.data(for: urlRequest)
            let elapsed = ContinuousClock.now - started
            guard let http = response as? HTTPURLResponse else {
                return ScenarioResponse(
                    status: nil, body: Array(data), delay: elapsed, transportNote: "the answer is not HTTP")
            }
            var headers = HTTPHeaders()
            let fields = http.allHeaderFields.compactMap { field -> (String, String)? in
                guard let name = field.key as? String, let value = field.value as? String else { return nil }
                return (name, value)
            }
            // URLSession gives a dictionary: sort so reports print the same order every time.
            for (name, value) in fields.sorted(by: { $0.0.lowercased() < $1.0.lowercased() }) {
                headers.add(name: name, value: value)
            }
            if let date = headers["Date"] { clock.sync(dateHeader: date) }
            return ScenarioResponse(status: http.statusCode, headers: headers, body: Array(data), delay: elapsed)
        } catch {
            return ScenarioResponse(
                status: nil, delay: ContinuousClock.now - started,
                transportNote: "\(request.method.rawValue) \(url.absoluteString) failed: \(error.localizedDescription)")
        }
    }

    func now() async -> SimTime {
        clock.now()
    }

    func advanceClock(by step: ClockStep) async throws(ScenarioStepError) -> SimTime {
        try await admin(
            "POST", "/_sim/clock", body: ["advance": .string(step.description)],
            purpose: "advance the target's clock by \(step)")
    }

    func setClock(to time: SimTime) async throws(ScenarioStepError) -> SimTime {
        try await admin(
            "POST", "/_sim/clock", body: ["set": .string(time.description)],
            purpose: "set the target's clock to \(time)")
    }

    // MARK: - Before each scenario

    /// Learns the target's time: exactly from the admin API when there is a token, else from the `Date` header of
    /// `GET /_sim/health` (any target answers something with a `Date`).
    func synchronizeClock() async throws(ScenarioStepError) {
        if adminToken != nil {
            _ = try await admin("GET", "/_sim/clock", body: nil, purpose: "read the target's clock")
        } else {
            let probe = await send(HTTPRequest(method: .get, target: "/_sim/health"))
            guard probe.status != nil else {
                throw ScenarioStepError(
                    "cannot reach the target \(base): \(probe.transportNote ?? "no answer")", response: probe)
            }
        }
    }

    /// Restores the partners' state on a snapsim target (`POST /_sim/reset?partner=…`), so the scenario starts
    /// from the fixtures as it does in-process. Other partners on a shared server are left alone.
    func reset(partners: [String]) async throws(ScenarioStepError) {
        for partner in partners {
            let encoded = partner.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? partner
            var request = HTTPRequest(method: .post, target: "/_sim/reset?partner=\(encoded)")
            request.headers["Authorization"] = "Bearer \(adminToken ?? "")"
            let response = await send(request)
            guard response.status == 200 else {
                throw ScenarioStepError(
                    "could not reset partner \(partner) on the target (POST /_sim/reset): \(response.summary) \(response.bodyText)",
                    response: response)
            }
        }
    }

    // MARK: - Admin API

    private func admin(_ method: String, _ path: String, body: JSONValue?, purpose: String)
        async throws(ScenarioStepError) -> SimTime
    {
        guard let adminToken else {
            throw ScenarioStepError(
                "cannot \(purpose): with --target the clock moves only through snapsim's admin API; pass --admin-token "
                    + "(printed by `snapsim serve`). Against other providers, leave clock steps out (--filter).")
        }
        var request = HTTPRequest(method: HTTPMethod(rawValue: method), target: path, body: body?.compactBytes ?? [])
        request.headers["Authorization"] = "Bearer \(adminToken)"
        if body != nil { request.headers["Content-Type"] = "application/json" }
        let response = await send(request)
        guard response.status == 200, let text = response.json?[pointer: JSONPointer(tokens: ["now"])]?.stringValue,
            let now = ISO8601Timestamp(text)?.time
        else {
            throw ScenarioStepError(
                "could not \(purpose) (\(method) \(path)): \(response.summary) \(response.bodyText)", response: response
            )
        }
        clock.sync(to: now)
        return now
    }
}
