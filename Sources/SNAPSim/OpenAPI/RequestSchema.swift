import SimHTTP
import SimJSON

/// The JSON Schema of a route's request body, read from the service itself (see ``FieldProbe``) and from the
/// route's dialect (members the profile makes mandatory, aliases, the customer-number form).
enum RequestSchema {
    /// The body schema of `route`, or `nil` when the route reads no JSON body (GET, E2Pay's forms).
    static func body(of route: Route, fixtures: LoadedFixtures) -> JSONValue? {
        switch route.security {
        case .e2pay:
            return nil
        case .accessToken:
            return tokenBody(route.serviceName)
        case .transaction, .bearer:
            guard let service = ServiceRegistry.services.first(where: { $0.descriptor.name == route.serviceName }) else {
                return nil
            }
            return schema(probing(service, route, fixtures), route.dialect)
        }
    }

    /// The members `service` reads on `route`, in reading order, with the profile's required members added.
    static func probing(_ service: any SNAPService, _ route: Route, _ fixtures: LoadedFixtures) -> [FieldProbe.Field] {
        let partner = fixtures.partners.values.sorted { $0.clientId < $1.clientId }
            .first { ($0.profile ?? fixtures.engine.defaultProfile) == route.profile }
            ?? Partner(clientId: "openapi-probe", name: "OpenAPI probe", clientSecret: "", publicKey: "")
        // Valid forms for the members whose checks go beyond the accessor, so the probe reads past them.
        let probe = FieldProbe(samples: [
            "partnerServiceId": "   12345", "customerNo": "0001", "virtualAccountNo": "   123450001",
            "orderNo": "ORDER0001", "merchantId": partner.clientId, "merchant.merchantId": partner.clientId,
        ])
        let time = SimTime(millisecondsSince1970: 1_768_442_400_000)
        let exchange = Exchange(
            request: HTTPRequest(method: .post, target: "/", body: Array("{}".utf8)), route: route, receivedAt: time)
        let request = ServiceRequest(
            exchange: exchange, caller: AuthenticatedCaller(partner: partner, externalID: "1"), fixtures: fixtures,
            fields: RequestFields(JSONObject(), probe: probe))
        // A scratch state: the probe's answer, if any, is thrown away with it.
        var state = PartnerState(ledger: fixtures.ledger, ids: IDGenerator(seed: 0))
        state.ledger.open(at: time)
        _ = try? service.respond(to: request, state: &state)
        var fields = probe.fields
        for name in route.dialect.requiredFields {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                fields[index].required = true
            } else {
                fields.append(FieldProbe.Field(name: name, kind: .unknown, required: true))
            }
        }
        // A member the profile lets partners send under another name is not required under its own.
        for index in fields.indices where route.dialect.fieldAliases.values.contains(fields[index].name) {
            fields[index].required = false
        }
        return fields
    }

    /// An object schema of `fields`; nested members go under their parent object.
    static func schema(_ fields: [FieldProbe.Field], _ dialect: RouteDialect) -> JSONValue {
        var root = ObjectSchema()
        for field in fields {
            root.insert(field, path: field.name.split(separator: ".").map(String.init)[...], dialect: dialect)
        }
        return root.json
    }

    /// Token requests ignore `additionalInfo`, whatever its type: DOKU's SDK sends `""`.
    private static let ignoredAdditionalInfo: JSONValue = [
        "description": "ignored, any JSON value (ASPI: an object; DOKU's SDK sends an empty string)",
    ]

    /// Token requests are read by the security pipeline, not by a service.
    static func tokenBody(_ serviceName: String) -> JSONValue {
        if serviceName == ServiceDescriptor.accessTokenB2B2C.name {
            return [
                "type": "object",
                "required": ["grantType"],
                "properties": [
                    "grantType": [
                        "type": "string", "enum": ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
                        "description": "compared without letter case",
                    ],
                    "authCode": ["type": "string", "maxLength": 256, "description": "mandatory with AUTHORIZATION_CODE"],
                    "refreshToken": ["type": "string", "maxLength": 512, "description": "mandatory with REFRESH_TOKEN"],
                    "additionalInfo": ignoredAdditionalInfo,
                ],
            ]
        }
        return [
            "type": "object",
            "required": ["grantType"],
            "properties": [
                "grantType": ["type": "string", "enum": [.string(AccessTokenIssuer.grantType)]],
                "additionalInfo": ignoredAdditionalInfo,
            ],
        ]
    }
}

