import SimJSON

/// The headers and security requirements of a route, read from the same lists the security pipeline checks
/// (``MandatoryHeaders``, ``SmilePayzAuthenticator/headers``, the route's dialect).
enum OpenAPISecurity {
    /// The header parameters the pipeline requires on `route`, besides `X-SIGNATURE` and `Authorization`
    /// (security schemes).
    static func headers(for route: Route) -> [JSONValue] {
        let dialect = route.dialect
        let names: [String]
        switch route.security {
        case .accessToken:
            names = MandatoryHeaders.accessTokenRequest
        case .transaction where dialect.requestSigning == .smilepayz:
            names = SmilePayzAuthenticator.headers
        case .transaction:
            names = MandatoryHeaders.transaction + dialect.requiredHeaders
        case .bearer, .e2pay:
            names = []
        }
        var parameters = names.filter { $0 != SecurityHeader.signature }.map { header($0, dialect: dialect) }
        if route.security == .transaction, dialect.requiresCustomerToken {
            let form = dialect.customerTokenScheme == .bearer ? "Bearer <customer accessToken>" : "<customer accessToken>"
            parameters.append(parameter(
                "Authorization-Customer", schema: ["type": "string"],
                description: "The B2B2C customer token (access-token/b2b2c), written \(form)"))
        }
        return parameters
    }

    private static func header(_ name: String, dialect: RouteDialect) -> JSONValue {
        switch name {
        case SecurityHeader.timestamp:
            return parameter(name, schema: ["type": "string", "examples": ["2026-01-15T09:00:00+07:00"]],
                description: "ISO-8601 with zone (zones accepted: \(dialect.conventions.timestampZones.rawValue)); within the simulator's skew of its clock")
        case SecurityHeader.clientKey:
            return parameter(name, schema: ["type": "string"], description: "The partner's client id")
        case SecurityHeader.partnerID:
            return parameter(name, schema: ["type": "string"], description: "The partner's client id")
        case SecurityHeader.externalID:
            var schema: JSONObject = ["type": "string"]
            var text = "Unique per partner per Jakarta day; a second use is 409xx00"
            if let format = dialect.externalID {
                schema["maxLength"] = .number(String(format.maxLength))
                if format.numericOnly { schema["pattern"] = "^[0-9]+$" }
                text += format.numericOnly ? " (digits only)" : ""
            }
            return parameter(name, schema: .object(schema), description: text)
        case SecurityHeader.channelID:
            var schema: JSONObject = ["type": "string"]
            switch dialect.channelID {
            case .equals(let value): schema["enum"] = [.string(value)]
            case .oneOf(let values): schema["enum"] = .array(values.map(JSONValue.string))
            case .any, .clientIDSuffix: break
            }
            return parameter(name, schema: .object(schema),
                description: "Channel: \(dialect.channelID.expectation(clientId: "<client id>")); the partner's channelId when it has one")
        default:
            return parameter(name, schema: ["type": "string"], description: "Required by this provider on this route")
        }
    }

    private static func parameter(_ name: String, schema: JSONValue, description: String) -> JSONValue {
        ["name": .string(name), "in": "header", "required": true, "description": .string(description), "schema": schema]
    }

    /// The OpenAPI security requirement of `route`: alternatives, each a set of schemes used together.
    static func requirements(for route: Route) -> JSONValue {
        let symmetric: JSONValue = [["bearerAccessToken": [], "snapSymmetricSignature": []]]
        let asymmetric: JSONValue = [["snapAsymmetricSignature": []]]
        switch route.security {
        case .accessToken:
            return [["snapTokenSignature": []]]
        case .bearer:
            return [["bearerAccessToken": []]]
        case .e2pay:
            if route.serviceName == ServiceDescriptor.e2payToken.name
                || route.serviceName == ServiceDescriptor.e2payAuthorization.name
            {
                return []
            }
            return [["e2payBearer": []]]
        case .transaction where route.dialect.requestSigning == .smilepayz:
            return [["smilePayzSignature": []]]
        case .transaction:
            switch route.dialect.signing {
            case .symmetric?: return symmetric
            case .asymmetric?: return asymmetric
            case nil: return .array((symmetric.arrayValue ?? []) + (asymmetric.arrayValue ?? []))
            }
        }
    }

    /// How the route is secured, in words.
    static func describe(_ route: Route) -> String {
        let service = "Service `\(route.serviceName)` (code \(route.serviceCode)) of the `\(route.profile)` profile. "
        switch route.security {
        case .accessToken:
            return service + "A token request: X-CLIENT-KEY, X-TIMESTAMP and X-SIGNATURE = SHA256withRSA(clientKey|X-TIMESTAMP)."
        case .bearer:
            return service + "Only Authorization: Bearer <B2B access token>."
        case .e2pay:
            return service + "E2Pay's OAuth2: host and user bearer tokens from /switching/rest/oauth/token (form-encoded bodies)."
        case .transaction where route.dialect.requestSigning == .smilepayz:
            return service + "SmilePayz signing: X-SIGNATURE = SHA256withRSA(X-TIMESTAMP|merchant secret|minify(body)); no access token."
        case .transaction:
            var text = service + "A SNAP transaction: signed per the partner's mode (see the security schemes)"
            if let signing = route.dialect.signing { text += "; this provider signs \(signing.rawValue)ally" }
            if route.dialect.requiresCustomerToken { text += "; needs a B2B2C customer token in Authorization-Customer" }
            return text + "."
        }
    }
}
