/// Replies written per batch of readiness events rather than one by one.
///
/// A loop woken with several requests ready answers each in turn. Writing each reply as soon as it is made wakes
/// the client's thread once per reply: on a small machine the client then runs between two of our requests, reads
/// one reply, sends one request and sleeps again, and both sides pay a context switch and a wake-up for every
/// request (issue 11's top-up ran at 0.6 context switches per request this way). Held until the batch is handled,
/// the replies leave together: one wake-up finds them all. Once a reply has waited ``writeDeferralBound``, the
/// held replies are written after the request being answered then: a slow request (a 60,000-member body) delays
/// the replies made before it in its batch by its own time at most, never by the rest of the batch.
extension EventLoop {
    /// The longest a reply waits for the rest of its batch: 1 ms.
    static var writeDeferralBound: UInt64 { 1_000_000 }

    /// Holds `connection`'s reply until the batch is handled (or ``writeDeferralBound`` has passed).
    func deferWrite(_ connection: Connection) {
        if deferredWrites.isEmpty { deferredSince = MonotonicClock.now() }
        deferredWrites.append(connection)
    }

    /// Writes the replies held so far, in the order they were made. Writing defers nothing, so the list does not
    /// grow meanwhile; it keeps its storage for the next batch.
    func writeDeferred() {
        guard !deferredWrites.isEmpty else { return }
        for index in deferredWrites.indices { deferredWrites[index].writeDeferred() }
        deferredWrites.removeAll(keepingCapacity: true)
    }
}
