import SimJSON

/// The ASPI bodies of the events the engine's flows produce. Each body carries every member any profile sends;
/// a profile's `fields` keeps its own subset (DOKU's VA payment notification, for one).
extension NotificationDrafts {
    /// A VA was paid (not for a replayed payment, which moved nothing).
    public mutating func virtualAccountPaid(_ paid: VirtualAccountPaid, at time: SimTime) {
        guard !paid.replayed else { return }
        let account = paid.account
        let trxDateTime = ISO8601Timestamp.format(paid.payment.paidAt, offsetMinutes: CivilDate.jakartaOffsetMinutes)
        let fields: JSONObject = [
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountNo": .string(account.virtualAccountNo),
            "virtualAccountName": .string(account.name),
            "virtualAccountEmail": .string(account.email ?? ""),
            "virtualAccountPhone": .string(account.phone ?? ""),
            "trxId": .string(account.trxId),
            "paymentRequestId": .string(paid.payment.paymentRequestId),
            "referenceNo": .string(paid.payment.referenceNo),
            "paidAmount": paid.payment.amount.json,
            "totalAmount": account.totalAmount.json,
            "trxDateTime": .string(trxDateTime),
            "paymentFlagStatus": .string(paid.settled ? "00" : "03"),
            "latestTransactionStatus": .string(TransactionStatus.success.rawValue),
            "transactionStatusDesc": .string(TransactionStatus.success.statusDescription),
            "additionalInfo": ["channel": .string(paid.payment.channel)],
        ]
        add(.virtualAccountPayment, transactionRef: paid.payment.paymentRequestId, fields: fields, at: time)
    }

    /// A transfer reached its final state (sent `00` or refused `06`).
    public mutating func transferCompleted(_ completion: TransferCompletion, at time: SimTime) {
        let transfer = completion.transfer
        let status = completion.latestTransactionStatus
        let fields: JSONObject = [
            "originalPartnerReferenceNo": .string(transfer.partnerReferenceNo),
            "originalReferenceNo": .string(transfer.referenceNo ?? ""),
            "originalExternalId": .string(transfer.externalId ?? ""),
            "serviceCode": .string(transfer.service.rawValue),
            "latestTransactionStatus": .string(status.rawValue),
            "transactionStatusDesc": .string(status.statusDescription),
            "amount": transfer.amount.json,
            "beneficiaryAccountNo": .string(transfer.beneficiaryAccountNo),
            "beneficiaryBankCode": .string(transfer.beneficiaryBankCode ?? ""),
            "transactionDate": .string(transfer.transactionDate),
            "traceNo": .string(transfer.traceNo ?? ""),
        ]
        add(.transfer, transactionRef: transfer.partnerReferenceNo, fields: fields, at: time)
    }

    /// A direct debit finished (56; DANA's "finish notify"): paid `00` or refused by the payer `06`.
    public mutating func directDebitFinished(_ record: DebitRecord, at time: SimTime) {
        let jakarta = CivilDate.jakartaOffsetMinutes
        let fields: JSONObject = [
            "originalPartnerReferenceNo": .string(record.partnerReferenceNo),
            "originalReferenceNo": .string(record.referenceNo),
            "originalExternalId": .string(record.externalId ?? ""),
            "merchantId": .string(record.merchantId),
            "amount": record.amount.json,
            "latestTransactionStatus": .string(record.status.rawValue),
            "transactionStatusDesc": .string(record.status.statusDescription),
            "createdTime": .string(ISO8601Timestamp.format(record.createdAt, offsetMinutes: jakarta)),
            "finishedTime": .string(ISO8601Timestamp.format(time, offsetMinutes: jakarta)),
            "additionalInfo": [:],
        ]
        add(.directDebit, transactionRef: record.partnerReferenceNo, fields: fields, at: time)
    }

