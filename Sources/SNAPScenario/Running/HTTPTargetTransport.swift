import SNAPSim
import SimHTTP
import SimHTTPClient
import SimJSON

/// Sends requests to a running SNAP endpoint (`--target URL`): a shared snapsim, or a provider sandbox.
///
/// SimHTTPClient carries the requests over plain `http://` (kept-alive between steps); put a TLS-terminating
/// proxy in front for an `https://` sandbox. The target's clock can only be moved through snapsim's admin API, so
/// clock steps need the admin token.
struct HTTPTargetTransport: ScenarioTransport {
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:7788`.
    let base: String
    let adminToken: String?
    let timeout: Duration
    let clock: TargetClock
    private let endpoint: Result<HTTPEndpoint, HTTPClientError>
    private let client: HTTPClient

    init(base: String, adminToken: String?, timeout: Duration) {
        self.base = String(base.reversed().drop { $0 == "/" }.reversed())
        self.adminToken = adminToken
        self.timeout = timeout
        self.clock = TargetClock()
        endpoint = Result { () throws(HTTPClientError) in try HTTPEndpoint(url: base) }
        client = HTTPClient(
            deadlines: .init(connect: timeout, write: timeout, read: timeout), reuseConnections: true)
    }

    func send(_ request: HTTPRequest) async -> ScenarioResponse {
        let response = await sendOnce(request)
        // A connection reset before any answer is retried once for GET and HEAD, which are safe to repeat
        // (RFC 9110 §9.2.2); a transaction is never sent twice behind the scenario's back.
        guard response.status == nil, request.method == .get || request.method == .head else { return response }
        return await sendOnce(request)
    }

    /// Lets the kept-alive connections go once the run is over.
    func finish() {
        client.closeIdleConnections()
    }

    private func sendOnce(_ request: HTTPRequest) async -> ScenarioResponse {
        let endpoint: HTTPEndpoint
        switch self.endpoint {
        case .success(let value): endpoint = value
        case .failure(let error): return ScenarioResponse(status: nil, transportNote: "--target \(base): \(error)")
        }
        let started = ContinuousClock.now
        do {
            let answer = try await client.send(request, to: endpoint)
            if let date = answer.headers["Date"] { clock.sync(dateHeader: date) }
            return ScenarioResponse(
                status: answer.status, headers: answer.headers, body: answer.body, delay: ContinuousClock.now - started)
        } catch {
            return ScenarioResponse(
                status: nil, delay: ContinuousClock.now - started,
                transportNote: "\(request.method.rawValue) \(base)\(request.target) failed: \(error)")
        }
    }

    func now() async -> SimTime {
        clock.now()
    }

    func advanceClock(by step: ClockStep) async throws(ScenarioStepError) -> SimTime {
        try await admin(
            "POST", "/_sim/clock", body: ["advance": .string(step.description)],
            purpose: "advance the target's clock by \(step)"
        ).now
    }

    func setClock(to time: SimTime) async throws(ScenarioStepError) -> SimTime {
        try await admin(
            "POST", "/_sim/clock", body: ["set": .string(time.description)],
            purpose: "set the target's clock to \(time)"
        ).now
    }

    /// Sets the target's clock to `time` and fixes it there (`fixed`) or lets it run on from there (`real`).
    func setClock(to time: SimTime, fixed: Bool) async throws(ScenarioStepError) {
        _ = try await admin(
            "POST", "/_sim/clock", body: ["set": .string(time.description), "mode": fixed ? "fixed" : "real"],
            purpose: "set the target's clock to \(time) (\(fixed ? "fixed" : "running"))")
    }

    /// The target's clock now and whether it is fixed (`GET /_sim/clock`).
    func readClock() async throws(ScenarioStepError) -> (now: SimTime, fixed: Bool) {
        try await admin("GET", "/_sim/clock", body: nil, purpose: "read the target's clock")
    }

    // MARK: - Before each scenario

    /// Learns the target's time: exactly from the admin API when there is a token, else from the `Date` header of
    /// `GET /_sim/health` (any target answers something with a `Date`).
    func synchronizeClock() async throws(ScenarioStepError) {
        if adminToken != nil {
            _ = try await readClock()
        } else {
            let probe = await send(HTTPRequest(method: .get, target: "/_sim/health"))
            guard probe.status != nil else {
                throw ScenarioStepError(
                    "cannot reach the target \(base): \(probe.transportNote ?? "no answer")", response: probe)
            }
        }
    }

    /// Restores the partners' state on a snapsim target (`POST /_sim/reset?partner=…&seed=…`), so the scenario
    /// starts from the fixtures, with the identifiers of `seed`, as it does in-process. Other partners on a shared
    /// server are left alone.
    func reset(partners: [String], seed: UInt64) async throws(ScenarioStepError) {
        for partner in partners {
            let encoded = Self.percentEncoded(partner)
            var request = HTTPRequest(method: .post, target: "/_sim/reset?partner=\(encoded)&seed=\(seed)")
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
        async throws(ScenarioStepError) -> (now: SimTime, fixed: Bool)
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
        let fixed = response.json?[pointer: JSONPointer(tokens: ["mode"])]?.stringValue == "fixed"
        clock.sync(to: now, frozen: fixed)
        return (now, fixed)
    }

    /// Percent-encodes everything but ASCII letters and digits, for a query value.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
