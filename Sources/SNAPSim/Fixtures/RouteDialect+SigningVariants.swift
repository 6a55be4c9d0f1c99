import SimJSON

/// Reading a profile's string-to-sign variants (``SigningVariants``): `signedPathStripPrefix`, `signedFullPath`
/// and `bodyHash`.
extension RouteDialect {
    static let signingVariantFields = ["signedPathStripPrefix", "signedFullPath", "bodyHash"]

    mutating func readSigningVariants(_ node: FixtureNode, _ problems: inout FixtureProblems) {
        var variants = conventions.signingVariants
        if let prefix = node.string("signedPathStripPrefix", required: false, &problems) {
            if prefix.hasPrefix("/"), !prefix.hasSuffix("/"), !prefix.contains("?") {
                variants.strippedPathPrefix = prefix
            } else {
                problems.add(node["signedPathStripPrefix"] ?? node, "write a path prefix such as \"/nicepay\": leading /, no trailing /")
            }
        }
        if let full = node.bool("signedFullPath", required: false, &problems) {
            variants.acceptsFullPath = full
        }
        if let inputs = node.strings("bodyHash", required: false, &problems) {
            let known = SigningVariants.BodyHashInput.allCases.map(\.rawValue)
            let parsed = inputs.compactMap(SigningVariants.BodyHashInput.init(rawValue:))
            if parsed.count != inputs.count || parsed.isEmpty {
                problems.add(node["bodyHash"] ?? node, "name one or more of \(known.joined(separator: ", ")), preferred first")
            } else {
                variants.bodyHashInputs = parsed
            }
        }
        conventions.signingVariants = variants
    }
}

/// Reading a route's `fieldAliases` and applying them.
extension RouteDialect {
    /// `"fieldAliases": {"merchantId": "accountNo"}`.
    mutating func readFieldAliases(_ node: FixtureNode, _ problems: inout FixtureProblems) {
        guard let aliases = node["fieldAliases"], let members = aliases.members(&problems) else { return }
        for member in members where !member.key.hasPrefix("_") {
            guard case .string(let target) = member.node.value, !target.isEmpty else {
                problems.add(member.node, "expected the service's member name, e.g. \"accountNo\"")
                continue
            }
            fieldAliases[member.key] = target
        }
    }
}

extension DialectTranslation {
    /// The body with each alias present copied to its service name when that name is absent (sorted, so the
    /// result never depends on dictionary order).
    func applyingAliases(_ object: JSONObject) -> JSONObject {
        guard !dialect.fieldAliases.isEmpty else { return object }
        var translated = object
        for (alias, target) in dialect.fieldAliases.sorted(by: { $0.key < $1.key }) {
            if translated[target] == nil, let value = object[alias] { translated[target] = value }
        }
        return translated
    }
}
