import Testing
@testable import SimJSON

/// The stack writer of canonical text against the general sorting writer: the same text always, the fast path
/// taken for ordinary bodies and left for the ones it does not handle.
@Suite struct JSONCanonicalWriterTests {
    /// Ordinary bodies: ASCII names (prefixes of each other, both cases, digits, punctuation), strings without
    /// escapes (non-ASCII values allowed), objects of up to 30 members.
    struct PlainJSON {
        var random: RandomJSON
        static let names = ["a", "ab", "abc", "A", "AB", "b", "Z", "_", "0", "9a", "a0", "a_", "a-b", "amount", "Amount",
            "amountX", "value", "currency", "customerNumber", "partnerReferenceNo", "additionalInfo", "~", " ", "a b"]

        mutating func name() -> String {
            if random.below(4) == 0 {
                let alphabet = Array(" !#$%&'()*+,-./0123456789:;<=>?@AZaz[]^_`{|}~".utf8)
                return String(decoding: (0..<random.below(6)).map { _ in alphabet[random.below(alphabet.count)] },
                    as: UTF8.self)
            }
            return Self.names[random.below(Self.names.count)]
        }

        mutating func string() -> String {
            let pieces = ["a", "Z", "0", " ", "/", "é", "€", "😀", "\u{7F}", "abcdefghij", "10000.00", "IDR"]
            return (0..<random.below(8)).map { _ in pieces[random.below(pieces.count)] }.joined()
        }

        mutating func value(depth: Int) -> JSONValue {
            switch random.below(depth > 0 ? 7 : 5) {
            case 0: return .null
            case 1: return .bool(random.below(2) == 0)
            case 2: return .number(["0", "-7", "10000.00", "2.5e3", "1E-999"][random.below(5)])
            case 3, 4: return .string(string())
            case 5: return .array((0..<random.below(4)).map { _ in value(depth: depth - 1) })
            default:
                var object = JSONObject()
                for _ in 0..<(random.below(8) == 0 ? random.below(31) : random.below(6)) {
                    object.appendIfAbsent(name(), value(depth: depth - 1))
                }
                return .object(object)
            }
        }
    }

    @Test func canonicalText_MatchesSortingWriter_OnPlainBodies() {
        var plain = PlainJSON(random: RandomJSON(seed: 53))
        var fast = 0
        for _ in 0..<5_000 {
            let value = plain.value(depth: 4)
            #expect(value.canonicalTextSortingKeys == value.compactTextSortingKeys)
            if JSONCanonicalWriter.fastText(of: value) != nil { fast += 1 }
        }
        // Most of them (all but those with an object above 24 members) are written on the stack.
        #expect(fast > 4_000)
    }

    @Test func canonicalText_MatchesSortingWriter_OnRandomValues() {
        var random = RandomJSON(seed: 59)
        for _ in 0..<3_000 {
            let value = random.value(depth: 4)
            #expect(value.canonicalTextSortingKeys == value.compactTextSortingKeys)
        }
    }

    @Test func fastPath_WritesATopUpBody() {
        let body: JSONValue = [
            "partnerReferenceNo": "T00000000000000000001", "customerNumber": "081900000001",
            "amount": ["value": "1.00", "currency": "IDR"],
        ]
        #expect(JSONCanonicalWriter.fastText(of: body)
            == #"{"amount":{"currency":"IDR","value":"1.00"},"customerNumber":"081900000001","partnerReferenceNo":"T00000000000000000001"}"#)
    }

    /// What the stack writer leaves to the general one: the text is the same, only the path differs.
    @Test func fastPath_LeavesEscapesNonASCIINamesAndLargeValues() {
        let unusual: [JSONValue] = [
            ["notes": "say \"hi\""], ["notes": "line\nbreak"], ["back\\slash": 1], ["é": 1, "e\u{301}": 2, "a": 3],
            .object(JSONObject((0..<25).map { ("m\($0)", JSONValue.number("\($0)")) })),
            .string(String(repeating: "x", count: JSONCanonicalWriter.capacity)),
            (0..<17).reduce(JSONValue.null) { inner, _ in .array([inner]) },
        ]
        for value in unusual {
            #expect(JSONCanonicalWriter.fastText(of: value) == nil)
            #expect(value.canonicalTextSortingKeys == value.compactTextSortingKeys)
        }
        let deepest = (0..<16).reduce(JSONValue.null) { inner, _ in .array([inner]) }
        #expect(JSONCanonicalWriter.fastText(of: deepest) == deepest.compactTextSortingKeys)
        let fits = JSONValue.string(String(repeating: "x", count: JSONCanonicalWriter.capacity - 2))
        #expect(JSONCanonicalWriter.fastText(of: fits) == fits.compactTextSortingKeys)
    }
}
