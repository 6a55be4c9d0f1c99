import Synchronization
import SimLog

#if canImport(Glibc)
import Glibc
#endif

/// Opens a state directory and builds the simulator it holds: a fresh one recorded from the options given, or
/// the one the log describes, rebuilt by replaying it.
public enum DurableStart {
    /// What a start found, for the start-up lines.
    public struct Report: Sendable {
        /// Records replayed (0 for a fresh directory).
        public var replayed: Int
        /// The torn tail cut from the log, if one was.
        public var cutTail: String?
        /// The seed in force (the log's, for a directory with state).
        public var seed: UInt64
        /// Whether the directory already held state.
        public var resumed: Bool
        /// Bytes in the log's current segment.
        public var logBytes: Int
        /// Whether the start read a snapshot (then `replayed` counts the records after it).
        public var fromSnapshot = false
    }

    /// Opens `directory` (creating it) and returns the simulator to serve with it.
    /// - Parameters:
    ///   - files: the fixture files of `fixtures`, recorded when the directory is fresh.
    ///   - options: the command line's; with state in the directory, its seed, fixtures and clock win.
    /// - Throws: when the directory is in use, damaged other than at the log's tail, or holds records this
    ///   version cannot read; nothing in it is changed then.
    ///   - snapshotEvery: records between snapshots (0: none).
    ///   - keepsJournal: whether the journal is rebuilt at a restart (``StateLog/keepsJournal``).
    public static func open(
        directory: String, fixtures: LoadedFixtures, files: [DurableRecord.FixtureFile], options: SimulatorOptions,
        snapshotEvery: Int = 10_000, keepsJournal: Bool = true
    ) throws(DurableStateError) -> (Simulator, Report) {
        let log: DurableLog
        let recovery: LogRecovery
        do throws(LogError) {
            (log, recovery) = try DurableLog.open(directory: directory)
        } catch {
            throw DurableStateError(error.description)
        }
        let stateLog = StateLog(log, snapshotEvery: snapshotEvery, keepsJournal: keepsJournal)
        var options = options
        options.stateLog = stateLog
        guard !recovery.records.isEmpty || recovery.snapshot != nil else {
            stateLog.append(.opening(seed: options.seed))
            stateLog.append(.fixtures(files: files))
            log.waitUntilDurable(stateLog.append(.clock(options.clock.savedState)))
            let report = Report(replayed: 0, cutTail: recovery.cutTail, seed: options.seed, resumed: false, logBytes: log.size)
            return (Simulator(fixtures: fixtures, options: options), report)
        }
        do throws(DurableStateError) {
            let simulator: Simulator
            if let snapshot = recovery.snapshot {
                simulator = try resume(from: snapshot, then: recovery.records, options: options, directory: directory)
            } else {
                simulator = try replay(recovery.records, options: options, directory: directory)
            }
            stateLog.sinceSnapshot.value.store(recovery.records.count * StateLog.recordCost, ordering: .relaxed)
            let report = Report(
                replayed: recovery.records.count, cutTail: recovery.cutTail, seed: simulator.options.seed, resumed: true,
                logBytes: log.size, fromSnapshot: recovery.snapshot != nil)
            return (simulator, report)
        } catch {
            log.close()
            throw error
        }
    }

    /// Rebuilds the simulator from its log: opening (seed), first fixture set, then every record in order.
    static func replay(_ records: [[UInt8]], options: SimulatorOptions, directory: String) throws(DurableStateError) -> Simulator {
        let decoded = try RecordDecoding(records, directory: directory).records()
        guard case .opening(let seed) = decoded.first, decoded.count >= 2, case .fixtures(let files) = decoded[1] else {
            throw DurableStateError("\(directory)/log does not begin with a seed and a fixture set; leaving it as it is")
        }
        var options = options
        options.seed = seed
        let fixtures: LoadedFixtures
        do throws(FixtureLoadError) {
            fixtures = try LoadedFixtures.load(files: files.map { ($0.path, $0.contents) })
        } catch {
            throw DurableStateError("the fixture set in \(directory)/log no longer loads: \(error)")
        }
        let simulator = Simulator(fixtures: fixtures, options: options)
        options.stateLog?.fixtureFiles.withLock { $0 = files }
        try finish(simulator, replaying: decoded.dropFirst(2), clock: options.clock.savedState)
        return simulator
    }

    /// Builds the simulator a snapshot holds, then replays the records logged after it.
    static func resume(
        from file: LogSnapshot, then records: [[UInt8]], options: SimulatorOptions, directory: String
    ) throws(DurableStateError) -> Simulator {
        let path = "\(directory)/\(LogSnapshot.fileName)"
        // The records after the snapshot are decoded meanwhile (RecordDecoding says why).
        let decoding = RecordDecoding(records, directory: directory)
        let (snapshot, fixtures) = try StateSnapshot.decode(file.payload, file: path, directory: directory) { head throws(DurableStateError) in
            do throws(FixtureLoadError) {
                return try LoadedFixtures.load(files: head.fixtures.map { ($0.path, $0.contents) })
            } catch {
                throw DurableStateError("the fixture set in \(path) no longer loads: \(error)")
            }
        }
        let decoded = try decoding.records()
        var options = options
        options.seed = snapshot.head.seed
        let simulator = Simulator(fixtures: fixtures, options: options)
        options.stateLog?.fixtureFiles.withLock { $0 = snapshot.head.fixtures }
        let clock = snapshot.head.clock
        simulator.restore(consume snapshot)
        try finish(simulator, replaying: decoded[...], clock: clock)
        return simulator
    }

    /// Replays `records` and puts the clock and the scheduler where they were.
    private static func finish(
        _ simulator: Simulator, replaying records: ArraySlice<DurableRecord>, clock: SimulatorClock.State
    ) throws(DurableStateError) {
        var lastClock = clock
        // Without the journal kept (`--journal-in-memory`) a restart starts with an empty one: nothing is drafted.
        let keepsJournal = simulator.options.stateLog?.keepsJournal ?? true
        var drafts = ReplayJournal(capacityPerRing: keepsJournal ? simulator.journal.withLock { $0.capacityPerPartner } : 0)
        for record in records {
            if case .request(let at, let request) = record {
                simulator.clock.pin(at: at)
                simulator.replayRequest(request, at: at, into: &drafts)
                continue
            }
            if case .read(let read) = record {
                simulator.clock.pin(at: read.at)
                simulator.replayRead(read)
                continue
            }
            if case .clock(let state) = record { lastClock = state }
            // An admin command or a fixture swap may read or change the journal: the requests before it first.
            simulator.writeJournal(&drafts)
            try simulator.replay(record)
        }
        simulator.writeJournal(&drafts)
        simulator.clock.restore(lastClock)
        // Clock-driven steps the scheduler ran between records were not logged: each runs at its due instant, so
        // the replay caught them up before each partner's next record; what fell due after a partner's last
        // record runs now, and a running clock's scheduler is woken for what is still to come.
        simulator.runDueSteps()
        simulator.scheduler.wake()
    }
}
