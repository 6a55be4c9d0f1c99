import SimJSON

/// The virtual accounts of one partner: created by the partner (27) or opened from the fixtures, paid by
/// banks (25) or the simulated payer, found by number, trxId or paymentRequestId.
///
/// Numbers are compared without their spaces, so `"   88899001"` and `"88899001"` are the same VA, as banks
/// treat the padding of `partnerServiceId`.
public struct VirtualAccountBook: Codable, Sendable {
    private var accounts: [String: VirtualAccount] = [:]
    /// Keys in creation order, so listings never depend on dictionary order.
    private var order: [String] = []
    private var byTrxId: [String: String] = [:]
    private var byPaymentRequestId: [String: String] = [:]
    /// Whether the fixtures' VAs were opened into this book.
    public private(set) var opened = false

    /// An empty book.
    public init() {}

    /// The key of a VA number: its digits, spaces dropped.
    public static func key(_ virtualAccountNo: String) -> String {
        String(virtualAccountNo.filter { $0 != " " })
    }

    /// Opens the fixtures' VAs once; later calls do nothing, so a partner's own changes are never overwritten.
    public mutating func open(with fixtures: [VirtualAccount]) {
        guard !opened else { return }
        opened = true
        for account in fixtures { store(account) }
    }

    /// Every VA, oldest first.
    public var all: [VirtualAccount] { order.compactMap { accounts[$0] } }

    /// The VA with this number (deleted ones included).
    public func account(_ virtualAccountNo: String) -> VirtualAccount? {
        accounts[Self.key(virtualAccountNo)]
    }

    /// The VA created with this trxId.
    public func account(trxId: String) -> VirtualAccount? {
        // A number reused for a new bill after a delete answers only to the new bill's trxId.
        byTrxId[trxId].flatMap { accounts[$0] }.flatMap { $0.trxId == trxId ? $0 : nil }
    }

    /// The VA and payment with this paymentRequestId.
    public func payment(_ paymentRequestId: String) -> (account: VirtualAccount, payment: VirtualAccountPayment)? {
        guard let key = byPaymentRequestId[paymentRequestId], let account = accounts[key],
            let payment = account.payments.last(where: { $0.paymentRequestId == paymentRequestId })
        else { return nil }
        return (account, payment)
    }

    /// Adds or replaces a VA (a deleted VA's number may be created again).
    public mutating func store(_ account: VirtualAccount) {
        let key = Self.key(account.virtualAccountNo)
        if accounts[key] == nil { order.append(key) }
        accounts[key] = account
        byTrxId[account.trxId] = key
    }

    /// Changes the VA with this number in place; `false` when there is none.
    @discardableResult
    public mutating func update(_ virtualAccountNo: String, _ change: (inout VirtualAccount) -> Void) -> Bool {
        let key = Self.key(virtualAccountNo)
        guard var account = accounts[key] else { return false }
        change(&account)
        accounts[key] = account
        byTrxId[account.trxId] = key
        return true
    }

    /// Why the VA cannot be paid at `time`, or `nil` when it can.
    public static func refusal(_ account: VirtualAccount, at time: SimTime) -> SNAPError? {
        let number = account.virtualAccountNo
        if account.deleted {
            return SNAPError.invalidBill("deleted").explained(["summary": .string("VA \(number) was deleted")])
        }
        if account.isSettled {
            return SNAPError.paidBill.explained([
                "summary": .string(
                    "VA \(number) (\(account.trxType.title)) is already paid: \(account.paidAmount.value) of \(account.totalAmount.value)"
                )
            ])
        }
        if account.isExpired(at: time) {
            return SNAPError.expiredBill.explained([
                "summary": .string("VA \(number) expired at \(account.expiredDateText ?? "")"),
                "now": .string(time.description),
            ])
        }
        if !account.active {
            return SNAPError.invalidBill("inactive").explained(["summary": .string("VA \(number) is inactive")])
        }
        return nil
    }

    /// Why `amount` cannot be paid into `account`, or `nil` when it can.
    public static func amountRefusal(_ amount: Amount, into account: VirtualAccount) -> SNAPError? {
        func refuse(_ why: String) -> SNAPError {
            SNAPError.invalidAmount.explained([
                "summary": .string(
                    "\(amount.value) cannot be paid into \(account.trxType.title) VA \(account.virtualAccountNo): \(why)"
                )
            ])
        }
        guard amount.minorUnits > 0 else { return refuse("the amount must be positive") }
        switch account.trxType {
        case .closed:
            if amount != account.totalAmount { return refuse("a closed VA takes exactly \(account.totalAmount.value)") }
        case .partial, .variable:
            if amount > account.remaining { return refuse("only \(account.remaining.value) is still owed") }
            // The last installment may be below the minimum: it is what is owed.
            if let minimum = account.minAmount, amount < minimum, amount != account.remaining {
                return refuse("below the minimum payment \(minimum.value)")
            }
            if let maximum = account.maxAmount, amount > maximum {
                return refuse("above the maximum payment \(maximum.value)")
            }
        case .open:
            if let minimum = account.minAmount, amount < minimum {
                return refuse("below the minimum payment \(minimum.value)")
            }
            if let maximum = account.maxAmount, amount > maximum {
                return refuse("above the maximum payment \(maximum.value)")
            }
        }
        return nil
    }

    /// Records a payment the caller has checked with ``refusal(_:at:)`` and ``amountRefusal(_:into:)``.
    /// - Returns: the VA after the payment.
    mutating func record(_ payment: VirtualAccountPayment, into virtualAccountNo: String) -> VirtualAccount? {
        let key = Self.key(virtualAccountNo)
        guard accounts[key] != nil else { return nil }
        accounts[key]?.payments.append(payment)
        byPaymentRequestId[payment.paymentRequestId] = key
        return accounts[key]
    }
}

extension SNAPError {
    /// `404xx12 Invalid Bill/Virtual Account [reason]`: unknown, deleted or inactive VA.
    static func invalidBill(_ reason: String) -> SNAPError {
        SNAPError(httpStatus: 404, caseCode: "12", placeholders: ["reason": reason])
    }
    /// `404xx14 Paid Bill`.
    static let paidBill = SNAPError(httpStatus: 404, caseCode: "14")
    /// `404xx19 Invalid Bill/Virtual Account`: the VA expired.
    static let expiredBill = SNAPError(httpStatus: 404, caseCode: "19")
    /// `404xx16 Partner Not Found`: no biller has this partnerServiceId.
    static let partnerNotFound = SNAPError(httpStatus: 404, caseCode: "16")
}
