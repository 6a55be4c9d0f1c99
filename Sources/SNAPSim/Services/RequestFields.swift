import SimJSON

/// Reads and validates the members of a request body, throwing the SNAP error that names the field.
///
/// Missing, `null` or empty mandatory members → `400xx02 Invalid Mandatory Field {field}`; present but of the
/// wrong type, length or form → `400xx01 Invalid Field Format {field}`. Nested names are dotted
/// (`additionalInfo.msId`), as SNAP messages print them.
struct RequestFields {
    let object: JSONObject
    /// Prefix for nested objects' field names (`additionalInfo.`).
    let prefix: String
    /// Set only when the OpenAPI document reads the service's schema (``FieldProbe``): every read is recorded
    /// and answered with a valid sample instead of the body's member. `nil` when serving.
    let probe: FieldProbe?

    init(_ object: JSONObject, prefix: String = "", probe: FieldProbe? = nil) {
        self.object = object
        self.prefix = prefix
        self.probe = probe
    }

    private func name(_ field: String) -> String { prefix + field }

    private func present(_ field: String) -> JSONValue? {
        // A pattern, not `!= .null` (an `==` of two enum values per field read).
        guard let value = object[field] else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// A string of `1...maxLength` characters; `nil` when optional and absent.
    func string(_ field: String, required: Bool, maxLength: Int) throws(SNAPError) -> String? {
        if let probe { return probe.string(name(field), required: required, maxLength: maxLength) }
        guard let value = present(field) else {
            if required { throw missing(field) }
            return nil
        }
        guard case .string(let text) = value else {
            throw format(field, "must be a string, got \(value.typeName)", received: value)
        }
        if text.isEmpty {
            if required { throw missing(field) }
            throw format(field, "must not be empty", received: value)
        }
        guard text.hasAtMost(maxLength) else {
            throw format(field, "must be at most \(maxLength) characters, got \(text.count)", received: value)
        }
        return text
    }

    /// A mandatory string.
    func required(_ field: String, maxLength: Int) throws(SNAPError) -> String {
        guard let text = try string(field, required: true, maxLength: maxLength) else { throw missing(field) }
        return text
    }

    /// A customer number: `08` then digits, at most `maxLength` characters.
    func customerNumber(_ field: String, required: Bool, maxLength: Int) throws(SNAPError) -> String? {
        if let probe { return probe.customerNumber(name(field), required: required, maxLength: maxLength) }
        guard let text = try string(field, required: required, maxLength: maxLength) else { return nil }
        guard EMoneyCustomer.isWellFormedNumber(text, maxLength: maxLength) else {
            throw format(field, "must be a phone number in 08xx format: 08 then digits, at most \(maxLength)",
                received: .string(text))
        }
        return text
    }

    /// A string of digits only.
    func digits(_ field: String, required: Bool, maxLength: Int) throws(SNAPError) -> String? {
        if let probe { return probe.digits(name(field), required: required, maxLength: maxLength) }
        guard let text = try string(field, required: required, maxLength: maxLength) else { return nil }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw format(field, "must be digits only", received: .string(text))
        }
        return text
    }

    /// An ISO-8601 timestamp with zone, such as `2022-11-15T14:56:11+07:00`.
    func timestamp(_ field: String, required: Bool) throws(SNAPError) -> ISO8601Timestamp? {
        if let probe { return probe.timestamp(name(field), required: required) }
        guard let text = try string(field, required: required, maxLength: 35) else { return nil }
        guard let timestamp = ISO8601Timestamp(text) else {
            throw format(field, "must be an ISO-8601 date-time with zone, e.g. 2022-11-15T14:56:11+07:00",
                received: .string(text))
        }
        return timestamp
    }

    /// A SNAP amount object; see ``Amount/init(request:field:)``.
    func amount(_ field: String, required: Bool) throws(SNAPError) -> Amount? {
        if let probe { return probe.amount(name(field), required: required) }
        // One look-up: an absent member and `null` are alike to `Amount(request:field:)` (both mandatory).
        let member = present(field)
        guard member != nil || required else { return nil }
        return try Amount(request: member, field: name(field))
    }

    /// A nested object's fields; `nil` when optional and absent.
    func object(_ field: String, required: Bool) throws(SNAPError) -> RequestFields? {
        if let probe {
            probe.object(name(field), required: required)
            return RequestFields(JSONObject(), prefix: name(field) + ".", probe: probe)
        }
        guard let value = present(field) else {
            if required { throw missing(field) }
            return nil
        }
        guard case .object(let nested) = value else {
            throw format(field, "must be an object, got \(value.typeName)", received: value)
        }
        return RequestFields(nested, prefix: name(field) + ".")
    }

    /// An array of strings of at most `maxLength` characters each.
    func strings(_ field: String, required: Bool, maxLength: Int) throws(SNAPError) -> [String]? {
        if let probe { return probe.strings(name(field), required: required, maxLength: maxLength) }
        guard let value = present(field) else {
            if required { throw missing(field) }
            return nil
        }
        guard case .array(let elements) = value else {
            throw format(field, "must be an array of strings, got \(value.typeName)", received: value)
        }
        var texts: [String] = []
        for element in elements {
            guard case .string(let text) = element, !text.isEmpty, text.hasAtMost(maxLength) else {
                throw format(field, "must hold non-empty strings of at most \(maxLength) characters", received: value)
            }
            texts.append(text)
        }
        return texts
    }

    // MARK: - Errors

    func missing(_ field: String) -> SNAPError {
        probe?.missing(name(field))
        return SNAPError.invalidMandatoryField(name(field)).explained(["summary": .string("\(name(field)) is mandatory")])
    }

    func format(_ field: String, _ reason: String, received: JSONValue) -> SNAPError {
        probe?.constraint(name(field), reason)
        return SNAPError.invalidFieldFormat(name(field)).explained([
            "summary": .string("\(name(field)) \(reason)"), "received": received,
        ])
    }
}

extension String {
    /// `count <= limit`, without counting characters (grapheme breaking, ~50 instructions a character) when the
    /// UTF-8 length already proves it: every character takes at least one byte.
    fileprivate func hasAtMost(_ limit: Int) -> Bool { utf8.count <= limit || count <= limit }
}
