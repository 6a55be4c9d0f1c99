import SimJSON

/// A merchant or corporate account answered by balance inquiry (seeds 002 and 003).
public struct MerchantAccount: Codable, Sendable, Hashable {
    /// The account number partners send as `accountNo`.
    public var accountNo: String
    /// Merchant name, answered as `name`.
    public var name: String
    /// Merchant Seller ID (seed 003); a request's `additionalInfo.msId` must equal it.
    public var msId: String?
    /// Four digits, echoed in each accountInfo.
    public var registrationStatusCode: String
    /// `0001` active, `0002` closed, `0004` new, `0006` restricted, `0007` frozen, `0009` dormant.
    public var status: String
    /// One entry per balance type, in fixture order.
    public var accountInfos: [AccountBalance]

    /// An account; statuses default to active.
    public init(
        accountNo: String, name: String, msId: String? = nil, registrationStatusCode: String = "0001",
        status: String = "0001", accountInfos: [AccountBalance]
    ) {
        self.accountNo = accountNo
        self.name = name
        self.msId = msId
        self.registrationStatusCode = registrationStatusCode
        self.status = status
        self.accountInfos = accountInfos
    }

    /// SNAP account status values (ASPI informasi-saldo).
    public static let statuses = ["0001", "0002", "0004", "0006", "0007", "0009"]

    static let fields = ["accountNo", "name", "msId", "registrationStatusCode", "status", "accountInfos", "note"]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> MerchantAccount? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let accountNo = node.string("accountNo", required: true, maxLength: 32, &problems)
        let name = node.string("name", required: true, maxLength: 140, &problems)
        let msId = node.string("msId", required: false, maxLength: 20, &problems)
        let registration = node.string("registrationStatusCode", required: true, &problems)
        let status = node.choice("status", required: true, of: statuses, &problems)
        _ = node.string("note", required: false, &problems)
        if let registration, registration.utf8.count != 4 || !registration.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            problems.add(node["registrationStatusCode"] ?? node, "must be four digits, e.g. \"0001\"")
        }
        var infos: [AccountBalance] = []
        var typesSeen: [String: JSONPointer] = [:]
        for infoNode in node.array("accountInfos", required: true, &problems) ?? [] {
            guard let info = AccountBalance.read(infoNode, &problems) else { continue }
            if let first = typesSeen[info.balanceType] {
                problems.add(infoNode, "duplicate balanceType \"\(info.balanceType)\" (first at \(first))")
            }
            typesSeen[info.balanceType] = infoNode.pointer
            infos.append(info)
        }
        if let infoNodes = node.array("accountInfos", required: false, &problems), infoNodes.isEmpty {
            problems.add(node["accountInfos"] ?? node, "needs at least one balance (balanceType \"BALANCE\")")
        }
        guard let accountNo, let name, let registration, let status else { return nil }
        return MerchantAccount(
            accountNo: accountNo, name: name, msId: msId, registrationStatusCode: registration, status: status,
            accountInfos: infos)
    }
}

/// One `accountInfos` element: every balance of seed 002 for one balance type.
public struct AccountBalance: Codable, Sendable, Hashable {
    /// E.g. `BALANCE`; a request's `balanceTypes` selects by it.
    public var balanceType: String
    /// Total balance.
    public var amount: Amount
    /// Funds in transit.
    public var floatAmount: Amount
    /// Funds on hold.
    public var holdAmount: Amount
    /// What may be spent now.
    public var availableBalance: Amount
    /// Book balance.
    public var ledgerBalance: Amount
    /// Current multilateral limit.
    public var currentMultilateralLimit: Amount

    /// One balance type's amounts.
    public init(
        balanceType: String, amount: Amount, floatAmount: Amount, holdAmount: Amount, availableBalance: Amount,
        ledgerBalance: Amount, currentMultilateralLimit: Amount
    ) {
        self.balanceType = balanceType
        self.amount = amount
        self.floatAmount = floatAmount
        self.holdAmount = holdAmount
        self.availableBalance = availableBalance
        self.ledgerBalance = ledgerBalance
        self.currentMultilateralLimit = currentMultilateralLimit
    }

    static let amountFields = [
        "amount", "floatAmount", "holdAmount", "availableBalance", "ledgerBalance", "currentMultilateralLimit",
    ]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> AccountBalance? {
        guard node.expectObject(allowed: ["balanceType"] + amountFields, &problems) else { return nil }
        let type = node.string("balanceType", required: true, maxLength: 70, &problems)
        let amounts = amountFields.map { node.amount($0, required: true, &problems) }
        guard let type, amounts.allSatisfy({ $0 != nil }) else { return nil }
        let values = amounts.compactMap { $0 }
        return AccountBalance(
            balanceType: type, amount: values[0], floatAmount: values[1], holdAmount: values[2],
            availableBalance: values[3], ledgerBalance: values[4], currentMultilateralLimit: values[5])
    }
}
