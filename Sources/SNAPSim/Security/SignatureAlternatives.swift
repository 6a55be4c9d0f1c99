import SNAPCrypto
import SimJSON

/// The usual ways partners build a string-to-sign differently from SNAP, one component at a time.
///
/// Each alternative is what the partner may have signed instead of the expected component, together with the
/// finding to report if a signature verifies with it. Only used after a signature failed.
enum SignatureAlternatives {
    typealias Finding = RejectionExplanation.Finding

    struct Alternative {
        var value: String
        /// Makes the finding: only the alternative that reproduced a signature is ever explained, so its text
        /// is written then, not for each of the dozens tried.
        private let explain: () -> Finding

        var finding: Finding { explain() }

        init(value: String, finding: @autoclosure @escaping () -> Finding) {
            self.value = value
            explain = finding
        }
    }

    /// One component of the string-to-sign: what SNAP expects, and what else may have been signed.
    struct Component {
        var expected: String
        var alternatives: [Alternative]
    }

    // MARK: - Target

    /// The path without its query, the query sorted (BCA's rule), the path without its trailing slash. (The
    /// absolute URL and the path without a leading segment are no longer tried: an HMAC each on every rejection.)
    static func targets(_ target: String) -> [Alternative] {
        // The usual target (ASCII, no query, no trailing slash) has no alternative: found on its bytes, without
        // splitting it into Characters.
        let utf8 = target.utf8
        if utf8.allSatisfy({ $0 < 0x80 }), !utf8.contains(UInt8(ascii: "?")),
            utf8.last != UInt8(ascii: "/") || utf8.count <= 1
        {
            return []
        }
        var alternatives: [Alternative] = []
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        if parts.count == 2 {
            alternatives.append(Alternative(
                value: path,
                finding: Finding(
                    cause: "path-without-query", summary: "the path was signed without its query string",
                    detail: "Your signature matches `\(path.clipped())`; SNAP signs the relative URL including the query "
                        + "string: `\(target.clipped())`.")))
            let sorted = parts[1].split(separator: "&").sorted { $0 < $1 }.joined(separator: "&")
            if sorted != parts[1] {
                alternatives.append(Alternative(
                    value: path + "?" + sorted,
                    finding: Finding(
                        cause: "query-sorted", summary: "the query parameters were signed in sorted order",
                        detail: "Your signature matches the query parameters sorted by name; the simulator signs the "
                            + "target exactly as sent. Send the parameters in the order you sign them.")))
            }
        } else if path.hasSuffix("/") && path.count > 1 {
            alternatives.append(Alternative(
                value: String(path.dropLast()),
                finding: Finding(
                    cause: "path-trailing-slash", summary: "the path was signed without its trailing slash",
                    detail: "Your signature matches the path without the trailing `/` that the request carries.")))
        }
        return alternatives
    }

    // MARK: - Access token

    static func tokens(_ token: String) -> [Alternative] {
        [
            Alternative(
                value: "Bearer " + token,
                finding: Finding(
                    cause: "token-with-bearer-prefix", summary: "the token was signed with its \"Bearer \" prefix",
                    detail: "Your signature matches a string containing `Bearer <token>`; SNAP signs the raw access "
                        + "token without the scheme.")),
        ]
    }

    // MARK: - Body hash

    /// Bodies larger than this get only the cheap alternatives: each rewrite is another pass and hash.
    static let rewriteLimit = 1 << 20

