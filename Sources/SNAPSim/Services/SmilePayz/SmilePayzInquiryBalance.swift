import SimJSON

/// SmilePayz inquiry balance, `POST /v2.0/inquiry-balance`, in exactly seed 002's shape: `code`, `message`,
/// `responseCode`, `responseMessage`, `referenceNo`, `partnerReferenceNo`, `accountNo`, `name`, the full
/// `accountInfos` (amount, availableBalance, currentMultilateralLimit, floatAmount, holdAmount, ledgerBalance as
/// `{currency, value}` strings) and the echoed `additionalInfo`; `X-TIMESTAMP` is a response header of every
/// answer.
///
/// The sandbox takes "any random string" as `accountNo`; the simulator answers the merchant's pay-out account
/// when `accountNo` names it, else its pay-in account (SmilePayzChoices).
struct SmilePayzInquiryBalance: SNAPService {
    let descriptor = ServiceDescriptor.smilePayzInquiryBalance

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "accountNo is missing"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "accountNo longer than 128, balanceTypes not strings"),
            ServiceAnswer(SNAPError.invalidAccount(), "the merchant has no pay-in/pay-out account in the ledger"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let accountNo = try fields.required("accountNo", maxLength: 128)
        let balanceTypes = try fields.strings("balanceTypes", required: false, maxLength: 70)
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let merchantId = request.caller.clientId
        let payOut = SmilePayzChoices.payOutAccount(merchantId)
        let chosen = accountNo == payOut ? payOut : SmilePayzChoices.payInAccount(merchantId)
        guard let account = state.ledger.account(chosen) else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("merchant \(merchantId) has no account \(chosen) in the fixtures (smilepayz.json)")])
        }
        let types = balanceTypes ?? ["BALANCE"]
        var answer: JSONObject = [
            "accountInfos": .array(account.accountInfos.filter { types.contains($0.balanceType) }.map { info in
                .object([
                    "balanceType": .string(info.balanceType),
                    "registrationStatusCode": .string(account.registrationStatusCode),
                    "status": .string(account.status),
                    "amount": Self.money(info.amount),
                    "availableBalance": Self.money(info.availableBalance),
                    "currentMultilateralLimit": Self.money(info.currentMultilateralLimit),
                    "floatAmount": Self.money(info.floatAmount),
                    "holdAmount": Self.money(info.holdAmount),
                    "ledgerBalance": Self.money(info.ledgerBalance),
                ])
            }),
            "accountNo": .string(account.accountNo),
        ]
        if case .object(let info)? = fields.object["additionalInfo"] { answer["additionalInfo"] = .object(info) }
        answer["name"] = .string(account.name)
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["referenceNo"] = .string(request.referenceNumber(&state))
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }

    /// Seed 002 writes `currency` before `value`.
    static func money(_ amount: Amount) -> JSONValue {
        .object(["currency": .string(amount.currency), "value": .string(amount.value)])
    }
}
