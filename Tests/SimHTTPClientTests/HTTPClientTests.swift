import Dispatch
import SimHTTP
import SimHTTPClient
import SimServer
import Testing

/// Answers by path: `/echo` echoes, `/chunked` and `/garbage` and `/truncated` write raw bytes and close,
/// `/close` closes without answering.
private struct PeerResponder: HTTPResponder {
    func respond(to request: HTTPRequest) -> HTTPReply {
        switch request.path {
        case "/chunked":
            return HTTPReply(.writeRawAndClose(Array(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-T: 1\r\n\r\n"
                    .utf8)))
        case "/garbage":
            return HTTPReply(.writeRawAndClose(Array("SMTP ready\r\n\r\n".utf8)))
        case "/truncated":
            return HTTPReply(.writeRawAndClose(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\ntrunc".utf8)))
        case "/until-close":
            return HTTPReply(.writeRawAndClose(Array("HTTP/1.0 200 OK\r\n\r\nall of it".utf8)))
        case "/close":
            return HTTPReply(.closeWithoutResponse)
        default:
            let headers: HTTPHeaders = [
                "X-Method": request.method.rawValue, "X-Target": request.target,
                "X-Host": request.headers["Host"] ?? "", "X-Signature": request.headers["X-SIGNATURE"] ?? "",
            ]
            return .respond(HTTPResponse(status: HTTPStatus(code: 201), headers: headers, body: request.body))
        }
    }
}

private func withPeer<T>(_ body: (HTTPServer, HTTPEndpoint) throws -> T) throws -> T {
    let server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, eventLoopCount: 1), responder: PeerResponder())
    try server.start()
    defer { server.shutdown() }
    return try body(server, HTTPEndpoint(host: "127.0.0.1", port: server.localPort))
}

