/// A merchant's SmilePayz orders, by tradeNo and by (trade type, orderNo), bounded like the other books.
public struct SmilePayzBook: Codable, Sendable {
    public private(set) var trades: [String: SmilePayzTrade] = [:]
    private var byOrder: [String: String] = [:]
    /// tradeNos in creation order, to forget the oldest past ``limit``.
    private var order: [String] = []
    public var limit = 100_000

    public init() {}

    static func orderKey(_ kind: SmilePayzTrade.Kind, _ orderNo: String) -> String { "\(kind.rawValue):\(orderNo)" }

    /// The trade with this orderNo of this kind.
    public func trade(_ kind: SmilePayzTrade.Kind, orderNo: String) -> SmilePayzTrade? {
        byOrder[Self.orderKey(kind, orderNo)].flatMap { trades[$0] }
    }

    /// The trade with this tradeNo.
    public func trade(tradeNo: String) -> SmilePayzTrade? { trades[tradeNo] }

    /// Every trade, oldest first.
    public var all: [SmilePayzTrade] { order.compactMap { trades[$0] } }

    mutating func insert(_ trade: SmilePayzTrade) {
        trades[trade.tradeNo] = trade
        byOrder[Self.orderKey(trade.kind, trade.orderNo)] = trade.tradeNo
        order.append(trade.tradeNo)
        if order.count > limit, let oldest = trades.removeValue(forKey: order.removeFirst()) {
            byOrder[Self.orderKey(oldest.kind, oldest.orderNo)] = nil
        }
    }

    mutating func update(_ trade: SmilePayzTrade) {
        guard trades[trade.tradeNo] != nil else { return }
        trades[trade.tradeNo] = trade
    }
}
