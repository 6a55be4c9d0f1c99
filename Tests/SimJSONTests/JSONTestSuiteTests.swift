import Foundation
import Testing
@testable import SimJSON

/// Nicolas Seriot's JSONTestSuite (vendored in `JSONTestSuite/`, see its SOURCE.md): every `y_` file accepted,
/// every `n_` file refused with a position and a reason, every `i_` file decided as `Sources/SimJSON/README.md`
/// tables it, and the `test_transform` files printed back as that table says.
@Suite struct JSONTestSuiteTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("JSONTestSuite")

    static func files(_ subfolder: String, prefix: String = "") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path))
        return (names ?? []).filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    static func bytes(_ subfolder: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(subfolder).appendingPathComponent(name)))
    }

    /// The two `y_` files whose names repeat: accepted under `.lastWins`, refused by the default `.reject`.
    static let duplicateMemberFiles: Set<String> = ["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"]

    /// Accepted `i_` files; every other `i_` file is refused (the README says why, case by case).
    static let acceptedImplementationDefined: Set<String> = [
        "i_number_double_huge_neg_exp.json", "i_number_huge_exp.json", "i_number_neg_int_huge_exp.json",
        "i_number_pos_double_huge_exp.json", "i_number_real_neg_overflow.json", "i_number_real_pos_overflow.json",
        "i_number_real_underflow.json", "i_number_too_big_neg_int.json", "i_number_too_big_pos_int.json",
        "i_number_very_big_negative_int.json",
    ]

    @Test func corpus_IsPresent() {
        #expect(Self.files("test_parsing", prefix: "y_").count == 95)
        #expect(Self.files("test_parsing", prefix: "n_").count == 188)
        #expect(Self.files("test_parsing", prefix: "i_").count == 35)
        #expect(Self.files("test_transform").count == 22)
    }

    @Test(arguments: files("test_parsing", prefix: "y_"))
    func acceptsEveryYes(_ name: String) throws {
        let bytes = try Self.bytes("test_parsing", name)
        let value = try JSONParser.parse(bytes, duplicates: .lastWins)
        try JSONScanner.validate(bytes, duplicates: .lastWins)
        // What we print, we read back as the same value, and print the same way.
        let printed = value.compactBytes
        #expect(try JSONParser.parse(printed, duplicates: .lastWins) == value)
        #expect(try JSONParser.parse(printed, duplicates: .lastWins).compactBytes == printed)
        // Minifying keeps the value and leaves no whitespace outside strings to minify.
        let minified = try JSONScanner.minify(bytes, duplicates: .lastWins)
        #expect(try JSONParser.parse(minified, duplicates: .lastWins) == value)
        #expect(try JSONScanner.minify(minified, duplicates: .lastWins) == minified)
        if Self.duplicateMemberFiles.contains(name) {
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
            #expect(throws: JSONSyntaxError.self) { try JSONScanner.validate(bytes) }
        } else {
            #expect(try JSONParser.parse(bytes) == value)
            try JSONScanner.validate(bytes)
        }
    }

    @Test(arguments: files("test_parsing", prefix: "n_"))
    func refusesEveryNo(_ name: String) throws {
        let bytes = try Self.bytes("test_parsing", name)
        for duplicates in [JSONDuplicateMembers.reject, .lastWins] {
            let parsed = Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse(bytes, duplicates: duplicates) }
            let scanned = Self.error { () throws(JSONSyntaxError) in try JSONScanner.validate(bytes, duplicates: duplicates) }
            let error = try #require(parsed, "\(name) was accepted")
            #expect((0...bytes.count).contains(error.offset))
            #expect(!error.reason.isEmpty)
            #expect(scanned == error, "the scanner and the parser disagree on \(name)")
        }
    }

    @Test(arguments: files("test_parsing", prefix: "i_"))
    func decidesEveryImplementationDefinedCase(_ name: String) throws {
        let bytes = try Self.bytes("test_parsing", name)
        let parsed = Self.error { () throws(JSONSyntaxError) in _ = try JSONParser.parse(bytes) }
        let scanned = Self.error { () throws(JSONSyntaxError) in try JSONScanner.validate(bytes) }
        #expect((parsed == nil) == Self.acceptedImplementationDefined.contains(name))
        #expect(scanned == parsed)
        if let parsed { #expect((0...bytes.count).contains(parsed.offset)) }
    }

    /// What each `test_transform` file prints back as, compact; `nil` when it is refused. Strict = the default.
    static let transforms: [String: (strict: String?, lastWins: String?)] = [
        "number_-9223372036854775808.json": ("[-9223372036854775808]", "[-9223372036854775808]"),
        "number_-9223372036854775809.json": ("[-9223372036854775809]", "[-9223372036854775809]"),
        "number_1.0.json": ("[1.0]", "[1.0]"),
        "number_1.000000000000000005.json": ("[1.000000000000000005]", "[1.000000000000000005]"),
        "number_1000000000000000.json": ("[1000000000000000]", "[1000000000000000]"),
        "number_10000000000000000999.json": ("[10000000000000000999]", "[10000000000000000999]"),
        "number_1e-999.json": ("[1E-999]", "[1E-999]"),
        "number_1e6.json": ("[1E6]", "[1E6]"),
        "number_9223372036854775807.json": ("[9223372036854775807]", "[9223372036854775807]"),
        "number_9223372036854775808.json": ("[9223372036854775808]", "[9223372036854775808]"),
        "object_key_nfc_nfd.json": ("{\"\u{E9}\":\"NFC\",\"e\u{301}\":\"NFD\"}", "{\"\u{E9}\":\"NFC\",\"e\u{301}\":\"NFD\"}"),
        "object_key_nfd_nfc.json": ("{\"e\u{301}\":\"NFD\",\"\u{E9}\":\"NFC\"}", "{\"e\u{301}\":\"NFD\",\"\u{E9}\":\"NFC\"}"),
        "object_same_key_different_values.json": (nil, #"{"a":2}"#),
        "object_same_key_same_value.json": (nil, #"{"a":1}"#),
        "object_same_key_unclear_values.json": (nil, #"{"a":-0}"#),
        "string_1_escaped_invalid_codepoint.json": (nil, nil),
        "string_1_invalid_codepoint.json": (nil, nil),
        "string_2_escaped_invalid_codepoints.json": (nil, nil),
        "string_2_invalid_codepoints.json": (nil, nil),
        "string_3_escaped_invalid_codepoints.json": (nil, nil),
        "string_3_invalid_codepoints.json": (nil, nil),
        "string_with_escaped_NULL.json": (#"["A\u0000B"]"#, #"["A\u0000B"]"#),
    ]

    @Test(arguments: files("test_transform"))
    func transformsAsDocumented(_ name: String) throws {
        let expected = try #require(Self.transforms[name], "\(name) has no documented decision")
        let bytes = try Self.bytes("test_transform", name)
        #expect((try? JSONParser.parse(bytes))?.compactText == expected.strict)
        #expect((try? JSONParser.parse(bytes, duplicates: .lastWins))?.compactText == expected.lastWins)
    }

    static func error(_ body: () throws(JSONSyntaxError) -> Void) -> JSONSyntaxError? {
        do { try body() } catch { return error }
        return nil
    }
}
