import SimHTTP
import SimJSON

/// What the binding and direct-debit services share: reading phone numbers in any of the forms partners write
/// them, finding the payer, and the URLs and times they answer with.
extension ServiceRequest {
    /// A phone number written `08…`, `628…` or `+628…` (DOKU sends `62…`), in the ledger's `08…` form.
    func phoneNumber(_ field: String, required: Bool) throws(SNAPError) -> String? {
        guard let text = try fields.string(field, required: required, maxLength: 16) else { return nil }
        var digits = Substring(text)
        if digits.hasPrefix("+") { digits = digits.dropFirst() }
        let number = digits.hasPrefix("62") ? "0" + digits.dropFirst(2) : String(digits)
        guard EMoneyCustomer.isWellFormedNumber(number) else {
            throw fields.format(
                field, "must be a phone number: 08…, 628… or +628…, at most 16 characters", received: .string(text))
        }
        return number
    }

    /// The customer named by a B2B2C token (service 74), `nil` when the request carries none: the pipeline's
    /// check on routes that require one, else `Authorization-Customer` (`Bearer` or raw: DOKU's payment and
    /// jump-app share a path, only one sends it), else DANA's `additionalInfo.accessToken`.
    func tokenCustomer(_ state: PartnerState) throws(SNAPError) -> String? {
        if let customer = caller.customerNumber { return customer }
        var token = fields.object["additionalInfo"]?.objectValue?["accessToken"]?.stringValue
        var source = "additionalInfo.accessToken"
        if let header = exchange.request.headers["Authorization-Customer"], !header.isEmpty {
            token = header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst(7)) : header
            source = "Authorization-Customer"
        }
        guard let token, !token.isEmpty else { return nil }
        guard let grant = state.customerTokens.grant(accessToken: token), time < grant.accessTokenExpiresAt else {
            throw SNAPError.invalidCustomerToken.explained([
                "summary": .string("\(source) is not a live customer token of this partner (service 74 issues them)")
            ])
        }
        return grant.customerNumber
    }

    /// The active binding whose token is `token`; `404xx11` when there is none.
    func activeBinding(token: String, field: String, _ state: PartnerState) throws(SNAPError) -> Binding {
        guard let binding = state.directDebit.binding(token: token) else {
            throw SNAPError.invalidAccount(field).explained([
                "summary": .string("\(field) is not a token this partner's bindings issued")
            ])
        }
        guard binding.status == .active else {
            throw SNAPError(httpStatus: 403, caseCode: "18").explained([
                "summary": .string("the binding of \(field) is \(binding.status.rawValue.lowercased())")
            ])
        }
        return binding
    }

    /// Where the simulated customer acts: the admin API's payer endpoint on the host the partner called.
    func payerURL(_ kind: String, reference: String) -> String {
        let host = exchange.request.headers["Host"] ?? "127.0.0.1"
        return "http://\(host)/_sim/payer/\(kind)?partner=\(caller.clientId)&referenceNo=\(reference)"
    }

    /// A time as providers print it: Jakarta, `+07:00`, no fraction (DANA's SDK requires exactly this form).
    static func jakarta(_ time: SimTime) -> JSONValue {
        .string(ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes))
    }
}

extension JSONObject {
    /// Sets `name` to `value` when it is not `nil`.
    mutating func set(_ name: String, _ value: String?) {
        if let value { self[name] = .string(value) }
    }
}

/// The binding and direct-debit services, registered once in ``ServiceRegistry``.
let directDebitServices: [any SNAPService] = [
    CardRegistration(), OTPVerification(), CardUnbinding(), AccountCreation(), AccountBinding(),
    AccountBindingInquiry(), AccountUnbinding(), DirectDebitPayment(), DirectDebitStatus(), DirectDebitCancel(),
    DirectDebitRefund(), OTPRequest(),
]

extension RequestFields {
    /// The first of `names` present, each checked as an optional string of at most `maxLength`.
    func firstString(_ names: [String], maxLength: Int) throws(SNAPError) -> String? {
        for name in names {
            if let value = try string(name, required: false, maxLength: maxLength) { return value }
        }
        return nil
    }
}
