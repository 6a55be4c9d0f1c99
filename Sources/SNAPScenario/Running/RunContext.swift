import SNAPSim
import SimHTTP

/// What every scenario of a run shares: the fixtures (with any credentials given on the command line), a
/// signer per partner, and the run's identity for generated identifiers.
struct RunContext: Sendable {
    let fixtures: LoadedFixtures
    let signers: [String: PartnerSigner]
    /// The client id that stands in for `snapsim-demo` (`--partner`), if any.
    let actingPartner: String?
    /// Eight digits: fixed in-process (from the seed), random over HTTP so identifiers never collide with an
    /// earlier run's on a shared target. Scenarios can use it as `${runId}`.
    let runId: String

    /// The client id a scenario's partner name stands for in this run.
    func partnerID(_ name: String) -> String {
        name == Scenario.defaultPartner ? (actingPartner ?? name) : name
    }

    /// The profile route serving `service` for `partner`, or `nil` when its profile has none.
    func route(serving service: ServiceDescriptor, for partner: Partner) -> ProfileRoute? {
        fixtures.route(serving: service, for: partner)
    }

    /// The B2B token path of the partner's profile (the standard one when the profile has none).
    func tokenPath(for partner: Partner) -> String {
        fixtures.tokenPath(for: partner)
    }
}

/// An access token the runner holds for a partner, and when it stops being valid by the target's clock.
struct HeldToken: Sendable {
    var value: String
    var expiresAt: SimTime
}

extension RequestStep.Security {
    init(_ security: RouteSecurity) {
        switch security {
        case .accessToken: self = .accessToken
        case .transaction: self = .transaction
        case .bearer: self = .bearer
        // E2Pay steps write their own Authorization header (a token captured from an earlier step).
        case .e2pay: self = .none
        }
    }
}
