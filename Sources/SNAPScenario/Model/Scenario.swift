import SNAPSim
import SimJSON

/// A named sequence of steps replayed against a SNAP provider: the unit a report counts (one JUnit testcase).
public struct Scenario: Sendable {
    /// The demo partner the scenarios act as unless they name another.
    public static let defaultPartner = "snapsim-demo"

    public var name: String
    public var description: String?
    /// The file it came from, as named on the command line or found in a folder.
    public var file: String
    /// Where in the file: empty for a one-scenario file, `/scenarios/3` in a list.
    public var pointer: JSONPointer
    /// Client id of the partner the runner acts as.
    public var partner: String
    /// Where the clock starts; `nil` uses the run's start (in-process) or leaves the target's clock alone.
    public var clock: SimTime?
    /// Seed of the simulator's identifiers in-process; `nil` uses the run's.
    public var seed: UInt64?
    /// Changes to the fixtures for this scenario only (in-process).
    public var fixtures: FixtureOverrides
    /// Variables defined up front, in file order.
    public var variables: JSONObject
    /// How the partner writes `X-TIMESTAMP` (and `${now}`): Jakarta `+07:00` as ASPI, or UTC `Z` as DOKU's SDK.
    public var timestampStyle: TimestampStyle
    /// How the partner writes `X-SIGNATURE`: Base64 as the standard, or hex as BRI's SDK.
    public var signatureEncoding: SignatureEncoding
    public var steps: [ScenarioStep]

    public init(
        name: String, description: String? = nil, file: String = "", pointer: JSONPointer = JSONPointer(tokens: []),
        partner: String = Scenario.defaultPartner, clock: SimTime? = nil, seed: UInt64? = nil,
        fixtures: FixtureOverrides = FixtureOverrides(), variables: JSONObject = [:],
        timestampStyle: TimestampStyle = .jakarta, signatureEncoding: SignatureEncoding = .base64, steps: [ScenarioStep]
    ) {
        self.name = name
        self.description = description
        self.file = file
        self.pointer = pointer
        self.partner = partner
        self.clock = clock
        self.seed = seed
        self.fixtures = fixtures
        self.variables = variables
        self.timestampStyle = timestampStyle
        self.signatureEncoding = signatureEncoding
        self.steps = steps
    }

    /// `file` and, for a scenario in a list, its pointer: `Scenarios/limits.json /scenarios/2`.
    public var location: String {
        pointer.tokens.isEmpty ? file : "\(file) \(pointer)"
    }

    /// Whether a step expects notifications or sets the receiver's answers: the runner then starts a receiver.
    public var receivesNotifications: Bool {
        steps.contains { step in
            switch step.action {
            case .expectNotifications, .answerNotifications: true
            default: false
            }
        }
    }

    /// Every partner the scenario acts as or borrows a token from, the scenario's own first.
    public var partners: [String] {
        var result = [partner]
        for step in steps {
            guard case .request(let request) = step.action else { continue }
            var names = [request.partner].compactMap { $0 }
            if case .ofPartner(let other) = request.token { names.append(other) }
            for name in names where !result.contains(name) { result.append(name) }
        }
        return result
    }
}

/// How a partner writes its timestamps; providers differ (snap.md §3e).
public enum TimestampStyle: String, Sendable, Hashable, CaseIterable {
    /// `2026-11-21T10:00:00+07:00`, as ASPI, BCA, DANA and NICEPAY write it.
    case jakarta
    /// `2026-11-21T03:00:00Z`, as DOKU requires.
    case utc

    /// `time` in this style.
    public func format(_ time: SimTime) -> String {
        switch self {
        case .jakarta: ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
        case .utc: ISO8601Timestamp.format(time, offsetMinutes: 0, utcDesignator: true)
        }
    }
}
