import SimJSON

/// `responseMessages`: a provider's own wording of catalogue codes, per profile or per route.
extension RouteDialect {
    /// `"responseMessages": {"401xx01": "Access Token Invalid"}`: the code as HTTP status + xx + case, the message a
    /// template like the catalogue's (`{field}`, `[{reason}]`); the code itself still comes from the catalogue.
    mutating func readResponseMessages(_ node: FixtureNode, _ problems: inout FixtureProblems) {
        guard let messages = node["responseMessages"], let members = messages.members(&problems) else { return }
        for member in members where !member.key.hasPrefix("_") {
            guard case .string(let text) = member.node.value, !text.isEmpty, text.count <= 150 else {
                problems.add(member.node, "expected a message of 1–150 characters such as \"Access Token Invalid\"")
                continue
            }
            guard let key = Self.caseKey(member.key) else {
                problems.add(member.node, "write the code as HTTP status + xx + case, e.g. \"401xx01\"")
                continue
            }
            let template = MessageTemplate(text)
            guard template.isWellFormed else {
                problems.add(member.node, "unbalanced or empty {placeholder} in \"\(text)\"")
                continue
            }
            responseMessages[key] = template
        }
    }
}
