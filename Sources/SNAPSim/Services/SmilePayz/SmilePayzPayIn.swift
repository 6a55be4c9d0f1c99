import SimHTTP
import SimJSON

/// SmilePayz pay-in, `POST /v2.0/transaction/pay-in` (smilepayz.md §3): without `paymentMethod` a cashier order
/// (`INIT`, `channel.paymentUrl`); with one a `PROCESSING` order whose `channel` carries a VA number, a QRIS
/// string or a payment URL. Idempotent on `orderNo`: the same body again replays the answer, another body with
/// the same orderNo is refused.
struct SmilePayzPayIn: SNAPService {
    let descriptor = ServiceDescriptor.smilePayzPayIn

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "orderNo, purpose, merchant.merchantId, money.currency or money.amount is missing; payer.phone for W_OVO"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "orderNo not 6–32 letters/digits, merchantId not X-PARTNER-ID, currency not IDR, amount not a positive integer, area not 10, unknown paymentMethod, expiryPeriod outside 1–86400"),
            ServiceAnswer(SNAPError.invalidAmount, "amount below the method's minimum (10,000 VA/card/retail; 1,000 QRIS/e-wallet)"),
            ServiceAnswer(SNAPError.exceedsTransactionAmountLimit, "amount above 1,000,000,000"),
            ServiceAnswer(SNAPError.duplicatePartnerReferenceNo, "orderNo was used by another pay-in with a different body"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let order = try SmilePayzOrderFields(fields, caller: request.caller)
        let fingerprint = String(decoding: JSONMinifier.stripWhitespace(request.exchange.request.body), as: UTF8.self)
        if let earlier = state.smilePayz.trade(.payIn, orderNo: order.orderNo) {
            guard earlier.fingerprint == fingerprint else {
                throw SNAPError.duplicatePartnerReferenceNo.explained([
                    "summary": .string("Payin order [\(order.orderNo)] has already exists. (tradeNo \(earlier.tradeNo), other body)"),
                ])
            }
            return .snap(key: ServiceAnswer.success.key, fields: earlier.answer)
        }
        let method = try fields.string("paymentMethod", required: false, maxLength: 32).map { $0.uppercased() }
            .flatMap { $0.isEmpty ? nil : $0 }
        var kind: SmilePayzChoices.PayInKind?
        if let method {
            guard let known = SmilePayzChoices.payInKind(method) else {
                throw fields.format("paymentMethod", "must be one of \(SmilePayzChoices.payInMethods)", received: .string(method))
            }
            kind = known
        }
        if method == "W_OVO" {
            let payer = try fields.object("payer", required: true)
            _ = try payer?.required("phone", maxLength: 20)
        }
        _ = try fields.string("redirectUrl", required: false, maxLength: 256)
        let range = SmilePayzChoices.payInRange(kind)
        if order.amount < range.lowerBound {
            throw SNAPError.invalidAmount.explained(
                ["summary": .string("merchant:[\(order.merchantId)]. payment:[\(method ?? "cashier")]. amount limit: at least \(range.lowerBound)")])
        }
        if order.amount > range.upperBound {
            throw SNAPError.exceedsTransactionAmountLimit.explained(
                ["summary": .string("merchant:[\(order.merchantId)]. payment:[\(method ?? "cashier")]. amount limit: at most \(range.upperBound)")])
        }
        let expiry = try expirySeconds(fields)

        let time = request.time
        let tradeNo = SmilePayzIdentifiers.tradeNo(.payIn, merchantId: order.merchantId, at: time, &state)
        var channel: JSONObject = [:]
        if let method, let kind {
            channel["paymentMethod"] = .string(method)
            switch kind {
            case .virtualAccount: channel["vaNumber"] = .string(state.ids.referenceNumber(length: 15))
            case .qris: channel["qrString"] = .string(SmilePayzQRIS.string(order, tradeNo: tradeNo))
            case .eWallet, .card, .retail: channel["paymentUrl"] = .string(SmilePayzChoices.paymentURL("pay", tradeNo: tradeNo))
            }
        } else {
            channel["paymentUrl"] = .string(SmilePayzChoices.paymentURL("cashier", tradeNo: tradeNo))
        }
        let status: SmilePayzTrade.Status = method == nil ? .initial : .processing
        let answer: JSONObject = [
            "orderNo": .string(order.orderNo),
            "tradeNo": .string(tradeNo),
            "status": .string(status.rawValue),
            "transactionTime": .string(SmilePayzIdentifiers.time(time)),
            "merchant": order.merchantJSON,
            "money": SmilePayzOrderFields.money(order.amount),
            "channel": .object(channel),
        ]
        state.smilePayz.insert(SmilePayzTrade(
            kind: .payIn, tradeNo: tradeNo, orderNo: order.orderNo, merchantId: order.merchantId,
            merchantName: order.merchantName, amount: order.amount, paymentMethod: method, status: status, createdAt: time,
            expiresAt: time + .seconds(expiry), callbackUrl: order.callbackUrl, channel: channel, fingerprint: fingerprint,
            answer: answer))
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }

    private func expirySeconds(_ fields: RequestFields) throws(SNAPError) -> Int64 {
        guard let value = fields.object["expiryPeriod"], value != .null else { return SmilePayzChoices.defaultExpirySeconds }
        // C#'s demo serialises an unset period as 0: the default applies.
        guard case .number(let text) = value, let seconds = Int64(text), seconds >= 0,
            seconds <= SmilePayzChoices.maximumExpirySeconds
        else {
            throw fields.format("expiryPeriod", "must be whole seconds, at most 86400", received: value)
        }
        return seconds == 0 ? SmilePayzChoices.defaultExpirySeconds : seconds
    }
}
