// The request line: method, target and version, read from the first line of the head.
extension HTTPRequestParser {
    /// A parsed request line; the target stays a byte range until the head is known to be valid.
    struct RequestLine {
        var method: HTTPMethod
        var target: Range<Int>
        var form: RequestTarget
        var version: HTTPVersion
    }

    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3), exactly one space apart.
    static func parseRequestLine(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ line: Range<Int>
    ) -> Result<RequestLine, HTTPParserError> {
        var index = line.lowerBound
        while index < line.upperBound, ASCII.isTokenChar(bytes[index]) { index += 1 }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == ASCII.space else {
            return .failure(.invalidRequestLine)
        }
        let methodRange = line.lowerBound..<index

        index += 1
        let targetStart = index
        // RFC 3986 allows only visible ASCII in a URI; anything else (controls, obs-text, a second space) ends it.
        while index < line.upperBound, bytes[index] > 0x20, bytes[index] < 0x7F { index += 1 }
        guard index > targetStart, index < line.upperBound else { return .failure(.invalidRequestLine) }
        guard bytes[index] == ASCII.space else { return .failure(.invalidRequestTarget) }
        let targetRange = targetStart..<index

        let method = makeMethod(bytes, methodRange)
        guard let form = parseTarget(bytes, targetRange, method: method) else { return .failure(.invalidRequestTarget) }
        let version: HTTPVersion
        switch parseVersion(bytes, (index + 1)..<line.upperBound) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): version = parsed
        }
        return .success(RequestLine(method: method, target: targetRange, form: form, version: version))
    }

    /// The common methods come from their static values, skipping a UTF-8 decode on the hot path.
    static func makeMethod(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> HTTPMethod {
        if equals(bytes, range, "GET") { return .get }
        if equals(bytes, range, "POST") { return .post }
        return HTTPMethod(rawValue: string(bytes, range))
    }

    /// Exact (case-sensitive) comparison with ASCII text.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != text.utf8Start[offset] {
            return false
        }
        return true
    }

    /// `HTTP-version = "HTTP/" DIGIT "." DIGIT`, case-sensitive (RFC 9112 §2.3).
    static func parseVersion(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>
    ) -> Result<HTTPVersion, HTTPParserError> {
        guard range.count == 8, equals(bytes, range.lowerBound..<(range.lowerBound + 5), "HTTP/") else {
            return .failure(.invalidRequestLine)
        }
        let major = bytes[range.lowerBound + 5]
        let dot = bytes[range.lowerBound + 6]
        let minor = bytes[range.lowerBound + 7]
        guard ASCII.isDigit(major), dot == ASCII.dot, ASCII.isDigit(minor) else { return .failure(.invalidRequestLine) }
        guard major == UInt8(ascii: "1") else { return .failure(.unsupportedVersion) }
        // RFC 9110 §2.5: a higher minor version within a major version we speak is treated as the highest we
        // implement.
        return .success(minor == ASCII.zero ? .http1_0 : .http1_1)
    }
}
