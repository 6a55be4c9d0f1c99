extension ServiceCode {
    public static let virtualAccountInquiry: ServiceCode = "24"
    public static let virtualAccountPayment: ServiceCode = "25"
    public static let virtualAccountStatus: ServiceCode = "26"
    public static let virtualAccountCreate: ServiceCode = "27"
    public static let virtualAccountUpdate: ServiceCode = "28"
    public static let virtualAccountUpdateStatus: ServiceCode = "29"
    public static let virtualAccountInquiryVA: ServiceCode = "30"
    public static let virtualAccountDelete: ServiceCode = "31"
}

extension ServiceDescriptor {
    /// VA inquiry (24): a bank asks a payable VA's bill.
    public static let virtualAccountInquiry = ServiceDescriptor(
        name: "va-inquiry", code: .virtualAccountInquiry, title: "VA Inquiry", security: .transaction)
    /// VA payment (25): a bank pays into a VA.
    public static let virtualAccountPayment = ServiceDescriptor(
        name: "va-payment", code: .virtualAccountPayment, title: "VA Payment", security: .transaction)
    /// VA inquiry status (26).
    public static let virtualAccountStatus = ServiceDescriptor(
        name: "va-status", code: .virtualAccountStatus, title: "VA Inquiry Status", security: .transaction)
    /// VA create (27).
    public static let virtualAccountCreate = ServiceDescriptor(
        name: "va-create", code: .virtualAccountCreate, title: "VA Create", security: .transaction)
    /// VA update (28, PUT).
    public static let virtualAccountUpdate = ServiceDescriptor(
        name: "va-update", code: .virtualAccountUpdate, title: "VA Update", security: .transaction)
    /// VA update status (29, PUT).
    public static let virtualAccountUpdateStatus = ServiceDescriptor(
        name: "va-update-status", code: .virtualAccountUpdateStatus, title: "VA Update Status", security: .transaction)
    /// Inquiry VA (30): the partner reads back its VA.
    public static let virtualAccountInquiryVA = ServiceDescriptor(
        name: "va-inquiry-va", code: .virtualAccountInquiryVA, title: "VA Inquiry VA", security: .transaction)
    /// VA delete (31, DELETE with a JSON body).
    public static let virtualAccountDelete = ServiceDescriptor(
        name: "va-delete", code: .virtualAccountDelete, title: "VA Delete", security: .transaction)

    /// The VA services, in service-code order.
    static let virtualAccountServices: [ServiceDescriptor] = [
        virtualAccountInquiry, virtualAccountPayment, virtualAccountStatus, virtualAccountCreate, virtualAccountUpdate,
        virtualAccountUpdateStatus, virtualAccountInquiryVA, virtualAccountDelete,
    ]
}

extension ServiceRegistry {
    /// The VA services' behaviour, in service-code order.
    static let virtualAccountServices: [any SNAPService] = [
        VirtualAccountInquiry(), VirtualAccountPaymentService(), VirtualAccountStatus(), VirtualAccountCreate(),
        VirtualAccountUpdate(), VirtualAccountUpdateStatus(), VirtualAccountInquiryVA(), VirtualAccountDelete(),
    ]
}
