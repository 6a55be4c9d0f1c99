import SimJSON

/// The request and answer rewrites a profile asks of every service, so the services themselves speak only
/// the ledger's form: customer numbers written with an international prefix (DANA's `628…` for `08…`), and
/// members a provider makes mandatory beyond SNAP (DANA's `additionalInfo.fundType`).
struct DialectTranslation {
    let dialect: RouteDialect

    /// The body with `customerNumber` in the ledger's `08…` form.
    func toLedger(_ object: JSONObject) -> JSONObject {
        let object = applyingAliases(object)
        guard let prefix = dialect.customerNumberPrefix, let number = object["customerNumber"]?.stringValue,
            number.hasPrefix(prefix)
        else { return object }
        var translated = object
        translated["customerNumber"] = .string("0" + number.dropFirst(prefix.count))
        return translated
    }

    /// An answer's fields with `customerNumber` (masked or not) in the partner's form, and nested objects cut
    /// to the members the profile's `responseFields` lists for them (see ``nestedShape(_:)``). The renderer
    /// applies it to every answer, before any rule patch.
    func toPartner(_ fields: JSONObject) -> JSONObject {
        nestedShape(customerNumberForm(fields))
    }

    /// Keeps, inside a success's nested objects, only the members `responseFields` names with dots
    /// (`virtualAccountData.trxId`): DOKU's models refuse members they do not know at every level. An object
    /// with no dotted entry is kept whole; the top level is the renderer's to filter.
    private func nestedShape(_ fields: JSONObject) -> JSONObject {
        guard let kept = dialect.responseFields, kept.contains(where: { $0.contains(".") }) else { return fields }
        return Self.filter(fields, kept: kept, path: "")
    }

    private static func filter(_ object: JSONObject, kept: [String], path: String) -> JSONObject {
        let prefix = path.isEmpty ? "" : path + "."
        let restricts = !path.isEmpty && kept.contains { $0.hasPrefix(prefix) }
        let members = object.members.compactMap { member -> (String, JSONValue)? in
            let name = prefix + member.key
            if restricts, !kept.contains(name) { return nil }
            guard case .object(let nested) = member.value else { return (member.key, member.value) }
            return (member.key, .object(filter(nested, kept: kept, path: name)))
        }
        return JSONObject(members)
    }

    private func customerNumberForm(_ fields: JSONObject) -> JSONObject {
        guard let prefix = dialect.customerNumberPrefix, let number = fields["customerNumber"]?.stringValue,
            number.hasPrefix("0")
        else { return fields }
        var translated = fields
        translated["customerNumber"] = .string(prefix + number.dropFirst())
        return translated
    }

    /// Throws 400xx02 naming the first of the profile's required members that is missing, `null` or empty.
    func checkRequiredFields(_ object: JSONObject) throws(SNAPError) {
        for path in dialect.requiredFields {
            var value: JSONValue? = .object(object)
            for name in path.split(separator: ".") {
                value = value?.objectValue?[String(name)]
            }
            let present: Bool
            switch value {
            case nil, .null?: present = false
            case .string(let text)?: present = !text.isEmpty
            default: present = true
            }
            guard present else {
                throw SNAPError.invalidMandatoryField(path).explained([
                    "summary": .string("\(path) is mandatory in this provider's dialect"),
                ])
            }
        }
    }
}
