/// A command-line failure: what to tell the user and how to exit.
///
/// Usage mistakes exit 64 (`EX_USAGE`, as swift-argument-parser does); other failures exit 1.
public struct CLIError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    /// A mistake in how the command was called.
    public static func usage(_ message: String) -> CLIError {
        CLIError(message, exitCode: 64)
    }

    public var description: String { message }
}
