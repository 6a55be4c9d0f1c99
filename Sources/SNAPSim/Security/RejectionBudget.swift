import SimHTTP
import Synchronization

/// How many credential rejections per second a partner gets answered at once (`serve --rejection-rate`,
/// `--rejection-burst`); those beyond it are answered later, with the same bytes. See docs/rejection-budget.md.
///
/// A client in a retry loop with a wrong secret or a stale token asks as fast as the answers come back, and every
/// wrong signature is diagnosed (a few HMACs): on a shared sandbox it takes the cores from every other partner.
/// The budget slows only that loop: its answers leave on the server's timer (no thread or lock held meanwhile),
/// successes are never delayed, and other partners' budgets are their own. Partners are told apart as the journal
/// does (the client id the request names, when it is a partner of the fixtures); every id that names no partner
/// shares one budget, so invented client ids cannot grow memory.
///
/// The budget is a token bucket written as a cell rate (GCRA) in whole nanoseconds: `burst` rejections at once,
/// then one every `1/rate` s. A rejection past it is due when the bucket would have a token for it; that slot is
/// taken, so a partner's late answers leave one per interval, in the order they were charged. No answer waits
/// longer than ``maximumDelay``: a client with more connections than that covers is not made to time out.
public final class RejectionBudget: Sendable {
    /// Credential rejections per second a partner gets answered at once, on average.
    public let rate: Int
    /// How many it gets answered at once after a quiet spell.
    public let burst: Int
    /// The clock the bucket fills by; it also decides how a late answer waits.
    public let clock: any RejectionClock

    /// The defaults of `serve`: 200 per second and a burst of 400 (docs/rejection-budget.md says why).
    public static let defaultRate = 200
    public static let defaultBurst = 400
    /// The rates and bursts a budget takes.
    public static let rates = 1...1_000_000
    public static let bursts = 1...1_000_000
    /// The longest a late answer waits.
    public static let maximumDelay: UInt64 = 5_000_000_000
    /// Past this many partners' buckets, the ones that are full again (equal to a new bucket) are dropped.
    static let prunedAbove = 1024

    /// Nanoseconds between two rejections at `rate`.
    private let interval: UInt64
    /// How far ahead of the clock a partner's next slot may be and its rejection still answered at once.
    private let tolerance: UInt64
    /// Per partner (`nil`: every client id that names no partner), the time its next rejection's slot starts.
    private let slots = Mutex<(partners: [String: UInt64], unknown: UInt64)>(([:], 0))

    /// A budget of `rate` rejections per second with bursts of `burst` (both in ``rates``, ``bursts``), on `clock`.
    public init(rate: Int = defaultRate, burst: Int = defaultBurst, clock: any RejectionClock = SystemRejectionClock()) {
        precondition(Self.rates.contains(rate) && Self.bursts.contains(burst), "rate or burst out of range")
        self.rate = rate
        self.burst = burst
        self.clock = clock
        interval = 1_000_000_000 / UInt64(rate)
        tolerance = interval * UInt64(burst - 1)
    }

    /// Charges one credential rejection to `partner` (`nil`: a client id that names no partner) and returns the
    /// clock time its answer may leave at, or `nil` when it may leave at once.
    public func charge(_ partner: String?) -> UInt64? {
        let now = clock.nanoseconds()
        return slots.withLock { slots -> UInt64? in
            if let partner {
                if slots.partners.count > Self.prunedAbove, slots.partners[partner] == nil {
                    slots.partners = slots.partners.filter { $0.value > now }
                }
                var next = slots.partners[partner] ?? 0
                defer { slots.partners[partner] = next }
                return take(&next, now)
            }
            return take(&slots.unknown, now)
        }
    }

    /// One rejection against the slot `next`: at once while `next` is within the tolerance of `now`, else at the
    /// slot's start less the tolerance (capped at ``maximumDelay``, which takes no slot).
    private func take(_ next: inout UInt64, _ now: UInt64) -> UInt64? {
        let start = max(next, now)
        guard start - now > tolerance else {
            next = start + interval
            return nil
        }
        let due = start - tolerance
        guard due - now <= Self.maximumDelay else { return now + Self.maximumDelay }
        next = start + interval
        return due
    }

    /// Makes `reply` leave no earlier than the slot charged to `partner`, if the partner is over its budget;
    /// returns how much later than now that is (`nil`: not held).
    func hold(_ reply: inout HTTPReply, charging partner: String?) -> Duration? {
        let now = clock.nanoseconds()
        guard let due = charge(partner) else { return nil }
        clock.hold(&reply, until: due)
        return .nanoseconds(Int64(due > now ? due - now : 0))
    }
}

extension Decision {
    /// Whether the answer refuses the caller's credentials, the kind a ``RejectionBudget`` counts: a 401 from the
    /// security checks (wrong signature, unknown client, unknown, expired or another partner's token, a customer
    /// token refused), never an answer a rule or a service chose, never a 400 for a malformed header or timestamp
    /// (cheap, and answered with what to fix).
    var refusesCredentials: Bool {
        guard caller == nil, case .rejected(let error, _) = outcome else { return false }
        return error.key.httpStatus == 401
    }
}
