// Wall clock of a diagnosis-sized batch of HMAC-SHA512s (`authenticationCodes(of:ranges:)`) against one MAC at a
// time. Built by bench/crypto/batch.sh with -O -wmo. (At commit 5edba50 the same script also timed SIMD2<UInt64>
// lanes against the scalar compression: bench/crypto/README.md, "Batched HMACs".)
import SNAPCrypto

@main
enum BatchBench {
    nonisolated(unsafe) static var sink: UInt64 = 0

    static func main() {
        // 40 strings to sign of ~300 bytes differing in their first block (no shared prefix): the walk's worst case.
        let hmac = HMAC<SHA512>(key: Array("snapsim-demo-secret-SANDBOX-ONLY".utf8))
        var flat: [UInt8] = []
        var ranges: [Range<Int>] = []
        for index in 0..<40 {
            let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) }
            ranges.append(flat.count..<(flat.count + message.count))
            flat += message
        }
        flat.withUnsafeBytes { buffer in
            let one = best {
                for range in ranges {
                    sink &+= UInt64(hmac.authenticationCode(of: UnsafeRawBufferPointer(rebasing: buffer[range]))[0])
                }
            }
            let batch = best { sink &+= UInt64(hmac.authenticationCodes(of: buffer, ranges: ranges)[0]) }
            print("40 HMAC-SHA512 of 300 bytes, one by one  \(ns(one / 1000)) µs")
            print("40 HMAC-SHA512 of 300 bytes, one batch   \(ns(batch / 1000)) µs  (\(percent(batch / one)) of one by one)")
        }
    }

    /// Best of seven runs of `body`, in nanoseconds: the run least disturbed by the other processes.
    static func best(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        body()
        var times: [Double] = []
        for _ in 0..<7 {
            var iterations = 0
            let start = clock.now
            var elapsed = Duration.zero
            repeat {
                body()
                iterations += 1
                elapsed = clock.now - start
            } while elapsed < .milliseconds(200)
            let (seconds, attoseconds) = elapsed.components
            times.append((Double(seconds) * 1e9 + Double(attoseconds) * 1e-9) / Double(iterations))
        }
        return times.min()!
    }

    static func ns(_ value: Double) -> String { String(Int(value.rounded())) }
    static func percent(_ ratio: Double) -> String { "\(Int((ratio * 100).rounded())) %" }
}
