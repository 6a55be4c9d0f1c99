extension ChannelIDRule {
    /// The `CHANNEL-ID` a partner with no `channelId` of its own sends to a route with this rule: the required
    /// value, the first allowed one (DOKU's `SDK`), or the client id plus suffix; `nil` when any value goes.
    public func defaultChannel(clientId: String) -> String? {
        switch self {
        case .any: nil
        case .equals(let value): value
        case .oneOf(let values): values.first
        case .clientIDSuffix(let suffix): clientId + suffix
        }
    }
}
