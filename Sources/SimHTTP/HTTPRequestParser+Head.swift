#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The request line and header section: finding where they end, then turning them into a request and a
// decision on how the body is framed.
extension HTTPRequestParser {
    /// How the body of a request is delimited (RFC 9112 §6.3).
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// A parsed head: the request without its body, and what the head says about the body.
    struct ParsedHead {
        var request: HTTPRequest
        var framing: Framing
        var expectsContinue: Bool
    }

    /// What searching a line-oriented section (head or trailers) for its empty line found.
    enum SectionScan {
        case needMoreData
        /// An empty line before the request line, ending just before the given index.
        case leadingEmptyLine(next: Int)
        /// The section is complete; its final CRLF ends just before the given index.
        case complete(end: Int)
        case failure(HTTPParserError)
    }

    /// The `.head` state: waits for the empty line, then parses everything before it at once.
    mutating func parseHead() -> Step {
        let scan = scanSection(
            maxBytes: configuration.maxHeadBytes,
            maxLines: configuration.maxHeaderCount + 1,
            skipsLeadingEmptyLines: true
        )
        switch scan {
        case .needMoreData:
            return .yield(.needMoreData)
        case .failure(let error):
            return fail(error)
        case .leadingEmptyLine(let next):
            // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line
            // (some clients send a stray CRLF after a POST body).
            start = next
            enter(.head)
            return .proceed
        case .complete(let end):
            let range = start..<end
            let headerCount = lineCount - 1
            let configuration = configuration
            let parsed = buffer.withUnsafeBufferPointer { bytes in
                Self.parseHead(bytes, range, headerCount: headerCount, configuration: configuration)
            }
            switch parsed {
            case .failure(let error):
                return fail(error)
            case .success(let head):
                start = end
                request = head.request
                switch head.framing {
                case .none, .length(0):
                    return completeRequest()
                case .length(let length):
                    // Reserve up to a modest size only: a client announcing a large body and sending nothing
                    // must not make every connection hold that much memory.
                    request.body.reserveCapacity(min(length, 64 * 1024))
                    enter(.fixedBody(remaining: length))
                case .chunked:
                    enter(.chunkSize)
                }
                return head.expectsContinue ? .yield(.expectContinue) : .proceed
            }
        }
    }

    /// Searches the buffered bytes for the empty line that ends a head or trailer section, enforcing the byte,
    /// line and CRLF rules on the way. Resumes where the previous call stopped, so feeding one byte at a time
    /// stays linear.
    ///
    /// Each line is found with `memchr` (vectorised) for its LF, then for a CR anywhere but right before that LF,
    /// rather than testing every byte of every header in a Swift loop: this runs for every request.
    mutating func scanSection(maxBytes: Int, maxLines: Int, skipsLeadingEmptyLines: Bool) -> SectionScan {
        let sectionStart = start
        var scanned = self.scanned
        var lineStart = self.lineStart
        var lineCount = self.lineCount
        let result = buffer.withUnsafeBufferPointer { bytes -> SectionScan in
            guard let base = bytes.baseAddress else { return .needMoreData }
            var index = sectionStart + scanned
            let end = bytes.count
            while index < end {
                let lineBegin = sectionStart + lineStart
                let stop = Self.find(ASCII.lf, in: base, from: index, to: end) ?? end
                // RFC 9112 §2.2: a bare CR is refused as soon as the byte after it is seen, rather than buffered
                // until some later LF ends the line (or the head limit is reached).
                if Self.find(ASCII.cr, in: base, from: max(index - 1, lineBegin), to: stop - 1) != nil {
                    return .failure(.invalidLineEnding)
                }
                guard stop < end else { break }
                index = stop
                // RFC 9112 §2.2: lines end in CRLF. A bare LF is refused rather than tolerated: peers that
                // disagree on line ends are how requests get smuggled past a front end.
                guard index > lineBegin, bytes[index - 1] == ASCII.cr else { return .failure(.invalidLineEnding) }
                if index + 1 - sectionStart > maxBytes { return .failure(.headTooLarge) }
                if index - 1 == lineBegin {
                    if lineCount == 0, skipsLeadingEmptyLines { return .leadingEmptyLine(next: index + 1) }
                    return .complete(end: index + 1)
                }
                lineCount += 1
                if lineCount > maxLines { return .failure(.tooManyHeaders) }
                lineStart = index + 1 - sectionStart
                index += 1
            }
            scanned = end - sectionStart
            return scanned > maxBytes ? .failure(.headTooLarge) : .needMoreData
        }
        self.scanned = scanned
        self.lineStart = lineStart
        self.lineCount = lineCount
        return result
    }

