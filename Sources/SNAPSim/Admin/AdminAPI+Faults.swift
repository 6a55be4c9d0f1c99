import SimHTTP
import SimJSON

/// `POST`/`GET`/`DELETE /_sim/faults`: answers forced on a partner's next requests.
extension AdminAPI {
    func faults(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        switch request.method {
        case .post: return try addFault(request)
        case .get: return try listFaults(request)
        case .delete: return try clearFaults(request)
        default: throw notAllowed(request, allowed: "POST, GET, DELETE")
        }
    }

    private func addFault(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let usage = #"Send {"partner": "<clientId>", "when": {"service": "emoney-topup"}, "then": {"fault": "closeConnection"}, "times": 1}."#
        let body = try jsonBody(request, usage: usage)
        // Read under the lock: the partner and the rule ids checked are those of the set in force.
        let result = simulator.withState { state in
            ForcedOutcome.read(body, fixtures: state.fixtures).map { read in
                var outcome = read
                let ruleIds = Set(state.fixtures.rules.rules.map(\.id))
                state.partners.with(outcome.partner) { partnerState in
                    outcome.id = partnerState.forcedOutcomes.nextId(avoiding: ruleIds)
                    outcome.rule.id = outcome.id
                    partnerState.forcedOutcomes.add(outcome)
                }
                return outcome
            }
        }
        switch result {
        case .success(let outcome): return json(201, outcome.json)
        case .failure(let error): return problems("Forced outcome not added: fix the request body.", error.problems)
        }
    }

    private func listFaults(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let partner = try partner(request, required: false)
        let outcomes = simulator.withState { state in
            let ids = partner.map { [$0] } ?? state.partners.clientIds
            return ids.flatMap { state.partners.existing($0)?.forcedOutcomes.all ?? [] }
        }
        return json(200, ["count": .int(outcomes.count), "faults": .array(outcomes.map(\.json))])
    }

    private func clearFaults(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let partner = try partner(request, required: false)
        let id = request.queryValue("id")
        if id != nil, partner == nil {
            return error(400, "Fault ids are per partner: give ?partner=<clientId>&id=<id>.")
        }
        let cleared = simulator.withState { state in
            let ids = partner.map { [$0] } ?? state.partners.clientIds
            var cleared = 0
            for clientId in ids where state.partners.existing(clientId) != nil {
                cleared += state.partners.with(clientId) { $0.forcedOutcomes.clear(id) }
            }
            return cleared
        }
        if let id, cleared == 0 {
            return error(404, "Partner \(partner ?? "") has no forced outcome \"\(id)\"; GET /_sim/faults lists them.")
        }
        return json(200, ["cleared": .int(cleared)])
    }
}
