@testable import SimHTTPClient
import SimHTTP
import Testing

/// The parser fed one byte at a time: every split point of a response must give the same answer.
@Suite struct HTTPResponseParserTests {
    private func parseBytewise(_ text: String, method: HTTPMethod = .get) throws -> HTTPClientResponse? {
        var parser = HTTPResponseParser(requestMethod: method, bodyLimit: 1 << 20)
        for byte in Array(text.utf8) {
            let progress = try withUnsafeBytes(of: byte) { bytes throws(HTTPClientError) in try parser.feed(bytes) }
            if case .complete(let response, _) = progress { return response }
        }
        return nil
    }

    @Test func chunked_WithExtensionsAndTrailers() throws {
        let response = try parseBytewise(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;a=\"b;c\"\r\nabc\r\nA\r\n0123456789\r\n0\r\nT: v\r\n\r\n")
        #expect(response?.text == "abc0123456789")
    }

    @Test func contentLength_AndHeadersKeepOrderAndSpelling() throws {
        let response = try parseBytewise("HTTP/1.1 404 Not Found\r\nX-A: 1\r\nx-b:  two \r\nContent-Length: 2\r\n\r\nhi")
        #expect(response?.status == 404)
        #expect(response?.reasonPhrase == "Not Found")
        #expect(response?.headers.map(\.name) == ["X-A", "x-b", "Content-Length"])
        #expect(response?.headers["X-B"] == "two")
        #expect(response?.text == "hi")
    }

    @Test func malformedFraming_IsRefused() {
        #expect(throws: HTTPClientError.malformedResponse("bad Content-Length [\"+5\"]")) {
            try parseBytewise("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n")
        }
        #expect(throws: HTTPClientError.malformedResponse("bad Content-Length [\"1\", \"2\"]")) {
            try parseBytewise("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        }
        #expect(throws: HTTPClientError.malformedResponse("bad chunk size line \"zz\"")) {
            try parseBytewise("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        }
        #expect(throws: HTTPClientError.malformedResponse("chunk data longer than its size")) {
            try parseBytewise("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n")
        }
        #expect(throws: HTTPClientError.responseTooLarge(limit: 1 << 20)) {
            try parseBytewise("HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n")
        }
    }

    @Test func noBody_For204AndHead() throws {
        #expect(try parseBytewise("HTTP/1.1 204 No Content\r\n\r\n")?.body == [])
        #expect(try parseBytewise("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", method: .head)?.body == [])
    }
}
