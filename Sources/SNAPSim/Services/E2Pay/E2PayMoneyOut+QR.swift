import QRISCode
import SimJSON

/// QRIS and on-us QR payments by the logged-in customer: inquiry (the payload decoded for real) → payment with
/// the MD5 password (customer debited, merchant account credited) → check status by `clientRef`.
extension E2PayMoneyOut {
    /// QRIS (any acquirer: the merchant is found by its NMID, tag 51) or E2Pay's own QR (on-us: the merchant
    /// is found by the acquirer template, tag 26 `ID.CO.SNAPSIM.WWW`, and its merchant PAN).
    enum QRKind: String {
        case qris, qr

        var code: String { rawValue.uppercased() }
        var title: String { self == .qris ? "QRIS payment" : "QR payment" }
    }

    /// `GET /b2b/customer/me/transaction/qris/inquiry?qrCode=` (or `/qr/inquiry`): the merchant, the amount a
    /// dynamic code fixes (0 on a static one), the tip indicator and an `inquiryId` for the payment.
    func qrInquiry(_ kind: QRKind, _ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let payer = try payer(state)
        guard let payload = query("qrCode") else { throw E2PayRefusal(.emptyField, "qrCode (query)") }
        let code: MerchantPresentedQR
        do throws(QRISProblem) {
            code = try MerchantPresentedQR.decode(payload)
        } catch {
            throw E2PayRefusal(.validationError, "qrCode is not a valid QRIS: \(error.message)")
        }
        let merchant = try self.merchant(of: code, kind)
        guard merchant.status == "active" else {
            throw E2PayRefusal(.invalidAccount, "merchant \(merchant.merchantId) is \(merchant.status)")
        }
        let isDynamic = code.initiation == .dynamicCode
        if isDynamic, state.e2pay.moneyOut.paidDynamicCodes.contains(payload) {
            throw E2PayRefusal(.duplicateTransaction, "this dynamic code was already paid; a dynamic QR pays once")
        }
        let (indicator, tipValue): (String, String?) = switch code.tip {
        case nil: ("NONE", nil)
        case .prompt?: ("PROMPT", nil)
        case .fixed(let fee)?: ("FIXED", fee)
        case .percentage(let percent)?: ("PERCENTAGE", percent)
        }
        let fee = directory.terms(kind.code).fee
        let inquiry = E2PayQRInquiry(
            kind: kind.rawValue, id: state.ids.referenceNumber(length: 12), payer: payer.accountId,
            merchantId: merchant.merchantId, payload: payload, amountMinor: code.amountMinorUnits, isDynamic: isDynamic,
            tipIndicator: indicator, tipValue: tipValue, feeMinor: fee.minorUnits)
        state.e2pay.moneyOut.qrInquiries[inquiry.id] = inquiry
        var answer: JSONObject = [
            "inquiryId": .string(inquiry.id), "merchantId": .string(merchant.merchantId),
            "merchantName": .string(code.merchantName), "merchantCity": .string(code.merchantCity),
            "nmid": code.nationalMerchantID.map(JSONValue.string) ?? .null, "merchantPan": .string(merchant.merchantPAN),
            "mcc": .string(code.merchantCategoryCode), "pointOfInitiation": isDynamic ? "DYNAMIC" : "STATIC",
            "amount": Amount(minorUnits: code.amountMinorUnits ?? 0).jsonNumber, "tipIndicator": .string(indicator),
        ]
        if let tipValue { answer["tipValue"] = .string(tipValue) }
        answer["feeAmount"] = fee.jsonNumber
        return .object(answer)
    }

    /// `POST /b2b/customer/me/transaction/qris` (or `/qr`) `{inquiryId, password, amount, clientRef, sourceId, tip}`.
    func qrPayment(_ kind: QRKind, _ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let payer = try payer(state)
        let fields = try E2PayForm.json(request)
        let inquiryId = try fields.required("inquiryId")
        let password = try fields.required("password")
        var amount = try Self.amount(try fields.required("amount"), field: "amount")
        let clientRef = try fields.required("clientRef")
        let sourceId = try fields.required("sourceId")
        guard var inquiry = state.e2pay.moneyOut.qrInquiries[inquiryId], inquiry.payer == payer.accountId,
            inquiry.kind == kind.rawValue
        else {
            throw E2PayRefusal(.entityNotFound,
                "inquiryId \(inquiryId) was not answered to this customer by the \(kind.code) inquiry")
        }
        if let paidBy = inquiry.paidBy {
            throw E2PayRefusal(.duplicateTransaction, "inquiryId \(inquiryId) was already paid (clientRef \(paidBy))")
        }
        guard !state.e2pay.clientRefs.contains(clientRef) else {
            throw E2PayRefusal(.duplicateTransaction, "clientRef \(clientRef) was already used")
        }
        if let fixed = inquiry.amountMinor {
            guard fixed == amount.minorUnits else {
                throw E2PayRefusal(.validationError,
                    "amount \(amount.value) differs from the code's \(Amount(minorUnits: fixed).value) (tag 54)")
            }
            amount = Amount(minorUnits: fixed)
        }
        let tip = try self.tip(fields["tip"], inquiry: inquiry, amount: amount)
        try checkPassword(password, of: payer, state)
        let fee = Amount(minorUnits: inquiry.feeMinor)
        let paid = amount.plus(tip)
        try checkLimits(amount: paid, total: paid.plus(fee), channel: kind.code, payer: payer)
        guard let merchant = front.fixtures.merchants[inquiry.merchantId] else {
            throw E2PayRefusal(.accountNotFound, "merchant \(inquiry.merchantId) is no longer in the fixtures")
        }

        try claim(clientRef: clientRef, &state)
        let journalId = state.ids.referenceNumber(length: 16)
        debit(payer, amount: paid, fee: fee, code: kind.code, name: kind.title, description: merchant.name,
            clientRef: clientRef, sourceId: sourceId, receiver: (id: merchant.merchantId, name: merchant.name),
            journalId: journalId, &state)
        state.ledger.credit(account: merchant.accountNo, paid)
        if inquiry.isDynamic { state.e2pay.moneyOut.paidDynamicCodes.insert(inquiry.payload) }
        inquiry.paidBy = clientRef
        state.e2pay.moneyOut.qrInquiries[inquiryId] = inquiry
        let payment = E2PayPayment(
            kind: kind.code, clientRef: clientRef, payer: payer.accountId, journalId: journalId,
            amountMinor: amount.minorUnits, tipMinor: tip.minorUnits, feeMinor: fee.minorUnits,
            counterparty: merchant.name, atMilliseconds: front.now.millisecondsSince1970)
        state.e2pay.moneyOut.payments[clientRef] = payment
        var answer = Self.json(payment)
        answer["inquiryId"] = .string(inquiryId)
        return .object(answer)
    }

