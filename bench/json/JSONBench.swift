import SimJSON

/// `{"partnerReferenceNo":…,"amount":{…},"additionalInfo":{"k0":"v0",…}}` with `members` members.
func body(members: Int) -> [UInt8] {
    var text = #"{"partnerReferenceNo":"2020102900000000000001","amount":{"value":"10000.00","currency":"IDR"},"#
    text += #""additionalInfo":{"#
    text += (0..<members).map { #" "member\#($0)" : "value \#($0)""# }.joined(separator: ",")
    return Array((text + "}}").utf8)
}

func median(_ runs: Int, _ work: () -> Void) -> Duration {
    var times: [Duration] = []
    for _ in 0..<runs {
        let clock = ContinuousClock()
        times.append(clock.measure(work))
    }
    return times.sorted()[runs / 2]
}

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let hundredths = Int(seconds) * 100 + Int(attoseconds / 10_000_000_000_000_000)
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

@main struct JSONBench {
    static func main() {
        for members in [1_000, 30_000, 60_000] {
            let bytes = body(members: members)
            let runs = members <= 1_000 ? 21 : 5
            #if SIMJSON_LIMITS
            let unlimited = JSONLimits(maximumMembers: .max)
            let parse = median(runs) { _ = try! JSONParser.parse(bytes, limits: unlimited) }
            let scan = median(runs) { _ = try! JSONScanner.minify(bytes, limits: JSONScanner.grammarOnly) }
            let refuse = median(runs) { _ = try? JSONParser.parse(bytes) }
            print("\(members) members (\(bytes.count) bytes): parse \(milliseconds(parse)) ms, "
                + "minify+validate (no tree) \(milliseconds(scan)) ms, standard limits \(milliseconds(refuse)) ms")
            #else
            let parse = median(runs) { _ = try! JSONParser.parse(bytes) }
            print("\(members) members (\(bytes.count) bytes): parse \(milliseconds(parse)) ms "
                + "(the minifier parsed the whole tree too)")
            #endif
        }
    }
}
