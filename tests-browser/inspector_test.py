#!/usr/bin/env python3
"""Drives the web inspector (GET /_sim/ui) in headless Chromium against a live snapsim.

Logs in with the admin token, sends a badly signed and a well signed request, checks both appear in the live
journal with the right verdict and that the refused one shows expected and received string-to-sign with the
differing part marked, checks that attacker-chosen bytes are shown as text, clicks through every view (acting
in each) and saves a screenshot of each. Every wait polls for a condition; none sleeps.
"""
import argparse, base64, http.server, re, threading, urllib.parse, hashlib, hmac, json, os, subprocess, sys, tempfile, urllib.error, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["SNAPSIM_URL"]
TOKEN = os.environ["SNAPSIM_ADMIN_TOKEN"]
SHOTS = os.environ["SCREENSHOTS"]
PARTNER = "snapsim-demo"


def step(text):
    print("-- " + text, flush=True)


def call(method, path, body=None, headers=None):
    request = urllib.request.Request(BASE + path, method=method, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def admin(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    status, _, payload = call(method, path, data, {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    return status, json.loads(payload) if payload else None


class Partner:
    """Signs as the sandbox demo partner: its B2B token by RSA (openssl), transactions by HMAC-SHA512."""

    def __init__(self, fixtures):
        partner = next(p for p in json.load(open(fixtures))["partners"] if p["clientId"] == PARTNER)
        self.secret = partner["clientSecret"].encode()
        self.key = tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False)
        self.key.write(partner["privateKey"])
        self.key.close()
        self.timestamp = admin("GET", "/_sim/clock")[1]["now"]
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key.name],
                                   input=f"{PARTNER}|{self.timestamp}".encode(), capture_output=True, check=True).stdout
        status, _, answer = call("POST", "/v1.0/access-token/b2b", b'{"grantType":"client_credentials"}', {
            "Content-Type": "application/json", "X-TIMESTAMP": self.timestamp, "X-CLIENT-KEY": PARTNER,
            "X-SIGNATURE": base64.b64encode(signature).decode()})
        assert status == 200, (status, answer)
        self.token = json.loads(answer)["accessToken"]

    def send(self, path, body, signed_body, external_id, extra=None):
        """Sends `body`, signing `signed_body` (the same text for a right signature)."""
        digest = hashlib.sha256(signed_body.encode()).hexdigest()
        text = f"POST:{path}:{self.token}:{digest}:{self.timestamp}"
        signature = base64.b64encode(hmac.new(self.secret, text.encode(), hashlib.sha512).digest()).decode()
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + self.token,
                   "X-TIMESTAMP": self.timestamp, "X-SIGNATURE": signature, "X-PARTNER-ID": PARTNER,
                   "X-EXTERNAL-ID": external_id, "CHANNEL-ID": "95221"}
        headers.update(extra or {})
        status, _, answer = call("POST", path, body.encode(), headers)
        return status, json.loads(answer)


