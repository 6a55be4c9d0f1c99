import SimHTTP

/// A fault on the wire that a forced outcome can inflict on an answer, so partners can test how their client
/// survives a provider that misbehaves below SNAP.
///
/// The service still runs (its ledger effects happen): what fails is the answer, as when a gateway drops or
/// mangles a response the provider did send. That is exactly the case a partner must reconcile.
public enum TransportFault: String, Sendable, CaseIterable {
    /// Close the connection without sending a byte of the answer.
    case closeConnection
    /// Send the head with the full `Content-Length` but only the first half of the body, then close.
    case truncatedBody
    /// Send a well-framed answer whose body is not JSON: the first half of the real body, then a marker.
    case malformedBody

    /// What ends a malformed body, so nobody mistakes it for a real answer.
    static let malformedMarker = Array("<<malformed by snapsim>>".utf8)

    /// How the fault reads in listings and the journal.
    public var summary: String {
        switch self {
        case .closeConnection: "close the connection without answering"
        case .truncatedBody: "send half the body (fewer bytes than Content-Length), then close"
        case .malformedBody: "send a body that is not JSON"
        }
    }

    /// `reply` with the fault applied; its delay is kept, so a fault can also come late.
    func applied(to reply: HTTPReply) -> HTTPReply {
        guard case .respond(var response) = reply.action else { return reply }
        switch self {
        case .closeConnection:
            return HTTPReply(.closeWithoutResponse, delay: reply.delay)
        case .truncatedBody:
            // The response carries a Date header from simulator time, so the encoder's date is never written.
            let bytes = HTTPResponseEncoder().encode(response, date: HTTPDate(secondsSince1970: 0), connection: .close)
            let kept = bytes.count - response.body.count + response.body.count / 2
            return HTTPReply(.writeRawAndClose(Array(bytes[..<kept])), delay: reply.delay)
        case .malformedBody:
            response.body = Array(response.body.prefix(response.body.count / 2)) + Self.malformedMarker
            return HTTPReply(.respond(response), delay: reply.delay)
        }
    }
}
