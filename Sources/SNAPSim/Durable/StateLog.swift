#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SimHTTP
import SimLog
import Synchronization

/// The durable state of one simulator (`snapsim serve --state DIR`): its ``DurableLog`` and the ordering that
/// makes the log replayable.
///
/// A partner request's record is appended while the request holds its partner's lock (``PartnerLock``), so the
/// log orders each partner's requests exactly as they were served; an admin command runs alone (every
/// request holds ``access`` shared, a command holds it exclusively), so it sits between the same requests in
/// the log as it did in time. Answers that report a change wait (holding no thread) for their record's fsync.
public final class StateLog: Sendable {
    /// The log underneath.
    public let log: DurableLog
    let access = AccessLock()

    /// Whether answers of `service` do not wait for the fsync of their records: they report no change (a balance
    /// inquiry only registers its X-EXTERNAL-ID, which a `kill -9` within the log's gathering, ≤ 20 ms, or a power
    /// cut within its unsynced second may forget: docs/durable-state.md, *Reads*). A string
    /// compare, not a set lookup: every request asks, and hashing its service's name showed in its profile.
    static func isRead(_ service: String?) -> Bool {
        service == "balance-inquiry"
    }

    /// Records between snapshots (`serve --snapshot-every`); 0 takes none.
    public let snapshotEvery: Int
    /// What records appended since the last snapshot began cost to replay, in ``recordCost`` units a record. In an
    /// object of its own, padded: both event loops add to it on every request, and beside the fields they only
    /// read (``log``, ``access``, ``keepsJournal``…) each add would take those fields' cache line away from the
    /// other loop.
    let sinceSnapshot = SharedCounter()
    /// A record's weight towards the next snapshot, in units: snapshots follow what the log costs to replay
    /// (so the restart stays bounded), not how many records it holds. A read's record (``isRead(_:)``: its
    /// X-EXTERNAL-ID only) replays 1.4–2.5 times as fast as a top-up's (`MIX=balance` / `MIX=topup bash
    /// bench/snap/replay.sh`) and the state it leaves costs little to load (its IDs), so it counts ``readCost``
    /// units, 1/2 of a record (2/3 before): under reads only a snapshot falls due every 2 N records (20,000 at the
    /// default; snapshot threads cost 0.8–0.9 µs a read every 15,000 reads, 0.5–0.7 every 30,000), whose replay
    /// takes ~0.25 s on a calm machine, within the restart's budget.
    static let recordCost = 2
    static let readCost = 1
    /// Whether a snapshot was asked for and has not finished (one at a time).
    let snapshotting = Atomic<Bool>(false)
    /// Held while a snapshot is taken; `true` once the log is closed, after which none is.
    let snapshotLock = Mutex<Bool>(false)
    /// The files of the fixture set in force, for the next snapshot.
    let fixtureFiles = Mutex<[DurableRecord.FixtureFile]>([])
    /// The partners' documents in the last snapshot, reused for partners that did not change since.
    let snapshotDocuments = SnapshotDocuments()
    /// The snapshots' part files (their large packed collections), written only when changed.
    let partFiles: SnapshotPartFiles
    /// ``readsMoveScenarios(_:_:)`` of the fixture set in force, by service.
    private let scenarioReads = Mutex<(world: World, services: [String: Bool])?>(nil)

    /// Whether the journal is rebuilt at a restart (the default). Without (`serve --journal-in-memory`) a read's
    /// record is what it changed, ~40 bytes (``DurableRecord/read(_:)``), not its whole request (~470 bytes), and
    /// a restart starts with an empty journal.
    public let keepsJournal: Bool

    public init(_ log: DurableLog, snapshotEvery: Int = 10_000, keepsJournal: Bool = true) {
        self.log = log
        partFiles = SnapshotPartFiles(directory: log.directory)
        self.snapshotEvery = snapshotEvery
        self.keepsJournal = keepsJournal
    }

    /// Queues `record` for the disk and returns its sequence number.
    @discardableResult
    public func append(_ record: DurableRecord) -> UInt64 {
        if case .fixtures(let files) = record { fixtureFiles.withLock { $0 = files } }
        sinceSnapshot.value.add(Self.recordCost, ordering: .relaxed)
        return log.append(record.encoded)
    }

    /// Appends an already encoded request record (see ``RequestCapture``); its weight towards the next snapshot
    /// is counted by ``count(read:)`` once the request is answered.
    func append(encoded record: [UInt8]) -> UInt64 {
        log.append(record)
    }

    /// Counts a request record appended towards the next snapshot: ``readCost`` for a read, ``recordCost`` else
    /// (one atomic add per request, on a cache line both event loops write).
    func count(read: Bool) {
        sinceSnapshot.value.add(read ? Self.readCost : Self.recordCost, ordering: .relaxed)
    }

    /// Whether a rule of `world` that moves a scenario can fire for `service` (then a read of it is logged whole);
    /// worked out once per fixture set.
    func readsMoveScenarios(_ service: String, _ world: World) -> Bool {
        scenarioReads.withLock { known in
            if let known, known.world === world, let answer = known.services[service] { return answer }
            let answer = world.fixtures.rules.rules.contains { rule in
                rule.scenario?.setState != nil && (rule.serviceNames?.contains(service) ?? true)
            }
            if known?.world !== world { known = (world, [:]) }
            known?.services[service] = answer
            return answer
        }
    }

