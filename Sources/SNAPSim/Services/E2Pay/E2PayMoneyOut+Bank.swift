import SimHTTP
import SNAPCrypto
import SimJSON

/// Transfer to bank (IBFT) and disbursement to bank (SDP): inquiry → payment, from the logged-in customer's
/// M-Bayar balance to a beneficiary of the fixtures.
extension E2PayMoneyOut {
    /// The two bank products: their bank list, channel choice and history names.
    enum BankProduct: String {
        case ibft, sdp

        var code: String { self == .ibft ? "IBFT" : "SDP" }
        var title: String { self == .ibft ? "Transfer to bank" : "Disbursement to bank" }
        var listPath: String { "/switching/b2b/bank/\(rawValue)" }
    }

    /// `GET /b2b/customer/me/ibft/inquiry?bankId=&accountId=[&amount=]` or
    /// `GET /b2b/customer/me/disbursement/inquiry?accountId=&bankId=&amount=` (with `Signature`): the beneficiary's
    /// name, an `inquiryId` for the payment, the fee and the channel.
    func bankInquiry(_ product: BankProduct, _ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let payer = try payer(state)
        try requirePremium(payer)
        guard let bankId = query("bankId", "bankID") else { throw E2PayRefusal(.emptyField, "bankId (query)") }
        guard let accountId = query("accountId", "accountID") else { throw E2PayRefusal(.emptyField,
            "accountId (query)") }
        var amount: Amount?
        if let text = query("amount") {
            amount = try Self.amount(text, field: "amount")
        } else if product == .sdp {
            throw E2PayRefusal(.emptyField, "amount (query)")
        }
        if product == .sdp, let amount { try checkSignature(accountId: accountId, bankId: bankId, amount: amount) }
        let (bank, beneficiary) = try resolve(product, bankId: bankId, accountId: accountId)
        let channel = product == .sdp ? "SDP" : bank.lists.contains("bifast") ? "BI-FAST" : "ONLINE"
        let terms = directory.terms(channel)
        if let amount, amount > terms.maximum {
            throw E2PayRefusal(.exceedLimit,
                "\(amount.value) is over the \(channel) cap of \(terms.maximum.value) per transaction")
        }
        let inquiry = E2PayBankInquiry(
            product: product.rawValue, id: state.ids.referenceNumber(length: 12), payer: payer.accountId,
            bankId: bank.id, accountId: beneficiary.accountId, name: beneficiary.name, channel: channel,
            amountMinor: amount?.minorUnits, feeMinor: terms.fee.minorUnits)
        state.e2pay.moneyOut.bankInquiries[inquiry.id] = inquiry
        return [
            "id": .string(inquiry.id), "inquiryId": .string(inquiry.id), "accountId": .string(beneficiary.accountId),
            "name": .string(beneficiary.name), "bankId": .string(bank.id), "bankName": .string(bank.name),
            "amount": amount?.jsonNumber ?? .null, "feeAmount": terms.fee.jsonNumber, "transferType": .string(channel),
        ]
    }

