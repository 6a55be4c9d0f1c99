import Dispatch
import SimHTTP
import SimServer
import SocketTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct HTTPServerTests {
    @Test func server_ListensOnFreePort_WhenPortIsZero() throws {
        try withServer { server in
            #expect(server.localPort > 0)
            #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
        }
    }

    @Test func server_FailsToStart_WhenPortIsAlreadyServed() throws {
        try withServer { server in
            let second = try HTTPServer(
                configuration: .init(port: server.localPort, eventLoopCount: 2),
                responder: TestResponder()
            )
            #expect(throws: SocketError.self) { try second.start() }
        }
    }

    @Test func server_RejectsConfiguration_WhenValuesAreOutOfRange() {
        #expect(throws: HTTPServerError.self) {
            _ = try HTTPServer(configuration: .init(port: 70_000), responder: TestResponder())
        }
        #expect(throws: HTTPServerError.self) {
            _ = try HTTPServer(configuration: .init(eventLoopCount: 0), responder: TestResponder())
        }
    }

    @Test func server_AnswersTwoRequests_WhenConnectionIsKeptAlive() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            try client.send("POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody")
            let second = try client.readResponse()

            #expect(first.status == 200 && first.header("X-Target") == "/one")
            #expect(second.status == 200 && second.bodyText == "body")
            #expect(first.header("Connection") == nil)
        }
    }

    @Test func server_SendsDateTypeAndLength_OnEveryResponse() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.headerCount("Date") == 1)
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(response.header("Content-Length") == "0")
        }
    }

    @Test func server_AnswersInOrder_WhenPipelinedRequestFollowsDelayedOne() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send(
                "GET /delay/300 HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /third HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n3"
            )
            let first = try client.readResponse()
            let second = try client.readResponse()
            let third = try client.readResponse()

            #expect(first.bodyText == "delayed 300")
            #expect(second.header("X-Target") == "/fast")
            #expect(third.bodyText == "3")
        }
    }

    @Test func server_DechunksBody_WhenRequestIsChunked() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.send("5;ext=1\r\nhello\r\n")
            try client.send("6\r\n world\r\n0\r\nX-T: 1\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.bodyText == "hello world")
        }
    }

    @Test func server_Answers431AndCloses_WhenHeadIsTooLarge() throws {
        try withServer(.init(maxHeadBytes: 1024)) { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 2000) + "\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 431)
            #expect(response.header("Connection") == "close")
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.bodyText == #"{"error":"request header section too large"}"#)
            #expect(client.isClosedByServer())
        }
    }

    @Test func server_Answers413_WhenContentLengthExceedsLimit() throws {
        try withServer(.init(maxBodyBytes: 1000)) { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send(
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "b", count: 5000))
            let response = try client.readResponse()

            #expect(response.status == 413)
            #expect(client.isClosedByServer())
        }
    }

    @Test func server_Answers413_WhenChunkedBodyExceedsLimit() throws {
        try withServer(.init(maxBodyBytes: 1000)) { server in
            let client = try LoopbackClient(port: server.localPort)
            let chunk = "3e8\r\n" + String(repeating: "c", count: 1000) + "\r\n"
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk)
            let response = try client.readResponse()

            #expect(response.status == 413)
            #expect(client.isClosedByServer())
        }
    }

    @Test func server_EchoesOneMebibyte_WhenBodyIsExactlyAtLimit() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            let body = (0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 % 251) }
            try client.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
            try client.send(body)
            // The 1 MiB answer outgrows the socket buffer: the server must resume it on EPOLLOUT.
            let response = try client.readResponse()
            try client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")

            #expect(response.status == 200)
            #expect(response.body == body)
            #expect(try client.readResponse().header("X-Target") == "/after")
        }
    }

    @Test func server_Answers408_WhenHeadIsNotCompleteInTime() throws {
        try withServer(.init(headerTimeout: .milliseconds(300))) { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n")
            let response = try client.readResponse()

            // When exactly is ConnectionStateMachineTests' business; here, that the socket carries it out.
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func server_ClosesQuietly_WhenKeepAliveConnectionIdles() throws {
        try withServer(.init(idleTimeout: .milliseconds(300))) { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse()

            #expect(client.isClosedByServer())
        }
    }

    @Test func server_Answers503_WhenMaxConnectionsIsReached() throws {
        try withServer(.init(maxConnections: 2)) { server in
            let first = try LoopbackClient(port: server.localPort)
            let second = try LoopbackClient(port: server.localPort)
            for client in [first, second] {
                try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try client.readResponse()
            }
            let third = try LoopbackClient(port: server.localPort)
            try third.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let rejected = try third.readResponse()

            #expect(rejected.status == 503)
            #expect(rejected.header("Connection") == "close")
            #expect(third.isClosedByServer())
            #expect(server.connectionCount == 2)
        }
    }

    @Test func server_AcceptsAgain_WhenAConnectionSlotFreesUp() throws {
        try withServer(.init(maxConnections: 1)) { server in
            do {
                let first = try LoopbackClient(port: server.localPort)
                try first.send("GET /bye HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try first.readResponse()
                #expect(first.isClosedByServer())
            }
            // The slot is released when the server closes its side.
            #expect(eventually { server.connectionCount == 0 })
            let next = try LoopbackClient(port: server.localPort)
            try next.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try next.readResponse().status == 200)
        }
    }

    @Test func server_ClosesAfterResponse_WhenClientSendsConnectionClose() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func server_ClosesAfterResponse_WhenResponderSetsConnectionClose() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET /bye HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.headerCount("Connection") == 1 && response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func server_ClosesHTTP10_UnlessKeepAliveIsAsked() throws {
        try withServer { server in
            let plain = try LoopbackClient(port: server.localPort)
            try plain.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try plain.readResponse().header("Connection") == "close")
            #expect(plain.isClosedByServer())

            let keepAlive = try LoopbackClient(port: server.localPort)
            try keepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().header("Connection") == "keep-alive")
            try keepAlive.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().header("X-Target") == "/b")
        }
    }

    @Test func server_Sends100Continue_BeforeReadingBody() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            try client.send("hello")
            let final = try client.readResponse()

            #expect(interim.statusLine == "HTTP/1.1 100 Continue")
            #expect(final.status == 200 && final.bodyText == "hello")
        }
    }

    @Test func server_Answers413WithoutContinue_WhenExpectedBodyIsTooLarge() throws {
        try withServer(.init(maxBodyBytes: 10)) { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")

            #expect(try client.readResponse().status == 413)
        }
    }

    @Test func server_OmitsBody_WhenAnsweringHead() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("HEAD /h HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
            let head = try client.readResponse(isHead: true)
            try client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            let next = try client.readResponse()

            #expect(head.header("Content-Length") == "3")
            #expect(head.body.isEmpty)
            #expect(next.header("X-Target") == "/next")
        }
    }

    @Test func server_ClosesWithoutBytes_WhenReplyIsCloseWithoutResponse() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET /close HTTP/1.1\r\nHost: x\r\n\r\n")

            #expect(client.isClosedByServer())
        }
    }

    @Test func server_WritesExactBytesThenCloses_WhenReplyIsRaw() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET /raw HTTP/1.1\r\nHost: x\r\n\r\n")

            #expect(try client.readToEnd() == TestResponder.rawBytes)
        }
    }

    @Test func server_AnswersOtherConnection_WhileAReplyIsDelayed() throws {
        try withServer { server in
            let slow = try LoopbackClient(port: server.localPort)
            let fast = try LoopbackClient(port: server.localPort)
            // The delay is the window in which the fast answer must come: long enough that a loaded machine's
            // scheduling (the test thread and the loop both waiting for a core) cannot use it up.
            try slow.send("GET /delay/6000?tag=other HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(eventually { TestResponder.hasSeen("/delay/6000?tag=other") })
            try fast.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try fast.readResponse().header("X-Target") == "/fast")
            // The delayed answer is still owed: the fast one did not wait for it.
            #expect(!slow.isReadable())
            #expect(try slow.readResponse().bodyText == "delayed 6000")
        }
    }

    @Test func server_Answers400AndCloses_WhenRequestIsMalformed() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 400)
            #expect(response.bodyText == #"{"error":"both Content-Length and Transfer-Encoding present"}"#)
            #expect(client.isClosedByServer())
        }
    }

    @Test func server_Answers505_WhenVersionIsUnsupported() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET / HTTP/2.0\r\nHost: x\r\n\r\n")

            #expect(try client.readResponse().status == 505)
        }
    }

    @Test func server_AnswersBufferedRequests_WhenClientHalfCloses() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET /delay/100 HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            client.shutdownWrite()

            #expect(try client.readResponse().bodyText == "delayed 100")
            #expect(try client.readResponse().header("X-Target") == "/b")
            #expect(client.isClosedByServer())
        }
    }

    @Test func shutdown_AnswersInFlightDelayedRequest_ThenRefusesConnections() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = try HTTPServer(configuration: configuration, responder: TestResponder())
        try server.start()
        let port = server.localPort
        let busy = try LoopbackClient(port: port)
        let idle = try LoopbackClient(port: port)
        try idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try idle.readResponse()
        // The delay is the window in which the shutdown must reach the loop for the answer to say `close`: long
        // enough that a loaded machine cannot use it up before the shutdown thread runs.
        try busy.send("GET /delay/6000?tag=shutdown HTTP/1.1\r\nHost: x\r\n\r\n")
        // The shutdown must find the request in flight, not still in the socket.
        #expect(eventually { TestResponder.hasSeen("/delay/6000?tag=shutdown") })

        let stopped = DispatchSemaphore(value: 0)
        DispatchQueue(label: "test.shutdown").async { @Sendable in
            server.shutdown()
            stopped.signal()
        }
        // Draining closes the idle connection at once, well before the delayed answer is due.
        #expect(idle.isClosedByServer())
        #expect(!busy.isReadable())
        let response = try busy.readResponse()

        #expect(response.bodyText == "delayed 6000")
        #expect(response.header("Connection") == "close")
        #expect(stopped.wait(timeout: .now() + 60) == .success)
        #expect(throws: LoopbackClientError.self) { _ = try LoopbackClient(port: port) }
    }

    @Test func stopOnSignals_ShutsDownGracefully_WhenSignalArrives() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = try HTTPServer(configuration: configuration, responder: TestResponder())
        try server.start()
        // SIGUSR2 rather than SIGTERM/SIGINT, so the test process keeps its normal reaction to those.
        server.stopOnSignals([SIGUSR2])
        let client = try LoopbackClient(port: server.localPort)
        try client.send("GET /delay/200?tag=signal HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(eventually { TestResponder.hasSeen("/delay/200?tag=signal") })
        kill(getpid(), SIGUSR2)  // process-directed, like kill(1) or Ctrl-C
        let stopped = DispatchSemaphore(value: 0)
        DispatchQueue(label: "test.shutdown").async { @Sendable in
            server.waitUntilStopped()
            stopped.signal()
        }

        #expect(try client.readResponse().bodyText == "delayed 200")
        #expect(stopped.wait(timeout: .now() + 60) == .success)  // a ceiling for a loaded machine
    }

    @Test func waitUntilStopped_Returns_WhenShutdownCompletes() async throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = try HTTPServer(configuration: configuration, responder: TestResponder())
        try server.start()
        server.beginShutdown()
        await server.waitUntilStopped()
        await server.shutdown()  // idempotent

        #expect(throws: LoopbackClientError.self) { _ = try LoopbackClient(port: server.localPort) }
    }
}
