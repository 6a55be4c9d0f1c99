import Testing
@testable import SNAPSimCLI

@Suite struct ArgumentsTests {
    @Test func options_AcceptSpaceAndEqualsForms() throws {
        var arguments = Arguments(["--port", "0", "--host=::1", "file.json"])
        #expect(try arguments.option("port") == "0")
        #expect(try arguments.option("host") == "::1")
        #expect(try arguments.positionals() == ["file.json"])
        try arguments.finish()
    }

    @Test func finish_Throws_WhenAnOptionIsUnknown() throws {
        var arguments = Arguments(["--prot", "80"])
        #expect(try arguments.option("port") == nil)
        _ = try arguments.positionals()
        #expect(throws: CLIError.self) { try arguments.finish() }
    }

    @Test func option_ThrowsUsage_WhenValueMissingOrUnconvertible() {
        #expect(throws: CLIError.self) {
            var missing = Arguments(["--port"])
            _ = try missing.option("port")
        }
        #expect(throws: CLIError.self) {
            var bad = Arguments(["--seed", "abc"])
            _ = try bad.option("seed", as: "a number") { UInt64($0) }
        }
    }

    @Test func flag_IsConsumed() throws {
        var arguments = Arguments(["--no-explain", "x"])
        let first = arguments.flag("no-explain")
        let second = arguments.flag("no-explain")
        #expect(first)
        #expect(!second)
        #expect(try arguments.positionals() == ["x"])
    }

    @Test func repeatedOption_KeepsEveryValueInOrder() throws {
        var arguments = Arguments(["--filter", "a", "--filter", "b"])
        #expect(try arguments.options("filter") == ["a", "b"])
    }
}
