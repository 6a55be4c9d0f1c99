import Foundation
import SNAPSim
import SimBinaryCoding
import SimJSON
import Testing

/// The packed form of top-up records and ledger movements (the binary snapshot's two big collections): every
/// field round trips, optionals set and unset, the indexes are rebuilt, documents of the keyed form still read,
/// and damaged packed bytes are refused with a message naming the record and the field.
@Suite struct PackedRecordTests {
    static func record(_ number: Int, full: Bool) -> TopUpRecord {
        let fields: JSONObject = [
            "referenceNo": .string("R\(number)"), "amount": .object(["value": .number("10000.00"), "currency": "IDR"]),
            "additionalInfo": .object(["list": .array([.null, .bool(true), .bool(false), .number("2.5e3"), "é ✓"])]),
        ]
        var record = TopUpRecord(
            partnerReferenceNo: "P\(number)", referenceNo: full ? "R\(number)" : nil,
            externalId: full ? "E\(number)" : nil,
            customerNumber: "0819000\(number)", amount: Amount(minorUnits: Int64(number) * 100 - 7, currency: "IDR"),
            fingerprint: #"{"partnerReferenceNo":"P\#(number)"}"#,
            recordedAt: SimTime(millisecondsSince1970: -5 + Int64(number)),
            status: full ? .pending : .failed,
            answer: RecordedAnswer(
                key: CaseKey(httpStatus: full ? 200 : 404, caseCode: full ? "00" : "11"),
                placeholders: full ? ["b": "2", "a": "1", "field": "amount"] : [:], fields: full ? fields : [:]))
        if full {
            record.settledAt = SimTime(millisecondsSince1970: 1_768_442_400_000)
            record.settlement = "refused: insufficient funds"
        }
        return record
    }

    static func movement(_ number: Int, full: Bool) -> LedgerMovement {
        LedgerMovement(
            holder: full ? .customer("0819\(number)") : .account("ACC\(number % 3)"), type: full ? .topUp : .sendMoney,
            direction: full ? .credit : .debit, amount: Amount(minorUnits: Int64(number)),
            fee: Amount(minorUnits: full ? 0 : 250, currency: "USD"), partnerReferenceNo: full ? "P\(number)" : nil,
            referenceNo: full ? "R\(number)" : nil, service: full ? "38" : "18",
            time: SimTime(millisecondsSince1970: Int64(number)),
            remark: full ? "Top up ✓" : "", status: full ? .success : MovementStatus(rawValue: "CUSTOM"))
    }

    @Test func topUpRecordsRoundTripWithTheirIndexes() throws {
        var journal = TopUpJournal(limit: 50)
        for number in 0..<60 { journal.append(Self.record(number, full: number % 2 == 0)) }
        let bytes = try BinaryEncoder().encode(journal)
        let back = try BinaryDecoder().decode(TopUpJournal.self, from: bytes)
        #expect(back.limit == 50)
        #expect(back.all == journal.all)
        #expect(back.all.count == 50)
        #expect(back.record(partnerReferenceNo: "P58") == Self.record(58, full: true))
        #expect(back.record(referenceNo: "R20") == Self.record(20, full: true))
        #expect(back.record(externalId: "E56")?.partnerReferenceNo == "P56")
        #expect(back.record(partnerReferenceNo: "P59") == Self.record(59, full: false))
        #expect(back.record(partnerReferenceNo: "P2") == nil)  // forgotten before the encoding
        // The same bytes again: placeholders are written sorted, not in dictionary order.
        #expect(try BinaryEncoder().encode(back) == bytes)
        // JSON keeps the keyed form.
        let json = try JSONDecoder().decode(TopUpJournal.self, from: try JSONEncoder().encode(journal))
        #expect(json.all == journal.all)
    }

    /// Packed bytes are remembered between snapshots (PackedBytesMemo) but never outlive a change: copies that
    /// went their own ways each encode their own records, and an unchanged copy encodes as before.
    @Test func rememberedPackedBytesFollowEveryChange() throws {
        var journal = TopUpJournal(limit: 50)
        for number in 0..<10 { journal.append(Self.record(number, full: true)) }
        let before = try BinaryEncoder().encode(journal)
        var fork = journal
        #expect(try BinaryEncoder().encode(fork) == before)
        journal.append(Self.record(10, full: true))
        fork.append(Self.record(11, full: false))
        let journalBack = try BinaryDecoder().decode(TopUpJournal.self, from: try BinaryEncoder().encode(journal))
        let forkBack = try BinaryDecoder().decode(TopUpJournal.self, from: try BinaryEncoder().encode(fork))
        #expect(journalBack.all == journal.all)
        #expect(forkBack.all == fork.all)
        #expect(journalBack.all != forkBack.all)

        var ledger = MovementLog(limit: 100)
        for number in 0..<5 { ledger.append(Self.movement(number, full: true)) }
        let unchanged = ledger
        _ = try BinaryEncoder().encode(ledger)
        ledger.append(Self.movement(5, full: false))
        #expect(try BinaryDecoder().decode(MovementLog.self, from: try BinaryEncoder().encode(ledger)).all == ledger.all)
        #expect(try BinaryDecoder().decode(MovementLog.self, from: try BinaryEncoder().encode(unchanged)).all == unchanged.all)
    }

