/// Coded as one member naming the kind, whose value is the number (`{"customer": "0819…"}`), rather than the
/// synthesized form's nested container per associated value: a snapshot holds one per ledger movement.
extension MovementHolder {
    private enum CodingKeys: String, CodingKey {
        case customer, account
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try container.decodeIfPresent(String.self, forKey: .customer) {
            self = .customer(number)
        } else {
            self = .account(try container.decode(String.self, forKey: .account))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .customer(let number): try container.encode(number, forKey: .customer)
        case .account(let number): try container.encode(number, forKey: .account)
        }
    }
}
