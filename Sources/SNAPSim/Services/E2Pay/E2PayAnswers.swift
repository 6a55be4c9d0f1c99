import SimJSON

/// Which E2Pay code each E2Pay route answers and when: the `snapsim codes` listing of the `e2pay` profile.
enum E2PayAnswers {
    typealias Answer = (code: E2PayResponseCode, source: ReachableCode.Source, when: String)

    private static let bearer: [Answer] = [
        (.emptyField, .security, "no Authorization: Bearer <access_token>"),
        (.sessionNotExists, .security, "the access token was never issued or was logged out"),
        (.tokenExpired, .security, "the access token is past its lifetime (e2pay.json, simulator clock)"),
        (.forbidden, .common, "the partner's services list does not include the service"),
    ]
    private static let user: [Answer] = bearer + [
        (.forbidden, .security, "the host token where a user token is needed"),
        (.customerNotActive, .ledger, "the customer's status is inactive, dormant or blocked"),
    ]
    private static let merchant: [Answer] = bearer + [
        (.forbidden, .security, "the host token or a customer's token where a merchant's is needed"),
        (.customerNotActive, .ledger, "the merchant account's status is not 0001 (active)"),
    ]
    private static let host: [Answer] = bearer + [(.forbidden, .security, "a user token where the host token is needed")]
    private static let client: [Answer] = [
        (.emptyField, .ledger, "client_id, client_secret or another mandatory field is missing (named)"),
        (.authenticationFailed, .security, "client_id unknown or client_secret wrong"),
        (.validationError, .ledger, "a field has the wrong form (named)"),
    ]

    static func answers(_ service: ServiceDescriptor) -> [Answer] {
        switch service {
        case .e2payToken:
            client + [
                (.sessionNotExists, .ledger, "code or refresh_token never issued, already used or logged out"),
                (.tokenExpired, .ledger, "code or refresh_token past its lifetime (e2pay.json)"),
            ]
        case .e2payAuthorization:
            client + [(.authenticationFailed, .ledger, "unknown username or wrong MD5 password")]
        case .e2payLogout: user
        case .e2payBalanceLimit:
            bearer + [
                (.emptyField, .ledger, "accountId query parameter missing"),
                (.accountNotFound, .ledger, "accountId is no customer of the ledger"),
                (.forbidden, .ledger, "a user token asking for another customer's limits"),
            ]
        case .e2payCustomerAccount: user
        case .e2payVerifyUsername, .e2payVerifyEmail: host + [(.emptyField, .ledger, "the query parameter is missing")]
        case .e2payRegister:
            host + [
                (.emptyField, .ledger, "a mandatory field is missing (named)"),
                (.validationError, .ledger, "phone is not 08… digits"),
                (.entityExists, .ledger, "the phone is already a customer"),
            ]
        case .e2payRegisterConfirm:
            host + [
                (.invalidPhoneVerification, .ledger, "token is not prefix + OTP, or older than 5 minutes"),
                (.entityNotFound, .ledger, "no registration request for username"),
                (.validationError, .ledger, "password is not MD5 upper-case hex"),
            ]
        case .e2payResendSMS, .e2payResendEmail:
            host + [(.entityNotFound, .ledger, "no registration request for username")]
        case .e2payHistory:
            user + [
                (.validationError, .ledger, "limit, offset, sortField or sortOrder is malformed"),
                (.timestampInvalid, .ledger, "transactionTimestampFrom/Until is not a timestamp with offset"),
                (.timestampRangeInvalid, .ledger, "transactionTimestampFrom is after transactionTimestampUntil"),
            ]
        case .e2payTransferInquiry:
            user + [(.emptyField, .ledger, "accountID missing"), (.accountNotFound, .ledger, "no such account")]
        case .e2payTransferRequest:
            user + [
                (.invalidAccount, .ledger, "accountSrc is not the logged-in customer"),
                (.accountNotFound, .ledger, "accountDst is no other customer"),
                (.duplicateTransaction, .ledger, "clientRef already used"),
                (.validationError, .ledger, "amount is not a positive number"),
            ]
        case .e2payTransferConfirm:
            user + [
                (.entityNotFound, .ledger, "transactionRequestId unknown"),
                (.duplicateTransaction, .ledger, "already confirmed"),
                (.authenticationFailed, .ledger, "wrong MD5 password"),
                (.insufficientFund, .ledger, "balance below amount"),
                (.exceedLimit, .ledger, "amount over the receiver's sisaTopup"),
                (.validationError, .ledger, "fields differ from the request"),
            ]
        case .e2payMerchantRegister:
            host + [
                (.emptyField, .ledger, "phone, name, countryId or sourceId missing (named)"),
                (.validationError, .ledger, "phone is not 08… digits, or email is not an address"),
                (.entityExists, .ledger, "the phone is already a merchant"),
            ]
        case .e2payMerchantRegisterConfirm:
            host + [
                (.invalidPhoneVerification, .ledger, "token is not prefix + OTP, or expired"),
                (.entityNotFound, .ledger, "no merchant registration for username"),
                (.validationError, .ledger, "password is not MD5 upper-case hex"),
                (.emptyField, .ledger, "username, password or token missing"),
            ]
        case .e2payMerchantVerifyUsername: host + [(.emptyField, .ledger, "the query parameter is missing")]
        case .e2payMerchantResendSMS, .e2payMerchantResendEmail:
            host + [(.entityNotFound, .ledger, "no merchant registration for username")]
        case .e2payMerchantAccount: merchant
        case .e2payMerchantHistory:
            merchant + [
                (.validationError, .ledger, "limit, offset, sortField or sortOrder is malformed"),
                (.timestampInvalid, .ledger, "transactionTimestampFrom/Until is not a timestamp with offset"),
                (.timestampRangeInvalid, .ledger, "transactionTimestampFrom is after transactionTimestampUntil"),
            ]
        case .e2payMerchantPassword:
            merchant + [
                (.authenticationFailed, .ledger, "oldPassword is wrong"),
                (.validationError, .ledger, "a password is not MD5 upper-case hex, or unchanged"),
                (.emptyField, .ledger, "oldPassword or newPassword missing"),
            ]
        case .e2payMerchantEmail, .e2payMerchantPhoneRequest:
            merchant + [
                (.emptyField, .ledger, "a mandatory field is missing (named)"),
                (.forbidden, .ledger, "username is not the logged-in merchant"),
                (.authenticationFailed, .ledger, "wrong MD5 password"),
                (.validationError, .ledger, "the new e-mail or phone is malformed"),
            ]
        case .e2payMerchantEmailConfirm:
            merchant + [
                (.invalidEmailVerification, .ledger, "token is not the e-mailed prefix + OTP, or expired"),
                (.entityNotFound, .ledger, "no e-mail change requested"),
                (.validationError, .ledger, "email differs from the requested one"),
            ]
        case .e2payMerchantPhoneConfirm:
            merchant + [
                (.invalidPhoneVerification, .ledger, "token is not the SMS prefix + OTP, or expired"),
                (.entityNotFound, .ledger, "no phone change requested"),
                (.validationError, .ledger, "phone differs from the requested one"),
            ]
        case .e2payMerchantTransferInquiry:
            merchant + [(.emptyField, .ledger, "accountID missing"), (.accountNotFound, .ledger, "no such account")]
        case .e2payMerchantTransferRequest:
            merchant + [
                (.invalidAccount, .ledger, "accountSrc is not the merchant's account"),
                (.accountNotFound, .ledger, "accountDst is no other account"),
                (.duplicateTransaction, .ledger, "clientRef already used"),
                (.validationError, .ledger, "amount is not a positive number"),
            ]
        case .e2payMerchantTransferConfirm:
            merchant + [
                (.entityNotFound, .ledger, "transactionRequestId unknown"),
                (.duplicateTransaction, .ledger, "already confirmed"),
                (.authenticationFailed, .ledger, "wrong MD5 password"),
                (.insufficientFund, .ledger, "the merchant account's available balance is below amount"),
                (.exceedLimit, .ledger, "amount over a customer receiver's sisaTopup"),
                (.validationError, .ledger, "fields differ from the request"),
            ]
        case .e2payUpgradeRequest:
            user + [
                (.emptyField, .ledger, "mandatory fields missing (every one named)"),
                (.validationError, .ledger, "identityType not KTP, identityNumber not 16 digits, bad birthDate, gender, maritalStatus, postalCode, countryId or Base64 file"),
                (.invalidAccount, .ledger, "phone is not the logged-in customer"),
                (.entityExists, .ledger, "already premium, or an upgrade is already SUBMITED"),
            ]
        default: E2PayMoneyOutAnswers.answers(service)
        }
    }

