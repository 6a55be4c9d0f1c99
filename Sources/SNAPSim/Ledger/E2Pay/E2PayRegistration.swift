import SimJSON

/// A customer registration waiting for its SMS token (`tokenPrefix` + OTP digits).
struct E2PayRegistration: Codable, Sendable, Hashable {
    let id: String
    let phone: String
    let name: String
    let email: String?
    let tokenPrefix: String
    var otp: String
    var expiresAt: SimTime
    var attempt: Int
    let requestedAt: SimTime

    /// Checks a confirmation's `token` (prefix + OTP) at `now`: another token or an expired one is `07`.
    func confirm(token: String, of username: String, at now: SimTime) throws(E2PayRefusal) {
        guard token == tokenPrefix + otp else {
            throw E2PayRefusal(.invalidPhoneVerification, "token \(token) is not the one sent to \(username)")
        }
        guard now < expiresAt else {
            throw E2PayRefusal(.invalidPhoneVerification, "the token expired at \(expiresAt): resend it")
        }
    }
}

/// A message the provider would have sent (SMS or e-mail), kept for the partner to read through the admin API.
struct E2PayMessage: Codable, Sendable, Hashable {
    let channel: String
    let to: String
    let text: String
    let token: String
    let at: SimTime

    var json: JSONValue {
        ["channel": .string(channel), "to": .string(to), "text": .string(text), "token": .string(token),
         "at": .string(at.description)]
    }
}

extension E2PayBook {
    /// Draws a fresh OTP (4 digits, from the partner's seeded stream) for `registration`, valid `minutes`, sends it by SMS (and
    /// e-mail when there is one) to the outbox and restarts its expiry.
    mutating func send(
        _ registration: inout E2PayRegistration, ids: inout IDGenerator, email: Bool, minutes: Int, at now: SimTime
    ) {
        registration.attempt += 1
        // Keyed by phone and attempt, not drawn from the shared stream: the digits stay the same whatever other
        // requests the partner made (same seed and secret, same phone → same OTP).
        var stream = ids.forPartner("e2pay-otp:\(registration.phone):\(registration.attempt)")
        registration.otp = stream.referenceNumber(length: 4)
        registration.expiresAt = now + .seconds(minutes * 60)
        let token = registration.tokenPrefix + registration.otp
        outbox.append(E2PayMessage(
            channel: "SMS", to: registration.phone,
            text: "M-Bayar: kode registrasi Anda \(registration.otp) (\(minutes) menit)", token: token, at: now))
        if email, let address = registration.email {
            outbox.append(E2PayMessage(
                channel: "EMAIL", to: address, text: "M-Bayar registration for \(registration.phone): code \(registration.otp)",
                token: token, at: now))
        }
    }

    /// Three letters for a `tokenPrefix` (`UhY`), from the partner's seed and the phone.
    static func tokenPrefix(_ partnerIds: IDGenerator, phone: String) -> String {
        var ids = partnerIds.forPartner("e2pay-prefix:\(phone)")
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return String((0..<3).map { _ in letters[Int(ids.next() % UInt64(letters.count))] })
    }
}
