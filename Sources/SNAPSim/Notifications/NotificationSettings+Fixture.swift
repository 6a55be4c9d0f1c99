import SNAPCrypto
import SimJSON

/// Reading the `notifications` section (`fixtures/notifications.json`).
extension NotificationSettings {
    static let kindNames = NotificationKind.allCases.map(\.rawValue)

    static func read(_ node: FixtureNode, profileNames: [String], partnerIds: Set<String>, _ problems: inout FixtureProblems)
        -> NotificationSettings
    {
        var settings = NotificationSettings()
        guard node.expectObject(allowed: ["keys", "profiles", "endpoints"], &problems) else { return settings }
        for keyNode in node.array("keys", required: false, &problems) ?? [] {
            guard keyNode.expectObject(allowed: ["name", "privateKey", "publicKey", "note"], &problems),
                let name = keyNode.string("name", required: true, &problems),
                let pem = keyNode.string("privateKey", required: true, &problems)
            else { continue }
            do {
                let key = try RSA.PrivateKey(pem: pem)
                settings.keys[name] = NotificationKey(
                    name: name, privateKey: key, publicKeyPEM: key.publicKey.pemRepresentation)
            } catch {
                problems.add(keyNode["privateKey"] ?? keyNode, "not a usable RSA private key: \(error)")
            }
        }
        for profileNode in node.array("profiles", required: false, &problems) ?? [] {
            guard let profile = readProfile(profileNode, keys: settings.keys, &problems) else { continue }
            if !profileNames.contains(profile.profile) {
                problems.add(profileNode["profile"] ?? profileNode,
                    "unknown profile \"\(profile.profile)\" (known: \(profileNames.joined(separator: ", ")))")
            }
            settings.profiles[profile.profile] = profile
        }
        for endpointNode in node.array("endpoints", required: false, &problems) ?? [] {
            guard endpointNode.expectObject(allowed: ["partner", "default", "kinds", "note"], &problems),
                let partner = endpointNode.string("partner", required: true, &problems)
            else { continue }
            if !partnerIds.contains(partner) { problems.add(endpointNode["partner"] ?? endpointNode, "unknown partner \"\(partner)\"") }
            var endpoints = NotificationEndpoints(defaultURL: endpointNode.string("default", required: false, &problems))
            if let kinds = endpointNode["kinds"], let members = kinds.members(&problems) {
                for member in members {
                    guard kindNames.contains(member.key) else {
                        problems.add(member.node, "unknown kind \"\(member.key)\" (known: \(kindNames.joined(separator: ", ")))")
                        continue
                    }
                    guard case .string(let url) = member.node.value, url.hasPrefix("http://") else {
                        problems.add(member.node, "expected an http:// URL")
                        continue
                    }
                    endpoints.byKind[member.key] = url
                }
            }
            settings.endpoints[partner] = endpoints
        }
        return settings
    }

    private static func readProfile(_ node: FixtureNode, keys: [String: NotificationKey], _ problems: inout FixtureProblems)
        -> NotificationProfile?
    {
        guard node.expectObject(
            allowed: ["profile", "signing", "key", "tokenPath", "stringToSign", "retrySeconds", "successText", "senderId",
                "kinds", "note"], &problems),
            let name = node.string("profile", required: true, &problems),
            let signingName = node.choice("signing", required: true, of: ["asymmetric", "symmetric", "template"], &problems),
            let key = node.string("key", required: true, &problems)
        else { return nil }
        if keys[key] == nil { problems.add(node["key"] ?? node, "unknown key \"\(key)\" (add it to notifications.keys)") }
        let signing: NotificationProfile.Signing
        switch signingName {
        case "symmetric":
            signing = .symmetric(key: key, tokenPath: node.string("tokenPath", required: false, &problems) ?? "/v1.0/access-token/b2b")
        case "template":
            guard let template = node.string("stringToSign", required: true, &problems) else { return nil }
            signing = .template(key: key, stringToSign: template)
        default:
            signing = .asymmetric(key: key)
        }
        var retries: [Int] = []
        for retryNode in node.array("retrySeconds", required: false, &problems) ?? [] {
            guard case .number(let text) = retryNode.value, let seconds = Int(text), (0...86_400).contains(seconds) else {
                problems.add(retryNode, "expected whole seconds from 0 to 86400")
                continue
            }
            retries.append(seconds)
        }
        var kinds: [String: NotificationProfile.Kind] = [:]
        if let kindsNode = node["kinds"], let members = kindsNode.members(&problems) {
            for member in members {
                guard kindNames.contains(member.key) else {
                    problems.add(member.node, "unknown kind \"\(member.key)\" (known: \(kindNames.joined(separator: ", ")))")
                    continue
                }
                guard member.node.expectObject(allowed: ["path", "serviceCode", "fields", "note", "_note"], &problems),
                    let path = member.node.string("path", required: true, &problems)
                else { continue }
                kinds[member.key] = NotificationProfile.Kind(
                    path: path, serviceCode: member.node.string("serviceCode", required: false, &problems) ?? "00",
                    fields: member.node.strings("fields", required: false, &problems))
            }
        }
        return NotificationProfile(
            profile: name, signing: signing, retrySeconds: retries,
            successText: node.string("successText", required: false, &problems),
            senderId: node.string("senderId", required: false, &problems), kinds: kinds)
    }
}
