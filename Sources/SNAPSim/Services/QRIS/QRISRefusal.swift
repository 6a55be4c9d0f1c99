import QRISCode
import SimJSON

/// The refusals of the QR services, named once (cases of the general SNAP table).
enum QRISRefusal {
    static let transactionExpired = SNAPError(httpStatus: 403, caseCode: "00")
    static let insufficientFunds = SNAPError(httpStatus: 403, caseCode: "14")
    static let merchantBlacklisted = SNAPError(httpStatus: 403, caseCode: "19")
    static let invalidTransactionStatus = SNAPError(httpStatus: 404, caseCode: "00")
    static let transactionCancelled = SNAPError(httpStatus: 404, caseCode: "04")
    static let paidBill = SNAPError(httpStatus: 404, caseCode: "14")
    static let operationNotAllowed = SNAPError(httpStatus: 405, caseCode: "01")

    /// A QRIS string that does not decode: 400xx01 naming the field, with the problem and its tag explained.
    static func invalidQR(_ field: String, _ problem: QRISProblem) -> SNAPError {
        SNAPError.invalidFieldFormat(field).explained([
            "summary": .string("\(field) is not a valid QRIS: \(problem.message)"),
            "tag": problem.tag.map(JSONValue.string) ?? .null,
            "problem": .string(problem.kind.rawValue),
        ])
    }

    /// The merchant with this id, or 404xx08 (unknown) / 403xx19 (blacklisted).
    static func merchant(_ merchantId: String, _ fixtures: LoadedFixtures) throws(SNAPError) -> QRISMerchant {
        guard let merchant = fixtures.merchants[merchantId] else {
            throw SNAPError.invalidMerchant.explained([
                "summary": .string("no merchant \(merchantId) in the fixtures (merchants.json; known: \(fixtures.merchants.keys.sorted().joined(separator: ", ")))"),
            ])
        }
        guard merchant.status == "active" else {
            throw merchantBlacklisted.explained(["summary": .string("merchant \(merchantId) is \(merchant.status)")])
        }
        return merchant
    }

    /// A time as DANA and ASPI print it: Jakarta time with `+07:00`.
    static func jakarta(_ time: SimTime) -> String {
        ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
    }
}

/// Finding the payment a status, cancel or refund request names.
extension QRISBook {
    /// The payment named by `originalPartnerReferenceNo` and/or `originalReferenceNo` (both must agree);
    /// `nil` when none is found.
    func find(_ fields: RequestFields, partnerReferenceRequired: Bool, externalIdLength: Int) throws(SNAPError)
        -> (payment: QRPayment?, partnerReferenceNo: String?, referenceNo: String?, externalId: String?)
    {
        let partnerReferenceNo = try fields.string("originalPartnerReferenceNo", required: partnerReferenceRequired, maxLength: 64)
        let referenceNo = try fields.string("originalReferenceNo", required: false, maxLength: 64)
        let externalId = try fields.string("originalExternalId", required: false, maxLength: externalIdLength)
        guard partnerReferenceNo != nil || referenceNo != nil else {
            throw SNAPError.invalidMandatoryField("originalPartnerReferenceNo").explained([
                "summary": "give originalPartnerReferenceNo or originalReferenceNo of the payment",
            ])
        }
        let byPartner = partnerReferenceNo.map { payment(partnerReferenceNo: $0) }
        let byReference = referenceNo.map { payment(referenceNo: $0) }
        let candidates = [byPartner, byReference].compactMap { $0 }
        let found = candidates.allSatisfy { $0 != nil && $0 == candidates[0] } ? candidates.first ?? nil : nil
        return (found, partnerReferenceNo, referenceNo, externalId)
    }
}
