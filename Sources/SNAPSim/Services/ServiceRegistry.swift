import SimHTTP
import SimJSON

/// The services the simulator answers, and the steps every one of them shares.
///
/// For an authenticated request: the partner's permission (`403xx01`), then the rules (first match wins),
/// then the body must be a JSON object (`400xx00`), then the service itself.
public struct ServiceRegistry: Sendable {
    /// The registry of the built-in services.
    public init() {}

    static let services: [any SNAPService] = [
        BalanceLimitCheck(), BalanceInquiry(), EMoneyAccountInquiry(), CustomerTopUp(), TopUpStatus(),
    ] + virtualAccountServices + transferServices + directDebitServices + qrisServices
        + payoutServices + smilePayzServices

    /// The services by name, the first of each name (looked up twice per request: a scan compared ~45 names).
    private static let servicesByName: [String: any SNAPService] = Dictionary(
        services.map { ($0.descriptor.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The built-in service named `name`.
    static func service(named name: String) -> (any SNAPService)? { servicesByName[name] }

    /// Applies permission, rules and the service's own behaviour to an authenticated request.
    /// - Returns: the outcome to render; rejections by rules come back as outcomes too.
    /// - Throws: the service's ``SNAPError`` when it refuses the request.
    public func handle(_ exchange: Exchange, caller: AuthenticatedCaller, fixtures: LoadedFixtures, state: inout PartnerState)
        throws(SNAPError) -> Outcome
    {
        let body = Self.requestBody(exchange)
        return try decide(
            exchange, caller: caller, shared: SharedFixtures(fixtures), body: body, rules: RuleSelection(fixtures.rules),
            state: &state
        ).outcome
    }

    /// Like ``handle(_:caller:fixtures:state:)``, but never throws and says which rule, if any, decided the
    /// answer (for the request journal).
    public func respond(_ exchange: Exchange, caller: AuthenticatedCaller, fixtures: LoadedFixtures, state: inout PartnerState)
        -> ServiceResult
    {
        respond(
            exchange, caller: caller, shared: SharedFixtures(fixtures), body: Self.requestBody(exchange),
            rules: RuleSelection(fixtures.rules), state: &state)
    }

    /// Like ``respond(_:caller:fixtures:state:)`` with the body already parsed and translated (outside the
    /// partner's lock) and the rules in force for the partner chosen; the fixtures by reference (the world's).
    func respond(
        _ exchange: Exchange, caller: AuthenticatedCaller, shared: SharedFixtures, body: Result<JSONObject, SNAPError>,
        rules: RuleSelection, state: inout PartnerState
    ) -> ServiceResult {
        do throws(SNAPError) {
            return try decide(exchange, caller: caller, shared: shared, body: body, rules: rules, state: &state)
        } catch {
            return ServiceResult(outcome: .rejected(error), rule: nil)
        }
    }

    /// The body as the rules and services read it: parsed, with the profile's forms translated to the
    /// ledger's (a magic value written `628…` by a DANA partner matches the rule written `08…`). Pure.
    static func requestBody(_ exchange: Exchange) -> Result<JSONObject, SNAPError> {
        parseBody(exchange).map(DialectTranslation(dialect: exchange.route.dialect).toLedger)
    }

    /// Runs the route's service's ``SNAPService/prepare(_:at:)`` on `body` (outside the partner's lock) and keeps
    /// what it drew up in the exchange for the service to use under the lock. Pure.
    static func prepare(_ exchange: inout Exchange, body: Result<JSONObject, SNAPError>) {
        guard case .success(let object) = body, let service = service(named: exchange.route.serviceName) else { return }
        exchange.prepare(service.prepare(RequestFields(object), at: exchange.receivedAt), by: service)
    }

    private func decide(
        _ exchange: Exchange, caller: AuthenticatedCaller, shared: SharedFixtures, body: Result<JSONObject, SNAPError>,
        rules: RuleSelection, state: inout PartnerState
    ) throws(SNAPError) -> ServiceResult {
        guard let service = exchange.preparedService ?? Self.service(named: exchange.route.serviceName) else {
            throw SNAPError.generalError.explained(
                ["summary": .string("the simulator has no behaviour for service \"\(exchange.route.serviceName)\"")])
        }
        guard Self.allows(caller.partner, service.descriptor) else {
            throw SNAPError.featureNotAllowed().explained([
                "summary": .string("partner \(caller.clientId) may not call \(service.descriptor.name): its services are \((caller.partner.services ?? []).joined(separator: ", "))"),
            ])
        }
        state.ledger.open(at: exchange.receivedAt)

        let input: RuleInput
        if let prematched = rules.prematched, prematched.clientId == caller.clientId {
            input = prematched.input  // built before the lock, with the same request, route, caller and body
        } else {
            input = RuleInput(request: exchange.request, route: exchange.route, clientId: caller.clientId, body: (try? body.get()).map(JSONValue.object))
        }
        if let rule = rules.firstMatch(input) {
            return ServiceResult(outcome: apply(rule, service, exchange, caller, shared, body, &state), rule: rule.id)
        }
        return ServiceResult(outcome: try run(service, exchange, caller, shared, body, &state), rule: nil)
    }

    /// Whether `partner` may call `service`: its `services` list names it (by name or code), or it has none.
    public static func allows(_ partner: Partner, _ service: ServiceDescriptor) -> Bool {
        guard let allowed = partner.services else { return true }
        return allowed.contains(service.name) || allowed.contains(service.code.rawValue)
    }

    // MARK: - Steps

    private func run(
        _ service: any SNAPService, _ exchange: Exchange, _ caller: AuthenticatedCaller, _ shared: SharedFixtures,
        _ body: Result<JSONObject, SNAPError>, _ state: inout PartnerState
    ) throws(SNAPError) -> Outcome {
        let object = try body.get()
        try DialectTranslation(dialect: exchange.route.dialect).checkRequiredFields(object)
        let request = ServiceRequest(exchange: exchange, caller: caller, shared: shared, fields: RequestFields(object))
        return try service.respond(to: request, state: &state)
    }

    private func apply(
        _ rule: Rule, _ service: any SNAPService, _ exchange: Exchange, _ caller: AuthenticatedCaller,
        _ shared: SharedFixtures, _ body: Result<JSONObject, SNAPError>, _ state: inout PartnerState
    ) -> Outcome {
        let delay = rule.outcome.delay
        switch rule.outcome.response {
        case .code(let key, let placeholders):
            if key.httpStatus < 300 { return .snap(key: key, fields: [:], delay: delay) }
            return .rejected(SNAPError(key, placeholders: placeholders, explanation: [
                "summary": .string("magic value: rule \"\(rule.id)\" answered \(key)"),
                "rule": .string(rule.id),
            ]), delay: delay)
        case .body(let status, let replacement):
            return .plain(status: status, body: replacement, delay: delay)
        case .e2pay(let code):  // the reader allows E2Pay codes for e2pay routes only, which never come here
            return .rejected(SNAPError.generalError.explained(["summary": .string("rule \(rule.id) answers E2Pay \(code)")]))
        case .amend(let status, let patch):
            let normal: Outcome
            do throws(SNAPError) {
                normal = try run(service, exchange, caller, shared, body, &state)
            } catch {
                normal = .rejected(error)
            }
            guard status != nil || patch != nil else { return normal.delayed(by: delay) }
            // The renderer writes the normal answer in the partner's dialect first, then applies the patch.
            return .amended(normal, status: status, patch: patch, delay: delay)
        }
    }

    /// The body as a JSON object; requests without a body (GET) read as an empty object.
    static func parseBody(_ exchange: Exchange) -> Result<JSONObject, SNAPError> {
        let bytes = exchange.request.body
        if bytes.isEmpty {
            if exchange.request.method == .get || exchange.request.method == .delete { return .success(JSONObject()) }
            return .failure(SNAPError.badRequest.explained(["summary": "the body is empty: send a JSON object"]))
        }
        do {
            guard case .object(let object) = try JSONParser.parse(bytes) else {
                return .failure(SNAPError.badRequest.explained(["summary": "the body must be a JSON object"]))
            }
            return .success(object)
        } catch {
            // A body past a limit (members, depth, string length) is JSON, only too large: say which limit.
            let summary = error.limit.map { "the body passes the JSON limit \($0): \(error)" } ?? "the body is not JSON: \(error)"
            return .failure(SNAPError.badRequest.explained(["summary": .string(summary)]))
        }
    }

    // MARK: - What can be answered

    /// Codes each service answers by its own behaviour, in service-code order.
    public static var answersByService: [(service: ServiceDescriptor, answers: [ServiceAnswer])] {
        services.map { ($0.descriptor, $0.answers) }
    }

    /// Codes every service can answer before its own behaviour runs.
    public static let commonAnswers: [ServiceAnswer] = [
        ServiceAnswer(SNAPError.badRequest, "the body is empty, not JSON, or not a JSON object"),
        ServiceAnswer(SNAPError.featureNotAllowed(), "the partner's services list does not include the service"),
        ServiceAnswer(SNAPError.generalError, "the simulator itself failed (a fixture set built in code without a tier)"),
    ]
}

/// What the registry did with a request.
public struct ServiceResult: Sendable {
    /// What to render.
    public var outcome: Outcome
    /// The id of the rule that decided or amended the answer, `nil` when the service answered on its own.
    public var rule: String?

    /// A result decided by `rule`, if any.
    public init(outcome: Outcome, rule: String?) {
        self.outcome = outcome
        self.rule = rule
    }
}
