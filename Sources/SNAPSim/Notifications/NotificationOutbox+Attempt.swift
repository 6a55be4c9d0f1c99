import SimHTTP
import SimHTTPClient
import SimJSON

/// Why the partner's token endpoint gave no token.
struct TokenFailure: Error {
    var reason: String
}

/// What one attempt gave, carried back into the outbox's lock.
struct AttemptOutcome: Sendable {
    var attempt: NotificationAttempt
    /// A token the partner's token endpoint issued (symmetric profiles).
    var newToken: String?
    /// The partner refused the token: the next attempt asks for a new one.
    var tokenRejected = false
}

extension NotificationOutbox {
    /// Signs and sends one attempt with no lock held. Never throws: every failure is a verdict.
    func attempt(_ job: OutboxState.Job) -> AttemptOutcome {
        let delivery = job.delivery
        let at = clock.now()
        let number = delivery.attempts.count + 1
        let timestamp = ISO8601Timestamp.format(at, offsetMinutes: CivilDate.jakartaOffsetMinutes)
        let composer = NotificationComposer(fixtures: job.world, overrides: [:])
        guard let profile = composer.profile(of: delivery.event.partner),
            let key = job.world.notifications.keys[delivery.event.keyName ?? profile.signing.keyName]
        else {
            return AttemptOutcome(attempt: NotificationAttempt(
                number: number, at: at, requestHeaders: [:], status: nil, responseBody: "", latencyMilliseconds: 0,
                verdict: "not sent: the profile's notification key is missing from the fixtures", succeeded: false))
        }
        let signer = NotificationSigner(profile: profile, key: key, partner: job.world.partners[delivery.event.partner])
        var token = job.accessToken
        var newToken: String?
        if case .symmetric(_, let tokenPath) = profile.signing, token == nil {
            switch obtainToken(signer, url: Self.origin(of: delivery.url) + tokenPath, timestamp: timestamp) {
            case .success(let issued):
                token = issued
                newToken = issued
            case .failure(let reason):
                return AttemptOutcome(attempt: NotificationAttempt(
                    number: number, at: at, requestHeaders: [:], status: nil, responseBody: "", latencyMilliseconds: 0,
                    verdict: "unreachable: no token from the partner's token endpoint: \(reason.reason)", succeeded: false))
            }
        }
        let headers = signer.headers(
            path: delivery.path, body: delivery.body, timestamp: timestamp,
            externalId: Self.externalId(delivery, attempt: number), accessToken: token,
            badSignature: delivery.fault == .badSignature)
        let request = HTTPRequest(method: .post, target: delivery.path, headers: headers, body: delivery.body)
        let started = ContinuousClock.now
        let result = Result { () throws(HTTPClientError) in try client.send(request, url: delivery.url) }
        let latency = Int((ContinuousClock.now - started).components.seconds * 1000
            + (ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000)
        switch result {
        case .failure(let error):
            return AttemptOutcome(attempt: NotificationAttempt(
                number: number, at: at, requestHeaders: headers, status: nil, responseBody: "", latencyMilliseconds: latency,
                verdict: "unreachable: \(error)", succeeded: false), newToken: newToken)
        case .success(let response):
            let (succeeded, verdict) = Self.judge(response, profile: profile)
            return AttemptOutcome(
                attempt: NotificationAttempt(
                    number: number, at: at, requestHeaders: headers, status: response.status,
                    responseBody: String(response.text.prefix(4096)), latencyMilliseconds: latency, verdict: verdict,
                    succeeded: succeeded),
                newToken: newToken, tokenRejected: response.status == 401)
        }
    }

    /// A delivery succeeds on a 2xx whose body is the profile's success text, or (without one) carries no
    /// `responseCode` or one starting with `200`.
    static func judge(_ response: HTTPClientResponse, profile: NotificationProfile) -> (Bool, String) {
        guard (200..<300).contains(response.status) else {
            return (false, "rejected: HTTP \(response.status)")
        }
        if let text = profile.successText {
            let body = response.text.filter { !$0.isWhitespace }
            return body == text ? (true, "delivered") : (false, "rejected: the answer is not the plain text \(text)")
        }
        let code = (try? JSONParser.parse(response.body))?.objectValue?["responseCode"]?.stringValue
        guard let code else { return (true, "delivered") }
        return code.hasPrefix("200") ? (true, "delivered (\(code))") : (false, "rejected: responseCode \(code)")
    }

    /// The symmetric mode's first step: the partner's B2B token, from its token endpoint.
    private func obtainToken(_ signer: NotificationSigner, url: String, timestamp: String) -> Result<String, TokenFailure> {
        let body = JSONValue.object(["grantType": "client_credentials"]).compactBytes
        let request = HTTPRequest(method: .post, target: "/", headers: signer.tokenRequestHeaders(timestamp: timestamp), body: body)
        do {
            let response = try client.send(request, url: url)
            guard (200..<300).contains(response.status),
                let token = (try? JSONParser.parse(response.body))?.objectValue?["accessToken"]?.stringValue
            else { return .failure(TokenFailure(reason: "HTTP \(response.status) without accessToken: \(response.text.prefix(200))")) }
            return .success(token)
        } catch {
            return .failure(TokenFailure(reason: "\(error)"))
        }
    }

    /// Digits only, from the partner's event number and the attempt: the same run sends the same ids.
    static func externalId(_ delivery: NotificationDelivery, attempt: Int) -> String {
        let digits = (delivery.id.split(separator: "/").last ?? "").filter(\.isNumber)
        let base = String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        let suffix = delivery.id.hasSuffix("-dup") ? "91" : delivery.id.hasSuffix("-late") ? "92" : ""
        return base + suffix + (attempt < 10 ? "0" : "") + String(attempt)
    }

    /// `http://host:port` of an absolute URL.
    static func origin(of url: String) -> String {
        let scheme = url.firstRange(of: "://")
        let rest = scheme.map { url[$0.upperBound...] } ?? url[...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        return String(url[..<end])
    }
}
