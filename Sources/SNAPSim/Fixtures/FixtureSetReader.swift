import SNAPCrypto
import SimJSON

/// Reads a whole fixture set: parses files, gathers sections, reads each, then checks cross references.
struct FixtureSetReader {
    static let sections = ["simulator", "partners", "customers", "accounts", "tiers", "responseCodes", "rules", "profiles", "authCodes",
        "virtualAccountBillers", "virtualAccounts", "transfers", "merchants", "notifications"] + payoutSections
        + [e2paySection]
        + e2payMoneyOutSections

    var problems = FixtureProblems()
    /// Section name → the nodes holding it, in file order.
    var sections: [String: [FixtureNode]] = [:]

    mutating func read(_ files: [(path: String, contents: String)]) throws(FixtureLoadError) -> LoadedFixtures {
        for file in files { gather(file.path, file.contents) }

        let (security, engine) = readSimulator()
        let catalogue = readCatalogue()
        let tiers = readUnique("tiers", key: \Tier.name, what: "tier", Tier.read)
        let profiles = readUnique("profiles", key: \Profile.name, what: "profile", Profile.read)
        let partners = readUnique("partners", key: \Partner.clientId, what: "partner", Partner.read)
        let customers = readUnique("customers", key: \EMoneyCustomer.customerNumber, what: "customer", EMoneyCustomer.read)
        let accounts = readUnique("accounts", key: \MerchantAccount.accountNo, what: "account", MerchantAccount.read)
        let authCodes = readUnique("authCodes", key: \AuthCode.code, what: "authCode", AuthCode.read)
        let transfers = readTransfers()
        let merchants = readUnique("merchants", key: \QRISMerchant.merchantId, what: "merchant", QRISMerchant.read)
        let partnerIds = Set(partners.map(\.value.clientId))
        let virtualAccounts = readVirtualAccounts(accountNos: Set(accounts.map(\.value.accountNo)), partnerIds: partnerIds)
        let e2pay = readE2Pay(customerNumbers: Set(customers.map(\.value.customerNumber)),
            accountNos: Set(accounts.map(\.value.accountNo)),
            servesE2Pay: profiles.contains { $0.value.routes.contains { $0.security == .e2pay } })
        let e2payCodes = Set(e2pay.codes.map(\.code))
        let rules = readUnique("rules", key: \Rule.id, what: "rule") { (node, problems: inout FixtureProblems) in
            Rule.read(node, catalogue: catalogue, partnerIds: partnerIds, e2payCodes: e2payCodes, &problems)
        }

        let profileNames = profiles.map(\.value.name)
        if profiles.isEmpty {
            problems.add("profiles/", JSONPointer(tokens: []), "no profile: add profiles/snap.json with the standard SNAP paths")
        } else if !profileNames.contains(engine.value.defaultProfile) {
            problems.add(engine.node?.file ?? "simulator.json", engine.node?.pointer.appending("defaultProfile") ?? "",
                "unknown profile \"\(engine.value.defaultProfile)\" (known: \(profileNames.joined(separator: ", ")))")
        }
        for (partner, node) in partners {
            let profile = partner.profile ?? engine.value.defaultProfile
            if partner.profile != nil, !profileNames.contains(profile) {
                problems.add(node["profile"] ?? node, "unknown profile \"\(profile)\" (known: \(profileNames.joined(separator: ", ")))")
            }
            // A provider that signs one way only cannot have partners that sign the other way.
            if let required = profiles.first(where: { $0.value.name == profile })?.value.dialect.signing,
                required != partner.signing
            {
                problems.add(node["signing"] ?? node,
                    "the \(profile) profile signs \(required.rawValue)ally; this partner signs \(partner.signing.rawValue)ally")
            }
        }
        let customerNumbers = Set(customers.map(\.value.customerNumber))
        for (code, node) in authCodes where !customerNumbers.contains(code.customerNumber) {
            problems.add(node["customerNumber"] ?? node, "unknown customer \"\(code.customerNumber)\" (write it as in customers.json, 08…)")
        }
        let tierNames = tiers.map(\.value.name)
        for (customer, node) in customers where !tierNames.contains(customer.tier) {
            problems.add(node["tier"] ?? node, "unknown tier \"\(customer.tier)\" (known: \(tierNames.joined(separator: ", ")))")
        }
        let accountNos = Set(accounts.map(\.value.accountNo))
        for (merchant, node) in merchants where !accountNos.contains(merchant.accountNo) {
            problems.add(node["accountNo"] ?? node, "unknown account \"\(merchant.accountNo)\": payments settle into a merchant account of the accounts section")
        }
        checkCatalogueCompleteness(catalogue)

        let payouts = readPayouts(accountNos: Set(accounts.map(\.value.accountNo)), partnerIds: partnerIds)
        let notifications = readNotifications(profileNames: profileNames, partnerIds: partnerIds)
        let e2payBanks = readE2PayBanks()

        guard problems.isEmpty else { throw FixtureLoadError(problems: problems.list) }
        var loaded = LoadedFixtures(
            security: security,
            partners: Dictionary(partners.map { ($0.value.clientId, $0.value) }, uniquingKeysWith: { first, _ in first }),
            catalogue: catalogue,
            router: Router(profiles: profiles.map(\.value), defaultProfile: engine.value.defaultProfile),
            ledger: Ledger(customers: customers.map(\.value), accounts: accounts.map(\.value),
                topUpRecordLimit: engine.value.topUpRecordLimit),
            tiers: Dictionary(tiers.map { ($0.value.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
            rules: RuleBook(rules.map(\.value)),
            profiles: profiles.map(\.value),
            engine: engine.value,
            sourceFiles: files.map(\.path),
            authCodes: Dictionary(authCodes.map { ($0.value.code, $0.value) }, uniquingKeysWith: { first, _ in first }),
            virtualAccounts: virtualAccounts, transfers: transfers,
            merchants: Dictionary(merchants.map { ($0.value.merchantId, $0.value) }, uniquingKeysWith: { first, _ in first }))
        loaded.payouts = payouts
        loaded.notifications = notifications
        loaded.e2pay = e2pay
        loaded.e2payBanks = e2payBanks
        // The keys of issues 19 and 21 live with their providers; the outbox signs with them by name.
        for merchant in payouts.merchants.values {
            guard let pem = merchant.notificationPrivateKey, let key = try? RSA.PrivateKey(pem: pem) else { continue }
            let name = PayoutMerchant.notificationKeyName(merchant.merchantId)
            loaded.notifications.keys[name] = NotificationKey(
                name: name, privateKey: key, publicKeyPEM: key.publicKey.pemRepresentation)
        }
        let platform = SmilePayzPlatformKey.notificationKeyName
        loaded.notifications.keys[platform] = NotificationKey(
            name: platform, privateKey: SmilePayzPlatformKey.privateKey, publicKeyPEM: SmilePayzPlatformKey.publicKeyPEM)
        return loaded
    }

    /// The `notifications` section (keys, profiles' settings, endpoints); at most one.
    private mutating func readNotifications(profileNames: [String], partnerIds: Set<String>) -> NotificationSettings {
        let nodes = sections["notifications"] ?? []
        for extra in nodes.dropFirst() {
            problems.add(extra, "a second \"notifications\" section (the first is in \(nodes[0].file)): keep one")
        }
        return nodes.first.map {
            NotificationSettings.read($0, profileNames: profileNames, partnerIds: partnerIds, &problems)
        } ?? NotificationSettings()
    }

    // MARK: - Files

    private mutating func gather(_ path: String, _ contents: String) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(contents)
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: contents)
            problems.add(path, "", "invalid JSON at line \(line), column \(column): \(error.reason)")
            return
        }
        let root = FixtureNode(file: path, value: document)
        guard let members = root.members(&problems) else { return }
        if members.isEmpty { problems.add(root, "empty: a fixture file holds one or more of \(Self.sections.joined(separator: ", "))") }
        for member in members where !member.key.hasPrefix("_") {
            guard Self.sections.contains(member.key) else {
                problems.add(member.node, "unknown section \"\(member.key)\" (known: \(Self.sections.joined(separator: ", ")))")
                continue
            }
            sections[member.key, default: []].append(member.node)
        }
    }

