extension HTTPResponse {
    /// The answer to a request the parser rejected: the error's status and a small JSON body
    /// `{"error":"<description>"}`.
    public init(parserError: HTTPParserError) {
        var body: [UInt8] = []
        body.reserveCapacity(16 + parserError.description.utf8.count)
        body.append(contentsOf: #"{"error":""#.utf8)
        // The descriptions are plain ASCII without quotes or backslashes, so they need no JSON escaping.
        body.append(contentsOf: parserError.description.utf8)
        body.append(contentsOf: #""}"#.utf8)
        self.init(status: parserError.status, headers: ["Content-Type": "application/json"], body: body)
    }
}
