import SimJSON

/// An M-Bayar merchant: who logs in (`username`, the phone at registration), its name, e-mail and phone, and the
/// merchant account of the ledger its balance lives in (the same account a SNAP balance inquiry reads).
public struct E2PayMerchant: Sendable, Hashable, Codable {
    public var username: String
    public var name: String
    public var email: String?
    public var phone: String
    /// The ledger's merchant account (`accounts` section); E2Pay's `accountId`.
    public var accountNo: String
    /// When it registered through E2Pay (milliseconds of simulator time); `nil` for fixture merchants.
    public var registeredAtMs: Int64?
}

/// A token sent by SMS or e-mail to confirm a merchant's new phone or e-mail: `prefix` + `otp`, valid until
/// `expiresAtMs`, for the `value` asked for.
struct E2PayChallenge: Sendable, Hashable, Codable {
    let prefix: String
    let otp: String
    let value: String
    let expiresAtMs: Int64
}

extension E2PayBook {
    /// Sends a fresh change token for `username`'s new phone or e-mail (`kind` `phone` or `email`) to the outbox.
    mutating func challenge(
        _ kind: String, username: String, value: String, ids: IDGenerator, minutes: Int, at now: SimTime
    ) -> E2PayChallenge {
        let key = kind + ":" + username
        let attempt = (challengeAttempts[key] ?? 0) + 1
        challengeAttempts[key] = attempt
        var stream = ids.forPartner("e2pay-\(key):\(attempt)")
        let challenge = E2PayChallenge(
            prefix: Self.tokenPrefix(ids, phone: key), otp: stream.referenceNumber(length: 4), value: value,
            expiresAtMs: (now + .seconds(minutes * 60)).millisecondsSince1970)
        challenges[key] = challenge
        let text = kind == "phone"
            ? "M-Bayar: kode ganti nomor Anda \(challenge.otp) (\(minutes) menit)"
            : "M-Bayar: verify your new e-mail with code \(challenge.otp) (\(minutes) minutes)"
        outbox.append(E2PayMessage(
            channel: kind == "phone" ? "SMS" : "EMAIL", to: value, text: text, token: challenge.prefix + challenge.otp, at: now))
        return challenge
    }
}

extension Ledger {
    /// Opens an empty merchant account (a merchant registered through E2Pay); `false` when the number is taken.
    mutating func openMerchantAccount(_ accountNo: String, name: String) -> Bool {
        guard accounts[accountNo] == nil else { return false }
        accounts[accountNo] = MerchantAccount(accountNo: accountNo, name: name, accountInfos: [
            AccountBalance(balanceType: "BALANCE", amount: .zero, floatAmount: .zero, holdAmount: .zero,
                availableBalance: .zero, ledgerBalance: .zero, currentMultilateralLimit: .zero),
        ])
        return true
    }
}

extension E2PayBook {
    /// The merchant `username` as it stands now: registered or changed here, else as the fixtures declare it.
    func merchant(_ username: String, _ fixtures: LoadedFixtures) -> E2PayMerchant? {
        merchants[username] ?? fixtures.e2pay.merchants[username]
    }
}
