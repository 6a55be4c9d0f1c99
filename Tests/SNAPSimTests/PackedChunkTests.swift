import SNAPSim
import SimBinaryCoding
import Testing

/// Top-up records and ledger movements packed chunk by chunk (1,024 per chunk), each whole chunk's bytes kept
/// between snapshots: the bytes are always those a fresh pack of the same records gives, whichever copy asks and
/// however many records were forgotten since, and the one-chunk-per-16,384-records layout of earlier versions
/// (same layout version) still reads.
@Suite struct PackedChunkTests {
    typealias Sample = PackedRecordTests

    /// A journal with the same history (the same records appended, so the same chunks) that never packed any.
    static func fresh(_ numbers: Range<Int>, limit: Int) -> TopUpJournal {
        var journal = TopUpJournal(limit: limit)
        for number in numbers { journal.append(Sample.record(number, full: number % 3 != 0)) }
        return journal
    }

    @Test func rememberedChunksGiveTheBytesOfAFreshPack() throws {
        var journal = TopUpJournal(limit: 3_000)
        var end = 0
        // Encoded after each step: some steps fill a chunk, some start one, later ones forget the oldest records
        // (the oldest chunk is then no longer whole) and whole chunks.
        for step in [1, 1_023, 1, 1_500, 2_000, 700, 1_024, 3] {
            for number in end..<(end + step) { journal.append(Sample.record(number, full: number % 3 != 0)) }
            end += step
            let bytes = try BinaryEncoder().encode(journal)
            let start = max(0, end - 3_000)
            #expect(bytes == (try BinaryEncoder().encode(Self.fresh(0..<end, limit: 3_000))))
            let back = try BinaryDecoder().decode(TopUpJournal.self, from: bytes)
            #expect(back.all == journal.all)
            #expect(back.record(partnerReferenceNo: "P\(end - 1)") == journal.record(partnerReferenceNo: "P\(end - 1)"))
            #expect(back.record(partnerReferenceNo: "P\(start - 1)") == nil)
        }
    }

    /// A copy (a snapshot's) and the live book share remembered chunks but not what they append afterwards.
    @Test func copiesThatGoTheirOwnWaysEncodeTheirOwnRecords() throws {
        var live = Self.fresh(0..<2_100, limit: 2_500)
        _ = try BinaryEncoder().encode(live)
        var copy = live
        for number in 2_100..<2_600 { live.append(Sample.record(number, full: true)) }
        for number in 5_000..<5_100 { copy.append(Sample.record(number, full: false)) }
        #expect(try BinaryDecoder().decode(TopUpJournal.self, from: try BinaryEncoder().encode(live)).all == live.all)
        #expect(try BinaryDecoder().decode(TopUpJournal.self, from: try BinaryEncoder().encode(copy)).all == copy.all)
        #expect(live.all != copy.all)
    }

    @Test func movementsAreChunkedAlike() throws {
        var ledger = MovementLog(limit: 2_500)
        var fresh = MovementLog(limit: 2_500)
        for number in 0..<1_100 { ledger.append(Sample.movement(number, full: number % 4 != 0)) }
        _ = try BinaryEncoder().encode(ledger)
        for number in 1_100..<3_300 { ledger.append(Sample.movement(number, full: number % 4 != 0)) }
        for number in 0..<3_300 { fresh.append(Sample.movement(number, full: number % 4 != 0)) }
        let bytes = try BinaryEncoder().encode(ledger)
        #expect(bytes == (try BinaryEncoder().encode(fresh)))
        let back = try BinaryDecoder().decode(MovementLog.self, from: bytes)
        #expect(back.all == ledger.all)
        #expect(back.movements(of: .account("ACC1")) == ledger.movements(of: .account("ACC1")))
    }

    /// The packed bytes of earlier versions: one chunk per 16,384 records (written here by hand in that layout).
    @Test func theLayoutOfEarlierVersionsStillReads() throws {
        let records = (0..<16_500).map { Sample.record($0, full: $0 % 3 != 0) }
        var writer = PackedWriter()
        writer.byte(1)
        writer.unsigned(UInt64(records.count))
        writer.unsigned(2)
        for chunk in [records[0..<16_384], records[16_384...]] {
            var bytes = PackedWriter()
            for record in chunk { Self.pack(record, into: &bytes) }
            writer.unsigned(UInt64(chunk.count))
            writer.unsigned(UInt64(bytes.bytes.count))
            writer.raw(bytes.bytes)
        }
        let document = try BinaryEncoder().encode(Sample.Packed(limit: 100_000, packed: writer.bytes))
        let back = try BinaryDecoder().decode(TopUpJournal.self, from: document)
        #expect(back.all == records)
        #expect(back.record(externalId: "E16499")?.partnerReferenceNo == "P16499")
    }

    /// One record's packed bytes, cut out of a one-record journal's packed form (`version 1 1 count length`).
    static func pack(_ record: TopUpRecord, into writer: inout PackedWriter) {
        var journal = TopUpJournal(limit: 1)
        journal.append(record)
        struct Raw: Decodable { var packed: [UInt8] }
        let packed = try! BinaryDecoder().decode(Raw.self, from: try! BinaryEncoder().encode(journal)).packed
        var reader = PackedReader(packed)
        _ = try! reader.byte("version")
        for _ in 0..<4 { _ = try! reader.unsigned("header") }
        writer.raw(Array(packed[reader.offset...]))
    }
}
