import SimHTTP
import SimServer
import SocketTestSupport
import Testing

/// Issue 10's HTTP details over a real socket: the parser decides, the server sends what it decided.
struct HTTPDetailsTests {
    @Test func server_AcceptsAbsoluteFormTarget() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("GET http://127.0.0.1:\(server.localPort)/_sim/health?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.status == 200)
            #expect(response.header("X-Target")?.hasSuffix("/_sim/health?x=1") == true)
        }
    }

    @Test func server_Answers417AndCloses_WhenExpectationIsNot100Continue() throws {
        try withServer { server in
            let client = try LoopbackClient(port: server.localPort)
            try client.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Length: 2\r\n\r\nok")
            let response = try client.readResponse()

            #expect(response.status == 417)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }
}
