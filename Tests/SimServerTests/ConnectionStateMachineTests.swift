import SimHTTP
import Testing

@testable import SimServer

/// Drives ``ConnectionStateMachine`` with made-up times: no socket, no clock, no sleeps.
struct ConnectionStateMachineTests {
    static let ms: UInt64 = 1_000_000
    /// Header 200 ms, body 500 ms, idle 1 s, linger min(header, 2 s) = 200 ms.
    static let context = ServerContext(
        configuration: .init(
            headerTimeout: .milliseconds(200), bodyTimeout: .milliseconds(500), idleTimeout: .seconds(1)),
        responder: TestResponder()
    )

    /// A state machine and a test clock: `at(ms)` is the event time, in milliseconds since the accept.
    struct Harness {
        var machine = ConnectionStateMachine(context: ConnectionStateMachineTests.context)
        /// Monotonic time does not start at zero; neither does this.
        let origin: UInt64 = 5_000_000_000

        func at(_ milliseconds: UInt64) -> ConnectionStateMachine.Now {
            .init(nanoseconds: origin + milliseconds * ms, date: HTTPDate(secondsSince1970: 0))
        }

        func deadline(_ milliseconds: UInt64) -> UInt64 { origin + milliseconds * ms }

        mutating func receive(_ text: String, at milliseconds: UInt64) -> ConnectionStateMachine.Action {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { machine.received($0, at: at(milliseconds)) }
        }

        /// Takes the whole pending output as written; returns it as text and the action that follows.
        mutating func writeAll(at milliseconds: UInt64) -> (String, ConnectionStateMachine.Action) {
            let text = String(decoding: machine.pendingOutput, as: UTF8.self)
            return (text, machine.wrote(machine.pendingOutput.count, at: at(milliseconds)))
        }
    }

    // MARK: - The idle gap (issue 10)

    @Test func accept_AfterLongIdleGap_CountsHeaderDeadlineFromTheAccept() {
        var harness = Harness()
        // The loop was idle for 400 ms, twice the header timeout; the accept is stamped with the time after it.
        #expect(harness.machine.accepted(at: harness.at(400)) == .wait(.read, deadline: harness.deadline(600)))
        // A timer check in the same loop iteration does nothing.
        #expect(harness.machine.timerFired(at: harness.at(400)) == .wait(.read, deadline: harness.deadline(600)))
        #expect(harness.receive("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", at: 401) == .write)
        #expect(harness.writeAll(at: 401).0.hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    // MARK: - Header deadline

    @Test func freshConnection_ClosesQuietly_WhenNoByteArrivesInTime() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        #expect(harness.machine.timerFired(at: harness.at(199)) == .wait(.read, deadline: harness.deadline(200)))
        #expect(harness.machine.timerFired(at: harness.at(200)) == .close)
        #expect(harness.machine.pendingOutput.isEmpty)
    }

