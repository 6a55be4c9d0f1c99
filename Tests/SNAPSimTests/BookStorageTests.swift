import Foundation
@testable import SNAPSim
import SimBinaryCoding
import Testing

/// The storage of a partner's bounded books (``ChunkedQueue``, ``ReferenceIndex``): the same answers as an
/// `Array` and a `Dictionary` doing the same operations, across chunk and part boundaries, with value semantics.
@Suite struct BookStorageTests {
    /// A SplitMix64 stream: the operations are random but the same on every run.
    struct Stream {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test func aQueueAnswersLikeAnArrayReadFromAHead() {
        var queue = ChunkedQueue<String>()
        var model: [String] = []
        var head = 0
        var random = Stream(state: 11)
        for step in 0..<(ChunkedQueue<String>.chunkSize * 5 + 37) {
            if random.next(3) == 0, head < model.count {
                #expect(queue.startNumber == head)
                #expect(queue.removeFirst() == model[head])
                head += 1
            } else {
                #expect(queue.append("element \(step)") == model.count)
                model.append("element \(step)")
            }
            #expect(queue.count == model.count - head)
            #expect(queue.endNumber == model.count)
        }
        #expect(queue.all == Array(model[head...]))
        #expect(queue.first == model[head])
        #expect(queue[head - 1] == nil)
        #expect(queue[model.count] == nil)
        for number in stride(from: head, to: model.count, by: 97) { #expect(queue[number] == model[number]) }
        while queue.removeFirst() != nil {}
        #expect(queue.isEmpty && queue.all.isEmpty && queue.first == nil)
        #expect(queue.startNumber == model.count)
        queue.append("after")
        #expect(queue[model.count] == "after")
    }

    @Test func aCopyOfAQueueKeepsItsElements() {
        var queue = ChunkedQueue<Int>()
        for number in 0..<(ChunkedQueue<Int>.chunkSize + 10) { queue.append(number) }
        let copy = queue
        for number in 0..<ChunkedQueue<Int>.chunkSize { queue.append(-number) }
        for _ in 0..<(ChunkedQueue<Int>.chunkSize + 5) { queue.removeFirst() }
        #expect(copy.all == Array(0..<(ChunkedQueue<Int>.chunkSize + 10)))
        #expect(queue.first == ChunkedQueue<Int>.chunkSize + 5)
        #expect(queue.count == ChunkedQueue<Int>.chunkSize + 5)
        #expect(queue.all.last == -(ChunkedQueue<Int>.chunkSize - 1))
    }

