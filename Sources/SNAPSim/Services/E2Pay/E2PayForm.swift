import SimHTTP
import SimJSON

/// The fields of an E2Pay request body: `application/x-www-form-urlencoded` on the token routes, JSON elsewhere.
struct E2PayForm: Sendable {
    private var values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    /// Reads a form-encoded body (`a=1&b=x+y`); a JSON body is refused naming the content type expected.
    static func form(_ request: HTTPRequest) throws(E2PayRefusal) -> E2PayForm {
        let text = String(decoding: request.body, as: UTF8.self)
        if text.first == "{" {
            throw E2PayRefusal(.validationError,
                "send the token request as application/x-www-form-urlencoded (grant_type=…&client_id=…), not JSON")
        }
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            if values[key] == nil { values[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return E2PayForm(values)
    }

    /// Reads a JSON object body; members that are strings, numbers or booleans keep their text.
    static func json(_ request: HTTPRequest) throws(E2PayRefusal) -> E2PayForm {
        guard case .object(let object)? = try? JSONParser.parse(request.body) else {
            throw E2PayRefusal(.validationError, "the body must be a JSON object")
        }
        var values: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case .string(let text): values[key] = text
            case .number(let text): values[key] = text
            case .bool(let flag): values[key] = flag ? "true" : "false"
            default: continue
            }
        }
        return E2PayForm(values)
    }

    /// Percent-decodes one form component, `+` meaning a space (the query decoder does the rest).
    private static func decode(_ part: Substring) -> String {
        let spaced = part.split(separator: "+", omittingEmptySubsequences: false).joined(separator: "%20")
        return HTTPRequest(method: .get, target: "/?v=" + spaced).queryValue("v") ?? ""
    }

    /// The field, `nil` when absent.
    subscript(_ name: String) -> String? { values[name] }

    /// The field, refused with `F1` naming it when absent or empty.
    func required(_ name: String) throws(E2PayRefusal) -> String {
        guard let value = values[name], !value.isEmpty else { throw E2PayRefusal(.emptyField, name) }
        return value
    }
}
