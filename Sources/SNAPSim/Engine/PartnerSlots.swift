import SNAPCrypto
import Synchronization

/// The partners' mutable states under one world, each behind its own lock, so one partner's traffic never
/// waits for another's.
///
/// A slot exists only for partners of the fixtures (client ids nobody configured never get one) and is created
/// on first use from the world's opening ledger. A fixture swap replaces the whole value; a reset replaces a
/// slot's state in place, under its lock, so a request is served entirely before or entirely after it.
final class PartnerSlots: Sendable {
    /// One partner's state and its lock.
    final class Slot: Sendable {
        let clientId: String
        let state: PartnerLock
        /// The earliest due instant last told to ``PartnerSlots/dueIndex`` (ms; `.max` for none), read under `state`'s lock.
        let publishedDue = Atomic<Int64>(.max)

        init(clientId: String, state: PartnerState) {
            self.clientId = clientId
            self.state = PartnerLock(state)
        }
    }

    let world: World
    private let seed: UInt64
    private let slots = Mutex<[String: Slot]>([:])
    /// Partners' earliest due instants of clock-driven steps (Engine/Clock).
    let dueIndex = DueIndex()

    init(world: World, seed: UInt64) {
        self.world = world
        self.seed = seed
    }

    /// The slot of `clientId`, created from the fixtures on first use.
    func slot(_ clientId: String) -> Slot {
        slots.withLock { slots in
            if let slot = slots[clientId] { return slot }
            let slot = Slot(clientId: clientId, state: fresh(clientId))
            slots[clientId] = slot
            return slot
        }
    }

    /// The slot of `clientId` if it has called or been configured; never creates one.
    func existing(_ clientId: String) -> Slot? {
        slots.withLock { $0[clientId] }
    }

    /// Client ids with state, sorted so that listings and searches never depend on dictionary order.
    var clientIds: [String] {
        slots.withLock { $0.keys.sorted() }
    }

    /// Restores one partner's state, or everyone's, to the fixtures; `seed` restarts identifiers from that seed
    /// instead of the simulator's. A partner named but without state yet gets it, so the seed holds for it too.
    func reset(_ clientId: String? = nil, seed: UInt64? = nil) {
        let targets: [Slot]
        if let clientId {
            targets = seed == nil ? existing(clientId).map { [$0] } ?? [] : [slot(clientId)]
        } else {
            targets = slots.withLock { Array($0.values) }
        }
        for slot in targets {
            let state = fresh(slot.clientId, seed: seed ?? self.seed)
            slot.state.withLock {
                $0 = state
                publishDue(slot, $0)
            }
        }
    }

    /// A partner's opening state. Its identifiers (reference numbers, tokens) come from a stream keyed with the
    /// partner's client secret as well as the seed, so nobody can compute another partner's access tokens from
    /// `--seed` and a client id, while the same seed still gives the partner the same tokens.
    private func fresh(_ clientId: String, seed: UInt64? = nil) -> PartnerState {
        let secret = world.fixtures.partners[clientId]?.clientSecret ?? ""
        let ids = IDGenerator(seed: seed ?? self.seed).forPartner(clientId, secret: secret)
        return PartnerState(ledger: world.fixtures.ledger, ids: ids)
    }
}

extension PartnerSlots {
    /// Gives `clientId` a slot holding `state` (a snapshot's), replacing any.
    func install(_ clientId: String, _ state: PartnerState) {
        let slot = Slot(clientId: clientId, state: state)
        slots.withLock { $0[clientId] = slot }
        publishDue(slot, state)
    }
}
