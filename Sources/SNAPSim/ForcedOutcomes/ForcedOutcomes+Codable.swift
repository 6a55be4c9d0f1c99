import SimJSON

/// A partner's forced outcomes are coded as the requests that made them (`when` and `then` as sent), with their
/// ids and counts; decoding reads each request again against the fixtures in force, passed in the decoder's
/// ``CodingUserInfoKey/fixtures``, so a rule is built by one reader only and never coded field by field.
extension ForcedOutcomes: Codable {
    private enum CodingKeys: String, CodingKey {
        case all, lastNumber
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        lastNumber = try container.decode(Int.self, forKey: .lastNumber)
        // Through `add`, whose change of `all` rebuilds the rule book.
        for outcome in try container.decode([ForcedOutcome].self, forKey: .all) { add(outcome) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastNumber, forKey: .lastNumber)
        try container.encode(all, forKey: .all)
    }
}

extension ForcedOutcome: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, partner, remaining, used, when, then, description
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let fixtures = decoder.userInfo[.fixtures] as? LoadedFixtures else {
            throw DecodingError.dataCorruptedError(
                forKey: .id, in: container, debugDescription: "a forced outcome decodes only against fixtures")
        }
        var body: JSONObject = [
            "partner": .string(try container.decode(String.self, forKey: .partner)),
            "when": try container.decode(JSONValue.self, forKey: .when),
            "then": try container.decode(JSONValue.self, forKey: .then),
        ]
        if let description = try container.decodeIfPresent(String.self, forKey: .description) {
            body["description"] = .string(description)
        }
        switch ForcedOutcome.read(.object(body), fixtures: fixtures) {
        case .success(let outcome):
            self = outcome
        case .failure(let error):
            throw DecodingError.dataCorruptedError(
                forKey: .then, in: container, debugDescription: "a forced outcome no longer reads: \(error)")
        }
        id = try container.decode(String.self, forKey: .id)
        rule.id = id
        remaining = try container.decodeIfPresent(Int.self, forKey: .remaining)
        used = try container.decode(Int.self, forKey: .used)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(partner, forKey: .partner)
        try container.encodeIfPresent(remaining, forKey: .remaining)
        try container.encode(used, forKey: .used)
        try container.encode(when, forKey: .when)
        try container.encode(then, forKey: .then)
        try container.encodeIfPresent(rule.description, forKey: .description)
    }
}

extension CodingUserInfoKey {
    /// The ``LoadedFixtures`` a snapshot is decoded against (forced outcomes are read again with them).
    public static let fixtures = CodingUserInfoKey(rawValue: "snapsim.fixtures")!
}
