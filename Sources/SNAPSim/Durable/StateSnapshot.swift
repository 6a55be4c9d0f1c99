import Foundation

/// The whole durable state at one cut of the log (the start of a log segment): what a start loads before it
/// replays the segments that follow, so that a start replays at most one snapshot interval of records.
///
/// The journal is not in it: after a start from a snapshot the journal holds the requests replayed after it.
/// Neither are deliveries of the outbox (as with the log alone).
struct StateSnapshot: Sendable {
    /// What is needed before the partners' states can be read (their forced outcomes are read against the
    /// fixtures), coded apart from them.
    struct Head: Codable, Sendable {
        var format = 1
        var seed: UInt64
        var generation: Int
        var fixtures: [DurableRecord.FixtureFile]
        var clock: SimulatorClock.State
        var notifications: NotificationOverrides
    }

    /// One partner's state.
    struct Partner: Codable, Sendable {
        var clientId: String
        var state: PartnerState
    }

    var head: Head
    var partners: [Partner]

    /// The bytes: the head's JSON and the partners' JSON, each length-prefixed.
    func encoded() throws(DurableStateError) -> [UInt8] {
        let encoder = JSONEncoder()
        do {
            var writer = RecordWriter(kind: 1)
            writer.data(try encoder.encode(head))
            writer.data(try encoder.encode(partners))
            return writer.bytes
        } catch {
            throw DurableStateError("cannot encode the state for a snapshot: \(error)")
        }
    }

    /// Reads a snapshot's bytes; `fixtures` turns the head's fixture files into the set the partners belong to.
    static func decode(
        _ bytes: [UInt8], file: String, fixtures: (Head) throws(DurableStateError) -> LoadedFixtures
    ) throws(DurableStateError) -> (StateSnapshot, LoadedFixtures) {
        let refusal = "refusing to start and leaving the directory as it is"
        var reader = RecordReader(bytes)
        let headBytes: [UInt8]
        let partnerBytes: [UInt8]
        do throws(RecordReader.Malformed) {
            guard try reader.byte() == 1 else { throw RecordReader.Malformed() }
            headBytes = try reader.data()
            partnerBytes = try reader.data()
            guard reader.isAtEnd else { throw RecordReader.Malformed() }
        } catch {
            throw DurableStateError("\(file) is intact but not a snapshot this version of snapsim reads; \(refusal)")
        }
        let head: Head
        do {
            head = try JSONDecoder().decode(Head.self, from: Data(headBytes))
        } catch {
            throw DurableStateError("\(file) is intact but its state does not read (\(error)); \(refusal)")
        }
        guard head.format == 1 else {
            throw DurableStateError("\(file) has snapshot format \(head.format), which this version does not read; \(refusal)")
        }
        let loaded = try fixtures(head)
        do {
            let decoder = JSONDecoder()
            decoder.userInfo[.fixtures] = loaded
            let partners = try decoder.decode([Partner].self, from: Data(partnerBytes))
            return (StateSnapshot(head: head, partners: partners), loaded)
        } catch {
            throw DurableStateError("\(file) is intact but a partner's state does not read (\(error)); \(refusal)")
        }
    }
}
