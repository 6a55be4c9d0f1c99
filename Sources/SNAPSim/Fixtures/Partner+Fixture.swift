import Foundation

/// Reading partners from `partners.json`.
extension Partner {
    static let fields = [
        "clientId", "name", "clientSecret", "publicKey", "privateKey", "channelId", "signing", "services", "profile",
        "note",
    ]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> Partner? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let clientId = node.string("clientId", required: true, maxLength: 64, &problems)
        let name = node.string("name", required: true, maxLength: 140, &problems)
        let secret = node.string("clientSecret", required: true, &problems)
        let publicKey = node.string("publicKey", required: true, &problems)
        let privateKey = node.string("privateKey", required: false, &problems)
        let channelId = node.string("channelId", required: false, maxLength: 20, &problems)
        let signing = node.choice("signing", required: true, of: ["symmetric", "asymmetric"], &problems)
        let services = node.strings("services", required: false, &problems)
        let profile = node.string("profile", required: false, &problems)
        let note = node.string("note", required: false, &problems)
        if let clientId, clientId.contains(where: { $0.isWhitespace || !$0.isASCII }) {
            problems.add(node["clientId"] ?? node, "must be visible ASCII without spaces: partners send it in X-PARTNER-ID")
        }
        if let publicKey, !PEMText.looksLike(publicKey, labels: ["PUBLIC KEY", "RSA PUBLIC KEY"]) {
            problems.add(node["publicKey"] ?? node, "not a PEM public key: paste the output of `openssl pkey -pubout` (-----BEGIN PUBLIC KEY----- …)")
        }
        if let privateKey, !PEMText.looksLike(privateKey, labels: ["PRIVATE KEY", "RSA PRIVATE KEY"]) {
            problems.add(node["privateKey"] ?? node, "not a PEM private key (-----BEGIN PRIVATE KEY----- …)")
        }
        for (index, service) in (services ?? []).enumerated() where ServiceDescriptor.named(service) == nil {
            problems.add(node.file, node.pointer.appending("services").appending(String(index)),
                "unknown service \"\(service)\" (known: \(ServiceDescriptor.knownNames))")
        }
        // Returned despite problems in optional parts, so cross-references (profile) are still checked;
        // the set as a whole is rejected anyway.
        guard let clientId, let name, let secret, let publicKey, let signing else { return nil }
        return Partner(
            clientId: clientId, name: name, clientSecret: secret, publicKey: publicKey, privateKey: privateKey,
            channelId: channelId, signing: SigningMode(rawValue: signing) ?? .symmetric, services: services,
            profile: profile, note: note)
    }
}

/// A shape check of PEM text (armour and Base64), for load-time messages before any key is parsed.
enum PEMText {
    static func looksLike(_ text: String, labels: [String]) -> Bool {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard let first = lines.first, let last = lines.last, lines.count >= 3 else {
            return isBase64(text.filter { !$0.isWhitespace })
        }
        guard let label = labels.first(where: { first == "-----BEGIN \($0)-----" }), last == "-----END \(label)-----"
        else { return false }
        return isBase64(lines.dropFirst().dropLast().joined())
    }

    private static func isBase64(_ text: String) -> Bool {
        !text.isEmpty && Data(base64Encoded: text) != nil
    }
}
