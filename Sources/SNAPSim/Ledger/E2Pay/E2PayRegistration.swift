import SimJSON

/// A customer registration waiting for its SMS token (`tokenPrefix` + OTP digits).
struct E2PayRegistration: Sendable, Hashable {
    let id: String
    let phone: String
    let name: String
    let email: String?
    let tokenPrefix: String
    var otp: String
    var expiresAt: SimTime
    var attempt: Int
    let requestedAt: SimTime
}

/// A message the provider would have sent (SMS or e-mail), kept for the partner to read through the admin API.
struct E2PayMessage: Sendable, Hashable {
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
    /// Minutes a registration token stays valid.
    static let registrationMinutes = 5

    /// Draws a fresh OTP (4 digits, from the partner's seeded stream) for `registration`, sends it by SMS (and
    /// e-mail when there is one) to the outbox and restarts its expiry.
    mutating func send(_ registration: inout E2PayRegistration, ids: inout IDGenerator, email: Bool, at now: SimTime) {
        registration.otp = ids.referenceNumber(length: 4)
        registration.expiresAt = now + .seconds(Self.registrationMinutes * 60)
        registration.attempt += 1
        let token = registration.tokenPrefix + registration.otp
        outbox.append(E2PayMessage(
            channel: "SMS", to: registration.phone,
            text: "M-Bayar: kode registrasi Anda \(registration.otp) (\(Self.registrationMinutes) menit)", token: token, at: now))
        if email, let address = registration.email {
            outbox.append(E2PayMessage(
                channel: "EMAIL", to: address, text: "M-Bayar registration for \(registration.phone): code \(registration.otp)",
                token: token, at: now))
        }
    }

    /// Three letters for a `tokenPrefix` (`UhY`), from the partner's seeded stream.
    static func tokenPrefix(_ ids: inout IDGenerator) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return String((0..<3).map { _ in letters[Int(ids.next() % UInt64(letters.count))] })
    }
}
