import SimHTTP
import SimJSON

/// A merchant's transfer to another M-Bayar account (a customer, or another merchant's account): inquiry →
/// request → confirm with the merchant's password, as the customer's P2P. Paths inferred (docs/e2pay.md).
extension E2PayMerchantService {
    /// Who an `accountId` is: a customer (by number) or a merchant (by account or username).
    private func destination(_ id: String, _ state: PartnerState) -> (holder: MovementHolder, name: String, type: String)? {
        if let customer = state.ledger.customer(id) {
            let premium = customer.customer.tier == E2PayLimits.premiumTier
            return (.customer(id), customer.customer.name, premium ? "CUSTOMER_PREMIUM" : "CUSTOMER_BASIC")
        }
        let accountNo = state.e2pay.merchant(id, front.fixtures)?.accountNo ?? id
        guard let account = state.ledger.accounts[accountNo] else { return nil }
        return (.account(accountNo), account.name, "MERCHANT")
    }

    /// `GET /b2b/merchant/me/transaction/inquiry?accountID=` → the destination's id, name and type.
    func transferInquiry(_ state: PartnerState) throws(E2PayRefusal) -> JSONValue {
        _ = try merchant(state)
        let query = front.request
        guard let id = query.queryValue("accountID") ?? query.queryValue("accountId") ?? query.queryValue("phone"),
            !id.isEmpty
        else { throw E2PayRefusal(.emptyField, "accountID (query)") }
        guard let found = destination(id, state) else { throw E2PayRefusal(.accountNotFound, "no account \(id)") }
        let accountId: String
        switch found.holder {
        case .customer(let number): accountId = number
        case .account(let number): accountId = number
        }
        return ["accountId": .string(accountId), "accountName": .string(found.name), "accountType": .string(found.type)]
    }

    /// `POST /b2b/merchant/me/transaction/request` → `transactionRequestId`.
    func transferRequest(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let merchant = try merchant(state)
        let fields = try E2PayForm.json(front.request)
        let accountSrc = try fields.required("accountSrc")
        let accountDst = try fields.required("accountDst")
        let amountText = try fields.required("amount")
        let sourceId = try fields.required("sourceId")
        guard let units = E2PayAmount.parse(amountText), units > 0 else {
            throw E2PayRefusal(.validationError, "amount must be a positive number of rupiah, not \(amountText)")
        }
        guard accountSrc == merchant.accountNo else {
            throw E2PayRefusal(.invalidAccount, "accountSrc \(accountSrc) is not the logged-in merchant's account \(merchant.accountNo)")
        }
        guard destination(accountDst, state) != nil, accountDst != accountSrc else {
            throw E2PayRefusal(.accountNotFound, "accountDst \(accountDst) is no other M-Bayar account")
        }
        return try state.recordE2PayTransferRequest(
            accountSrc: accountSrc, accountDst: accountDst, units: units, sourceId: sourceId, fields: fields)
    }

    /// `POST /b2b/merchant/me/transaction/confirm`: the merchant account pays; a customer receiver's limits apply (`05`).
    func transferConfirm(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let merchant = try merchant(state)
        let fields = try E2PayForm.json(front.request)
        let requestId = try fields.required("transactionRequestId")
        let password = try fields.required("password")
        _ = try fields.required("sourceId")
        try E2PayFront.checkMD5(password)
        var request = try state.e2payTransferToConfirm(
            requestId, fields: fields, owner: "merchant", ownerAccount: merchant.accountNo)
        guard password == self.password(of: merchant.username, state) else {
            throw E2PayRefusal(.authenticationFailed, "wrong password for \(merchant.username)")
        }
        let source = MovementHolder.account(merchant.accountNo)
        let available = state.ledger.spendable(source) ?? .zero
        guard available >= request.amount else {
            throw E2PayRefusal(.insufficientFund, "balance \(available.value) is below \(request.amount.value)")
        }
        guard let receiver = destination(request.accountDst, state) else {
            throw E2PayRefusal(.accountNotFound, "accountDst \(request.accountDst) is no longer an account")
        }
        switch receiver.holder {
        case .customer(let number):
            try state.ledger.e2payCredit(number, request.amount, fixtures: front.fixtures, at: front.now)
        case .account(let accountNo):
            state.ledger.credit(account: accountNo, request.amount)
        }
        state.ledger.debit(source, request.amount)
        request.confirmed = true
        state.e2pay.transferRequests[requestId] = request
        let journalId = state.ids.referenceNumber(length: 16)
        let dstId: String
        switch receiver.holder {
        case .customer(let number): dstId = number
        case .account(let number): dstId = number
        }
        let sender = (id: merchant.accountNo, name: merchant.name)
        let receiving = (id: dstId, name: receiver.name)
        for (id, name, holder, isCredit) in [
            (merchant.accountNo, merchant.name, source, false), (dstId, receiver.name, receiver.holder, true),
        ] {
            state.e2pay.recordMovement(
                &state.ids, journalId: journalId, code: request.transactionCodeId, name: "Transfer to other account",
                description: request.description, clientRef: request.clientRef, sourceId: request.sourceId,
                accountId: id, accountName: name, balance: state.ledger.spendable(holder) ?? .zero, amount: request.amount,
                isCredit: isCredit, sender: sender, receiver: receiving, at: front.now)
        }
        return [
            "accountSrcId": .string(merchant.accountNo), "accountDstId": .string(dstId),
            "amount": request.amount.jsonNumber, "transactionCodeId": .string(request.transactionCodeId),
            "description": .string(request.description), "clientRef": .string(request.clientRef),
            "transactionRequestId": .string(requestId), "clientTimestamp": .string(front.now.description),
            "transactionTimestamp": .string(front.now.description), "journalId": .string(journalId),
            "accountSrcName": .string(merchant.name), "accountDstName": .string(receiver.name),
            "sourceId": .string(request.sourceId),
        ]
    }
}
