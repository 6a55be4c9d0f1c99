import Testing

@testable import SNAPSim

@Suite struct DefaultFixtureTests {
    @Test func defaults_LoadWithoutProblems() throws {
        let result = LoadedFixtures.embeddedResult
        if case .failure(let error) = result { Issue.record("\(error)") }
        let fixtures = try result.get()
        #expect(fixtures.partners.count >= 4)
        #expect(fixtures.profiles.map(\.name) == ["snap"])
    }
}