    /// A QRIS MPM payment settled (52): the simulated payer paid a QR or a payment-gateway order. ASPI's 52
    /// members plus those of DANA's finish notify (`merchantId`, `createdTime`, `finishedTime`); each profile's
    /// `fields` keeps its own.
    public mutating func qrPaymentSettled(
        _ settled: SettledQRPayment, merchantName: String, storeId: String?, createdAt: SimTime, at time: SimTime
    ) {
        let jakarta = CivilDate.jakartaOffsetMinutes
        let fields: JSONObject = [
            "originalReferenceNo": .string(settled.referenceNo),
            "originalPartnerReferenceNo": .string(settled.partnerReferenceNo),
            "latestTransactionStatus": .string(TransactionStatus.success.rawValue),
            "transactionStatusDesc": .string(TransactionStatus.success.statusDescription),
            "customerNumber": .string(settled.payer),
            "accountType": "EMONEY",
            "destinationNumber": .string(settled.merchantId),
            "destinationAccountName": .string(merchantName),
            "merchantId": .string(settled.merchantId),
            "amount": settled.amount.json,
            "bankCode": "",
            "externalStoreId": .string(storeId ?? ""),
            "createdTime": .string(ISO8601Timestamp.format(createdAt, offsetMinutes: jakarta)),
            "finishedTime": .string(ISO8601Timestamp.format(time, offsetMinutes: jakarta)),
            "additionalInfo": [
                "paidTime": .string(ISO8601Timestamp.format(settled.paidAt, offsetMinutes: jakarta)),
                "origin": .string(settled.origin.rawValue),
            ],
        ]
        add(.qrPayment, transactionRef: settled.partnerReferenceNo, fields: fields, at: time)
    }

    /// A pending top-up (38) settled: credited `00` or refused `06`.
    public mutating func topUpSettled(_ record: TopUpRecord, at time: SimTime) {
        let jakarta = CivilDate.jakartaOffsetMinutes
        let fields: JSONObject = [
            "originalPartnerReferenceNo": .string(record.partnerReferenceNo),
            "originalReferenceNo": .string(record.referenceNo ?? ""),
            "originalExternalId": .string(record.externalId ?? ""),
            "serviceCode": .string(ServiceCode.customerTopUp.rawValue),
            "customerNumber": .string(record.customerNumber),
            "amount": record.amount.json,
            "latestTransactionStatus": .string(record.status.rawValue),
            "transactionStatusDesc": .string(record.status.statusDescription),
            "transactionDate": .string(ISO8601Timestamp.format(record.recordedAt, offsetMinutes: jakarta)),
            "finishedTime": .string(ISO8601Timestamp.format(time, offsetMinutes: jakarta)),
            "additionalInfo": [:],
        ]
        add(.topUp, transactionRef: record.partnerReferenceNo, fields: fields, at: time)
    }

    /// An ad-hoc notification asked for through the admin API: the given members over a minimal body.
    public mutating func adHoc(
        _ kind: NotificationKind, transactionRef: String, fields: JSONObject, at time: SimTime
    ) {
        var body: JSONObject = [
            "originalPartnerReferenceNo": .string(transactionRef),
            "latestTransactionStatus": .string(TransactionStatus.success.rawValue),
            "transactionStatusDesc": .string(TransactionStatus.success.statusDescription),
        ]
        for (name, value) in fields { body[name] = value }
        add(kind, transactionRef: transactionRef, fields: body, at: time)
    }

    /// NICEPAY payout notices (issue 19), signed with the merchant's notification key from payouts.json
    /// (published in GET /_sim/keys as `nicepay:<iMid>`) and posted to its notifyUrl.
    public mutating func payoutsFinished(_ notices: [PayoutNotice]) {
        for notice in notices {
            let reference = notice.body["originalPartnerReferenceNo"]?.stringValue ?? ""
            add(.payout, transactionRef: reference, fields: notice.body, at: notice.time, url: notice.url,
                keyName: PayoutMerchant.notificationKeyName(notice.clientKey))
        }
    }

    /// A SmilePayz order ended (issue 21): its callback, signed with the platform key (`smilepayz-platform`).
    public mutating func smilePayzCallback(_ callback: SmilePayzCallback, tradeNo: String, at time: SimTime) {
        add(.smilePayzCallback, transactionRef: tradeNo, fields: callback.body, at: time, url: callback.url,
            keyName: SmilePayzPlatformKey.notificationKeyName)
    }
}
