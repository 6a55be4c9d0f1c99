import SimJSON

/// A biller: the merchant behind a VA prefix (`partnerServiceId`), and the merchant account its VA payments
/// credit. A VA can be created only under a biller's prefix.
public struct VirtualAccountBiller: Sendable, Hashable {
    /// The prefix digits without padding (`"88899"`); requests write it padded to eight characters.
    public var partnerServiceId: String
    public var name: String
    /// A merchant account of `accounts` credited by every payment, `nil` to credit nothing.
    public var accountNo: String?
    /// Partners (client ids) that may create VAs under it; `nil` lets every partner.
    public var partners: [String]?

    static let fields = ["partnerServiceId", "name", "accountNo", "partners", "note"]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> VirtualAccountBiller? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let prefix = node.string("partnerServiceId", required: true, maxLength: 8, &problems)
        let name = node.string("name", required: true, maxLength: 255, &problems)
        let accountNo = node.string("accountNo", required: false, maxLength: 32, &problems)
        let partners = node.strings("partners", required: false, &problems)
        _ = node.string("note", required: false, &problems)
        guard let prefix, let name else { return nil }
        let digits = prefix.trimmingLeadingSpaces
        guard VirtualAccountNumbering.isPrefix(digits) else {
            problems.add(node["partnerServiceId"] ?? node, "must be 1 to 8 digits (requests pad it with spaces to 8)")
            return nil
        }
        return VirtualAccountBiller(partnerServiceId: digits, name: name, accountNo: accountNo, partners: partners)
    }
}

/// The fixtures' billers and ready-made VAs (`virtual-accounts.json`).
public struct VirtualAccountFixtures: Sendable {
    /// Billers by prefix digits.
    public var billers: [String: VirtualAccountBiller]
    /// VAs every partner's book opens with.
    public var accounts: [VirtualAccount]

    /// No billers and no VAs.
    public init(billers: [String: VirtualAccountBiller] = [:], accounts: [VirtualAccount] = []) {
        self.billers = billers
        self.accounts = accounts
    }

    /// The biller of a padded or bare prefix.
    public func biller(_ partnerServiceId: String) -> VirtualAccountBiller? {
        billers[partnerServiceId.trimmingLeadingSpaces]
    }

    static let accountFields = [
        "partnerServiceId", "customerNo", "virtualAccountName", "virtualAccountEmail", "virtualAccountPhone", "trxId",
        "virtualAccountTrxType", "totalAmount", "minAmount", "maxAmount", "expiredDate", "active", "note",
    ]

    /// Reads one fixture VA; its biller must be among `billers`.
    static func readAccount(
        _ node: FixtureNode, billers: [String: VirtualAccountBiller], _ problems: inout FixtureProblems
    )
        -> VirtualAccount?
    {
        guard node.expectObject(allowed: accountFields, &problems) else { return nil }
        let prefix = node.string("partnerServiceId", required: true, maxLength: 8, &problems)
        let customerNo = node.string("customerNo", required: true, maxLength: 20, &problems)
        let name = node.string("virtualAccountName", required: true, maxLength: 255, &problems)
        let email = node.string("virtualAccountEmail", required: false, maxLength: 255, &problems)
        let phone = node.string("virtualAccountPhone", required: false, maxLength: 30, &problems)
        let trxId = node.string("trxId", required: true, maxLength: 64, &problems)
        let type = node.choice(
            "virtualAccountTrxType", required: true,
            of: VirtualAccountTrxType.allCases.map(\.rawValue), &problems
        ).flatMap(VirtualAccountTrxType.init(rawValue:))
        let total = node.amount("totalAmount", required: type != .open, &problems) ?? .zero
        let minimum = node.amount("minAmount", required: false, &problems)
        let maximum = node.amount("maxAmount", required: false, &problems)
        let expiredText = node.string("expiredDate", required: false, maxLength: 35, &problems)
        let active = node.bool("active", required: false, &problems) ?? true
        _ = node.string("note", required: false, &problems)
        var expiresAt: SimTime?
        if let expiredText {
            expiresAt = ISO8601Timestamp(expiredText)?.time
            if expiresAt == nil {
                problems.add(node["expiredDate"] ?? node, "must be ISO-8601 with zone, e.g. 2030-01-01T00:00:00+07:00")
            }
        }
        if let customerNo, !VirtualAccountNumbering.isDigits(customerNo) {
            problems.add(node["customerNo"] ?? node, "must be digits")
        }
        guard let prefix, let customerNo, let name, let trxId, let type else { return nil }
        guard let biller = billers[prefix.trimmingLeadingSpaces] else {
            problems.add(
                node["partnerServiceId"] ?? node,
                "no biller \"\(prefix)\" in virtualAccountBillers (known: \(billers.keys.sorted().joined(separator: ", ")))"
            )
            return nil
        }
        let padded = VirtualAccountNumbering.padded(biller.partnerServiceId)
        return VirtualAccount(
            partnerServiceId: padded, customerNo: customerNo, virtualAccountNo: padded + customerNo, name: name,
            email: email,
            phone: phone, trxId: trxId, trxType: type, totalAmount: total, minAmount: minimum, maxAmount: maximum,
            expiresAt: expiresAt, expiredDateText: expiredText, active: active, merchantAccountNo: biller.accountNo,
            additionalInfo: [:], createdAt: SimTime(millisecondsSince1970: 0), fingerprint: "")
    }
}

/// How VA numbers are written: an eight-character `partnerServiceId` (digits left-padded with spaces) followed
/// by the digits of `customerNo`.
enum VirtualAccountNumbering {
    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// 1–8 digits.
    static func isPrefix(_ digits: String) -> Bool { isDigits(digits) && digits.utf8.count <= 8 }

    /// The prefix padded with leading spaces to eight characters.
    static func padded(_ digits: String) -> String {
        String(repeating: " ", count: max(0, 8 - digits.count)) + digits
    }
}

extension String {
    /// The text without its leading spaces (a padded `partnerServiceId`'s digits).
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
