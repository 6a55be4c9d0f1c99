/// How a request passed the security pipeline, for the journal and for tests.
public struct SecurityVerdict: Sendable, Hashable {
    /// The signing mode the partner used; `nil` on routes that carry no signature (bearer routes).
    public var signingMode: SigningMode?
    /// The exact string the simulator verified the signature over.
    public var stringToSign: String?
    /// How `X-SIGNATURE` was encoded.
    public var signatureEncoding: SignatureEncoding?
    /// The access token presented, if any.
    public var accessToken: String?

    public init(
        signingMode: SigningMode? = nil, stringToSign: String? = nil, signatureEncoding: SignatureEncoding? = nil,
        accessToken: String? = nil
    ) {
        self.signingMode = signingMode
        self.stringToSign = stringToSign
        self.signatureEncoding = signatureEncoding
        self.accessToken = accessToken
    }
}
