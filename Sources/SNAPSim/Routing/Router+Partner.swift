import SimHTTP

extension Router {
    /// The route for `request`; where several profiles serve its method and path, the one of the partner it
    /// names (`X-PARTNER-ID` on transactions, `X-CLIENT-KEY` on token requests), else the default profile's.
    ///
    /// - Parameters:
    ///   - partners: the fixtures' partners by client id.
    ///   - defaultProfile: the profile of partners that name none.
    public func route(for request: HTTPRequest, partners: [String: Partner], defaultProfile: String) -> Route? {
        let candidates = routes(method: request.method, path: request.path)
        guard candidates.count > 1 else { return candidates.first }
        for header in [SecurityHeader.partnerID, SecurityHeader.clientKey] {
            guard let clientId = SecurityHeader.value(header, in: request.headers),
                let partner = partners[clientId]
            else { continue }
            let profile = partner.profile ?? defaultProfile
            if let route = candidates.first(where: { $0.profile == profile }) { return route }
        }
        return candidates.first
    }
}
