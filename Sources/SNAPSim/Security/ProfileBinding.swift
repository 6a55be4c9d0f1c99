import SimHTTP
import SimJSON

/// A partner speaks one provider dialect: it may call only the routes of its profile.
///
/// A DANA partner calling a BCA path would reach a different provider in real life, one that does not know it;
/// the simulator says so with `404xx02 Invalid Routing` and names the path the partner's profile serves.
enum ProfileBinding {
    /// Throws unless `route` belongs to the profile `partner` is bound to.
    static func check(_ partner: Partner, on route: Route, fixtures: LoadedFixtures) throws(SNAPError) {
        let profile = partner.profile ?? fixtures.engine.defaultProfile
        guard route.profile != profile else { return }
        var explanation = RejectionExplanation(
            .profile,
            summary: "Partner \(partner.clientId) speaks the \(profile) profile; this path belongs to the \(route.profile) profile",
            expected: "a path of the \(profile) profile", received: route.serviceName)
        explanation.fact("partnerProfile", .string(profile))
        explanation.fact("routeProfile", .string(route.profile))
        if let own = fixtures.router.entries.first(where: {
            $0.route.profile == profile && $0.route.serviceName == route.serviceName
        }) {
            explanation.hint = "The \(profile) profile serves \(route.serviceName) at \(own.method.rawValue) \(own.path)."
        } else {
            explanation.hint = "The \(profile) profile does not serve \(route.serviceName); `snapsim routes` lists its paths."
        }
        throw SNAPError(httpStatus: 404, caseCode: "02").explained(explanation)
    }
}
