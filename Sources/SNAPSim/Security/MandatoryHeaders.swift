import SimHTTP
import SimJSON

/// The first security step: every header the request kind needs is present and not blank.
enum MandatoryHeaders {
    /// Headers of a B2B access-token request, in the order they are checked (snap.md §3a).
    static let accessTokenRequest = [SecurityHeader.timestamp, SecurityHeader.clientKey, SecurityHeader.signature]
    /// Headers of every transaction, whatever the signing mode; `Authorization` is added for symmetric partners.
    static let transaction = [
        SecurityHeader.timestamp, SecurityHeader.signature, SecurityHeader.partnerID, SecurityHeader.externalID,
        SecurityHeader.channelID,
    ]

    /// The trimmed values of `names`, or 400xx02 naming the first one missing.
    static func require(_ names: [String], in headers: HTTPHeaders, requestKind: String) throws(SNAPError) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            guard let value = SecurityHeader.value(name, in: headers) else {
                let present = headers.contains(name)
                var explanation = RejectionExplanation(
                    .mandatoryHeader,
                    summary: present ? "Header \(name) is blank" : "Missing header \(name)",
                    expected: "\(requestKind) carries the headers " + names.joined(separator: ", "))
                explanation.fact("missingHeader", .string(name))
                explanation.hint = "Run `snapsim sign` to see a complete set of headers for this request."
                throw SNAPError.invalidMandatoryField(name).explained(explanation)
            }
            values[name] = value
        }
        return values
    }
}
