import Testing
@testable import SimJSON

/// Limits, member indexing and the scanner: what makes hostile bytes cost bounded work.
@Suite struct JSONLimitsTests {
    static func object(members count: Int) -> [UInt8] {
        Array(("{" + (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}").utf8)
    }

    static func error(_ body: () throws(JSONSyntaxError) -> Void) -> JSONSyntaxError? {
        do { try body() } catch { return error }
        return nil
    }

    @Test func parser_NamesMemberLimit_WhenObjectHasTooManyMembers() throws {
        let limits = JSONLimits(maximumMembers: 100)
        let accepted = try JSONParser.parse(Self.object(members: 100), limits: limits)
        #expect(accepted.objectValue?.count == 100)
        let bytes = Self.object(members: 101)
        let parsed = try #require(Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse(bytes, limits: limits) })
        #expect(parsed.limit == .maximumMembers)
        #expect(parsed.description.contains("maximumMembers"))
        let scanned = Self.error { () throws(JSONSyntaxError) in try JSONScanner.validate(bytes, limits: limits) }
        #expect(scanned == parsed)
    }

    @Test func parser_NamesStringLimit_WhenStringIsTooLong() throws {
        let limits = JSONLimits(maximumStringLength: 4)
        #expect(try JSONParser.parse(#"["abcd","\u00e9\u00e9"]"#, limits: limits) == ["abcd", "éé"])
        for text in [#"["abcde"]"#, #"{"abcde":1}"#, #"["éé\n"]"#] {
            let error = Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse(text, limits: limits) }
            #expect(error?.limit == .maximumStringLength, "\(text)")
            #expect(error?.offset == 1, "\(text)")
            #expect(Self.error { () throws(JSONSyntaxError) in try JSONScanner.validate(Array(text.utf8), limits: limits) } == error)
        }
    }

    @Test func parser_NamesDepthLimit_WhenNestingIsTooDeep() {
        let limits = JSONLimits(maximumDepth: 3)
        #expect((try? JSONParser.parse("[[{}]]", limits: limits)) != nil)
        let error = Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse("[[{\"a\":[]}]]", limits: limits) }
        #expect(error?.limit == .maximumDepth)
        #expect(error?.offset == 7)
        #expect(error?.description.contains("maximumDepth") == true)
    }

    @Test func parser_ReportsDuplicateAtItsName_WhenObjectIsLarge() throws {
        var text = String(decoding: Self.object(members: 50), as: UTF8.self)
        text.removeLast()
        text += #","k7":0}"#
        let error = try #require(Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse(text) })
        #expect(error.reason.contains("duplicate member name \"k7\""))
        #expect(error.offset == text.utf8.count - 7)
        #expect(Self.error { () throws(JSONSyntaxError) in try JSONScanner.validate(Array(text.utf8)) } == error)
        let lenient = try JSONParser.parse(text, duplicates: .lastWins).objectValue
        #expect(lenient?.count == 50)
        #expect(lenient?.keys[7] == "k7")
        #expect(lenient?["k7"] == 0)
    }

    @Test func object_FindsReplacesAndRemovesMembers_AcrossTheIndexThreshold() {
        var object = JSONObject()
        for number in 0..<40 { object["m\(number)"] = .int(number) }
        #expect(object.count == 40)
        #expect(object["m33"] == 33)
        object["m5"] = "five"
        object["m0"] = nil
        object["m39"] = nil
        #expect(object.keys.first == "m1")
        #expect(object["m5"] == "five")
        #expect(object["m38"] == 38)
        #expect(object["m39"] == nil)
        for number in 1..<35 { object["m\(number)"] = nil }
        #expect(object.keys == ["m35", "m36", "m37", "m38"])
        #expect(object["m36"] == 36)
        #expect(object.appendIfAbsent("m36", 0) == false)
        #expect(object.appendIfAbsent("new", 0) == true)
        #expect(object.keys.last == "new")
    }

    @Test func object_KeepsCanonicallyEquivalentNamesApart() throws {
        let precomposed = "\u{E9}", decomposed = "e\u{301}"
        let small: JSONObject = [precomposed: 1, decomposed: 2]
        var large = JSONObject((0..<20).map { ("x\($0)", JSONValue.int($0)) })
        large[precomposed] = 1
        large[decomposed] = 2
        for object in [small, large] {
            #expect(object[precomposed] == 1)
            #expect(object[decomposed] == 2)
        }
        #expect(small != JSONObject([(decomposed, 1), (precomposed, 2)]))
        let text = "{\"\(precomposed)\":1,\"\(decomposed)\":2}"
        #expect(try JSONParser.parse(text).objectValue?.count == 2)
    }

    @Test func object_EqualAndHashEqual_WhenBuiltSmallOrLarge() {
        let pairs = (0..<30).map { ("k\($0)", JSONValue.int($0)) }
        var grown = JSONObject()
        for (key, value) in pairs { grown[key] = value }
        let literal = JSONObject(pairs)
        #expect(grown == literal)
        #expect(Set([JSONValue.object(grown), .object(literal)]).count == 1)
    }

    @Test func scanner_MinifiesOutsideStringsOnly_AndValidatesInTheSamePass() throws {
        let spaced = Array("  { \"a b\" : [ 1 , \"x \\\" y\" ] ,\n\t\"c\":{ } }  ".utf8)
        #expect(try JSONScanner.minify(spaced) == Array(#"{"a b":[1,"x \" y"],"c":{}}"#.utf8))
        let compact = Array(#"{"a":[1,2]}"#.utf8)
        #expect(try JSONScanner.minify(compact) == compact)
        let broken = Array("{ \"a\" : [1, 2 }".utf8)
        let error = Self.error { () throws(JSONSyntaxError) in _ = try JSONScanner.minify(broken) }
        #expect(error?.offset == 14)
        #expect(error == Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse(broken) })
    }

    @Test func scanner_AcceptsDepthBeyondTheParsersStack_WhenAskedForGrammarOnly() throws {
        let deep = Array((String(repeating: "[", count: 4_000) + String(repeating: "]", count: 4_000)).utf8)
        try JSONScanner.validate(deep, limits: JSONScanner.grammarOnly)
        #expect(Self.error { () throws(JSONSyntaxError) in try JSONScanner.validate(deep) }?.limit == .maximumDepth)
    }

    @Test func parser_ReportsOffsetOfInvalidUTF8() {
        let bytes: [UInt8] = Array(#"{"a":"ok"#.utf8) + [0xE2, 0x28, 0xA1] + Array(#""}"#.utf8)
        let error = Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse(bytes) }
        #expect(error?.offset == 8)
        #expect(error?.reason.contains("UTF-8") == true)
    }
}
