import SimJSON

/// A SNAP rejection before it is rendered: which case, the values for its message placeholders, and,
/// for the sandbox's explain mode, what the simulator expected.
///
/// Steps of the pipeline return or throw these; the responder joins the case with the called service's code
/// and the catalogue's message.
public struct SNAPError: Error, Sendable, Equatable {
    public var key: CaseKey
    /// Values for the message's `{placeholders}`, e.g. `["field": "amount.value"]`.
    public var placeholders: [String: String]
    /// What the simulator expected and what differed; shown only when explain mode is on.
    public var explanation: JSONObject?

    public init(_ key: CaseKey, placeholders: [String: String] = [:], explanation: JSONObject? = nil) {
        self.key = key
        self.placeholders = placeholders
        self.explanation = explanation
    }

    public init(httpStatus: Int, caseCode: String, placeholders: [String: String] = [:], explanation: JSONObject? = nil) {
        self.init(CaseKey(httpStatus: httpStatus, caseCode: caseCode), placeholders: placeholders, explanation: explanation)
    }

    /// Returns a copy carrying `explanation`.
    public func explained(_ explanation: JSONObject) -> SNAPError {
        var copy = self
        copy.explanation = explanation
        return copy
    }

    // MARK: - The general catalogue's common cases

    public static let badRequest = SNAPError(httpStatus: 400, caseCode: "00")
    public static func invalidFieldFormat(_ field: String) -> SNAPError {
        SNAPError(httpStatus: 400, caseCode: "01", placeholders: ["field": field])
    }
    public static func invalidMandatoryField(_ field: String) -> SNAPError {
        SNAPError(httpStatus: 400, caseCode: "02", placeholders: ["field": field])
    }
    public static func unauthorized(_ reason: String) -> SNAPError {
        SNAPError(httpStatus: 401, caseCode: "00", placeholders: ["reason": reason])
    }
    public static let invalidToken = SNAPError(httpStatus: 401, caseCode: "01")
    public static let invalidCustomerToken = SNAPError(httpStatus: 401, caseCode: "02")
    public static let tokenNotFound = SNAPError(httpStatus: 401, caseCode: "03")
    public static func featureNotAllowed(_ reason: String = "") -> SNAPError {
        SNAPError(httpStatus: 403, caseCode: "01", placeholders: ["reason": reason])
    }
    public static let exceedsTransactionAmountLimit = SNAPError(httpStatus: 403, caseCode: "02")
    public static let activityCountLimitExceeded = SNAPError(httpStatus: 403, caseCode: "04")
    public static let transactionNotFound = SNAPError(httpStatus: 404, caseCode: "01")
    public static let invalidMerchant = SNAPError(httpStatus: 404, caseCode: "08")
    public static func invalidAccount(_ info: String = "") -> SNAPError {
        SNAPError(httpStatus: 404, caseCode: "11", placeholders: ["info": info])
    }
    public static let invalidAmount = SNAPError(httpStatus: 404, caseCode: "13")
    public static let inconsistentRequest = SNAPError(httpStatus: 404, caseCode: "18")
    public static let conflict = SNAPError(httpStatus: 409, caseCode: "00")
    public static let duplicatePartnerReferenceNo = SNAPError(httpStatus: 409, caseCode: "01")
    public static let generalError = SNAPError(httpStatus: 500, caseCode: "00")
    public static let timeout = SNAPError(httpStatus: 504, caseCode: "00")
}
