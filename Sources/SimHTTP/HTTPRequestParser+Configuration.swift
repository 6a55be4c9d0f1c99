extension HTTPRequestParser {
    /// The limits the parser enforces while it reads, so no input can make it buffer without bound.
    public struct Configuration: Sendable, Hashable {
        /// The most bytes the request line and header fields may take, CRLFs included; beyond it the request
        /// fails with ``HTTPParserError/headTooLarge`` (431). The same bound applies to a chunked body's trailers.
        public var maxHeadBytes: Int
        /// The longest body accepted, by `Content-Length` or summed over chunks; beyond it the request fails
        /// with ``HTTPParserError/bodyTooLarge`` (413) before the body is read.
        public var maxBodyBytes: Int
        /// The most header field lines accepted (and, separately, trailer lines); beyond it the request fails
        /// with ``HTTPParserError/tooManyHeaders`` (431).
        public var maxHeaderCount: Int

        /// Makes a configuration; the defaults are 16 KiB of head, a 1 MiB body and 100 fields.
        public init(maxHeadBytes: Int = 16 * 1024, maxBodyBytes: Int = 1024 * 1024, maxHeaderCount: Int = 100) {
            self.maxHeadBytes = max(maxHeadBytes, 16)
            self.maxBodyBytes = max(maxBodyBytes, 0)
            self.maxHeaderCount = max(maxHeaderCount, 1)
        }

        /// The longest chunk-size line (size plus extensions) accepted. Extensions carry no meaning here, so a
        /// small fixed bound keeps a client from streaming an endless one.
        static let maxChunkLineBytes = 4096
    }
}