/// An object schema being built from dotted member names.
private struct ObjectSchema {
    var properties: [(name: String, schema: JSONValue?, nested: ObjectSchema?)] = []
    var required: [String] = []
    var description: String?

    mutating func insert(_ field: FieldProbe.Field, path: ArraySlice<String>, dialect: RouteDialect) {
        guard let name = path.first else { return }
        let index = properties.firstIndex { $0.name == name } ?? {
            properties.append((name, nil, nil))
            return properties.count - 1
        }()
        if path.count == 1 {
            if field.kind == .object {
                properties[index].nested = properties[index].nested ?? ObjectSchema()
                properties[index].nested?.description = Self.describe(field)
            } else if properties[index].nested == nil {
                properties[index].schema = Self.member(field, name: name, dialect: dialect)
            }
            if field.required, !required.contains(name) { required.append(name) }
            return
        }
        var nested = properties[index].nested ?? ObjectSchema()
        nested.insert(field, path: path.dropFirst(), dialect: dialect)
        properties[index].nested = nested
    }

    var json: JSONValue {
        var object: JSONObject = ["type": "object"]
        if let description { object["description"] = .string(description) }
        if !required.isEmpty { object["required"] = .array(required.map(JSONValue.string)) }
        if !properties.isEmpty {
            object["properties"] = .object(JSONObject(properties.map { property in
                (property.name, property.nested?.json ?? property.schema ?? ["type": "object"])
            }))
        }
        return .object(object)
    }

    static func describe(_ field: FieldProbe.Field) -> String? {
        field.constraints.isEmpty ? nil : field.constraints.joined(separator: "; ")
    }

    /// The schema of one member. Types are what the accessor takes; lengths and forms are left to the
    /// description where the service's check is stricter than JSON Schema can say.
    static func member(_ field: FieldProbe.Field, name: String, dialect: RouteDialect) -> JSONValue {
        var schema: JSONObject
        switch field.kind {
        case .string:
            schema = ["type": "string"]
        case .digits:
            schema = ["type": "string", "pattern": "^[0-9]+$"]
        case .customerNumber:
            let form = dialect.customerNumberPrefix.map { "08… digits (also written \($0)8…)" } ?? "08… digits"
            schema = ["type": "string", "description": .string(form)]
        case .timestamp:
            schema = ["type": "string", "format": "date-time", "examples": ["2026-01-15T09:00:00+07:00"]]
        case .amount:
            schema = [
                "type": "object", "required": ["value", "currency"],
                "properties": [
                    "value": ["type": "string", "pattern": "^[0-9]{1,14}\\.[0-9]{2}$", "examples": ["10000.00"]],
                    "currency": ["type": "string", "examples": [.string(Amount.rupiah)]],
                ],
            ]
        case .object:
            schema = ["type": "object"]
        case .strings:
            schema = ["type": "array", "items": ["type": "string"]]
        case .unknown:
            schema = [:]
        }
        if let maxLength = field.maxLength, field.kind != .timestamp {
            if field.kind == .strings {
                schema["items"] = ["type": "string", "minLength": 1, "maxLength": .number(String(maxLength))]
            } else {
                schema["maxLength"] = .number(String(maxLength))
            }
        }
        if let description = describe(field) {
            let existing = schema["description"]?.stringValue.map { $0 + "; " } ?? ""
            schema["description"] = .string(existing + description)
        }
        if let alias = dialect.fieldAliases.first(where: { $0.value == name })?.key {
            let existing = schema["description"]?.stringValue.map { $0 + "; " } ?? ""
            schema["description"] = .string(existing + "may be sent as \(alias)")
        }
        return .object(schema)
    }
}