class Receiver:
    """A partner's notification endpoint on loopback: records what arrives, answers SNAP success."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received.append(dict(self.headers))
                body = b'{"responseCode":"2002500","responseMessage":"Successful"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/notify"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def newest_sequence(**filters):
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    status, answer = admin("GET", "/_sim/requests?limit=1&" + query)
    assert status == 200 and answer["requests"], answer
    return answer["requests"][-1]["sequence"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partners", required=True)
    arguments = parser.parse_args()

    step("the page: content type, strict CSP, no token needed to load the (data-free) page")
    status, headers, page = call("GET", "/_sim/ui")
    headers = {k.lower(): v for k, v in headers.items()}
    assert status == 200 and headers["content-type"].startswith("text/html"), (status, headers)
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp and "script-src 'sha256-" in csp, csp
    assert not re.search(rb'(src|href)\s*=\s*["\']?(https?:)?//|@import|url\(', page), "the page loads nothing from elsewhere"

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,950",
                 "--disable-gpu", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # A ceiling for headless Chromium on a loaded CI machine; every wait returns as soon as its condition holds.
    wait = WebDriverWait(driver, 60, poll_frequency=0.1)
    shots = []

    def shot(name):
        path = os.path.join(SHOTS, name + ".png")
        driver.save_screenshot(path)
        shots.append(path)

    def visible(selector):
        return wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)))

    def text_in(selector, text):
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text))
        return driver.find_element(By.CSS_SELECTOR, selector)

    def click(selector):
        wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, selector))).click()

    try:
        step("log in: a wrong token is refused, the right one opens the journal")
        driver.get(BASE + "/_sim/ui")
        visible("#login-token").send_keys("not-the-token")
        shot("00-login")
        click("#login-submit")
        text_in("#login-status", "refused")
        driver.find_element(By.ID, "login-token").send_keys(TOKEN)
        click("#login-submit")
        wait.until(EC.invisibility_of_element_located((By.ID, "login")))
        visible("#journal-rows")
        assert TOKEN not in driver.current_url
        assert driver.execute_script("return sessionStorage.getItem('snapsim.adminToken')") == TOKEN
        assert driver.execute_script("return localStorage.length") == 0

        Select(driver.find_element(By.ID, "partner-picker")).select_by_value(PARTNER)
        visible("#journal-rows")

        step("a bad and a good signed request appear in the live journal with their verdicts")
        partner = Partner(arguments.partners)
        loose = '{"partnerReferenceNo": "INSPECT-BAD", "accountNo": "12345678"}'
        status, answer = partner.send("/v1.0/balance-inquiry", loose, loose, "90000000000000000001")
        assert status == 401, (status, answer)
        bad = newest_sequence(status=401, partner=PARTNER)
        tight = '{"partnerReferenceNo":"INSPECT-GOOD","accountNo":"12345678"}'
        status, answer = partner.send("/v1.0/balance-inquiry", tight, tight, "90000000000000000002")
        assert status == 200, (status, answer)
        good = newest_sequence(status=200, partner=PARTNER)
        text_in(f'#journal-rows tr[data-sequence="{bad}"]', "rejected")
        text_in(f'#journal-rows tr[data-sequence="{good}"]', "accepted")
        assert "rejected" not in driver.find_element(By.CSS_SELECTOR, f'tr[data-sequence="{good}"]').text

        step("the refused request shows expected vs received string-to-sign, the hashes marked, and the diagnosis")
        click(f'#journal-rows tr[data-sequence="{bad}"]')
        visible("#sts-comparison")
        expected_hash = hashlib.sha256(tight.replace("INSPECT-GOOD", "INSPECT-BAD").encode()).hexdigest()
        received_hash = hashlib.sha256(loose.encode()).hexdigest()
        expected_mark = driver.find_element(By.CSS_SELECTOR, "#sts-expected mark.diff").text
        received_mark = driver.find_element(By.CSS_SELECTOR, "#sts-received mark.diff").text
        assert expected_mark == expected_hash, (expected_mark, expected_hash)
        assert received_mark == received_hash, (received_mark, received_hash)
        assert partner.token in driver.find_element(By.ID, "sts-expected").text
        text_in("#entry-detail", "body-signed-unminified")
        assert f"#journal/{bad}" in driver.current_url
        shot("01-journal-rejected")

        click(f'#journal-rows tr[data-sequence="{good}"]')
        text_in("#sts-accepted", hashlib.sha256(tight.encode()).hexdigest())
        shot("02-journal-accepted")

        step("attacker-chosen bytes are shown as text, never run")
        hostile = '<img src=x id=pwned onerror="window.pwned=1">'
        status, _ = partner.send("/v1.0/balance-inquiry", hostile, hostile, "90000000000000000003",
                                 {"X-Hostile": "<script>window.pwned=2</script>"})
        hostile_seq = newest_sequence(partner=PARTNER)
        click(f'#journal-rows tr[data-sequence="{hostile_seq}"]')
        text_in(f"#entry-{hostile_seq}", "window.pwned=2")
        text_in(f"#entry-{hostile_seq}", 'onerror="window.pwned=1"')
        assert driver.find_elements(By.ID, "pwned") == [] and driver.execute_script("return window.pwned") is None

        step("filters: HTTP status 401 leaves only the refused requests")
        status_filter = driver.find_element(By.ID, "filter-status")
        status_filter.send_keys("200")
        status_filter.send_keys("\t")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#journal-rows tr[data-sequence="{good}"]')
                   and not d.find_elements(By.CSS_SELECTOR, f'#journal-rows tr[data-sequence="{bad}"]'))
        shot("03-journal-filtered")
        status_filter.clear()
        status_filter.send_keys("\t")

        step("accounts: the ledger, a customer's top-ups and movements, virtual accounts")
        click('#nav a[data-view="accounts"]')
        text_in("#view", "081234560001")
        driver.find_element(By.XPATH, "//td[text()='081234560001']").click()
        visible("#account-movements")
        text_in("#account-detail", "may still top up")
        shot("04-accounts")

        step("clock: read, advance, set")
        click('#nav a[data-view="clock"]')
        before = visible("#clock-now")
        wait.until(lambda d: "T" in d.find_element(By.ID, "clock-now").text)
        start = driver.find_element(By.ID, "clock-now").text
        driver.find_element(By.ID, "clock-advance").send_keys("1d")
        click("#clock-advance-button")
        wait.until(lambda d: d.find_element(By.ID, "clock-now").text != start)
        set_box = driver.find_element(By.ID, "clock-set")
        set_box.clear()
        set_box.send_keys("2030-01-02T03:04:05+07:00")
        click("#clock-set-button")
        text_in("#clock-now", "2030-01-02T03:04:05+07:00")
        text_in("#header-clock", "2030-01-02T03:04:05+07:00")
        shot("05-clock")

        step("faults: add one, see it listed, clear it")
        click('#nav a[data-view="faults"]')
        click("#fault-add")
        text_in("#fault-list", "fault-1")
        shot("06-faults")
        driver.find_element(By.XPATH, "//div[@id='fault-list']//button[text()='Clear']").click()
        wait.until(lambda d: "fault-1" not in d.find_element(By.ID, "fault-list").text)

        step("scenarios: states listed, one moved")
        click('#nav a[data-view="scenarios"]')
        text_in("#scenario-list", "async-topup")
        row = driver.find_element(By.XPATH, "//div[@id='scenario-list']//tr[td[text()='async-topup']]")
        Select(row.find_element(By.TAG_NAME, "select")).select_by_visible_text("Pending")
        row.find_element(By.TAG_NAME, "button").click()
        wait.until(lambda d: admin("GET", f"/_sim/state?partner={PARTNER}")[1]["scenarios"][0]["state"] == "Pending")
        shot("07-scenarios")

        step("notifications: point the partner at a receiver on loopback")
        receiver = Receiver()
        click('#nav a[data-view="notifications"]')
        visible("#delivery-list table")
        endpoint = driver.find_element(By.ID, "endpoint-default")
        endpoint.clear()
        endpoint.send_keys(receiver.url)
        click("#endpoint-save")
        text_in("#view", "now go to " + receiver.url)

        step("payer: pay a virtual account from the list")
        click('#nav a[data-view="payer"]')
        fill = wait.until(EC.element_to_be_clickable((By.XPATH, "//button[text()='Fill in']")))
        fill.click()
        wait.until(lambda d: d.find_element(By.ID, "payer-virtualAccountNo").get_attribute("value"))
        click("#payer-send")
        text_in("#payer-result", "paymentRequestId")
        shot("08-payer")

        step("notifications: the payment's delivery with its attempt, then a redelivery")
        wait.until(lambda d: receiver.received)
        assert receiver.received[0].get("X-SIGNATURE"), receiver.received[0]
        click('#nav a[data-view="notifications"]')
        text_in("#delivery-list", "va-payment")
        driver.find_elements(By.CSS_SELECTOR, "#delivery-list tr.clickable")[0].click()
        text_in("#delivery-detail", receiver.url)
        wait.until(lambda d: d.find_elements(By.XPATH, "//div[@id='delivery-detail']//td/span[text()='200']"))
        shot("09-notifications")
        click("#redeliver")
        text_in("#view .status", "Redelivered as")
        wait.until(lambda d: len(receiver.received) >= 2)
        receiver.close()

        step("no script or style was blocked by the CSP, and nothing failed in the console")
        problems = [entry for entry in driver.get_log("browser")
                    if entry["level"] == "SEVERE" and "401" not in entry["message"] and "favicon" not in entry["message"]]
        assert not problems, problems
    except Exception:
        shot("failure")
        raise
    finally:
        driver.quit()
    print(f"inspector browser suite: passed; {len(shots)} screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
