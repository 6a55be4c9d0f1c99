import SimHTTP

/// A complete response: status, header fields in the order received, and the body (de-chunked).
public struct HTTPClientResponse: Sendable, Equatable {
    public var status: Int
    public var reasonPhrase: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, reasonPhrase: String = "", version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.reasonPhrase = reasonPhrase
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The body read as UTF-8.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
