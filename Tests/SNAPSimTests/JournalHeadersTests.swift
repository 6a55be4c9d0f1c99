@testable import SNAPSim
import SimHTTP
import SimJSON
import Testing

/// A journal entry keeps its header fields packed in one buffer (``JournalHeaders``); what the journal shows and
/// counts must be what the fields were.
@Suite struct JournalHeadersTests {
    @Test func fieldsComeBackAsGiven_InOrder_WithDuplicatesEmptiesAndLongValues() {
        let fields: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("X-EXTERNAL-ID", "00000000000000000001"), ("X-Empty", ""),
            ("X-Note", "é 🇮🇩 ü"), ("X-EXTERNAL-ID", "again"), ("X-Long", String(repeating: "a", count: 127)),
            ("X-Longer", String(repeating: "b", count: 128)), ("X-Longest", String(repeating: "c", count: 20_000)),
            ("", "no name"),
        ]
        let packed = JournalHeaders(fields)
        #expect(packed.count == fields.count)
        #expect(packed.fields.map(\.name) == fields.map(\.name))
        #expect(packed.fields.map(\.value) == fields.map(\.value))
        #expect(packed.textBytes == fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count })
        #expect(JournalHeaders().fields.isEmpty)
    }

    @Test func randomFields_RoundTrip() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09-_ é€𝄞\t\"\\")
        for _ in 0..<200 {
            let fields: [(name: String, value: String)] = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                let name = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement()! })
                let value = String((0..<Int.random(in: 0...300, using: &generator)).map { _ in alphabet.randomElement()! })
                return (name, value)
            }
            let packed = JournalHeaders(fields)
            #expect(packed.fields.map(\.name) == fields.map(\.name))
            #expect(packed.fields.map(\.value) == fields.map(\.value))
        }
    }

    /// An entry built from a request shows the request's headers (values clipped at 4,096 as before) and counts
    /// their bytes as an array of fields did; setting `headers` replaces them.
    @Test func entryFromARequest_ShowsAndCountsItsHeaders() throws {
        let long = String(repeating: "v", count: 5_000)
        let request = HTTPRequest(
            method: .post, target: "/v1.0/balance-inquiry",
            headers: HTTPHeaders([("X-PARTNER-ID", "p"), ("X-Long", long), ("X-PARTNER-ID", "q")]), body: Array("{}".utf8))
        let rendered = RenderedReply(reply: .respond(HTTPResponse(status: .ok)), responseCode: nil)
        var entry = JournalEntry(request, receivedAt: SimTime(millisecondsSince1970: 0), service: nil, decision: nil,
            rendered: rendered)
        let expected: [(name: String, value: String)] = [
            ("X-PARTNER-ID", "p"), ("X-Long", long.clipped(to: 4096)), ("X-PARTNER-ID", "q"),
        ]
        #expect(entry.headers.map(\.name) == expected.map(\.name))
        #expect(entry.headers.map(\.value) == expected.map(\.value))
        let counted = expected.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 32 }
        #expect(entry.byteSize == 256 + entry.target.utf8.count + entry.body.utf8.count + entry.responseBody.utf8.count
            + counted)
        // The JSON object of the fields, as an array of fields made it (a repeated name once).
        let headers = try #require(entry.json.objectValue?["headers"])
        #expect(headers == .object(JSONObject(expected.map { ($0.name, JSONValue.string($0.value)) })))
        entry.headers = [("A", "b")]
        #expect(entry.headers.map(\.name) == ["A"])
        #expect(entry.headers.map(\.value) == ["b"])
    }
}
