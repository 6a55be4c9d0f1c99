@testable import SNAPSim
import Testing

/// The per-partner rings are circular buffers: full rings overwrite their oldest entry, rings emptied from the
/// front by the byte limit take new entries in the freed slots, and entries always come out oldest first.
@Suite struct JournalRingTests {
    private func entry(_ partner: String, bytes: Int = 10) -> JournalEntry {
        JournalEntry(
            sequence: 0, receivedAt: SimTime(millisecondsSince1970: 0), partner: partner, method: "POST",
            target: "/x", headers: [], body: String(repeating: "x", count: bytes), service: nil, status: 200,
            responseCode: nil, responseBody: "", verdict: nil, explanation: nil, matchedRule: nil, fault: nil)
    }

    @Test func fullRing_KeepsTheNewest_InOrder_AcrossManyWraps() {
        var journal = Journal(capacityPerPartner: 7)
        for round in 1...50 {
            journal.record(ring: "a", entry("a"))
            let sequences = journal.entries(matching: JournalFilter(partner: "a")).map(\.sequence)
            #expect(sequences == Array(max(1, round - 6)...round), "after \(round)")
        }
        #expect(journal.count == 7)
    }

    @Test func ringsDrainedByTheByteLimit_RefillInOrder() {
        // Each entry is ~10 kB; the limit keeps about five of them across both partners.
        var journal = Journal(capacityPerPartner: 4, byteLimit: 52_000)
        for index in 0..<40 {
            journal.record(ring: index % 3 == 0 ? "b" : "a", entry(index % 3 == 0 ? "b" : "a", bytes: 10_000))
            #expect(journal.byteCount <= 52_000)
            let all = journal.entries().map(\.sequence)
            #expect(all == all.sorted())
            #expect(all.last == index + 1)
            for partner in ["a", "b"] {
                let own = journal.entries(matching: JournalFilter(partner: partner)).map(\.sequence)
                #expect(own == own.sorted() && own.count <= 4)
            }
        }
        journal.clear(partner: "a")
        #expect(journal.entries().allSatisfy { $0.partner == "b" })
        journal.record(ring: "a", entry("a"))
        #expect(journal.entries().last?.partner == "a")
    }
}
