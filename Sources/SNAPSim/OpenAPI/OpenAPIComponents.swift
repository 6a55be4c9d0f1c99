import SimJSON

/// The parts every profile's document shares: security schemes and response headers.
enum OpenAPIComponents {
    static let components: JSONValue = [
        "securitySchemes": securitySchemes,
        "headers": [
            "X-TIMESTAMP": [
                "description": "When the simulator answered, ISO-8601 in Jakarta time (+07:00)",
                "schema": ["type": "string"],
            ],
            "X-Snapsim-Explain": [
                "description": "On a refusal (unless serve --no-explain): which check failed, in one line",
                "schema": ["type": "string"],
            ],
        ],
    ]

    private static let bodyHash = "Lowercase(HexEncode(SHA-256(minify(body))))"

    static let securitySchemes: JSONValue = [
        "snapTokenSignature": [
            "type": "apiKey", "in": "header", "name": .string(SecurityHeader.signature),
            "description": "Access-token request signature: Base64(SHA256withRSA(private key, X-CLIENT-KEY + \"|\" + X-TIMESTAMP)), verified with the partner's public key from the fixtures.",
        ],
        "bearerAccessToken": [
            "type": "http", "scheme": "bearer",
            "description": "Authorization: Bearer <accessToken> from POST /v1.0/access-token/b2b (the profile's token path); 900 s by default.",
        ],
        "snapSymmetricSignature": [
            "type": "apiKey", "in": "header", "name": .string(SecurityHeader.signature),
            "description": .string("Symmetric transaction signature (partners with signing symmetric): Base64(HMAC-SHA512(client secret, METHOD + \":\" + path + \":\" + accessToken + \":\" + \(bodyHash) + \":\" + X-TIMESTAMP)), together with the bearer token."),
        ],
        "snapAsymmetricSignature": [
            "type": "apiKey", "in": "header", "name": .string(SecurityHeader.signature),
            "description": .string("Asymmetric transaction signature (partners with signing asymmetric): Base64(SHA256withRSA(private key, METHOD + \":\" + path + \":\" + \(bodyHash) + \":\" + X-TIMESTAMP)); no access token."),
        ],
        "smilePayzSignature": [
            "type": "apiKey", "in": "header", "name": .string(SecurityHeader.signature),
            "description": "SmilePayz v2.0: Base64(SHA256withRSA(private key, X-TIMESTAMP + \"|\" + merchant secret + \"|\" + minify(body))).",
        ],
        "e2payBearer": [
            "type": "http", "scheme": "bearer",
            "description": "E2Pay host or user access_token from POST /switching/rest/oauth/token (form-encoded grant).",
        ],
    ]
}
