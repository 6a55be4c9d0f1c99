/// Why a log directory cannot be used. Its description is written for the person starting the server.
public struct LogError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
