import Foundation
import SNAPSim
import SimHTTP
#if canImport(FoundationNetworking)
import FoundationNetworking
import SimJSON
#endif

/// Sends one request to a running simulator (or any SNAP endpoint) for commands such as `sign --send`.
///
/// Uses URLSession rather than a socket of our own, so `https://` targets work too and no socket code lives
/// above SimServer.
enum SimulatorClient {
    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object, when it is one.
        var json: JSONObject? { (try? JSONParser.parse(body))?.objectValue }
    }

    static func send(_ request: HTTPRequest, to base: String) async throws(CLIError) -> Answer {
        guard let url = URL(string: base + request.target) else { throw CLIError("not a URL: \(base + request.target)") }
        var urlRequest = URLRequest(url: url, timeoutInterval: 15)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        do {
            let (data, response) = try await URLSession.shared.data(for: urlRequest)
            return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: Array(data))
        } catch {
            throw CLIError("\(request.method.rawValue) \(url.absoluteString) failed: \(error.localizedDescription)")
        }
    }
}
