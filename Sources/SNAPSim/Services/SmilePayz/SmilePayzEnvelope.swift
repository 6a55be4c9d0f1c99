import SimJSON

/// SmilePayz v2.0's envelope: every body carries `code` (`"00"` success) and `message`, business fields flat
/// beside them (smilepayz.md §1, §7.3).
///
/// The non-`00` codes come from SmilePayz's platform gateway (the docs only promise "other values are errors"),
/// so the mapping is a simulator choice kept here, in one place (docs/smilepayz.md): 400 → `10` Bad Request,
/// 401 → `12` Unauthorized, 403 → `14` Forbidden (`99` for business refusals), 404xx02 routing → `11` Not Found,
/// 429 → `13`, anything else → `99` with the SNAP message. SNAP's `responseCode`/`responseMessage` stay in
/// error bodies (the simulator's journal and explanations speak SNAP) and in the balance inquiry, whose
/// documented answer (seed 002) carries both pairs; other successes carry `code`/`message` only.
enum SmilePayzEnvelope {
    static let successMessage = "Successful"

    static func apply(to body: inout JSONObject, _ key: CaseKey, service: ServiceCode) {
        let message = body["responseMessage"]?.stringValue ?? ""
        if key.httpStatus < 300 {
            if service != .balanceInquiry {
                body = JSONObject(body.members.filter { $0.key != "responseCode" && $0.key != "responseMessage" }
                    .map { ($0.key, $0.value) })
            }
            body["code"] = "00"
            body["message"] = .string(successMessage)
            return
        }
        body["code"] = .string(code(for: key))
        body["message"] = .string(message)
    }

    /// SmilePayz's `code` for a refusal of `key`.
    static func code(for key: CaseKey) -> String {
        switch (key.httpStatus, key.caseCode) {
        case (400, _): "10"
        case (401, _): "12"
        case (404, "02"): "11"
        case (403, "01"): "14"
        case (429, _): "13"
        default: "99"
        }
    }
}
