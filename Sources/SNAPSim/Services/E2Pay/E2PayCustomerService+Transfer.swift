import SimHTTP
import SimJSON

/// P2P transfer to another M-Bayar account (inquiry → request → confirm) and Check History.
extension E2PayCustomerService {
    /// `GET /b2b/customer/me/transaction/inquiry?accountID=&phone=` → the destination's id, name and type.
    func transferInquiry(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        _ = try user(state)
        let query = front.request
        guard let id = query.queryValue("accountID") ?? query.queryValue("accountId") ?? query.queryValue("phone"),
            !id.isEmpty
        else { throw E2PayRefusal(.emptyField, "accountID (query)") }
        guard let account = state.ledger.customer(id) else { throw E2PayRefusal(.accountNotFound, "no account \(id)") }
        return [
            "accountId": .string(id), "accountName": .string(account.customer.name),
            "accountType": .string(account.customer.tier == E2PayLimits.premiumTier ? "CUSTOMER_PREMIUM" : "CUSTOMER_BASIC"),
        ]
    }

    /// `POST /b2b/customer/me/transaction/request` → `transactionRequestId`; a reused `clientRef` is `04`.
    func transferRequest(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let source = try user(state)
        let fields = try E2PayForm.json(front.request)
        let accountSrc = try fields.required("accountSrc")
        let accountDst = try fields.required("accountDst")
        let amountText = try fields.required("amount")
        let sourceId = try fields.required("sourceId")
        guard let units = E2PayAmount.parse(amountText), units > 0 else {
            throw E2PayRefusal(.validationError, "amount must be a positive number of rupiah, not \(amountText)")
        }
        guard accountSrc == source.customerNumber else {
            throw E2PayRefusal(.invalidAccount, "accountSrc \(accountSrc) is not the logged-in customer \(source.customerNumber)")
        }
        guard state.ledger.customer(accountDst) != nil, accountDst != accountSrc else {
            throw E2PayRefusal(.accountNotFound, "accountDst \(accountDst) is no other M-Bayar account")
        }
        return try state.recordE2PayTransferRequest(
            accountSrc: accountSrc, accountDst: accountDst, units: units, sourceId: sourceId, fields: fields)
    }

    /// `POST /b2b/customer/me/transaction/confirm` with the MD5 password: the money moves, both histories show it.
    /// Wrong password `Q1`, short of funds `51`, over the receiver's `sisaTopup` `05`, confirmed twice `04`.
    func transferConfirm(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let source = try user(state)
        let fields = try E2PayForm.json(front.request)
        let requestId = try fields.required("transactionRequestId")
        let password = try fields.required("password")
        _ = try fields.required("sourceId")
        try E2PayFront.checkMD5(password)
        var request = try state.e2payTransferToConfirm(
            requestId, fields: fields, owner: "customer", ownerAccount: source.customerNumber)
        guard password == state.e2pay.passwords[source.customerNumber] ?? front.fixtures.e2pay.password(of: source.customerNumber) else {
            throw E2PayRefusal(.authenticationFailed, "wrong password for \(source.customerNumber)")
        }
        guard source.balance >= request.amount else {
            throw E2PayRefusal(.insufficientFund, "balance \(source.balance.value) is below \(request.amount.value)")
        }
        try state.ledger.e2payCredit(request.accountDst, request.amount, fixtures: front.fixtures, at: front.now)
        _ = state.ledger.debitForPayment(request.accountSrc, request.amount)
        request.confirmed = true
        state.e2pay.transferRequests[requestId] = request
        let journalId = state.ids.referenceNumber(length: 16)
        guard let src = state.ledger.customer(request.accountSrc), let dst = state.ledger.customer(request.accountDst) else {
            throw E2PayRefusal(.generalError, "the accounts vanished")
        }
        let sender = (id: src.customerNumber, name: src.customer.name)
        let receiver = (id: dst.customerNumber, name: dst.customer.name)
        for (account, isCredit) in [(src, false), (dst, true)] {
            state.e2pay.recordMovement(
                &state.ids, journalId: journalId, code: request.transactionCodeId, name: "Transfer to other account",
                description: request.description, clientRef: request.clientRef, sourceId: request.sourceId,
                account: account, amount: request.amount, isCredit: isCredit, sender: sender, receiver: receiver,
                at: front.now)
        }
        return [
            "accountSrcId": .string(src.customerNumber), "accountDstId": .string(dst.customerNumber),
            "amount": request.amount.jsonNumber, "transactionCodeId": .string(request.transactionCodeId),
            "description": .string(request.description), "clientRef": .string(request.clientRef),
            "transactionRequestId": .string(requestId), "clientTimestamp": .string(front.now.description),
            "transactionTimestamp": .string(front.now.description), "journalId": .string(journalId),
            "accountSrcName": .string(src.customer.name), "accountDstName": .string(dst.customer.name),
            "sourceId": .string(request.sourceId),
        ]
    }
}
