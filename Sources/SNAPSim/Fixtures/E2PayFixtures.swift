import SimJSON

/// One row of E2Pay's response-code table (`e2pay.json` `responseCodes`): the code, E2Pay's message and the
/// HTTP status snapsim sends it with (E2Pay documents none).
public struct E2PayCodeEntry: Sendable, Hashable, Codable {
    public var code: String
    public var message: String
    public var httpStatus: Int
    /// When snapsim answers it, for listings.
    public var meaning: String?
}

/// What `e2pay.json` holds for the `e2pay` profile (issue 13): the response-code table, token and OTP lifetimes
/// and customers' login passwords. Code says how each is used; the fixture says what they are.
public struct E2PayFixtures: Sendable, Hashable {
    /// The table in file order.
    public var codes: [E2PayCodeEntry] = []
    /// Access tokens (host and user) live this long.
    public var accessTokenLifetime: Duration = .seconds(3600)
    /// Refresh tokens live this long.
    public var refreshTokenLifetime: Duration = .seconds(24 * 3600)
    /// Authorization codes from the login live this long (used once).
    public var authorizationCodeLifetime: Duration = .seconds(300)
    /// Registration, phone-change and e-mail-change tokens stay valid this many minutes.
    public var otpMinutes = 5
    /// The MD5 (upper-case hex) password of every account without its own.
    public var defaultPassword = "E10ADC3949BA59ABBE56E057F20F883E"
    /// Login passwords (MD5, upper-case hex) by customer number, over ``defaultPassword``.
    public var passwords: [String: String] = [:]
    /// M-Bayar merchants by username.
    public var merchants: [String: E2PayMerchant] = [:]

    private var byCode: [String: E2PayCodeEntry] = [:]

    public init() {}

    /// The entry for `code`; a code the table lacks (only in a fixture set built in code) reads as a 500.
    public func entry(_ code: String) -> E2PayCodeEntry {
        byCode[code] ?? E2PayCodeEntry(code: code, message: "(not in e2pay.json)", httpStatus: 500, meaning: nil)
    }

    /// Whether the table has `code`.
    public func contains(_ code: String) -> Bool { byCode[code] != nil }

    /// The fixture password of an account: its own, else the default.
    public func password(of username: String) -> String { passwords[username] ?? defaultPassword }

    mutating func add(_ entry: E2PayCodeEntry) {
        codes.append(entry)
        byCode[entry.code] = entry
    }
}

extension FixtureSetReader {
    static let e2paySection = "e2pay"
    static let e2payFields = [
        "accessTokenSeconds", "refreshTokenSeconds", "authorizationCodeSeconds", "otpMinutes", "defaultPassword",
        "passwords", "merchants", "responseCodes",
    ]

