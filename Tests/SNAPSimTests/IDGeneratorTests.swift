import Testing
@testable import SNAPSim

@Suite struct IDGeneratorTests {
    @Test func sameSeed_GivesSameIdentifiers() {
        var first = IDGenerator(seed: 42).forPartner("partner-a")
        var second = IDGenerator(seed: 42).forPartner("partner-a")
        #expect(first.token() == second.token())
        #expect(first.referenceNumber() == second.referenceNumber())
    }

    @Test func partnersAndSeeds_GetIndependentStreams() {
        var a = IDGenerator(seed: 42).forPartner("partner-a")
        var b = IDGenerator(seed: 42).forPartner("partner-b")
        var c = IDGenerator(seed: 43).forPartner("partner-a")
        let token = a.token()
        #expect(token != b.token())
        #expect(token != c.token())
    }

    @Test func referenceNumber_IsDigitsOfRequestedLength() {
        var ids = IDGenerator(seed: 7)
        let reference = ids.referenceNumber(length: 22)
        #expect(reference.count == 22)
        #expect(reference.allSatisfy { $0.isNumber })
        let token = ids.token(length: 40)
        #expect(token.count == 40)
    }
}
