import SimHTTP
import Testing

/// Absolute-form targets (RFC 9112 §3.2.2) and the `Expect` field (RFC 9110 §10.1.1).
@Suite struct HTTPRequestTargetTests {
    struct AbsoluteCase: Sendable, CustomTestStringConvertible {
        var target: String
        var method = "GET"
        var routed: String
        var host: String

        var testDescription: String { "\(method) \(target)" }
    }

    static let absolute: [AbsoluteCase] = [
        .init(target: "http://127.0.0.1:7788/_sim/health", routed: "/_sim/health", host: "127.0.0.1:7788"),
        .init(target: "http://example.com/a/b?c=d&e=%20", routed: "/a/b?c=d&e=%20", host: "example.com"),
        .init(target: "HTTPS://h:1/p", routed: "/p", host: "h:1"),
        .init(target: "http://example.com", routed: "/", host: "example.com"),
        .init(target: "http://example.com?x=1", routed: "/?x=1", host: "example.com"),
        .init(target: "http://[::1]:8080/v1.0/x", routed: "/v1.0/x", host: "[::1]:8080"),
        .init(target: "http://example.com", method: "OPTIONS", routed: "*", host: "example.com"),
    ]

    @Test(arguments: absolute)
    func parser_RoutesOnPathAndQuery_WhenTargetIsAbsoluteForm(_ test: AbsoluteCase) throws {
        let raw = "\(test.method) \(test.target) HTTP/1.1\r\nHost: ignored.example\r\nX-A: 1\r\n\r\n"
        let request = try #require(parseAtEverySplit(raw).first?.request)

        #expect(request.target == test.routed)
        #expect(request.path == test.routed.split(separator: "?", omittingEmptySubsequences: false)[0])
        // The authority replaces Host: the received one is ignored, and there is exactly one.
        #expect(request.headers.values(for: "Host") == [test.host])
        #expect(request.headers["X-A"] == "1")
    }

    @Test func parser_TakesHostFromTarget_WhenHTTP10RequestHasNoHost() throws {
        let request = try #require(parseAtEverySplit("GET http://h:9/x HTTP/1.0\r\n\r\n").first?.request)

        #expect(request.target == "/x")
        #expect(request.headers["Host"] == "h:9")
    }

    @Test(arguments: [
        "ftp://example.com/x", "http:/example.com/x", "http://", "http:///x", "http://user@example.com/x",
        "http://exa mple.com/x", "mailto:a@b", "example.com:443", "http://h\"/x",
    ])
    func parser_RefusesTarget_WhenAbsoluteFormIsNotAnHTTPURI(target: String) {
        let actions = parseAtEverySplit("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")

        // A space inside the target ends it early, which makes the request line itself malformed.
        let expected: HTTPParserError = target.contains(" ") ? .invalidRequestLine : .invalidRequestTarget
        #expect(actions == [.error(expected)])
    }

    @Test func parser_StillRequiresHost_WhenHTTP11TargetIsAbsoluteForm() {
        #expect(parseAtEverySplit("GET http://h/x HTTP/1.1\r\n\r\n") == [.error(.invalidHost)])
        #expect(parseAtEverySplit("GET http://h/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == [.error(.invalidHost)])
    }

    // MARK: - Expect

    @Test(arguments: ["100-continue", "100-Continue", " 100-CONTINUE ", "100-continue, ", ", 100-continue"])
    func parser_AsksForContinue_WhenExpectIs100Continue(value: String) {
        let actions = parseAtEverySplit("POST / HTTP/1.1\r\nHost: x\r\nExpect:\(value)\r\nContent-Length: 2\r\n\r\nok")

        #expect(actions.count == 2)
        #expect(actions.first == .expectContinue)
        #expect(actions.last?.request?.body == Array("ok".utf8))
    }

    @Test(arguments: ["102-processing", "100-continue, foo", "foo, 100-continue", "100-continue;x=1", "continue"])
    func parser_Answers417_WhenExpectationIsNotSupported(value: String) {
        let actions = parseAtEverySplit("POST / HTTP/1.1\r\nHost: x\r\nExpect: \(value)\r\nContent-Length: 2\r\n\r\nok")

        #expect(actions == [.error(.unsupportedExpectation)])
        #expect(HTTPParserError.unsupportedExpectation.status.code == 417)
        #expect(HTTPParserError.unsupportedExpectation.status.reasonPhrase == "Expectation Failed")
    }

    @Test func parser_Answers417_EvenWithoutBodyOrInHTTP10() {
        let http11 = parseAtEverySplit("GET / HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n")
        #expect(http11 == [.error(.unsupportedExpectation)])
        #expect(parseAtEverySplit("GET / HTTP/1.0\r\nExpect: foo\r\n\r\n") == [.error(.unsupportedExpectation)])
    }

    @Test func parser_IgnoresEmptyExpect() throws {
        let actions = parseAtEverySplit("GET / HTTP/1.1\r\nHost: x\r\nExpect:\r\n\r\n")

        #expect(actions.first?.request?.target == "/")
    }

    @Test func parserErrorResponse_Carries417AndReason() {
        let response = HTTPResponse(parserError: .unsupportedExpectation)

        #expect(response.status.code == 417)
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"error":"only the 100-continue expectation is supported"}"#)
    }
}
