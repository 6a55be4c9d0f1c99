/// The transfer and history services (docs/transfers.md).
extension ServiceDescriptor {
    /// Transaction history list (12): an account's movements, newest first, a page at a time.
    public static let transactionHistoryList = ServiceDescriptor(
        name: "transaction-history-list", code: .transactionHistoryList, title: "Transaction History List",
        security: .transaction)
    /// Transaction history detail (13): one movement of an account, by its partnerReferenceNo.
    public static let transactionHistoryDetail = ServiceDescriptor(
        name: "transaction-history-detail", code: .transactionHistoryDetail, title: "Transaction History Detail",
        security: .transaction)
    /// Internal account inquiry (15): an account of the provider's own bank.
    public static let internalAccountInquiry = ServiceDescriptor(
        name: "account-inquiry-internal", code: .internalAccountInquiry, title: "Internal Account Inquiry",
        security: .transaction)
    /// External account inquiry (16): an account at another bank.
    public static let externalAccountInquiry = ServiceDescriptor(
        name: "account-inquiry-external", code: .externalAccountInquiry, title: "External Account Inquiry",
        security: .transaction)
    /// Intrabank transfer (17): from a merchant account to an account of the same bank.
    public static let intrabankTransfer = ServiceDescriptor(
        name: "transfer-intrabank", code: .intrabankTransfer, title: "Intrabank Transfer", security: .transaction)
    /// Interbank transfer (18): to another bank, over BI-FAST when the bank takes it, else online.
    public static let interbankTransfer = ServiceDescriptor(
        name: "transfer-interbank", code: .interbankTransfer, title: "Interbank Transfer (incl. BI-FAST)",
        security: .transaction)
    /// Transfer status inquiry (36): what became of an intrabank or interbank transfer.
    public static let transferStatus = ServiceDescriptor(
        name: "transfer-status", code: .transferStatus, title: "Transfer Status Inquiry", security: .transaction)
    /// Transfer to bank, account inquiry (42): an e-money customer's beneficiary bank account.
    public static let bankAccountInquiry = ServiceDescriptor(
        name: "emoney-bank-account-inquiry", code: .bankAccountInquiry, title: "Transfer to Bank – Account Inquiry",
        security: .transaction)
    /// Transfer to bank, payment (43): from an e-money customer's balance to a bank account.
    public static let transferToBank = ServiceDescriptor(
        name: "emoney-transfer-bank", code: .transferToBank, title: "Transfer to Bank – Payment",
        security: .transaction)
    /// Transfer to bank inquiry status (DANA, code 00): what became of a transfer to bank.
    public static let transferToBankStatus = ServiceDescriptor(
        name: "emoney-transfer-bank-status", code: .transferToBankStatus, title: "Transfer to Bank Inquiry Status",
        security: .transaction)

    /// The transfer and history services, for ``all``.
    static let transferServices: [ServiceDescriptor] = [
        transactionHistoryList, transactionHistoryDetail, internalAccountInquiry, externalAccountInquiry,
        intrabankTransfer, interbankTransfer, transferStatus, bankAccountInquiry, transferToBank, transferToBankStatus,
    ]
}

extension ServiceRegistry {
    /// The transfer and history services' behaviour, for ``services``.
    static let transferServices: [any SNAPService] = [
        TransactionHistoryList(), TransactionHistoryDetail(), InternalAccountInquiry(), ExternalAccountInquiry(),
        IntrabankTransfer(), InterbankTransfer(), TransferStatus(), BankAccountInquiry(), TransferToBank(),
        TransferToBankStatus(),
    ]
}