    /// Whether enough was appended since the last snapshot for another, and none is being taken.
    var snapshotIsDue: Bool {
        snapshotEvery > 0 && sinceSnapshot.value.load(ordering: .relaxed) >= snapshotEvery * Self.recordCost
            && !snapshotting.load(ordering: .relaxed)
    }

    /// Writes and syncs everything logged and releases the directory (at shutdown, after the server drained).
    public func close() {
        // Waits for a snapshot being written, so the directory is whole when its lock is released.
        snapshotLock.withLock { $0 = true }
        log.close()
    }

    /// A gate that opens once record `sequence` is on disk; `nil` when it already is.
    func gate(for sequence: UInt64) -> ReplyGate? {
        let gate = ReplyGate()
        return log.whenDurable(sequence) { gate.open() } ? gate : nil
    }
}

/// A readers-writer lock (pthread's, preferring writers so an admin command is not starved by steady traffic).
final class AccessLock: @unchecked Sendable {
    // @unchecked: the pthread lock is the synchronisation; the pointer itself never changes.
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)

    init() {
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        #if canImport(Glibc)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func shared<R>(_ body: () throws -> R) rethrows -> R {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func exclusive<R>(_ body: () throws -> R) rethrows -> R {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}

/// The record of the request being served on this thread, appended by the first partner lock it takes.
final class RequestCapture: @unchecked Sendable {
    // @unchecked: bound to one thread for one request (``serving(_:)``); nothing else sees it.

    /// The capture of the request this thread is serving (``serving(_:)``), read by every partner lock taken.
    /// A thread-specific pointer rather than a task-local value: `answer` is synchronous on one thread, and a
    /// task-local binding costs an allocation and reference counting on every request.
    static var current: RequestCapture? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<RequestCapture>.fromOpaque(pointer).takeUnretainedValue()
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left for the request capture")
        return key
    }()

    /// Unowned: the state log lives as long as the simulator serving the request, and a strong reference would
    /// retain and release its shared header on both event loops for every request.
    unowned(unsafe) let log: StateLog
    private let at: SimTime
    /// The request's record, encoded before any lock is taken when it will be needed (the journal is kept);
    /// else the request, encoded only if it is not logged as a read.
    private let record: Record
    private enum Record {
        case encoded([UInt8])
        case request(HTTPRequest)
    }
    /// Set once the request is known to be a read that may be logged as ``DurableRecord/read(_:)``.
    private var read: (clientId: String, externalID: String, at: SimTime)?
    private(set) var sequence: UInt64?
    /// Whether the record appended was a read's.
    private(set) var loggedAsRead = false

    init(log: StateLog, request: HTTPRequest, at: SimTime) {
        self.log = log
        self.at = at
        record = log.keepsJournal ? .encoded(DurableRecord.encodedRequest(at: at, request)) : .request(request)
    }

    /// Runs `body` (the request's answer, on this thread) with this capture as ``current``.
    func serving<R>(_ body: () -> R) -> R {
        let previous = pthread_getspecific(Self.key)
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, previous) }
        return withExtendedLifetime(self) { body() }
    }

    /// Called by the engine under a signed transaction's partner lock, with the state before the request: a read
    /// of a partner without forced outcomes, in a world where no rule that moves a scenario can fire for it,
    /// changes nothing but its X-EXTERNAL-ID and identifier stream (scenario expiries settle by their own
    /// instant, clock-driven steps are re-derived), so it may be logged as those if the journal is not kept.
    func mayLogAsRead(_ exchange: Exchange, _ admission: TransactionAdmission, _ world: World, before state: PartnerState) {
        guard !log.keepsJournal, state.forcedOutcomes.all.isEmpty, let externalID = admission.externalID,
            StateLog.isRead(exchange.route.serviceName),
            !log.readsMoveScenarios(exchange.route.serviceName, world)
        else { return }
        read = (admission.partner.clientId, externalID, exchange.receivedAt)
    }

    /// Called under a partner's lock, with its state after the request's change: appends the record if this
    /// request has not yet.
    func appendOnce(_ state: PartnerState) {
        guard sequence == nil else { return }
        if let read {
            let registered = state.externalIDs.firstUse(of: read.externalID, at: read.at) != nil
            sequence = log.append(encoded: DurableRecord.read(ReadRecord(
                at: read.at, clientId: read.clientId, externalID: read.externalID, registered: registered,
                idsPosition: state.ids.position, ledgerOpen: state.ledger.openingMonth != nil)).encoded)
            loggedAsRead = true
            return
        }
        switch record {
        case .encoded(let bytes): sequence = log.append(encoded: bytes)
        case .request(let request): sequence = log.append(encoded: DurableRecord.encodedRequest(at: at, request))
        }
    }
}

/// An atomic counter alone on its cache lines (64 bytes of padding either side), for a count that several threads
/// write on every request.
final class SharedCounter: Sendable {
    private let before: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    let value = Atomic<Int>(0)
    private let after: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
}
