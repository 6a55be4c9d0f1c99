/// An HTTP response before encoding. ``HTTPResponseEncoder`` adds `Content-Length` and `Date` (unless a `Date`
/// header is set); a missing `Content-Type` becomes `application/json` for a non-empty body and
/// `text/plain; charset=utf-8` for an empty one.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is the UTF-8 text given, with the content type given.
    public init(status: HTTPStatus, headers: HTTPHeaders = [:], text: String, contentType: String) {
        var headers = headers
        if headers["Content-Type"] == nil { headers["Content-Type"] = contentType }
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }
}
