import SimHTTP
import SimJSON
import Synchronization

/// The fixtures' rules, the partner's forced outcomes (`/_sim/faults`) and its `services` list, applied to the
/// E2Pay routes behind a bearer token as ``RulesInForce`` applies them to SNAP routes; answers stay in E2Pay's
/// envelope. Token and login requests answer before rules, as SNAP's token request does.
extension E2PayFront {
    /// Bearer token, then the partner's `services` list (`63`), then, under the partner's lock, the first rule in
    /// force (forced outcomes first) or the service.
    func serveWithRules(_ slots: PartnerSlots) throws(E2PayRefusal) -> Decision {
        let session = try authenticate(slots)
        let caller = caller(session.clientId)
        if let partner = caller?.partner, let service = ServiceDescriptor.named(exchange.route.serviceName),
            !ServiceRegistry.allows(partner, service)
        {
            let services = (partner.services ?? []).joined(separator: ", ")
            return Decision(outcome: outcome(E2PayRefusal(.forbidden,
                "partner \(partner.clientId) may not call \(service.name): its services are \(services)")), caller: caller)
        }
        let world = slots.world
        // Parsed outside the lock; form bodies (logout) read as no body, so body conditions never match them.
        let body = (try? JSONParser.parse(exchange.request.body)).flatMap { $0.objectValue == nil ? nil : $0 }
        let input = RuleInput(request: request, route: exchange.route, clientId: session.clientId, body: body)
        let (result, rule, fault) = slots.slot(session.clientId).state.withLock {
            (state: inout PartnerState) -> (Outcome, String?, TransportFault?) in
            state.ledger.open(at: now)
            state.scenarios.settle(at: now)
            let scenarios = state.scenarios
            // A SNAP `case` has no meaning on an E2Pay route: such rules (written without a service) are skipped.
            let speaksE2Pay: (Rule) -> Bool = { if case .code = $0.outcome.response { false } else { true } }
            let match = state.forcedOutcomes.book.firstMatch(input, allowing: speaksE2Pay)
                ?? fixtures.rules.firstMatch(input) {
                    speaksE2Pay($0) && (!world.hasScenarioRules || scenarios.allows($0.scenario))
                }
            guard let match else { return (serve(session, &state), nil, nil) }
            let answer = apply(match, session, &state)
            if let forced = state.forcedOutcomes.recordAnswer(of: match.id) { return (answer, match.id, forced.fault) }
            if let step = fixtures.rules.rule(id: match.id)?.scenario {
                state.scenarios.recordAnswer(of: match.id, step: step, at: now)
            }
            return (answer, match.id, nil)
        }
        return Decision(outcome: result, caller: caller, matchedRule: rule, fault: fault)
    }

    private func serve(_ session: Caller, _ state: inout PartnerState) -> Outcome {
        do throws(E2PayRefusal) {
            return .plain(status: 200, body: try respond(session, &state))
        } catch {
            return outcome(error)
        }
    }

    private func apply(_ rule: Rule, _ session: Caller, _ state: inout PartnerState) -> Outcome {
        let delay = rule.outcome.delay
        switch rule.outcome.response {
        case .e2pay(let code):
            let entry = fixtures.e2pay.entry(code)
            let body: JSONValue = ["responseCode": .string(code), "responseMessage": .string(entry.message)]
            return .plain(status: entry.httpStatus, body: body, delay: delay)
        case .body(let status, let body):
            return .plain(status: status, body: body, delay: delay)
        case .amend(let status, let patch):
            let normal = serve(session, &state)
            guard status != nil || patch != nil else { return normal.delayed(by: delay) }
            return .amended(normal, status: status, patch: patch, delay: delay)
        case .code:  // excluded by the match above
            return serve(session, &state)
        }
    }
}
