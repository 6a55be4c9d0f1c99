import SNAPCrypto
import SimJSON

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
        // Keys are parsed now so that a bad key is a load problem, not a 401 on the partner's first request.
        var parsedPublicKey: RSA.PublicKey?
        if let publicKey {
            do {
                parsedPublicKey = try RSA.PublicKey(pem: publicKey)
            } catch {
                problems.add(node["publicKey"] ?? node, "not a usable RSA public key (\(error)): paste the output of `openssl pkey -pubout` (-----BEGIN PUBLIC KEY----- …)")
            }
        }
        if let privateKey {
            do {
                let parsed = try RSA.PrivateKey(pem: privateKey)
                if let parsedPublicKey, parsed.publicKey != parsedPublicKey {
                    problems.add(node["privateKey"] ?? node, "does not match publicKey: they must be one key pair (`openssl pkey -in key.pem -pubout`)")
                }
            } catch {
                problems.add(node["privateKey"] ?? node, "not a usable RSA private key (\(error)): paste the output of `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`")
            }
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
