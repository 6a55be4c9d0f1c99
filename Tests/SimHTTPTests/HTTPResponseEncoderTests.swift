import SimHTTP
import Testing

@Suite struct HTTPResponseEncoderTests {
    /// RFC 9110's example instant, so expected bytes are fixed.
    let date = HTTPDate(secondsSince1970: 784_111_777)

    func text(_ response: HTTPResponse, isHead: Bool = false, connection: HTTPResponseEncoder.ConnectionHeader = .none)
        -> String
    {
        String(
            decoding: HTTPResponseEncoder().encode(
                response, date: date, isHeadResponse: isHead, connection: connection), as: UTF8.self)
    }

    @Test func encoder_AddsLengthDateAndJSONType_WhenBodyHasNoType() {
        let encoded = text(HTTPResponse(status: .ok, headers: ["X-A": "1"], body: Array(#"{"ok":true}"#.utf8)))

        #expect(
            encoded == "HTTP/1.1 200 OK\r\nX-A: 1\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                + "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
        )
    }

    @Test func encoder_AddsPlainTextType_WhenBodyIsEmpty() {
        let encoded = text(HTTPResponse(status: .notFound))

        #expect(encoded.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(encoded.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(encoded.contains("\r\nContent-Length: 0\r\n"))
        #expect(encoded.contains("\r\nDate: "))
        #expect(encoded.hasSuffix("\r\n\r\n"))
    }

    @Test func encoder_OmitsBodyButKeepsLength_WhenAnsweringHead() {
        let encoded = text(HTTPResponse(status: .ok, body: Array("hello".utf8)), isHead: true)

        #expect(encoded.contains("\r\nContent-Length: 5\r\n"))
        #expect(encoded.hasSuffix("\r\n\r\n"))
    }

    @Test func encoder_KeepsGivenDateAndType_WithoutDuplicates() {
        let response = HTTPResponse(
            status: .ok,
            headers: ["date": "Mon, 01 Jan 2024 00:00:00 GMT", "Content-Type": "text/html"],
            body: Array("<p>".utf8)
        )
        let encoded = text(response)

        #expect(encoded.split(separator: "ate: ").count == 2)
        #expect(encoded.contains("date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"))
        #expect(encoded.split(separator: "Content-Type").count == 2)
    }

    @Test func encoder_ReplacesGivenFraming_WithActualLength() {
        let response = HTTPResponse(
            status: .ok,
            headers: ["Content-Length": "99", "Transfer-Encoding": "chunked", "Connection": "upgrade"],
            body: Array("abc".utf8)
        )
        let encoded = text(response, connection: .close)

        #expect(!encoded.contains("Content-Length: 99"))
        #expect(!encoded.contains("chunked"))
        #expect(!encoded.contains("upgrade"))
        #expect(encoded.contains("\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"))
    }

    @Test func encoder_WritesKeepAlive_WhenAsked() {
        #expect(text(HTTPResponse(status: .ok), connection: .keepAlive).contains("\r\nConnection: keep-alive\r\n"))
        #expect(!text(HTTPResponse(status: .ok)).contains("Connection"))
    }

    @Test func encoder_OmitsLengthAndBody_WhenStatusIs204() {
        let encoded = text(HTTPResponse(status: .noContent, body: Array("x".utf8)))

        #expect(encoded == "HTTP/1.1 204 No Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
    }

    @Test func encoder_NeutralisesLineBreaks_WhenHeaderValuesCarryThem() {
        let response = HTTPResponse(
            status: HTTPStatus(code: 200, reasonPhrase: "OK\r\nX-Evil: 1"),
            headers: ["X-A": "a\r\nSet-Cookie: b", "Bad Name": "v"]
        )
        let encoded = text(response)

        #expect(encoded.hasPrefix("HTTP/1.1 200 OK  X-Evil: 1\r\n"))
        #expect(encoded.contains("X-A: a  Set-Cookie: b\r\n"))
        #expect(encoded.contains("Bad-Name: v\r\n"))
    }

    @Test func encoder_Reports500_WhenStatusCodeIsNotThreeDigits() {
        #expect(text(HTTPResponse(status: HTTPStatus(code: 42))).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test func encoder_Appends_WhenGivenABuffer() {
        var buffer = Array("prefix".utf8)
        HTTPResponseEncoder().encode(HTTPResponse(status: .ok), into: &buffer, date: date)

        #expect(String(decoding: buffer, as: UTF8.self).hasPrefix("prefixHTTP/1.1 200 OK\r\n"))
    }

    @Test func continueResponse_IsTheInterimStatusLine() {
        #expect(HTTPResponseEncoder.continueResponse == Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
    }
}

@Suite struct HTTPDateTests {
    @Test(arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_709_251_199, "Thu, 29 Feb 2024 23:59:59 GMT"),
        (4_102_444_800, "Fri, 01 Jan 2100 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
    ])
    func date_FormatsIMFFixdate_WhenGivenSeconds(seconds: Int, expected: String) {
        #expect(HTTPDate(secondsSince1970: seconds).description == expected)
        #expect(HTTPDate(secondsSince1970: seconds).bytes.count == 29)
    }
}

@Suite struct HTTPRequestKeepAliveTests {
    @Test func request_KeepsAlive_ByVersionAndConnectionHeader() {
        #expect(HTTPRequest(method: .get, target: "/").wantsKeepAlive)
        #expect(!HTTPRequest(method: .get, target: "/", headers: ["Connection": "Keep-Alive, CLOSE"]).wantsKeepAlive)
        #expect(!HTTPRequest(method: .get, target: "/", version: .http1_0).wantsKeepAlive)
        #expect(
            HTTPRequest(method: .get, target: "/", version: .http1_0, headers: ["connection": " keep-alive "])
                .wantsKeepAlive)
    }
}
