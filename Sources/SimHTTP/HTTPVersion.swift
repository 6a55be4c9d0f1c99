/// The HTTP versions the server speaks. Anything else is rejected by the parser.
public enum HTTPVersion: String, Hashable, Sendable, CustomStringConvertible {
    case http1_0 = "HTTP/1.0"
    case http1_1 = "HTTP/1.1"

    public var description: String { rawValue }
}
