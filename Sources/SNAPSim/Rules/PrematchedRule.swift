import SimJSON

/// The fixture rules a request matches, looked up before its partner's lock.
///
/// Whether a rule's conditions hold is pure — it reads the request, its route, the caller's client id and the
/// body; only whether a rule waiting for a scenario state (`whenState`) applies is the partner's to say. So the
/// conditions are tried outside the lock (for a top-up with the default rules, ~14k instructions that every
/// other request of the partner would otherwise wait behind), keeping, in file order, the matching rules that
/// wait for a state and the first matching rule that does not (which always applies, so nothing after it can
/// win). Under the lock ``resolve(allowing:)`` picks the first the partner's states allow: the rule a scan of
/// the book would find. Forced outcomes are the partner's state and are still tried first, under the lock
/// (``RuleSelection``). A class: handed along by reference, not by copying the request and route it holds.
final class PrematchedRule: Sendable {
    /// What the rules were tried on; reused under the lock (for forced outcomes) instead of being built again.
    let input: RuleInput
    /// Matching rules that wait for a scenario state, in file order, all before ``rule``.
    let waitingForState: [Rule]
    /// The first matching rule that waits for no state, `nil` when none does.
    let rule: Rule?

    /// Tries the world's fixture rules on a request of `clientId`.
    init(_ exchange: Exchange, clientId: String, world: World, body: Result<JSONObject, SNAPError>) {
        let input = RuleInput(
            request: exchange.request, route: exchange.route, clientId: clientId,
            body: (try? body.get()).map(JSONValue.object))
        let found = world.fixtures.rules.matching(input)
        waitingForState = found.waitingForState
        rule = found.first
        self.input = consume input
    }

    /// The client id the conditions were tried for.
    var clientId: String { input.clientId }

    /// The first rule that applies: a state-waiting one `allowing` admits (the partner's scenario states; `nil`
    /// admits every rule), else ``rule``.
    func resolve(allowing: ((Rule) -> Bool)?) -> Rule? {
        guard let allowing else { return waitingForState.first ?? rule }
        return waitingForState.first(where: allowing) ?? rule
    }
}
