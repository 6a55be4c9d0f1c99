import Foundation
import SimHTTP
import SimServer
import SocketTestSupport
import Testing

@testable import SNAPSim
import SimJSON

/// The rejection budget over real sockets: answers within the budget arrive at once (a blocking read on a clock
/// that never moves would time out otherwise), one past it only once the manual clock is moved, with the bytes
/// the same request gets without a budget. No sleep orders anything: the tests poll for conditions.
@Suite(.serialized) struct RejectionBudgetSocketTests {
    @Test func overBudgetAnswer_LeavesOnlyWhenTheClockIsAdvanced_OthersAtOnce() throws {
        let clock = ManualRejectionClock()
        let budgeted = BudgetedWorld(RejectionBudget(rate: 1, burst: 2, clock: clock))
        let reference = BudgetedWorld(nil)
        let server = try HTTPServer(configuration: .init(port: 0, eventLoopCount: 2), responder: budgeted.simulator)
        try server.start()
        defer { server.shutdown() }

        let alphaClient = try LoopbackClient(port: server.localPort)
        let alpha = try alphaClient.token(budgeted.world, .alpha)
        #expect(try reference.token(.alpha) == alpha)
        for _ in 0..<2 {
            let request = budgeted.wrongSignature(.alpha, token: alpha)
            let answer = try alphaClient.call(request)
            #expect(answer.status == 401)
            #expect(answer.bytes == Self.body(reference.simulator.respond(to: request)))
        }
        let late = budgeted.wrongSignature(.alpha, token: alpha)
        try alphaClient.send(late.wireBytes)
        #expect(Self.poll { clock.heldCount == 1 })

        // Meanwhile: alpha's success on another connection, beta's rejection and success, all at once.
        let other = try LoopbackClient(port: server.localPort)
        let success = try other.call(
            budgeted.world.transaction(.alpha, token: alpha, ControlWorld.balancePath, Bodies.balanceInquiry()))
        #expect(success.code == "2001100")
        let beta = try other.token(budgeted.world, .beta)
        #expect(try other.call(budgeted.wrongSignature(.beta, token: beta)).status == 401)
        #expect(try other.call(
            budgeted.world.transaction(.beta, token: beta, ControlWorld.balancePath, Bodies.balanceInquiry())).code == "2001100")
        #expect(!alphaClient.isReadable(), "the answer past the budget left before the clock moved")
        #expect(clock.heldCount == 1)

        clock.advance(by: .seconds(1))
        #expect(Self.poll { alphaClient.isReadable() })
        let answer = try alphaClient.readResponse()
        #expect(answer.status == 401)
        #expect(answer.body == Self.body(reference.simulator.respond(to: late)))
        // The connection goes on as before.
        #expect(try alphaClient.call(
            budgeted.world.transaction(.alpha, token: alpha, ControlWorld.balancePath, Bodies.balanceInquiry())).code == "2001100")
    }

    /// The body of an in-process reply.
    static func body(_ reply: HTTPReply) -> [UInt8] {
        guard case .respond(let response) = reply.action else { return [] }
        return response.body
    }

    /// Polls `condition` until it holds, for at most ~10 s.
    static func poll(_ condition: () -> Bool) -> Bool {
        for _ in 0..<2000 {
            if condition() { return true }
            usleep(5000)
        }
        return condition()
    }
}
