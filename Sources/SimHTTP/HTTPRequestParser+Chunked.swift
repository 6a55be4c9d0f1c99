// The chunked transfer coding (RFC 9112 §7.1):
//   chunked-body = *chunk last-chunk trailer-section CRLF
//   chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
extension HTTPRequestParser {
    /// The `.chunkSize` state: reads `chunk-size [ chunk-ext ] CRLF`.
    mutating func parseChunkSize() -> Step {
        let lineBegin = start
        var scanned = self.scanned
        let maxLine = Configuration.maxChunkLineBytes
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            var index = lineBegin + scanned
            while index < bytes.count {
                if bytes[index] == ASCII.lf { return index }
                index += 1
            }
            scanned = bytes.count - lineBegin
            return nil
        }
        self.scanned = scanned
        guard let lineFeed = found else {
            return scanned > maxLine ? fail(.invalidChunk) : .yield(.needMoreData)
        }
        guard lineFeed - lineBegin <= maxLine else { return fail(.invalidChunk) }

        let size: Int? = buffer.withUnsafeBufferPointer { bytes in
            Self.parseChunkSizeLine(bytes, lineBegin..<lineFeed)
        }
        guard let size else { return fail(.invalidChunk) }
        start = lineFeed + 1
        if size == 0 {
            enter(.trailers)
            return .proceed
        }
        guard size <= configuration.maxBodyBytes - request.body.count else { return fail(.bodyTooLarge) }
        enter(.chunkData(remaining: size))
        return .proceed
    }

    /// Parses a chunk-size line up to (not including) its LF; `nil` when malformed. Sizes too large to
    /// represent saturate so the body limit rejects them.
    static func parseChunkSizeLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int? {
        // RFC 9112 §2.2: the line must end in CRLF.
        guard line.count >= 2, bytes[line.upperBound - 1] == ASCII.cr else { return nil }
        let content = line.lowerBound..<(line.upperBound - 1)
        var index = content.lowerBound
        var size = 0
        while index < content.upperBound, let digit = ASCII.hexValue(bytes[index]) {
            size = size > (Int.max - digit) / 16 ? Int.max : size * 16 + digit
            index += 1
        }
        guard index > content.lowerBound else { return nil }
        guard index < content.upperBound else { return size }
        return parseChunkExtensions(bytes, index..<content.upperBound) ? size : nil
    }

    /// Checks `chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )` with
    /// `chunk-ext-val = token / quoted-string` (RFC 9112 §7.1.1, RFC 9110 §5.6.4). Extensions mean nothing here,
    /// so they are checked for shape and dropped; a `;` inside a quoted value does not start a new extension, and
    /// an unterminated quote is refused.
    static func parseChunkExtensions(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        let end = range.upperBound
        func skipWhitespace() {
            while index < end, ASCII.isWhitespace(bytes[index]) { index += 1 }
        }
        func skipToken() -> Bool {
            let tokenStart = index
            while index < end, ASCII.isTokenChar(bytes[index]) { index += 1 }
            return index > tokenStart
        }
        while index < end {
            skipWhitespace()
            guard index < end, bytes[index] == ASCII.semicolon else { return false }
            index += 1
            skipWhitespace()
            guard skipToken() else { return false }
            let afterName = index
            skipWhitespace()
            guard index < end, bytes[index] == UInt8(ascii: "=") else {
                index = afterName
                continue
            }
            index += 1
            skipWhitespace()
            guard index < end else { return false }
            guard bytes[index] == UInt8(ascii: "\"") else {
                guard skipToken() else { return false }
                continue
            }
            index += 1
            var closed = false
            while index < end {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    closed = true
                    break
                }
                if byte == UInt8(ascii: "\\") {
                    // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                    guard index < end, bytes[index] == ASCII.tab || bytes[index] >= 0x20, bytes[index] != 0x7F else {
                        return false
                    }
                    index += 1
                } else if byte != ASCII.tab, byte < 0x20 || byte == 0x7F {
                    // qdtext: HTAB, SP, visible ASCII but DQUOTE and backslash, obs-text.
                    return false
                }
            }
            guard closed else { return false }
        }
        return true
    }

    /// The `.chunkData` state: appends chunk bytes to the body as they arrive.
    mutating func readChunkData(remaining: Int) -> Step {
        let take = min(remaining, buffer.count - start)
        if take > 0 {
            request.body.append(contentsOf: buffer[start..<(start + take)])
            start += take
        }
        if take == remaining {
            enter(.chunkEnd)
            return .proceed
        }
        state = .chunkData(remaining: remaining - take)
        return .yield(.needMoreData)
    }

    /// The `.chunkEnd` state: chunk data must be followed by exactly CRLF.
    mutating func parseChunkEnd() -> Step {
        let available = buffer.count - start
        guard available > 0 else { return .yield(.needMoreData) }
        guard buffer[start] == ASCII.cr else { return fail(.invalidChunk) }
        guard available > 1 else { return .yield(.needMoreData) }
        guard buffer[start + 1] == ASCII.lf else { return fail(.invalidChunk) }
        start += 2
        enter(.chunkSize)
        return .proceed
    }

    /// The `.trailers` state: reads trailer fields up to the empty line. They are validated like header
    /// fields and then dropped, which RFC 9112 §7.1.2 permits.
    mutating func parseTrailers() -> Step {
        let scan = scanSection(
            maxBytes: configuration.maxHeadBytes,
            maxLines: configuration.maxHeaderCount,
            skipsLeadingEmptyLines: false
        )
        switch scan {
        case .needMoreData:
            return .yield(.needMoreData)
        case .failure(let error):
            return fail(error)
        case .leadingEmptyLine(let next), .complete(let next):
            let range = start..<(next - 2)
            let error: HTTPParserError? = buffer.withUnsafeBufferPointer { bytes in
                var lineBegin = range.lowerBound
                while lineBegin < range.upperBound {
                    let lineEnd = Self.endOfLine(bytes, from: lineBegin)
                    if case .failure(let error) = Self.parseFieldLine(bytes, lineBegin..<lineEnd) { return error }
                    lineBegin = lineEnd + 2
                }
                return nil
            }
            if let error { return fail(error) }
            start = next
            return completeRequest()
        }
    }
}
