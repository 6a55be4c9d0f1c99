import SNAPCrypto
import SNAPSim
import SimHTTP
import SimJSON

/// `"expectNotifications"`: waits for the receiver to have the notifications, then checks them.
extension ScenarioSession {
    /// One received notification with what the step worked out about it.
    struct Selected {
        var notification: ReceivedNotification
        var partner: String
        var kind: String?
    }

    mutating func run(_ expectation: NotificationExpectation, index: Int, title: String) async throws(ScenarioStepError)
        -> StepResult
    {
        guard let receiver else { throw ScenarioStepError("the scenario has no notification receiver") }
        let keys = try await simulatorKeys()
        let verifier = NotificationVerifier(fixtures: context.fixtures, keys: keys, issuedTokens: receiver.issuedTokens)
        let deadline = ContinuousClock.now + expectation.timeout
        // Poll the receiver (never a fixed sleep): done once enough have arrived, failed at the deadline.
        var selected = select(receiver.notifications, expectation, verifier)
        while selected.count < expectation.awaited, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
            selected = select(receiver.notifications, expectation, verifier)
        }
        // The simulator records an attempt (and schedules its retry) once the answer is in: wait for that, so a
        // clock step after this one moves a retry that is already scheduled.
        await settle(until: deadline)
        selected = select(receiver.notifications, expectation, verifier)
        let verifierNow = NotificationVerifier(
            fixtures: context.fixtures, keys: keys, issuedTokens: receiver.issuedTokens)