    /// `POST /b2b/customer/me/ibft/transaction` or `/disbursement/transaction`: pays an inquiry with the MD5
    /// password. The amount and the fee leave the balance (two history rows, one journal).
    func bankPayment(_ product: BankProduct, _ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let payer = try payer(state)
        try requirePremium(payer)
        let fields = try E2PayForm.json(request)
        // The merchant disbursement payment takes the beneficiary, bank and amount from its inquiry (T:js).
        let fromInquiry = isMerchantRoute && product == .sdp
        let accountSrc = try fields.required("accountSrc")
        let accountDst = fromInquiry ? fields["accountDst"] : try fields.required("accountDst")
        let amountText = fromInquiry ? fields["amount"] : try fields.required("amount")
        let clientRef = try fields.required("clientRef")
        guard let description = fields["description"] else { throw E2PayRefusal(.emptyField, "description") }
        let password = try fields.required("password")
        let bankId = fromInquiry ? fields["bankId"] : try fields.required("bankId")
        let inquiryId = try fields.required("inquiryId")
        let sourceId = try fields.required("sourceId")
        guard accountSrc == payer.accountId else {
            throw E2PayRefusal(.invalidAccount,
                "accountSrc \(accountSrc) is not the logged-in account \(payer.accountId)")
        }
        guard var inquiry = state.e2pay.moneyOut.bankInquiries[inquiryId], inquiry.payer == payer.accountId,
            inquiry.product == product.rawValue
        else {
            throw E2PayRefusal(.entityNotFound,
                "inquiryId \(inquiryId) was not answered to this account by the \(product.code) inquiry")
        }
        guard (accountDst ?? inquiry.accountId) == inquiry.accountId, (bankId ?? inquiry.bankId) == inquiry.bankId else {
            throw E2PayRefusal(.validationError,
                "accountDst/bankId \(accountDst ?? "")/\(bankId ?? "") differ from the inquiry's \(inquiry.accountId)/\(inquiry.bankId)")
        }
        let sent = try amountText.map { (text: String) throws(E2PayRefusal) -> Amount in
            try Self.amount(text, field: "amount")
        }
        guard let amount = sent ?? inquiry.amountMinor.map({ Amount(minorUnits: $0) }) else {
            throw E2PayRefusal(.emptyField, "amount")
        }
        if let asked = inquiry.amountMinor, asked != amount.minorUnits {
            throw E2PayRefusal(.validationError,
                "amount \(amount.value) differs from the inquiry's \(Amount(minorUnits: asked).value)")
        }
        if let paidBy = inquiry.paidBy {
            throw E2PayRefusal(.duplicateTransaction, "inquiryId \(inquiryId) was already paid (clientRef \(paidBy))")
        }
        guard !state.e2pay.clientRefs.contains(clientRef) else {
            throw E2PayRefusal(.duplicateTransaction, "clientRef \(clientRef) was already used")
        }
        try checkPassword(password, of: payer, state)
        let fee = Amount(minorUnits: inquiry.feeMinor)
        try checkLimits(amount: amount, total: amount.plus(fee), channel: inquiry.channel, payer: payer)

        try claim(clientRef: clientRef, &state)
        let journalId = state.ids.referenceNumber(length: 16)
        let feeTransactionId = state.ids.referenceNumber(length: 16)
        debit(payer, amount: amount, fee: fee, code: product.code, name: product.title, description: description,
            clientRef: clientRef, sourceId: sourceId, receiver: (id: inquiry.accountId, name: inquiry.name),
            journalId: journalId, &state)
        inquiry.paidBy = clientRef
        state.e2pay.moneyOut.bankInquiries[inquiryId] = inquiry
        state.e2pay.moneyOut.payments[clientRef] = E2PayPayment(
            kind: product.code, clientRef: clientRef, payer: payer.accountId, journalId: journalId,
            amountMinor: amount.minorUnits, tipMinor: 0, feeMinor: fee.minorUnits, counterparty: inquiry.name,
            atMilliseconds: front.now.millisecondsSince1970)
        let bankName = directory.bank(inquiry.bankId)?.name ?? inquiry.bankId
        let stamp = JSONValue.string(front.now.description)
        var answer: JSONObject = [
            "accountSrcId": .string(payer.accountId), "accountDstId": .string(inquiry.accountId),
            "amount": amount.jsonNumber, "feeAmount": fee.jsonNumber, "accountGroupId": isMerchantRoute ? "02" : "01",
            "accountGroupName": isMerchantRoute ? "M-Bayar Merchant" : "M-Bayar Customer", "accountGroupEmail": .null,
            "clientRef": .string(clientRef),
            "description": .string(description), "transactionTimestamp": stamp, "accountDstName": .string(inquiry.name),
        ]
        switch product {
        case .ibft:
            answer["transactionCodeId"] = "IBFT"
            answer["journalId"] = .string(journalId)
            answer["clientTimestamp"] = stamp
            answer["accountSrcName"] = .string(payer.name)
            answer["feeAccountId"] = "FEE-IBFT"
            answer["feeConfigId"] = .string(inquiry.channel)
            answer["feeTransactionId"] = .string(feeTransactionId)
            answer["transferType"] = .string(inquiry.channel)
        case .sdp:
            if isMerchantRoute {
                answer["responseCode"] = "00"
                answer["responseMessage"] = "Success"
                answer["journalId"] = .string(journalId)
                answer["correlationId"] = .string(feeTransactionId)
            }
            answer["id"] = .string(journalId)
            answer["transactionStatus"] = "SUCCESS"
            answer["totalAmount"] = (amount.plus(fee)).jsonNumber
            answer["bankName"] = .string(bankName)
        }
        return .object(answer)
    }

    /// The bank (on `product`'s list, active) and the beneficiary account (known, active).
    private func resolve(_ product: BankProduct, bankId: String, accountId: String)
        throws(E2PayRefusal) -> (E2PayBankDirectory.Bank, E2PayBankDirectory.Beneficiary)
    {
        guard let bank = directory.bank(bankId), bank.lists.contains(product.rawValue) else {
            throw E2PayRefusal(.entityNotFound,
                "bankId \(bankId) is not on the \(product.code) bank list (GET \(product.listPath))")
        }
        guard bank.active else { throw E2PayRefusal(.invalidAccount, "bank \(bankId) is not active") }
        guard let beneficiary = directory.beneficiary(accountId, at: bank, transfers: front.fixtures.transfers) else {
            throw E2PayRefusal(.accountNotFound,
                "no account \(accountId) at \(bankId) in the fixtures (e2pay-banks.json, beneficiaries.json)")
        }
        guard beneficiary.status == .active else {
            throw E2PayRefusal(.invalidAccount, "account \(accountId) at \(bankId) is \(beneficiary.status.rawValue)")
        }
        return (bank, beneficiary)
    }

    /// The disbursement inquiry's `Signature` header: Base64(HMAC-SHA256(key = client secret,
    /// `accountId:bankId:amount`)) with the amount in whole rupiah. Missing `F1`, wrong `Q1`, both naming the header.
    func checkSignature(accountId: String, bankId: String, amount: Amount) throws(E2PayRefusal) {
        let stringToSign = "\(accountId):\(bankId):\(amount.minorUnits / 100)"
        let how = "Base64(HMAC-SHA256(client_secret, \"\(stringToSign)\"))"
        guard let header = request.headers["Signature"], !header.isEmpty else {
            throw E2PayRefusal(.emptyField, "Signature (header) = \(how)")
        }
        guard amount.minorUnits % 100 == 0 else {
            throw E2PayRefusal(.validationError, "amount must be whole rupiah: the Signature signs it as an integer")
        }
        let secret = front.fixtures.partners[service.session.clientId]?.clientSecret ?? ""
        let expected = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: Array(secret.utf8))
        guard let sent = Base64.decode(header), sent == expected else {
            throw E2PayRefusal(.authenticationFailed, "Signature header does not match: send \(how)")
        }
    }
}
