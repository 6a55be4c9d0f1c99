import SimJSON

/// Registration: NICEPAY validates the request and the beneficiary and creates a payout awaiting approval (03).
///
/// Reads both spellings NICEPAY's clients send (`beneficiaryAccountNo`/`beneficiaryaccountNo`,
/// `deliveryName`/`deliveryNm`), treats `""` optional members as absent, and schedules the payout when
/// `reservedDt` + `reservedTm` (Jakarta time) are given.
struct PayoutRegistration: SNAPService {
    let descriptor = ServiceDescriptor.payoutRegistration

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a member has the wrong type, length or value (payoutMethod 0–4, residence 1–2, type 1–3, unknown beneficiaryBankCode, reservedDt/Tm not a future yyyyMMdd/HHmmss, amount not IDR)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "a mandatory member is missing"),
            ServiceAnswer(SNAPError.invalidMerchant, "merchantId is not the caller's payout merchant (payouts.json)"),
            ServiceAnswer(SNAPError.invalidAccount(), "the beneficiary account is an invalid one of payouts.json, or at another bank"),
            ServiceAnswer(PayoutSteps.insufficientFunds, "the payout balance is below amount + the method's fee"),
            ServiceAnswer(SNAPError.duplicatePartnerReferenceNo, "partnerReferenceNo was registered before"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        PayoutSteps.advance(request, &state)
        let fields = request.fields
        let fixtures = request.fixtures.payouts
        let reference = try fields.required("partnerReferenceNo", maxLength: 40)
        let merchant = try PayoutSteps.merchant(request)
        _ = try fields.optionalText("msId", maxLength: 20)
        let accountField = fields.object["beneficiaryAccountNo"] == nil && fields.object["beneficiaryaccountNo"] != nil
            ? "beneficiaryaccountNo" : "beneficiaryAccountNo"
        let accountNo = try fields.required(accountField, maxLength: 25)
        let name = try fields.required("beneficiaryName", maxLength: 100)
        let phone = try fields.required("beneficiaryPhone", maxLength: 20)
        let residence = try fields.choice("beneficiaryCustomerResidence", required: true, of: ["1", "2"]) ?? "1"
        let type = try fields.choice("beneficiaryCustomerType", required: false, of: ["1", "2", "3"])
        _ = try fields.optionalText("beneficiaryPostalCode", maxLength: 10)
        let bank = try fields.required("beneficiaryBankCode", maxLength: 4)
        let method = try fields.choice("payoutMethod", required: true, of: ["0", "1", "2", "3", "4"]) ?? "0"
        guard let amount = try fields.amount("amount", required: true) else { throw fields.missing("amount") }
        let description = try fields.optionalText("description", maxLength: 100)
        _ = try fields.optionalText(fields.object["deliveryName"] == nil ? "deliveryNm" : "deliveryName", maxLength: 100)
        let reservedAt = try schedule(fields, now: request.time)

        guard amount.currency == Amount.rupiah else {
            throw fields.format("amount.currency", "must be IDR", received: .string(amount.currency))
        }
        if !fixtures.banks.isEmpty, fixtures.banks[bank] == nil {
            throw fields.format("beneficiaryBankCode", "is not a NICEPAY bank code (payouts.json payoutBanks)", received: .string(bank))
        }
        let known = fixtures.beneficiaries[accountNo]
        if let known, known.outcome == .invalid || (known.bankCode.map { $0 != bank } ?? false) {
            throw SNAPError.invalidAccount().explained([
                "summary": .string(known.outcome == .invalid
                    ? "beneficiary account \(accountNo) is invalid at the bank (payouts.json)"
                    : "beneficiary account \(accountNo) is at \(known.bankCode ?? ""), not \(bank)"),
            ])
        }
        if let existing = state.payouts.tXid(forReference: reference) {
            throw SNAPError.duplicatePartnerReferenceNo.explained([
                "summary": .string("partnerReferenceNo \(reference) was registered as \(existing)"),
            ])
        }
        let fee = fixtures.methods[method]?.fee ?? .zero
        let total = amount.minorUnits + fee.minorUnits
        let available = state.ledger.payoutBalance(merchant.accountNo) ?? .zero
        guard available.minorUnits >= total else {
            throw PayoutSteps.insufficientFunds.explained([
                "summary": .string("payout balance \(available.value) of \(merchant.accountNo) is below amount + fee \(Amount.format(total))"),
            ])
        }

        var payout = Payout(
            tXid: transactionID(merchant.merchantId, request.time, &state), partnerReferenceNo: reference,
            merchantId: merchant.merchantId, accountNo: merchant.accountNo, beneficiaryAccountNo: accountNo,
            beneficiaryName: name, beneficiaryBankCode: bank, beneficiaryPhone: phone,
            beneficiaryCustomerResidence: residence, beneficiaryCustomerType: type, payoutMethod: method, amount: amount,
            fee: fee, description: description, reservedAt: reservedAt, registeredAt: request.time,
            approvedAt: nil, plan: known?.outcome ?? .success)
        payout.resolvesTo = known?.resolvesTo ?? .success
        payout.resolveAfterSeconds = known?.resolveAfterSeconds ?? 600
        state.payouts.register(payout)

        var answer: JSONObject = ["partnerReferenceNo": .string(reference), "originalReferenceNo": .string(payout.tXid)]
        for (key, value) in payout.beneficiaryFields.members { answer[key] = value }
        answer["beneficiaryCustomerResidence"] = .string(residence)
        if let type { answer["beneficiaryCustomerType"] = .string(type) }
        answer["payoutMethod"] = .string(method)
        answer["amount"] = amount.json
        answer["transactionStatus"] = .string(payout.status.rawValue)
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }

    /// `reservedDt` (yyyyMMdd) + `reservedTm` (HHmmss), Jakarta time, in the future; `nil` without them.
    private func schedule(_ fields: RequestFields, now: SimTime) throws(SNAPError) -> SimTime? {
        let date = try fields.optionalText("reservedDt", maxLength: 8)
        let time = try fields.optionalText("reservedTm", maxLength: 6)
        guard date != nil || time != nil else { return nil }
        guard let date else { throw fields.missing("reservedDt") }
        guard let time else { throw fields.missing("reservedTm") }
        let d = date.compactMap(\.wholeNumberValue), t = time.compactMap(\.wholeNumberValue)
        let number = { (digits: [Int]) in digits.reduce(0) { $0 * 10 + $1 } }
        guard d.count == 8, date.utf8.count == 8, CivilDate.isValid(year: number(Array(d[0..<4])), month: number(Array(d[4..<6])), day: number(Array(d[6..<8]))) else {
            throw fields.format("reservedDt", "must be a date yyyyMMdd", received: .string(date))
        }
        guard t.count == 6, time.utf8.count == 6, number(Array(t[0..<2])) < 24, number(Array(t[2..<4])) < 60, number(Array(t[4..<6])) < 60 else {
            throw fields.format("reservedTm", "must be a time HHmmss", received: .string(time))
        }
        let civil = CivilDate(
            year: number(Array(d[0..<4])), month: number(Array(d[4..<6])), day: number(Array(d[6..<8])),
            hour: number(Array(t[0..<2])), minute: number(Array(t[2..<4])), second: number(Array(t[4..<6])))
        let at = civil.time(offsetMinutes: CivilDate.jakartaOffsetMinutes)
        guard at > now else {
            throw fields.format("reservedDt", "and reservedTm must lie in the future (Jakarta time); leave both \"\" to pay on approval", received: .string(date + " " + time))
        }
        return at
    }

    /// iMid + `07` + `yyyyMMddHHmmss` (Jakarta) + 4 digits, unique within the partner.
    private func transactionID(_ merchantId: String, _ time: SimTime, _ state: inout PartnerState) -> String {
        let c = CivilDate(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
        let stamp = CivilDate.pad(c.year, 4) + CivilDate.pad(c.month, 2) + CivilDate.pad(c.day, 2) + CivilDate.pad(c.hour, 2)
            + CivilDate.pad(c.minute, 2) + CivilDate.pad(c.second, 2)
        while true {
            let id = merchantId + "07" + stamp + state.ids.referenceNumber(length: 4)
            if state.payouts.payout(id) == nil { return id }
        }
    }
}
