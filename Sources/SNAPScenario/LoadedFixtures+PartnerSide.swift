import SNAPSim
import SimHTTP

/// What the partner side must know of a partner's provider profile to call it the way the provider expects.
extension LoadedFixtures {
    /// The profile route serving `service` for `partner`, or `nil` when its profile has none.
    public func route(serving service: ServiceDescriptor, for partner: Partner) -> ProfileRoute? {
        let name = partner.profile ?? engine.defaultProfile
        return profiles.first { $0.name == name }?.routes.first { $0.service == service }
    }

    /// The B2B token path of the partner's profile (the standard one when the profile has none).
    public func tokenPath(for partner: Partner) -> String {
        route(serving: .accessTokenB2B, for: partner)?.path ?? PartnerSigner.standardTokenPath
    }

    /// How the partner's profile builds the string to sign (NICEPAY: path without `/nicepay`).
    public func signingVariants(for partner: Partner) -> SigningVariants {
        let name = partner.profile ?? engine.defaultProfile
        return profiles.first { $0.name == name }?.dialect.conventions.signingVariants ?? .standard
    }

    /// How the partner's profile wants `X-TIMESTAMP` written: `Z` where only UTC is accepted (DOKU), else Jakarta.
    public func timestampStyle(for partner: Partner) -> TimestampStyle {
        let name = partner.profile ?? engine.defaultProfile
        let zones = profiles.first { $0.name == name }?.dialect.conventions.timestampZones
        return zones == .utc ? .utc : .jakarta
    }

    /// The `CHANNEL-ID` the partner sends to `method` `target`: its own `channelId`, else what the route's
    /// provider expects (DOKU's `SDK`), else `nil` (the signer's default).
    public func channelID(for partner: Partner, method: HTTPMethod, target: String) -> String? {
        if let own = partner.channelId { return own }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return router.route(method: method, path: path)?.dialect.channelID.defaultChannel(clientId: partner.clientId)
    }
}
