/// One complete HTTP request as the parser delivered it: head and fully read body.
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// The request-target as routed, e.g. `/v1.0/balance-inquiry?x=1`: exactly as sent in origin form (and `*`);
    /// for an absolute-form target (`http://host:port/path?query`, RFC 9112 §3.2.2) the path and query, whose
    /// authority the parser puts in the `Host` header instead.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body bytes as received (chunked bodies already de-chunked).
    public var body: [UInt8]

    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The target without its query string.
    public var path: Substring {
        queryMark.map { target[..<$0] } ?? target[...]
    }

    /// The raw query string after `?`, or `nil` when there is none.
    public var query: Substring? {
        queryMark.map { target[target.utf8.index(after: $0)...] }
    }

    /// The index of the first `?`, searched in UTF-8 (a Character search costs grapheme breaking per byte, and
    /// the pipeline asks for the path many times per request).
    private var queryMark: String.Index? {
        let utf8 = target.utf8
        // Over the contiguous bytes (the generic search of the view costs ~10 instructions a byte).
        if let offset = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: UInt8(ascii: "?")) }) {
            return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
        }
        return utf8.firstIndex(of: UInt8(ascii: "?"))
    }

    /// The decoded value of the first query parameter with this name.
    public func queryValue(_ name: String) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if PercentDecoding.decode(parts[0]) == name {
                return parts.count > 1 ? PercentDecoding.decode(parts[1]) : ""
            }
        }
        return nil
    }
}
