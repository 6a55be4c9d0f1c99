import SimJSON

/// The steps customer and merchant P2P transfers share: recording a request, and checking that a confirmation
/// names the request it confirms. Who may send and who may receive stays with each service.
extension PartnerState {
    /// Records a transfer request whose parties the caller has checked: a `clientRef` at most once (`04`), a fresh
    /// request id. Answers the request echoed with its `transactionRequestId`.
    mutating func recordE2PayTransferRequest(
        accountSrc: String, accountDst: String, units: Int64, sourceId: String, fields: E2PayForm
    ) throws(E2PayRefusal) -> JSONValue {
        let clientRef = fields["clientRef"] ?? ""
        if !clientRef.isEmpty, e2pay.clientRefs.contains(clientRef) {
            throw E2PayRefusal(.duplicateTransaction, "clientRef \(clientRef) was already used")
        }
        if !clientRef.isEmpty { e2pay.clientRefs.insert(clientRef) }
        let request = E2PayTransferRequest(
            id: ids.referenceNumber(length: 12), accountSrc: accountSrc, accountDst: accountDst,
            amount: Amount(minorUnits: units), transactionCodeId: fields["transactionCodeId"] ?? "P2P",
            description: fields["description"] ?? "", clientRef: clientRef, sourceId: sourceId)
        e2pay.transferRequests[request.id] = request
        return [
            "accountSrc": .string(accountSrc), "accountDst": .string(accountDst), "amount": request.amount.jsonNumber,
            "transactionCodeId": .string(request.transactionCodeId), "description": .string(request.description),
            "clientRef": .string(clientRef), "sourceId": .string(sourceId), "transactionRequestId": .string(request.id),
        ]
    }

    /// The request `requestId` as a confirmation of `owner` (`"customer"` or `"merchant"`, sending from
    /// `ownerAccount`) must name it: unknown or another's `E1`, a differing account or amount `95`, confirmed
    /// already `04`. The password is the caller's to check.
    func e2payTransferToConfirm(
        _ requestId: String, fields: E2PayForm, owner: String, ownerAccount: String
    ) throws(E2PayRefusal) -> E2PayTransferRequest {
        guard let request = e2pay.transferRequests[requestId], request.accountSrc == ownerAccount else {
            throw E2PayRefusal(.entityNotFound, "transactionRequestId \(requestId) was not requested by this \(owner)")
        }
        for (name, expected) in [("accountSrc", request.accountSrc), ("accountDst", request.accountDst)] {
            let sent = try fields.required(name)
            guard sent == expected else { throw E2PayRefusal(.validationError, "\(name) \(sent) differs from the request's \(expected)") }
        }
        let amountText = try fields.required("amount")
        guard E2PayAmount.parse(amountText) == request.amount.minorUnits else {
            throw E2PayRefusal(.validationError, "amount \(amountText) differs from the request's \(request.amount.value)")
        }
        guard !request.confirmed else { throw E2PayRefusal(.duplicateTransaction, "transactionRequestId \(requestId) was already confirmed") }
        return request
    }
}
