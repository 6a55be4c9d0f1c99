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
        let result = simulator.addForcedOutcome(body)
        switch result {
        case .success(let outcome): return json(201, outcome.json)
        case .failure(let error): return problems("Forced outcome not added: fix the request body.", error.problems)
        }
    }

    private func listFaults(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let partner = try partner(request, required: false)
        let ids = partner.map { [$0] } ?? simulator.partnersWithState
        let outcomes = ids.flatMap { simulator.partnerState($0)?.forcedOutcomes.all ?? [] }
        return json(200, ["count": .int(outcomes.count), "faults": .array(outcomes.map(\.json))])
    }

    private func clearFaults(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let partner = try partner(request, required: false)
        let id = request.queryValue("id")
        if id != nil, partner == nil {
            return error(400, "Fault ids are per partner: give ?partner=<clientId>&id=<id>.")
        }
        let ids = partner.map { [$0] } ?? simulator.partnersWithState
        let cleared = ids.reduce(0) { $0 + simulator.clearForcedOutcomes(of: $1, id: id) }
        if let id, cleared == 0 {
            return error(404, "Partner \(partner ?? "") has no forced outcome \"\(id)\"; GET /_sim/faults lists them.")
        }
        return json(200, ["cleared": .int(cleared)])
    }
}