    /// The rows of `snapsim codes` for an E2Pay route: success first, then each refusal and each rule that can
    /// answer it (rules with a SNAP `case` never apply to E2Pay routes).
    static func list(for service: ServiceDescriptor, fixtures: LoadedFixtures) -> [ReachableCode] {
        let success = ReachableCode(
            responseCode: nil, httpStatus: 200, message: "(plain JSON)", source: .ledger, how: "the request is valid")
        var rows = [success] + answers(service).map {
            let entry = fixtures.e2pay.entry($0.code.code)
            return ReachableCode(responseCode: entry.code, httpStatus: entry.httpStatus, message: entry.message,
                source: $0.source, how: $0.when)
        }
        if Rule.unruledServices.contains(service) { return rows }
        for rule in fixtures.rules.rules where rule.serviceNames?.contains(service.name) ?? true {
            let conditions = rule.conditions.filter { if case .services = $0 { false } else { true } }.map(\.summary)
            let how = "rule \(rule.id): " + conditions.joined(separator: ", ")
            switch rule.outcome.response {
            case .e2pay(let code):
                let entry = fixtures.e2pay.entry(code)
                rows.append(ReachableCode(responseCode: code, httpStatus: entry.httpStatus, message: entry.message,
                    source: .magic, how: how))
            case .body(let status, _):
                rows.append(ReachableCode(responseCode: nil, httpStatus: status, message: "(rule's own body)", source: .magic, how: how))
            case .amend(let status, let patch):
                rows.append(ReachableCode(responseCode: patch?[pointer: JSONPointer(tokens: ["responseCode"])]?.stringValue,
                    httpStatus: status,
                    message: patch?[pointer: JSONPointer(tokens: ["responseMessage"])]?.stringValue ?? "(the normal answer, amended)",
                    source: .magic, how: how + " (the service runs)"))
            case .code: continue
            }
        }
        return rows.sorted { ($0.httpStatus ?? 0, $0.responseCode ?? "") < ($1.httpStatus ?? 0, $1.responseCode ?? "") }
    }
}
