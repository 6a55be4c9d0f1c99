import SNAPCrypto
import SimJSON

/// The callback SmilePayz sends a merchant when an order ends (smilepayz.md §8.2, §9): `POST callbackUrl` with
/// `X-TIMESTAMP` (+07:00) and `X-SIGNATURE = Base64(SHA256withRSA(platform key, tradeNo + "|" + X-TIMESTAMP))`
/// (the body is not covered); the merchant answers HTTP 200 with the plain text `SUCCESS`, anything else is a
/// failed delivery to retry.
///
/// A pure value: delivery belongs to the notification machinery (docs/smilepayz.md says how far it goes).
public struct SmilePayzCallback: Sendable, Hashable {
    public var url: String
    public var timestamp: String
    public var signature: String
    /// Members in SmilePayz's documented order; pay-out callbacks have the same shape (smilepayz.md §9, **I**).
    public var body: JSONObject

    /// `Content-Type`, `X-TIMESTAMP`, `X-SIGNATURE`.
    public var headers: [(String, String)] {
        [("Content-Type", "application/json"), ("X-TIMESTAMP", timestamp), ("X-SIGNATURE", signature)]
    }

    /// Whether the merchant's answer acknowledges the callback (compared case-insensitively, trimmed, as the platform does).
    public static func acknowledged(status: Int, body: [UInt8]) -> Bool {
        status == 200 && String(decoding: body, as: UTF8.self).trimmingASCIIWhitespace().uppercased() == "SUCCESS"
    }

    init(_ trade: SmilePayzTrade, url: String, at time: SimTime) {
        self.url = url
        timestamp = SmilePayzIdentifiers.time(time)
        signature = SmilePayzSigning.callbackSignature(tradeNo: trade.tradeNo, timestamp: timestamp, platformKey: SmilePayzPlatformKey.privateKey)
        body = [
            "merchantId": .string(trade.merchantId),
            "merchantName": .string(trade.merchantName),
            "money": SmilePayzOrderFields.money(trade.amount),
            "orderNo": .string(trade.orderNo),
            "paymentMethod": .string(trade.paymentMethod ?? ""),
            "status": .string(trade.status.rawValue),
            "tradeNo": .string(trade.tradeNo),
            "transactionTime": .string(SmilePayzIdentifiers.time(trade.finishedAt ?? time)),
            "fee": .object(["currency": "IDR", "amount": .number("0")]),
        ]
    }
}

/// The simulator's SmilePayz sandbox platform key pair. **SANDBOX ONLY, published here and in
/// docs/smilepayz.md**: merchants verify callbacks with ``publicKeyPEM`` (`snapsim` generated it with
/// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048` for this purpose only).
public enum SmilePayzPlatformKey {
    /// The notifications key name the outbox signs callbacks with (published at `GET /_sim/keys`).
    public static let notificationKeyName = "smilepayz-platform"

