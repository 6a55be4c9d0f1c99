import Foundation
import SimLog
import SimBinaryCoding

/// The whole durable state at one cut of the log (the start of a log segment): what a start loads before it
/// replays the segments that follow, so that a start replays at most one snapshot interval of records.
///
/// The journal is not in it: after a start from a snapshot the journal holds the requests replayed after it.
/// Neither are deliveries of the outbox (as with the log alone).
struct StateSnapshot: Sendable {
    /// The snapshot format this version writes: 3 is binary (SimBinaryCoding), one document for the head and
    /// one per partner, whose large packed collections are kept in part files (``SnapshotPart``) named by the
    /// snapshot; 2 (read still) held every document whole; 1 was JSON.
    static let format: UInt8 = 3

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

    /// A partner's state as a document, with its large raw-bytes values (packed collections) apart.
    struct Document: Sendable {
        var bytes: [UInt8]
        var external: [[UInt8]]
    }

    /// The bytes: the format, the head's document, the number of partners, then each partner's client id, the
    /// parts holding its document's values kept apart (number, then each one's file, length, checksum), and its
    /// document.
    static func encode(
        head: Head, partners: [(clientId: String, document: [UInt8], parts: [SnapshotPart])]
    ) throws(DurableStateError) -> [UInt8] {
        let headBytes: [UInt8]
        do {
            headBytes = try BinaryEncoder().encode(head)
        } catch {
            throw DurableStateError("cannot encode the state for a snapshot: \(error)")
        }
        var writer = RecordWriter(kind: format)
        writer.data(headBytes)
        writer.integer(UInt64(partners.count))
        for partner in partners {
            writer.string(partner.clientId)
            writer.integer(UInt64(partner.parts.count))
            for part in partner.parts {
                writer.integer(part.file)
                writer.integer(UInt64(part.length))
                writer.integer(UInt64(part.checksum))
            }
            writer.data(partner.document)
        }
        return writer.bytes
    }

    /// Raw-bytes values of at least this many bytes are part files of their own: every whole chunk of 1,024
    /// X-EXTERNAL-IDs (an ID with its first use packs to 9 bytes or more), so a chunk is written once and named again by later
    /// snapshots (``ExternalIDRegistry``), and every packed collection of more than a few hundred records.
    static let partThreshold = 4 << 10

    /// One partner's state as a document, its raw-bytes values of ``partThreshold`` bytes or more apart.
    static func document(_ state: PartnerState) throws -> Document {
        var encoder = BinaryEncoder()
        encoder.externalThreshold = partThreshold
        let (bytes, external) = try encoder.encodeSplit(state)
        return Document(bytes: bytes, external: external)
    }

    /// Reads a snapshot's bytes and the part files of `directory` it names; `fixtures` turns the head's fixture
    /// files into the set the partners belong to.
    static func decode(
        _ bytes: [UInt8], file: String, directory: String, fixtures: (Head) throws(DurableStateError) -> LoadedFixtures
    ) throws(DurableStateError) -> (StateSnapshot, LoadedFixtures) {
        let refusal = "refusing to start and leaving the directory as it is"
        var reader = RecordReader(bytes)
        let kind = (try? reader.byte()) ?? 0
        guard kind == format || kind == 2 else {
            throw DurableStateError(
                "\(file) has snapshot format \(kind)\(kind == 1 ? " (JSON, written by an earlier version)" : ""), "
                    + "which this version does not read; \(refusal). Start afresh with another --state directory, "
                    + "or serve this one with the version that wrote it")
        }
        let headBytes: [UInt8]
        var partnerBytes: [(clientId: String, document: [UInt8], parts: [SnapshotPart])] = []
        do throws(RecordReader.Malformed) {
            headBytes = try reader.data()
            let count = try reader.integer()
            for _ in 0..<count {
                let clientId = try reader.string()
                var parts: [SnapshotPart] = []
                for _ in 0..<(kind == 2 ? 0 : try reader.integer()) {
                    let (file, length, checksum) = (try reader.integer(), try reader.integer(), try reader.integer())
                    guard length <= UInt64(Int.max), checksum <= UInt64(UInt32.max) else { throw RecordReader.Malformed() }
                    parts.append(SnapshotPart(file: file, length: Int(length), checksum: UInt32(checksum)))
                }
                partnerBytes.append((clientId, try reader.data(), parts))
            }
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
        let external = try readParts(partnerBytes.map(\.parts), directory: directory, refusal: refusal)
        var decoder = BinaryDecoder()
        decoder.userInfo[.fixtures] = loaded
        var partners: [Partner] = []
        for ((clientId, document, _), external) in zip(partnerBytes, external) {
            do {
                let state = try decoder.decode(PartnerState.self, from: document, external: external)
                partners.append(Partner(clientId: clientId, state: state))
            } catch {
                throw DurableStateError("\(file) is intact but the state of partner \(clientId) does not read (\(error)); \(refusal)")
            }
        }
        return (StateSnapshot(head: head, partners: partners), loaded)
    }
}
