import Synchronization
import Foundation
import SimLog

/// Snapshots and compaction of the durable state: every `snapshotEvery` records the whole state is written to
/// `DIR/snapshot` and the log segments before it are deleted, so a start reads one snapshot and replays at most
/// one interval of records, and the directory stays about one snapshot and one interval in size.
extension Simulator {
    /// Takes a snapshot on a thread of its own (a request's thread holds the shared side of the lock the cut
    /// needs exclusively). A failure is reported on standard error and leaves the log as it was: nothing is lost,
    /// the next start just replays more.
    func snapshotInBackground(_ stateLog: StateLog) {
        guard stateLog.snapshotting.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        let thread = Thread { [weak self] in
            defer { stateLog.snapshotting.store(false, ordering: .releasing) }
            do throws(DurableStateError) {
                try self?.takeSnapshot(stateLog, yielding: true)
            } catch {
                FileHandle.standardError.write(Data("snapsim: \(error)\n".utf8))
            }
        }
        thread.name = "snapsim-snapshot"
        thread.start()
    }

    /// Writes a snapshot of the state as of now and deletes the log segments it covers.
    ///
    /// The cut is taken alone (holding the exclusive side of the access lock, as an admin command does): the
    /// partners' states are copied (values), and the log moves to a new segment once every record before the cut
    /// is on disk. Encoding and writing happen after the lock is released, while requests go on.
    public func takeSnapshot(_ stateLog: StateLog) throws(DurableStateError) {
        try takeSnapshot(stateLog, yielding: false)
    }

    /// `yielding`: on a thread of its own, lower its priority once the cut is taken.
    func takeSnapshot(_ stateLog: StateLog, yielding: Bool) throws(DurableStateError) {
        try stateLog.snapshotLock.withLock { closed throws(DurableStateError) in
            guard !closed else { return }
            try writeSnapshot(stateLog, yielding: yielding)
        }
    }

    private func writeSnapshot(_ stateLog: StateLog, yielding: Bool) throws(DurableStateError) {
        typealias Cut = (head: StateSnapshot.Head, partners: [(String, PartnerLock, PartnerState, UInt64)], segment: UInt64)
        let result: Result<Cut, DurableStateError> = stateLog.access.exclusive {
            let slots = self.slots
            let partners = slots.clientIds.compactMap { clientId in
                slots.existing(clientId).map { slot in
                    let (state, version) = slot.state.versioned()
                    return (clientId, slot.state, state, version)
                }
            }
            let head = StateSnapshot.Head(
                seed: options.seed, generation: slots.world.generation, fixtures: stateLog.fixtureFiles.withLock { $0 },
                clock: clock.savedState, notifications: notifications.settings)
            stateLog.sinceSnapshot.store(0, ordering: .relaxed)
            do throws(LogError) {
                return .success((head, partners, try stateLog.log.startSegment()))
            } catch {
                return .failure(DurableStateError("cannot start a new log segment: \(error)"))
            }
        }
        let cut = try result.get()
        // The cut is taken; encoding and writing yield the cores to requests.
        if yielding { SnapshotThread.lowerPriority() }
        let documents = stateLog.snapshotDocuments
        var latest: [String: SnapshotDocuments.Document] = [:]
        let partners = cut.partners.map { clientId, lock, state, version in
            (clientId: clientId, document: { () throws -> [UInt8] in
                let bytes = try documents.unchanged(clientId, lock: lock, version: version) ?? StateSnapshot.document(state)
                latest[clientId] = SnapshotDocuments.Document(lock: lock, version: version, bytes: bytes)
                return bytes
            })
        }
        let payload = try StateSnapshot.encode(head: cut.head, partners: partners)
        do throws(LogError) {
            try stateLog.log.saveSnapshot(LogSnapshot(segment: cut.segment, payload: payload))
        } catch {
            throw DurableStateError("cannot write a snapshot: \(error)")
        }
        documents.replace(with: latest)
    }

    /// Puts a snapshot's state in force in a simulator just built from its fixtures (at start, before serving).
    func restore(_ snapshot: StateSnapshot) {
        current.withLock { $0 = PartnerSlots(world: World($0.world.fixtures, generation: snapshot.head.generation), seed: options.seed) }
        let slots = self.slots
        for partner in snapshot.partners { slots.install(partner.clientId, partner.state) }
        notifications.restore(snapshot.head.notifications)
        clock.restore(snapshot.head.clock)
    }
}
