import SNAPSim
import SimHTTP
import SimJSON

extension ScenarioSession {
    /// Starts the scenario's receiver and points every partner of the scenario at it
    /// (`PUT /_sim/notifications/endpoints`, through the admin API in-process as over HTTP).
    mutating func startReceiver() async throws(ScenarioStepError) {
        let receiver: NotificationReceiver
        do {
            receiver = try NotificationReceiver(fixtures: context.fixtures)
        } catch {
            throw ScenarioStepError("cannot listen on 127.0.0.1 for the scenario's notifications: \(error)")
        }
        self.receiver = receiver
        guard let adminToken = transport.adminToken else {
            throw ScenarioStepError(
                "this scenario receives notifications: with --target the runner points the partner's notification "
                    + "endpoints at its receiver through snapsim's admin API; pass --admin-token")
        }
        for partner in scenario.partners.map(context.partnerID) {
            let body: JSONValue = ["default": .string(receiver.url)]
            let request = HTTPRequest(
                method: .put, target: "/_sim/notifications/endpoints?partner=\(Self.percentEncoded(partner))",
                headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"],
                body: body.compactBytes)
            let response = await transport.send(request)
            guard response.status == 200 else {
                throw ScenarioStepError(
                    "could not point \(partner)'s notifications at the receiver \(receiver.url) "
                        + "(PUT /_sim/notifications/endpoints): \(response.summary) \(response.bodyText)",
                    request: SentRequest(request), response: response)
            }
        }
    }
}
