import SimJSON
import Testing
@testable import SNAPSim

/// Fixture files go through the same parser and limits as request bodies, and a refusal names the limit.
@Suite struct FixtureJSONLimitTests {
    @Test func load_NamesTheLimit_WhenAFileHasAnObjectPastMaximumMembers() {
        let members = (0...JSONLimits.standard.maximumMembers).map { "\"k\($0)\":0" }.joined(separator: ",")
        let file = (path: "huge.json", contents: "{\"tiers\":{" + members + "}}")
        #expect {
            _ = try LoadedFixtures.load(files: [file])
        } throws: { error in
            guard let error = error as? FixtureLoadError else { return false }
            return error.problems.contains { $0.file == "huge.json" && $0.message.contains("maximumMembers") }
        }
    }

    @Test func load_NamesTheLimit_WhenAFileNestsPastMaximumDepth() {
        let depth = JSONLimits.standard.maximumDepth + 1
        let file = (path: "deep.json", contents: String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect {
            _ = try LoadedFixtures.load(files: [file])
        } throws: { error in
            (error as? FixtureLoadError)?.problems.contains { $0.message.contains("maximumDepth") } ?? false
        }
    }
}
