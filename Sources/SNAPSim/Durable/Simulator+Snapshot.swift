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
        typealias Cut = (
            head: StateSnapshot.Head, partners: [(String, PartnerLock, PartnerState, UInt64)], segment: UInt64, sequence: UInt64
        )
        // The next log segment is made before the cut, so requests wait only for the records before it.
        do throws(LogError) {
            try stateLog.log.prepareSegment()
        } catch {
            throw DurableStateError("cannot start a new log segment: \(error)")
        }
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
            stateLog.sinceSnapshot.value.store(0, ordering: .relaxed)
            do throws(LogError) {
                // No waiting for the disk here: the records before the cut are made durable while requests go on.
                let (segment, sequence) = try stateLog.log.cutSegment()
                return .success((head, partners, segment, sequence))
            } catch {
                return .failure(DurableStateError("cannot start a new log segment: \(error)"))
            }
        }
        let cut = try result.get()
        // The cut is taken; encoding and writing yield the cores to requests.
        if yielding { SnapshotThread.lowerPriority() }
        let (documents, partFiles) = (stateLog.snapshotDocuments, stateLog.partFiles)
        var latest: [String: SnapshotDocuments.Document] = [:]
        var partners: [(clientId: String, document: [UInt8], parts: [SnapshotPart])] = []
        var wrote = false
        do throws(DurableStateError) {
            for (clientId, lock, state, version) in cut.partners {
                let document: StateSnapshot.Document
                do {
                    document = try documents.unchanged(clientId, lock: lock, version: version) ?? StateSnapshot.document(state)
                } catch {
                    throw DurableStateError("cannot encode the state of partner \(clientId) for a snapshot: \(error)")
                }
                latest[clientId] = SnapshotDocuments.Document(lock: lock, version: version, document: document)
                // Packed collections that did not change since the last snapshot are the same arrays: their part
                // files are named again, not written again.
                var parts: [SnapshotPart] = []
                for bytes in document.external {
                    let (part, written) = try Self.store(bytes, in: partFiles)
                    parts.append(part)
                    wrote = wrote || written
                }
                partners.append((clientId, document.bytes, parts))
            }
            let payload = try StateSnapshot.encode(head: cut.head, partners: partners)
            do throws(LogError) {
                if wrote { try partFiles.syncNewFiles() }
                // The snapshot replaces the records before the cut: they are on disk first, so a crash before
                // it is saved leaves them to replay.
                stateLog.log.waitUntilDurable(cut.sequence)
                try stateLog.log.saveSnapshot(LogSnapshot(segment: cut.segment, payload: payload))
            } catch {
                throw DurableStateError("cannot write a snapshot: \(error)")
            }
        } catch {
            partFiles.abandon()
            throw error
        }
        do throws(LogError) {
            try partFiles.saved(keeping: partners.flatMap(\.parts))
        } catch {
            // The snapshot is saved; part files it does not name are deleted by the next one.
            FileHandle.standardError.write(Data("snapsim: \(error)\n".utf8))
        }
        documents.replace(with: latest)
    }

    private static func store(_ bytes: [UInt8], in files: SnapshotPartFiles) throws(DurableStateError) -> (SnapshotPart, Bool) {
        do throws(LogError) {
            return try files.store(bytes)
        } catch {
            throw DurableStateError("cannot write a snapshot: \(error)")
        }
    }

    /// Puts a snapshot's state in force in a simulator just built from its fixtures (at start, before serving).
    ///
    /// Consumes the snapshot and moves each partner's state out of it: a state still referenced by the snapshot
    /// would make the replay after it copy every collection it appends to (each shard of each index, every
    /// chunk list), ~3 % of a restart after a day of top-ups.
    func restore(_ snapshot: consuming StateSnapshot) {
        current.withLock { $0 = PartnerSlots(world: World($0.world.fixtures, generation: snapshot.head.generation), seed: options.seed) }
        let slots = self.slots
        var partners = snapshot.partners
        snapshot.partners = []
        partners.reverse()
        while let partner = partners.popLast() { slots.install(partner.clientId, partner.state) }
        notifications.restore(snapshot.head.notifications)
        clock.restore(snapshot.head.clock)
    }
}
