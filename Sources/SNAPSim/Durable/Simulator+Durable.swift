import Synchronization
import SimLog
import SimHTTP

/// Serving with durable state on (`serve --state DIR`): every change is logged before its answer leaves.
extension Simulator {
    /// A partner request: its record is appended under the partner's lock by the first lock the request takes
    /// (``PartnerLock``); a request that never reached a partner's state (unroutable, bad signature) changed
    /// nothing and is not logged. The answer waits for the record's fsync unless it only reads.
    func respond(to request: HTTPRequest, at receivedAt: SimTime, durably stateLog: StateLog) -> HTTPReply {
        let capture = RequestCapture(log: stateLog, request: request, at: receivedAt)
        let answer = stateLog.access.shared {
            capture.serving { self.answer(request, at: receivedAt, notify: false, live: true) }
        }
        var reply = answer.reply
        if let sequence = capture.sequence {
            let read = StateLog.isRead(answer.service)
            stateLog.count(read: read)
            if !read { reply.gate = stateLog.gate(for: sequence) }
        }
        if stateLog.snapshotIsDue { snapshotInBackground(stateLog) }
        // A notification tells of a change: it leaves once the change is on disk, like the answer. The emptiness
        // is checked first and the world (a class) kept, not its fixtures: `answer.world?.fixtures` copies
        // `LoadedFixtures`, retaining and releasing each of its members (shared by both event loops) on every
        // request (0.3-0.5 us an answer in a profile of balance inquiries).
        if !answer.notifications.isEmpty, let world = answer.world {
            let (outbox, events) = (notifications, answer.notifications)
            if let gate = reply.gate {
                gate.whenOpen { outbox.enqueue(events, fixtures: world.fixtures) }
            } else {
                outbox.enqueue(events, fixtures: world.fixtures)
            }
        }
        return reply
    }

    /// An admin request: a command that succeeds is logged with the clock after it, alone (no request is served
    /// meanwhile), and answered once both records are on disk. Reads and refusals are not logged.
    func respondToAdmin(_ request: HTTPRequest, durably stateLog: StateLog) -> HTTPReply {
        let api = AdminAPI(simulator: self)
        guard request.method != .get, request.method != .head, AdminAPI.isReplayable(String(request.path)) else {
            return api.respond(to: request)
        }
        return stateLog.access.exclusive {
            let at = clock.now()
            let reply = api.respond(to: request)
            guard case .respond(let response) = reply.action, (200..<300).contains(response.status.code) else { return reply }
            stateLog.append(.admin(at: at, request))
            var gated = reply
            gated.gate = stateLog.gate(for: stateLog.append(.clock(clock.savedState)))
            return gated
        }
    }

    /// Swaps in a fixture set loaded from `files` (the `--watch` reload) and, with durable state on, logs the
    /// files first-hand and waits for them to be on disk.
    @discardableResult
    public func replaceFixtures(_ fixtures: LoadedFixtures, files: [DurableRecord.FixtureFile]) -> Int {
        guard let stateLog = options.stateLog else { return replaceFixtures(fixtures) }
        let (generation, sequence) = stateLog.access.exclusive {
            (replaceFixtures(fixtures), stateLog.append(.fixtures(files: files)))
        }
        stateLog.log.waitUntilDurable(sequence)
        return generation
    }

    /// Whether changes are kept in a state directory.
    public var isDurable: Bool { options.stateLog != nil }

    /// Applies one logged record as it was first applied: at its instant, with no notification sent and nothing
    /// logged again. The clock records are the caller's (only the last one matters).
    func replay(_ record: DurableRecord) throws(DurableStateError) {
        switch record {
        case .opening:
            throw DurableStateError("a second opening record in the state log")
        case .fixtures(let files):
            options.stateLog?.fixtureFiles.withLock { $0 = files }
            do throws(FixtureLoadError) {
                _ = replaceFixtures(try LoadedFixtures.load(files: files.map { ($0.path, $0.contents) }))
            } catch {
                throw DurableStateError("a fixture set in the state log no longer loads: \(error)")
            }
        case .request(let at, let request):
            clock.pin(at: at)
            _ = answer(request, at: at, notify: false)
        case .read(let read):
            clock.pin(at: read.at)
            replayRead(read)
        case .admin(let at, let request):
            clock.pin(at: at)
            _ = AdminAPI(simulator: self).endpoint(String(request.path), request)
        case .clock:
            break
        }
    }
}

extension AdminAPI {
    /// Whether a command can be replayed at start: everything but sending a notification (an ad-hoc one or a
    /// redelivery), which must not go out twice.
    static func isReplayable(_ path: String) -> Bool {
        guard path.hasPrefix(notificationsPath) else { return true }
        return path.hasPrefix(notificationsPath + "/endpoints") || path.hasPrefix(notificationsPath + "/faults")
    }
}

/// Why a state directory cannot be used; the message is for the person starting the server.
public struct DurableStateError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
