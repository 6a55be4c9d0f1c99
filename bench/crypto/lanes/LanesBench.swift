// Wall clock of SHA-512's compression two blocks at a time (SIMD2<UInt64> lanes) against the scalar one, and of
// a diagnosis-sized batch of HMAC-SHA512s against one MAC at a time. Instruction counts (callgrind) favour wide
// vectors; this says whether the lanes also pay in time. Built by bench/crypto/lanes.sh with -O -wmo.
@testable import SNAPCrypto

@main
enum LanesBench {
    nonisolated(unsafe) static var sink: UInt64 = 0

    static func main() {
        var generator = SystemRandomNumberGenerator()
        let blocks = (0..<256).map { _ in UInt8.random(in: 0...255, using: &generator) }
        blocks.withUnsafeBytes { buffer in
            let block0 = buffer.baseAddress!
            let block1 = block0 + 128
            let scalar = best {
                var s0 = SHA512Core.State.sha512
                var s1 = SHA512Core.State.sha384
                for _ in 0..<1000 {
                    SHA512Core.compress(&s0, blocks: UnsafeRawBufferPointer(start: block0, count: 128))
                    SHA512Core.compress(&s1, blocks: UnsafeRawBufferPointer(start: block1, count: 128))
                }
                sink &+= s0.h0 &+ s1.h0
            }
            let lanes = best {
                var s0 = SHA512Core.State.sha512
                var s1 = SHA512Core.State.sha384
                for _ in 0..<1000 { SHA512Core.compress2(&s0, &s1, block0: block0, block1: block1) }
                sink &+= s0.h0 &+ s1.h0
            }
            print("two blocks, scalar one after the other  \(ns(scalar / 1000)) ns")
            print("two blocks, SIMD2 lanes                 \(ns(lanes / 1000)) ns  (\(percent(lanes / scalar)) of scalar)")
        }

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
