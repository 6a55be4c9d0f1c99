/// Why a request could not be parsed. Every case maps to the status the server answers with before it closes
/// the connection: a framing error leaves the rest of the byte stream meaningless, so nothing after it is read.
public enum HTTPParserError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request line is not `method SP request-target SP HTTP-version` (RFC 9112 §3).
    case invalidRequestLine
    /// The request-target is empty, holds a byte outside visible ASCII, or is not in a form a server accepts
    /// (RFC 9112 §3.2).
    case invalidRequestTarget
    /// A well-formed HTTP version other than 1.0 and 1.1, e.g. `HTTP/2.0` (RFC 9110 §15.6.6).
    case unsupportedVersion
    /// A line ended in a bare LF, or a CR was not followed by LF (RFC 9112 §2.2).
    case invalidLineEnding
    /// A field line is malformed: no colon, an empty or non-token name, whitespace before the colon
    /// (RFC 9112 §5.1), or a control character in the value (RFC 9110 §5.5).
    case invalidHeaderField
    /// A field line starts with whitespace: obsolete line folding, which a server must reject (RFC 9112 §5.2).
    case obsoleteLineFolding
    /// An HTTP/1.1 request without exactly one `Host` field (RFC 9112 §3.2).
    case invalidHost
    /// The request line and fields together exceed ``HTTPRequestParser/Configuration/maxHeadBytes``.
    case headTooLarge
    /// More field lines than ``HTTPRequestParser/Configuration/maxHeaderCount``.
    case tooManyHeaders
    /// `Content-Length` is not a decimal number (RFC 9110 §8.6).
    case invalidContentLength
    /// `Content-Length` appears with different values, in separate fields or in one list (RFC 9112 §6.3).
    case conflictingContentLength
    /// Both `Transfer-Encoding` and `Content-Length`: a request smuggling attempt (RFC 9112 §6.3, §11.2).
    case contentLengthWithTransferEncoding
    /// `Transfer-Encoding` whose final coding is not `chunked`, chunked applied twice, or sent in HTTP/1.0
    /// (RFC 9112 §6.1, §6.3).
    case invalidTransferEncoding
    /// A transfer coding other than `chunked` ahead of it, e.g. `gzip, chunked` (RFC 9112 §6.1).
    case unsupportedTransferCoding
    /// A chunk-size line, chunk extension or chunk terminator is malformed (RFC 9112 §7.1).
    case invalidChunk
    /// An `Expect` field names an expectation other than `100-continue` (RFC 9110 §10.1.1): 417.
    case unsupportedExpectation
    /// The body is longer than ``HTTPRequestParser/Configuration/maxBodyBytes``.
    case bodyTooLarge
    /// The request did not arrive in time. The parser never reports this; the server does, from its timers.
    case requestTimeout

    /// The status the server answers with.
    public var status: HTTPStatus {
        switch self {
        case .unsupportedVersion: .httpVersionNotSupported
        case .headTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .unsupportedTransferCoding: .notImplemented
        case .bodyTooLarge: .contentTooLarge
        case .requestTimeout: .requestTimeout
        case .unsupportedExpectation: .expectationFailed
        case .invalidRequestLine, .invalidRequestTarget, .invalidLineEnding, .invalidHeaderField,
            .obsoleteLineFolding, .invalidHost, .invalidContentLength, .conflictingContentLength,
            .contentLengthWithTransferEncoding, .invalidTransferEncoding, .invalidChunk:
            .badRequest
        }
    }

    /// A short plain-ASCII explanation, safe to embed in a JSON string without escaping.
    public var description: String {
        switch self {
        case .invalidRequestLine: "malformed request line"
        case .invalidRequestTarget: "malformed request target"
        case .unsupportedVersion: "HTTP version not supported"
        case .invalidLineEnding: "line not terminated by CRLF"
        case .invalidHeaderField: "malformed header field"
        case .obsoleteLineFolding: "obsolete line folding is not accepted"
        case .invalidHost: "request must carry exactly one Host header"
        case .headTooLarge: "request header section too large"
        case .tooManyHeaders: "too many header fields"
        case .invalidContentLength: "malformed Content-Length"
        case .conflictingContentLength: "conflicting Content-Length values"
        case .contentLengthWithTransferEncoding: "both Content-Length and Transfer-Encoding present"
        case .invalidTransferEncoding: "Transfer-Encoding must end with a single chunked coding"
        case .unsupportedTransferCoding: "transfer coding not implemented"
        case .invalidChunk: "malformed chunked body"
        case .unsupportedExpectation: "only the 100-continue expectation is supported"
        case .bodyTooLarge: "request body too large"
        case .requestTimeout: "request not received in time"
        }
    }
}
