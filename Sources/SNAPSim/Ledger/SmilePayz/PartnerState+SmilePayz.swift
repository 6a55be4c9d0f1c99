import SimJSON

/// The SmilePayz back office's "Set Callback" (smilepayz.md §10) and the simulated payer: an open order is
/// forced to `SUCCESS` or `FAILED`, the merchant's balances follow, and the callback to send is drafted.
extension PartnerState {
    /// How an order ends.
    public enum SmilePayzOutcome: String, Sendable, CaseIterable {
        case success
        case failure
    }

    /// Ends the order named by `reference` (tradeNo, or orderNo of `kind`, pay-in first when `kind` is `nil`):
    /// a pay-in that succeeds settles into the pay-in account; a pay-out that fails gives its amount back to the
    /// pay-out account. A cashier (`INIT`) pay-in needs the `paymentMethod` the payer chose.
    public mutating func settleSmilePayz(
        _ reference: String, kind: SmilePayzTrade.Kind?, outcome: SmilePayzOutcome, paymentMethod: String? = nil,
        at time: SimTime
    ) throws(SNAPError) -> SmilePayzSettlement {
        let found = smilePayz.trade(tradeNo: reference)
            ?? (kind.map { smilePayz.trade($0, orderNo: reference) } ?? nil)
            ?? (kind == nil ? smilePayz.trade(.payIn, orderNo: reference) ?? smilePayz.trade(.payOut, orderNo: reference) : nil)
        guard var trade = found, kind == nil || trade.kind == kind else {
            throw SNAPError.transactionNotFound.explained(["summary": .string("no SmilePayz order \(reference) for this merchant")])
        }
        let status = trade.status(at: time)
        guard !status.isFinal else {
            let summary = status == .expired
                ? "Sandbox order [\(trade.tradeNo)] has already expired." : "order \(trade.tradeNo) is already \(status.rawValue)"
            throw SNAPError(httpStatus: 404, caseCode: "00").explained(["summary": .string(summary)])
        }
        if trade.paymentMethod == nil {
            guard let method = paymentMethod?.uppercased(), SmilePayzChoices.payInKind(method) != nil else {
                throw SNAPError.invalidMandatoryField("paymentMethod").explained([
                    "summary": .string("order \(trade.tradeNo) was created without paymentMethod: name the method the payer chose (\(SmilePayzChoices.payInMethods))"),
                ])
            }
            trade.paymentMethod = method
        }
        trade.status = outcome == .success ? .success : .failed
        trade.finishedAt = time
        switch (trade.kind, outcome) {
        case (.payIn, .success):
            ledger.creditMerchant(SmilePayzChoices.payInAccount(trade.merchantId), Amount(rupiah: trade.amount))
        case (.payOut, .failure):
            ledger.creditMerchant(SmilePayzChoices.payOutAccount(trade.merchantId), Amount(rupiah: trade.amount))
        case (.payIn, .failure), (.payOut, .success):
            break
        }
        smilePayz.update(trade)
        let callback = trade.callbackUrl.map { SmilePayzCallback(trade, url: $0, at: time) }
        if let callback { notifications.smilePayzCallback(callback, tradeNo: trade.tradeNo, at: time) }  // issue 21
        return SmilePayzSettlement(trade: trade, callback: callback)
    }
}

/// An order ended by the back office or the payer, and the callback it triggers (none without a callbackUrl).
public struct SmilePayzSettlement: Sendable {
    public var trade: SmilePayzTrade
    public var callback: SmilePayzCallback?
}
