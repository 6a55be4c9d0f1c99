/// A first-in, first-out sequence of numbered elements, kept in chunks of ``chunkSize``: the store of a partner's
/// bounded books (``ReferencedRecords``, ``MovementLog``), which grow to 100,000 entries and then forget the oldest
/// on every append, all under the partner's lock.
///
/// Nothing here is ever moved or copied in bulk. A single array would double (moving every element into new,
/// page-faulting memory: 20–100 ms at 131,072 top-up records) and would be compacted by `removeFirst(_:)` (destroying
/// and shifting 100,000 records at once, every 100,000 top-ups). Here an append fills the last chunk or starts a new
/// one, forgetting the oldest destroys that element at once and frees its chunk when the chunk is used up, and a
/// copy-on-write copy of the queue (a snapshot of the partner's state) shares the chunks, so the next append copies
/// one chunk and an array of chunk references, not the whole book.
///
/// Element number `n` is the `n`-th ever appended (from 0); a number stays valid until its element is forgotten.
struct ChunkedQueue<Element> {
    /// Elements per chunk: a power of two, small enough that copying one (after a copy-on-write) is cheap.
    static var chunkSize: Int { 1024 }

    /// `chunks[0][0]` is element number `firstChunkNumber`; slots before `head` in it are forgotten (`nil`).
    private var chunks: [[Element?]] = []
    private var firstChunkNumber = 0
    private var head = 0
    /// Elements kept now.
    private(set) var count = 0

    init() {}

    /// An empty queue whose first element will sit at `offset` (0..<``chunkSize``) of its first chunk, as in a
    /// queue that forgot elements before it: a decoded copy then splits into the same chunks as the queue encoded.
    init(alignedAt offset: Int) {
        precondition(offset >= 0 && offset < Self.chunkSize, "an offset within one chunk")
        guard offset > 0 else { return }
        var chunk = [Element?](repeating: nil, count: offset)
        chunk.reserveCapacity(Self.chunkSize)
        chunks = [chunk]
        head = offset
    }

    /// The number of the oldest element kept (equal to ``endNumber`` when empty).
    var startNumber: Int { firstChunkNumber + head }

    /// The number the next appended element gets.
    var endNumber: Int { startNumber + count }

    var isEmpty: Bool { count == 0 }

    /// Element number `number`, `nil` when it was forgotten or never appended.
    subscript(number: Int) -> Element? {
        guard number >= startNumber, number < endNumber else { return nil }
        let offset = number - firstChunkNumber
        return chunks[offset / Self.chunkSize][offset % Self.chunkSize]
    }

    /// The oldest element kept.
    var first: Element? { isEmpty ? nil : chunks[0][head] }

    /// Appends `element`; returns its number.
    @discardableResult
    mutating func append(_ element: Element) -> Int {
        let number = endNumber
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var chunk: [Element?] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
        return number
    }

    /// Forgets the oldest element and returns it: its slot is cleared at once, its chunk freed once all of the
    /// chunk's elements are forgotten.
    @discardableResult
    mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = chunks[0][head].take()
        head += 1
        count -= 1
        if head == Self.chunkSize {
            chunks.removeFirst()
            firstChunkNumber += Self.chunkSize
            head = 0
        }
        return element
    }

    /// Makes room for the references to `count` more elements' chunks (the chunks themselves are allocated as
    /// they fill).
    mutating func reserveCapacity(_ count: Int) {
        chunks.reserveCapacity(chunks.count + (count + Self.chunkSize - 1) / Self.chunkSize)
    }

    /// Every element kept, oldest first.
    var all: [Element] {
        var elements: [Element] = []
        elements.reserveCapacity(count)
        forEach { elements.append($0) }
        return elements
    }

    /// Calls `body` on each chunk's kept elements, oldest chunk first, with the chunk's number (element number /
    /// ``chunkSize``) and whether it is whole: all ``chunkSize`` elements appended and none forgotten. A whole
    /// chunk never changes again, so what is derived from it (its packed bytes) can be kept by its number.
    func forEachChunk(_ body: (_ number: Int, _ isWhole: Bool, _ elements: ArraySlice<Element?>) -> Void) {
        var skip = head
        for (index, chunk) in chunks.enumerated() {
            body(firstChunkNumber / Self.chunkSize + index, skip == 0 && chunk.count == Self.chunkSize, chunk[skip...])
            skip = 0
        }
    }

    /// Calls `body` on every element kept, oldest first.
    func forEach(_ body: (Element) -> Void) {
        var skip = head
        for chunk in chunks {
            for slot in chunk[skip...] {
                if let element = slot { body(element) }
            }
            skip = 0
        }
    }
}

extension ChunkedQueue: Sendable where Element: Sendable {}
