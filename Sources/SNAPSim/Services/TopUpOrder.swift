import SimJSON

/// A customer top-up as its body asks for it: the validated fields, the payload's fingerprint, the Jakarta month
/// it counts in and the success answer but for its `referenceNo` — everything ``CustomerTopUp`` needs that does
/// not depend on the partner's state.
///
/// Drawn up before the partner's lock (``CustomerTopUp/prepare(_:at:)``), so that under it the top-up only
/// compares, counts and records: the fingerprint alone (the body's canonical text) is ~5k instructions that
/// every other request of the partner would otherwise wait behind.
struct TopUpOrder: Sendable {
    let partnerReferenceNo: String
    let customerNumber: String
    let amount: Amount
    /// The request body in canonical form (``TopUpRecord/fingerprint``).
    let fingerprint: String
    /// The Jakarta month of the request (`2026-11`), the key of the monthly top-up cap.
    let month: String
    /// The success answer's fields with an empty `referenceNo`, in their order; ``answer(referenceNo:)``.
    private let answerTemplate: [(key: String, value: JSONValue)]

    /// Validates the body's fields in the order the top-up always has, throwing the first field's error.
    init(_ fields: RequestFields, at time: SimTime) throws(SNAPError) {
        partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        customerNumber = try fields.customerNumber("customerNumber", required: true, maxLength: 32) ?? ""
        _ = try fields.string("customerName", required: false, maxLength: 255)
        amount = try fields.amount("amount", required: true) ?? .zero
        _ = try fields.amount("feeAmount", required: false)
        _ = try fields.timestamp("transactionDate", required: false)
        let sessionId = try fields.string("sessionId", required: false, maxLength: 25)
        _ = try fields.digits("categoryId", required: false, maxLength: 10)
        _ = try fields.string("notes", required: false, maxLength: 255)
        _ = try fields.object("additionalInfo", required: false)

        fingerprint = JSONValue.object(fields.object).canonicalText
        month = CivilDate.jakartaMonth(of: time)
        // Sized once; `referenceNo` (known under the partner's lock only) goes first, in ``answer(referenceNo:)``.
        var answer: [(key: String, value: JSONValue)] = []
        answer.reserveCapacity(5)
        answer.append(("referenceNo", .string("")))
        answer.append(("partnerReferenceNo", .string(partnerReferenceNo)))
        if let sessionId { answer.append(("sessionId", .string(sessionId))) }
        answer.append(("customerNumber", .string(customerNumber)))
        answer.append(("amount", amount.json))
        answerTemplate = answer
    }

    /// The success answer's fields: `referenceNo`, `partnerReferenceNo`, `sessionId` (when sent), `customerNumber`,
    /// `amount`.
    func answer(referenceNo: String) -> JSONObject {
        // One copy of the members with `referenceNo` in place; no look-up by name (the names are distinct).
        var members = answerTemplate
        members[0].value = .string(referenceNo)
        return JSONObject(uniqueMembers: members)
    }
}
