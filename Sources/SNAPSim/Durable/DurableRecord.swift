import SimHTTP

/// One entry of the durable state log: an input that changed the simulator, as of the instant it came.
///
/// The simulator is deterministic per partner, so its state is kept as the inputs that made it: replaying them
/// in order through the same engine (``Simulator/replay(_:)``) rebuilds every partner's ledger and records,
/// tokens, external-ID registry, scenario states, forced outcomes and journal, including state that other
/// parts of the code add later, without the log knowing their shapes.
public enum DurableRecord: Sendable, Equatable {
    /// The first record: the seed every identifier stream derives from.
    case opening(seed: UInt64)
    /// A fixture set put in force (at start or by a swap), with the files it was loaded from.
    case fixtures(files: [FixtureFile])
    /// A partner request that reached a partner's state, served at `at`.
    case request(at: SimTime, HTTPRequest)
    /// A read (``StateLog/isRead(_:)``) logged without its request, when the journal is not kept across
    /// restarts (`serve --journal-in-memory`): what it changed in its partner's state, no more.
    case read(ReadRecord)
    /// An admin command that succeeded (reset, clock, fixtures, faults, scenario states, payer actions).
    case admin(at: SimTime, HTTPRequest)
    /// The clock after an admin command, since a clock's state (e.g. a real clock's offset) cannot be
    /// recomputed from the command on another day.
    case clock(SimulatorClock.State)

    /// A fixture file: its path in the set and its text.
    public struct FixtureFile: Sendable, Equatable, Codable {
        public var path: String
        public var contents: String

        public init(path: String, contents: String) {
            self.path = path
            self.contents = contents
        }
    }

    /// Kinds 3 and 4 are the first layout of a request (8-byte lengths), still read; 6 and 7 are written now
    /// (``CompactRecordWriter``: varint lengths, ~25 % smaller for a signed request).
    private enum Kind: UInt8 {
        case opening = 1, fixtures, request, admin, clock, compactRequest, compactAdmin, read
    }

    /// The record's bytes.
    /// What `.request(at:request).encoded` is, without building the record (and copying the request into it).
    static func encodedRequest(at: SimTime, _ request: HTTPRequest) -> [UInt8] {
        CompactRecordWriter.request(kind: Kind.compactRequest.rawValue, at: at, request)
    }

    public var encoded: [UInt8] {
        switch self {
        case .opening(let seed):
            var writer = RecordWriter(kind: Kind.opening.rawValue)
            writer.integer(seed)
            return writer.bytes
        case .fixtures(let files):
            var writer = RecordWriter(kind: Kind.fixtures.rawValue)
            writer.integer(UInt64(files.count))
            for file in files {
                writer.string(file.path)
                writer.string(file.contents)
            }
            return writer.bytes
        case .request(let at, let request):
            return CompactRecordWriter.request(kind: Kind.compactRequest.rawValue, at: at, request)
        case .admin(let at, let request):
            return CompactRecordWriter.request(kind: Kind.compactAdmin.rawValue, at: at, request)
        case .read(let read):
            return CompactRecordWriter.read(kind: Kind.read.rawValue, read)
        case .clock(let state):
            var writer = RecordWriter(kind: Kind.clock.rawValue)
            writer.integer(state.mode == .real ? 0 : 1)
            writer.signed(state.start.millisecondsSince1970)
            writer.signed(state.fixedNow.millisecondsSince1970)
            writer.signed(state.realOffset.wholeMilliseconds)
            return writer.bytes
        }
    }

    /// A request in the first layout (kind 3 or 4, 8-byte lengths), which this version reads but no longer writes.
    static func firstLayout(admin: Bool, at: SimTime, _ request: HTTPRequest) -> [UInt8] {
        var writer = RecordWriter(kind: admin ? Kind.admin.rawValue : Kind.request.rawValue)
        writer.signed(at.millisecondsSince1970)
        writer.string(request.method.rawValue)
        writer.string(request.target)
        writer.string(request.version.rawValue)
        writer.integer(UInt64(request.headers.count))
        for field in request.headers {
            writer.string(field.name)
            writer.string(field.value)
        }
        writer.data(request.body)
        return writer.bytes
    }

    /// Reads a record's bytes; `nil` when they are not a record this version writes.
    public init?(_ bytes: [UInt8]) {
        var reader = RecordReader(bytes)
        do throws(RecordReader.Malformed) {
            switch Kind(rawValue: try reader.byte()) {
            case .opening:
                self = .opening(seed: try reader.integer())
            case .fixtures:
                let count = try reader.integer()
                var files: [FixtureFile] = []
                for _ in 0..<min(count, 100_000) { files.append(FixtureFile(path: try reader.string(), contents: try reader.string())) }
                self = .fixtures(files: files)
            case .request:
                let (at, request) = try Self.decodeRequest(&reader)
                self = .request(at: at, request)
            case .admin:
                let (at, request) = try Self.decodeRequest(&reader)
                self = .admin(at: at, request)
            case .compactRequest:
                let (at, request) = try CompactRecordReader.request(bytes)
                self = .request(at: at, request)
                return
            case .read:
                self = .read(try CompactRecordReader.read(bytes))
                return
            case .compactAdmin:
                let (at, request) = try CompactRecordReader.request(bytes)
                self = .admin(at: at, request)
                return
            case .clock:
                let mode: SimulatorClock.Mode = try reader.integer() == 0 ? .real : .fixed
                let start = SimTime(millisecondsSince1970: try reader.signed())
                let fixedNow = SimTime(millisecondsSince1970: try reader.signed())
                let offset = Duration.milliseconds(try reader.signed())
                self = .clock(SimulatorClock.State(mode: mode, start: start, fixedNow: fixedNow, realOffset: offset))
            case nil:
                return nil
            }
            guard reader.isAtEnd else { return nil }
        } catch {
            return nil
        }
    }

    private static func decodeRequest(_ reader: inout RecordReader) throws(RecordReader.Malformed) -> (SimTime, HTTPRequest) {
        let at = SimTime(millisecondsSince1970: try reader.signed())
        let method = HTTPMethod(rawValue: try reader.string())
        let target = try reader.string()
        guard let version = HTTPVersion(rawValue: try reader.string()) else { throw RecordReader.Malformed() }
        let count = try reader.integer()
        var fields: [(String, String)] = []
        for _ in 0..<min(count, 10_000) { fields.append((try reader.string(), try reader.string())) }
        let body = try reader.data()
        return (at, HTTPRequest(method: method, target: target, version: version, headers: HTTPHeaders(fields), body: body))
    }
}

/// What a read changed in its partner's state: its X-EXTERNAL-ID (when it was registered: a read refused before,
/// e.g. for an unknown token, registered none), the identifiers it drew (its `referenceNo`), as the stream's
/// position after it, and whether the ledger was open after it (the first request served opens it, fixing the
/// month the fixtures' `toppedUpThisMonth` counts for). Logged only for a partner with no forced outcome and fixtures with no scenario rule, where
/// a balance inquiry changes nothing else (clock-driven steps are re-derived by the replay, as ever).
public struct ReadRecord: Sendable, Equatable {
    public var at: SimTime
    public var clientId: String
    public var externalID: String
    public var registered: Bool
    public var idsPosition: UInt64
    public var ledgerOpen: Bool

    public init(at: SimTime, clientId: String, externalID: String, registered: Bool, idsPosition: UInt64, ledgerOpen: Bool) {
        self.at = at
        self.clientId = clientId
        self.externalID = externalID
        self.registered = registered
        self.idsPosition = idsPosition
        self.ledgerOpen = ledgerOpen
    }
}
