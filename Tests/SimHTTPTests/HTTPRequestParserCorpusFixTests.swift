import SimHTTP
import Testing

/// Bugs the llhttp corpus found, pinned down on their own.
@Suite struct HTTPRequestParserCorpusFixTests {
    static let chunkedHead = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test(arguments: [
        #"5;a="I \"love\"; \\extensions\\";b="x";c;d=e"#, "5;a=\"\"", "5 ; a = b", "5;a=\"tab\tand space\"",
        "5;a=\"caf\u{E9}\"",
    ])
    func parser_AcceptsChunkExtension_WhenQuotedValueHoldsSemicolonsAndEscapes(line: String) {
        let actions = parseAtEverySplit(Self.chunkedHead + line + "\r\nhello\r\n0\r\n\r\n")

        #expect(actions.first?.request?.body == Array("hello".utf8))
    }

    @Test(arguments: [
        "5;a=\"unterminated", "5;a=\"abc\";b=\"def; ghi", "5;a=", "5;=b", "5;a=b c", "5;a=\"x\"y", "5 ", "5;a ",
        "5;a=\"\\\"",
    ])
    func parser_RefusesChunkExtension_WhenNotTokenOrQuotedString(line: String) {
        let actions = parseAtEverySplit(Self.chunkedHead + line + "\r\nhello\r\n0\r\n\r\n")

        #expect(actions == [.error(.invalidChunk)])
    }

    @Test(arguments: [
        "GET / HTTP/1.1\rHost: x", "GET / HTTP/1.1\r\nHost: x\r\nA: b\rc", "GET / HTTP/1.1\r\nHost: x\r\n\rZGET",
    ])
    func parser_RefusesBareCR_AsSoonAsTheNextByteArrives(head: String) {
        // No LF follows, so a parser that waited for the end of the line would still be buffering.
        let actions = parseAtEverySplit(head)

        #expect(actions == [.error(.invalidLineEnding)])
    }

    @Test func parser_KeepsBodyEndingInCR_BeforeNextPipelinedRequest() {
        // The byte before a new request line may be a CR that belongs to the previous body: not a bare CR.
        let actions = parseAtEverySplit(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\na\rGET / HTTP/1.1\r\nHost: x\r\n\r\n")

        #expect(actions.count == 2)
        #expect(actions.first?.request?.body == Array("a\r".utf8))
        #expect(actions.last?.request?.target == "/")
    }
}
