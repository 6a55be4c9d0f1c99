/// A growable byte buffer written through a raw pointer, for ``JSONCompactWriter``.
///
/// `[UInt8].append` checks uniqueness and capacity on every call (~75 instructions for a short run, twice more
/// for the quotes around it); the writer instead reserves once per string and stores bytes directly. The
/// owner frees the storage with ``release()`` after copying the result out; the buffer never escapes the writer.
///
/// It may start in memory the caller lends (``withScratch(_:)``: stack memory), moving to the heap only when
/// the text outgrows it: an answer is then one allocation (the result's array), not two.
struct JSONOutputBuffer {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `start` was allocated here (and is freed here), rather than lent.
    private var owned: Bool

    init(capacity: Int) {
        start = .allocate(capacity: capacity)
        self.capacity = capacity
        owned = true
    }

    /// A buffer writing into `scratch` first; `scratch` must outlive it.
    private init(lending scratch: UnsafeMutableBufferPointer<UInt8>) {
        start = scratch.baseAddress.unsafelyUnwrapped
        capacity = scratch.count
        owned = false
    }

    /// Stack memory this size is never more than `withUnsafeTemporaryAllocation` puts on the stack without
    /// asking the thread's stack bounds (which costs more than a heap allocation).
    static let scratchCapacity = 1024

    /// Runs `body` with a buffer that starts in ``scratchCapacity`` bytes of stack memory, and releases it.
    static func withScratch<Result>(_ body: (inout JSONOutputBuffer) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scratchCapacity) { scratch in
            var buffer = JSONOutputBuffer(lending: scratch)
            defer { buffer.release() }
            return body(&buffer)
        }
    }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    func release() {
        if owned { start.deallocate() }
    }

    /// Makes room for `extra` more bytes; the `unchecked` appends after it need no check of their own.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.initialize(from: start, count: count)
        if owned { start.deallocate() }
        start = larger
        capacity = newCapacity
        owned = true
    }

    @inline(__always)
    mutating func appendUnchecked(_ byte: UInt8) {
        start[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func appendUnchecked(_ bytes: UnsafePointer<UInt8>, count length: Int) {
        (start + count).initialize(from: bytes, count: length)
        count += length
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        appendUnchecked(byte)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        reserve(bytes.count)
        appendUnchecked(base, count: bytes.count)
    }
}
