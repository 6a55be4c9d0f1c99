import SNAPSim
import SimHTTP

/// Sends requests straight to a ``Simulator`` in this process: no socket, no waiting.
///
/// A delayed answer (a simulated timeout) is returned at once with its delay, which expectations can check; the
/// clock is the simulator's own fixed clock, so each run prints the same bytes.
struct InProcessTransport: ScenarioTransport {
    let simulator: Simulator
    /// The admin token the runner made the simulator with, so `"admin"` steps can act as the payer.
    var adminToken: String? { simulator.options.adminToken }

    func send(_ request: HTTPRequest) async -> ScenarioResponse {
        let reply = simulator.respond(to: request)
        switch reply.action {
        case .respond(let response):
            return ScenarioResponse(
                status: response.status.code, headers: response.headers, body: response.body, delay: reply.delay)
        case .closeWithoutResponse:
            return ScenarioResponse(
                status: nil, delay: reply.delay, transportNote: "the connection was closed without an answer")
        case .writeRawAndClose(let bytes):
            return ScenarioResponse(
                status: nil, body: bytes, delay: reply.delay,
                transportNote: "\(bytes.count) raw bytes were written, then the connection was closed")
        }
    }

    func now() async -> SimTime {
        simulator.clock.now()
    }

    func advanceClock(by step: ClockStep) async throws(ScenarioStepError) -> SimTime {
        simulator.clock.set(step.applied(to: simulator.clock.now()))
        return simulator.clock.now()
    }

    func setClock(to time: SimTime) async throws(ScenarioStepError) -> SimTime {
        simulator.clock.set(time)
        return simulator.clock.now()
    }
}
