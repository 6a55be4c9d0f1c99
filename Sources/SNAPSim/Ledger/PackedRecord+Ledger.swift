import SimBinaryCoding

/// Packed layout 1 of a top-up record: partnerReferenceNo, referenceNo?, externalId?, customerNumber, amount,
/// fingerprint, recordedAt, status, answer (HTTP status, case code, placeholders sorted by name, fields),
/// settledAt?, settlement?.
extension TopUpRecord: PackedRecord {
    static var packedName: String { "top-up record" }

    func pack(into writer: inout PackedWriter) {
        writer.string(partnerReferenceNo)
        writer.optionalString(referenceNo)
        writer.optionalString(externalId)
        writer.string(customerNumber)
        writer.amount(amount)
        writer.string(fingerprint)
        writer.time(recordedAt)
        writer.string(status.rawValue)
        writer.unsigned(UInt64(answer.key.httpStatus))
        writer.string(answer.key.caseCode)
        writer.unsigned(UInt64(answer.placeholders.count))
        // Sorted: the snapshot's bytes do not depend on dictionary order.
        for (name, value) in answer.placeholders.sorted(by: { $0.key < $1.key }) {
            writer.string(name)
            writer.string(value)
        }
        writer.jsonObject(answer.fields)
        if let settledAt {
            writer.byte(1)
            writer.time(settledAt)
        } else {
            writer.byte(0)
        }
        writer.optionalString(settlement)
    }

    init(unpacking reader: inout PackedReader) throws(PackedReader.Damaged) {
        let partnerReferenceNo = try reader.string("partnerReferenceNo")
        let referenceNo = try reader.optionalString("referenceNo")
        let externalId = try reader.optionalString("externalId")
        let customerNumber = try reader.string("customerNumber")
        let amount = try reader.amount("amount")
        let fingerprint = try reader.string("fingerprint")
        let recordedAt = try reader.time("recordedAt")
        let statusText = try reader.string("status")
        guard let status = TransactionStatus(rawValue: statusText) else {
            throw PackedReader.Damaged("status \"\(statusText)\" is not a transaction status")
        }
        let httpStatus = try reader.count("answer.key.httpStatus", atMost: 999)
        let key = CaseKey(httpStatus: httpStatus, caseCode: try reader.string("answer.key.caseCode"))
        let placeholderCount = try reader.count("answer.placeholders", atMost: reader.remaining)
        var placeholders: [String: String] = [:]
        placeholders.reserveCapacity(placeholderCount)
        for _ in 0..<placeholderCount {
            let name = try reader.string("answer.placeholders")
            placeholders[name] = try reader.string("answer.placeholders")
        }
        let fields = try reader.jsonObject("answer.fields")
        self.init(
            partnerReferenceNo: partnerReferenceNo, referenceNo: referenceNo, externalId: externalId,
            customerNumber: customerNumber, amount: amount, fingerprint: fingerprint, recordedAt: recordedAt,
            status: status, answer: RecordedAnswer(key: key, placeholders: placeholders, fields: fields))
        switch try reader.byte("settledAt") {
        case 0: settledAt = nil
        case 1: settledAt = try reader.time("settledAt")
        case let other: throw PackedReader.Damaged("settledAt has presence byte \(other), not 0 or 1")
        }
        settlement = try reader.optionalString("settlement")
    }
}

/// Packed layout 1 of a ledger movement: holder (0 customer, 1 account; its number), type, direction (0 credit,
/// 1 debit), amount, fee, partnerReferenceNo?, referenceNo?, service, time, remark, status.
extension LedgerMovement: PackedRecord {
    static var packedName: String { "ledger movement" }

    func pack(into writer: inout PackedWriter) {
        switch holder {
        case .customer(let number): writer.byte(0); writer.string(number)
        case .account(let number): writer.byte(1); writer.string(number)
        }
        writer.string(type.rawValue)
        writer.byte(direction == .credit ? 0 : 1)
        writer.amount(amount)
        writer.amount(fee)
        writer.optionalString(partnerReferenceNo)
        writer.optionalString(referenceNo)
        writer.string(service.rawValue)
        writer.time(time)
        writer.string(remark)
        writer.string(status.rawValue)
    }

    init(unpacking reader: inout PackedReader) throws(PackedReader.Damaged) {
        let holder: MovementHolder
        switch try reader.byte("holder") {
        case 0: holder = .customer(try reader.string("holder"))
        case 1: holder = .account(try reader.string("holder"))
        case let other: throw PackedReader.Damaged("holder has kind \(other), not 0 (customer) or 1 (account)")
        }
        let type = MovementType(rawValue: try reader.string("type"))
        let direction: MovementDirection
        switch try reader.byte("direction") {
        case 0: direction = .credit
        case 1: direction = .debit
        case let other: throw PackedReader.Damaged("direction is \(other), not 0 (credit) or 1 (debit)")
        }
        let amount = try reader.amount("amount")
        let fee = try reader.amount("fee")
        let partnerReferenceNo = try reader.optionalString("partnerReferenceNo")
        let referenceNo = try reader.optionalString("referenceNo")
        let serviceText = try reader.string("service")
        guard let service = ServiceCode(rawValue: serviceText) else {
            throw PackedReader.Damaged("service \"\(serviceText)\" is not a two-digit service code")
        }
        self.init(
            holder: holder, type: type, direction: direction, amount: amount, fee: fee,
            partnerReferenceNo: partnerReferenceNo, referenceNo: referenceNo, service: service,
            time: try reader.time("time"), remark: try reader.string("remark"),
            status: MovementStatus(rawValue: try reader.string("status")))
    }
}
