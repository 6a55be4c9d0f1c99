#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An append-only log in a directory, written with group commit: ``append(_:)`` copies a record into memory
/// and returns its sequence number at once; one writer thread writes everything appended so far and fsyncs it,
/// then reports every sequence number that became durable. Concurrent appends thus share one fsync, and no
/// caller's thread ever waits for the disk unless it asks to (``waitUntilDurable(_:)``).
///
/// The directory holds `LOCK` (see ``DirectoryLock``) and `log` (``LogRecovery/magic`` then framed records,
/// see ``RecordFrame``). ``open(directory:)`` reads the records back, cuts a torn tail and reports it.
public final class DurableLog: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `mutex` (a pthread mutex, for its condition variable).
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: [UInt8] = []
    private var appended: UInt64
    /// Records written to the file (in the page cache: a `kill -9` keeps them) and records also synced to the
    /// device (a power cut keeps them). Batches nobody waits for are written without an fdatasync (see
    /// ``unsyncedNanoseconds``); `durable` may thus trail `written`.
    private var written: UInt64
    private var durable: UInt64
    /// When records written but not synced were first left so (monotonic nanoseconds), or `nil` when none are.
    private var unsyncedSince: Int?
    private var waiters: [(sequence: UInt64, callback: @Sendable () -> Void)] = []
    private var stopping = false
    private var stopped = false
    /// Threads blocked until a record is durable (``waitUntilDurable(_:)``, ``startSegment()``).
    private var blocked = 0
    /// How long the writer gathers records nobody waits for (no callback, no blocked thread: a read's record)
    /// before it writes them: read-only traffic then costs one fdatasync per interval, not one per batch.
    /// Anyone starting to wait ends the gathering at once.
    static let gatheringNanoseconds = 20_000_000
    /// How long records nobody waits for may stay written but not synced: a batch of them is written without an
    /// fdatasync (a `kill -9` or crash of the process loses nothing in the page cache; a power cut may lose the
    /// last second of them). The next batch someone waits for, a cut, a close, or this much time syncs them all.
    static let unsyncedNanoseconds = 1_000_000_000
    /// The segment appends go to (replaced by ``startSegment()``), and its number.
    private var fd: Int32
    private var segment: UInt64
    /// Where the segment's next batch is written, and its length on disk: the writer fills the space after the
    /// records with zeros ahead of time (``preallocation``), so that an fdatasync has only data to flush, not
    /// the file's new size (on ext4 an append + fdatasync costs about 2.5 times an overwrite + fdatasync).
    private var end: Int
    private var allocated: Int
    /// Bytes of zeros added at a time once the records reach the end of the space written ahead.
    static let preallocation = 4 << 20
    /// The next segment, created ahead of the cut by ``prepareSegment()``: its number, descriptor and the
    /// space written ahead in it.
    private var prepared: (number: UInt64, fd: Int32, allocated: Int)?
    /// A cut made by ``cutSegment()`` the writer has not carried out yet: the records in `pending` before byte
    /// `offset` end the old segment; the rest go to the new one, `fd` (made ahead, `allocated` bytes written).
    private var cut: (offset: Int, fd: Int32, allocated: Int)?
    private let lock: DirectoryLock
    /// The directory, as given.
    public let directory: String
    /// Bytes in the log file, counting those not yet written.
    public private(set) var size: Int

    /// Made by ``open(directory:)`` (DurableLog+Opening.swift) once the directory is locked and read.
    init(directory: String, fd: Int32, segment: UInt64, lock: DirectoryLock, records: Int, size: Int) {
        self.directory = directory
        self.fd = fd
        self.segment = segment
        self.end = size
        self.allocated = size
        self.lock = lock
        self.appended = UInt64(records)
        self.written = UInt64(records)
        self.durable = UInt64(records)
        self.size = size
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        Glibc.close(fd)
        if let prepared { Glibc.close(prepared.fd) }
        if let cut { Glibc.close(cut.fd) }
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Ends the current segment and sends later appends to a new one, returning the new segment's number: what
    /// a snapshot of the state as of now covers the log up to. Waits until everything appended is on disk.
    /// The caller must keep every appender waiting meanwhile, so no record falls on the wrong side of the cut.
    public func startSegment() throws(LogError) -> UInt64 {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        blocked += 1
        pthread_cond_broadcast(condition)
        while durable < appended && !stopped { pthread_cond_wait(condition, mutex) }
        blocked -= 1
        // The old segment keeps its space written ahead (cutting it would cost an fsync while every request
        // waits): the snapshot that follows deletes it, and a start takes zeros after records for no damage.
        let number = segment + 1
        if let prepared, prepared.number == number {
            // Made ahead: switching costs no disk write while every appender waits.
            Glibc.close(fd)
            (fd, segment, size, end, allocated) = (prepared.fd, number, LogRecovery.magic.count, LogRecovery.magic.count, prepared.allocated)
            self.prepared = nil
            return number
        }
        let newFD = try LogSegments.create(directory, number, writingAhead: 0)
        Glibc.close(fd)
        fd = newFD
        segment = number
        size = LogRecovery.magic.count
        end = size
        allocated = size
        return number
    }

    /// Ends the current segment and sends later appends to the one ``prepareSegment()`` made, without waiting:
    /// returns the new segment's number and the sequence number of the last record before the cut. The writer
    /// makes the records before the cut durable in the old segment before it writes any after it in the new one,
    /// so the log stays in order on disk; a snapshot of the state as of the cut must wait for that sequence
    /// (``waitUntilDurable(_:)``) before it is saved. The caller keeps every appender waiting meanwhile, as for
    /// ``startSegment()``, which this falls back to when no segment was made ahead.
    public func cutSegment() throws(LogError) -> (segment: UInt64, sequence: UInt64) {
        pthread_mutex_lock(mutex)
        guard let prepared, prepared.number == segment + 1, cut == nil, !stopping else {
            pthread_mutex_unlock(mutex)
            let number = try startSegment()
            return (number, durableSequence)  // everything appended is durable, and nobody appends meanwhile
        }
        cut = (pending.count, prepared.fd, prepared.allocated)
        self.prepared = nil
        segment = prepared.number
        size = LogRecovery.magic.count
        let sequence = appended
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
        return (prepared.number, sequence)
    }

    /// Creates the segment ``startSegment()`` will switch to, with its header and ``preallocation`` bytes of
    /// zeros written ahead, synced with its directory entry: so the cut, while every appender waits, only
    /// switches descriptors, and the new segment's first fdatasyncs flush data only. A crash leaves an empty
    /// segment (a header and zeros), which a start reads as no records.
    public func prepareSegment() throws(LogError) {
        pthread_mutex_lock(mutex)
        let number = segment + 1
        let ready = prepared?.number == number
        pthread_mutex_unlock(mutex)
        guard !ready else { return }
        let newFD = try LogSegments.create(directory, number, writingAhead: Self.preallocation)
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard segment + 1 == number, prepared == nil, !stopping else {
            Glibc.close(newFD)
            return
        }
        prepared = (number, newFD, Self.preallocation)
    }

    /// Writes `snapshot` whole (temporary file, fsync, rename, directory fsync), then deletes the segments it
    /// covers. A crash at any point leaves a directory that starts: the old snapshot with every segment after
    /// it, or the new one (older segments left over are deleted at the next start).
    public func saveSnapshot(_ snapshot: LogSnapshot) throws(LogError) {
        try FileIO.replaceAtomically(directory, LogSnapshot.fileName, with: snapshot.encoded)
        for number in try LogSegments.list(directory) where number < snapshot.segment {
            unlink("\(directory)/\(LogSegments.name(number))")
        }
        try FileIO.syncDirectory(directory)
    }

    /// Queues `payload` (1 byte to 64 MiB) for writing and returns its sequence number (1 for the first record
    /// the log ever held). It is durable once ``durableSequence`` reaches that number.
    @discardableResult
    public func append(_ payload: [UInt8]) -> UInt64 {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        precondition(!stopping, "append after the log was closed")
        let wasEmpty = pending.isEmpty
        let before = pending.count
        // Appenders wait for each other only to copy; the writer checksums the batch (``RecordFrame/seal(_:)``).
        RecordFrame.appendUnsealed(payload, to: &pending)
        size += pending.count - before
        appended += 1
        if wasEmpty { pthread_cond_broadcast(condition) }
        return appended
    }

    /// The highest sequence number known to be on disk.
    public var durableSequence: UInt64 {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return durable
    }

    /// Calls `callback` on the writer thread once record `sequence` is on disk; returns `false`, without keeping
    /// the callback, when it already is.
    public func whenDurable(_ sequence: UInt64, _ callback: @escaping @Sendable () -> Void) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if durable >= sequence { return false }
        waiters.append((sequence, callback))
        if waiters.count == 1 { pthread_cond_broadcast(condition) }  // ends the writer's gathering
        return true
    }

    /// Blocks the calling thread until record `sequence` is on disk. For start-up, shutdown and tests; never call
    /// it on an event-loop thread.
    public func waitUntilDurable(_ sequence: UInt64) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard durable < sequence else { return }
        blocked += 1
        pthread_cond_broadcast(condition)
        while durable < sequence && !stopped { pthread_cond_wait(condition, mutex) }
        blocked -= 1
    }

    /// Writes and syncs everything appended, stops the writer thread and releases the directory. Appending
    /// afterwards is a mistake.
    public func close() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(condition)
        while !stopped { pthread_cond_wait(condition, mutex) }
        // A clean stop leaves the file holding its records only, and no segment made ahead.
        if allocated > end, ftruncate(fd, off_t(end)) == 0 { allocated = end }
        if let prepared {
            unlink("\(directory)/\(LogSegments.name(prepared.number))")
            Glibc.close(prepared.fd)
            self.prepared = nil
        }
        pthread_mutex_unlock(mutex)
        lock.release()
    }

    /// Called with the mutex held: waits up to ``gatheringNanoseconds`` for more records, or until someone waits
    /// for one or the log is closing.
    private func gather() {
        var deadline = MonotonicClock.deadline(after: Self.gatheringNanoseconds)
        while !someoneWaits && cut == nil && !stopping {
            if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT { return }
        }
    }

    /// Called with the mutex held: whether an answer or a thread waits for a record (then what is written is
    /// synced at once).
    private var someoneWaits: Bool { !waiters.isEmpty || blocked > 0 }

    /// Called with the mutex held: whether records written without an fdatasync must be synced now (someone waits,
    /// the log is closing, or they have been left so for ``unsyncedNanoseconds``).
    private func syncIsDue(now: Int) -> Bool {
        guard written > durable, let since = unsyncedSince else { return false }
        return someoneWaits || stopping || now - since >= Self.unsyncedNanoseconds
    }

    /// Called with the mutex held: waits for records, a cut, the close, or a sync falling due.
    private func waitForWork() {
        guard written > durable, let since = unsyncedSince else {
            pthread_cond_wait(condition, mutex)
            return
        }
        var deadline = MonotonicClock.deadline(at: since + Self.unsyncedNanoseconds)
        _ = pthread_cond_timedwait(condition, mutex, &deadline)
    }

    /// The writer thread: takes whatever is pending, writes it (across a cut: the old segment's part, then the new
    /// one's), syncs it unless nobody waits for any of it, and reports what became durable.
    func writeLoop() {
        var batch: [UInt8] = []
        pthread_mutex_lock(mutex)
        while true {
            while pending.isEmpty && cut == nil && !stopping && !syncIsDue(now: MonotonicClock.now()) { waitForWork() }
            if pending.isEmpty && cut == nil && stopping && written == durable { break }
            if !pending.isEmpty && !someoneWaits && cut == nil && !stopping { gather() }
            // A batch of records nobody waits for (reads) is written, not synced, unless earlier ones are due.
            let now = MonotonicClock.now()
            let overdue = unsyncedSince.map { now - $0 >= Self.unsyncedNanoseconds } ?? false
            let syncing = someoneWaits || cut != nil || stopping || overdue
            swap(&batch, &pending)
            let sequence = appended
            let scheduled = cut
            cut = nil
            let unsynced = written > durable
            var (fd, end, allocated) = (self.fd, self.end, self.allocated)
            pthread_mutex_unlock(mutex)

            batch.withUnsafeMutableBytes { RecordFrame.seal($0) }
            var failure: Int32?
            if let scheduled {
                // The records before the cut are durable in the old segment before any after it is written.
                if scheduled.offset > 0 {
                    failure = write(batch[..<scheduled.offset], to: fd, end: &end, allocated: &allocated, sync: true)
                } else if unsynced {
                    failure = FileIO.syncData(fd)
                }
                if failure == nil {
                    Glibc.close(fd)
                    (fd, end, allocated) = (scheduled.fd, LogRecovery.magic.count, scheduled.allocated)
                    if batch.count > scheduled.offset {
                        failure = write(
                            batch[scheduled.offset...], to: fd, end: &end, allocated: &allocated, sync: true)
                    }
                }
            } else if !batch.isEmpty {
                failure = write(batch[...], to: fd, end: &end, allocated: &allocated, sync: syncing)
            } else if syncing {
                failure = FileIO.syncData(fd)  // only records written before, now due
            }
            if let failure {
                // Nothing more can be acknowledged; answering without the record would break the promise.
                fatalError("snapsim: cannot write the state log in \(directory): \(FileIO.describe(failure))")
            }
            batch.removeAll(keepingCapacity: batch.capacity <= 4 << 20)

            pthread_mutex_lock(mutex)
            (self.fd, self.end, self.allocated) = (fd, end, allocated)
            written = sequence
            if syncing {
                durable = sequence
                unsyncedSince = nil
            } else if unsyncedSince == nil {
                unsyncedSince = now
            }
            var ready: [@Sendable () -> Void] = []
            let synced = durable
            waiters.removeAll { waiter in
                guard waiter.sequence <= synced else { return false }
                ready.append(waiter.callback)
                return true
            }
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
            for callback in ready { callback() }
            pthread_mutex_lock(mutex)
        }
        stopped = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }
}
