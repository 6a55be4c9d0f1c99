import SimJSON

/// SmilePayz inquiry status, `POST /v2.0/inquiry-status` (smilepayz.md §5.1): a pay-in (`tradeType` 1) or
/// pay-out (2) by `tradeNo` or `orderNo`, its status read on the simulator clock (an unpaid pay-in past its
/// expiry reads `EXPIRED`).
struct SmilePayzInquiryStatus: SNAPService {
    let descriptor = ServiceDescriptor.smilePayzInquiryStatus

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "tradeType is missing, or neither orderNo nor tradeNo is given"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "tradeType is not 1 or 2"),
            ServiceAnswer(SNAPError.transactionNotFound, "no pay-in/pay-out of the merchant has this tradeNo or orderNo"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        guard let typeValue = fields.object["tradeType"], typeValue != .null else { throw fields.missing("tradeType") }
        let typeText: String? = switch typeValue {
        case .number(let text), .string(let text): text
        default: nil
        }
        guard let kind = typeText.flatMap(Int.init).flatMap(SmilePayzTrade.Kind.init(rawValue:)) else {
            throw fields.format("tradeType", "must be 1 (pay-in) or 2 (pay-out)", received: typeValue)
        }
        let tradeNo = try fields.string("tradeNo", required: false, maxLength: 32).flatMap { $0.isEmpty ? nil : $0 }
        let orderNo = try fields.string("orderNo", required: false, maxLength: 32).flatMap { $0.isEmpty ? nil : $0 }
        guard tradeNo != nil || orderNo != nil else { throw fields.missing("orderNo") }
        let found = tradeNo.flatMap { state.smilePayz.trade(tradeNo: $0) } ?? orderNo.flatMap { state.smilePayz.trade(kind, orderNo: $0) }
        guard let trade = found, trade.kind == kind, orderNo == nil || trade.orderNo == orderNo else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("no \(kind.title.lowercased()) with \(tradeNo.map { "tradeNo \($0)" } ?? "orderNo \(orderNo ?? "")") for this merchant"),
            ])
        }
        let answer: JSONObject = [
            "orderNo": .string(trade.orderNo),
            "tradeNo": .string(trade.tradeNo),
            "tradeType": .number(String(kind.rawValue)),
            "paymentMethod": .string(trade.paymentMethod ?? ""),
            "money": SmilePayzOrderFields.money(trade.amount),
            "status": .string(trade.status(at: request.time).rawValue),
            "remark": "",
        ]
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
