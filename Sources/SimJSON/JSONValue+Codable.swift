/// A value is coded as its compact JSON text, so number texts, member order and string escapes survive exactly
/// (a keyed encoding through `JSONEncoder` would turn `"2.5e3"` into a Double and could reorder nothing back).
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(JSONSyntaxError) {
            self = try JSONParser.parse(Array(text.utf8), limits: .decoding, duplicates: .lastWins)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value: \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(compactText)
    }
}

extension JSONLimits {
    /// Limits for reading back what this process wrote: as deep as supported, with no size caps.
    static let decoding = JSONLimits(
        maximumDepth: JSONLimits.deepestSupported, maximumMembers: Int.max, maximumStringLength: Int.max)
}

/// Coded as its JSON text, like ``JSONValue``.
extension JSONObject: Codable {
    public init(from decoder: any Decoder) throws {
        guard case .object(let object) = try JSONValue(from: decoder) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a JSON object"))
        }
        self = object
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(self).encode(to: encoder)
    }
}