    /// The `e2pay` section (at most one). When the fixtures serve an `e2pay` route, every code the code refers to
    /// (``E2PayResponseCode/referenced``) must be in its table.
    mutating func readE2Pay(customerNumbers: Set<String>, accountNos: Set<String>, servesE2Pay: Bool) -> E2PayFixtures {
        var fixtures = E2PayFixtures()
        let nodes = sections[Self.e2paySection] ?? []
        for extra in nodes.dropFirst() {
            problems.add(extra, "a second \"e2pay\" section (the first is in \(nodes[0].file)): keep one")
        }
        guard let node = nodes.first else {
            if servesE2Pay {
                problems.add("e2pay.json", "", "the e2pay profile is served but no \"e2pay\" section gives its response codes")
            }
            return fixtures
        }
        guard node.expectObject(allowed: Self.e2payFields, &problems) else { return fixtures }
        let day = 86_400
        if let seconds = node.integer("accessTokenSeconds", required: false, in: 1...day, &problems) {
            fixtures.accessTokenLifetime = .seconds(seconds)
        }
        if let seconds = node.integer("refreshTokenSeconds", required: false, in: 1...(30 * day), &problems) {
            fixtures.refreshTokenLifetime = .seconds(seconds)
        }
        if let seconds = node.integer("authorizationCodeSeconds", required: false, in: 1...day, &problems) {
            fixtures.authorizationCodeLifetime = .seconds(seconds)
        }
        if let minutes = node.integer("otpMinutes", required: false, in: 1...1440, &problems) { fixtures.otpMinutes = minutes }
        if let password = node.string("defaultPassword", required: false, &problems) {
            if Self.isMD5(password, node["defaultPassword"] ?? node, &problems) { fixtures.defaultPassword = password }
        }
        for merchantNode in node.array("merchants", required: false, &problems) ?? [] {
            guard merchantNode.expectObject(allowed: ["username", "name", "email", "accountNo", "note"], &problems) else { continue }
            let username = merchantNode.string("username", required: true, &problems)
            let name = merchantNode.string("name", required: true, maxLength: 140, &problems)
            let email = merchantNode.string("email", required: false, &problems)
            let accountNo = merchantNode.string("accountNo", required: true, &problems)
            _ = merchantNode.string("note", required: false, &problems)
            guard let username, let name, let accountNo else { continue }
            if !EMoneyCustomer.isWellFormedNumber(username) {
                problems.add(merchantNode["username"] ?? merchantNode, "a merchant's username is its phone, 08 followed by digits")
            }
            if !accountNos.contains(accountNo) {
                problems.add(merchantNode["accountNo"] ?? merchantNode, "unknown merchant account \"\(accountNo)\" (add it to an accounts section)")
            }
            if fixtures.merchants[username] != nil || customerNumbers.contains(username) {
                problems.add(merchantNode["username"] ?? merchantNode, "username \"\(username)\" is already a customer or merchant")
                continue
            }
            fixtures.merchants[username] = E2PayMerchant(
                username: username, name: name, email: email, phone: username, accountNo: accountNo)
        }
        for (username, passwordNode) in node["passwords"]?.members(&problems) ?? [] {
            guard case .string(let password) = passwordNode.value else {
                problems.add(passwordNode, "expected the MD5 of the password in upper-case hex, found \(passwordNode.value.typeName)")
                continue
            }
            if !customerNumbers.contains(username), fixtures.merchants[username] == nil {
                problems.add(passwordNode, "unknown customer \"\(username)\" (write it as in customers.json, 08…, or a merchant's username)")
            }
            if Self.isMD5(password, passwordNode, &problems) { fixtures.passwords[username] = password }
        }
        for entryNode in node.array("responseCodes", required: true, &problems) ?? [] {
            guard entryNode.expectObject(allowed: ["code", "message", "httpStatus", "meaning"], &problems) else { continue }
            let code = entryNode.string("code", required: true, maxLength: 4, &problems)
            let message = entryNode.string("message", required: true, &problems)
            let status = entryNode.integer("httpStatus", required: true, in: 200...599, &problems)
            let meaning = entryNode.string("meaning", required: false, &problems)
            guard let code, let message, let status else { continue }
            if fixtures.contains(code) {
                problems.add(entryNode, "duplicate code \"\(code)\"")
                continue
            }
            fixtures.add(E2PayCodeEntry(code: code, message: message, httpStatus: status, meaning: meaning))
        }
        if servesE2Pay {
            let missing = E2PayResponseCode.referenced.map(\.code).filter { !fixtures.contains($0) }
            if !missing.isEmpty {
                problems.add(node, "responseCodes lacks \(missing.joined(separator: ", ")): the e2pay profile answers them")
            }
        }
        return fixtures
    }

    private static func isMD5(_ text: String, _ node: FixtureNode, _ problems: inout FixtureProblems) -> Bool {
        let ok = text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (65...70).contains($0) }
        if !ok { problems.add(node, "expected the MD5 of the password in upper-case hex (32 characters), e.g. E10ADC3949BA59ABBE56E057F20F883E for 123456") }
        return ok
    }
}
