import Foundation
import SimHTTP
import SimServer
import SocketTestSupport
import Synchronization
import Testing

@testable import SNAPSim
import SimJSON

/// A ``ControlWorld``'s simulator behind a real ``HTTPServer`` on 127.0.0.1, port 0.
struct LiveServer {
    let world: ControlWorld
    let server: HTTPServer

    init(_ world: ControlWorld, eventLoops: Int = 2) throws {
        self.world = world
        server = try HTTPServer(configuration: .init(port: 0, eventLoopCount: eventLoops), responder: world.simulator)
        try server.start()
    }

    var port: Int { server.localPort }

    func connect() throws -> LoopbackClient {
        try LoopbackClient(port: port)
    }

    /// Calls the admin API over a connection of its own.
    func admin(_ method: HTTPMethod, _ target: String, _ body: JSONValue? = nil) throws -> AdminAnswer {
        let result = try connect().exchange(world.adminRequest(method, target, body).wireBytes)
        guard case .response(let response) = result else { throw ControlTestError("admin call got \(result)") }
        return AdminAnswer(status: response.status, json: try JSONParser.parse(response.body))
    }
}

extension LoopbackClient {
    /// Sends a request and parses a complete JSON answer; anything else is an error.
    func call(_ request: HTTPRequest) throws -> SNAPAnswer {
        let result = try exchange(request.wireBytes)
        guard case .response(let response) = result else { throw ControlTestError("expected an answer, got \(result)") }
        return SNAPAnswer(status: response.status, json: (try? JSONParser.parse(response.body)) ?? .null, bytes: response.body)
    }

    /// A token for `partner`, over this connection.
    func token(_ world: ControlWorld, _ partner: TestPartner) throws -> String {
        let answer = try call(world.tokenRequest(partner))
        guard let token = answer.json[pointer: JSONPointer(tokens: ["accessToken"])]?.stringValue else {
            throw ControlTestError("no token for \(partner.id): \(answer.text)")
        }
        return token
    }
}

/// A SNAP answer read off the wire.
struct SNAPAnswer {
    let status: Int
    let json: JSONValue
    let bytes: [UInt8]

    var code: String? { self["/responseCode"]?.stringValue }
    var text: String { String(decoding: bytes, as: UTF8.self) }
    subscript(_ pointer: String) -> JSONValue? { json[pointer: JSONPointer(parsing: pointer) ?? JSONPointer(tokens: [])] }
}

/// Runs each body on a thread of its own, all at once, and waits for all (bounded, so a hang fails the test).
/// Returns the errors thrown, as text.
func runConcurrently(timeout: Duration = .seconds(60), _ bodies: [@Sendable () throws -> Void]) -> [String] {
    let errors = Mutex<[String]>([])
    let group = DispatchGroup()
    for body in bodies {
        group.enter()
        let thread = Thread { @Sendable in
            defer { group.leave() }
            do {
                try body()
            } catch {
                errors.withLock { $0.append("\(error)") }
            }
        }
        thread.start()
    }
    let (seconds, _) = timeout.components
    if group.wait(timeout: .now() + .seconds(Int(seconds))) == .timedOut {
        errors.withLock { $0.append("timed out after \(timeout)") }
    }
    return errors.withLock { $0 }
}