    @Test func anIndexAnswersLikeADictionary() {
        var index = ReferenceIndex<Int>()
        var model: [String: Int] = [:]
        var random = Stream(state: 7)
        for step in 0..<20_000 {
            let key = "T\(random.next(5_000))"
            switch random.next(4) {
            case 0:
                index[key] = nil
                model[key] = nil
            default:
                index[key] = step
                model[key] = step
            }
            #expect(index.count == model.count)
        }
        for number in 0..<5_000 { #expect(index["T\(number)"] == model["T\(number)"]) }
        let copy = index
        index["T1"] = -1
        #expect(copy["T1"] == model["T1"])
    }

    /// `String` equality is canonical equivalence: the KELVIN SIGN equals `K`, and `é` composed equals `e` with a
    /// combining acute. The index finds a key by any string equal to it, as a `Dictionary` does.
    @Test func anIndexFindsKeysByEqualStrings() {
        var index = ReferenceIndex<Int>()
        index["\u{212A}1"] = 1
        #expect(index["K1"] == 1)
        index["K1"] = 2
        #expect(index["\u{212A}1"] == 2 && index.count == 1)
        index["caf\u{E9}"] = 3
        #expect(index["cafe\u{301}"] == 3)
        index["K2"] = 4
        #expect(index["\u{212A}2"] == 4)
        index["\u{212A}2"] = nil
        #expect(index["K2"] == nil && index.count == 2)
        index["K1"] = nil
        index["cafe\u{301}"] = nil
        #expect(index.count == 0 && index["caf\u{E9}"] == nil)
    }

    /// A non-ASCII key is looked up in the part of its canonical composition: in an empty index, among many ASCII
    /// keys, and where it equals none of them.
    @Test func aNonASCIIKeyFindsItsASCIIEqualAmongMany() {
        var index = ReferenceIndex<Int>()
        #expect(index["\u{212A}0"] == nil)
        index["\u{212A}0"] = nil
        #expect(index.count == 0)
        for number in 0..<10_000 { index["K\(number)"] = number }
        for number in stride(from: 0, to: 10_000, by: 97) { #expect(index["\u{212A}\(number)"] == number) }
        #expect(index["\u{212A}10000"] == nil && index["caf\u{E9}"] == nil)
        index["\u{212A}42"] = -42
        #expect(index["K42"] == -42 && index.count == 10_000)
        index["\u{E9}t\u{E9}"] = 7
        #expect(index["e\u{301}te\u{301}"] == 7 && index["K43"] == 43 && index.count == 10_001)
    }

    /// A book past its limit forgets its oldest records one by one, across chunks, and its indexes with them.
    @Test func aBookPastItsLimitForgetsTheOldest() {
        var book = TopUpJournal(limit: 3_000)
        for number in 0..<7_500 {
            book.append(TopUpRecord(
                partnerReferenceNo: "P\(number % 7_000)", referenceNo: "R\(number)", externalId: "E\(number)",
                customerNumber: "0819", amount: Amount(minorUnits: Int64(number)), fingerprint: "",
                recordedAt: SimTime(millisecondsSince1970: 0), status: .success,
                answer: RecordedAnswer(key: CaseKey(httpStatus: 200, caseCode: "00"))))
        }
        #expect(book.count == 3_000)
        #expect(book.all.map(\.referenceNo) == (4_500..<7_500).map { "R\($0)" })
        #expect(book.record(referenceNo: "R4499") == nil && book.record(externalId: "E4499") == nil)
        #expect(book.record(referenceNo: "R4500")?.externalId == "E4500")
        // P0…P499 were used twice: the latest record (7,000…7,499) is kept.
        #expect(book.record(partnerReferenceNo: "P10")?.referenceNo == "R7010")
        #expect(book.record(partnerReferenceNo: "P4499") == nil)
        #expect(book.record(partnerReferenceNo: "P4500")?.referenceNo == "R4500")
    }

    @Test func aMovementLogPastItsLimitKeepsEachHoldersLatest() {
        var log = MovementLog(limit: 2_500)
        for number in 0..<6_000 {
            log.append(LedgerMovement(
                holder: number % 3 == 0 ? .account("A") : .customer("C"), type: .topUp, direction: .credit,
                amount: Amount(minorUnits: Int64(number)), partnerReferenceNo: "P\(number)", referenceNo: nil,
                service: .customerTopUp, time: SimTime(millisecondsSince1970: 0), remark: ""))
        }
        #expect(log.count == 2_500)
        #expect(log.all.map(\.partnerReferenceNo) == (3_500..<6_000).map { "P\($0)" })
        #expect(log.movements(of: .account("A")).map(\.partnerReferenceNo)
            == (3_500..<6_000).filter { $0 % 3 == 0 }.map { "P\($0)" })
        #expect(log.movements(of: .customer("C")).count == (3_500..<6_000).filter { $0 % 3 != 0 }.count)
    }

    /// Past its capacity the day's registry forgets the oldest IDs one by one (across chunks and parts).
    @Test func theExternalIDRegistryForgetsTheOldestPastItsCapacity() {
        var registry = ExternalIDRegistry()
        let morning = SimTime(millisecondsSince1970: 1_768_442_400_000)
        let capacity = ExternalIDRegistry.capacityPerDay
        for number in 0..<(capacity + 2_500) { registry.record("\(9_000_000 + number)", at: morning) }
        #expect(registry.count == capacity)
        #expect(registry.firstUse(of: "\(9_000_000 + 2_499)", at: morning) == nil)
        #expect(registry.firstUse(of: "\(9_000_000 + 2_500)", at: morning) == morning)
        #expect(registry.firstUse(of: "\(9_000_000 + capacity + 2_499)", at: morning) == morning)
    }

    /// `claim` (what admission does) agrees with `firstUse` then `record`: a used ID answers its first use and
    /// changes nothing, not even the forgetting of the oldest ID at capacity; a fresh one is remembered.
    @Test func claimingAnIDAgreesWithLookingUpThenRecording() {
        let morning = SimTime(millisecondsSince1970: 1_768_442_400_000)
        let capacity = ExternalIDRegistry.capacityPerDay
        var claimed = ExternalIDRegistry()
        var recorded = ExternalIDRegistry()
        for number in 0..<capacity {
            let time = morning + .milliseconds(number)
            #expect(claimed.claim("\(number)", at: time) == nil)
            recorded.record("\(number)", at: time)
        }
        let later = morning + .seconds(3_600)
        #expect(claimed.claim("7", at: later) == morning + .milliseconds(7))
        #expect(claimed.count == capacity && claimed.firstUse(of: "0", at: later) == morning)
        #expect(claimed.claim("fresh", at: later) == nil)
        recorded.record("fresh", at: later)
        #expect(claimed.count == capacity && claimed.firstUse(of: "0", at: later) == nil)
        #expect(claimed.firstUse(of: "fresh", at: later) == later && claimed.claim("fresh", at: later) == later)
        #expect((try? BinaryEncoder().encode(claimed)) == (try? BinaryEncoder().encode(recorded)))
        // The next Jakarta day starts afresh.
        #expect(claimed.claim("7", at: morning + .seconds(86_400)) == nil && claimed.count == 1)
    }

    /// `insertIfAbsent` answers like a dictionary's look-up followed by an insert when the key is missing.
    @Test func anIndexInsertsOnlyAbsentKeys() {
        var index = ReferenceIndex<Int>()
        var model: [String: Int] = [:]
        var random = Stream(state: 11)
        for step in 0..<20_000 {
            let key = random.next(8) == 0 ? "\u{212A}\(random.next(3_000))" : "K\(random.next(3_000))"
            let held = model[key]
            if held == nil { model[key] = step }
            #expect(index.insertIfAbsent(step, forKey: key) == held)
            #expect(index.count == model.count)
        }
        for number in 0..<3_000 { #expect(index["K\(number)"] == model["K\(number)"]) }
    }

    /// Forms written before the chunked queue kept forgotten IDs before `head`: they are read as forgotten.
    @Test func anEarlierRegistryFormWithForgottenIDsStillReads() throws {
        let morning = SimTime(millisecondsSince1970: 1_768_442_400_000)
        var packed = PackedWriter()
        packed.byte(1)
        packed.optionalString("2026-01-15")
        packed.unsigned(3)
        packed.unsigned(1)
        packed.string("E0")
        packed.byte(0)
        for id in ["E1", "E2"] {
            packed.string(id)
            packed.byte(1)
            packed.time(morning)
        }
        struct Packed: Encodable { var packed: [UInt8] }
        let fromPacked = try BinaryDecoder().decode(
            ExternalIDRegistry.self, from: try BinaryEncoder().encode(Packed(packed: packed.bytes)))
        let keyed = #"{"day":"2026-01-15","firstUse":{"E1":\#(morning.millisecondsSince1970),"E2":\#(morning.millisecondsSince1970)},"order":["E0","E1","E2"],"head":1}"#
        for registry in [fromPacked, try JSONDecoder().decode(ExternalIDRegistry.self, from: Data(keyed.utf8))] {
            #expect(registry.count == 2)
            #expect(registry.firstUse(of: "E0", at: morning) == nil)
            #expect(registry.firstUse(of: "E2", at: morning) == morning)
        }
    }
}
