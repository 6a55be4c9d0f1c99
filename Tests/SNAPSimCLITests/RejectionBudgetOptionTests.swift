import SNAPSim
import Testing

@testable import SNAPSimCLI

/// `serve --rejection-rate N` and `--rejection-burst N` (docs/rejection-budget.md).
@Suite struct RejectionBudgetOptionTests {
    static func parsed(_ arguments: [String]) throws(CLIError) -> RejectionBudgetOption {
        var parsed = Arguments(arguments)
        return try RejectionBudgetOption(parsing: &parsed)
    }

    @Test func defaults_AreOn_AndTheBannerSaysSo() throws {
        let option = try Self.parsed([])
        let budget = try #require(option.makeBudget())
        #expect(budget.rate == RejectionBudget.defaultRate && budget.burst == RejectionBudget.defaultBurst)
        #expect(option.description == "rejection budget 200/s per partner, burst 400")
    }

    @Test func rateZero_TurnsItOff() throws {
        let option = try Self.parsed(["--rejection-rate", "0"])
        #expect(option.makeBudget() == nil)
        #expect(option.description == "rejection budget off")
    }

    @Test func chosenValues_AreKept() throws {
        let budget = try #require(try Self.parsed(["--rejection-rate=50", "--rejection-burst", "7"]).makeBudget())
        #expect(budget.rate == 50 && budget.burst == 7)
    }

    @Test func badValues_ExitWithUsageStatus_NamingTheOption() async {
        for (arguments, says) in [
            (["--rejection-rate", "-1"], "--rejection-rate takes a whole number of rejections per second from 0 (off)"),
            (["--rejection-rate", "fast"], "--rejection-rate takes"),
            (["--rejection-rate", "1000001"], "to 1000000, not \"1000001\""),
            (["--rejection-burst", "0"], "--rejection-burst takes a whole number of rejections from 1"),
            (["--rejection-rate", "0", "--rejection-burst", "5"], "--rejection-rate 0 turns off"),
        ] {
            let console = RecordingConsole()
            #expect(await CLI.run(["serve"] + arguments, console: console) == 64)
            #expect(console.err.contains(says), "\(arguments): \(console.err)")
        }
    }

    @Test func serveHelp_ListsTheOptions() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["serve", "--help"], console: console) == 0)
        #expect(console.out.contains("--rejection-rate N") && console.out.contains("--rejection-burst N"))
    }
}
