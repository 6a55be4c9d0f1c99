/// The HTTP status and case code of a SNAP outcome, independent of the service that answers it.
///
/// `403` + `04` is "Activity Count Limit Exceeded" on every service; joined with a service code it becomes
/// the full ``ResponseCode`` (`4033704` on e-money account inquiry).
public struct CaseKey: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let httpStatus: Int
    /// Two digits.
    public let caseCode: String

    public init(httpStatus: Int, caseCode: String) {
        self.httpStatus = httpStatus
        self.caseCode = caseCode
    }

    /// Parses `"403"`+`"04"` written together (`"40304"`) or a full seven-digit code (service digits ignored).
    public init?(_ text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 5 || digits.count == 7, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let status = Int(String(decoding: digits[0..<3], as: UTF8.self))
        else { return nil }
        self.init(httpStatus: status, caseCode: String(decoding: digits.suffix(2), as: UTF8.self))
    }

    public var description: String { "\(httpStatus)xx\(caseCode)" }

    public static func < (lhs: CaseKey, rhs: CaseKey) -> Bool {
        (lhs.httpStatus, lhs.caseCode) < (rhs.httpStatus, rhs.caseCode)
    }
}

/// A full SNAP `responseCode`: HTTP status (3 digits) + service code (2) + case code (2), e.g. `4033704`.
public struct ResponseCode: Hashable, Sendable, CustomStringConvertible {
    public let key: CaseKey
    public let service: ServiceCode

    public init(_ key: CaseKey, service: ServiceCode) {
        self.key = key
        self.service = service
    }

    /// Parses a seven-digit code.
    public init?(_ text: String) {
        guard text.utf8.count == 7, let key = CaseKey(text),
            let service = ServiceCode(rawValue: String(text.dropFirst(3).prefix(2)))
        else { return nil }
        self.init(key, service: service)
    }

    public var httpStatus: Int { key.httpStatus }
    /// Printed in every answer: concatenating three small strings allocates nothing, an interpolation does.
    public var description: String { String(key.httpStatus) + service.rawValue + key.caseCode }
}
