/// Turns an ``HTTPResponse`` into the bytes of an HTTP/1.1 response.
///
/// The encoder owns framing, so the layer above cannot get it wrong:
/// - The status line is always `HTTP/1.1` (RFC 9110 §6.2: a server sends its own version).
/// - The response's headers are written as given, in order, except `Content-Length`, `Transfer-Encoding` and
///   `Connection`, which the encoder writes itself.
/// - `Content-Length` is always the body's length, also for HEAD, whose body is then left out
///   (RFC 9110 §9.3.2). It is omitted only where RFC 9110 §8.6 forbids it: 1xx and 204 (and 304 by the same
///   reasoning), which never carry a body.
/// - `Date` comes from the caller-supplied ``HTTPDate`` unless the response already has a `Date` header.
/// - `Content-Type` is added when missing: `application/json` for a non-empty body,
///   `text/plain; charset=utf-8` for an empty one (not for 1xx/204/304).
/// - `Connection: close` or `Connection: keep-alive` is written as the caller decides.
///
/// CR, LF and other control bytes in header names, values and the reason phrase are replaced with spaces, so
/// no response can split into two.
public struct HTTPResponseEncoder: Sendable {
    /// The `Connection` header to write.
    public enum ConnectionHeader: Sendable, Hashable {
        /// None: the connection persists by HTTP/1.1 default.
        case none
        /// `Connection: keep-alive`, which an HTTP/1.0 client needs to keep the connection (RFC 9112 §9.3).
        case keepAlive
        /// `Connection: close`: the server closes after this response (RFC 9112 §9.6).
        case close
    }

    /// The interim response sent when a client waits with `Expect: 100-continue` (RFC 9110 §15.2.1).
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    public init() {}

    /// Encodes `response` as a new byte array.
    ///
    /// - Parameters:
    ///   - response: The response; its body is sent unless `isHeadResponse`.
    ///   - date: The value for the `Date` header, unless `response` has one.
    ///   - isHeadResponse: Whether this answers a HEAD request: the body is left out, its length still sent.
    ///   - connection: The `Connection` header to write.
    public func encode(
        _ response: HTTPResponse,
        date: HTTPDate = .now(),
        isHeadResponse: Bool = false,
        connection: ConnectionHeader = .none
    ) -> [UInt8] {
        var buffer: [UInt8] = []
        encode(response, into: &buffer, date: date, isHeadResponse: isHeadResponse, connection: connection)
        return buffer
    }

    /// Appends the encoded `response` to `buffer`, which a server reuses across responses to avoid allocating.
    ///
    /// - Parameters:
    ///   - response: The response; its body is sent unless `isHeadResponse`.
    ///   - buffer: Where the bytes are appended.
    ///   - date: The value for the `Date` header, unless `response` has one.
    ///   - isHeadResponse: Whether this answers a HEAD request: the body is left out, its length still sent.
    ///   - connection: The `Connection` header to write.
    public func encode(
        _ response: HTTPResponse,
        into buffer: inout [UInt8],
        date: HTTPDate,
        isHeadResponse: Bool = false,
        connection: ConnectionHeader = .none
    ) {
        let body = response.body
        buffer.reserveCapacity(buffer.count + 192 + body.count)

        var code = response.status.code
        var reason = response.status.reasonPhrase
        if !(100...999).contains(code) {
            // A status line needs exactly three digits; an impossible code is a bug above, reported as one.
            code = 500
            reason = HTTPStatus.internalServerError.reasonPhrase
        }
        // RFC 9110 §6.4.1, §8.6: 1xx, 204 and 304 never have content, and 1xx/204 must not have a length.
        let mayHaveContent = code >= 200 && code != 204 && code != 304

        Self.append("HTTP/1.1 ", to: &buffer)
        Self.appendDecimal(code, to: &buffer)
        buffer.append(ASCII.space)
        Self.appendSanitized(reason, to: &buffer, isName: false)
        Self.append("\r\n", to: &buffer)

        var hasDate = false
        var hasContentType = false
        for (name, value) in response.headers {
            switch name.utf8.count {
            case 4 where HTTPHeaders.equalNames(name, "Date"):
                hasDate = true
            case 10 where HTTPHeaders.equalNames(name, "Connection"):
                continue
            case 12 where HTTPHeaders.equalNames(name, "Content-Type"):
                hasContentType = true
            case 14 where HTTPHeaders.equalNames(name, "Content-Length"):
                continue
            case 17 where HTTPHeaders.equalNames(name, "Transfer-Encoding"):
                continue
            default:
                break
            }
            Self.appendSanitized(name, to: &buffer, isName: true)
            Self.append(": ", to: &buffer)
            Self.appendSanitized(value, to: &buffer, isName: false)
            Self.append("\r\n", to: &buffer)
        }

        if !hasDate {
            Self.append("Date: ", to: &buffer)
            buffer.append(contentsOf: date.bytes)
            Self.append("\r\n", to: &buffer)
        }
        if mayHaveContent {
            if !hasContentType {
                if body.isEmpty {
                    Self.append("Content-Type: text/plain; charset=utf-8\r\n", to: &buffer)
                } else {
                    Self.append("Content-Type: application/json\r\n", to: &buffer)
                }
            }
            Self.append("Content-Length: ", to: &buffer)
            Self.appendDecimal(body.count, to: &buffer)
            Self.append("\r\n", to: &buffer)
        }
        switch connection {
        case .none: break
        case .keepAlive: Self.append("Connection: keep-alive\r\n", to: &buffer)
        case .close: Self.append("Connection: close\r\n", to: &buffer)
        }
        Self.append("\r\n", to: &buffer)
        if mayHaveContent, !isHeadResponse {
            buffer.append(contentsOf: body)
        }
    }

    // MARK: - Byte helpers

    @inline(__always)
    static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a non-negative integer in decimal without going through `String`.
    @inline(__always)
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(ASCII.zero &+ UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends UTF-8 text, replacing bytes that would break the message: CR, LF and other controls everywhere,
    /// and in names also anything that is not a token character. Clean text (every header the simulator writes)
    /// is checked on its own storage and appended in one copy.
    @inline(__always)
    static func appendSanitized(_ text: String, to buffer: inout [UInt8], isName: Bool) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({
            appendSanitized(bytes: $0, to: &buffer, isName: isName)
        }) {
            return done
        }
        var text = text
        text.withUTF8 { appendSanitized(bytes: $0, to: &buffer, isName: isName) }
    }

    static func appendSanitized(bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8], isName: Bool) {
        var clean = true
        for byte in bytes where isBad(byte, isName: isName) {
            clean = false
            break
        }
        if clean {
            buffer.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            buffer.append(isBad(byte, isName: isName) ? (isName ? UInt8(ascii: "-") : ASCII.space) : byte)
        }
    }

    @inline(__always)
    private static func isBad(_ byte: UInt8, isName: Bool) -> Bool {
        isName ? !ASCII.isTokenChar(byte) : (byte < 0x20 && byte != ASCII.tab) || byte == 0x7F
    }
}
