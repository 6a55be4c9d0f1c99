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
    static func require(_ names: [String], in headers: HTTPHeaders, requestKind: String) throws(SNAPError) -> Values {
        var values: [String] = []
        values.reserveCapacity(names.count)
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
            values.append(value)
        }
        return Values(names: names, values: values)
    }

    /// The values found, in the order of the names asked for.
    ///
    /// A handful of names, looked up by the exact spelling they were asked with: two arrays and a linear search
    /// cost less than hashing every name into a dictionary on every request.
    struct Values {
        let names: [String]
        let values: [String]

        /// The value of `name`, spelled as it was required (e.g. ``SecurityHeader/partnerID``).
        subscript(name: String) -> String? {
            // Callers ask with the very constants the names came from: the same representation settles the
            // match without comparing text (identical strings are `==`, so the first match is the same one).
            for index in names.indices where Self.identical(names[index], name) || names[index] == name {
                return values[index]
            }
            return nil
        }

        @inline(__always)
        private static func identical(_ a: String, _ b: String) -> Bool {
            unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
        }
    }
}