    /// `GET /b2b/customer/me/transaction/qris/status?clientRef=` (or `/qr/status`): the payment's outcome.
    func qrStatus(_ kind: QRKind, _ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        let payer = try payer(state)
        guard let clientRef = query("clientRef") else { throw E2PayRefusal(.emptyField, "clientRef (query)") }
        guard let payment = state.e2pay.moneyOut.payments[clientRef], payment.payer == payer.accountId,
            payment.kind == kind.code
        else { throw E2PayRefusal(.entityNotFound,
            "no \(kind.code) payment of this customer with clientRef \(clientRef)") }
        return .object(Self.json(payment))
    }

    private static func json(_ payment: E2PayPayment) -> JSONObject {
        [
            "responseCode": "00", "responseMessage": "Success", "journalId": .string(payment.journalId),
            "clientRef": .string(payment.clientRef), "merchantName": .string(payment.counterparty),
            "amount": payment.amount.jsonNumber, "tip": payment.tip.jsonNumber, "feeAmount": payment.fee.jsonNumber,
            "totalAmount": payment.amount.plus(payment.tip).plus(payment.fee).jsonNumber,
            "transactionTimestamp": .string(payment.time.description),
        ]
    }

    /// The fixture merchant a code is for: QRIS by NMID (tag 51), QR by the on-us template's merchant PAN.
    private func merchant(of code: MerchantPresentedQR, _ kind: QRKind) throws(E2PayRefusal) -> QRISMerchant {
        let merchants = front.fixtures.merchants.values.sorted { $0.merchantId < $1.merchantId }
        switch kind {
        case .qris:
            guard let nmid = code.nationalMerchantID else {
                throw E2PayRefusal(.validationError,
                    "qrCode has no QRIS template (tag 51, \(QRISRules.qrisIdentifier), with the NMID)")
            }
            guard let merchant = merchants.first(where: { $0.nmid == nmid }) else {
                throw E2PayRefusal(.accountNotFound, "no merchant with NMID \(nmid) (merchants.json)")
            }
            return merchant
        case .qr:
            guard let onUs = code.merchantAccounts.first(where: { $0.globallyUniqueIdentifier == MerchantQRCode.acquirerIdentifier })
            else {
                throw E2PayRefusal(.validationError,
                    "qrCode is not an on-us M-Bayar code (no template with \(MerchantQRCode.acquirerIdentifier)): pay it through /qris")
            }
            guard let merchant = merchants.first(where: { $0.merchantPAN == onUs.merchantPAN }) else {
                throw E2PayRefusal(.accountNotFound,
                    "no merchant with merchant PAN \(onUs.merchantPAN ?? "") (merchants.json)")
            }
            return merchant
        }
    }

    /// The tip the code allows: none (a tip is `95`), the payer's (prompt), or the code's fixed or percentage fee
    /// (a different `tip` sent is `95`).
    private func tip(_ text: String?, inquiry: E2PayQRInquiry, amount: Amount) throws(E2PayRefusal) -> Amount {
        let sent: Amount? = try text.map { (text: String) throws(E2PayRefusal) -> Amount in
            guard let units = E2PayAmount.parse(text) else {
                throw E2PayRefusal(.validationError, "tip must be a number of rupiah, not \(text)")
            }
            return Amount(minorUnits: units)
        }
        let due: Amount
        switch inquiry.tipIndicator {
        case "PROMPT": return sent ?? .zero
        case "FIXED": due = Amount(minorUnits: inquiry.tipValue.flatMap(QRISAmount.minorUnits) ?? 0)
        case "PERCENTAGE":
            let hundredths = inquiry.tipValue.flatMap(QRISAmount.minorUnits) ?? 0
            due = Amount(minorUnits: (amount.minorUnits * hundredths + 5_000) / 10_000)
        default: due = .zero
        }
        if let sent, sent != due {
            throw E2PayRefusal(.validationError,
                "tip \(sent.value) differs from the code's \(due.value) (\(inquiry.tipIndicator), tags 55–57)")
        }
        return due
    }
}