    /// The index of the first `byte` in `base[from..<to]`, or `nil` (also for an empty range).
    @inline(__always)
    static func find(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    // MARK: - Head

    /// Parses a complete head, `range` ending after its final empty line. Every line is known to end in CRLF.
    static func parseHead(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        headerCount: Int,
        configuration: Configuration
    ) -> Result<ParsedHead, HTTPParserError> {
        var lineBegin = range.lowerBound
        var lineEnd = endOfLine(bytes, from: lineBegin)
        let line: RequestLine
        switch parseRequestLine(bytes, lineBegin..<lineEnd) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): line = parsed
        }
        let version = line.version

        var headers = HTTPHeaders()
        headers.reserveCapacity(headerCount)
        var contentLength: Int?
        var transferCodings = TransferCodings()
        var hostCount = 0
        var expectsContinue = false
        let sectionEnd = range.upperBound - 2  // the final empty line's CR

        lineBegin = lineEnd + 2
        while lineBegin < sectionEnd {
            lineEnd = endOfLine(bytes, from: lineBegin)
            let field: (name: Range<Int>, value: Range<Int>)
            switch parseFieldLine(bytes, lineBegin..<lineEnd) {
            case .failure(let error): return .failure(error)
            case .success(let parsed): field = parsed
            }
            // Only the fields that decide framing or routing are interpreted here; the rest pass through.
            switch field.name.count {
            case 4 where ASCII.equalsIgnoringCase(bytes, field.name, "host"):
                hostCount += 1
            case 6 where ASCII.equalsIgnoringCase(bytes, field.name, "expect"):
                if let error = parseExpect(bytes, field.value, into: &expectsContinue) { return .failure(error) }
            case 14 where ASCII.equalsIgnoringCase(bytes, field.name, "content-length"):
                if let error = parseContentLength(bytes, field.value, into: &contentLength) { return .failure(error) }
            case 17 where ASCII.equalsIgnoringCase(bytes, field.name, "transfer-encoding"):
                if let error = transferCodings.parse(bytes, field.value) { return .failure(error) }
            default:
                break
            }
            headers.add(name: fieldName(bytes, field.name), value: fieldValue(bytes, field.value))
            lineBegin = lineEnd + 2
        }

        // RFC 9112 §3.2: an HTTP/1.1 request without Host, or any request with more than one, gets 400.
        if hostCount > 1 || (version == .http1_1 && hostCount == 0) { return .failure(.invalidHost) }

        let framing: Framing
        if transferCodings.isPresent {
            // RFC 9112 §6.3 ¶3: both headers at once is the classic smuggling shape; refuse it outright
            // instead of letting Transfer-Encoding win.
            if contentLength != nil { return .failure(.contentLengthWithTransferEncoding) }
            // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means the framing is faulty.
            if version == .http1_0 { return .failure(.invalidTransferEncoding) }
            // RFC 9112 §6.3 ¶3 and §7: chunked must be the final coding, applied once.
            guard transferCodings.lastIsChunked, transferCodings.chunkedCount == 1 else {
                return .failure(.invalidTransferEncoding)
            }
            // RFC 9112 §6.1: a transfer coding the server does not understand gets 501.
            guard transferCodings.otherCount == 0 else { return .failure(.unsupportedTransferCoding) }
            framing = .chunked
        } else if let contentLength {
            guard contentLength <= configuration.maxBodyBytes else { return .failure(.bodyTooLarge) }
            framing = .length(contentLength)
        } else {
            // RFC 9112 §6.3 ¶7: a request with neither header has no body.
            framing = .none
        }

