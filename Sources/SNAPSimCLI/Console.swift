import Foundation

/// Where commands write: results to standard output, diagnostics to standard error.
/// Injected so tests can read what a command printed.
public protocol Console: Sendable {
    func out(_ text: String)
    func err(_ text: String)
}

/// The process's own standard output and error.
public struct StandardConsole: Console {
    public init() {}

    public func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    public func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
