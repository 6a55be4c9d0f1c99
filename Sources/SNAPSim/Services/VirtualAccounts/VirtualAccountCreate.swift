import SimJSON

/// VA create (service 27): opens a VA under a biller's prefix for one bill (`trxId`).
///
/// Idempotent on trxId: the same trxId with the same payload answers the VA again; with another payload it is
/// `404xx18 Inconsistent Request`. A number already in use by a live VA of another trxId is `409xx00 Conflict`.
struct VirtualAccountCreate: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountCreate

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the VA is created (or the same create is retried)"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "a field has the wrong form (partnerServiceId 8 characters, customerNo digits ≤ 20, virtualAccountNo = partnerServiceId + customerNo, virtualAccountTrxType C/O/I/V, totalAmount \"10000.00\" IDR, expiredDate ISO-8601 in the future, minAmount/maxAmount)"
            ),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "partnerServiceId, customerNo, virtualAccountNo, virtualAccountName, trxId or (for a non-open VA) totalAmount is missing"
            ),
            ServiceAnswer(
                SNAPError.partnerNotFound,
                "no biller in virtual-accounts.json has this partnerServiceId, or the biller is not open to the partner"
            ),
            ServiceAnswer(SNAPError.inconsistentRequest, "trxId was used before with another payload"),
            ServiceAnswer(SNAPError.conflict, "the virtualAccountNo is in use by a live VA of another trxId"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        state.openVirtualAccounts(request.fixtures)
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let name = try fields.required("virtualAccountName", maxLength: 255)
        let email = try fields.string("virtualAccountEmail", required: false, maxLength: 255)
        let phone = try fields.string("virtualAccountPhone", required: false, maxLength: 30)
        let trxId = try fields.required("trxId", maxLength: 64)
        let type = try Self.trxType(fields, required: false) ?? .closed
        let total = try fields.amount("totalAmount", required: type != .open) ?? .zero
        let expiry = try Self.expiry(fields, after: request.time)
        let additionalInfo = try VirtualAccountRendering.keptAdditionalInfo(fields)
        let limits = try Self.limits(fields)

        guard let biller = request.fixtures.virtualAccounts.biller(identity.partnerServiceId),
            biller.partners?.contains(request.caller.clientId) ?? true
        else {
            let known = request.fixtures.virtualAccounts.billers.values
                .filter { $0.partners?.contains(request.caller.clientId) ?? true }.map(\.partnerServiceId).sorted()
            throw SNAPError.partnerNotFound.explained([
                "summary": .string(
                    "no biller with partnerServiceId \"\(identity.partnerServiceId)\" for this partner (known: \(known.joined(separator: ", ")))"
                )
            ])
        }
        let fingerprint = JSONValue.object(fields.object).canonicalText
        if let existing = state.virtualAccounts.account(trxId: trxId), !existing.deleted {
            guard existing.fingerprint == fingerprint else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string(
                        "trxId \(trxId) already created VA \(existing.virtualAccountNo) with another payload")
                ])
            }
            return .snap(
                key: ServiceAnswer.success.key,
                fields: ["virtualAccountData": .object(VirtualAccountRendering.data(existing))])
        }
        if let existing = state.virtualAccounts.account(identity.virtualAccountNo), !existing.deleted {
            throw SNAPError.conflict.explained([
                "summary": .string(
                    "VA \(identity.virtualAccountNo) is already in use for trxId \(existing.trxId); delete it first or use another customerNo"
                )
            ])
        }
        let account = VirtualAccount(
            partnerServiceId: identity.partnerServiceId, customerNo: identity.customerNo,
            virtualAccountNo: identity.virtualAccountNo, name: name, email: email, phone: phone, trxId: trxId,
            trxType: type,
            totalAmount: total, minAmount: limits.minimum, maxAmount: limits.maximum, expiresAt: expiry?.time,
            expiredDateText: expiry?.text, active: limits.active ?? true, merchantAccountNo: biller.accountNo,
            additionalInfo: additionalInfo, createdAt: request.time, fingerprint: fingerprint)
        state.virtualAccounts.store(account)
        return .snap(
            key: ServiceAnswer.success.key,
            fields: ["virtualAccountData": .object(VirtualAccountRendering.data(account))])
    }

    /// `virtualAccountTrxType`: C, O, I or V.
    static func trxType(_ fields: RequestFields, required: Bool) throws(SNAPError) -> VirtualAccountTrxType? {
        guard let text = try fields.string("virtualAccountTrxType", required: required, maxLength: 1) else {
            return nil
        }
        guard let type = VirtualAccountTrxType(rawValue: text) else {
            throw fields.format(
                "virtualAccountTrxType", "must be C (closed), O (open), I (partial) or V (variable)",
                received: .string(text))
        }
        return type
    }

    /// `expiredDate`, which must lie after `now`.
    static func expiry(_ fields: RequestFields, after now: SimTime) throws(SNAPError) -> (time: SimTime, text: String)?
    {
        guard let stamp = try fields.timestamp("expiredDate", required: false),
            let text = fields.object["expiredDate"]?.stringValue
        else { return nil }
        guard stamp.time > now else {
            throw fields.format(
                "expiredDate", "must be in the future (simulator time is \(now))", received: .string(text))
        }
        return (stamp.time, text)
    }

    /// `additionalInfo.virtualAccountConfig`: DOKU's minAmount, maxAmount and status (ACTIVE/INACTIVE).
    static func limits(_ fields: RequestFields) throws(SNAPError)
        -> (minimum: Amount?, maximum: Amount?, active: Bool?)
    {
        guard let info = try fields.object("additionalInfo", required: false),
            let config = try info.object("virtualAccountConfig", required: false)
        else { return (nil, nil, nil) }
        func amount(_ name: String) throws(SNAPError) -> Amount? {
            guard let text = try config.string(name, required: false, maxLength: 19) else { return nil }
            guard let units = Amount.parseValue(text) else {
                throw config.format(
                    name, "must be digits with two decimals, e.g. \"10000.00\"", received: .string(text))
            }
            return Amount(minorUnits: units)
        }
        let minimum = try amount("minAmount")
        let maximum = try amount("maxAmount")
        if let minimum, let maximum, maximum < minimum {
            throw config.format(
                "maxAmount", "must not be below minAmount \(minimum.value)", received: .string(maximum.value))
        }
        var active: Bool?
        if let status = try config.string("status", required: false, maxLength: 8) {
            guard status == "ACTIVE" || status == "INACTIVE" else {
                throw config.format("status", "must be ACTIVE or INACTIVE", received: .string(status))
            }
            active = status == "ACTIVE"
        }
        return (minimum, maximum, active)
    }
}
