import SimJSON

/// Reading the response-code catalogue from `response-codes.json`.
enum CatalogueFile {
    static let fields = ["code", "httpStatus", "message", "meaning"]

    /// `403xx04` (general) or `4033704` (one service) → the case key and the service, if any.
    static func parsePattern(_ text: String) -> (key: CaseKey, service: ServiceCode?)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 7 else { return nil }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard bytes[0..<3].allSatisfy(isDigit), bytes[5..<7].allSatisfy(isDigit),
            let status = Int(String(decoding: bytes[0..<3], as: UTF8.self))
        else { return nil }
        let key = CaseKey(httpStatus: status, caseCode: String(decoding: bytes[5..<7], as: UTF8.self))
        let middle = String(decoding: bytes[3..<5], as: UTF8.self)
        if middle == "xx" || middle == "XX" { return (key, nil) }
        guard let service = ServiceCode(rawValue: middle) else { return nil }
        return (key, service)
    }

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> ResponseCatalogue.Entry? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let code = node.string("code", required: true, &problems)
        let status = node.integer("httpStatus", required: true, in: 100...599, &problems)
        let message = node.string("message", required: true, maxLength: 150, &problems)
        let meaning = node.string("meaning", required: false, &problems)
        guard let code else { return nil }
        guard let pattern = parsePattern(code) else {
            problems.add(node["code"] ?? node, "\"\(code)\" is not a code pattern: write HTTP status + xx + case (\"403xx04\") or a full code (\"4033704\")")
            return nil
        }
        if let status, status != pattern.key.httpStatus {
            problems.add(node["httpStatus"] ?? node, "httpStatus \(status) disagrees with code \(code), whose first three digits are the HTTP status \(pattern.key.httpStatus)")
            return nil
        }
        guard let message, status != nil else { return nil }
        let template = MessageTemplate(message)
        guard template.isWellFormed else {
            problems.add(node["message"] ?? node, "unbalanced or empty {placeholder} in \"\(message)\" (names are letters and digits, e.g. {field})")
            return nil
        }
        return ResponseCatalogue.Entry(key: pattern.key, service: pattern.service, message: template, meaning: meaning)
    }
}
