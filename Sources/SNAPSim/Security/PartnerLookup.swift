import SimJSON

/// Finding the partner a request names, and explaining when none matches.
enum PartnerLookup {
    /// The fixture partner with `clientId`.
    static func partner(_ clientId: String, in fixtures: LoadedFixtures) -> Partner? {
        if let partner = fixtures.partners[clientId], partner.clientId == clientId { return partner }
        return fixtures.partners.values.first { $0.clientId == clientId }
    }

    /// 401xx00 `Unauthorized. [Unknown client]` for a client id sent in `header`. It never lists the partners
    /// the simulator knows: tenants of a shared sandbox must not learn each other's client ids.
    static func unknownClient(_ clientId: String, header: String, fixtures: LoadedFixtures) -> SNAPError {
        var explanation = RejectionExplanation(
            .client, summary: "Unknown client: \(header) `\(clientId.clipped(to: 80))` is not a partner in the fixtures",
            expected: "\(header) = the client id of a partner in the fixtures", received: clientId)
        let known = fixtures.partners.values.map(\.clientId).sorted()
        if let near = known.first(where: { $0.lowercased() == clientId.lowercased() }) {
            explanation.diagnosis.append(.init(
                cause: "client-id-case", summary: "the client id differs only in letter case",
                detail: "Client ids are case-sensitive: did you mean `\(near)`?"))
        }
        explanation.hint = "Partners come from the fixtures (partners.json); the sandbox demo partner is snapsim-demo."
        return SNAPError.unauthorized("Unknown client").explained(explanation)
    }
}
