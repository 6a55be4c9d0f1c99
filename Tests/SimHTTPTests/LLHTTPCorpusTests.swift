import SimHTTP
import Testing

/// llhttp's request-parsing suite (github.com/nodejs/llhttp, `test/request/*.md`, translated to
/// `Corpus/llhttp/cases.json`) run through ``HTTPRequestParser``: every case ends in the outcome recorded in
/// `decisions.json` under a named rule, whole and fed byte by byte, and never crashes or spins. Where both
/// parsers accept, they must agree on what the requests were.
@Suite struct LLHTTPCorpusTests {
    @Test func corpus_HasADecisionForEveryCase_AndEveryDecisionIsARule() throws {
        let decisions = try #require(LLHTTPCorpus.decisions)
        #expect(LLHTTPCorpus.all.count >= 160)
        #expect(Set(LLHTTPCorpus.all.map(\.id)) == Set(decisions.cases.keys))
        for (id, decision) in decisions.cases {
            #expect(decisions.rules[decision.decision] != nil, "\(id): unknown rule \(decision.decision)")
        }
    }

    @Test(arguments: LLHTTPCorpus.all)
    func parser_ReachesTheRecordedOutcome_WholeAndByteByByte(_ test: LLHTTPCase) throws {
        let decision = try #require(LLHTTPCorpus.decisions?.cases[test.id], "no decision for \(test.id)")
        let whole = corpusOutcome(test.bytes, chunkSize: test.bytes.count)
        #expect(whole.outcome == decision.outcome, "rule \(decision.decision)")
        let bytewise = corpusOutcome(test.bytes, chunkSize: 1)
        #expect(bytewise.outcome == whole.outcome, "byte by byte")
        #expect(bytewise.requests == whole.requests, "byte by byte")
    }

    @Test(arguments: LLHTTPCorpus.all.filter { LLHTTPCorpus.decisions?.cases[$0.id]?.decision == "head-decided-whole" })
    func parser_RefusesTheHead_OnceItIsComplete(_ test: LLHTTPCase) {
        // llhttp refused these mid-head; snapsim waits for the empty line, then refuses.
        let outcome = corpusOutcome(test.bytes + Array("\r\n\r\n".utf8), chunkSize: 1).outcome
        #expect(outcome.hasPrefix("error:"), "llhttp: \(test.llhttp.error?.reason ?? "")")
    }

    @Test(arguments: LLHTTPCorpus.all.filter { $0.type == "request" })
    func parser_AgreesWithLLHTTP_OnEveryRequestBothAccept(_ test: LLHTTPCase) throws {
        let decision = try #require(LLHTTPCorpus.decisions?.cases[test.id])
        let requests = corpusOutcome(test.bytes, chunkSize: test.bytes.count).requests
        // Where llhttp's strict mode refuses, snapsim refuses too, but for the named rules where it accepts more
        // (extension methods) or leaves the decision to the server (data after close) or to the complete head.
        if let failure = test.llhttp.error {
            switch decision.decision {
            case "extension-methods", "close-left-to-server":
                #expect(decision.outcome.hasPrefix("request"), "a rule that accepts: \(failure.reason)")
            case "head-decided-whole":
                break
            default:
                #expect(decision.outcome.contains("error:"), "llhttp refuses: \(failure.reason)")
            }
        }
        for (request, message) in zip(requests, test.llhttp.messages) {
            #expect(request.method.rawValue == message.method)
            if decision.decision != "absolute-form" {
                #expect(request.target == message.url)
            }
            let fields = request.headers.map { [$0.name, $0.value] }.filter { $0 != ["Host", "llhttp.test"] }
            // RFC 9110 §5.5: whitespace around a value is not part of it; llhttp keeps the trailing part.
            let expected = message.headers.map { field in
                [field[0], String(field[1].reversed().drop { $0 == " " || $0 == "\t" }.reversed())]
            }
            switch decision.decision {
            case "absolute-form": break
            case "trailers-dropped":
                #expect(Array(expected.prefix(fields.count)) == fields)
                #expect(fields.count < expected.count)
            default: #expect(fields == expected)
            }
            #expect(String(decoding: request.body, as: UTF8.self) == message.body)
        }
    }
}
