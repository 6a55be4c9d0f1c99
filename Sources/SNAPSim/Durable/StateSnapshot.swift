import Foundation
import SimBinaryCoding

/// The whole durable state at one cut of the log (the start of a log segment): what a start loads before it
/// replays the segments that follow, so that a start replays at most one snapshot interval of records.
///
/// The journal is not in it: after a start from a snapshot the journal holds the requests replayed after it.
/// Neither are deliveries of the outbox (as with the log alone).
struct StateSnapshot: Sendable {
    /// The snapshot format this version writes and reads: 2 is binary (SimBinaryCoding), one document for the
    /// head and one per partner; 1 was JSON.
    static let format: UInt8 = 2

    /// What is needed before the partners' states can be read (their forced outcomes are read against the
    /// fixtures), coded apart from them.
    struct Head: Codable, Sendable {
        var format = Int(StateSnapshot.format)
        var seed: UInt64
        var generation: Int
        var fixtures: [DurableRecord.FixtureFile]
        var clock: SimulatorClock.State
        var notifications: NotificationOverrides
    }

    /// One partner's state.
    struct Partner: Sendable {
        var clientId: String
        var state: PartnerState
    }

    var head: Head
    var partners: [Partner]

    /// The bytes: the format, the head's document, the number of partners, then each partner's client id and
    /// document. `partnerBytes` gives a partner's document when it is already known (unchanged since the last
    /// snapshot); the documents are returned with the bytes for the next one.
    static func encode(
        head: Head, partners: [(clientId: String, document: () throws -> [UInt8])]
    ) throws(DurableStateError) -> [UInt8] {
        do {
            var writer = RecordWriter(kind: format)
            writer.data(try BinaryEncoder().encode(head))
            writer.integer(UInt64(partners.count))
            for partner in partners {
                writer.string(partner.clientId)
                writer.data(try partner.document())
            }
            return writer.bytes
        } catch {
            throw DurableStateError("cannot encode the state for a snapshot: \(error)")
        }
    }

    /// One partner's state as a document.
    static func document(_ state: PartnerState) throws -> [UInt8] {
        try BinaryEncoder().encode(state)
    }

    /// Reads a snapshot's bytes; `fixtures` turns the head's fixture files into the set the partners belong to.
    static func decode(
        _ bytes: [UInt8], file: String, fixtures: (Head) throws(DurableStateError) -> LoadedFixtures
    ) throws(DurableStateError) -> (StateSnapshot, LoadedFixtures) {
        let refusal = "refusing to start and leaving the directory as it is"
        var reader = RecordReader(bytes)
        let kind = (try? reader.byte()) ?? 0
        guard kind == format else {
            throw DurableStateError(
                "\(file) has snapshot format \(kind)\(kind == 1 ? " (JSON, written by an earlier version)" : ""), "
                    + "which this version does not read; \(refusal). Start afresh with another --state directory, "
                    + "or serve this one with the version that wrote it")
        }
        let headBytes: [UInt8]
        var partnerBytes: [(String, [UInt8])] = []
        do throws(RecordReader.Malformed) {
            headBytes = try reader.data()
            let count = try reader.integer()
            for _ in 0..<count { partnerBytes.append((try reader.string(), try reader.data())) }
            guard reader.isAtEnd else { throw RecordReader.Malformed() }
        } catch {
            throw DurableStateError("\(file) is intact but not a snapshot this version of snapsim reads; \(refusal)")
        }
        let head: Head
        do {
            head = try BinaryDecoder().decode(Head.self, from: headBytes)
        } catch {
            throw DurableStateError("\(file) is intact but its state does not read (\(error)); \(refusal)")
        }
        let loaded = try fixtures(head)
        var decoder = BinaryDecoder()
        decoder.userInfo[.fixtures] = loaded
        var partners: [Partner] = []
        for (clientId, document) in partnerBytes {
            do {
                partners.append(Partner(clientId: clientId, state: try decoder.decode(PartnerState.self, from: document)))
            } catch {
                throw DurableStateError("\(file) is intact but the state of partner \(clientId) does not read (\(error)); \(refusal)")
            }
        }
        return (StateSnapshot(head: head, partners: partners), loaded)
    }
}
