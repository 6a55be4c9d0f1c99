import SimHTTP

/// How a provider's string to sign differs from SNAP's standard one, set per profile in the fixtures
/// (`signedPathStripPrefix`, `bodyHash`; fixtures/README.md#profiles).
///
/// NICEPAY serves its APIs under a `/nicepay` context but its SDKs sign the path without it
/// (`POST:/api/v1.0/transfer/registration:…`), and they hash the body exactly as sent: Python's spaced
/// `json.dumps`, PHP's `\/` escapes. The standard value changes nothing: one candidate, the minified body.
public struct SigningVariants: Sendable, Hashable {
    /// What the body hash is computed over.
    public enum BodyHashInput: String, Sendable, Hashable, CaseIterable {
        /// The body without insignificant whitespace (SNAP).
        case minified
        /// The bytes exactly as received.
        case raw
    }

    /// A path prefix partners leave out of the signed target (NICEPAY: `/nicepay`); `nil` signs the target as sent.
    public var strippedPathPrefix: String?
    /// Whether the full target is accepted too when ``strippedPathPrefix`` is set (clients that sign the URL path).
    public var acceptsFullPath = true
    /// Body hash inputs accepted, preferred first; never empty.
    public var bodyHashInputs: [BodyHashInput] = [.minified]

    /// SNAP's standard: the target as sent, the minified body.
    public static let standard = SigningVariants()

    /// A variant set; see the properties.
    public init(strippedPathPrefix: String? = nil, acceptsFullPath: Bool = true, bodyHashInputs: [BodyHashInput] = [.minified]) {
        self.strippedPathPrefix = strippedPathPrefix
        self.acceptsFullPath = acceptsFullPath
        self.bodyHashInputs = bodyHashInputs.isEmpty ? [.minified] : bodyHashInputs
    }

    /// The signed target for a request target: without the prefix when it starts with it.
    public func signedTarget(_ target: String) -> String {
        guard let prefix = strippedPathPrefix, target.hasPrefix(prefix + "/") else { return target }
        return String(target.dropFirst(prefix.count))
    }

    /// Every string to sign that verifies a request, preferred first (that one is shown in explanations);
    /// duplicates are left out, so the standard value yields exactly one.
    public func stringsToSign(_ request: HTTPRequest, accessToken: String?, timestamp: String) -> [StringToSign] {
        var targets = [signedTarget(request.target)]
        if acceptsFullPath, targets[0] != request.target { targets.append(request.target) }
        var hashes: [String] = []
        for input in bodyHashInputs {
            let hash = switch input {
            case .minified: StringToSign.bodyHash(of: request.body)
            case .raw: StringToSign.hexSHA256(request.body)
            }
            if !hashes.contains(hash) { hashes.append(hash) }
        }
        let method = request.method.rawValue.uppercased()
        return targets.flatMap { target in
            hashes.map { StringToSign(method: method, target: target, accessToken: accessToken, bodyHash: $0, timestamp: timestamp) }
        }
    }
}