    /// More records than one chunk holds: the chunks are read in parallel and come back in order.
    @Test func manyChunksComeBackInOrder() throws {
        var ledger = MovementLog(limit: 40_000)
        for number in 0..<40_000 { ledger.append(Self.movement(number, full: number % 5 != 0)) }
        let back = try BinaryDecoder().decode(MovementLog.self, from: try BinaryEncoder().encode(ledger))
        #expect(back.all == ledger.all)
    }

    @Test func ledgerMovementsRoundTripWithTheirIndex() throws {
        var ledger = MovementLog(limit: 1000)
        for number in 0..<40 { ledger.append(Self.movement(number, full: number % 3 != 0)) }
        let back = try BinaryDecoder().decode(MovementLog.self, from: try BinaryEncoder().encode(ledger))
        #expect(back.all == ledger.all)
        #expect(back.movements(of: .account("ACC0")) == ledger.movements(of: .account("ACC0")))
        #expect(back.movements(of: .customer("08191")) == [Self.movement(1, full: true)])
    }

    /// The keyed form (the binary snapshots written before the packed form) still reads.
    @Test func theKeyedFormStillReads() throws {
        struct Keyed: Encodable {
            var limit: Int
            var records: [TopUpRecord]
        }
        let records = (0..<5).map { Self.record($0, full: $0 != 2) }
        let keyed = try BinaryEncoder().encode(Keyed(limit: 9, records: records))
        let back = try BinaryDecoder().decode(TopUpJournal.self, from: keyed)
        #expect(back.all == records)
        #expect(back.record(referenceNo: "R4") == records[4])
    }

    struct Packed: Encodable {
        var limit = 10
        var packed: [UInt8]
    }