    @Test func firstHead_Gets408_WhenTrickledPastTheHeaderDeadline() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        // Each byte arrives in time, but trickling does not move the deadline counted from the accept.
        #expect(harness.receive("G", at: 100) == .wait(.read, deadline: harness.deadline(200)))
        #expect(harness.machine.phase == .readingHead)
        #expect(harness.receive("ET / HTTP/1.1\r\n", at: 190) == .wait(.read, deadline: harness.deadline(200)))
        #expect(harness.machine.timerFired(at: harness.at(200)) == .write)
        let (text, next) = harness.writeAll(at: 200)
        #expect(text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(text.contains("Connection: close\r\n"))
        #expect(next == .shutdownWrite(deadline: harness.deadline(400)))
        #expect(harness.machine.phase == .lingering)
    }

    @Test func laterHead_GetsHeaderTimeout_FromItsFirstByte() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        _ = harness.receive("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n", at: 10)
        // Keep-alive idle time counts from the end of the answer.
        #expect(harness.writeAll(at: 20).1 == .wait(.read, deadline: harness.deadline(1020)))
        #expect(harness.machine.phase == .awaitingRequest)
        #expect(harness.receive("GET /2 HTTP/1.1\r\n", at: 900) == .wait(.read, deadline: harness.deadline(1100)))
        #expect(harness.machine.phase == .readingHead)
    }

    // MARK: - Body deadline

    @Test func body_Gets408_WhenNotCompleteWithinTheBodyTimeout_EvenIfBytesKeepComing() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        let head = "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
        #expect(harness.receive(head, at: 50) == .wait(.read, deadline: harness.deadline(550)))
        #expect(harness.machine.phase == .readingBody)
        for step in UInt64(1)...9 {
            // A byte every 50 ms: the deadline stays where the head ended plus 500 ms.
            #expect(harness.receive("x", at: 50 + step * 50) == .wait(.read, deadline: harness.deadline(550)))
        }
        #expect(harness.machine.timerFired(at: harness.at(550)) == .write)
        #expect(harness.writeAll(at: 550).0.hasPrefix("HTTP/1.1 408 "))
    }

    @Test func expectContinue_StartsTheBodyDeadline_AndQueuesTheInterimAnswer() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        let head = "PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        #expect(harness.receive(head, at: 30) == .write)
        let (interim, next) = harness.writeAll(at: 30)
        #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(next == .wait(.read, deadline: harness.deadline(530)))
        #expect(harness.receive("ok", at: 100) == .write)
        #expect(harness.writeAll(at: 100).0.hasSuffix("\r\n\r\nok"))
    }

    // MARK: - Keep-alive, pipelining, delays

    @Test func idleKeepAlive_ClosesQuietly_AfterTheIdleTimeout() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        _ = harness.receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n", at: 5)
        _ = harness.writeAll(at: 5)
        #expect(harness.machine.timerFired(at: harness.at(1004)) == .wait(.read, deadline: harness.deadline(1005)))
        #expect(harness.machine.timerFired(at: harness.at(1005)) == .close)
    }

    @Test func pipelinedRequests_AreAnsweredInOrder_BehindADelayedOne() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        let requests = "GET /delay/300 HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTT"
        // Nothing is read or written while the reply waits; the delay is the only timer.
        #expect(harness.receive(requests, at: 10) == .wait([], deadline: harness.deadline(310)))
        #expect(harness.machine.phase == .delaying)
        #expect(harness.machine.timerFired(at: harness.at(309)) == .wait([], deadline: harness.deadline(310)))
        #expect(harness.machine.timerFired(at: harness.at(310)) == .write)
        let (text, next) = harness.writeAll(at: 311)
        let delayed = text.range(of: "delayed 300")
        let second = text.range(of: "X-Target: /b")
        #expect(delayed != nil && second != nil && delayed!.lowerBound < second!.lowerBound)
        // The third head started arriving with the others; its header timeout counts from when /b was answered.
        #expect(harness.machine.phase == .readingHead)
        #expect(next == .wait(.read, deadline: harness.deadline(510)))
    }

    @Test func halfClosedPeer_GetsItsAnswers_ThenTheConnectionCloses() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        _ = harness.receive("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", at: 1)
        #expect(harness.machine.receivedEndOfStream(at: harness.at(2)) == .write)
        #expect(harness.writeAll(at: 3).1 == .close)
    }

    @Test func connectionClose_IsAnswered_ThenWriteSideShutsAndLingers() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        _ = harness.receive("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", at: 1)
        let (text, next) = harness.writeAll(at: 2)
        #expect(text.contains("Connection: close\r\n"))
        #expect(next == .shutdownWrite(deadline: harness.deadline(202)))
        // Input after the answer is discarded; end of stream or the linger deadline closes.
        #expect(harness.receive("GET /ignored HTTP/1.1\r\n\r\n", at: 10) == .wait(.read, deadline: harness.deadline(202)))
        #expect(harness.machine.timerFired(at: harness.at(202)) == .close)
    }

    // MARK: - Writes

    @Test func stalledWrite_WaitsForWritable_AndClosesWhenThePeerNeverReads() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        #expect(harness.receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n", at: 1) == .write)
        #expect(harness.machine.wrote(10, at: harness.at(1)) == .write)
        #expect(harness.machine.wrote(0, at: harness.at(2)) == .wait(.write, deadline: harness.deadline(1002)))
        // Progress renews the write deadline on the next stall.
        #expect(harness.machine.wrote(5, at: harness.at(500)) == .write)
        #expect(harness.machine.wrote(0, at: harness.at(500)) == .wait(.write, deadline: harness.deadline(1500)))
        #expect(harness.machine.timerFired(at: harness.at(1500)) == .close)
    }

    // MARK: - Errors, limits, shutdown

    @Test func malformedRequest_GetsItsStatus_AndTheConnectionCloses() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        #expect(harness.receive("GET / HTTP/2.0\r\nHost: x\r\n\r\n", at: 1) == .write)
        let (text, next) = harness.writeAll(at: 1)
        #expect(text.hasPrefix("HTTP/1.1 505 "))
        #expect(next == .shutdownWrite(deadline: harness.deadline(201)))
    }

    @Test func overloadRejection_Answers503_AndShutsTheWriteSide() {
        var harness = Harness()
        #expect(harness.machine.rejectedAsOverloaded(at: harness.at(0)) == .write)
        let (text, next) = harness.writeAll(at: 0)
        #expect(text.hasPrefix("HTTP/1.1 503 "))
        #expect(next == .shutdownWrite(deadline: harness.deadline(200)))
    }

    @Test func drain_ClosesAnIdleConnection_AndFinishesAStartedRequestWithConnectionClose() {
        var idle = Harness()
        _ = idle.machine.accepted(at: idle.at(0))
        #expect(idle.machine.drain(at: idle.at(1)) == .close)

        var busy = Harness()
        _ = busy.machine.accepted(at: busy.at(0))
        _ = busy.receive("GET /delay/100 HTTP/1.1\r\nHost: x\r\n\r\n", at: 1)
        #expect(busy.machine.drain(at: busy.at(2)) == .wait([], deadline: busy.deadline(101)))
        #expect(busy.machine.timerFired(at: busy.at(101)) == .write)
        let (text, next) = busy.writeAll(at: 101)
        #expect(text.contains("Connection: close\r\n"))
        #expect(next == .shutdownWrite(deadline: busy.deadline(301)))
    }

    @Test func closeWithoutResponse_WritesEarlierAnswers_ThenCloses() {
        var harness = Harness()
        _ = harness.machine.accepted(at: harness.at(0))
        #expect(harness.receive("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /close HTTP/1.1\r\nHost: x\r\n\r\n", at: 1) == .write)
        let (text, next) = harness.writeAll(at: 1)
        #expect(text.contains("X-Target: /a") && !text.contains("/close"))
        #expect(next == .close)
    }
}
