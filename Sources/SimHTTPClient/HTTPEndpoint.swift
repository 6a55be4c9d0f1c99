/// Where requests go: host, port and an optional path prefix, read from an `http://` URL.
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// A path the request targets are appended to, without a trailing slash (`""` for the root).
    public var pathPrefix: String

    public init(host: String, port: Int, pathPrefix: String = "") {
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix
    }

    /// Reads `http://host[:port][/prefix]`; IPv6 literals go in brackets (`http://[::1]:8080`).
    public init(url: String) throws(HTTPClientError) {
        guard let schemeEnd = url.firstRange(of: "://") else { throw .invalidURL(url) }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" else { throw .unsupportedScheme(scheme) }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(url) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { throw .invalidURL(url) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw .invalidURL(url) }
        var port = 80
        if let portText, !portText.isEmpty {
            guard let value = Int(portText), (1...65535).contains(value) else { throw .invalidURL(url) }
            port = value
        }
        var prefix = String(rest[authorityEnd...].prefix { $0 != "?" && $0 != "#" })
        while prefix.hasSuffix("/") { prefix.removeLast() }
        self.init(host: String(host), port: port, pathPrefix: prefix)
    }

    /// The `Host` header value: the port is left out when it is 80.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    public var description: String { "http://\(hostHeader)\(pathPrefix)" }
}