    /// Hashes of the body as it may have been signed instead of minified. (Keys sorted, and the hash in upper-case
    /// hex or Base64, are no longer tried: an HMAC each on every rejection.)
    static func bodyHashes(body: [UInt8], minified: [UInt8], expectedHash: String) -> [Alternative] {
        var alternatives: [Alternative] = []
        func add(_ bytes: [UInt8], _ finding: @autoclosure @escaping () -> Finding) {
            let hash = StringToSign.hexSHA256(bytes)
            guard hash != expectedHash, !alternatives.contains(where: { $0.value == hash }) else { return }
            alternatives.append(Alternative(value: hash, finding: finding()))
        }

        if minified != body {
            add(body, Finding(
                cause: "body-signed-unminified", summary: "the body was signed un-minified",
                detail: "Your signature matches SHA-256 of the body exactly as sent (\(body.count) bytes, with "
                    + "whitespace). SNAP hashes the minified body (\(minified.count) bytes, whitespace outside strings "
                    + "removed): hash the compact JSON."))
        }
        let rewrite = body.count <= rewriteLimit
        // A body that minifying shortened is JSON; otherwise the grammar decides. A body the stripper would leave
        // as it is (no whitespace outside strings: nearly every one) adds nothing, so it is not validated (a
        // grammar pass on every wrong signature).
        if rewrite && minified.count == body.count && JSONMinifier.hasWhitespaceOutsideStrings(body)
            && !JSONMinifier.isJSON(body)
        {
            let stripped = JSONMinifier.stripWhitespace(body)
            if stripped != body {
                add(stripped, Finding(
                    cause: "body-not-json", summary: "the body is not valid JSON",
                    detail: "The body is not valid JSON, so the simulator hashed it as received; your signature matches "
                        + "it with whitespace removed. Send well-formed JSON."))
            }
        }
        if rewrite && minified.contains(UInt8(ascii: "/")) {
            add(escapingSlashes(minified), Finding(
                cause: "body-slashes-escaped", summary: "the signed body wrote / as \\/",
                detail: "Your signature matches the body with every `/` escaped as `\\/` (PHP json_encode's default), "
                    + "but the body sent does not escape them. Sign exactly the bytes you send."))
        }
        let unescaped = rewrite && minified.contains(UInt8(ascii: "\\")) ? unescapingSlashes(minified) : minified
        if unescaped != minified {
            add(unescaped, Finding(
                cause: "body-slashes-unescaped", summary: "the signed body wrote \\/ as /",
                detail: "Your signature matches the body with `\\/` written as `/`, but the body sent escapes them. "
                    + "Sign exactly the bytes you send."))
        }
        if rewrite && minified.contains(where: { $0 >= 0x80 }) {
            add(escapingNonASCII(minified), Finding(
                cause: "body-unicode-escaped", summary: "the signed body escaped non-ASCII characters as \\uXXXX",
                detail: "Your signature matches the body with non-ASCII characters written as `\\uXXXX` (Python's "
                    + "json.dumps default), but the body sent carries them as UTF-8. Sign exactly the bytes you send."))
        }
        if body.isEmpty {
            alternatives.append(Alternative(
                value: "",
                finding: Finding(
                    cause: "empty-body-hash-omitted", summary: "the empty body's hash was left out",
                    detail: "Your signature matches a string with an empty body-hash field. For an empty body SNAP "
                        + "still hashes the empty string: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.")))
        }
        return alternatives
    }

    // MARK: - Timestamp

    /// The same instant in another zone: Jakarta's, or UTC as `Z` (with milliseconds too, JavaScript's
    /// `toISOString()`). Not tried, an HMAC each on every rejection: UTC as `+00:00`, Jakarta time with
    /// milliseconds, the header's form with milliseconds added or removed, a timestamp a second or two off
    /// (`timestampUsed` shows the header's text beside `stringToSign`).
    static func timestamps(_ header: String, parsed: ISO8601Timestamp) -> [Alternative] {
        var alternatives: [Alternative] = []
        let forms = [
            ISO8601Timestamp.format(parsed.time, offsetMinutes: CivilDate.jakartaOffsetMinutes),
            ISO8601Timestamp.format(parsed.time, offsetMinutes: 0, utcDesignator: true),
            ISO8601Timestamp.format(parsed.time, offsetMinutes: 0, utcDesignator: true, milliseconds: true),
        ]
        for form in forms where form != header && !alternatives.contains(where: { $0.value == form }) {
            alternatives.append(Alternative(
                value: form,
                finding: Finding(
                    cause: "timestamp-form-differs",
                    summary: "the signed timestamp is written differently from X-TIMESTAMP",
                    detail: "Your signature matches the timestamp written `\(form)`, but X-TIMESTAMP says "
                        + "`\(header.clipped())` (the same instant). Sign the header's exact text.")))
        }
        return alternatives
    }
}
