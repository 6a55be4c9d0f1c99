import SimJSON

/// The SNAP answer body: `responseCode` and `responseMessage`, then the service's fields.
enum SNAPEnvelope {
    /// The body for `key` answered by `service`, with the catalogue's wording for that service.
    static func body(
        _ key: CaseKey, service: ServiceCode, placeholders: [String: String] = [:], fields: JSONObject = [:],
        catalogue: ResponseCatalogue
    ) -> JSONObject {
        var body: JSONObject = [
            "responseCode": .string(ResponseCode(key, service: service).description),
            "responseMessage": .string(catalogue.message(for: key, service: service, placeholders: placeholders)),
        ]
        for member in fields where member.key != "responseCode" && member.key != "responseMessage" {
            body[member.key] = member.value
        }
        return body
    }
}

extension Outcome {
    /// The same outcome, answered `extra` later.
    func delayed(by extra: Duration) -> Outcome {
        guard extra > .zero else { return self }
        switch self {
        case .snap(let key, let fields, let delay): return .snap(key: key, fields: fields, delay: delay + extra)
        case .rejected(let error, let delay): return .rejected(error, delay: delay + extra)
        case .plain(let status, let body, let delay): return .plain(status: status, body: body, delay: delay + extra)
        case .fault(let action, let delay): return .fault(action, delay: delay + extra)
        case .amended(let base, let status, let patch, let delay):
            return .amended(base, status: status, patch: patch, delay: delay + extra)
        }
    }

    /// How long the outcome waits before it is sent.
    var delay: Duration {
        switch self {
        case .snap(_, _, let delay), .rejected(_, let delay), .plain(_, _, let delay), .fault(_, let delay): delay
        case .amended(let base, _, _, let delay): base.delay + delay
        }
    }
}