        var mismatches: [Mismatch] = []
        var message: String?
        if selected.count < expectation.awaited || (expectation.count.map { $0 != selected.count } ?? false)
            || (!expectation.order.isEmpty && expectation.order.count != selected.count)
        {
            let wanted = expectation.count.map { "exactly \($0)" }
                ?? (expectation.order.isEmpty ? "at least 1" : "exactly \(expectation.order.count)")
            mismatches.append(Mismatch(
                subject: "notifications" + expectation.selection, expected: "\(wanted) within \(Expectation.describe(expectation.timeout))",
                actual: "\(selected.count)"))
            message = Self.arrivals(receiver.notifications, verifierNow, fallback: context.partnerID(scenario.partner))
        }
        let now = await simulatorNow()
        do {
            for (position, item) in selected.enumerated() {
                mismatches += try check(item, expectation.each, verifierNow, expectation, now: now)
                if position < expectation.order.count {
                    mismatches += try check(item, expectation.order[position], nil, nil, now: now)
                }
            }
        } catch {
            throw ScenarioStepError("expectNotifications: \(error)")
        }
        let last = selected.last.map { SentRequest($0.notification.request) }
        guard mismatches.isEmpty else {
            if message == nil {
                message = Self.arrivals(receiver.notifications, verifierNow, fallback: context.partnerID(scenario.partner))
            }
            return StepResult(
                index: index, title: title, outcome: .failed, summary: "\(selected.count) notification(s)",
                failure: StepFailure(message: message, mismatches: mismatches, request: last))
        }
        if let item = selected.last { try capture(expectation.captures, from: item.notification) }
        let kinds = Set(selected.compactMap(\.kind)).sorted().joined(separator: ", ")
        let summary = "\(selected.count) received\(kinds.isEmpty ? "" : " (\(kinds))")"
            + (expectation.signature == .any ? "" : ", signatures \(expectation.signature.rawValue)")
        return StepResult(index: index, title: title, outcome: .passed, summary: summary)
    }

    /// The received notifications the step is about, in arrival order.
    private func select(
        _ received: [ReceivedNotification], _ expectation: NotificationExpectation, _ verifier: NotificationVerifier
    ) -> [Selected] {
        let fallback = context.partnerID(scenario.partner)
        let wantedPartner = expectation.partner.map(context.partnerID)
        return received.compactMap { notification in
            let partner = verifier.partner(of: notification, fallback: fallback)
            let kind = verifier.kind(of: notification, partner: partner)
            if let wantedPartner, partner != wantedPartner { return nil }
            if let wanted = expectation.kind, kind != wanted { return nil }
            if !expectation.filter.isEmpty {
                let body = try? JSONParser.parse(notification.request.body)
                for field in expectation.filter {
                    let misses = (try? field.matcher.mismatches(body?[pointer: field.pointer], at: field.pointer, variables: variables))
                    if misses?.isEmpty != true { return nil }
                }
            }
            return Selected(notification: notification, partner: partner, kind: kind)
        }
    }

    /// Every way one notification falls short of `match` (and, with `rules`, of signature and time).
    private func check(
        _ item: Selected, _ match: NotificationMatch, _ verifier: NotificationVerifier?,
        _ rules: NotificationExpectation?, now: SimTime
    ) throws(ScenarioVariables.Missing) -> [Mismatch] {
        let request = item.notification.request
        let label = "notification #\(item.notification.sequence)"
        var result: [Mismatch] = []
        if let path = match.path {
            result += try path.mismatches(
                .string(String(request.path)), at: JSONPointer(tokens: []), subject: "\(label) path", variables: variables)
        }
        let asAnswer = ScenarioResponse(status: 200, headers: request.headers, body: request.body)
        result += try match.expectation.mismatches(asAnswer, variables: variables).map { mismatch in
            Mismatch(subject: "\(label) \(mismatch.subject)", expected: mismatch.expected, actual: mismatch.actual)
        }
        guard let rules, let verifier else { return result }
        if rules.signature != .any {
            let verdict = verifier.verify(item.notification, partner: item.partner)
            if verdict.valid != (rules.signature == .valid) {
                result.append(Mismatch(
                    subject: "\(label) signature", expected: rules.signature.rawValue,
                    actual: (verdict.valid ? "valid: " : "invalid: ") + verdict.detail))
            }
        }
        if let within = rules.within {
            let stamp = request.headers["X-TIMESTAMP"] ?? ""
            if let time = ISO8601Timestamp(stamp)?.time {
                let distance = time > now ? time - now : now - time
                if distance > within {
                    result.append(Mismatch(
                        subject: "\(label) X-TIMESTAMP",
                        expected: "within \(Expectation.describe(within)) of the simulator clock (\(now))",
                        actual: "\(stamp), \(Expectation.describe(distance)) away"))
                }
            } else {
                result.append(Mismatch(subject: "\(label) X-TIMESTAMP", expected: "an ISO 8601 time", actual: stamp))
            }
        }
        return result
    }

    private mutating func capture(_ captures: [Capture], from notification: ReceivedNotification)
        throws(ScenarioStepError)
    {
        let body = try? JSONParser.parse(notification.request.body)
        for capture in captures {
            let value: JSONValue?
            switch capture.source {
            case .body(let pointer): value = body?[pointer: pointer]
            case .header(let name), .requestHeader(let name): value = notification.request.headers[name].map(JSONValue.string)
            }
            guard let value else {
                throw ScenarioStepError(
                    "capture ${\(capture.variable)}: notification #\(notification.sequence) has no such field or header",
                    request: SentRequest(notification.request))
            }
            variables[capture.variable] = value
        }
    }

    /// The simulator clock exactly (`GET /_sim/clock`) when there is an admin token: over HTTP the runner's own
    /// estimate runs on with the wall clock, which a frozen simulator clock does not.
    private func simulatorNow() async -> SimTime {
        guard let adminToken = transport.adminToken else { return await transport.now() }
        let answer = await transport.send(
            HTTPRequest(method: .get, target: "/_sim/clock", headers: ["Authorization": "Bearer \(adminToken)"]))
        guard let text = answer.json?[pointer: JSONPointer(tokens: ["now"])]?.stringValue,
            let time = ISO8601Timestamp(text)?.time
        else { return await transport.now() }
        return time
    }

    /// The simulator's published keys (`GET /_sim/keys`, no admin token needed), fetched once per scenario.
    private mutating func simulatorKeys() async throws(ScenarioStepError) -> [(name: String, key: RSA.PublicKey)] {
        if let publishedKeys { return publishedKeys }
        let response = await transport.send(HTTPRequest(method: .get, target: "/_sim/keys"))
        let keys = NotificationVerifier.publishedKeys(response.json)
        guard response.status == 200, !keys.isEmpty else {
            throw ScenarioStepError(
                "could not read the simulator's public keys (GET /_sim/keys): \(response.summary)", response: response)
        }
        publishedKeys = keys
        return keys
    }

    /// Waits (polling the admin delivery list, bounded by `deadline`) until no delivery of the scenario's
    /// partners is on the wire. Without an admin token there is no list to poll and nothing waits.
    private func settle(until deadline: ContinuousClock.Instant) async {
        guard let adminToken = transport.adminToken else { return }
        for partner in scenario.partners.map(context.partnerID) {
            var request = HTTPRequest(method: .get, target: "/_sim/notifications?partner=\(Self.percentEncoded(partner))")
            request.headers["Authorization"] = "Bearer \(adminToken)"
            while ContinuousClock.now < deadline {
                let deliveries = await transport.send(request).json?[pointer: JSONPointer(tokens: ["deliveries"])]?.arrayValue
                let sending = (deliveries ?? []).contains { $0.objectValue?["state"]?.stringValue == "sending" }
                if !sending { break }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    /// What arrived, one line each, for a failure report.
    private static func arrivals(
        _ received: [ReceivedNotification], _ verifier: NotificationVerifier, fallback: String
    ) -> String {
        guard !received.isEmpty else { return "the receiver got no notification at all" }
        let lines = received.map { notification in
            let partner = verifier.partner(of: notification, fallback: fallback)
            let kind = verifier.kind(of: notification, partner: partner) ?? "unknown kind"
            let signature = verifier.verify(notification, partner: partner).valid ? "valid signature" : "INVALID signature"
            let status = (try? JSONParser.parse(notification.request.body))?[pointer: JSONPointer(tokens: ["latestTransactionStatus"])]?
                .stringValue.map { " latestTransactionStatus \($0)" } ?? ""
            return "  #\(notification.sequence) \(kind) for \(partner): POST \(notification.request.target)\(status), "
                + "X-TIMESTAMP \(notification.request.headers["X-TIMESTAMP"] ?? "-"), \(signature), answered \(notification.answeredStatus)"
        }
        return "the receiver got:\n" + lines.joined(separator: "\n")
    }
}

extension NotificationExpectation {
    /// ` (kind va-payment, partner snapsim-demo)`, or empty.
    var selection: String {
        let parts = [kind.map { "kind \($0)" }, partner.map { "partner \($0)" }].compactMap { $0 }
            + filter.map { "\($0.pointer) \($0.matcher.summary)" }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    var title: String {
        "notifications" + selection + (count.map { " ×\($0)" } ?? "")
    }
}

extension ReceiverAnswer {
    /// `HTTP 500 ×1`, `HTTP 200 success`.
    var summary: String {
        var text = "HTTP \(status)"
        switch body {
        case .success: text += " success"
        case .responseCode(let code): text += " \(code)"
        case .json: text += " JSON"
        case .text(let value): text += " \"\(value.prefix(20))\""
        }
        if let times { text += " ×\(times)" }
        return text
    }
}

extension JSONMatcher {
    /// A few words for a step title: the value of an equality, else the operator.
    var summary: String {
        switch self {
        case .equals(let value): value.compactText
        case .notEquals(let value): "≠ \(value.compactText)"
        case .regex(let pattern): "/\(pattern)/"
        case .exists(let present): present ? "present" : "absent"
        case .compare: "in range"
        case .oneOf(let values): "one of \(values.map(\.compactText).joined(separator: ", "))"
        case .object, .array: "matching"
        }
    }
}
