import SimJSON

/// Whose history a request asks for, and how its movements are written.
struct HistoryAccount {
    let holder: MovementHolder

    /// The customer of the B2B2C token, else `additionalInfo.accountNo` (a merchant account) or
    /// `additionalInfo.customerNumber` (an e-money customer, `08…` or in the profile's prefix form).
    init(_ request: ServiceRequest, _ ledger: Ledger) throws(SNAPError) {
        if let customer = request.caller.customerNumber {
            holder = .customer(customer)
            return
        }
        let info = try request.fields.object("additionalInfo", required: false)
        if let accountNo = try info?.string("accountNo", required: false, maxLength: 32) {
            guard ledger.account(accountNo) != nil else {
                throw SNAPError.invalidAccount().explained(
                    ["summary": .string("no merchant account \(accountNo) in the fixtures (accounts.json)")])
            }
            holder = .account(accountNo)
        } else if var number = try info?.string("customerNumber", required: false, maxLength: 32) {
            if let prefix = request.exchange.route.dialect.customerNumberPrefix, number.hasPrefix(prefix) {
                number = "0" + number.dropFirst(prefix.count)
            }
            guard ledger.customer(number) != nil else {
                throw SNAPError.invalidAccount().explained(
                    ["summary": .string("no e-money customer \(number) in the fixtures (customers.json)")])
            }
            holder = .customer(number)
        } else {
            throw SNAPError.invalidMandatoryField("additionalInfo.accountNo").explained([
                "summary": "say whose history: a customer token (Authorization-Customer), additionalInfo.accountNo or additionalInfo.customerNumber",
            ])
        }
    }

    static let answers: [ServiceAnswer] = [
        ServiceAnswer(SNAPError.invalidMandatoryField(""), "no customer token, additionalInfo.accountNo or additionalInfo.customerNumber says whose history"),
        ServiceAnswer(SNAPError.invalidAccount(), "additionalInfo.accountNo or customerNumber is not in the ledger"),
    ]
}

extension LedgerMovement {
    /// As `detailData` (12) and the detail answer (13) write it.
    var historyFields: JSONObject {
        var fields: JSONObject = [
            "dateTime": .string(ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)),
            "amount": amount.json,
            "remark": .string(remark),
            "sourceOfFunds": [["source": "BALANCE", "amount": balanceEffect.json]],
            "status": .string(status.rawValue),
            "type": .string(type.rawValue),
        ]
        var info: JSONObject = ["direction": .string(direction.rawValue), "serviceCode": .string(service.rawValue)]
        if let referenceNo { info["referenceNo"] = .string(referenceNo) }
        if let partnerReferenceNo { info["partnerReferenceNo"] = .string(partnerReferenceNo) }
        if fee.minorUnits != 0 { info["feeAmount"] = fee.json }
        fields["additionalInfo"] = .object(info)
        return fields
    }
}

/// Transaction history list (service 12): the account's movements in a time range, newest first, a page at a
/// time (ASPI: pageSize ≤ 50, default 10; pageNumber from 0; range at most one month, default the last month).
struct TransactionHistoryList: SNAPService {
    let descriptor = ServiceDescriptor.transactionHistoryList
    static let maximumRange = Duration.seconds(31 * 24 * 3600)

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length, pageSize is not 1–50, pageNumber not 0–99, fromDateTime after toDateTime or more than 31 days before it"),
        ] + HistoryAccount.answers
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let from = try fields.timestamp("fromDateTime", required: false)?.time
        let to = try fields.timestamp("toDateTime", required: false)?.time
        let pageSize = try Self.integer(fields, "pageSize", in: 1...50) ?? 10
        let pageNumber = try Self.integer(fields, "pageNumber", in: 0...99) ?? 0
        let account = try HistoryAccount(request, state.ledger)
        let end = to ?? (from.map { $0 + Self.maximumRange } ?? request.time)
        let start = from ?? SimTime(millisecondsSince1970: end.millisecondsSince1970 - Self.maximumRange.wholeMilliseconds)
        guard start <= end else {
            throw fields.format("fromDateTime", "must not be after toDateTime", received: fields.object["fromDateTime"] ?? .null)
        }
        guard end - start <= Self.maximumRange else {
            throw fields.format("toDateTime", "must be at most 31 days after fromDateTime (ASPI: one month)",
                received: fields.object["toDateTime"] ?? .null)
        }
        let movements = state.ledger.history(of: account.holder).filter { $0.time >= start && $0.time <= end }
        let page = movements.dropFirst(pageSize * pageNumber).prefix(pageSize)
        var answer: JSONObject = ["referenceNo": .string(request.referenceNumber(&state))]
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["detailData"] = .array(page.map { .object($0.historyFields) })
        answer["additionalInfo"] = [
            "pageSize": .int(pageSize), "pageNumber": .int(pageNumber), "totalRecords": .int(movements.count),
            "hasMore": .string(movements.count > pageSize * (pageNumber + 1) ? "Y" : "N"),
        ]
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }

    /// A whole number sent as a JSON number or a string of digits (ASPI's own sample sends `"10"`).
    static func integer(_ fields: RequestFields, _ field: String, in range: ClosedRange<Int>) throws(SNAPError) -> Int? {
        guard let value = fields.object[field], value != .null else { return nil }
        let number: Int?
        switch value {
        case .string(let text): number = Int(text)
        default: number = value.compactText.allSatisfy(\.isNumber) ? Int(value.compactText) : nil
        }
        guard let number, range.contains(number) else {
            throw fields.format(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound)", received: value)
        }
        return number
    }
}

/// Transaction history detail (service 13): the account's movement of one transaction, by partnerReferenceNo.
struct TransactionHistoryDetail: SNAPService {
    let descriptor = ServiceDescriptor.transactionHistoryDetail

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "originalPartnerReferenceNo is longer than 64"),
            ServiceAnswer(SNAPError.transactionNotFound, "the account has no movement with that partnerReferenceNo"),
        ] + HistoryAccount.answers
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let reference = try request.fields.required("originalPartnerReferenceNo", maxLength: 64)
        let account = try HistoryAccount(request, state.ledger)
        guard let movement = state.ledger.history(of: account.holder).first(where: { $0.partnerReferenceNo == reference })
        else {
            throw SNAPError.transactionNotFound.explained(
                ["summary": .string("no movement with partnerReferenceNo \(reference) on this account")])
        }
        var answer: JSONObject = ["referenceNo": .string(movement.referenceNo ?? request.referenceNumber(&state))]
        answer["partnerReferenceNo"] = .string(reference)
        for (key, value) in movement.historyFields.members { answer[key] = value }
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