    /// The platform public key merchants configure to verify callbacks.
    public static let publicKeyPEM = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA228zeWI+jPAEWUo/2g05
z0DLGxmpsYQrfIf8dfcL2SaZ5iq8gaT+pb+SHrgMrim7+2XXNbGk+TGeNaso0qaW
H723AHOV4w2B/BOXzdxe85tJgx4P4Ca9U1aKkRrKGLRIjzh0qcfiH8S8Kk+iRkfa
knCkdFDrBhccf5Tar7kI0ntDyHqy48UwJdgMCYmfbfNOWEa8xQxxBvHSMfr8HB+w
+5xo27zUo+jARZM5Sjlvd2tA3F947NwCkLzP9MDyls8j7pnAS+AULUYcR6XYErh4
1htb2OAv5ALdQEL+YcHYa47qCQj6pkOffNmiw1rstguyjMu5x3yKkexZnuKkcgXC
PQIDAQAB
-----END PUBLIC KEY-----
"""

    static let privateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDbbzN5Yj6M8ARZ
Sj/aDTnPQMsbGamxhCt8h/x19wvZJpnmKryBpP6lv5IeuAyuKbv7Zdc1saT5MZ41
qyjSppYfvbcAc5XjDYH8E5fN3F7zm0mDHg/gJr1TVoqRGsoYtEiPOHSpx+IfxLwq
T6JGR9qScKR0UOsGFxx/lNqvuQjSe0PIerLjxTAl2AwJiZ9t805YRrzFDHEG8dIx
+vwcH7D7nGjbvNSj6MBFkzlKOW93a0DcX3js3AKQvM/0wPKWzyPumcBL4BQtRhxH
pdgSuHjWG1vY4C/kAt1AQv5hwdhrjuoJCPqmQ5982aLDWuy2C7KMy7nHfIqR7Fme
4qRyBcI9AgMBAAECggEAZeQBs8hRoSHF8ywN8BMaF8lPRhspd3sWsjF2odP/1Woe
JgkMFOrnL1F/6PGvOaO5XOeSAaWmI+vNOcBrKT0fEkgGVJhXLeHUzJbQc09za4xc
mxx3ZK64VJ0npG8bDlOQKaieS0O8FOJGOSNXB2lP7ZWOV1BHgUF0Ay28ScISfaDQ
aDQdpJnC3FEpFYH5z+sFgTLBoW4yqu+ACRSkAGLcOU7nd7i26t1R03e3U85uAIDh
3W9Cu8BAZUFXdA9t7LbiFprBWX7Yg3g1fISpTXEtye3t1m0qXk7cBDh81uNIOyAa
uBLAyaXhXYsyXERTXwVHU11u/YeHzvbVkNgBdZE85QKBgQD9F5TO1Gaizo/M45Q6
jFwgDJ8c18tq5zvLgdF3D6wjNo5JdHrkk3jnSgNLSxTVTqzlKDasYHMu/DDgsYRQ
bddr6lz4S0nZGRrIMKJ16fgt2yTBTP3ASSNrwK4QfmCyw7xDo0gbRe8iGWGwetfj
vXFubLn58xz6MJTihF47Z3pLmwKBgQDd9J9YW0E/YcOUHfdZ+sMXJH4V2exvh/LX
E7n+rzNE2VhQbQ1fCWTHhSkWwlTMgiTYI24bpHgizf9jzkEENvFAVAOk5RoFQMy9
LkoO4huIW1juP19/Xa/eOpqIDVKzrg/k5GqC4txcC91eNh3NaGpuDDFTp2VVBIV8
RYRZUD6jBwKBgHNx/DjT/fUpj8J/1K9YMvWTjEiVzn329/l+P9O1XGm7iu/Kp/v3
oOCvjA0eNGSQPKFS1I2QeTnnY0w67QXa9LaO8tV3UjorD2JdfN2YWdJg8cUSn3TE
Z9nQzBVN8EHastePdWarYccGGN9tSWjikwkxoyt2T7N30ZH5mxoxu0EdAoGBAMBh
GwwWbINnVYG4R4CyHQ6eDrsZ3Bj/mLha3MenS6TNTgLHwuMw3S0iee7EGYP4+b5t
Vy6Wa5qfOlFjoG7qwEiliVMPUHJlLBB9Yqtrx7l0k6xNOZTHu3u/B9oM0jXzFMus
P7WatK0Di6fw9/vmGPmxj7+WQ/pgpOKFzqUrLF9ZAoGAUZXBYCmcQ//TkHQnCcY4
IR0Hxh5CjMedPp9zA5Os6xrmJYYVIcbDZJZHnyw6eJMfBXLnsR9QAsNBLSejFaZ+
I+xMOAe1WOiL9cd/G+rU/qHQkUVCuvB2U9vdUqnOHlolmoQEE3/C0T+8/VowkHpt
gqqpLOnmCfv7C9UBpZL3kcw=
-----END PRIVATE KEY-----
"""

    // The PEM above is a constant checked by the tests; failing to parse it is a build-time mistake.
    static let privateKey: RSA.PrivateKey = try! RSA.PrivateKey(pem: privateKeyPEM)
}

extension String {
    fileprivate func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) })!
        return String(scalars[first...last])
    }
}
