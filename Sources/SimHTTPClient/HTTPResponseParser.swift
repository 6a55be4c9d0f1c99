import SimHTTP

/// Reads one HTTP/1.x response from bytes as they arrive: the head, then a body framed by Content-Length, chunked
/// transfer coding, or the end of the connection (RFC 9112 §6.3). Interim 1xx answers are skipped.
struct HTTPResponseParser {
    enum Progress {
        case needMore
        /// The response is complete; `reusable` says whether the connection may carry another request.
        case complete(HTTPClientResponse, reusable: Bool)
    }

    private enum Framing { case none, length(Int), chunked, untilClose }
    private enum State { case head, body(Framing), chunkSize, chunkData(Int), chunkEnd, trailers }

    private static let headLimit = 64 * 1024

    private let expectsBody: Bool
    private let bodyLimit: Int
    private var buffer: [UInt8] = []
    private var state = State.head
    private var response = HTTPClientResponse(status: 0)
    private var reusable = false
    /// Every byte fed so far, for error messages.
    private(set) var received = 0

    /// `requestMethod` matters: the answer to HEAD has no body whatever its headers say.
    init(requestMethod: HTTPMethod, bodyLimit: Int) {
        expectsBody = requestMethod != .head
        self.bodyLimit = bodyLimit
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(HTTPClientError) -> Progress {
        received += bytes.count
        buffer.append(contentsOf: bytes)
        return try advance()
    }

    /// The peer closed the connection: completes a response framed by the end of the connection, else fails.
    mutating func finish() throws(HTTPClientError) -> HTTPClientResponse {
        if case .body(.untilClose) = state {
            response.body.append(contentsOf: buffer)
            buffer.removeAll()
            return response
        }
        throw .closedEarly(received: received)
    }

    private mutating func advance() throws(HTTPClientError) -> Progress {
        while true {
            switch state {
            case .head:
                guard let end = try headEnd() else { return .needMore }
                try readHead(buffer[..<end])
                buffer.removeFirst(end)
            case .body(let framing):
                switch framing {
                case .none:
                    return .complete(response, reusable: reusable)
                case .length(let length):
                    let take = min(length - response.body.count, buffer.count)
                    response.body.append(contentsOf: buffer[..<take])
                    buffer.removeFirst(take)
                    return response.body.count == length ? .complete(response, reusable: reusable) : .needMore
                case .untilClose:
                    response.body.append(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                    guard response.body.count <= bodyLimit else { throw .responseTooLarge(limit: bodyLimit) }
                    return .needMore
                case .chunked:
                    state = .chunkSize
                }
            case .chunkSize:
                guard let line = try takeLine() else { return .needMore }
                let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != UInt8(ascii: " ") && $0 != 9 }
                guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
                    let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
                else {
                    throw .malformedResponse("bad chunk size line \"\(String(decoding: line, as: UTF8.self))\"")
                }
                guard response.body.count + size <= bodyLimit else { throw .responseTooLarge(limit: bodyLimit) }
                state = size == 0 ? .trailers : .chunkData(size)
            case .chunkData(let remaining):
                guard !buffer.isEmpty else { return .needMore }
                let take = min(remaining, buffer.count)
                response.body.append(contentsOf: buffer[..<take])
                buffer.removeFirst(take)
                state = take == remaining ? .chunkEnd : .chunkData(remaining - take)
            case .chunkEnd:
                guard let line = try takeLine() else { return .needMore }
                guard line.isEmpty else { throw .malformedResponse("chunk data longer than its size") }
                state = .chunkSize
            case .trailers:
                guard let line = try takeLine() else { return .needMore }
                if line.isEmpty { return .complete(response, reusable: reusable) }
            }
        }
    }

    /// The index just past the blank line that ends the head, or nil while it has not arrived.
    private func headEnd() throws(HTTPClientError) -> Int? {
        var lineStart = 0
        for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") {
            let length = index - lineStart
            if length == 0 || (length == 1 && buffer[lineStart] == UInt8(ascii: "\r")) {
                if lineStart > 0 { return index + 1 }
            }
            lineStart = index + 1
        }
        guard buffer.count <= Self.headLimit else { throw .responseTooLarge(limit: Self.headLimit) }
        return nil
    }

    private mutating func takeLine() throws(HTTPClientError) -> ArraySlice<UInt8>? {
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else {
            guard buffer.count <= Self.headLimit else { throw .responseTooLarge(limit: Self.headLimit) }
            return nil
        }
        var line = buffer[..<newline]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let copy = ArraySlice(Array(line))
        buffer.removeFirst(newline + 1)
        return copy
    }

    private mutating func readHead(_ bytes: ArraySlice<UInt8>) throws(HTTPClientError) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let statusLine = lines.first else { throw .malformedResponse("empty head") }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let version = HTTPVersion(rawValue: String(parts[0])),
            parts[1].count == 3, let status = Int(parts[1]), (100...999).contains(status)
        else { throw .malformedResponse("bad status line \"\(statusLine.prefix(80))\"") }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                !line[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else { throw .malformedResponse("bad header line \"\(line.prefix(80))\"") }
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            headers.add(name: String(line[..<colon]), value: value)
        }
        if (100...199).contains(status) && status != 101 { return }  // interim: the real head follows
        response = HTTPClientResponse(
            status: status, reasonPhrase: parts.count > 2 ? String(parts[2]) : "", version: version, headers: headers)
        let closes = headers.containsToken("close", inFieldNamed: "Connection")
        reusable = version == .http1_1 ? !closes : headers.containsToken("keep-alive", inFieldNamed: "Connection")
        state = .body(try framing(status: status, headers: headers))
        if case .body(.untilClose) = state { reusable = false }
    }

    private func framing(status: Int, headers: HTTPHeaders) throws(HTTPClientError) -> Framing {
        if !expectsBody || status < 200 || status == 204 || status == 304 { return .none }
        if let coding = headers.values(for: "Transfer-Encoding").last {
            let last = coding.split(separator: ",").last?.trimmingWhitespace().lowercased()
            return last == "chunked" ? .chunked : .untilClose
        }
        let lengths = Set(headers.values(for: "Content-Length").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingWhitespace()
        })
        guard let text = lengths.first else { return .untilClose }
        guard lengths.count == 1, !text.isEmpty, text.allSatisfy({ $0 >= "0" && $0 <= "9" }), let length = Int(text), length >= 0
        else { throw .malformedResponse("bad Content-Length \(lengths.sorted())") }
        guard length <= bodyLimit else { throw .responseTooLarge(limit: bodyLimit) }
        return .length(length)
    }
}

extension StringProtocol {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
