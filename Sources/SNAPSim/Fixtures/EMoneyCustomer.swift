import SimJSON

/// An e-money customer as the fixtures declare it: who, which tier, and the opening balances.
public struct EMoneyCustomer: Codable, Sendable, Hashable {
    /// The phone number in `08…` form, as partners send `customerNumber`.
    public var customerNumber: String
    /// Full name, answered masked.
    public var name: String
    /// Name of a ``Tier``.
    public var tier: String
    /// Opening balance.
    public var balance: Amount
    /// Already topped up in the month the partner's ledger opens (see ``Ledger/open(at:)``).
    public var toppedUpThisMonth: Amount
    /// Whether the customer may transact.
    public var status: CustomerStatus
    /// Top-ups to this customer are accepted pending and settle on the clock (``PendingTopUpPlan``).
    public var pendingTopUp: PendingTopUpPlan?

    /// A customer; amounts default to zero and status to active.
    public init(
        customerNumber: String, name: String, tier: String, balance: Amount, toppedUpThisMonth: Amount = .zero,
        status: CustomerStatus = .active, pendingTopUp: PendingTopUpPlan? = nil
    ) {
        self.customerNumber = customerNumber
        self.name = name
        self.tier = tier
        self.balance = balance
        self.toppedUpThisMonth = toppedUpThisMonth
        self.status = status
        self.pendingTopUp = pendingTopUp
    }

    /// Whether `text` is a customer number partners may send: `08` then digits, at most `maxLength` long.
    public static func isWellFormedNumber(_ text: String, maxLength: Int = 16) -> Bool {
        // The string's own bytes: `Array(text.utf8)` allocated a copy on every top-up and inquiry.
        let check = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            bytes.count >= 3 && bytes.count <= maxLength && bytes[0] == UInt8(ascii: "0")
                && bytes[1] == UInt8(ascii: "8") && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        return text.utf8.withContiguousStorageIfAvailable(check) ?? Array(text.utf8).withUnsafeBufferPointer(check)
    }

    static let fields = ["customerNumber", "name", "tier", "balance", "toppedUpThisMonth", "status", "pendingTopUp", "note"]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> EMoneyCustomer? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let number = node.string("customerNumber", required: true, &problems)
        let name = node.string("name", required: true, maxLength: 255, &problems)
        let tier = node.string("tier", required: true, &problems)
        let balance = node.amount("balance", required: true, &problems)
        let topped = node.amount("toppedUpThisMonth", required: false, &problems) ?? .zero
        let status = node.choice("status", required: false, of: CustomerStatus.allCases.map(\.rawValue), &problems)
        _ = node.string("note", required: false, &problems)
        let pending = node["pendingTopUp"].flatMap { PendingTopUpPlan.read($0, &problems) }
        if let number, !isWellFormedNumber(number) {
            problems.add(node["customerNumber"] ?? node, "\"\(number)\" is not a customer number: write 08 followed by digits, at most 16 characters")
            return nil
        }
        // Returned even with a bad balance so that its tier is still checked; the set is rejected anyway.
        guard let number, let name, let tier else { return nil }
        return EMoneyCustomer(
            customerNumber: number, name: name, tier: tier, balance: balance ?? .zero, toppedUpThisMonth: topped,
            status: status.flatMap(CustomerStatus.init(rawValue:)) ?? .active, pendingTopUp: pending)
    }
}

/// Whether an e-money customer may transact, and the SNAP refusal when not.
public enum CustomerStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case active
    /// Closed or not activated: `403xx18 Inactive Card/Account/Customer`.
    case inactive
    /// Unused for long: `403xx09 Dormant Account`.
    case dormant
    /// Blocked by the provider: `403xx05 Do Not Honor`.
    case blocked

    /// The refusal for a customer in this status, `nil` when active.
    public var refusal: SNAPError? {
        switch self {
        case .active: nil
        case .inactive: SNAPError(httpStatus: 403, caseCode: "18")
        case .dormant: SNAPError(httpStatus: 403, caseCode: "09")
        case .blocked: SNAPError(httpStatus: 403, caseCode: "05")
        }
    }
}
