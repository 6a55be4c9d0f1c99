import SimJSON

/// One row of an account's E2Pay history (Check History): a credit or a debit of one account.
struct E2PayHistoryRow: Codable, Sendable, Hashable {
    let accountTransactionId: String
    let journalId: String
    let time: SimTime
    let transactionCode: String
    let transactionName: String
    let description: String
    let clientRef: String
    let sourceId: String
    let accountId: String
    let accountName: String
    let amount: Amount
    /// `true` for money in.
    let isCredit: Bool
    /// The balance after the movement.
    let balance: Amount
    let sender: Party
    let receiver: Party

    /// An account on either side of the movement.
    struct Party: Codable, Sendable {
        let id: String
        let name: String
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.accountTransactionId == rhs.accountTransactionId }
    func hash(into hasher: inout Hasher) { hasher.combine(accountTransactionId) }

    var json: JSONValue {
        [
            "accountTransactionId": .string(accountTransactionId), "journalId": .string(journalId),
            "transactionTimestamp": .string(time.description), "transactionCode": .string(transactionCode),
            "transactionName": .string(transactionName), "description": .string(description),
            "clientRef": .string(clientRef), "sourceId": .string(sourceId), "accountId": .string(accountId),
            "accountName": .string(accountName), "amount": amount.jsonNumber, "feeAmount": Amount.zero.jsonNumber,
            "creditAmount": (isCredit ? amount : .zero).jsonNumber, "debitAmount": (isCredit ? .zero : amount).jsonNumber,
            "balance": balance.jsonNumber, "senderAccountId": .string(sender.id), "senderAccountName": .string(sender.name),
            "receiverAccountId": .string(receiver.id), "receiverAccountName": .string(receiver.name),
            "responseCode": "00", "responseMessage": "Success",
        ]
    }

    /// The value a history filter or sort reads, by its query name.
    func value(_ field: String) -> String? {
        switch field {
        case "accountTransactionId": accountTransactionId
        case "journalId": journalId
        case "clientRef": clientRef
        case "transactionCode": transactionCode
        case "transactionName": transactionName
        case "description": description
        case "sourceId": sourceId
        case "senderAccountId": sender.id
        case "senderAccountName": sender.name
        case "receiverAccountId": receiver.id
        case "receiverAccountName": receiver.name
        case "responseCode": "00"
        case "responseMessage": "Success"
        default: nil
        }
    }
}

/// A P2P transfer requested and waiting for its confirmation with the customer's password.
struct E2PayTransferRequest: Codable, Sendable, Hashable {
    let id: String
    let accountSrc: String
    let accountDst: String
    let amount: Amount
    let transactionCodeId: String
    let description: String
    let clientRef: String
    let sourceId: String
    var confirmed = false
}

extension E2PayBook {
    /// Appends a history row for `accountId` after a movement of `amount` (its balance now `balance`).
    mutating func recordMovement(
        _ ids: inout IDGenerator, journalId: String, code: String, name: String, description: String, clientRef: String,
        sourceId: String, account: CustomerAccount, amount: Amount, isCredit: Bool,
        sender: (id: String, name: String), receiver: (id: String, name: String), at now: SimTime
    ) {
        recordMovement(
            &ids, journalId: journalId, code: code, name: name, description: description, clientRef: clientRef,
            sourceId: sourceId, accountId: account.customerNumber, accountName: account.customer.name,
            balance: account.balance, amount: amount, isCredit: isCredit, sender: sender, receiver: receiver, at: now)
    }

    /// Appends a history row for any account (a customer or a merchant's account), its balance after being `balance`.
    mutating func recordMovement(
        _ ids: inout IDGenerator, journalId: String, code: String, name: String, description: String, clientRef: String,
        sourceId: String, accountId: String, accountName: String, balance: Amount, amount: Amount, isCredit: Bool,
        sender: (id: String, name: String), receiver: (id: String, name: String), at now: SimTime
    ) {
        history.append(E2PayHistoryRow(
            accountTransactionId: ids.referenceNumber(length: 16), journalId: journalId, time: now,
            transactionCode: code, transactionName: name, description: description, clientRef: clientRef,
            sourceId: sourceId, accountId: accountId, accountName: accountName, amount: amount,
            isCredit: isCredit, balance: balance, sender: .init(id: sender.id, name: sender.name),
            receiver: .init(id: receiver.id, name: receiver.name)))
    }
}
