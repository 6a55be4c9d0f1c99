import Testing
@testable import SimJSON

@Suite struct JSONTests {
    @Test func parser_KeepsMemberOrderAndNumberText_WhenRoundTripping() throws {
        let text = #"{"z":1,"a":{"value":"10000.00","currency":"IDR"},"n":-0.50e+3,"l":[true,false,null],"s":"a/b"}"#
        let value = try JSONParser.parse(text)
        #expect(value.compactText == text)
        #expect(value[pointer: "/a/value"] == .string("10000.00"))
        #expect(value[pointer: "/l/1"] == .bool(false))
        #expect(value[pointer: "/n"]?.numberText == "-0.50e+3")
    }

    @Test func parser_DecodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["\u00e9\n\t\"\\\/", "\ud83d\ude00"]"#)
        #expect(value == .array([.string("é\n\t\"\\/"), .string("😀")]))
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "\"abc", "\"\u{01}\"",
        "{\"a\":1}x", "{\"a\":1,\"a\":2}", "\"\\ud800\"", "\"\\x\"", "{1:2}", "[1 2]",
    ])
    func parser_Rejects_WhenInputIsNotJSON(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test func parser_Rejects_WhenInvalidUTF8InString() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func parser_Rejects_WhenNestingIsTooDeep() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test func serializer_EscapesControlCharactersAndKeepsUnicode() {
        let value: JSONValue = ["k": .string("\u{01}\"é")]
        #expect(value.compactText == #"{"k":"\u0001\"é"}"#)
    }

    @Test func object_ReplacesInPlaceAndRemoves_WhenSubscriptAssigned() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "x"
        object["a"] = nil
        object["d"] = true
        #expect(JSONValue.object(object).compactText == #"{"b":"x","c":3,"d":true}"#)
    }

    @Test func pointer_UnescapesTildeSequences() throws {
        let value = try JSONParser.parse(#"{"a/b":{"m~n":7}}"#)
        let pointer = try #require(JSONPointer(parsing: "/a~1b/m~0n"))
        #expect(value[pointer: pointer] == .number("7"))
        #expect(pointer.description == "/a~1b/m~0n")
        #expect(JSONPointer(parsing: "no-slash") == nil)
    }

    @Test func prettyText_IndentsNestedValues() {
        let value: JSONValue = ["a": [1, 2], "b": [:]]
        #expect(value.prettyText() == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
    }
}
