import QRISCode
import SimJSON

/// QR MPM decode (48): what a QRIS string says, checked for real (structure, CRC, mandatory tags).
///
/// A code of one of this partner's orders also answers the order's referenceNo, and is refused once the order
/// is paid (404xx14), cancelled (404xx04) or expired (403xx00).
struct QRMPMDecode: SNAPService {
    let descriptor = ServiceDescriptor.qrMPMDecode

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "qrContent is not a valid QRIS (bad structure, CRC mismatch, missing mandatory tag: the explanation names the tag), or a field has the wrong form"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "qrContent or scanTime is missing"),
            ServiceAnswer(SNAPError.invalidMerchant, "no fixture merchant has the code's NMID"),
            ServiceAnswer(QRISRefusal.paidBill, "the code's order is already paid"),
            ServiceAnswer(QRISRefusal.transactionCancelled, "the code's order was cancelled"),
            ServiceAnswer(QRISRefusal.transactionExpired, "the code's order expired"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let text = try fields.required("qrContent", maxLength: 512)
        _ = try fields.amount("amount", required: false)
        _ = try fields.string("merchantId", required: false, maxLength: 64)
        _ = try fields.string("subMerchantId", required: false, maxLength: 32)
        _ = try fields.timestamp("scanTime", required: true)
        _ = try fields.object("additionalInfo", required: false)
        let code: MerchantPresentedQR
        do throws(QRISProblem) {
            code = try MerchantPresentedQR.decode(text)
        } catch {
            throw QRISRefusal.invalidQR("qrContent", error)
        }
        guard let nmid = code.nationalMerchantID,
            let merchant = request.fixtures.merchants.values.sorted(by: { $0.merchantId < $1.merchantId }).first(where: { $0.nmid == nmid })
        else {
            throw SNAPError.invalidMerchant.explained(["summary": .string("no fixture merchant has NMID \(code.nationalMerchantID ?? "")")])
        }
        let order = code.additionalData("05").flatMap { state.qris.payment(referenceNo: $0) }
        if let order {
            switch order.status(at: request.time) {
            case .initiated: break
            case .canceled where order.isExpired(at: request.time):
                throw QRISRefusal.transactionExpired.explained(["summary": "the code's order has expired"])
            case .canceled: throw QRISRefusal.transactionCancelled.explained(["summary": "the code's order was cancelled"])
            default: throw QRISRefusal.paidBill.explained(["summary": "the code's order is already paid"])
            }
        }
        var answer = JSONObject()
        if let order { answer["referenceNo"] = .string(order.referenceNo) }
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["merchantName"] = .string(code.merchantName)
        answer["merchantCategory"] = .string(code.merchantCategoryCode)
        answer["merchantLocation"] = .string(code.merchantCity)
        answer["merchantInfos"] = .array(code.merchantAccounts.compactMap { account in
            account.merchantPAN.map { ["merchantPAN": .string($0), "acquirerName": .string(MerchantQRCode.acquirerName)] }
        })
        if let units = code.amountMinorUnits { answer["transactionAmount"] = Amount(minorUnits: units).json }
        if let fee = order?.feeAmount { answer["feeAmount"] = fee.json }
        var info: JSONObject = [
            "pointOfInitiation": .string(code.initiation == .dynamicCode ? "DYNAMIC" : "STATIC"),
            "nmid": .string(nmid), "merchantId": .string(merchant.merchantId),
        ]
        switch code.tip {
        case .prompt?: info["tipIndicator"] = "PROMPT"
        case .fixed(let fee)?: info["tipIndicator"] = "FIXED"; info["tipValue"] = .string(fee)
        case .percentage(let percent)?: info["tipIndicator"] = "PERCENTAGE"; info["tipValue"] = .string(percent)
        case nil: break
        }
        answer["additionalInfo"] = .object(info)
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
