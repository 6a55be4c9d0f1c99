import SNAPCrypto
import SNAPSim
import SimHTTP
import SimJSON

/// The partner's side of one running scenario: its variables, the tokens it holds, the external IDs it sent.
///
/// Lives for one scenario only, so scenarios never share tokens or variables and their order never matters.
struct ScenarioSession {
    let scenario: Scenario
    let context: RunContext
    let transport: any ScenarioTransport
    /// Position of the scenario in the run, folded into generated `X-EXTERNAL-ID`s.
    let ordinal: Int
    var variables = ScenarioVariables()
    var tokens: [String: HeldToken] = [:]
    var lastExternalID: [String: String] = [:]
    private var externalIDCount = 0
    /// The partner's webhook, when the scenario receives notifications.
    var receiver: NotificationReceiver?
    /// The simulator's published keys, fetched once (`GET /_sim/keys`) for verifying notifications.
    var publishedKeys: [(name: String, key: RSA.PublicKey)]?

    init(scenario: Scenario, context: RunContext, transport: any ScenarioTransport, ordinal: Int) {
        self.scenario = scenario
        self.context = context
        self.transport = transport
        self.ordinal = ordinal
        variables["runId"] = .string(context.runId)
        for member in scenario.variables { variables[member.key] = member.value }
    }

    // MARK: - Steps

    /// Runs one step and says how it went; never throws (a failure is a result).
    mutating func run(_ step: ScenarioStep, index: Int) async -> StepResult {
        let title = Self.title(of: step, scenarioPartner: scenario.partner)
        do throws(ScenarioStepError) {
            switch step.action {
            case .advanceClock(let amount):
                let now = try await transport.advanceClock(by: amount)
                return StepResult(index: index, title: title, outcome: .passed, summary: "clock now \(now)")
            case .setClock(let time):
                let now = try await transport.setClock(to: time)
                return StepResult(index: index, title: title, outcome: .passed, summary: "clock now \(now)")
            case .request(let request):
                return try await run(request, index: index, title: title)
            case .expectNotifications(let expectation):
                return try await run(expectation, index: index, title: title)
            case .answerNotifications(let answer):
                guard let receiver else { throw ScenarioStepError("the scenario has no notification receiver") }
                receiver.answer(answer)
                return StepResult(index: index, title: title, outcome: .passed, summary: answer.summary)
            }
        } catch {
            return StepResult(
                index: index, title: title, outcome: .failed, summary: "could not be carried out",
                failure: StepFailure(message: error.message, request: error.request, response: error.response))
        }
    }

    private mutating func run(_ step: RequestStep, index: Int, title: String) async throws(ScenarioStepError)
        -> StepResult
    {
        var last: (SentRequest, ScenarioResponse)?
        let deadline = step.eventually.map { ContinuousClock.now + $0 }
        for repetition in 1...step.repeatCount {
            var (sent, response) = try await send(step)
            var mismatches: [Mismatch]
            while true {
                do {
                    mismatches = try step.expect.mismatches(response, variables: variables)
                } catch {
                    throw ScenarioStepError("expect: \(error)", request: sent, response: response)
                }
                // "eventually": poll until the answer meets the expectations or the bound has passed.
                guard !mismatches.isEmpty, let deadline, ContinuousClock.now < deadline else { break }
                try? await Task.sleep(for: .milliseconds(10))
                (sent, response) = try await send(step)
            }
            last = (sent, response)
            guard mismatches.isEmpty else {
                let note =
                    step.repeatCount > 1
                    ? "repetition \(repetition) of \(step.repeatCount) did not meet the expectations" : nil
                return StepResult(
                    index: index, title: title, outcome: .failed, summary: response.summary,
                    failure: StepFailure(message: note, mismatches: mismatches, request: sent, response: response))
            }
        }
        guard let (sent, response) = last else { throw ScenarioStepError("the step sent nothing") }
        try capture(step.captures, from: response, sent: sent)
        var summary = response.summary
        if step.repeatCount > 1 { summary += " ×\(step.repeatCount)" }
        if response.delay >= .seconds(1) { summary += " after \(Expectation.describe(response.delay))" }
        return StepResult(index: index, title: title, outcome: .passed, summary: summary)
    }

    private mutating func capture(_ captures: [Capture], from response: ScenarioResponse, sent: SentRequest)
        throws(ScenarioStepError)
    {
        for capture in captures {
            let value: JSONValue?
            let place: String
            switch capture.source {
            case .body(let pointer):
                value = response.json?[pointer: pointer]
                place = "the answer's body has no \(pointer)"
            case .header(let name):
                value = response.headers[name].map(JSONValue.string)
                place = "the answer has no header \(name)"
            case .requestHeader(let name):
                value = sent.headers.first { $0.name.lowercased() == name.lowercased() }.map { .string($0.value) }
                place = "the request had no header \(name)"
            }
            guard let value else {
                throw ScenarioStepError("capture ${\(capture.variable)}: \(place)", request: sent, response: response)
            }
            variables[capture.variable] = value
        }
    }

