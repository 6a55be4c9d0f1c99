import SimJSON

/// Reading a profile's dialect settings from `profiles/*.json`: profile-wide ones first, then each route's.
extension RouteDialect {
    /// Members a profile may carry besides `name`, `description` and `services`.
    static let profileFields = [
        "signing", "signatureEncodings", "timestampZones", "expiresIn", "externalId", "channelId",
        "customerTokenScheme", "customerNumberPrefix", "topUpRetry", "responseCodes", "responseMessages",
    ] + signingVariantFields + variantFields
    /// Members a route may carry besides `service`, `method`, `path` and `security`.
    static let routeFields = ["requiredHeaders", "requiredFields", "customerToken", "responseCodes", "responseFields"]
        + ["fieldAliases", "responseMessages"]

    static func readProfileSettings(_ node: FixtureNode, _ problems: inout FixtureProblems) -> RouteDialect {
        var dialect = RouteDialect()
        if let signing = node.choice("signing", required: false, of: ["symmetric", "asymmetric"], &problems) {
            dialect.signing = SigningMode(rawValue: signing)
        }
        if let encodings = node.strings("signatureEncodings", required: false, &problems) {
            let known = SignatureEncoding.allCases.map(\.rawValue)
            for (index, encoding) in encodings.enumerated() where !known.contains(encoding) {
                problems.add(node.file, node.pointer.appending("signatureEncodings").appending(String(index)),
                    "unknown encoding \"\(encoding)\" (known: \(known.joined(separator: ", ")))")
            }
            let parsed = Set(encodings.compactMap(SignatureEncoding.init(rawValue:)))
            if parsed.isEmpty {
                problems.add(node["signatureEncodings"] ?? node, "name at least one encoding (base64, hex)")
            } else {
                dialect.conventions.signatureEncodings = parsed
            }
        }
        if let zones = node.choice("timestampZones", required: false, of: ["any", "jakarta", "utc"], &problems) {
            dialect.conventions.timestampZones = SecurityConventions.TimestampZones(rawValue: zones) ?? .any
        }
        if let style = node.choice("expiresIn", required: false, of: ["string", "number"], &problems) {
            dialect.conventions.expiresIn = SecurityConventions.ExpiresInStyle(rawValue: style) ?? .string
        }
        if let format = node["externalId"], format.expectObject(allowed: ["numericOnly", "maxLength"], &problems) {
            let numeric = format.bool("numericOnly", required: true, &problems)
            let length = format.integer("maxLength", required: true, in: 1...128, &problems)
            if let numeric, let length { dialect.externalID = ExternalIDFormat(numericOnly: numeric, maxLength: length) }
        }
        if let rule = node["channelId"] {
            dialect.channelID = readChannelRule(rule, &problems)
        }
        if let scheme = node.choice(
            "customerTokenScheme", required: false, of: CustomerTokenScheme.allCases.map(\.rawValue), &problems)
        {
            dialect.customerTokenScheme = CustomerTokenScheme(rawValue: scheme) ?? .bearer
        }
        if let prefix = node.string("customerNumberPrefix", required: false, maxLength: 4, &problems) {
            if prefix.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                dialect.customerNumberPrefix = prefix
            } else {
                problems.add(node["customerNumberPrefix"] ?? node, "must be digits, e.g. \"62\"")
            }
        }
        if let retry = node.choice("topUpRetry", required: false, of: TopUpRetry.allCases.map(\.rawValue), &problems) {
            dialect.topUpRetry = TopUpRetry(rawValue: retry) ?? .replay
        }
        dialect.readResponseCodes(node, &problems)
        dialect.readResponseMessages(node, &problems)
        dialect.readSigningVariants(node, &problems)
        dialect.readVariants(node, &problems)
        return dialect
    }

    mutating func readRouteSettings(_ node: FixtureNode, _ problems: inout FixtureProblems) {
        if let headers = node.strings("requiredHeaders", required: false, &problems) {
            requiredHeaders += headers
        }
        if let fields = node.strings("requiredFields", required: false, &problems) {
            for (index, field) in fields.enumerated()
            where field.hasPrefix(".") || field.hasSuffix(".") || field.contains("..") {
                problems.add(node.file, node.pointer.appending("requiredFields").appending(String(index)),
                    "\"\(field)\" is not a dotted member name such as additionalInfo.fundType")
            }
            requiredFields += fields
        }
        if let required = node.bool("customerToken", required: false, &problems) {
            requiresCustomerToken = required
        }
        if let fields = node.strings("responseFields", required: false, &problems) {
            responseFields = fields
        }
        readResponseCodes(node, &problems)
        readResponseMessages(node, &problems)
        readFieldAliases(node, &problems)
    }

    /// `"responseCodes": {"400xx01": "400xx02"}`: both sides HTTP status + xx + case, with the same status.
    private mutating func readResponseCodes(_ node: FixtureNode, _ problems: inout FixtureProblems) {
        guard let codes = node["responseCodes"], let members = codes.members(&problems) else { return }
        for member in members where !member.key.hasPrefix("_") {
            guard case .string(let printed) = member.node.value else {
                problems.add(member.node, "expected a code pattern string such as \"400xx02\"")
                continue
            }
            guard let from = Self.caseKey(member.key), let to = Self.caseKey(printed) else {
                problems.add(member.node, "write both codes as HTTP status + xx + case, e.g. \"400xx01\": \"400xx02\"")
                continue
            }
            guard from.httpStatus == to.httpStatus else {
                problems.add(member.node, "\(member.key) and \(printed) have different HTTP statuses; only the case may change")
                continue
            }
            responseCodes[from] = to
        }
    }

    static func caseKey(_ pattern: String) -> CaseKey? {
        let utf8 = Array(pattern.utf8)
        guard utf8.count == 7, utf8[3] == UInt8(ascii: "x"), utf8[4] == UInt8(ascii: "x") else { return nil }
        return CaseKey(String(decoding: utf8[0..<3] + utf8[5...], as: UTF8.self))
    }

    private static func readChannelRule(_ node: FixtureNode, _ problems: inout FixtureProblems) -> ChannelIDRule {
        guard node.expectObject(allowed: ["equals", "oneOf", "clientIdSuffix"], &problems),
            let members = node.members(&problems)
        else { return .any }
        let given = members.filter { !$0.key.hasPrefix("_") }
        guard given.count == 1 else {
            problems.add(node, "give exactly one of equals, oneOf, clientIdSuffix")
            return .any
        }
        if let value = node.string("equals", required: false, &problems) { return .equals(value) }
        if let values = node.strings("oneOf", required: false, &problems) { return .oneOf(values) }
        if let suffix = node.string("clientIdSuffix", required: false, &problems) { return .clientIDSuffix(suffix) }
        return .any
    }
}
