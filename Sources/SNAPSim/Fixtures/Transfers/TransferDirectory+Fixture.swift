import SimJSON

/// Reading the `transfers` section (`fixtures/beneficiaries.json`).
extension TransferDirectory {
    static let fields = ["homeBankCode", "homeBankCodeByProfile", "banks", "beneficiaries", "channels", "note"]
    static let bankFields = ["bankCode", "name", "shortName", "biFast", "note"]
    static let beneficiaryFields = ["accountNo", "bankCode", "name", "accountType", "status", "note"]
    static let channelFields = ["fee", "maximum", "note"]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> TransferDirectory {
        var directory = TransferDirectory()
        guard node.expectObject(allowed: fields, &problems) else { return directory }
        _ = node.string("note", required: false, &problems)
        if let home = node.string("homeBankCode", required: true, maxLength: 11, &problems) {
            directory.homeBankCode = home
        }
        for member in node["homeBankCodeByProfile"]?.members(&problems) ?? [] {
            guard case .string(let code) = member.node.value, !code.isEmpty else {
                problems.add(member.node, "expected a bank code string such as \"014\"")
                continue
            }
            directory.homeBankCodeByProfile[member.key] = code
        }
        for bankNode in node.array("banks", required: true, &problems) ?? [] {
            guard bankNode.expectObject(allowed: bankFields, &problems) else { continue }
            let code = bankNode.string("bankCode", required: true, maxLength: 11, &problems)
            let name = bankNode.string("name", required: true, maxLength: 25, &problems)
            let short = bankNode.string("shortName", required: true, maxLength: 25, &problems)
            let biFast = bankNode.bool("biFast", required: true, &problems)
            _ = bankNode.string("note", required: false, &problems)
            guard let code, let name, let short, let biFast else { continue }
            if directory.banks[code] != nil { problems.add(bankNode, "duplicate bankCode \"\(code)\"") }
            directory.banks[code] = Bank(bankCode: code, name: name, shortName: short, biFast: biFast)
        }
        for accountNode in node.array("beneficiaries", required: true, &problems) ?? [] {
            guard accountNode.expectObject(allowed: beneficiaryFields, &problems) else { continue }
            let accountNo = accountNode.string("accountNo", required: true, maxLength: 32, &problems)
            let bankCode = accountNode.string("bankCode", required: true, &problems)
            let name = accountNode.string("name", required: true, maxLength: 64, &problems)
            let type = accountNode.choice("accountType", required: false, of: ["D", "S"], &problems) ?? "S"
            let status = accountNode.choice(
                "status", required: false, of: CustomerStatus.allCases.map(\.rawValue), &problems)
            _ = accountNode.string("note", required: false, &problems)
            guard let accountNo, let bankCode, let name else { continue }
            if directory.banks[bankCode] == nil {
                problems.add(accountNode["bankCode"] ?? accountNode,
                    "unknown bank \"\(bankCode)\" (known: \(directory.banks.keys.sorted().joined(separator: ", ")))")
            }
            if directory.beneficiaries[accountNo] != nil {
                problems.add(accountNode, "duplicate accountNo \"\(accountNo)\": account numbers are unique across banks")
            }
            directory.beneficiaries[accountNo] = Beneficiary(
                accountNo: accountNo, bankCode: bankCode, name: name, accountType: type,
                status: status.flatMap(CustomerStatus.init(rawValue:)) ?? .active)
        }
        if let channels = node["channels"], channels.expectObject(
            allowed: TransferChannel.allCases.map(\.rawValue), &problems)
        {
            for channel in TransferChannel.allCases {
                guard let termsNode = channels[channel.rawValue] else {
                    problems.add(channels, "missing channel \"\(channel.rawValue)\" (fee and maximum)")
                    continue
                }
                guard termsNode.expectObject(allowed: channelFields, &problems) else { continue }
                let fee = termsNode.amount("fee", required: true, &problems)
                let maximum = termsNode.amount("maximum", required: true, &problems)
                _ = termsNode.string("note", required: false, &problems)
                if let fee, let maximum { directory.channels[channel] = ChannelTerms(fee: fee, maximum: maximum) }
            }
        } else if node["channels"] == nil {
            problems.add(node.file, node.pointer.appending("channels"), "missing required object \"channels\"")
        }
        for code in Set([directory.homeBankCode] + directory.homeBankCodeByProfile.values).sorted()
        where directory.banks[code] == nil {
            problems.add(node["homeBankCode"] ?? node, "home bank \"\(code)\" is not among the banks")
        }
        return directory
    }
}
