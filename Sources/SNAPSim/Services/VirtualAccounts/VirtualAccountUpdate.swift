import SimJSON

/// VA update (service 28, PUT): changes name, contact, amount, type, expiry or DOKU's
/// `virtualAccountConfig` (status ACTIVE/INACTIVE, minAmount, maxAmount) of a live, unsettled VA.
struct VirtualAccountUpdate: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountUpdate

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the VA is updated"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong form (as for create)"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "partnerServiceId, customerNo, virtualAccountNo or trxId is missing"),
            ServiceAnswer(SNAPError.invalidBill(""), "no such VA, it was deleted, or trxId is not the VA's"),
            ServiceAnswer(SNAPError.paidBill, "the VA is already paid"),
            ServiceAnswer(SNAPError.invalidAmount, "totalAmount would be below what was already paid"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        state.openVirtualAccounts(request.fixtures)
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let name = try fields.string("virtualAccountName", required: false, maxLength: 255)
        let email = try fields.string("virtualAccountEmail", required: false, maxLength: 255)
        let phone = try fields.string("virtualAccountPhone", required: false, maxLength: 30)
        let trxId = try fields.required("trxId", maxLength: 64)
        let type = try VirtualAccountCreate.trxType(fields, required: false)
        let total = try fields.amount("totalAmount", required: false)
        let expiry = try VirtualAccountCreate.expiry(fields, after: request.time)
        let additionalInfo = try VirtualAccountRendering.keptAdditionalInfo(fields)
        let limits = try VirtualAccountCreate.limits(fields)

        var account = try identity.liveAccount(in: state.virtualAccounts)
        try Self.checkTrxId(trxId, of: account)
        if account.isSettled {
            throw SNAPError.paidBill.explained([
                "summary": .string("VA \(account.virtualAccountNo) is paid; it can no longer change")
            ])
        }
        if let total, (type ?? account.trxType) != .open, total < account.paidAmount {
            throw SNAPError.invalidAmount.explained([
                "summary": .string("totalAmount \(total.value) is below the \(account.paidAmount.value) already paid")
            ])
        }
        if let name { account.name = name }
        if let email { account.email = email }
        if let phone { account.phone = phone }
        if let type { account.trxType = type }
        if let total { account.totalAmount = total }
        if let expiry {
            account.expiresAt = expiry.time
            account.expiredDateText = expiry.text
        }
        if !additionalInfo.isEmpty { account.additionalInfo = additionalInfo }
        if let minimum = limits.minimum { account.minAmount = minimum }
        if let maximum = limits.maximum { account.maxAmount = maximum }
        if let active = limits.active { account.active = active }
        let updated = account
        state.virtualAccounts.update(identity.virtualAccountNo) { $0 = updated }
        return .snap(
            key: ServiceAnswer.success.key,
            fields: ["virtualAccountData": .object(VirtualAccountRendering.data(updated))])
    }

    /// A request's trxId must be the VA's own.
    static func checkTrxId(_ trxId: String?, of account: VirtualAccount) throws(SNAPError) {
        guard let trxId, trxId != account.trxId else { return }
        throw SNAPError.invalidBill("trxId").explained([
            "summary": .string("VA \(account.virtualAccountNo) belongs to trxId \(account.trxId), not \(trxId)")
        ])
    }
}

/// VA update status (service 29, PUT): `paidStatus` `Y` marks the bill paid outside the simulator (no more
/// payments are taken, its status becomes 00), `N` takes that mark back.
struct VirtualAccountUpdateStatus: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountUpdateStatus

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the VA's paid status is set"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""), "paidStatus is not Y or N, or an identifying field has the wrong form"
            ),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "partnerServiceId, customerNo, virtualAccountNo, trxId or paidStatus is missing"),
            ServiceAnswer(SNAPError.invalidBill(""), "no such VA, it was deleted, or trxId is not the VA's"),
            ServiceAnswer(SNAPError.paidBill, "paidStatus N for a VA paid in full by payments"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        state.openVirtualAccounts(request.fixtures)
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let trxId = try fields.required("trxId", maxLength: 64)
        let paidStatus = try fields.required("paidStatus", maxLength: 1)
        guard paidStatus == "Y" || paidStatus == "N" else {
            throw fields.format("paidStatus", "must be Y (paid) or N (unpaid)", received: .string(paidStatus))
        }
        _ = try fields.object("additionalInfo", required: false)
        let account = try identity.liveAccount(in: state.virtualAccounts)
        try VirtualAccountUpdate.checkTrxId(trxId, of: account)
        if paidStatus == "N", !account.flaggedPaid, account.isSettled {
            throw SNAPError.paidBill.explained([
                "summary": .string(
                    "VA \(account.virtualAccountNo) was paid in full (\(account.paidAmount.value)); it cannot be marked unpaid"
                )
            ])
        }
        state.virtualAccounts.update(identity.virtualAccountNo) { $0.flaggedPaid = paidStatus == "Y" }
        let data: JSONObject = [
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountNo": .string(account.virtualAccountNo),
            "trxId": .string(account.trxId),
            "paidStatus": .string(paidStatus),
        ]
        return .snap(key: ServiceAnswer.success.key, fields: ["virtualAccountData": .object(data)])
    }
}
