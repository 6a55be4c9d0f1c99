/// Balances and limits state of customers and merchant accounts.
///
/// STUB (engine work).
public struct Ledger: Sendable {
    public init() {}
}
