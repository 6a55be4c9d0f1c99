import SimJSON

/// Engine knobs from `simulator.json`'s `engine` object.
public struct EngineSettings: Sendable, Hashable {
    /// The profile of partners that name none, and the one whose route wins when profiles share a path.
    public var defaultProfile: String = "snap"
    /// Digits of the `referenceNo`s the simulator issues.
    public var referenceNoLength: Int = 20
    /// Top-ups remembered per partner for retries and status inquiries; the oldest are forgotten past it.
    public var topUpRecordLimit: Int = 100_000

    /// The defaults listed on each property.
    public init() {}

    static let fields = ["defaultProfile", "referenceNoLength", "topUpRecordLimit"]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> EngineSettings {
        var settings = EngineSettings()
        guard node.expectObject(allowed: fields, &problems) else { return settings }
        if let profile = node.string("defaultProfile", required: false, &problems) { settings.defaultProfile = profile }
        if let length = node.integer("referenceNoLength", required: false, in: 8...64, &problems) {
            settings.referenceNoLength = length
        }
        if let limit = node.integer("topUpRecordLimit", required: false, in: 1...10_000_000, &problems) {
            settings.topUpRecordLimit = limit
        }
        return settings
    }
}