    // MARK: - Identifiers and tokens

    /// The partner's signer, writing signatures as the scenario says.
    func signer(for partnerID: String) -> PartnerSigner? {
        guard var signer = context.signers[partnerID] else { return nil }
        signer.signatureEncoding = scenario.signatureEncoding
        return signer
    }

    /// A fresh `X-EXTERNAL-ID`: run id, scenario ordinal and a counter, 18 digits.
    mutating func freshExternalID() -> String {
        externalIDCount += 1
        return context.runId + Self.digits(ordinal, 4) + Self.digits(externalIDCount, 6)
    }

    /// The token to present for `partnerID` as `choice` says, fetching one when needed.
    mutating func token(for partnerID: String, _ choice: RequestStep.TokenChoice) async throws(ScenarioStepError)
        -> String
    {
        let now = await transport.now()
        switch choice {
        case .current:
            if let held = tokens[partnerID], now < held.expiresAt { return held.value }
            return try await fetchToken(for: partnerID)
        case .expired:
            guard let held = tokens[partnerID] else {
                throw ScenarioStepError(
                    "token \"expired\": \(partnerID) has no token yet; make a request first, then advance the clock past its expiry"
                )
            }
            guard now >= held.expiresAt else {
                throw ScenarioStepError(
                    "token \"expired\": the token of \(partnerID) is valid until \(held.expiresAt) and the clock says \(now); advance the clock first"
                )
            }
            return held.value
        case .ofPartner(let other):
            return try await token(for: context.partnerID(other), .current)
        }
    }

    /// Requests a B2B access token for `partnerID` as a partner SDK does and keeps it with its expiry.
    private mutating func fetchToken(for partnerID: String) async throws(ScenarioStepError) -> String {
        guard let signer = signer(for: partnerID) else {
            throw ScenarioStepError("no credentials for partner \(partnerID)")
        }
        let now = await transport.now()
        let request: HTTPRequest
        do {
            request = try signer.tokenRequest(
                timestamp: scenario.timestampStyle.format(now), path: context.tokenPath(for: signer.partner))
        } catch {
            throw ScenarioStepError("cannot sign a token request as \(partnerID): \(error)")
        }
        let response = await transport.send(request)
        let sent = SentRequest(request)
        guard response.status == 200, let body = response.json?.objectValue,
            let token = body["accessToken"]?.stringValue
        else {
            throw ScenarioStepError(
                "could not get an access token for \(partnerID) (\(request.method) \(request.target)): \(response.summary)",
                request: sent, response: response)
        }
        hold(token, for: partnerID, expiresIn: body["expiresIn"], at: now)
        return token
    }

    /// Keeps a token; `expiresIn` may be a number or a numeric string (providers differ), 900 s when absent.
    mutating func hold(_ token: String, for partnerID: String, expiresIn: JSONValue?, at time: SimTime) {
        let seconds = (expiresIn?.numberText ?? expiresIn?.stringValue).flatMap { Int64($0) } ?? 900
        // A target's absurd expiresIn must not overflow the clock arithmetic: ten years is "never" here.
        tokens[partnerID] = HeldToken(value: token, expiresAt: time + .seconds(min(max(seconds, 0), 315_360_000)))
    }

    // MARK: - Names

    static func title(of step: ScenarioStep, scenarioPartner: String) -> String {
        if let name = step.name { return name }
        switch step.action {
        case .advanceClock(let amount): return "advance clock \(amount.scenarioText)"
        case .setClock(let time): return "set clock \(time)"
        case .expectNotifications(let expectation): return expectation.title
        case .answerNotifications(let answer): return "answer notifications \(answer.summary)"
        case .request(let request):
            var title: String
            switch request.target {
            case .service(let name): title = ServiceDescriptor.named(name)?.name ?? name
            case .path(let method, let path): title = "\(method.rawValue) \(path)"
            }
            if let partner = request.partner, partner != scenarioPartner { title += " as \(partner)" }
            return title
        }
    }

    private static func digits(_ number: Int, _ width: Int) -> String {
        let text = String(number % Int(pow10(width)))
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}

extension ClockStep {
    /// The step as scenario files write it: `901s`, `1d`, `1mo`.
    var scenarioText: String {
        switch self {
        case .months(let months): return "\(months)mo"
        case .duration(let duration): return Expectation.describe(duration)
        }
    }
}

extension SentRequest {
    init(_ request: HTTPRequest) {
        self.init(
            method: request.method.rawValue, target: request.target,
            headers: request.headers.map { (name: $0.name, value: $0.value) },
            body: String(decoding: request.body, as: UTF8.self))
    }
}
