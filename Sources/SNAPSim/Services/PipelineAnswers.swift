/// Codes the security pipeline answers before any service runs, per route security, for listings and the
/// catalogue check. Mirrors what the pipeline throws (see `Security/`); keep the two in step.
public enum PipelineAnswers {
    /// What the pipeline can answer on a route secured this way.
    public static func security(_ security: RouteSecurity) -> [ServiceAnswer] {
        switch security {
        case .accessToken:
            []
        case .transaction:
            [
                ServiceAnswer(SNAPError.invalidFieldFormat(""), "X-TIMESTAMP, X-EXTERNAL-ID or CHANNEL-ID has the wrong form"),
                ServiceAnswer(SNAPError.invalidMandatoryField(""), "a mandatory header is missing (X-TIMESTAMP, X-SIGNATURE, X-PARTNER-ID, X-EXTERNAL-ID, CHANNEL-ID)"),
                ServiceAnswer(SNAPError.unauthorized(""), "unknown X-PARTNER-ID (Unknown client) or a signature that does not verify (Signature)"),
                ServiceAnswer(SNAPError.invalidToken, "the access token is unknown, expired or another partner's"),
                ServiceAnswer(SNAPError.tokenNotFound, "a symmetric partner sent no Authorization: Bearer token"),
                ServiceAnswer(SNAPError.conflict, "X-EXTERNAL-ID already used by this partner today (Jakarta day)"),
            ]
        case .bearer:
            [
                ServiceAnswer(SNAPError.tokenNotFound, "no Authorization: Bearer token"),
                ServiceAnswer(SNAPError.invalidToken, "the access token is unknown or expired"),
            ]
        }
    }
}
