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
        var code = response.status.code
        var reason = response.status.reasonPhrase
        if !(100...999).contains(code) {
            // A status line needs exactly three digits; an impossible code is a bug above, reported as one.
            code = 500
            reason = HTTPStatus.internalServerError.reasonPhrase
        }
        // RFC 9110 §6.4.1, §8.6: 1xx, 204 and 304 never have content, and 1xx/204 must not have a length.
        let mayHaveContent = code >= 200 && code != 204 && code != 304

        // The head is written through a pointer into scratch memory sized for the longest it can be, then
        // appended once: appending each piece to the array checked uniqueness and capacity ~18 times per answer.
        var capacity = 9 + 3 + 1 + reason.utf8.count + 2  // status line
        for (name, value) in response.headers { capacity += name.utf8.count + 2 + value.utf8.count + 2 }
        capacity += 6 + date.bytes.count + 2  // Date
        capacity += 41 + 16 + 20 + 2 + 24 + 2  // Content-Type, Content-Length, Connection, the empty line
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch in
            var head = HeadWriter(scratch.baseAddress.unsafelyUnwrapped)
            head.write("HTTP/1.1 ")
            head.writeDecimal(code)
            head.write(ASCII.space)
            head.writeSanitized(reason, isName: false)
            head.write("\r\n")

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
                head.writeSanitized(name, isName: true)
                head.write(": ")
                head.writeSanitized(value, isName: false)
                head.write("\r\n")
            }

            if !hasDate {
                head.write("Date: ")
                date.bytes.withUnsafeBufferPointer { head.write($0) }
                head.write("\r\n")
            }
            if mayHaveContent {
                if !hasContentType {
                    if body.isEmpty {
                        head.write("Content-Type: text/plain; charset=utf-8\r\n")
                    } else {
                        head.write("Content-Type: application/json\r\n")
                    }
                }
                head.write("Content-Length: ")
                head.writeDecimal(body.count)
                head.write("\r\n")
            }
            switch connection {
            case .none: break
            case .keepAlive: head.write("Connection: keep-alive\r\n")
            case .close: head.write("Connection: close\r\n")
            }
            head.write("\r\n")
            let written = head.count(from: scratch.baseAddress.unsafelyUnwrapped)
            let sendsBody = mayHaveContent && !isHeadResponse
            buffer.reserveCapacity(buffer.count + written + (sendsBody ? body.count : 0))
            buffer.append(contentsOf: UnsafeBufferPointer(start: scratch.baseAddress, count: written))
            if sendsBody { buffer.append(contentsOf: body) }
        }
    }
}
