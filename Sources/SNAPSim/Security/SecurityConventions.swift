/// The parts of SNAP security that providers write differently (snap.md §7): what the simulator accepts
/// and how it answers.
///
/// Today every route uses ``standard``; provider profiles will supply their own values per route (see
/// ``SecurityPipeline/init(conventions:)``), so nothing here is hard-wired into the checks.
public struct SecurityConventions: Sendable, Hashable {
    /// How `expiresIn` is written in the token response.
    public enum ExpiresInStyle: String, Sendable, Hashable, Codable {
        /// `"900"`, as ASPI and BCA print it.
        case string
        /// `900`, as DOKU's SDK reads it.
        case number
    }

    /// Which `X-TIMESTAMP` zone designators are accepted.
    public enum TimestampZones: String, Sendable, Hashable, Codable {
        /// Any ISO-8601 offset or `Z`.
        case any
        /// Only `+07:00` (DANA).
        case jakarta
        /// Only `Z` (DOKU).
        case utc
    }

    public var expiresIn: ExpiresInStyle
    /// Encodings of `X-SIGNATURE` that verify; Base64 is the standard, hex is what BRI's SDK sends.
    public var signatureEncodings: Set<SignatureEncoding>
    public var timestampZones: TimestampZones
    /// How the signed request target and body hash may differ from the standard (NICEPAY); see ``SigningVariants``.
    public var signingVariants = SigningVariants.standard

    public init(
        expiresIn: ExpiresInStyle = .string, signatureEncodings: Set<SignatureEncoding> = [.base64, .hex],
        timestampZones: TimestampZones = .any
    ) {
        self.expiresIn = expiresIn
        self.signatureEncodings = signatureEncodings
        self.timestampZones = timestampZones
    }

    /// ASPI's standard: `expiresIn` as a string, Base64 or hex signatures, any timestamp offset.
    public static let standard = SecurityConventions()
}

/// How the bytes of `X-SIGNATURE` are written.
public enum SignatureEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// Standard Base64 with padding (RFC 4648 §4).
    case base64
    /// Hexadecimal, either case.
    case hex
}