@Suite struct HTTPClientTests {
    @Test func post_SendsHeadersAndBody_ReadsContentLengthAnswer() throws {
        try withPeer { _, endpoint in
            var request = HTTPRequest(method: .post, target: "/v1.0/x?a=1", body: Array(#"{"k":"v"}"#.utf8))
            request.headers["X-SIGNATURE"] = "sig"
            let response = try HTTPClient().send(request, to: endpoint)
            #expect(response.status == 201)
            #expect(response.text == #"{"k":"v"}"#)
            #expect(response.headers["X-Method"] == "POST")
            #expect(response.headers["X-Target"] == "/v1.0/x?a=1")
            #expect(response.headers["X-Host"] == "127.0.0.1:\(endpoint.port)")
            #expect(response.headers["X-Signature"] == "sig")
        }
    }

    @Test func url_SplitsTargetAndPrefix() throws {
        try withPeer { _, endpoint in
            let response = try HTTPClient().send(
                HTTPRequest(method: .get, target: "ignored"), url: "http://127.0.0.1:\(endpoint.port)/a/b?c=d#frag")
            #expect(response.headers["X-Target"] == "/a/b?c=d")
            let prefixed = try HTTPEndpoint(url: "http://127.0.0.1:\(endpoint.port)/base/")
            let second = try HTTPClient().send(HTTPRequest(method: .get, target: "/x"), to: prefixed)
            #expect(second.headers["X-Target"] == "/base/x")
        }
    }

    @Test func chunkedAnswer_IsDechunked() throws {
        try withPeer { _, endpoint in
            let response = try HTTPClient().send(HTTPRequest(method: .get, target: "/chunked"), to: endpoint)
            #expect(response.status == 200)
            #expect(response.text == "hello, world")
        }
    }

    @Test func answerFramedByClose_IsReadToTheEnd() throws {
        try withPeer { _, endpoint in
            let response = try HTTPClient().send(HTTPRequest(method: .get, target: "/until-close"), to: endpoint)
            #expect(response.version == .http1_0)
            #expect(response.text == "all of it")
        }
    }

    @Test func keepAlive_ReusesOneConnection() throws {
        try withPeer { server, endpoint in
            let client = HTTPClient(reuseConnections: true)
            defer { client.closeIdleConnections() }
            for index in 0..<5 {
                let response = try client.send(HTTPRequest(method: .get, target: "/n\(index)"), to: endpoint)
                #expect(response.headers["X-Target"] == "/n\(index)")
                #expect(server.connectionCount == 1)
            }
        }
    }

    @Test func keepAlive_RetriesOnceWhenTheServerClosedTheIdleConnection() throws {
        try withPeer { server, endpoint in
            let client = HTTPClient(reuseConnections: true)
            defer { client.closeIdleConnections() }
            _ = try client.send(HTTPRequest(method: .get, target: "/first"), to: endpoint)
            // The server closes without answering: with nothing received, the client tries a fresh connection,
            // which is also closed, so the error reaches the caller (one retry, never a loop).
            #expect(throws: HTTPClientError.closedEarly(received: 0)) {
                try client.send(HTTPRequest(method: .get, target: "/close"), to: endpoint)
            }
            let after = try client.send(HTTPRequest(method: .get, target: "/again"), to: endpoint)
            #expect(after.headers["X-Target"] == "/again")
        }
    }

    @Test func headerInjection_IsRefusedBeforeConnecting() throws {
        var request = HTTPRequest(method: .get, target: "/")
        request.headers["X-A"] = "1\r\nX-Injected: 2"
        // Port 9 (discard) is never connected to: the check comes first.
        #expect(throws: HTTPClientError.invalidRequest("header \"X-A\" holds a line break or has no name")) {
            try HTTPClient().send(request, to: HTTPEndpoint(host: "127.0.0.1", port: 9))
        }
        #expect(throws: HTTPClientError.invalidRequest("target \"/a b\" holds a space or line break")) {
            try HTTPClient().send(HTTPRequest(method: .get, target: "/a b"), to: HTTPEndpoint(host: "127.0.0.1", port: 9))
        }
    }

    @Test func refused_IsNamed() throws {
        let (port, release) = refusingPort()
        defer { release() }
        #expect(throws: HTTPClientError.connectionRefused(host: "127.0.0.1", port: port)) {
            try HTTPClient().send(HTTPRequest(method: .get, target: "/"), to: HTTPEndpoint(host: "127.0.0.1", port: port))
        }
    }

    @Test func slowServer_HitsTheReadDeadline() throws {
        let release = DispatchSemaphore(value: 0)
        let peer = ScriptedPeer([.waitFor(release)])
        let client = HTTPClient(deadlines: .init(read: .milliseconds(200)))
        #expect(throws: HTTPClientError.readTimeout(after: .milliseconds(200), received: 0)) {
            try client.send(HTTPRequest(method: .get, target: "/"), to: HTTPEndpoint(host: "127.0.0.1", port: peer.port))
        }
        release.signal()
        peer.finish()
    }

    @Test func partialAnswerThenSilence_ReportsBytesReceived() throws {
        let release = DispatchSemaphore(value: 0)
        let peer = ScriptedPeer([.write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\npart"), .waitFor(release)])
        // The peer writes at once; the deadline only has to outlast a loaded machine's scheduling of the peer's
        // thread (accept, read the head, write), which can take seconds with the whole suite running.
        let client = HTTPClient(deadlines: .init(read: .seconds(6)))
        #expect(throws: HTTPClientError.readTimeout(after: .seconds(6), received: 42)) {
            try client.send(HTTPRequest(method: .get, target: "/"), to: HTTPEndpoint(host: "127.0.0.1", port: peer.port))
        }
        release.signal()
        peer.finish()
    }

    @Test func reset_IsNamed() throws {
        let peer = ScriptedPeer([.write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\npa"), .reset])
        #expect {
            try HTTPClient().send(HTTPRequest(method: .get, target: "/"), to: HTTPEndpoint(host: "127.0.0.1", port: peer.port))
        } throws: { error in
            guard case .connectionReset = error as? HTTPClientError else { return false }
            return true
        }
        peer.finish()
    }

    @Test func earlyClose_AndGarbage_AreNamed() throws {
        try withPeer { _, endpoint in
            #expect(throws: HTTPClientError.closedEarly(received: 44)) {
                try HTTPClient().send(HTTPRequest(method: .get, target: "/truncated"), to: endpoint)
            }
            #expect(throws: HTTPClientError.closedEarly(received: 0)) {
                try HTTPClient().send(HTTPRequest(method: .get, target: "/close"), to: endpoint)
            }
            #expect(throws: HTTPClientError.malformedResponse("bad status line \"SMTP ready\"")) {
                try HTTPClient().send(HTTPRequest(method: .get, target: "/garbage"), to: endpoint)
            }
        }
    }

    @Test func interimContinue_IsSkipped_AndHeadHasNoBody() throws {
        let peer = ScriptedPeer([.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc")])
        let response = try HTTPClient().send(
            HTTPRequest(method: .post, target: "/"), to: HTTPEndpoint(host: "127.0.0.1", port: peer.port))
        #expect(response.status == 200 && response.text == "abc")
        peer.finish()
        let head = ScriptedPeer([.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n")])
        let headResponse = try HTTPClient().send(
            HTTPRequest(method: .head, target: "/"), to: HTTPEndpoint(host: "127.0.0.1", port: head.port))
        #expect(headResponse.body.isEmpty)
        head.finish()
    }

    @Test func asyncSend_Works() async throws {
        let server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, eventLoopCount: 1), responder: PeerResponder())
        try server.start()
        let response = try await HTTPClient().send(
            HTTPRequest(method: .get, target: "/async"), to: HTTPEndpoint(host: "127.0.0.1", port: server.localPort))
        #expect(response.headers["X-Target"] == "/async")
        await server.shutdown()
    }
}
