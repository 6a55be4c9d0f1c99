import SimHTTP
import SimServer
import SocketTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SplitMix64: tiny, fast and deterministic, so a failing case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes hostile inputs by mutating valid requests.
struct RequestMutator {
    static let seeds: [String] = [
        "GET /fuzz?q=1 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n",
        "POST /fuzz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"amount\":10}",
        "POST /fuzz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;a=b\r\nWiki\r\n5\r\npedia\r\n0\r\nT: 1\r\n\r\n",
        "PUT /fuzz HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
        "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "DELETE /fuzz/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    ]

    var random: SplitMix64

    mutating func next() -> [UInt8] {
        var bytes = Array(Self.seeds[Int.random(in: 0..<Self.seeds.count, using: &random)].utf8)
        for _ in 0..<Int.random(in: 1...3, using: &random) { mutate(&bytes) }
        return bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int {
        bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        switch Int.random(in: 0..<14, using: &random) {
        case 0:  // flip bits of a few bytes
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                bytes[position(in: bytes)] ^= UInt8.random(in: 1...255, using: &random)
            }
        case 1:  // truncate
            bytes.removeLast(bytes.count - position(in: bytes))
        case 2:  // duplicate a header line
            let text = String(decoding: bytes, as: UTF8.self)
            var lines = text.components(separatedBy: "\r\n")
            if lines.count > 2 {
                let index = Int.random(in: 1..<(lines.count - 1), using: &random)
                lines.insert(lines[index], at: index)
                bytes = Array(lines.joined(separator: "\r\n").utf8)
            }
        case 3:  // huge numbers
            let huge = ["99999999999999999999999", "18446744073709551616", "-1", "0x10", "1e3", " 5 , 7"]
            replace(&bytes, "13", with: huge.randomElement(using: &random)!)
            replace(&bytes, "5\r\n", with: huge.randomElement(using: &random)! + "\r\n")
        case 4:  // random chunk sizes
            let size = String(
                UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random),
                radix: 16)
            replace(&bytes, "4;a=b", with: size)
        case 5:  // NULs
            for _ in 0..<Int.random(in: 1...3, using: &random) { bytes.insert(0, at: position(in: bytes)) }
        case 6:  // random bytes inserted
            let junk = (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random)
            }
            bytes.insert(contentsOf: junk, at: position(in: bytes))
        case 7:  // delete a range
            let start = position(in: bytes)
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...8, using: &random)))
        case 8:  // bare LF line endings
            replace(&bytes, "\r\n", with: "\n")
        case 9:  // smuggling-shaped headers
            let extra = [
                "Transfer-Encoding: chunked", "Content-Length: 3", "Transfer-Encoding: gzip", "Host: y",
                "Content-Length: 1, 2", " folded", "X: \u{7}", "Expect: 100-continue",
            ]
            replace(&bytes, "Host: x\r\n", with: "Host: x\r\n" + extra.randomElement(using: &random)! + "\r\n")
        case 10:  // pure noise
            bytes = (0..<Int.random(in: 0...512, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 11:  // repeat (pipelining)
            bytes += bytes
        case 12:  // an oversized header
            replace(
                &bytes, "Host: x\r\n",
                with: "Host: x\r\nX-Pad: " + String(repeating: "p", count: Int.random(in: 1000...9000, using: &random))
                    + "\r\n")
        default:  // odd versions and methods
            let variants = ["HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "http/1.1", "HTTP/1.1 ", "HTTP/11"]
            replace(&bytes, "HTTP/1.1", with: variants.randomElement(using: &random)!)
        }
    }

    private func replace(_ bytes: inout [UInt8], _ target: String, with replacement: String) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.count == bytes.count, let range = text.range(of: target) else { return }
        bytes = Array(text.replacingCharacters(in: range, with: replacement).utf8)
    }
}

/// Whether a server owes an answer to `input`: a parser with the server's limits finds a complete request or
/// an error in it. An input cut short may be closed without a word; one of these may not.
func owesAnswer(_ input: [UInt8], _ configuration: HTTPRequestParser.Configuration) -> Bool {
    var parser = HTTPRequestParser(configuration: configuration)
    parser.append(input)
    while true {
        switch parser.next() {
        case .request, .error: return true
        case .expectContinue: continue
        case .needMoreData: return false
        }
    }
}

