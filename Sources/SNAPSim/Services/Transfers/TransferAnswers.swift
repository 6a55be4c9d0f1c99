/// The codes the transfer services answer by their own behaviour, for `snapsim codes` and the catalogue check.
enum TransferAnswers {
    static func beneficiary(_ field: String) -> [ServiceAnswer] {
        [
            ServiceAnswer(SNAPError.invalidAccount(), "\(field) is not an account of the ledger or of beneficiaries.json (or not at the bank named)"),
            ServiceAnswer(SNAPError.bankNotSupported, "the bank code is not in beneficiaries.json, or BI-FAST was asked of a bank without it"),
            ServiceAnswer(CustomerStatus.inactive.refusal ?? .generalError, "the beneficiary (or source) is inactive, or an account is closed (0002)"),
            ServiceAnswer(CustomerStatus.dormant.refusal ?? .generalError, "the beneficiary (or source) is dormant (0009)"),
            ServiceAnswer(CustomerStatus.blocked.refusal ?? .generalError, "the beneficiary (or source) is blocked, or an account is restricted/frozen (0006/0007)"),
        ]
    }

    static func transfer(interbank: Bool) -> [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length, transactionDate is not ISO-8601, feeType is not OUR/BEN/SHA, additionalInfo.transferService is not BI-FAST/ONLINE"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo, amount, beneficiaryAccountNo, sourceAccountNo or transactionDate is missing\(interbank ? " (or beneficiaryAccountName, beneficiaryBankCode)" : "")"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerReferenceNo was used before with another payload or service"),
            ServiceAnswer(SNAPError.duplicatePartnerReferenceNo, "partnerReferenceNo was already sent, in profiles whose topUpRetry is duplicate (otherwise the original answer is replayed)"),
            ServiceAnswer(SNAPError.invalidAmount, "amount is 0.00"),
            ServiceAnswer(SNAPError.exceedsTransactionAmountLimit, "amount is above the channel's maximum (INTRABANK, BI-FAST 250,000,000.00, ONLINE 50,000,000.00)"),
            ServiceAnswer(SNAPError.insufficientFunds, "amount + fee is more than the source's available balance"),
        ] + beneficiary("beneficiaryAccountNo")
            + (interbank ? [ServiceAnswer(SNAPError.invalidRouting, "beneficiaryBankCode is this bank: send an intrabank transfer")] : [])
    }

    static let status: [ServiceAnswer] = [
        ServiceAnswer(ServiceAnswer.success.key, "always for a valid request: latestTransactionStatus 00 (sent), 06 (refused) or 07 (not found)"),
        ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length, or serviceCode is not the transfer's"),
        ServiceAnswer(SNAPError.invalidMandatoryField(""), "serviceCode is missing, or none of originalPartnerReferenceNo, originalReferenceNo, originalExternalId is given"),
    ]
}
