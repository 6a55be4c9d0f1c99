import SimHTTPClient
import Testing

@Suite struct HTTPEndpointTests {
    @Test func readsHostPortAndPrefix() throws {
        #expect(try HTTPEndpoint(url: "http://127.0.0.1:7788") == HTTPEndpoint(host: "127.0.0.1", port: 7788))
        #expect(try HTTPEndpoint(url: "HTTP://example.test/snap/v1/") == HTTPEndpoint(host: "example.test", port: 80, pathPrefix: "/snap/v1"))
        #expect(try HTTPEndpoint(url: "http://[::1]:9000/x?y") == HTTPEndpoint(host: "::1", port: 9000, pathPrefix: "/x"))
        #expect(try HTTPEndpoint(url: "http://[::1]:9000").hostHeader == "[::1]:9000")
    }

    @Test func refusesWhatItCannotSpeak() {
        #expect(throws: HTTPClientError.unsupportedScheme("https")) { try HTTPEndpoint(url: "https://api.sandbox.test") }
        #expect(throws: HTTPClientError.invalidURL("localhost:80")) { try HTTPEndpoint(url: "localhost:80") }
        #expect(throws: HTTPClientError.invalidURL("http://h:99999")) { try HTTPEndpoint(url: "http://h:99999") }
        #expect(throws: HTTPClientError.invalidURL("http://:80")) { try HTTPEndpoint(url: "http://:80") }
    }
}
