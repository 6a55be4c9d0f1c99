import SimJSON

/// Members the transfer services share.
extension RequestFields {
    /// `feeType`: `OUR` (default), `BEN` or `SHA` (ASPI also writes SHA as `1000`).
    func feeType() throws(SNAPError) -> FeeType {
        guard let text = try string("feeType", required: false, maxLength: 25) else { return .our }
        if text == "1000" { return .sha }
        guard let type = FeeType(rawValue: text.uppercased()) else {
            throw format("feeType", "must be OUR, BEN or SHA", received: .string(text))
        }
        return type
    }

    /// `currency` beside the amount: absent or `IDR`.
    func currency() throws(SNAPError) {
        guard let text = try string("currency", required: false, maxLength: 3) else { return }
        guard text == Amount.rupiah else { throw format("currency", "must be \"IDR\"", received: .string(text)) }
    }

    /// `additionalInfo.transferService`: `BI-FAST` or `ONLINE` to choose the interbank channel.
    func transferService() throws(SNAPError) -> TransferChannel? {
        guard let text = try string("transferService", required: false, maxLength: 16) else { return nil }
        switch text.uppercased() {
        case "BI-FAST", "BIFAST", "BI_FAST": return .biFast
        case "ONLINE": return .online
        default: throw format("transferService", "must be BI-FAST or ONLINE", received: .string(text))
        }
    }

    /// `originatorInfos`: an array of objects, echoed in the answer.
    func originatorInfos() throws(SNAPError) -> JSONValue? {
        guard let value = object["originatorInfos"], value != .null else { return nil }
        guard case .array(let elements) = value, elements.allSatisfy({ $0.objectValue != nil }) else {
            throw format("originatorInfos", "must be an array of objects", received: value)
        }
        return value
    }
}

extension TransferRecord {
    /// The answer's `additionalInfo`: the request's, with the channel taken and the fee charged.
    func additionalInfo(echoing request: RequestFields?) -> JSONValue {
        var info = request?.object ?? JSONObject()
        if let channel { info["transferService"] = .string(channel.rawValue) }
        info["feeAmount"] = fee.json
        return .object(info)
    }
}
