import SimJSON

/// Reading NICEPAY payout bodies, with NICEPAY's tolerance: its SDKs send `""` for absent optional members
/// (`msId`, `reservedDt`, `reservedTm`), which reads as absent here instead of a format error.
extension RequestFields {
    /// An optional string where `""` means absent.
    func optionalText(_ field: String, maxLength: Int) throws(SNAPError) -> String? {
        if case .string(let text)? = object[field], text.isEmpty { return nil }
        return try string(field, required: false, maxLength: maxLength)
    }

    /// One of `choices`.
    func choice(_ field: String, required: Bool, of choices: [String]) throws(SNAPError) -> String? {
        guard let text = try string(field, required: required, maxLength: 8) else { return nil }
        guard choices.contains(text) else {
            throw format(field, "must be one of \(choices.joined(separator: ", "))", received: .string(text))
        }
        return text
    }
}

/// The steps every payout call shares.
enum PayoutSteps {
    /// Runs what the clock has reached before the call looks at any payout or balance.
    static func advance(_ request: ServiceRequest, _ state: inout PartnerState) {
        state.payouts.advance(to: request.time, ledger: &state.ledger, merchants: request.fixtures.payouts.merchants)
    }

    /// `merchantId`: mandatory, the caller's own iMid, a payout merchant of the fixtures.
    static func merchant(_ request: ServiceRequest) throws(SNAPError) -> PayoutMerchant {
        let merchantId = try request.fields.required("merchantId", maxLength: 10)
        guard merchantId == request.caller.clientId, let merchant = request.fixtures.payouts.merchants[merchantId] else {
            throw SNAPError.invalidMerchant.explained([
                "summary": .string("merchantId \(merchantId) is not a payout merchant of X-PARTNER-ID \(request.caller.clientId) (payouts.json)"),
            ])
        }
        return merchant
    }

    /// The payout named by `originalReferenceNo` + `originalPartnerReferenceNo` of this merchant (404xx01 otherwise).
    static func payout(_ request: ServiceRequest, _ state: PartnerState) throws(SNAPError) -> Payout {
        let merchant = try merchant(request)
        let tXid = try request.fields.required("originalReferenceNo", maxLength: 40)
        let reference = try request.fields.required("originalPartnerReferenceNo", maxLength: 40)
        guard let payout = state.payouts.payout(tXid), payout.merchantId == merchant.merchantId else {
            throw SNAPError.transactionNotFound.explained(["summary": .string("no payout \(tXid) for merchant \(merchant.merchantId)")])
        }
        guard payout.partnerReferenceNo == reference else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("payout \(tXid) was registered as partnerReferenceNo \(payout.partnerReferenceNo), not \(reference)"),
            ])
        }
        return payout
    }

    /// 403xx15 Transaction Not Permitted, saying why.
    static func notPermitted(_ reason: String, _ payout: Payout) -> SNAPError {
        SNAPError(httpStatus: 403, caseCode: "15", placeholders: ["reason": reason]).explained([
            "summary": .string("payout \(payout.tXid) is \(payout.status.rawValue) \(payout.status.statusDescription): \(reason)"),
        ])
    }

    static let insufficientFunds = SNAPError(httpStatus: 403, caseCode: "14")

    /// The answer every action echoes: both references, the beneficiary, the amount.
    static func echo(_ payout: Payout) -> JSONObject {
        var fields: JSONObject = [
            "originalPartnerReferenceNo": .string(payout.partnerReferenceNo),
            "originalReferenceNo": .string(payout.tXid),
        ]
        for (key, value) in payout.beneficiaryFields.members { fields[key] = value }
        fields["amount"] = payout.amount.json
        return fields
    }

    static let commonAnswers: [ServiceAnswer] = [
        ServiceAnswer(SNAPError.invalidFieldFormat(""), "a member has the wrong type or length"),
        ServiceAnswer(SNAPError.invalidMandatoryField(""), "merchantId, originalReferenceNo or originalPartnerReferenceNo is missing"),
        ServiceAnswer(SNAPError.invalidMerchant, "merchantId is not the caller's payout merchant (payouts.json)"),
        ServiceAnswer(SNAPError.transactionNotFound, "no payout with this originalReferenceNo and originalPartnerReferenceNo"),
    ]
}
