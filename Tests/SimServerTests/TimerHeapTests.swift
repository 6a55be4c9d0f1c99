@testable import SimServer
import Testing

@Suite struct TimerHeapTests {
    @Test func heap_PopsInDeadlineOrder_WhenPushedOutOfOrder() {
        var heap = TimerHeap<Int>()
        for (index, deadline) in [50, 10, 40, 30, 20, 60, 5].enumerated() { heap.push(index, at: UInt64(deadline)) }

        var popped: [UInt64] = []
        while let entry = heap.popDue(at: 45) { popped.append(entry.deadline) }

        #expect(popped == [5, 10, 20, 30, 40])
        #expect(heap.nextDeadline == 50)
        #expect(heap.count == 2)
    }

    @Test func duration_ClampsToNanoseconds_WhenNegativeOrHuge() {
        #expect(Duration.milliseconds(1500).clampedNanoseconds == 1_500_000_000)
        #expect(Duration.milliseconds(-5).clampedNanoseconds == 0)
        #expect(Duration.seconds(Int64.max).clampedNanoseconds == UInt64.max / 2)
    }
}
