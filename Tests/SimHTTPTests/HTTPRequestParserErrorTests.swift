import SimHTTP
import Testing

/// One malformed or over-limit request and the error it must produce.
struct RejectedRequest: Sendable, CustomTestStringConvertible {
    let name: String
    let raw: String
    let error: HTTPParserError
    var configuration = HTTPRequestParser.Configuration()

    var testDescription: String { name }
}

@Suite struct HTTPRequestParserErrorTests {
    static let smuggling: [RejectedRequest] = [
        .init(
            name: "Content-Length with Transfer-Encoding",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            error: .contentLengthWithTransferEncoding),
        .init(
            name: "Transfer-Encoding before Content-Length",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
            error: .contentLengthWithTransferEncoding),
        .init(
            name: "two different Content-Lengths",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            error: .conflictingContentLength),
        .init(
            name: "Content-Length list with different values",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\nabcd",
            error: .conflictingContentLength),
        .init(
            name: "Content-Length not a number",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3a\r\n\r\n", error: .invalidContentLength),
        .init(
            name: "Content-Length negative",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", error: .invalidContentLength),
        .init(
            name: "Content-Length empty",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n", error: .invalidContentLength),
        .init(
            name: "Transfer-Encoding gzip only",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", error: .invalidTransferEncoding),
        .init(
            name: "Transfer-Encoding chunked not last",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            error: .invalidTransferEncoding),
        .init(
            name: "Transfer-Encoding chunked twice",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            error: .invalidTransferEncoding),
        .init(
            name: "Transfer-Encoding with unknown coding",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            error: .unsupportedTransferCoding),
        .init(
            name: "Transfer-Encoding in HTTP/1.0",
            raw: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", error: .invalidTransferEncoding),
    ]

    static let malformed: [RejectedRequest] = [
        .init(name: "request line without version", raw: "GET /\r\n\r\n", error: .invalidRequestLine),
        .init(name: "double space", raw: "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        .init(name: "trailing word", raw: "GET / HTTP/1.1 x\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        .init(name: "method with bad char", raw: "G@T / HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        .init(name: "lowercase protocol", raw: "GET / http/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        .init(name: "two-digit minor", raw: "GET / HTTP/1.10\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        .init(name: "HTTP/2.0", raw: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", error: .unsupportedVersion),
        .init(name: "HTTP/0.9", raw: "GET / HTTP/0.9\r\n\r\n", error: .unsupportedVersion),
        .init(name: "relative target", raw: "GET foo HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestTarget),
        .init(name: "tab in target", raw: "GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestTarget),
        .init(
            name: "non-ASCII target", raw: "GET /caf\u{E9} HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestTarget),
        .init(
            name: "header without colon", raw: "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",
            error: .invalidHeaderField),
        .init(name: "whitespace before colon", raw: "GET / HTTP/1.1\r\nHost : x\r\n\r\n", error: .invalidHeaderField),
        .init(name: "empty field name", raw: "GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n", error: .invalidHeaderField),
        .init(name: "NUL in value", raw: "GET / HTTP/1.1\r\nHost: x\r\nA: b\u{0}c\r\n\r\n", error: .invalidHeaderField),
        .init(
            name: "bare CR in value", raw: "GET / HTTP/1.1\r\nHost: x\r\nA: b\rc\r\n\r\n", error: .invalidLineEnding),
        .init(
            name: "control char in value", raw: "GET / HTTP/1.1\r\nHost: x\r\nA: \u{1B}[0m\r\n\r\n",
            error: .invalidHeaderField),
        .init(name: "obs-fold", raw: "GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n c\r\n\r\n", error: .obsoleteLineFolding),
        .init(name: "bare LF", raw: "GET / HTTP/1.1\nHost: x\n\n", error: .invalidLineEnding),
        .init(name: "bare LF after header", raw: "GET / HTTP/1.1\r\nHost: x\n\r\n", error: .invalidLineEnding),
        .init(name: "missing Host in HTTP/1.1", raw: "GET / HTTP/1.1\r\nA: b\r\n\r\n", error: .invalidHost),
        .init(name: "two Hosts", raw: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", error: .invalidHost),
        .init(
            name: "chunk size not hex",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", error: .invalidChunk),
        .init(
            name: "chunk size with trailing space",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n",
            error: .invalidChunk),
        .init(
            name: "chunk size with leading space",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n",
            error: .invalidChunk),
        .init(
            name: "chunk extension without name",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;\r\nhello\r\n0\r\n\r\n",
            error: .invalidChunk),
        .init(
            name: "chunk size line bare LF",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n",
            error: .invalidChunk),
        .init(
            name: "chunk data longer than size",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n",
            error: .invalidChunk),
        .init(
            name: "malformed trailer",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n",
            error: .invalidHeaderField),
    ]

    static let limits: [RejectedRequest] = [
        .init(
            name: "head over limit",
            raw: "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 300) + "\r\n\r\n",
            error: .headTooLarge, configuration: .init(maxHeadBytes: 256)),
        .init(
            name: "head over limit without terminator",
            raw: "GET / HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 300),
            error: .headTooLarge, configuration: .init(maxHeadBytes: 256)),
        .init(
            name: "too many header lines",
            raw: "GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "A: b\r\n", count: 5) + "\r\n",
            error: .tooManyHeaders, configuration: .init(maxHeaderCount: 5)),
        .init(
            name: "Content-Length over limit",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n",
            error: .bodyTooLarge, configuration: .init(maxBodyBytes: 100)),
        .init(
            name: "Content-Length beyond Int",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999999\r\n\r\n",
            error: .bodyTooLarge),
        .init(
            name: "chunks summing over limit",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n32\r\n"
                + String(repeating: "a", count: 50) + "\r\n33\r\n",
            error: .bodyTooLarge, configuration: .init(maxBodyBytes: 100)),
        .init(
            name: "chunk size beyond Int",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffffffffff\r\n",
            error: .bodyTooLarge),
        .init(
            name: "too many trailer lines",
            raw: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
                + String(repeating: "T: v\r\n", count: 4) + "\r\n",
            error: .tooManyHeaders, configuration: .init(maxHeaderCount: 3)),
    ]

    @Test(arguments: smuggling + malformed + limits)
    func parser_Rejects_WhenRequestIsInvalid(_ rejected: RejectedRequest) {
        let actions = parseAtEverySplit(rejected.raw, configuration: rejected.configuration)

        #expect(actions == [.error(rejected.error)])
    }

    @Test func parser_AcceptsHeadAtLimit_AndRejectsOneByteMore() {
        let head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        let atLimit = HTTPRequestParser.Configuration(maxHeadBytes: head.utf8.count)
        let belowLimit = HTTPRequestParser.Configuration(maxHeadBytes: head.utf8.count - 1)

        #expect(parseAtEverySplit(head, configuration: atLimit).first?.request != nil)
        #expect(parseAtEverySplit(head, configuration: belowLimit) == [.error(.headTooLarge)])
    }

    @Test func parser_RejectsOversizedHead_WhenDefaultLimitIsExceeded() {
        var parser = HTTPRequestParser()
        let bytes = Array(("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 17 * 1024)).utf8)

        #expect(parser.actions(feeding: [bytes]) == [.error(.headTooLarge)])
    }

    @Test func errors_MapToStatuses_WhenRendered() {
        #expect(HTTPParserError.headTooLarge.status.code == 431)
        #expect(HTTPParserError.tooManyHeaders.status.code == 431)
        #expect(HTTPParserError.bodyTooLarge.status.code == 413)
        #expect(HTTPParserError.unsupportedVersion.status.code == 505)
        #expect(HTTPParserError.unsupportedTransferCoding.status.code == 501)
        #expect(HTTPParserError.requestTimeout.status.code == 408)
        #expect(HTTPParserError.contentLengthWithTransferEncoding.status.code == 400)
        #expect(HTTPParserError.invalidChunk.status.code == 400)
    }

    @Test func errorResponse_HasJSONBody_WhenMadeFromParserError() {
        let response = HTTPResponse(parserError: .bodyTooLarge)

        #expect(response.status.code == 413)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":"request body too large"}"#)
    }
}
