import SimJSON

/// Checks `X-TIMESTAMP`: ISO-8601 with a zone, in the zones the conventions accept, and within the allowed
/// skew of the simulator clock (time of arrival, never the wall clock).
struct TimestampCheck {
    var allowedSkewSeconds: Int
    var zones: SecurityConventions.TimestampZones

    /// The parsed timestamp, or 400xx01 naming `X-TIMESTAMP` with what was wrong.
    func check(_ text: String, receivedAt now: SimTime) throws(SNAPError) -> ISO8601Timestamp {
        guard let timestamp = ISO8601Timestamp(text) else {
            var explanation = base(summary: "X-TIMESTAMP is not an ISO-8601 timestamp", text: text, now: now)
            if let finding = Self.formatMistake(in: text) { explanation.diagnosis.append(finding) }
            throw reject(explanation)
        }
        switch zones {
        case .any: break
        case .jakarta where timestamp.offsetMinutes != CivilDate.jakartaOffsetMinutes || timestamp.isUTCDesignator:
            var explanation = base(summary: "X-TIMESTAMP must be written in +07:00", text: text, now: now)
            explanation.expected = "yyyy-MM-ddTHH:mm:ss+07:00, e.g. \(ISO8601Timestamp.format(now, offsetMinutes: 420))"
            throw reject(explanation)
        case .utc where !timestamp.isUTCDesignator:
            var explanation = base(summary: "X-TIMESTAMP must be written in UTC with Z", text: text, now: now)
            explanation.expected = "yyyy-MM-ddTHH:mm:ssZ, e.g. \(ISO8601Timestamp.format(now, offsetMinutes: 0, utcDesignator: true))"
            throw reject(explanation)
        case .jakarta, .utc: break
        }

        let skewMilliseconds = (timestamp.time - now).wholeMilliseconds
        guard abs(skewMilliseconds) <= Int64(allowedSkewSeconds) * 1000 else {
            let seconds = Double(skewMilliseconds) / 1000
            let direction = skewMilliseconds < 0 ? "behind" : "ahead of"
            var explanation = base(
                summary: "X-TIMESTAMP is \(Self.seconds(abs(seconds))) s \(direction) the simulator clock "
                    + "(allowed ±\(allowedSkewSeconds) s)",
                text: text, now: now)
            explanation.fact("timestampInstant", .string(timestamp.time.description))
            explanation.fact("skewSeconds", .number(Self.seconds(seconds)))
            explanation.fact("allowedSkewSeconds", .int(allowedSkewSeconds))
            if let finding = Self.zoneMislabel(skewMilliseconds: skewMilliseconds, timestamp: timestamp) {
                explanation.diagnosis.append(finding)
            }
            explanation.hint = "Stamp each request when you send it. The simulator's clock may be fixed or moved "
                + "(`--clock`, /_sim/clock): compare with `now` above."
            throw reject(explanation)
        }
        return timestamp
    }

    private func base(summary: String, text: String, now: SimTime) -> RejectionExplanation {
        var explanation = RejectionExplanation(
            .timestamp, summary: summary,
            expected: "yyyy-MM-ddTHH:mm:ss with optional fraction and a zone (+07:00, Z or ±HH:mm), "
                + "within ±\(allowedSkewSeconds) s of the simulator clock",
            received: text)
        explanation.fact("now", .string(now.description))
        return explanation
    }

    private func reject(_ explanation: RejectionExplanation) -> SNAPError {
        SNAPError.invalidFieldFormat(SecurityHeader.timestamp).explained(explanation)
    }

    /// A skew within the window of a whole number of hours usually means local time written with the wrong zone.
    private static func zoneMislabel(skewMilliseconds: Int64, timestamp: ISO8601Timestamp) -> RejectionExplanation.Finding? {
        let hour: Int64 = 3_600_000
        let hours = (skewMilliseconds + (skewMilliseconds < 0 ? -hour / 2 : hour / 2)) / hour
        guard hours != 0, abs(hours) <= 14, abs(skewMilliseconds - hours * hour) <= 120_000 else { return nil }
        let zone = timestamp.isUTCDesignator ? "Z" : ISO8601Timestamp.format(timestamp.time, offsetMinutes: timestamp.offsetMinutes).suffix(6).description
        return RejectionExplanation.Finding(
            cause: "timestamp-zone-mislabelled",
            summary: "the clock time is right but the zone is off by \(abs(hours)) h",
            detail: "X-TIMESTAMP is almost exactly \(abs(hours)) h off: it looks like local time labelled \(zone). "
                + "Write Jakarta time with +07:00, or UTC with Z.")
    }

    /// The usual ways a timestamp is written wrong.
    private static func formatMistake(in text: String) -> RejectionExplanation.Finding? {
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, bytes.count >= 10, bytes.count <= 13, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return .init(
                cause: "timestamp-unix-epoch", summary: "it looks like Unix time",
                detail: "X-TIMESTAMP looks like Unix epoch time; SNAP wants ISO-8601 text such as 2026-11-21T18:19:47+07:00.")
        }
        if bytes.count > 10, bytes[10] == UInt8(ascii: " "),
            ISO8601Timestamp(String(decoding: bytes[..<10] + [UInt8(ascii: "T")] + bytes[11...], as: UTF8.self)) != nil
        {
            return .init(
                cause: "timestamp-space-separator", summary: "date and time are separated by a space",
                detail: "Use T between date and time: yyyy-MM-ddTHH:mm:ss±HH:mm.")
        }
        if ISO8601Timestamp(text + "+07:00") != nil {
            return .init(
                cause: "timestamp-without-zone", summary: "it has no zone",
                detail: "X-TIMESTAMP has no zone designator; append +07:00 (Jakarta) or Z (UTC).")
        }
        if bytes.count >= 5, let sign = bytes.dropLast(4).last, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            ISO8601Timestamp(String(decoding: bytes.dropLast(2) + [UInt8(ascii: ":")] + bytes.suffix(2), as: UTF8.self)) != nil
        {
            return .init(
                cause: "timestamp-offset-without-colon", summary: "the offset has no colon",
                detail: "Write the offset as ±HH:mm (e.g. +07:00), not ±HHmm.")
        }
        return nil
    }

    /// Seconds with up to three decimals and no trailing zeros, e.g. `420` or `0.5`.
    static func seconds(_ value: Double) -> String {
        let milliseconds = Int64((value * 1000).rounded())
        let whole = milliseconds / 1000
        let fraction = abs(milliseconds % 1000)
        guard fraction != 0 else { return String(whole) }
        var digits = CivilDate.pad(Int(fraction), 3)
        while digits.hasSuffix("0") { digits.removeLast() }
        return (milliseconds < 0 && whole == 0 ? "-" : "") + "\(whole).\(digits)"
    }
}
