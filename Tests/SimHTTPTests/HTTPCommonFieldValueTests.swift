import SimHTTP
import Testing

/// The parser hands out a literal for a few long header values sent on nearly every request; what a caller
/// reads must be exactly what was sent, whatever the spelling, and neighbours of those values must not be
/// mistaken for them.
@Suite struct HTTPCommonFieldValueTests {
    private func contentType(_ value: String) throws -> String? {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /x HTTP/1.1\r\nHost: a\r\nContent-Type: \(value)\r\nContent-Length: 2\r\n\r\n{}".utf8))
        guard case .request(let request) = parser.next() else {
            Issue.record("no request for \(value)")
            return nil
        }
        return request.headers["Content-Type"]
    }

    @Test(arguments: [
        "application/json", "application/json; charset=utf-8", "application/json; charset=UTF-8",
        // Same lengths, other bytes: decoded as sent.
        "application/jsoN", "Application/json", "application/json; charset=utf-7", "application/json: charset=utf-8",
        // Other lengths around them.
        "application/jso", "application/json ;", "application/json;charset=utf-8", "text/plain",
        "application/json; charset=utf-8; x=1",
    ])
    func valueIsTheBytesSent(value: String) throws {
        #expect(try contentType(value) == value)
    }

    @Test func surroundingWhitespaceIsStillTrimmed() throws {
        #expect(try contentType("  application/json \t") == "application/json")
    }

    @Test func interningIsByBytesNotByName() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /x HTTP/1.1\r\nHost: a\r\nX-Note: application/json\r\nAccept: application/json\r\n\r\n".utf8))
        guard case .request(let request) = parser.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.headers["X-Note"] == "application/json")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["Content-Type"] == nil)
    }
}
