import Foundation
import SimHTTP
import Testing

/// One case of llhttp's request-parsing suite, as `Corpus/llhttp/translate.py` wrote it.
struct LLHTTPCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Message: Decodable, Sendable {
        var method: String
        var url: String
        var headers: [[String]]
        var body: String
    }

    struct Failure: Decodable, Sendable {
        var offset: Int
        var code: Int
        var reason: String
    }

    struct Verdict: Decodable, Sendable {
        var messages: [Message]
        var error: Failure?
    }

    var id: String
    var file: String
    var line: Int
    var title: String
    /// llhttp's test type: `request` (its strict default), `request-lenient-*` (passes only with that flag on) or
    /// `request-finish`.
    var type: String
    /// What llhttp's harness feeds its parser, UTF-8 encoded.
    var input: String
    /// Byte offsets (into `input`'s UTF-8) where an HTTP/1.1 message llhttp read without `Host` gets
    /// ``LLHTTPCase/addedHost``.
    var hostAddedAt: [Int]
    var llhttp: Verdict

    /// The field inserted where llhttp's case has no Host: RFC 9112 §3.2 requires one and llhttp does not check,
    /// so without it every such case would only prove that a missing Host is refused.
    static let addedHost = Array("Host: llhttp.test\r\n".utf8)

    /// The input as snapsim's parser is fed it: llhttp's bytes with ``addedHost`` inserted at `hostAddedAt`.
    var bytes: [UInt8] {
        var bytes = Array(input.utf8)
        for offset in hostAddedAt.sorted(by: >) where offset <= bytes.count {
            bytes.insert(contentsOf: Self.addedHost, at: offset)
        }
        return bytes
    }
    var testDescription: String { "\(id): \(title)" }
}

/// What snapsim decides for one case, from `Corpus/llhttp/decisions.json`.
struct LLHTTPDecision: Decodable, Sendable {
    /// The actions the parser produces, space-separated: `request`, `continue`, `error:<case>`, and `incomplete`
    /// when the input ends inside a message.
    var outcome: String
    /// The name of the rule behind it, one row of the table in `Sources/SimHTTP/README.md`.
    var decision: String
}

/// The corpus and snapsim's decisions about it.
struct LLHTTPCorpus: Decodable {
    var source: String
    var cases: [LLHTTPCase]

    static func url(_ name: String) throws -> URL {
        let directory = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil))
        return directory.appendingPathComponent("llhttp/\(name)")
    }

    static let all: [LLHTTPCase] =
        (try? JSONDecoder().decode(Self.self, from: Data(contentsOf: url("cases.json"))).cases) ?? []

    /// Decision names with their one-line meaning, and the decision for every case id.
    struct Decisions: Decodable {
        var rules: [String: String]
        var cases: [String: LLHTTPDecision]
    }

    static let decisions: Decisions? = try? JSONDecoder().decode(
        Decisions.self, from: Data(contentsOf: url("decisions.json")))
}

extension HTTPParserError {
    /// The case name, as `decisions.json` spells it. Exhaustive, so a new error must be named here.
    var caseName: String {
        switch self {
        case .invalidRequestLine: "invalidRequestLine"
        case .invalidRequestTarget: "invalidRequestTarget"
        case .unsupportedVersion: "unsupportedVersion"
        case .invalidLineEnding: "invalidLineEnding"
        case .invalidHeaderField: "invalidHeaderField"
        case .obsoleteLineFolding: "obsoleteLineFolding"
        case .invalidHost: "invalidHost"
        case .headTooLarge: "headTooLarge"
        case .tooManyHeaders: "tooManyHeaders"
        case .invalidContentLength: "invalidContentLength"
        case .conflictingContentLength: "conflictingContentLength"
        case .contentLengthWithTransferEncoding: "contentLengthWithTransferEncoding"
        case .invalidTransferEncoding: "invalidTransferEncoding"
        case .unsupportedTransferCoding: "unsupportedTransferCoding"
        case .invalidChunk: "invalidChunk"
        case .unsupportedExpectation: "unsupportedExpectation"
        case .bodyTooLarge: "bodyTooLarge"
        case .requestTimeout: "requestTimeout"
        }
    }
}

/// Runs `bytes` through a parser fed in `chunks`-sized pieces and describes what it did, in the notation of
/// ``LLHTTPDecision/outcome``, with the requests it produced.
func corpusOutcome(_ bytes: [UInt8], chunkSize: Int) -> (outcome: String, requests: [HTTPRequest]) {
    var parser = HTTPRequestParser()
    var words: [String] = []
    var requests: [HTTPRequest] = []
    var failed = false
    var offset = 0
    feeding: while offset < bytes.count || offset == 0 {
        let end = min(bytes.count, offset + max(chunkSize, 1))
        parser.append(bytes[offset..<end])
        offset = end
        // Bounded: each action consumes input or ends the loop, so a case that made the parser spin would
        // exhaust this and fail rather than hang the suite.
        for _ in 0..<(bytes.count + 2) {
            switch parser.next() {
            case .needMoreData: continue feeding
            case .expectContinue: words.append("continue")
            case .request(let request):
                words.append("request")
                requests.append(request)
            case .error(let error):
                words.append("error:\(error.caseName)")
                failed = true
                break feeding
            }
        }
        words.append("spinning")
        break
    }
    if !failed, !parser.isIdle { words.append("incomplete") }
    return (words.joined(separator: " "), requests)
}