/// Checks that `bytes` is a sequence of complete, well-formed HTTP/1.1 responses; returns the problem, if any.
func responseSyntaxProblem(_ bytes: [UInt8]) -> String? {
    var index = 0
    let terminator = Array("\r\n\r\n".utf8)
    while index < bytes.count {
        guard let headRange = bytes[index...].firstRange(of: terminator) else { return "incomplete head" }
        let head = String(decoding: bytes[index..<headRange.lowerBound], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusLine = lines[0]
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "HTTP/1.1", parts[1].count == 3, let status = Int(parts[1]) else {
            return "bad status line \(statusLine.debugDescription)"
        }
        var fields: [String: [String]] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                line[..<colon].allSatisfy({ $0.isLetter || $0 == "-" }),
                line.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F })
            else { return "bad field line \(line.debugDescription)" }
            fields[line[..<colon].lowercased(), default: []].append(
                String(line[line.index(after: colon)...].drop { $0 == " " }))
        }
        index = headRange.upperBound
        if (100..<200).contains(status) { continue }
        guard fields["date"]?.count == 1, fields["content-type"]?.count == 1 else {
            return "missing Date or Content-Type"
        }
        guard let lengths = fields["content-length"], lengths.count == 1, let length = Int(lengths[0]) else {
            return "missing Content-Length"
        }
        guard index + length <= bytes.count else { return "truncated body" }
        index += length
    }
    return nil
}

@Suite(.serialized) struct FuzzTests {
    @Test func server_SurvivesMutatedRequests_AndStillAnswers() throws {
        let configuration = HTTPServer.Configuration(
            maxBodyBytes: 64 * 1024,
            maxHeadBytes: 4096,
            headerTimeout: .milliseconds(300),
            idleTimeout: .seconds(3600)  // longer than any run, loaded or not: the bystander must stay open throughout
        )
        let parserConfiguration = HTTPRequestParser.Configuration(
            maxHeadBytes: configuration.maxHeadBytes,
            maxBodyBytes: configuration.maxBodyBytes,
            maxHeaderCount: configuration.maxHeaderCount
        )
        try withServer(configuration) { server in
            // A served keep-alive connection that must come through the storm untouched.
            let bystander = try LoopbackClient(port: server.localPort)
            try bystander.send("GET /before HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try bystander.readResponse()
            var mutator = RequestMutator(random: SplitMix64(state: 0x5EED_CAFE))
            // A fixed number of cases, not as many as fit in a wall-clock budget: a loaded machine runs the same
            // inputs, only slower.
            let caseCount = 5000
            var cases = 0
            var resets = 0
            var owedAnswers = 0

            while cases < caseCount {
                cases += 1
                let input = mutator.next()
                // A ceiling that only a hung server reaches, not a loaded machine's slowest answer.
                let client = try LoopbackClient(port: server.localPort, timeout: .seconds(15))
                // Some inputs go out in two writes, so the server also parses them incrementally.
                let split =
                    input.isEmpty
                    ? 0 : Int(truncatingIfNeeded: UInt(bitPattern: input.count * 7919 + cases) % UInt(input.count))
                do {
                    try client.send(Array(input[..<split]))
                    try client.send(Array(input[split...]))
                } catch {
                    // The server may reject and close before the whole input is written.
                }
                client.shutdownWrite()
                let received: [UInt8]
                do {
                    received = try client.readToEnd()
                } catch {
                    if (error as? LoopbackClientError)?.code == ECONNRESET {
                        resets += 1
                        continue
                    }
                    Issue.record(
                        "case \(cases) hung: \(error); input \(String(decoding: input, as: UTF8.self).debugDescription)"
                    )
                    break
                }
                let owed = owesAnswer(input, parserConfiguration)
                if owed { owedAnswers += 1 }
                if received.isEmpty, owed {
                    Issue.record(
                        "case \(cases): empty reply; input \(String(decoding: input, as: UTF8.self).debugDescription)")
                    break
                }
                if let problem = responseSyntaxProblem(received) {
                    Issue.record(
                        "case \(cases): \(problem); input \(String(decoding: input, as: UTF8.self).debugDescription)")
                    break
                }
            }

            // Still alive: a fresh connection and the long-lived one are both answered correctly.
            let client = try LoopbackClient(port: server.localPort)
            try client.send("POST /after HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok")
            let response = try client.readResponse()
            #expect(response.status == 200 && response.bodyText == "ok")
            try bystander.send("GET /bystander HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try bystander.readResponse().header("X-Target") == "/bystander")

            // Nothing leaked: every fuzz connection is released soon after its client went away.
            #expect(eventually { server.connectionCount <= 2 }, "\(server.connectionCount) still open")
            #expect(resets < cases / 10, "\(resets) resets in \(cases) cases")
            #expect(owedAnswers > cases / 4, "only \(owedAnswers) inputs held a complete request or an error")
            print("fuzz: \(cases) cases, \(resets) resets, \(owedAnswers) owed an answer")
        }
    }
}
