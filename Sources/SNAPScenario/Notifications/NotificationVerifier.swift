import SNAPCrypto
import SNAPSim
import SimHTTP
import SimJSON

/// Checks a received notification as the partner's webhook would: the signature by the scheme of the sender's
/// notification profile, with the simulator's published keys (`GET /_sim/keys`) or the partner's client secret.
///
/// Written apart from the simulator's signer on purpose: it rebuilds each string-to-sign from what arrived, so a
/// signer that drifts from the documented scheme is caught.
struct NotificationVerifier {
    let fixtures: LoadedFixtures
    /// The published public keys by name.
    let keys: [(name: String, key: RSA.PublicKey)]
    /// Tokens the receiver issued (symmetric profiles present one as `Authorization: Bearer`).
    let issuedTokens: [String]

    /// Whether the signature holds, and a few words saying how it was checked or why it fails.
    struct Verdict {
        var valid: Bool
        var detail: String
    }

    /// The partner a notification was sent for: the `X-PARTNER-ID` (or `X-CLIENT-KEY`) when it names a partner
    /// or a profile's sender id, else `fallback`.
    func partner(of notification: ReceivedNotification, fallback: String) -> String {
        let headers = notification.request.headers
        for sender in [headers["X-PARTNER-ID"], headers["X-CLIENT-KEY"]].compactMap({ $0 }) {
            if fixtures.partners[sender] != nil { return sender }
        }
        return fallback
    }

    /// The kind the path stands for in the partner's profile (a wrong-path fault's `…/wrong-path` included).
    func kind(of notification: ReceivedNotification, partner: String) -> String? {
        guard let profile = fixtures.notificationProfile(of: partner) else { return nil }
        let path = String(notification.request.path)
        return profile.kinds.sorted { $0.key < $1.key }.first { _, kind in
            path == kind.path || path.hasPrefix(kind.path + "/")
        }?.key
    }

    func verify(_ notification: ReceivedNotification, partner partnerID: String) -> Verdict {
        let request = notification.request
        guard let profile = fixtures.notificationProfile(of: partnerID) else {
            return Verdict(valid: false, detail: "partner \(partnerID) has no notification profile")
        }
        guard let timestamp = request.headers["X-TIMESTAMP"] else {
            return Verdict(valid: false, detail: "no X-TIMESTAMP header")
        }
        guard let encoded = request.headers["X-SIGNATURE"], let signature = Base64.decode(encoded) else {
            return Verdict(valid: false, detail: "no Base64 X-SIGNATURE header")
        }
        switch profile.signing {
        case .asymmetric:
            let text = StringToSign(method: "POST", target: request.target, accessToken: nil, body: request.body, timestamp: timestamp).text
            return verifyRSA(signature, text, scheme: "SHA256withRSA")
        case .symmetric:
            let bearer = request.headers["Authorization"] ?? ""
            guard bearer.hasPrefix("Bearer ") else {
                return Verdict(valid: false, detail: "symmetric profile \(profile.profile): no Authorization: Bearer token")
            }
            let token = String(bearer.dropFirst("Bearer ".count))
            guard issuedTokens.contains(token) else {
                return Verdict(valid: false, detail: "the Bearer token \(token) is not one the receiver issued")
            }
            let secret = fixtures.partners[partnerID]?.clientSecret ?? ""
            let text = StringToSign(method: "POST", target: request.target, accessToken: token, body: request.body, timestamp: timestamp).text
            let expected = HMAC<SHA512>.authenticationCode(for: Array(text.utf8), using: Array(secret.utf8))
            return expected == signature
                ? Verdict(valid: true, detail: "HMAC-SHA512 with \(partnerID)'s client secret over \(text)")
                : Verdict(valid: false, detail: "HMAC-SHA512 with \(partnerID)'s client secret over \(text) does not match")
        case .template(_, let template):
            let text = Self.fill(template, request: request, timestamp: timestamp)
            return verifyRSA(signature, text, scheme: "SHA256withRSA (template \(template))")
        }
    }

    private func verifyRSA(_ signature: [UInt8], _ text: String, scheme: String) -> Verdict {
        if let match = keys.first(where: { $0.key.isValidSignature(signature, for: Array(text.utf8)) }) {
            return Verdict(valid: true, detail: "\(scheme) with published key \(match.name) over \(text)")
        }
        let names = keys.map(\.name).joined(separator: ", ")
        return Verdict(valid: false, detail: "\(scheme) over \(text) verifies with no published key (\(names))")
    }

    /// `{clientId}` (the `X-CLIENT-KEY` sent), `{timestamp}`, `{path}`, `{bodyHash}` and `{body.member}`.
    static func fill(_ template: String, request: HTTPRequest, timestamp: String) -> String {
        var text = template
            .replacing("{clientId}", with: request.headers["X-CLIENT-KEY"] ?? request.headers["X-PARTNER-ID"] ?? "")
            .replacing("{timestamp}", with: timestamp)
            .replacing("{path}", with: request.target)
            .replacing("{bodyHash}", with: StringToSign.bodyHash(of: request.body))
        if text.contains("{body."), case .object(let object) = (try? JSONParser.parse(request.body)) ?? .null {
            for (name, value) in object {
                text = text.replacing("{body.\(name)}", with: value.stringValue ?? value.numberText ?? "")
            }
        }
        return text
    }

    /// The keys of a `GET /_sim/keys` answer.
    static func publishedKeys(_ answer: JSONValue?) -> [(name: String, key: RSA.PublicKey)] {
        (answer?[pointer: JSONPointer(tokens: ["keys"])]?.arrayValue ?? []).compactMap { entry in
            guard let name = entry.objectValue?["name"]?.stringValue,
                let pem = entry.objectValue?["publicKey"]?.stringValue, let key = try? RSA.PublicKey(pem: pem)
            else { return nil }
            return (name, key)
        }
    }
}
