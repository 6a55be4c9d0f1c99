/// Why a key could not be loaded.
///
/// ``code`` is the stable part to switch on; ``description`` adds a human-readable detail such as
/// `"invalid DER: truncated DER at offset 37 (RSAPublicKey.modulus needs 257 bytes, 120 remain)"`.
public struct KeyError: Error, Hashable, CustomStringConvertible {
    /// The category of failure.
    public enum Code: Hashable, Sendable {
        /// The text is neither a PEM block nor Base64, or the PEM armour is broken.
        case invalidEncoding
        /// The bytes are not well-formed DER for the expected ASN.1 structure.
        case invalidDER
        /// The structure is well-formed but holds something other than a plain RSA key (EC, encrypted, …).
        case unsupportedKeyType
        /// The RSA numbers themselves are unusable (even modulus, too small, inconsistent CRT values, …).
        case invalidKey
    }

    /// The category of failure.
    public let code: Code

    /// What exactly was wrong, e.g. `"modulus is even"`.
    public let detail: String

    /// Creates an error; `detail` should say what was found and, where useful, where.
    init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// A one-line message: the category followed by the detail.
    public var description: String {
        let category =
            switch code {
            case .invalidEncoding: "invalid key encoding"
            case .invalidDER: "invalid DER"
            case .unsupportedKeyType: "unsupported key type"
            case .invalidKey: "invalid RSA key"
            }
        return "\(category): \(detail)"
    }
}
