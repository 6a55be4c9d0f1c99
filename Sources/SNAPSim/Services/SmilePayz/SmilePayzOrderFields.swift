import SimJSON

/// The members pay-in and pay-out share (`orderNo`, `purpose`, `merchant`, `money`, `area`, `callbackUrl`),
/// read as SmilePayz writes them: `money.amount` a JSON integer of rupiah, `merchant.merchantId` the caller.
struct SmilePayzOrderFields {
    var orderNo: String
    var purpose: String
    var merchantId: String
    var merchantName: String
    /// Whole rupiah.
    var amount: Int64
    var callbackUrl: String?

    init(_ fields: RequestFields, caller: AuthenticatedCaller) throws(SNAPError) {
        orderNo = try fields.required("orderNo", maxLength: 32)
        guard orderNo.utf8.count >= 6, orderNo.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
            throw fields.format("orderNo", "must be 6 to 32 letters and digits (no -, _ or spaces)", received: .string(orderNo))
        }
        purpose = try fields.required("purpose", maxLength: 64)
        guard let merchant = try fields.object("merchant", required: true) else { throw fields.missing("merchant") }
        merchantId = try merchant.required("merchantId", maxLength: 64)
        guard merchantId == caller.clientId else {
            throw merchant.format("merchantId", "must be the merchant id sent as X-PARTNER-ID (\(caller.clientId))", received: .string(merchantId))
        }
        merchantName = try merchant.string("merchantName", required: false, maxLength: 140) ?? caller.partner.name
        guard let money = try fields.object("money", required: true) else { throw fields.missing("money") }
        let currency = try money.required("currency", maxLength: 3)
        guard currency == "IDR" else { throw money.format("currency", "must be IDR", received: .string(currency)) }
        guard let amountValue = money.object["amount"], amountValue != .null else { throw money.missing("amount") }
        guard case .number(let text) = amountValue, let rupiah = Int64(text), rupiah > 0 else {
            throw money.format("amount", "must be a positive JSON integer of rupiah, e.g. 150000", received: amountValue)
        }
        amount = rupiah
        if let area = fields.object["area"], area != .null,
            area != .number(SmilePayzChoices.indonesiaArea), area != .string(SmilePayzChoices.indonesiaArea)
        {
            throw fields.format("area", "must be 10 (Indonesia) or absent", received: area)
        }
        callbackUrl = try fields.string("callbackUrl", required: false, maxLength: 256).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `{merchantId, merchantName, accountNo}` as answers write it (the sandbox's accountNo is `"000"`).
    var merchantJSON: JSONValue {
        .object(["merchantId": .string(merchantId), "merchantName": .string(merchantName), "accountNo": "000"])
    }

    static func money(_ rupiah: Int64) -> JSONValue {
        .object(["currency": "IDR", "amount": .number(String(rupiah))])
    }
}

/// SmilePayz's identifiers and times.
enum SmilePayzIdentifiers {
    /// `T` (sandbox) + area `10` + trade type + merchant id without `sandbox-` + `yyMMddHHmmssSSS` (Jakarta) +
    /// one digit (smilepayz.md §8.3).
    static func tradeNo(_ kind: SmilePayzTrade.Kind, merchantId: String, at time: SimTime, _ state: inout PartnerState)
        -> String
    {
        let id = merchantId.hasPrefix("sandbox-") ? String(merchantId.dropFirst(8)) : merchantId
        let stamp = ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes, milliseconds: true)
        let digits = String(stamp.prefix(23).filter(\.isNumber).dropFirst(2))
        return "T" + SmilePayzChoices.indonesiaArea + String(kind.rawValue) + id + digits + state.ids.referenceNumber(length: 1)
    }

    /// `yyyy-MM-ddTHH:mm:ss+07:00`.
    static func time(_ time: SimTime) -> String {
        ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
    }
}
