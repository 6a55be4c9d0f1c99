import SimJSON
import SimHTTP
import Synchronization

/// The control plane's access to the simulator's state: resets, the journal, fixture swaps. The admin API
/// calls these; each takes the state lock once, so each is atomic with respect to requests.
extension Simulator {
    /// Runs `body` with exclusive access to the simulator's state (admin endpoints use it).
    func withState<R>(_ body: (inout State) -> R) -> R {
        state.withLock { body(&$0) }
    }

    /// Restores one partner's state, or everyone's, to the fixtures: ledger, tokens, external IDs, scenario
    /// states and forced outcomes. A full reset also empties the journal and returns the clock to its start, so
    /// the same requests then give the same bytes again; a partner's reset leaves every other partner alone.
    public func reset(partner clientId: String? = nil) {
        state.withLock { state in
            state.partners.reset(clientId)
            state.journal.clear(partner: clientId)
        }
        notifications.reset(partner: clientId)
        if clientId == nil { clock.reset() }
    }

    /// Forgets the journal of one partner, or all of it.
    public func clearJournal(partner: String? = nil) {
        state.withLock { $0.journal.clear(partner: partner) }
    }

    /// Journals an admin request that was refused for its token, so a team can see who tried.
    func journalAdminRejection(_ request: HTTPRequest, reply: HTTPReply) {
        let receivedAt = clock.now()
        // The journal takes status and body from the reply; of the decision it reads only the verdict.
        let decision = Decision(
            outcome: .plain(status: 401, body: .null),
            verdict: ["result": "rejected", "check": "admin-token", "summary": "missing or wrong admin bearer token"])
        state.withLock {
            $0.journal.record(request, receivedAt: receivedAt, service: "admin", decision: decision,
                rendered: RenderedReply(reply: reply, responseCode: nil), partners: $0.fixtures.partners)
        }
    }

    /// Journal entries matching `filter`, oldest first.
    public func journalEntries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        state.withLock { $0.journal.entries(matching: filter) }
    }

    /// Swaps in a new fixture set at once; every partner starts afresh from it (ledger, tokens, external IDs,
    /// scenario states, forced outcomes). The journal and the clock are kept.
    /// - Returns: the generation of the new set (the first set is 1).
    @discardableResult
    public func replaceFixtures(_ fixtures: LoadedFixtures) -> Int {
        state.withLock { state in
            state.fixtures = fixtures
            state.partners = PartnerStates(ids: IDGenerator(seed: options.seed), initialLedger: fixtures.ledger)
            state.fixtureGeneration += 1
            return state.fixtureGeneration
        }
    }

    /// How many fixture sets have been in force, counting the first: changes whenever a swap succeeds.
    public var fixtureGeneration: Int { state.withLock { $0.fixtureGeneration } }
}
