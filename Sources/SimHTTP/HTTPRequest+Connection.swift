extension HTTPRequest {
    /// Whether the client wants the connection kept open after this request (RFC 9112 §9.3): HTTP/1.1
    /// persists unless it sends `Connection: close`; HTTP/1.0 closes unless it sends `Connection: keep-alive`.
    public var wantsKeepAlive: Bool {
        switch version {
        case .http1_1: !headers.containsToken("close", inFieldNamed: "Connection")
        case .http1_0: headers.containsToken("keep-alive", inFieldNamed: "Connection")
        }
    }
}