    static func expectRefusal<T: Decodable>(_ type: T.Type, _ packed: [UInt8], containing parts: [String]) throws {
        let bytes = try BinaryEncoder().encode(Packed(packed: packed))
        #expect {
            _ = try BinaryDecoder().decode(type, from: bytes)
        } throws: { error in
            parts.allSatisfy { "\(error)".contains($0) }
        }
    }

    /// Packed bytes of one record in one chunk.
    static func oneChunk(_ record: [UInt8]) -> [UInt8] {
        var writer = PackedWriter()
        writer.byte(1)
        writer.unsigned(1)
        writer.unsigned(1)
        writer.unsigned(1)
        writer.unsigned(UInt64(record.count))
        writer.raw(record)
        return writer.bytes
    }

    @Test func damagedPackedRecordsAreRefusedWithAClearMessage() throws {
        var journal = TopUpJournal(limit: 10)
        for number in 0..<3 { journal.append(Self.record(number, full: true)) }
        let document = try BinaryEncoder().encode(journal)
        // The packed bytes as written: find them through the keyed form's raw-bytes value.
        struct Raw: Decodable { var packed: [UInt8] }
        let packed = try BinaryDecoder().decode(Raw.self, from: document).packed
        #expect(packed.first == 1)
        // Cut anywhere: refused, never a trap.
        for length in stride(from: 0, to: packed.count, by: 7) {
            try Self.expectRefusal(
                TopUpJournal.self, Array(packed.prefix(length)), containing: ["damaged packed top-up records"])
        }
        try Self.expectRefusal(TopUpJournal.self, packed + [0], containing: ["1 bytes follow the last chunk"])
        try Self.expectRefusal(TopUpJournal.self, [9] + packed.dropFirst(), containing: ["layout 9", "reads layout 1"])
        var record = PackedWriter()
        for text in ["P1", nil, nil, "0819"] as [String?] {
            if let text { record.string(text) } else { record.optionalString(nil) }
        }
        record.signed(100)
        record.string("IDR")
        record.string("{}")
        record.signed(0)
        record.string("42")
        try Self.expectRefusal(
            TopUpJournal.self, Self.oneChunk(record.bytes),
            containing: ["record 0", "status \"42\" is not a transaction status"])
        try Self.expectRefusal(
            MovementLog.self, Self.oneChunk([3]), containing: ["ledger movement", "holder has kind 3"])
        // Chunk headers that do not add up.
        var chunks = PackedWriter()
        chunks.byte(1)
        chunks.unsigned(2)
        chunks.unsigned(1)
        chunks.unsigned(1)
        chunks.unsigned(0)
        try Self.expectRefusal(MovementLog.self, chunks.bytes, containing: ["the chunks hold 1 records, not 2"])
    }

    @Test func externalIDsRoundTripPackedAndAsJSON() throws {
        var registry = ExternalIDRegistry()
        let morning = SimTime(millisecondsSince1970: 1_768_442_400_000)
        for number in 0..<300 { registry.record("E\(number)", at: morning + .seconds(number)) }
        let back = try BinaryDecoder().decode(ExternalIDRegistry.self, from: try BinaryEncoder().encode(registry))
        let json = try JSONDecoder().decode(ExternalIDRegistry.self, from: try JSONEncoder().encode(registry))
        for copy in [back, json] {
            #expect(copy.count == 300)
            #expect(copy.firstUse(of: "E7", at: morning) == morning + .seconds(7))
            #expect(copy.firstUse(of: "E300", at: morning) == nil)
        }
        #expect(try BinaryEncoder().encode(back) == (try BinaryEncoder().encode(registry)))
        var damaged = PackedWriter()
        damaged.byte(1)
        damaged.optionalString("2026-01-15")
        damaged.unsigned(1)
        damaged.unsigned(0)
        damaged.string("E1")
        damaged.byte(4)
        try Self.expectRefusal(ExternalIDRegistry.self, damaged.bytes, containing: ["external IDs", "presence byte 4"])
    }

    /// With the binary coder each chunk of IDs is a raw-bytes value of its own; damaged ones are refused by name.
    @Test func externalIDsInChunksRefuseDamage() throws {
        var registry = ExternalIDRegistry()
        let morning = SimTime(millisecondsSince1970: 1_768_442_400_000)
        for number in 0..<2_500 { registry.record("E\(number)", at: morning + .milliseconds(number)) }
        var encoder = BinaryEncoder()
        encoder.externalThreshold = 4096
        let (document, chunks) = try encoder.encodeSplit(registry)
        #expect(chunks.count == 3, "two whole chunks of 1,024 IDs and the newest 452 apart")
        let back = try BinaryDecoder().decode(ExternalIDRegistry.self, from: document, external: chunks)
        #expect(back.count == 2_500 && back.firstUse(of: "E2048", at: morning) == morning + .milliseconds(2_048))
        var cut = chunks
        cut[1] = []
        var extra = chunks
        extra[2] += [1, 0x45, 0]
        var bad = chunks
        bad[0][bad[0].firstIndex(of: 1)!] = 7
        for (damaged, message) in [(cut, "chunks hold"), (extra, "past the 2500"), (bad, "presence byte 7")] {
            #expect {
                _ = try BinaryDecoder().decode(ExternalIDRegistry.self, from: document, external: damaged)
            } throws: { error in
                "\(error)".contains("external IDs") && "\(error)".contains(message)
            }
        }
    }

    /// The packed bytes of whole chunks are remembered between encodings: an encoding after more IDs (past the
    /// capacity, so the oldest chunk is trimmed, and into a new day) must equal a fresh registry's, byte for byte.
    @Test func externalIDsPackedAfterMoreIDsEqualAFreshPack() throws {
        let morning = SimTime(millisecondsSince1970: 1_768_442_400_000)
        let capacity = ExternalIDRegistry.capacityPerDay
        var registry = ExternalIDRegistry()
        var earlier: [[UInt8]] = []
        var recorded = 0
        func record(upTo total: Int, into registry: inout ExternalIDRegistry, day: Int = 0) {
            while recorded < total {
                registry.record("E\(recorded)", at: morning + .seconds(86_400 * day) + .milliseconds(recorded))
                recorded += 1
            }
        }
        // A registry given the same IDs from scratch (forgetting the same oldest ones): its memo is new.
        func freshPack(from first: Int, to end: Int, day: Int = 0) throws -> [UInt8] {
            var fresh = ExternalIDRegistry()
            for number in first..<end { fresh.record("E\(number)", at: morning + .seconds(86_400 * day) + .milliseconds(number)) }
            return try BinaryEncoder().encode(fresh)
        }
        for total in [3_000, capacity + 2_500, capacity + 2_600, capacity + 4_096] {
            record(upTo: total, into: &registry)
            let snapshot = registry
            let bytes = try BinaryEncoder().encode(snapshot)
            #expect(bytes == (try freshPack(from: 0, to: total)), "after \(total) IDs")
            earlier.append(bytes)
        }
        #expect(try BinaryEncoder().encode(registry) == earlier.last)
        let back = try BinaryDecoder().decode(ExternalIDRegistry.self, from: earlier[1])
        #expect(back.count == capacity)
        #expect(back.firstUse(of: "E2499", at: morning) == nil)
        #expect(back.firstUse(of: "E2500", at: morning) == morning + .milliseconds(2_500))
        // Decoded, the registry splits into the same chunks (its oldest ID mid-chunk): the same bytes again.
        #expect(try BinaryEncoder().encode(back) == earlier[1])
        // A new day starts afresh: none of the previous day's chunks may leak into its bytes.
        let dayStart = recorded
        record(upTo: dayStart + 2_048, into: &registry, day: 1)
        #expect(try BinaryEncoder().encode(registry) == (try freshPack(from: dayStart, to: dayStart + 2_048, day: 1)))
    }
}
