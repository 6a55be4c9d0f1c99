import SimJSON

/// An E2Pay 2-character response code (DS:rc in /work/shared/reference/e2pay.md), by the Swift name the code uses.
/// Messages and HTTP statuses are the fixtures' (`e2pay.json` `responseCodes`, ``E2PayFixtures``): the table says
/// what each code reads as, the services say when it is answered.
struct E2PayResponseCode: Sendable, Hashable, Codable {
    let code: String

    init(_ code: String) { self.code = code }

    static let success = Self("00")
    static let customerNotActive = Self("01")
    static let pending = Self("02")
    static let invalidEmailVerification = Self("03")
    static let duplicateTransaction = Self("04")
    static let exceedLimit = Self("05")
    static let invalidAccount = Self("06")
    static let invalidPhoneVerification = Self("07")
    static let insufficientFund = Self("51")
    static let forbidden = Self("63")
    static let tokenExpired = Self("93")
    static let accountNotFound = Self("94")
    static let validationError = Self("95")
    static let hostTimeout = Self("96")
    static let generalError = Self("99")
    static let entityNotFound = Self("E1")
    static let entityExists = Self("E2")
    static let emptyField = Self("F1")
    static let authenticationFailed = Self("Q1")
    static let sessionNotExists = Self("Q2")
    static let timestampInvalid = Self("TX")
    static let timestampRangeInvalid = Self("TX1")

    /// Every code the simulator's behaviour answers; the fixtures must give each a message and status.
    static let referenced: [E2PayResponseCode] = [
        success, customerNotActive, pending, invalidEmailVerification, duplicateTransaction, exceedLimit,
        invalidAccount, invalidPhoneVerification, insufficientFund, forbidden, tokenExpired, accountNotFound,
        validationError, hostTimeout, generalError, entityNotFound, entityExists, emptyField, authenticationFailed,
        sessionNotExists, timestampInvalid, timestampRangeInvalid,
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

    /// The HTTP status and `{"responseCode", "responseMessage"}` body, the table's message then the detail.
    func rendered(_ table: E2PayFixtures) -> (status: Int, body: JSONValue) {
        let entry = table.entry(code.code)
        return (entry.httpStatus, ["responseCode": .string(entry.code), "responseMessage": .string("\(entry.message): \(detail)")])
    }
}