    private static func lineAndColumn(of offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    // MARK: - Sections

    private mutating func readSimulator() -> (SecuritySettings, (value: EngineSettings, node: FixtureNode?)) {
        var security = SecuritySettings()
        var engine = EngineSettings()
        var engineNode: FixtureNode?
        let nodes = sections["simulator"] ?? []
        for extra in nodes.dropFirst() {
            problems.add(extra, "a second \"simulator\" section (the first is in \(nodes[0].file)): keep one")
        }
        if let node = nodes.first, node.expectObject(allowed: ["security", "engine"], &problems) {
            if let securityNode = node["security"] {
                security = SecuritySettings.read(securityNode, &problems) ?? security
            }
            if let node = node["engine"] {
                engine = EngineSettings.read(node, &problems)
                engineNode = node
            }
        }
        return (security, (engine, engineNode))
    }

    /// The `transfers` section (banks, beneficiaries, channels); at most one.
    private mutating func readTransfers() -> TransferDirectory {
        let nodes = sections["transfers"] ?? []
        for extra in nodes.dropFirst() {
            problems.add(extra, "a second \"transfers\" section (the first is in \(nodes[0].file)): keep one")
        }
        return nodes.first.map { TransferDirectory.read($0, &problems) } ?? TransferDirectory()
    }

    private mutating func readCatalogue() -> ResponseCatalogue {
        let entries = readUnique("responseCodes", key: \ResponseCatalogue.Entry.pattern, what: "code", CatalogueFile.read)
        if !entries.isEmpty, !entries.contains(where: { $0.value.key == CaseKey(httpStatus: 200, caseCode: "00") && $0.value.service == nil }) {
            problems.add(entries[0].node.file, "/responseCodes", "missing 200xx00, the success of every service")
        }
        return ResponseCatalogue(entries: entries.map(\.value))
    }

    /// Reads every element of a section's arrays, reporting duplicates of `key` with where the first was.
    mutating func readUnique<T>(
        _ section: String, key: KeyPath<T, String>, what: String,
        _ read: (FixtureNode, inout FixtureProblems) -> T?
    ) -> [(value: T, node: FixtureNode)] {
        var result: [(value: T, node: FixtureNode)] = []
        var seen: [String: FixtureNode] = [:]
        for sectionNode in sections[section] ?? [] {
            guard case .array(let elements) = sectionNode.value else {
                problems.add(sectionNode, "expected an array of \(what)s, found \(sectionNode.value.typeName)")
                continue
            }
            for (index, element) in elements.enumerated() {
                let node = FixtureNode(file: sectionNode.file, pointer: sectionNode.pointer.appending(String(index)), value: element)
                guard let value = read(node, &problems) else { continue }
                let id = value[keyPath: key]
                if let first = seen[id] {
                    problems.add(node, "duplicate \(what) \"\(id)\" (first defined at \(first.file) \(first.pointer))")
                    continue
                }
                seen[id] = node
                result.append((value, node))
            }
        }
        return result
    }

    /// Billers (each crediting a known merchant account, open to known partners) and the VAs under them.
    private mutating func readVirtualAccounts(accountNos: Set<String>, partnerIds: Set<String>) -> VirtualAccountFixtures {
        let billers = readUnique("virtualAccountBillers", key: \VirtualAccountBiller.partnerServiceId, what: "biller",
            VirtualAccountBiller.read)
        for (biller, node) in billers {
            if let accountNo = biller.accountNo, !accountNos.contains(accountNo) {
                problems.add(node["accountNo"] ?? node, "unknown merchant account \"\(accountNo)\" (add it to accounts)")
            }
            for partner in biller.partners ?? [] where !partnerIds.contains(partner) {
                problems.add(node["partners"] ?? node, "unknown partner \"\(partner)\"")
            }
        }
        let byPrefix = Dictionary(billers.map { ($0.value.partnerServiceId, $0.value) }, uniquingKeysWith: { first, _ in first })
        let accounts = readUnique("virtualAccounts", key: \VirtualAccount.numberKey, what: "virtual account") {
            (node, problems: inout FixtureProblems) in VirtualAccountFixtures.readAccount(node, billers: byPrefix, &problems)
        }
        return VirtualAccountFixtures(billers: byPrefix, accounts: accounts.map(\.value))
    }

    /// Every code a service can answer by its own behaviour must be worded by the catalogue.
    private mutating func checkCatalogueCompleteness(_ catalogue: ResponseCatalogue) {
        guard let file = sections["responseCodes"]?.first?.file else {
            problems.add("response-codes.json", "", "no response codes: add response-codes.json with the general SNAP table")
            return
        }
        var missing: [String] = []
        for (service, answers) in ServiceRegistry.answersByService {
            for answer in answers where !catalogue.contains(answer.key, service: service.code) {
                missing.append("\(answer.key) (\(service.name): \(answer.when))")
            }
        }
        for answer in ServiceRegistry.commonAnswers where !catalogue.contains(answer.key) {
            missing.append("\(answer.key) (every service: \(answer.when))")
        }
        for security in [RouteSecurity.transaction, .bearer] {
            for answer in PipelineAnswers.security(security) where !catalogue.contains(answer.key) {
                missing.append("\(answer.key) (security pipeline: \(answer.when))")
            }
        }
        for entry in Set(missing).sorted() {
            problems.add(file, "/responseCodes", "missing \(entry): add it to the catalogue")
        }
    }
}
