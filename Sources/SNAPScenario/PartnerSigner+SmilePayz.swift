import SNAPSim
import SimHTTP

extension PartnerSigner {
    /// A SmilePayz v2.0 merchant's headers: `X-TIMESTAMP`, `X-SIGNATURE` over `X-TIMESTAMP|secret|minify(body)`,
    /// `X-PARTNER-ID` (the merchant id), `Content-Type` — no token, external ID or channel.
    func smilePayzHeaders(body: [UInt8], timestamp: String) throws(PartnerSignerError) -> HTTPHeaders {
        guard let privateKey else {
            throw PartnerSignerError(.noPrivateKey, "no private key for \(partner.clientId): SmilePayz merchants sign with RSA")
        }
        return [
            "Content-Type": "application/json",
            SecurityHeader.timestamp: timestamp,
            SecurityHeader.signature: SmilePayzSigning.signature(
                timestamp: timestamp, merchantSecret: partner.clientSecret, body: body, privateKey: privateKey),
            SecurityHeader.partnerID: partner.clientId,
        ]
    }
}
