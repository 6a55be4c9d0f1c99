import SimJSON

/// The three members that name a VA in every VA request, read and checked against each other.
struct VirtualAccountIdentity {
    /// As the partner wrote it (padded to eight characters).
    let partnerServiceId: String
    let customerNo: String
    let virtualAccountNo: String

    /// Reads `partnerServiceId` (8 characters: spaces then 1–8 digits), `customerNo` (≤ 20 digits) and
    /// `virtualAccountNo` (≤ 28, `partnerServiceId` + `customerNo`, spaces aside).
    init(_ fields: RequestFields) throws(SNAPError) {
        let prefix = try fields.required("partnerServiceId", maxLength: 8)
        guard prefix.count == 8, VirtualAccountNumbering.isPrefix(prefix.trimmingLeadingSpaces) else {
            throw fields.format(
                "partnerServiceId",
                "must be 8 characters: the biller's digits left-padded with spaces, e.g. \"   88899\"",
                received: .string(prefix))
        }
        let customerNo = try fields.required("customerNo", maxLength: 20)
        guard VirtualAccountNumbering.isDigits(customerNo) else {
            throw fields.format("customerNo", "must be digits only", received: .string(customerNo))
        }
        let number = try fields.required("virtualAccountNo", maxLength: 28)
        guard VirtualAccountBook.key(number) == prefix.trimmingLeadingSpaces + customerNo,
            number.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) })
        else {
            throw fields.format(
                "virtualAccountNo", "must be partnerServiceId followed by customerNo (\"\(prefix)\(customerNo)\")",
                received: .string(number))
        }
        partnerServiceId = prefix
        self.customerNo = customerNo
        virtualAccountNo = number
    }

    /// The VA it names; `404xx12 [not found]` when the partner has none with that number.
    func account(in book: VirtualAccountBook) throws(SNAPError) -> VirtualAccount {
        guard let account = book.account(virtualAccountNo) else {
            throw SNAPError.invalidBill("not found").explained([
                "summary": .string(
                    "no virtual account \"\(virtualAccountNo)\" for this partner (create it with create-va, or see virtual-accounts.json)"
                )
            ])
        }
        return account
    }

    /// The VA it names, which must not be deleted.
    func liveAccount(in book: VirtualAccountBook) throws(SNAPError) -> VirtualAccount {
        let account = try account(in: book)
        guard !account.deleted else {
            throw SNAPError.invalidBill("deleted").explained(["summary": .string("VA \(virtualAccountNo) was deleted")])
        }
        return account
    }
}

/// The `virtualAccountData` members shared by the VA answers, in ASPI order.
enum VirtualAccountRendering {
    /// partnerServiceId, customerNo, virtualAccountNo, virtualAccountName, email, phone, trxId, totalAmount,
    /// virtualAccountTrxType, expiredDate, additionalInfo.
    static func data(_ account: VirtualAccount) -> JSONObject {
        var data: JSONObject = [
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountNo": .string(account.virtualAccountNo),
            "virtualAccountName": .string(account.name),
        ]
        if let email = account.email { data["virtualAccountEmail"] = .string(email) }
        if let phone = account.phone { data["virtualAccountPhone"] = .string(phone) }
        data["trxId"] = .string(account.trxId)
        data["totalAmount"] = account.totalAmount.json
        data["virtualAccountTrxType"] = .string(account.trxType.rawValue)
        if let expired = account.expiredDateText { data["expiredDate"] = .string(expired) }
        data["additionalInfo"] = .object(account.additionalInfo)
        return data
    }

    /// `{"english": …, "indonesia": …}` for a status.
    static func reason(_ status: TransactionStatus) -> JSONValue {
        let indonesian: String
        switch status {
        case .success: indonesian = "Sukses"
        case .initiated: indonesian = "Dibuat"
        case .paying: indonesian = "Dibayar Sebagian"
        case .pending: indonesian = "Menunggu Pembayaran"
        case .refunded: indonesian = "Dikembalikan"
        case .canceled: indonesian = "Dibatalkan"
        case .failed: indonesian = "Gagal"
        case .notFound: indonesian = "Tidak Ditemukan"
        }
        return ["english": .string(status.statusDescription), "indonesia": .string(indonesian)]
    }

    /// The `additionalInfo` kept with a VA: the partner's, without the SDK's `origin` block.
    static func keptAdditionalInfo(_ fields: RequestFields) throws(SNAPError) -> JSONObject {
        guard let info = try fields.object("additionalInfo", required: false) else { return [:] }
        return JSONObject(info.object.members.filter { $0.key != "origin" }.map { ($0.key, $0.value) })
    }
}
