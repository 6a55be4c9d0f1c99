import SimHTTP

/// The journal entries a replay draws up, written into the journal only for the requests it will keep.
///
/// The journal keeps at most `capacityPerPartner` entries per ring, so of a long log only the last requests of
/// each partner end up in it. Rendering an answer nobody reads and building its entry cost a replay about as
/// much as the engine's own work; a replay therefore keeps only a draft of each request (the exchange and the
/// engine's decision, cheap values), the newest `capacityPerPartner` per ring, and ``Simulator/writeJournal(_:)``
/// renders and records those, in log order, before anything that reads or changes the journal (an admin record,
/// a fixture swap) and at the end. The partner states are untouched by this: rendering is pure and happens after
/// the decision either way. What differs from recording every entry is only the journal's byte limit: it is
/// applied to the entries kept rather than to every entry along the way.
struct ReplayJournal {
    /// One replayed request, as the journal needs it.
    struct Draft {
        var exchange: Exchange
        var decision: Decision
        var world: World
        /// Position in the log, to write the kept drafts in order.
        var order: Int
    }

    let capacityPerRing: Int
    private var rings: [String: Ring] = [:]
    private var nextOrder = 0

    /// `capacityPerRing` 0 keeps no draft (the journal is not rebuilt).
    init(capacityPerRing: Int) {
        self.capacityPerRing = max(0, capacityPerRing)
    }

    /// Whether no draft waits to be written.
    var isEmpty: Bool { rings.isEmpty }

    /// Keeps `decision` of `exchange`, dropping the oldest draft of its ring beyond the journal's capacity.
    mutating func add(_ exchange: Exchange, _ decision: Decision, world: World) {
        guard capacityPerRing > 0 else { return }
        let claimed = JournalEntry.claimedPartner(exchange.request, decision).map { $0.clipped(to: 128) }
        let ring = claimed.flatMap { world.fixtures.partners[$0] == nil ? nil : $0 } ?? Journal.anonymous
        rings[ring, default: Ring()].append(
            Draft(exchange: exchange, decision: decision, world: world, order: nextOrder), capacity: capacityPerRing)
        nextOrder += 1
    }

    /// Every draft kept, in log order; empties the journal of drafts.
    mutating func drain() -> [Draft] {
        let drafts = rings.values.flatMap(\.elements).sorted { $0.order < $1.order }
        rings.removeAll()
        return drafts
    }

    /// The newest drafts of one ring: a circular buffer once full.
    private struct Ring {
        private var storage: [Draft] = []
        private var oldest = 0

        var elements: [Draft] { Array(storage[oldest...] + storage[..<oldest]) }

        mutating func append(_ draft: Draft, capacity: Int) {
            if storage.count < capacity {
                storage.append(draft)
            } else {
                storage[oldest] = draft
                oldest = (oldest + 1) % capacity
            }
        }
    }
}

extension Simulator {
    /// Replays a logged partner request as it was first served: at its recorded instant, its signature not
    /// checked again (``Exchange/replaying``), no notification sent, nothing logged; its answer is drafted for
    /// the journal, not rendered (``ReplayJournal``).
    func replayRequest(_ request: HTTPRequest, at receivedAt: SimTime, into drafts: inout ReplayJournal) {
        let slots = self.slots
        let world = slots.world
        let fixtures = world.fixtures
        guard let route = fixtures.router.route(
            for: request, partners: fixtures.partners, defaultProfile: fixtures.engine.defaultProfile)
        else {
            // Never logged (an unroutable request reaches no partner's state); answered as served, to be exact.
            writeJournal(&drafts)
            _ = answer(request, at: receivedAt, notify: false)
            return
        }
        var exchange = Exchange(request: request, route: route, receivedAt: receivedAt)
        exchange.replaying = true
        drafts.add(exchange, decide(exchange, slots), world: world)
    }

    /// Replays a read logged as what it changed (``DurableRecord/read(_:)``): under its partner's lock, the
    /// clock-driven steps due by its instant (as serving it ran them), its X-EXTERNAL-ID if it was registered, the
    /// ledger's opening (a no-op unless the read opened it), and the identifier stream where the read left it.
    func replayRead(_ read: ReadRecord) {
        let slots = self.slots
        let slot = slots.slot(read.clientId)
        slot.state.withLock { state in
            catchUp(until: read.at, slot, slots, &state)
            if read.registered { state.externalIDs.record(read.externalID, at: read.at) }
            if read.ledgerOpen { state.ledger.open(at: read.at) }
            state.ids.move(to: read.idsPosition)
            drafted(slot, slots, &state)
        }
    }

    /// Renders and records the drafts kept, in log order, as ``answer(_:at:notify:)`` would have recorded them.
    func writeJournal(_ drafts: inout ReplayJournal) {
        guard !drafts.isEmpty else { return }
        for draft in drafts.drain() {
            var exchange = draft.exchange
            exchange.replaying = false
            var decision = draft.decision
            // The verdict of a signed transaction names the string-to-sign and encoding that verified; the replay
            // skipped that check, so it is worked out again (pure, and it passed when the request was served).
            if decision.caller != nil, exchange.route.security == .transaction,
               let admission = try? security.verifyTransaction(exchange, world: draft.world)
            {
                decision.verdict = admission.verdict.json
            }
            let renderer = ResponseRenderer(fixtures: draft.world.fixtures, explain: options.explain)
            let rendered = renderer.render(decision.outcome, for: exchange)
            record(
                JournalEntry(
                    exchange.request, receivedAt: exchange.receivedAt, service: exchange.route.serviceName,
                    decision: decision, rendered: rendered),
                draft.world)
        }
    }
}
