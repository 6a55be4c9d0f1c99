"""The simulator's admin API under /_sim/ (README of snapsim: "Admin API"), with the admin token attached."""
import json
import urllib.error
import urllib.parse
import urllib.request


class AdminError(Exception):
    """The admin API answered with a non-2xx status; ``status`` and ``body`` say what it refused."""

    def __init__(self, method, path, status, body):
        super().__init__(f"{method} {path} answered {status}: {body}")
        self.status = status
        self.body = body


class AdminClient:
    """Calls /_sim/… endpoints with ``Authorization: Bearer <admin token>``; answers are parsed JSON."""

    def __init__(self, base_url, token, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    # Reset and clock

    def reset(self, partner=None):
        """Restores every partner's state (or one partner's) from the fixtures."""
        return self.request("POST", "/_sim/reset", query={"partner": partner})

    def clock(self):
        """The simulator's current time, ``{"now": "…+07:00", …}``."""
        return self.request("GET", "/_sim/clock")

    def advance_clock(self, step):
        """Moves the clock forward by a duration like ``"901s"``, ``"15m"``, ``"2h"``, ``"1d"``, ``"1mo"``."""
        return self.request("POST", "/_sim/clock", body={"advance": step})

    def set_clock(self, instant):
        """Sets the clock to an ISO-8601 instant with a zone, e.g. ``"2026-01-31T23:59:00+07:00"``."""
        return self.request("POST", "/_sim/clock", body={"set": instant})

    # Faults and forced outcomes

    def add_fault(self, partner, when, then, times=None):
        """Forces an answer or transport fault on the partner's next matching requests."""
        body = {"partner": partner, "when": when, "then": then}
        if times is not None:
            body["times"] = times
        return self.request("POST", "/_sim/faults", body=body)

    def faults(self, partner=None):
        return self.request("GET", "/_sim/faults", query={"partner": partner})

    def clear_faults(self, partner=None, fault_id=None):
        return self.request("DELETE", "/_sim/faults", query={"partner": partner, "id": fault_id})

    # Journal

    def requests(self, **filters):
        """The request journal, oldest first; filters as the README lists (partner, service, path, …)."""
        return self.request("GET", "/_sim/requests", query=filters)["requests"]

    def request_count(self, **filters):
        return self.request("GET", "/_sim/requests/count", query=filters)["count"]

    def clear_requests(self, partner=None):
        return self.request("DELETE", "/_sim/requests", query={"partner": partner})

    # The simulated payer

    def payer(self, kind, partner, body=None, method="POST"):
        """A simulated customer acting on the partner's behalf: ``POST /_sim/payer/<kind>?partner=ID``
        (e.g. kind ``"va"`` pays a virtual account). ``method="GET"`` lists what the payer sees."""
        return self.request(method, f"/_sim/payer/{kind}", query={"partner": partner}, body=body)

    # Plumbing

    def request(self, method, path, query=None, body=None):
        """Any admin call; raises AdminError on a non-2xx answer."""
        pairs = {key: value for key, value in (query or {}).items() if value is not None}
        url = self.base_url + path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            raise AdminError(method, path, error.code, error.read().decode()) from None
        return json.loads(text) if text else None
