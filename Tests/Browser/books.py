"""The stack that scripts/books-browser.sh started, seen from a test: seeding bills, chatting, a headless browser."""
import json
import os
import random
import re
import subprocess
import tempfile
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

INTAKE = os.environ["INTAKE_URL"]
FINTRAK = os.environ["FINTRAK_BIN"]


def new_tenant():
    """A phone number no other run uses."""
    return "+9198" + "".join(random.choice("0123456789") for _ in range(8))


def fintrak(*args, text=None):
    done = subprocess.run([FINTRAK, *args], input=text, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"fintrak {' '.join(args)} failed: {done.stderr}"
    return done.stdout


def seed(tenant, bills):
    """Imports bills (CONTRACT.md records) for the tenant; returns them as exported, with their ids."""
    optional = {"invoice_number": None, "tax_amount": None, "payment_method": None, "category": None, "gstin": None}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as file:
        file.write("".join(json.dumps({**optional, **bill}) + "\n" for bill in bills))
    try:
        fintrak("import-invoices", "--tenant", tenant, file.name)
    finally:
        os.unlink(file.name)
    return exported(tenant)


def exported(tenant):
    return [json.loads(line) for line in fintrak("export-invoices", "--tenant", tenant).splitlines() if line.strip()]


def chat(tenant, text):
    """Sends one chat line as the tenant (`fintrak chat`) and returns what Fintrak answered."""
    return fintrak("chat", "--from", tenant, "--intake", INTAKE, "--timeout", "60", text=text + "\n")


def login_link(tenant):
    reply = chat(tenant, "web")
    match = re.search(r"(http://\S+/books/login/\S+)", reply)
    assert match, f"no link in the reply: {reply}"
    return match.group(1)


def sign_in(driver, link):
    """Opens the chat's link (which only shows a page, so link previews use nothing up) and presses its button."""
    driver.get(link)
    assert driver.get_cookie("fintrak_session") is None, "opening the link alone signed in"
    driver.find_element(By.CSS_SELECTOR, "form[action^='/books/login/'] button").click()


def http_sign_in(link):
    """(status, headers, body) of signing in without a browser: the link's page, then its form posted."""
    status, _, page = http("GET", link)
    assert status == 200, f"the link's page answered {status}"
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf, page
    return http("POST", link, form={"csrf": csrf.group(1)})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(method, path, cookie=None, form=None, binary=False):
    """(status, headers, body) of one request, redirects not followed; the body as bytes when `binary`."""
    data = None if form is None else "&".join(f"{k}={urllib.request.quote(v)}" for k, v in form.items()).encode()
    request = urllib.request.Request(path if path.startswith("http") else INTAKE + path, data=data, method=method)
    if cookie:
        request.add_header("Cookie", f"fintrak_session={cookie}")
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            body = response.read()
            return response.status, response.headers, body if binary else body.decode()
    except urllib.error.HTTPError as error:
        body = error.read()
        return error.code, error.headers, body if binary else body.decode()


def browser(width=390, height=844):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # Headless windows have a minimum width; a phone's viewport is set exactly.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return driver
