import Dispatch
@testable import SNAPSim
import Testing

/// ``BargingLock``: mutual exclusion under contention from many threads, and a throwing body releases the lock.
@Suite struct BargingLockTests {
    struct Refused: Error, Equatable {}

    @Test func incrementsFromManyThreadsAreNeverLost() {
        let lock = BargingLock((count: 0, inside: 0, overlaps: 0))
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20_000 {
                lock.withLock { value in
                    value.inside += 1
                    if value.inside > 1 { value.overlaps += 1 }
                    value.count += 1
                    value.inside -= 1
                }
            }
        }
        let final = lock.withLock { $0 }
        #expect(final.count == 160_000)
        #expect(final.overlaps == 0)
    }

    @Test func aThrowingBodyLeavesTheLockFreeAndItsChangesKept() {
        let lock = BargingLock(0)
        #expect(throws: Refused.self) {
            try lock.withLock { (value: inout Int) throws(Refused) in
                value = 5
                throw Refused()
            }
        }
        // Taken again at once: a lock left held would hang here.
        #expect(lock.withLock { $0 } == 5)
    }
}
