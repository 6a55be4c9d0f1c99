import SNAPCrypto
import SimHTTP

/// The web inspector (`GET /_sim/ui`, issue 16): one HTML page with its style and script inline, so it works
/// offline and needs no build step outside Swift.
///
/// The page holds no data: it asks for the admin token in a form, keeps it in `sessionStorage` and sends it as
/// a bearer header to the admin API; it never puts it in a URL. Everything it shows is set with `textContent`
/// (the journal holds bytes any client chose), and the Content-Security-Policy allows only this page's own
/// style and script, by hash, and requests to its own origin.
struct InspectorPage: Sendable {
    static let shared = InspectorPage(style: style, markup: markup, script: script)

    /// The whole page, UTF-8.
    let bytes: [UInt8]
    /// `Content-Type`, `Content-Security-Policy` and the headers that keep the page out of frames and caches.
    let headers: HTTPHeaders

    init(style: String, markup: String, script: String) {
        let page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
            <title>snapsim inspector</title>
            <style>\(style)</style></head>
            <body>\(markup)<script>\(script)</script></body></html>

            """
        bytes = Array(page.utf8)
        headers = [
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": Self.contentSecurityPolicy(style: style, script: script),
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        ]
    }

    /// Nothing but the page's own inline style and script (by their SHA-256) and calls to its own origin.
    static func contentSecurityPolicy(style: String, script: String) -> String {
        "default-src 'none'; script-src '\(hashSource(script))'; style-src '\(hashSource(style))'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    private static func hashSource(_ text: String) -> String {
        "sha256-" + Base64.encode(SHA256.hash(data: Array(text.utf8)))
    }
}

extension InspectorPage {
    /// The page's script, in the order its parts depend on each other.
    static let script = scriptCore + scriptJournal + scriptViews + scriptActions
}
