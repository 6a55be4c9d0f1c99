import SimHTTP
import Testing

extension HTTPRequestParser {
    /// Feeds `chunks` one after another, draining every action after each; stops at the first error.
    mutating func actions(feeding chunks: [[UInt8]]) -> [Action] {
        var result: [Action] = []
        for chunk in chunks {
            append(chunk)
            while true {
                let action = next()
                if action == .needMoreData { break }
                result.append(action)
                if case .error = action { return result }
            }
        }
        return result
    }
}

/// Parses `text` in one piece, then split in two at every position, then one byte at a time, and expects every
/// way of feeding it to produce the same actions: the proof that parsing is incremental.
func parseAtEverySplit(
    _ text: String,
    configuration: HTTPRequestParser.Configuration = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> [HTTPRequestParser.Action] {
    let bytes = Array(text.utf8)
    var whole = HTTPRequestParser(configuration: configuration)
    let expected = whole.actions(feeding: [bytes])
    for split in 0...bytes.count {
        var parser = HTTPRequestParser(configuration: configuration)
        let actions = parser.actions(feeding: [Array(bytes[..<split]), Array(bytes[split...])])
        #expect(actions == expected, "split at \(split)", sourceLocation: sourceLocation)
        if actions != expected { break }
    }
    var bytewise = HTTPRequestParser(configuration: configuration)
    #expect(bytewise.actions(feeding: bytes.map { [$0] }) == expected, "byte by byte", sourceLocation: sourceLocation)
    return expected
}

extension HTTPRequestParser.Action {
    /// The request, when this action is one.
    var request: HTTPRequest? {
        if case .request(let request) = self { return request }
        return nil
    }
}
