/// The SNAP response-code catalogue: a message template per HTTP status and case code.
///
/// STUB (engine work loads it from `fixtures/response-codes.json`).
public struct ResponseCatalogue: Sendable {
    public init() {}

    /// The message for `key` with `{placeholders}` filled in.
    public func message(for key: CaseKey, placeholders: [String: String]) -> String {
        key == CaseKey(httpStatus: 200, caseCode: "00") ? "Successful" : "Error"
    }
}
