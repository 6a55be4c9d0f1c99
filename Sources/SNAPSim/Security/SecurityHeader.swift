import SimHTTP

/// The names of the SNAP security headers (snap.md §3a), spelled as ASPI writes them.
///
/// Header names compare case-insensitively, so these spellings matter only for what the simulator prints.
public enum SecurityHeader {
    public static let timestamp = "X-TIMESTAMP"
    public static let signature = "X-SIGNATURE"
    /// The client id on token requests.
    public static let clientKey = "X-CLIENT-KEY"
    /// The client id on transactions.
    public static let partnerID = "X-PARTNER-ID"
    public static let externalID = "X-EXTERNAL-ID"
    public static let channelID = "CHANNEL-ID"
    /// `Bearer <B2B access token>`.
    public static let authorization = "Authorization"

    /// The value of `name` with surrounding blanks removed, or `nil` when absent or blank.
    ///
    /// A blank mandatory header is as useless as a missing one, so both count as missing.
    static func value(_ name: String, in headers: HTTPHeaders) -> String? {
        guard let raw = headers[name] else { return nil }
        let trimmed = raw.trimmingBlanks
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The access token in `Authorization: Bearer <token>`, or `nil` when the header is absent or carries no token.
    ///
    /// The `Bearer` scheme is matched case-insensitively (RFC 9110 §11.1). A value without it is refused with
    /// 401xx01, as providers refuse it: a bare token is not an `Authorization` header any SNAP server accepts.
    static func bearerToken(in headers: HTTPHeaders) throws(SNAPError) -> String? {
        guard let value = value(authorization, in: headers) else { return nil }
        // Read in place (every symmetric transaction passes here): `Bearer`, any case, then a space or the end.
        var text = value
        let bearer: String?? = text.withUTF8 { utf8 in
            let scheme: StaticString = "bearer"
            let length = scheme.utf8CodeUnitCount
            guard utf8.count >= length else { return .none }
            for index in 0..<length where utf8[index] | 0x20 != scheme.utf8Start[index] { return .none }
            guard utf8.count == length || utf8[length] == UInt8(ascii: " ") else { return .none }
            // Trimmed on the bytes, then made a string once (blanks are ASCII: cutting at them keeps UTF-8 valid).
            var start = length
            var end = utf8.count
            while start < end, utf8[start] == UInt8(ascii: " ") || utf8[start] == UInt8(ascii: "\t") { start += 1 }
            while end > start, utf8[end - 1] == UInt8(ascii: " ") || utf8[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            guard start < end else { return .some(nil) }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
        }
        if let bearer { return bearer }
        var explanation = RejectionExplanation(
            .accessToken, summary: "Authorization must use the Bearer scheme",
            expected: "Authorization: Bearer <accessToken>", received: value)
        explanation.diagnosis.append(.init(
            cause: "token-without-bearer", summary: "the token was sent without `Bearer `",
            detail: "Authorization carries the token alone; write `Authorization: Bearer <accessToken>`."))
        throw SNAPError.invalidToken.explained(explanation)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (HTTP's optional whitespace).
    ///
    /// Read on the contiguous UTF-8 (every security header of every request passes here; index-based searches of
    /// the UTF-8 view cost several times more). Blanks are ASCII, so cutting at them keeps the text valid.
    var trimmingBlanks: String {
        var text = self
        return text.withUTF8 { utf8 in
            var start = 0
            var end = utf8.count
            while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start += 1 }
            while end > start, utf8[end - 1] == 0x20 || utf8[end - 1] == 0x09 { end -= 1 }
            // Header values rarely carry blanks: return the same string rather than a copy.
            if start == 0 && end == utf8.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
        }
    }

    /// At most `limit` characters, marked when cut, so echoing a hostile header never bloats an answer.
    ///
    /// A string has at most as many characters as UTF-8 bytes, so the byte count (O(1)) settles the common short
    /// case; counting characters (grapheme breaking, O(n)) happens only for long strings. The journal clips
    /// every header of every request.
    func clipped(to limit: Int = 200) -> String {
        if utf8.count <= limit { return self }
        return count <= limit ? self : String(prefix(limit)) + "… (\(utf8.count) bytes)"
    }
}
