#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response as a test client read it off the wire.
public struct WireResponse: Sendable {
    public let statusLine: String
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    /// The first value of the field `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// How many fields are named `name` (case-insensitive).
    public func headerCount(_ name: String) -> Int {
        headers.filter { $0.name.lowercased() == name.lowercased() }.count
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What a client read for one request: a whole response, or how the server failed to give one.
public enum WireResult: Sendable {
    /// A complete response.
    case response(WireResponse)
    /// The connection closed before a byte of response arrived.
    case closedWithoutResponse
    /// A head arrived, then the connection closed with `received` of the `declared` body bytes.
    case truncated(status: Int, declared: Int, received: Int)

    public var status: Int? {
        if case .response(let response) = self { response.status } else { nil }
    }

    public var body: [UInt8]? {
        if case .response(let response) = self { response.body } else { nil }
    }
}

/// Polls `condition` every 10 ms until it holds or `limit` passes; returns whether it held. For waiting on a
/// state the test cannot be told about (a count dropping, a slot freeing), never for ordering events. The default
/// limit is a ceiling for a loaded machine, never waited out by a passing test.
public func eventually(within limit: Duration = .seconds(30), _ condition: () throws -> Bool) rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while true {
        if try condition() { return true }
        if clock.now >= deadline { return false }
        usleep(10_000)
    }
}