        // RFC 9110 §10.1.1: an HTTP/1.0 client cannot expect 100 Continue, and a request without a body has
        // nothing to wait for.
        let continues = expectsContinue && version == .http1_1 && framing != .none && framing != .length(0)
        if case .absolute(let authority, _) = line.form {
            // RFC 9112 §3.2.2: with an absolute-form target the server ignores the received Host and uses the
            // target's authority instead, so everything downstream sees one consistent Host.
            headers["Host"] = string(bytes, authority)
        }
        let target = routedTarget(bytes, line.target, form: line.form, method: line.method)
        let request = HTTPRequest(method: line.method, target: target, version: version, headers: headers)
        return .success(ParsedHead(request: request, framing: framing, expectsContinue: continues))
    }

    /// The index of the CR that ends the line starting at `index`.
    @inline(__always)
    static func endOfLine(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        find(ASCII.lf, in: bytes.baseAddress.unsafelyUnwrapped, from: index, to: bytes.count).unsafelyUnwrapped - 1
    }

    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Fields

    /// Parses `field-name ":" OWS field-value OWS` (RFC 9112 §5), returning the name and trimmed value.
    static func parseFieldLine(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ line: Range<Int>
    ) -> Result<(name: Range<Int>, value: Range<Int>), HTTPParserError> {
        // RFC 9112 §5.2: a line starting with whitespace continues the previous one (obs-fold); a server must
        // reject it or unfold it, and rejecting is the safe choice.
        if ASCII.isWhitespace(bytes[line.lowerBound]) { return .failure(.obsoleteLineFolding) }
        var colon = line.lowerBound
        while colon < line.upperBound, ASCII.isTokenChar(bytes[colon]) { colon += 1 }
        // RFC 9112 §5.1: no whitespace is allowed between the name and the colon; a server MUST answer 400.
        guard colon > line.lowerBound, colon < line.upperBound, bytes[colon] == ASCII.colon else {
            return .failure(.invalidHeaderField)
        }
        let value = ASCII.trimmingWhitespace(bytes, (colon + 1)..<line.upperBound)
        // RFC 9110 §5.5: CR, LF and NUL must be rejected; other controls are refused for the same reason.
        guard ASCII.areFieldValueChars(bytes, value) else { return .failure(.invalidHeaderField) }
        return .success((line.lowerBound..<colon, value))
    }

    /// Folds one `Content-Length` field into `length`: every element of every field must be the same decimal
    /// number (RFC 9110 §8.6, RFC 9112 §6.3 ¶5). Values too large to represent saturate, which the body limit
    /// then rejects with 413.
    static func parseContentLength(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ value: Range<Int>,
        into length: inout Int?
    ) -> HTTPParserError? {
        var elementStart = value.lowerBound
        while elementStart <= value.upperBound {
            var elementEnd = elementStart
            while elementEnd < value.upperBound, bytes[elementEnd] != ASCII.comma { elementEnd += 1 }
            let element = ASCII.trimmingWhitespace(bytes, elementStart..<elementEnd)
            guard !element.isEmpty else { return .invalidContentLength }
            var number = 0
            for index in element {
                let byte = bytes[index]
                guard ASCII.isDigit(byte) else { return .invalidContentLength }
                let (shifted, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = shifted.addingReportingOverflow(Int(byte &- ASCII.zero))
                number = overflow1 || overflow2 ? Int.max : sum
            }
            if let length, length != number { return .conflictingContentLength }
            length = number
            elementStart = elementEnd + 1
        }
        return nil
    }

    /// The transfer codings named across all `Transfer-Encoding` fields, in order (RFC 9112 §6.1).
    struct TransferCodings {
        var isPresent = false
        var chunkedCount = 0
        var otherCount = 0
        var lastIsChunked = false

        /// Adds the codings of one field; each is a token, optionally followed by parameters.
        mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) -> HTTPParserError? {
            isPresent = true
            var elementStart = value.lowerBound
            while elementStart < value.upperBound {
                var elementEnd = elementStart
                while elementEnd < value.upperBound, bytes[elementEnd] != ASCII.comma { elementEnd += 1 }
                var nameEnd = elementStart
                while nameEnd < elementEnd, bytes[nameEnd] != ASCII.semicolon { nameEnd += 1 }
                let name = ASCII.trimmingWhitespace(bytes, elementStart..<nameEnd)
                // RFC 9110 §5.6.1: empty list elements are ignored.
                if !name.isEmpty || nameEnd < elementEnd {
                    for index in name where !ASCII.isTokenChar(bytes[index]) { return .invalidTransferEncoding }
                    if name.isEmpty { return .invalidTransferEncoding }
                    if ASCII.equalsIgnoringCase(bytes, name, "chunked") {
                        chunkedCount += 1
                        lastIsChunked = true
                    } else {
                        otherCount += 1
                        lastIsChunked = false
                    }
                }
                elementStart = elementEnd + 1
            }
            return nil
        }
    }
}
