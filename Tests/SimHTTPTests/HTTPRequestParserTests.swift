import SimHTTP
import Testing

@Suite struct HTTPRequestParserTests {
    @Test func parser_DeliversRequest_WhenSimpleGetIsSplitAnywhere() throws {
        let actions = parseAtEverySplit("GET /v1.0/ping?x=1 HTTP/1.1\r\nHost: localhost\r\nX-Trace: a b\r\n\r\n")

        #expect(actions.count == 1)
        let request = try #require(actions.first?.request)
        #expect(request.method == .get)
        #expect(request.target == "/v1.0/ping?x=1")
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "localhost")
        #expect(request.headers["X-Trace"] == "a b")
        #expect(request.body.isEmpty)
    }

    @Test func parser_ReadsBody_WhenContentLengthIsGiven() throws {
        let actions = parseAtEverySplit(
            "POST /pay HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                + #"{"a":"b c"}"#
        )

        let request = try #require(actions.first?.request)
        #expect(actions.count == 1)
        #expect(request.method == .post)
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"a":"b c"}"#)
    }

    @Test func parser_DechunksBody_WhenChunkedWithExtensionsAndTrailers() throws {
        let raw =
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n"
            + "5 ; a=\"b\";flag\r\npedia\r\n"
            + "E\r\n in\r\n\r\nchunks.\r\n"
            + "0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
        let actions = parseAtEverySplit(raw)

        let request = try #require(actions.first?.request)
        #expect(actions.count == 1)
        #expect(String(decoding: request.body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
        #expect(request.headers["Transfer-Encoding"] == "chunked")
    }

    @Test func parser_DeliversRequestsInOrder_WhenPipelined() throws {
        let raw =
            "POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
            + "GET /second HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /third HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
        let actions = parseAtEverySplit(raw)

        #expect(actions.compactMap(\.request?.target) == ["/first", "/second", "/third"])
        #expect(
            actions.compactMap { $0.request.map { String(decoding: $0.body, as: UTF8.self) } } == ["one", "", "two"])
    }

    @Test func parser_AsksForContinue_WhenExpect100ContinueWithBody() throws {
        let actions = parseAtEverySplit(
            "PUT /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\nhello"
        )

        #expect(actions.count == 2)
        #expect(actions.first == .expectContinue)
        #expect(actions.last?.request?.body == Array("hello".utf8))
    }

    @Test func parser_DoesNotAskForContinue_WhenNoBodyOrHTTP10() {
        let noBody = parseAtEverySplit("GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n")
        let http10 = parseAtEverySplit("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx")

        #expect(noBody.count == 1 && noBody.first?.request != nil)
        #expect(http10.count == 1 && http10.first?.request != nil)
    }

    @Test func parser_RejectsWithoutContinue_WhenExpectedBodyIsTooLarge() {
        let actions = parseAtEverySplit(
            "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n",
            configuration: .init(maxBodyBytes: 100)
        )

        #expect(actions == [.error(.bodyTooLarge)])
    }

    @Test func parser_IgnoresLeadingEmptyLines_WhenBeforeRequestLine() {
        let actions = parseAtEverySplit("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")

        #expect(actions.count == 1 && actions.first?.request?.target == "/")
    }

    @Test func parser_AcceptsRequest_WhenHTTP10HasNoHost() throws {
        let request = try #require(parseAtEverySplit("GET / HTTP/1.0\r\n\r\n").first?.request)

        #expect(request.version == .http1_0)
        #expect(!request.wantsKeepAlive)
    }

    @Test func parser_TreatsAsHTTP11_WhenMinorVersionIsHigher() throws {
        let request = try #require(parseAtEverySplit("GET / HTTP/1.7\r\nHost: x\r\n\r\n").first?.request)

        #expect(request.version == .http1_1)
    }

    @Test func parser_AcceptsEqualDuplicates_WhenContentLengthRepeats() throws {
        let actions = parseAtEverySplit(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok")

        #expect(actions.first?.request?.body == Array("ok".utf8))
    }

    @Test(arguments: ["/", "/a/b?c=d&e=%20"])
    func parser_AcceptsTarget_WhenOriginForm(target: String) {
        let actions = parseAtEverySplit("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")

        #expect(actions.first?.request?.target == target)
    }

    @Test func parser_AcceptsAsteriskForm_WhenMethodIsOptions() {
        #expect(parseAtEverySplit("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").first?.request?.target == "*")
        #expect(parseAtEverySplit("GET * HTTP/1.1\r\nHost: x\r\n\r\n") == [.error(.invalidRequestTarget)])
    }

    @Test func parser_KeepsMethodSpelling_WhenMethodIsUncommon() {
        let actions = parseAtEverySplit("PATCH / HTTP/1.1\r\nHost: x\r\n\r\n")

        #expect(actions.first?.request?.method == .patch)
    }

    @Test func parser_RepeatsError_WhenFedAfterFailure() {
        var parser = HTTPRequestParser()

        #expect(parser.feed(Array("BAD\r\n\r\n".utf8)) == .error(.invalidRequestLine))
        #expect(parser.feed(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)) == .error(.invalidRequestLine))
    }

    @Test func parser_ReportsProgress_WhileRequestArrives() {
        var parser = HTTPRequestParser()
        #expect(parser.isIdle)

        #expect(parser.feed(Array("POST / HTTP/1.1\r\nHost: x\r\n".utf8)) == .needMoreData)
        #expect(!parser.isIdle && !parser.isReadingBody)
        #expect(parser.feed(Array("Content-Length: 4\r\n\r\nab".utf8)) == .needMoreData)
        #expect(parser.isReadingBody)
        #expect(parser.feed(Array("cd".utf8)).request?.body == Array("abcd".utf8))
        #expect(parser.isIdle && parser.bufferedByteCount == 0)
    }
}
