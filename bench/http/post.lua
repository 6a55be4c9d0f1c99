-- A small JSON POST, the shape of a SNAP request body.
wrk.method = "POST"
wrk.body = '{"partnerReferenceNo":"2020102900000000000001","amount":{"value":"12345.00","currency":"IDR"}}'
wrk.headers["Content-Type"] = "application/json"
