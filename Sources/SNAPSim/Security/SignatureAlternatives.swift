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
        /// Whether the mistake is also tried together with another component's common mistake (the body signed
        /// un-minified with the timestamp written in another zone, a JavaScript client's pair). Every mistake
        /// is tried alone; pairs of the others would cost an HMAC each for mistakes seldom made together.
        var pairs: Bool
        /// Makes the finding: only the alternative that reproduced a signature is ever explained, so its text
        /// is written then, not for each of the dozens tried.
        private let explain: () -> Finding

        var finding: Finding { explain() }

        init(value: String, pairs: Bool = false, finding: @autoclosure @escaping () -> Finding) {
            self.value = value
            self.pairs = pairs
            explain = finding
        }
    }

    /// One component of the string-to-sign: what SNAP expects, and what else may have been signed.
    struct Component {
        var expected: String
        var alternatives: [Alternative]
    }

    // MARK: - Method

    static func methods(_ method: String) -> [Alternative] {
        let lower = method.lowercased()
        guard lower != method else { return [] }
        return [Alternative(
            value: lower,
            finding: Finding(
                cause: "method-lowercase", summary: "the method was signed in lower case",
                detail: "Your signature matches `\(lower)`; SNAP signs the HTTP method in upper case (`\(method)`)."))]
    }

    // MARK: - Target

    /// The path without its query, the query sorted (BCA's rule), the absolute URL, and the path without a leading segment.
    static func targets(_ target: String, host: String?) -> [Alternative] {
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
        if let host, !host.isEmpty {
            for scheme in ["https", "http"] {
                alternatives.append(Alternative(
                    value: "\(scheme)://\(host)\(target)",
                    finding: Finding(
                        cause: "absolute-url-signed", summary: "the absolute URL was signed instead of the relative path",
                        detail: "Your signature matches `\(scheme)://\(host.clipped())\(target.clipped())`; SNAP signs the "
                            + "relative URL only: `\(target.clipped())`.")))
            }
        }
        // A provider prefix (`/openapi`, `/snap`, `/v1.0`) left out of the signed path.
        var rest = Substring(path)
        for _ in 0..<3 {
            guard let next = rest.dropFirst().firstIndex(of: "/") else { break }
            let dropped = path[path.startIndex..<next]
            rest = rest[next...]
            let value = String(rest) + (parts.count == 2 ? "?" + parts[1] : "")
            alternatives.append(Alternative(
                value: value,
                finding: Finding(
                    cause: "path-prefix-dropped", summary: "the path was signed without its leading `\(String(dropped).clipped())`",
                    detail: "Your signature matches `\(value.clipped())`; SNAP signs the whole path as requested, "
                        + "prefix included: `\(target.clipped())`.")))
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

    /// Hashes of the body as it may have been signed instead of minified.
    static func bodyHashes(body: [UInt8], minified: [UInt8], expectedHash: String) -> [Alternative] {
        var alternatives: [Alternative] = []
        func add(_ bytes: [UInt8], pairs: Bool = false, _ finding: @autoclosure @escaping () -> Finding) {
            let hash = StringToSign.hexSHA256(bytes)
            guard hash != expectedHash, !alternatives.contains(where: { $0.value == hash }) else { return }
            alternatives.append(Alternative(value: hash, pairs: pairs, finding: finding()))
        }

        if minified != body {
            add(body, pairs: true, Finding(
                cause: "body-signed-unminified", summary: "the body was signed un-minified",
                detail: "Your signature matches SHA-256 of the body exactly as sent (\(body.count) bytes, with "
                    + "whitespace). SNAP hashes the minified body (\(minified.count) bytes, whitespace outside strings "
                    + "removed): hash the compact JSON."))
        }
        let rewrite = body.count <= rewriteLimit
        // Parsed once, for the sorted-keys rewrite and to know the body is JSON (a body the parser's limits
        // refuse may still be JSON: then the grammar alone decides).
        let parsed = rewrite ? try? JSONParser.parse(body) : nil
        let isJSON = minified.count != body.count || parsed != nil || (rewrite && JSONMinifier.isJSON(body))
        if rewrite && !isJSON {
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
        let unescaped = rewrite ? unescapingSlashes(minified) : minified
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
        if rewrite && isJSON, let value = parsed {
            let sorted = sortingKeys(value).compactBytes
            if sorted != minified {
                add(sorted, Finding(
                    cause: "body-keys-sorted", summary: "the signed body had its keys sorted",
                    detail: "Your signature matches the body re-serialised with object keys sorted; SNAP keeps the "
                        + "key order as sent. Sign the bytes you send."))
            }
        }
        if body.isEmpty {
            alternatives.append(Alternative(
                value: "",
                finding: Finding(
                    cause: "empty-body-hash-omitted", summary: "the empty body's hash was left out",
                    detail: "Your signature matches a string with an empty body-hash field. For an empty body SNAP "
                        + "still hashes the empty string: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.")))
        }
        alternatives.append(Alternative(
            value: expectedHash.uppercased(),
            finding: Finding(
                cause: "body-hash-uppercase", summary: "the body hash was written in upper-case hex",
                detail: "Your signature matches the body's SHA-256 in upper-case hex; SNAP uses lower-case hex.")))
        if let digest = Hex.decode(expectedHash) {
            alternatives.append(Alternative(
                value: Base64.encode(digest),
                finding: Finding(
                    cause: "body-hash-base64", summary: "the body hash was written in Base64",
                    detail: "Your signature matches the body's SHA-256 in Base64; SNAP uses lower-case hex.")))
        }
        return alternatives
    }

    // MARK: - Timestamp

    /// The same instant written in other common forms, and the header's form a second or two off.
    static func timestamps(_ header: String, parsed: ISO8601Timestamp) -> [Alternative] {
        var alternatives: [Alternative] = []
        let forms = [
            ISO8601Timestamp.format(parsed.time, offsetMinutes: CivilDate.jakartaOffsetMinutes),
            ISO8601Timestamp.format(parsed.time, offsetMinutes: 0, utcDesignator: true),
            ISO8601Timestamp.format(parsed.time, offsetMinutes: CivilDate.jakartaOffsetMinutes, milliseconds: true),
            ISO8601Timestamp.format(parsed.time, offsetMinutes: 0, utcDesignator: true, milliseconds: true),
            ISO8601Timestamp.format(parsed.time, offsetMinutes: 0),
            ISO8601Timestamp.format(
                parsed.time, offsetMinutes: parsed.offsetMinutes, utcDesignator: parsed.isUTCDesignator,
                milliseconds: !parsed.hasFraction),
        ]
        for form in forms where form != header && !alternatives.contains(where: { $0.value == form }) {
            alternatives.append(Alternative(
                value: form, pairs: true,
                finding: Finding(
                    cause: "timestamp-form-differs",
                    summary: "the signed timestamp is written differently from X-TIMESTAMP",
                    detail: "Your signature matches the timestamp written `\(form)`, but X-TIMESTAMP says "
                        + "`\(header.clipped())` (the same instant). Sign the header's exact text.")))
        }
        for shift in [-1, 1, -2, 2] {
            let form = ISO8601Timestamp.format(
                parsed.time + .seconds(shift), offsetMinutes: parsed.offsetMinutes,
                utcDesignator: parsed.isUTCDesignator, milliseconds: parsed.hasFraction)
            let direction = shift < 0 ? "earlier" : "later"
            alternatives.append(Alternative(
                value: form,
                finding: Finding(
                    cause: "timestamp-differs",
                    summary: "the signed timestamp is \(abs(shift)) s \(direction) than X-TIMESTAMP",
                    detail: "Your signature matches the timestamp `\(form)`, \(abs(shift)) s \(direction) than X-TIMESTAMP "
                        + "`\(header.clipped())`: the header and the signature were stamped separately. Take the time "
                        + "once and use the same text for both.")))
        }
        return alternatives
    }
}
