import SimJSON

/// Checks `X-EXTERNAL-ID`: its format per the settings, and that this partner has not used it yet on the
/// current Jakarta calendar day (409xx00 `Conflict`, snap.md §3f).
struct ExternalIDCheck {
    let settings: SecuritySettings
    let now: SimTime

    /// The format: printable ASCII (a header value that providers log and compare byte for byte), digits only
    /// where the profile says so, and not too long. Pure: runs outside every lock.
    func checkFormat(_ externalID: String) throws(SNAPError) {
        let utf8 = externalID.utf8
        // One pass over the contiguous bytes (every transaction's ID): the first byte that is not printable
        // ASCII, and whether all of them are digits.
        var text = externalID
        let (badOffset, numeric): (Int?, Bool) = text.withUTF8 { bytes in
            var numeric = true
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x21 || byte > 0x7E { return (index, false) }
                if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { numeric = false }
            }
            return (nil, numeric)
        }
        if let offset = badOffset {
            var explanation = RejectionExplanation(
                .externalID, summary: "X-EXTERNAL-ID must be printable ASCII without spaces: byte \(offset) is not",
                expected: "printable ASCII (0x21–0x7E), unique per partner per Jakarta day",
                received: String(decoding: utf8.map { $0 < 0x20 || $0 > 0x7E ? UInt8(ascii: "?") : $0 }, as: UTF8.self))
            explanation.fact("byteOffset", .int(offset))
            throw SNAPError.invalidFieldFormat(SecurityHeader.externalID).explained(explanation)
        }
        if utf8.count > settings.externalIDMaxLength || (settings.externalIDNumericOnly && !numeric) {
            let rule = (settings.externalIDNumericOnly ? "digits only, " : "") + "at most \(settings.externalIDMaxLength) characters"
            var explanation = RejectionExplanation(
                .externalID, summary: "X-EXTERNAL-ID has an invalid format: \(rule) expected",
                expected: rule + ", unique per partner per Jakarta day", received: externalID)
            explanation.fact("length", .int(utf8.count))
            throw SNAPError.invalidFieldFormat(SecurityHeader.externalID).explained(explanation)
        }
    }

    /// Records the ID as used now unless this partner used it already today; runs under the partner's lock.
    func claim(_ externalID: String, in registry: inout ExternalIDRegistry) throws(SNAPError) {
        if let firstUse = registry.claim(externalID, at: now) { throw reused(externalID, firstUse: firstUse) }
    }

    /// 409xx00 Conflict for an ID first used at `firstUse` on the current Jakarta day.
    private func reused(_ externalID: String, firstUse: SimTime) -> SNAPError {
        let day = CivilDate.jakartaDay(of: now)
        // Jakarta has no daylight saving: the next day starts 24 h after this one's midnight.
        let today = CivilDate(now, offsetMinutes: CivilDate.jakartaOffsetMinutes)
        let midnight = CivilDate(year: today.year, month: today.month, day: today.day)
            .time(offsetMinutes: CivilDate.jakartaOffsetMinutes) + .seconds(86_400)
        var explanation = RejectionExplanation(
            .externalID, summary: "X-EXTERNAL-ID `\(externalID.clipped(to: 80))` was already used today at \(firstUse)",
            expected: "an X-EXTERNAL-ID not yet used by this partner on Jakarta day \(day)", received: externalID)
        explanation.fact("firstUsedAt", .string(firstUse.description))
        explanation.fact("day", .string(day))
        explanation.fact("acceptedAgainFrom", .string(midnight.description))
        explanation.diagnosis.append(.init(
            cause: "external-id-reused", summary: "the external ID was reused the same day",
            detail: "X-EXTERNAL-ID must be unique per partner per Jakarta calendar day; generate a fresh one for "
                + "every request (a retry of the same transaction keeps partnerReferenceNo, not X-EXTERNAL-ID)."))
        return SNAPError.conflict.explained(explanation)
    }
}
