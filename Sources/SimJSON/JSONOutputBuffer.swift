/// A growable byte buffer written through a raw pointer, for ``JSONCompactWriter``.
///
/// `[UInt8].append` checks uniqueness and capacity on every call (~75 instructions for a short run, twice more
/// for the quotes around it); the writer instead reserves once per string and stores bytes directly. The
/// owner frees the storage with ``release()`` after copying the result out; the buffer never escapes the writer.
struct JSONOutputBuffer {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        start = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    func release() { start.deallocate() }

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
        start.deallocate()
        start = larger
        capacity = newCapacity
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
