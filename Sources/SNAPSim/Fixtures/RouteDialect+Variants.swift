import SimJSON

/// How a profile's requests are signed.
public enum RequestSigning: String, Sendable, Hashable, CaseIterable {
    /// SNAP (snap.md §3): `METHOD:path:[token:]hash:timestamp`, with the partner's `signing` mode.
    case snap
    /// SmilePayz v2.0: `X-TIMESTAMP|merchant secret|minify(body)` with SHA256withRSA, no token (``SmilePayzSigning``).
    case smilepayz
}

/// How a profile's answers are enveloped.
public enum ResponseEnvelope: String, Sendable, Hashable, CaseIterable {
    /// `responseCode` and `responseMessage` (ASPI).
    case snap
    /// SmilePayz v2.0: `code` (`"00"` success) and `message` in every body (``SmilePayzEnvelope``).
    case smilepayz

    /// Writes the envelope members this style adds to a SNAP envelope `body` answering `key`.
    func apply(to body: inout JSONObject, _ key: CaseKey, service: ServiceCode) {
        switch self {
        case .snap: break
        case .smilepayz: SmilePayzEnvelope.apply(to: &body, key, service: service)
        }
    }
}

/// Reading `requestSigning` and `envelope` from a profile.
extension RouteDialect {
    static let variantFields = ["requestSigning", "envelope"]

    mutating func readVariants(_ node: FixtureNode, _ problems: inout FixtureProblems) {
        if let signing = node.choice("requestSigning", required: false, of: RequestSigning.allCases.map(\.rawValue), &problems) {
            requestSigning = RequestSigning(rawValue: signing) ?? .snap
        }
        if let envelope = node.choice("envelope", required: false, of: ResponseEnvelope.allCases.map(\.rawValue), &problems) {
            self.envelope = ResponseEnvelope(rawValue: envelope) ?? .snap
        }
    }
}
