import Foundation
import SNAPCrypto
import SimHTTP
import SimServer
import Synchronization

@testable import SNAPSim
import SimJSON

/// A partner's webhook on 127.0.0.1: records every request and answers from a script (then 200 `2002500`).
struct WebhookReceiver {
    let log: WebhookLog
    let server: HTTPServer

    /// `answers`: the statuses of the first requests, in order.
    /// `successText`: once the script is spent, answer 200 with this plain text (SmilePayz's `SUCCESS`).
    init(answers: [Int] = [], successText: String? = nil) throws {
        log = WebhookLog(answers: answers, successText: successText)
        server = try HTTPServer(configuration: .init(port: 0, eventLoopCount: 1), responder: log)
        try server.start()
    }

    var url: String { "http://127.0.0.1:\(server.localPort)" }
    var requests: [HTTPRequest] { log.received.withLock { $0 } }
}

/// The webhook's responder: what came in, and the scripted answers still to give.
final class WebhookLog: HTTPResponder {
    let received = Mutex<[HTTPRequest]>([])
    private let script: Mutex<[Int]>
    private let successText: String?

    init(answers: [Int], successText: String? = nil) {
        script = Mutex(answers)
        self.successText = successText
    }

    func respond(to request: HTTPRequest) -> HTTPReply {
        received.withLock { $0.append(request) }
        let scripted = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        let status = scripted ?? 200
        if let successText, scripted == nil {
            return .respond(HTTPResponse(status: HTTPStatus(code: 200), headers: ["Content-Type": "text/plain"],
                body: Array(successText.utf8)))
        }
        let body: JSONValue = status == 200
            ? ["responseCode": "2002500", "responseMessage": "Successful"]
            : ["responseCode": "5002500", "responseMessage": "General Error"]
        return .respond(HTTPResponse(status: HTTPStatus(code: status), headers: ["Content-Type": "application/json"],
            body: body.compactBytes))
    }
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes (never a sleep to order events).
func eventually(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return try condition()
}

/// Verifies a notification's SNAP asymmetric signature with a published public key.
func verifiesAsymmetric(_ request: HTTPRequest, publicKeyPEM: String) -> Bool {
    guard let key = try? RSA.PublicKey(pem: publicKeyPEM), let timestamp = request.headers["X-TIMESTAMP"],
        let signature = request.headers["X-SIGNATURE"].flatMap(Base64.decode)
    else { return false }
    let text = StringToSign(method: "POST", target: request.target, accessToken: nil, body: request.body, timestamp: timestamp).text
    return key.isValidSignature(signature, for: Array(text.utf8))
}
