// The request-target (RFC 9112 §3.2): which of its four forms a request uses, and what the server routes on.
extension HTTPRequestParser {
    /// A request-target the server accepts, as byte ranges into the request line.
    enum RequestTarget: Equatable {
        /// `/path?query`: the normal case, routed as sent.
        case origin
        /// `*`, only with OPTIONS (RFC 9112 §3.2.4).
        case asterisk
        /// `http://authority/path?query` (RFC 9112 §3.2.2): routed on the path and query, `/` when the path is
        /// empty; the authority stands in for `Host`.
        case absolute(authority: Range<Int>, pathAndQuery: Range<Int>)
    }

    /// Classifies a request-target already known to be non-empty visible ASCII, or `nil` for a form this server
    /// refuses: a relative path, `*` with a method other than OPTIONS, authority-form (CONNECT, which this server
    /// does not proxy), a scheme other than http/https, an empty authority or one with userinfo.
    static func parseTarget(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        method: HTTPMethod
    ) -> RequestTarget? {
        let first = bytes[range.lowerBound]
        if first == ASCII.slash { return .origin }
        if range.count == 1, first == UInt8(ascii: "*") { return method == .options ? .asterisk : nil }
        // absolute-form: an http(s) URI, `scheme "://" authority path-abempty [ "?" query ]` (RFC 9110 §4.2).
        var index = range.lowerBound
        while index < range.upperBound, bytes[index] != ASCII.colon { index += 1 }
        let scheme = range.lowerBound..<index
        guard ASCII.equalsIgnoringCase(bytes, scheme, "http") || ASCII.equalsIgnoringCase(bytes, scheme, "https"),
            index + 2 < range.upperBound, bytes[index + 1] == ASCII.slash, bytes[index + 2] == ASCII.slash
        else { return nil }
        let authorityStart = index + 3
        index = authorityStart
        while index < range.upperBound, bytes[index] != ASCII.slash, bytes[index] != UInt8(ascii: "?") {
            // RFC 9110 §4.2.1: an http URI with an empty host is invalid; §4.2.4: userinfo is refused.
            guard isAuthorityChar(bytes[index]) else { return nil }
            index += 1
        }
        guard index > authorityStart else { return nil }
        return .absolute(authority: authorityStart..<index, pathAndQuery: index..<range.upperBound)
    }

    /// RFC 3986 §3.2: unreserved, percent-encoded, sub-delims, `:` (port) and `[` `]` (IP literals); not `@`.
    static func isAuthorityChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
            true
        default:
            false
        }
    }

    /// The target the server routes on: as sent for origin- and asterisk-form; for absolute-form the path and
    /// query, with `/` for an empty path (RFC 9112 §3.3), or `*` for an OPTIONS to the bare authority (§3.2.4).
    static func routedTarget(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        form: RequestTarget,
        method: HTTPMethod
    ) -> String {
        guard case .absolute(_, let pathAndQuery) = form else { return string(bytes, range) }
        if pathAndQuery.isEmpty { return method == .options ? "*" : "/" }
        let rest = string(bytes, pathAndQuery)
        return bytes[pathAndQuery.lowerBound] == ASCII.slash ? rest : "/" + rest
    }

    /// Folds one `Expect` field into `expectsContinue`. RFC 9110 §10.1.1: `100-continue` is the only expectation
    /// defined; a server may answer any other with 417, and this one does, so a client relying on an extension
    /// learns at once that it is not met. Empty list elements are ignored (RFC 9110 §5.6.1).
    static func parseExpect(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ value: Range<Int>,
        into expectsContinue: inout Bool
    ) -> HTTPParserError? {
        var elementStart = value.lowerBound
        while elementStart < value.upperBound {
            var elementEnd = elementStart
            while elementEnd < value.upperBound, bytes[elementEnd] != ASCII.comma { elementEnd += 1 }
            let element = ASCII.trimmingWhitespace(bytes, elementStart..<elementEnd)
            if !element.isEmpty {
                guard ASCII.equalsIgnoringCase(bytes, element, "100-continue") else { return .unsupportedExpectation }
                expectsContinue = true
            }
            elementStart = elementEnd + 1
        }
        return nil
    }
}
