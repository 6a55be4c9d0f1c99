import SNAPCrypto
import SimHTTP
import SimJSON

/// The headers of one attempt, signed as the partner's provider signs. Pure: the timestamp is the attempt's
/// simulator time and the external id derives from the delivery, so the same run gives the same bytes.
struct NotificationSigner {
    let profile: NotificationProfile
    let key: NotificationKey
    let partner: Partner?

    /// The id the provider sends as `X-PARTNER-ID`/`X-CLIENT-KEY`.
    var senderId: String { profile.senderId ?? partner?.clientId ?? "" }

    func headers(
        path: String, body: [UInt8], timestamp: String, externalId: String, accessToken: String?, badSignature: Bool
    ) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-TIMESTAMP": timestamp]
        var signature: [UInt8]
        switch profile.signing {
        case .asymmetric:
            let text = StringToSign(method: "POST", target: path, accessToken: nil, body: body, timestamp: timestamp).text
            signature = key.privateKey.signature(for: Array(text.utf8))
        case .symmetric:
            let text = StringToSign(method: "POST", target: path, accessToken: accessToken ?? "", body: body, timestamp: timestamp).text
            signature = HMAC<SHA512>.authenticationCode(for: Array(text.utf8), using: Array((partner?.clientSecret ?? "").utf8))
            if let accessToken { headers["Authorization"] = "Bearer " + accessToken }
        case .template(_, let template):
            let text = Self.fill(template, senderId: senderId, timestamp: timestamp, path: path, body: body)
            signature = key.privateKey.signature(for: Array(text.utf8))
            headers["X-CLIENT-KEY"] = senderId
        }
        if badSignature, !signature.isEmpty { signature[0] ^= 0x01 }
        headers["X-SIGNATURE"] = Base64.encode(signature)
        headers["X-PARTNER-ID"] = senderId
        headers["X-EXTERNAL-ID"] = externalId
        headers["CHANNEL-ID"] = partner?.channelId ?? "95221"
        return headers
    }

    /// The token request of the symmetric mode: `clientId|X-TIMESTAMP` signed with the simulator's key.
    func tokenRequestHeaders(timestamp: String) -> HTTPHeaders {
        let text = StringToSign.accessTokenRequest(clientKey: senderId, timestamp: timestamp)
        return [
            "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-CLIENT-KEY": senderId,
            "X-SIGNATURE": Base64.encode(key.privateKey.signature(for: Array(text.utf8))),
        ]
    }

    /// Fills `{clientId}`, `{timestamp}`, `{path}`, `{bodyHash}` and `{body.member}` (a top-level string or
    /// number member of the body) in a profile's string-to-sign template.
    static func fill(_ template: String, senderId: String, timestamp: String, path: String, body: [UInt8]) -> String {
        var text = template
            .replacing("{clientId}", with: senderId)
            .replacing("{timestamp}", with: timestamp)
            .replacing("{path}", with: path)
            .replacing("{bodyHash}", with: StringToSign.bodyHash(of: body))
        if text.contains("{body."), case .object(let object) = (try? JSONParser.parse(body)) ?? .null {
            for (name, value) in object {
                text = text.replacing("{body.\(name)}", with: value.stringValue ?? value.numberText ?? "")
            }
        }
        return text
    }
}
