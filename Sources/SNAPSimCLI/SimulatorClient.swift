import SNAPSim
import SimHTTP
import SimHTTPClient
import SimJSON

/// Sends one request to a running simulator (or any SNAP endpoint over `http://`) for commands such as
/// `sign --send`, through SimHTTPClient.
enum SimulatorClient {
    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object, when it is one.
        var json: JSONObject? { (try? JSONParser.parse(body))?.objectValue }
    }

    static func send(_ request: HTTPRequest, to base: String) async throws(CLIError) -> Answer {
        do throws(HTTPClientError) {
            let endpoint = try HTTPEndpoint(url: base)
            let client = HTTPClient(deadlines: .init(connect: .seconds(15), write: .seconds(15), read: .seconds(15)))
            let answer = try await client.send(request, to: endpoint)
            return Answer(status: answer.status, body: answer.body)
        } catch {
            throw CLIError("\(request.method.rawValue) \(base)\(request.target) failed: \(error)")
        }
    }
}
