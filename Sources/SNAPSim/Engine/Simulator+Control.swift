import SimHTTP
import SimJSON
import Synchronization

/// The control plane's commands: resets, the journal, fixture swaps and narrow changes to one partner's state.
/// The admin API calls these; each is atomic with respect to requests (it holds the partner's lock, or swaps
/// the world whole), and none hands out the simulator's state as a whole.
extension Simulator {
    /// Restores one partner's state, or everyone's, to the fixtures: ledger, tokens, external IDs, scenario
    /// states and forced outcomes. A full reset also empties the journal and returns the clock to its start, so
    /// the same requests then give the same bytes again; a partner's reset leaves every other partner alone.
    /// - Parameter seed: restarts the partners' identifiers (reference numbers, tokens) from this seed instead of
    ///   the simulator's, so a test runner gets the same identifiers from any server (`POST /_sim/reset?seed=0`).
    public func reset(partner clientId: String? = nil, seed: UInt64? = nil) {
        slots.reset(clientId, seed: seed)
        clearJournal(partner: clientId)
        notifications.reset(partner: clientId)
        if clientId == nil { clock.reset() }
    }

    /// Runs `body` on one partner's state under its lock, with the fixtures that state belongs to: the one
    /// way the control plane changes a partner's state (payer actions, scenario states, forced outcomes).
    /// Steps due by now run first (their notifications are sent), and what `body` schedules is put on the clock.
    public func withPartner<R>(_ clientId: String, _ body: (inout PartnerState, LoadedFixtures) -> R) -> R {
        let slots = self.slots
        let slot = slots.slot(clientId)
        let now = clock.now()
        let (result, due) = slot.state.withLock { state -> (R, [NotificationEvent]) in
            catchUp(until: now, slot, slots, &state)
            let due = state.notifications.take(partner: clientId)
            let result = body(&state, slots.world.fixtures)
            drafted(slot, slots, &state)
            return (result, due)
        }
        if !due.isEmpty { notifications.enqueue(due, fixtures: slots.world.fixtures) }
        return result
    }

    /// A copy of one partner's state, `nil` when it never called nor was set up; never creates one.
    public func partnerState(_ clientId: String) -> PartnerState? {
        slots.existing(clientId)?.state.peek { $0 }
    }

    /// Partners with state, sorted.
    public var partnersWithState: [String] { slots.clientIds }

    /// Forgets the journal of one partner, or all of it.
    public func clearJournal(partner: String? = nil) {
        journal.withLock { $0.clear(partner: partner) }
    }

    /// Journals an admin request that was refused for its token, so a team can see who tried.
    func journalAdminRejection(_ request: HTTPRequest, reply: HTTPReply) {
        // The journal takes status and body from the reply; of the decision it reads only the verdict.
        let decision = Decision(
            outcome: .plain(status: 401, body: .null),
            verdict: ["result": "rejected", "check": "admin-token", "summary": "missing or wrong admin bearer token"])
        let entry = JournalEntry(
            request, receivedAt: clock.now(), service: "admin", decision: decision,
            rendered: RenderedReply(reply: reply, responseCode: nil))
        record(entry, world)
    }

    /// Journal entries matching `filter`, oldest first.
    public func journalEntries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        journal.withLock { $0.entries(matching: filter) }
    }

    /// Entries and bytes the journal holds now.
    public var journalSize: (entries: Int, bytes: Int, rings: Int) {
        journal.withLock { ($0.count, $0.byteCount, $0.ringCount) }
    }

    /// Swaps in a new fixture set at once; every partner starts afresh from it (ledger, tokens, external IDs,
    /// scenario states, forced outcomes). The journal and the clock are kept.
    /// - Returns: the generation of the new set (the first set is 1).
    @discardableResult
    public func replaceFixtures(_ fixtures: LoadedFixtures) -> Int {
        current.withLock { current in
            let world = World(fixtures, generation: current.world.generation + 1)
            current = PartnerSlots(world: world, seed: options.seed)
            return world.generation
        }
    }

    /// How many fixture sets have been in force, counting the first: changes whenever a swap succeeds.
    public var fixtureGeneration: Int { world.generation }
}

/// Forced outcomes (`/_sim/faults`): narrow commands on one partner's state.
extension Simulator {
    /// Reads a forced outcome from an admin body and adds it to its partner, with an id no fixture rule uses.
    func addForcedOutcome(_ body: JSONValue) -> Result<ForcedOutcome, FixtureLoadError> {
        let world = self.world
        return ForcedOutcome.read(body, fixtures: world.fixtures).map { read in
            var outcome = read
            // The partner's state belongs to the world the body was read against; a swap in between starts
            // every partner afresh, so the outcome is then added to the new world's state, as a later call would.
            withPartner(outcome.partner) { state, _ in
                outcome.id = state.forcedOutcomes.nextId(avoiding: world.ruleIds)
                outcome.rule.id = outcome.id
                state.forcedOutcomes.add(outcome)
            }
            return outcome
        }
    }

    /// Removes one partner's forced outcome `id`, or all of them; returns how many were removed.
    func clearForcedOutcomes(of clientId: String, id: String?) -> Int {
        guard partnerState(clientId) != nil else { return 0 }
        return withPartner(clientId) { state, _ in state.forcedOutcomes.clear(id) }
    }
}
