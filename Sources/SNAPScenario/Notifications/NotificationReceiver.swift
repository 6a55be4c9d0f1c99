import SNAPSim
import SimHTTP
import SimJSON
import SimServer
import Synchronization

/// One request the scenario's receiver got, in arrival order.
public struct ReceivedNotification: Sendable {
    /// 1, 2, … in arrival order across the scenario.
    public var sequence: Int
    public var request: HTTPRequest
    /// The status the receiver answered with.
    public var answeredStatus: Int
}

/// The partner's webhook during a scenario: a ``HTTPServer`` on 127.0.0.1 at a port the system chooses, recording
/// every notification and answering as the scenario says (by default a success).
///
/// For profiles that sign symmetrically the simulator first asks the partner for a B2B token (at the profile's
/// `tokenPath`); the receiver issues one, as a partner's token endpoint would, and remembers it to verify the HMAC.
final class NotificationReceiver: Sendable {
    private let server: HTTPServer
    let log: ReceiverLog

    /// - Parameter fixtures: the notification profiles (token paths, success texts) the receiver answers by.
    init(fixtures: LoadedFixtures) throws {
        log = ReceiverLog(fixtures: fixtures)
        server = try HTTPServer(
            configuration: .init(host: "127.0.0.1", port: 0, eventLoopCount: 1), responder: log,
            logger: StandardErrorLogger())
        try server.start()
    }

    /// Where the simulator posts: `http://127.0.0.1:PORT` (each profile appends its own path).
    var url: String { "http://127.0.0.1:\(server.localPort)" }

    var notifications: [ReceivedNotification] { log.state.withLock { $0.received } }

    /// Tokens the receiver issued to the simulator (symmetric profiles).
    var issuedTokens: [String] { log.state.withLock { $0.issuedTokens } }

    func answer(_ answer: ReceiverAnswer) {
        log.state.withLock { $0.script = answer }
    }

    func stop() async {
        await server.shutdown()
    }
}

/// The receiver's responder and what it has seen.
final class ReceiverLog: HTTPResponder {
    struct State: Sendable {
        var received: [ReceivedNotification] = []
        var issuedTokens: [String] = []
        var script = ReceiverAnswer.success
    }

    let state = Mutex(State())
    /// Token paths of the symmetric profiles.
    private let tokenPaths: Set<String>
    /// Sender id (`X-PARTNER-ID`) → the plain success text its profile expects.
    private let successTexts: [String: String]

    init(fixtures: LoadedFixtures) {
        var paths: Set<String> = []
        for profile in fixtures.notifications.profiles.values {
            if case .symmetric(_, let tokenPath) = profile.signing { paths.insert(tokenPath) }
        }
        tokenPaths = paths
        var texts: [String: String] = [:]
        for partner in fixtures.partners.values {
            guard let profile = fixtures.notificationProfile(of: partner.clientId), let text = profile.successText
            else { continue }
            texts[profile.senderId ?? partner.clientId] = text
        }
        successTexts = texts
    }

    func respond(to request: HTTPRequest) -> HTTPReply {
        if request.method == .post, tokenPaths.contains(String(request.path)) {
            let token = state.withLock { state -> String in
                let token = "SCENARIO-RECEIVER-TOKEN-\(state.issuedTokens.count + 1)"
                state.issuedTokens.append(token)
                return token
            }
            return Self.json(200, [
                "responseCode": "2007300", "responseMessage": "Successful", "accessToken": .string(token),
                "tokenType": "Bearer", "expiresIn": "900",
            ])
        }
        let answer = state.withLock { state -> ReceiverAnswer in
            let answer = state.script
            if let times = answer.times {
                state.script = times > 1 ? ReceiverAnswer(status: answer.status, body: answer.body, times: times - 1) : .success
            }
            state.received.append(
                ReceivedNotification(sequence: state.received.count + 1, request: request, answeredStatus: answer.status))
            return answer
        }
        let sender = request.headers["X-PARTNER-ID"] ?? request.headers["X-CLIENT-KEY"] ?? ""
        switch answer.body {
        case .success:
            if let text = successTexts[sender] { return Self.text(answer.status, text) }
            return Self.json(answer.status, ["responseCode": "2000000", "responseMessage": "Successful"])
        case .responseCode(let code):
            let message: JSONValue = code.hasPrefix("200") ? "Successful" : "General Error"
            return Self.json(answer.status, ["responseCode": .string(code), "responseMessage": message])
        case .json(let value): return Self.json(answer.status, value)
        case .text(let text): return Self.text(answer.status, text)
        }
    }

    private static func json(_ status: Int, _ body: JSONValue) -> HTTPReply {
        .respond(HTTPResponse(
            status: HTTPStatus(code: status), headers: ["Content-Type": "application/json"], body: body.compactBytes))
    }

    private static func text(_ status: Int, _ text: String) -> HTTPReply {
        .respond(HTTPResponse(status: HTTPStatus(code: status), headers: ["Content-Type": "text/plain"], body: Array(text.utf8)))
    }
}

extension LoadedFixtures {
    /// The notification profile a partner's notifications follow: its profile's, else `snap`'s (as the simulator
    /// chooses it).
    func notificationProfile(of partnerID: String) -> NotificationProfile? {
        let name = partners[partnerID]?.profile ?? engine.defaultProfile
        return notifications.profiles[name] ?? notifications.profiles["snap"]
    }
}
