import SimHTTP
import SimJSON

/// SmilePayz pay-out, `POST /v2.0/disbursement/pay-out` (smilepayz.md §4): a `PROCESSING` disbursement drawn at
/// once from the merchant's pay-out balance (given back if it fails), refused when the balance is short.
/// Idempotent on `orderNo` like the pay-in.
struct SmilePayzPayOut: SNAPService {
    let descriptor = ServiceDescriptor.smilePayzPayOut

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "orderNo, purpose, merchant.merchantId, money, paymentMethod or cashAccount is missing"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a shared field is malformed, paymentMethod is not a pay-out bank or wallet, cashAccount longer than 32"),
            ServiceAnswer(SNAPError.invalidAmount, "amount below 10,000"),
            ServiceAnswer(SNAPError.exceedsTransactionAmountLimit, "amount above 999,999,999"),
            ServiceAnswer(SNAPError.insufficientFunds, "the merchant's pay-out balance is short of the amount"),
            ServiceAnswer(SNAPError.invalidAccount(), "the merchant has no pay-out account in the ledger"),
            ServiceAnswer(SNAPError.duplicatePartnerReferenceNo, "orderNo was used by another pay-out with a different body"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let order = try SmilePayzOrderFields(fields, caller: request.caller)
        let fingerprint = String(decoding: JSONMinifier.stripWhitespace(request.exchange.request.body), as: UTF8.self)
        if let earlier = state.smilePayz.trade(.payOut, orderNo: order.orderNo) {
            guard earlier.fingerprint == fingerprint else {
                throw SNAPError.duplicatePartnerReferenceNo.explained([
                    "summary": .string("Payout order [\(order.orderNo)] has already exists. (tradeNo \(earlier.tradeNo), other body)"),
                ])
            }
            return .snap(key: ServiceAnswer.success.key, fields: earlier.answer)
        }
        let method = try fields.required("paymentMethod", maxLength: 16).uppercased()
        guard SmilePayzChoices.payOutMethods.contains(method) else {
            throw fields.format("paymentMethod", "must be a pay-out bank or wallet: "
                + SmilePayzChoices.payOutMethods.sorted().joined(separator: ", "), received: .string(method))
        }
        let cashAccount = try fields.required("cashAccount", maxLength: 32)
        let receiver = try fields.object("receiver", required: false)
        let accountName = try receiver?.string("name", required: false, maxLength: 140) ?? ""
        _ = try fields.object("additionalParam", required: false)
        let range = SmilePayzChoices.payOutRange
        if order.amount < range.lowerBound {
            throw SNAPError.invalidAmount.explained(["summary": .string("pay-out amount \(order.amount) is below \(range.lowerBound)")])
        }
        if order.amount > range.upperBound {
            throw SNAPError.exceedsTransactionAmountLimit.explained(
                ["summary": .string("pay-out amount \(order.amount) is above \(range.upperBound)")])
        }
        let account = SmilePayzChoices.payOutAccount(order.merchantId)
        guard let balance = state.ledger.account(account)?.accountInfos.first?.availableBalance else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("merchant \(order.merchantId) has no pay-out account \(account) in the fixtures")])
        }
        guard state.ledger.debitMerchant(account, Amount(rupiah: order.amount)) else {
            throw SNAPError.insufficientFunds.explained([
                "summary": .string("Payout account [\(account)] balance [\(balance.value)] is not enough, payout amount: [\(order.amount)]"),
            ])
        }

        let time = request.time
        let tradeNo = SmilePayzIdentifiers.tradeNo(.payOut, merchantId: order.merchantId, at: time, &state)
        let channel: JSONObject = [
            "paymentMethod": .string(method), "cashAccount": .string(cashAccount), "accountName": .string(accountName),
        ]
        let answer: JSONObject = [
            "orderNo": .string(order.orderNo),
            "tradeNo": .string(tradeNo),
            "status": .string(SmilePayzTrade.Status.processing.rawValue),
            "disbursementTime": .string(SmilePayzIdentifiers.time(time)),
            "merchant": order.merchantJSON,
            "money": SmilePayzOrderFields.money(order.amount),
            "channel": .object(channel),
        ]
        state.smilePayz.insert(SmilePayzTrade(
            kind: .payOut, tradeNo: tradeNo, orderNo: order.orderNo, merchantId: order.merchantId,
            merchantName: order.merchantName, amount: order.amount, paymentMethod: method, status: .processing,
            createdAt: time, expiresAt: nil, callbackUrl: order.callbackUrl, channel: channel, fingerprint: fingerprint,
            answer: answer))
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
