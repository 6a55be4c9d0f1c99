import SimJSON

/// An authorization code a partner exchanges for a B2B2C customer token (service 74), and the e-money
/// customer it stands for (`auth-codes.json`).
///
/// In real life the customer approves the partner in the provider's app and the partner receives a one-time
/// code; the sandbox lists codes in the fixtures instead, and they may be exchanged any number of times
/// (DOKU's SDK asks for a new customer token with the same code before every call).
public struct AuthCode: Sendable, Hashable {
    /// The code partners send as `authCode`.
    public var code: String
    /// The ledger customer (`08…`) it authorizes.
    public var customerNumber: String
    /// Free text.
    public var note: String?

    /// A code for a customer.
    public init(code: String, customerNumber: String, note: String? = nil) {
        self.code = code
        self.customerNumber = customerNumber
        self.note = note
    }

    static let fields = ["authCode", "customerNumber", "note"]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> AuthCode? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        // ASPI: authCode is at most 256 characters.
        let code = node.string("authCode", required: true, maxLength: 256, &problems)
        let customer = node.string("customerNumber", required: true, &problems)
        let note = node.string("note", required: false, &problems)
        guard let code, let customer else { return nil }
        return AuthCode(code: code, customerNumber: customer, note: note)
    }
}
