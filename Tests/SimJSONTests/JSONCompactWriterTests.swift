import Foundation
import Testing
@testable import SimJSON

/// The fast compact writer against the reference writer, the escaping rules byte by byte, and Python's `json`.
@Suite struct JSONCompactWriterTests {
    @Test func writer_MatchesReferenceWriter_OnRandomValues() {
        var random = RandomJSON(seed: 11)
        for _ in 0..<3_000 {
            let value = random.value(depth: 4)
            #expect(value.compactBytes == ReferenceWriter.bytes(value), "\(ReferenceWriter.bytes(value))")
        }
    }

    @Test func writer_EscapesEveryControlCharacter_AtEveryPositionOfAWord() {
        for byte in UInt8(0)..<0x20 {
            let escaped: String =
                switch byte {
                case 0x0A: "\\n"
                case 0x0D: "\\r"
                case 0x09: "\\t"
                default: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
                }
            // Before, inside and after an eight-byte word, so every lane of the word scan sees it.
            for before in 0...17 {
                let prefix = String(repeating: "a", count: before)
                let text = prefix + String(UnicodeScalar(byte)) + "bcdefghijk"
                #expect(JSONValue.string(text).compactText == "\"\(prefix)\(escaped)bcdefghijk\"")
            }
        }
    }

    @Test func writer_EscapesQuoteAndBackslashOnly_AndKeepsSlashDeleteAndNonASCII() {
        for before in 0...17 {
            let prefix = String(repeating: "x", count: before)
            #expect(JSONValue.string(prefix + "\"").compactText == "\"\(prefix)\\\"\"")
            #expect(JSONValue.string(prefix + "\\").compactText == "\"\(prefix)\\\\\"")
        }
        let kept = "a/b\u{7F}é e\u{301} € 😀 ü ∑ \u{2028}"
        #expect(JSONValue.string(kept).compactBytes == [UInt8(ascii: "\"")] + Array(kept.utf8) + [UInt8(ascii: "\"")])
        // Bytes above 0x7F look like "less than 0x20" to a careless word test: none may be escaped.
        let high = String(decoding: [0xC2, 0xA0, 0xC3, 0xBF, 0xE2, 0x80, 0x80, 0xF0, 0x9F, 0x98, 0x80], as: UTF8.self)
        #expect(JSONValue.string(high).compactBytes == [0x22] + Array(high.utf8) + [0x22])
    }

    @Test func writer_KeepsMemberOrderAndNumberText() {
        var object = JSONObject()
        for name in ["zeta", "alpha", "mid", "Beta", "é", "e\u{301}"] { object[name] = .number("-0.50e+3") }
        let members = ["zeta", "alpha", "mid", "Beta", "é", "e\u{301}"].map { "\"\($0)\":-0.50e+3" }
        #expect(JSONValue.object(object).compactText == "{" + members.joined(separator: ",") + "}")
        #expect(JSONValue.array([.null, true, false, .number("1E-999"), [:], []]).compactText
            == "[null,true,false,1E-999,{},[]]")
    }

    /// Sorting while writing must print what sorting a copy of the tree and writing it printed (the fingerprints
    /// of recorded requests are compared with it, also across restarts).
    @Test func sortingKeys_MatchesWritingASortedCopy_OnRandomValues() {
        func sortedCopy(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let object):
                .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, sortedCopy($0.value)) }))
            case .array(let elements): .array(elements.map(sortedCopy))
            default: value
            }
        }
        var random = RandomJSON(seed: 41)
        for _ in 0..<2_000 {
            let value = random.value(depth: 4)
            let expected = String(decoding: ReferenceWriter.bytes(sortedCopy(value)), as: UTF8.self)
            #expect(value.compactTextSortingKeys == expected)
        }
        // Names Swift calls equal keep their order (the two spellings of é).
        let object: JSONValue = ["b": ["z": 1, "a": [["y": true, "x": nil]]], "a": "é", "e\u{301}": 2, "é": 3]
        #expect(
            object.compactTextSortingKeys == #"{"a":"é","b":{"a":[{"x":null,"y":true}],"z":1},"e\#u{301}":2,"é":3}"#)
    }

    /// ASCII names are ordered by their bytes, others by `String <`: an ASCII letter followed by a combining mark
    /// (`e\u{301}`, which `String <` reads as `é`) must still sort after `f`, and prefixes before longer names.
    @Test func sortingKeys_OrdersMixedNames_AsStringLessThan() {
        let names = ["f", "e\u{301}", "ez", "e", "E", "é", "", "e\u{301}a", "a\u{7F}", "a~", "\u{E9}b", "zz", "z"]
        var object = JSONObject()
        for (position, name) in names.enumerated() { object[name] = .number("\(position)") }
        let expected = object.members.sorted { $0.key < $1.key }
            .map { JSONValue.object(JSONObject(uniqueMembers: [$0])).compactText.dropFirst().dropLast() }
        #expect(JSONValue.object(object).compactTextSortingKeys == "{" + expected.joined(separator: ",") + "}")
    }

    @Test func writer_HandlesBridgedAndSmallStrings() {
        let bridged = NSString(string: "bridged \"text\" longer than fifteen bytes\u{01}") as String
        let small = "ab\"c"
        #expect(JSONValue.array([.string(bridged), .string(small)]).compactBytes
            == ReferenceWriter.bytes(.array([.string(bridged), .string(small)])))
    }

    /// Python's `json` reads what we write and writes it back the same (it prints 0x08 and 0x0C as `\b` `\f`
    /// where we print `\u0008` `\u000c`; the script maps those two back).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs /usr/bin/python3"))
    func writer_MatchesPythonJSON_OnRandomValues() throws {
        var random = RandomJSON(seed: 29)
        let lines = (0..<500).map { _ in random.value(depth: 4, integersOnly: true).compactText }
        let script = """
            import json, re, sys
            for line in sys.stdin.read().split("\\n"):
                text = json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
                swap = {"b": "\\\\u0008", "f": "\\\\u000c"}
                print(re.sub(r"\\\\(.)", lambda m: swap.get(m.group(1), m.group(0)), text))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script]
        process.environment = ["PYTHONIOENCODING": "utf-8"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(lines.joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let python = String(decoding: printed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(python.count == lines.count + 1)
        for (ours, theirs) in zip(lines, python) { #expect(ours == theirs) }
    }
}
