import SimJSON

/// E2Pay's 2-character response codes (DS:rc in /work/shared/reference/e2pay.md) with the HTTP status the
/// simulator sends each with. E2Pay documents no status for errors; these are the simulator's choice
/// (docs/e2pay.md#response-codes), kept in this one table so they are easy to correct.
struct E2PayResponseCode: Sendable, Hashable {
    let code: String
    let message: String
    let httpStatus: Int

    static let success = Self(code: "00", message: "Success", httpStatus: 200)
    static let customerNotActive = Self(code: "01", message: "Customer is not active", httpStatus: 403)
    static let pending = Self(code: "02", message: "Pending Transaction", httpStatus: 202)
    static let duplicateTransaction = Self(code: "04", message: "Duplicate Transaction ID", httpStatus: 409)
    static let exceedLimit = Self(code: "05", message: "Transaction exceed limit", httpStatus: 403)
    static let invalidAccount = Self(code: "06", message: "Invalid transaction account", httpStatus: 400)
    static let invalidPhoneVerification = Self(code: "07", message: "Invalid phone verification", httpStatus: 400)
    static let insufficientFund = Self(code: "51", message: "Insufficient fund", httpStatus: 403)
    static let forbidden = Self(code: "63", message: "Forbidden Access", httpStatus: 403)
    static let tokenExpired = Self(code: "93", message: "Token has been expired", httpStatus: 401)
    static let accountNotFound = Self(code: "94", message: "Account Not Found", httpStatus: 404)
    static let validationError = Self(code: "95", message: "Validation Error", httpStatus: 400)
    static let generalError = Self(code: "99", message: "General error", httpStatus: 500)
    static let entityNotFound = Self(code: "E1", message: "Entity does not exist", httpStatus: 404)
    static let entityExists = Self(code: "E2", message: "Entity already exist", httpStatus: 409)
    static let emptyField = Self(code: "F1", message: "Empty field", httpStatus: 400)
    static let authenticationFailed = Self(code: "Q1", message: "User authentication failed", httpStatus: 401)
    static let sessionNotExists = Self(code: "Q2", message: "Session not exists", httpStatus: 401)

    /// Every code the simulator serves, in table order (`snapsim codes`).
    static let served: [E2PayResponseCode] = [
        success, customerNotActive, duplicateTransaction, exceedLimit, invalidAccount, invalidPhoneVerification,
        insufficientFund, forbidden, tokenExpired, accountNotFound, validationError, entityNotFound,
        entityExists, emptyField, authenticationFailed, sessionNotExists,
    ]
}

/// A refusal in E2Pay's terms: a code and what was wrong (named field or header).
struct E2PayRefusal: Error, Sendable {
    let code: E2PayResponseCode
    let detail: String

    init(_ code: E2PayResponseCode, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `{"responseCode", "responseMessage"}` with the detail after the table's message.
    var body: JSONValue {
        ["responseCode": .string(code.code), "responseMessage": .string("\(code.message): \(detail)")]
    }
}
