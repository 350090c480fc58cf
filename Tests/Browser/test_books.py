"""The books' web page in headless Chromium: in through a link from the chat, a total edited and seen in
`fintrak export-invoices`, the link refused a second time, a POST without the CSRF token refused, another tenant's
bill not found, and "logout all" ending the session."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

import books

MONTH = "2026-11"


@pytest.fixture(scope="module")
def driver():
    driver = books.browser()
    yield driver
    driver.quit()


def wait_for_text(driver, text, timeout=20):
    WebDriverWait(driver, timeout).until(expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "body"), text))


def test_the_books_through_a_link_from_the_chat(driver):
    owner, stranger = books.new_tenant(), books.new_tenant()
    mine = books.seed(owner, [
        {"payee_name": "Sharma Traders", "invoice_number": "ST-101", "invoice_date": "2026-11-14", "total_amount": 1350,
         "tax_amount": 205.93, "currency": "INR", "payment_method": "upi", "category": "Stock", "gstin": "27AAPFU0939F1ZV"},
        {"payee_name": "Chai Point", "invoice_date": "2026-11-20", "total_amount": 120, "currency": "INR"},
    ])
    theirs = books.seed(stranger, [{"payee_name": "Secret Supplier", "invoice_date": "2026-11-02", "total_amount": 999,
                                    "currency": "INR"}])
    sharma = next(bill for bill in mine if bill["payee_name"] == "Sharma Traders")

    # In through the chat's link: opening it shows a button (a link preview uses nothing up); the button signs in.
    link = books.login_link(owner)
    books.sign_in(driver, link)
    wait_for_text(driver, "Bills")
    cookie = driver.get_cookie("fintrak_session")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
    driver.get(f"{books.INTAKE}/books/bills?month={MONTH}")
    assert driver.find_element(By.ID, "bill-count").text == "2"
    assert "Secret Supplier" not in driver.page_source

    # Edit the total on the bill's page.
    driver.find_element(By.ID, f"bill-{sharma['id']}").click()
    field = WebDriverWait(driver, 20).until(expected_conditions.presence_of_element_located((By.ID, "field-total")))
    field.clear()
    field.send_keys("1530.50")
    field.find_element(By.XPATH, "./following-sibling::button").click()
    wait_for_text(driver, "Total saved.")
    assert driver.find_element(By.ID, "field-total").get_attribute("value") == "1530.50"
    assert "Total changed from ₹1,350.00 to ₹1,530.50" in driver.page_source
    assert next(b for b in books.exported(owner) if b["id"] == sharma["id"])["total_amount"] == "1530.50"

    # The link opens the books once only.
    status, _, body = books.http("GET", link)
    assert status == 410 and "already used" in body

    session = cookie["value"]
    # A POST without the CSRF token changes nothing.
    status, _, _ = books.http("POST", f"/books/bills/{sharma['id']}/edit", cookie=session,
                              form={"field": "total", "value": "1"})
    assert status == 403
    assert next(b for b in books.exported(owner) if b["id"] == sharma["id"])["total_amount"] == "1530.50"

    # Another tenant's bill is not there.
    driver.get(f"{books.INTAKE}/books/bills/{theirs[0]['id']}")
    wait_for_text(driver, "Not found")
    assert "Secret Supplier" not in driver.page_source
    assert books.http("GET", f"/books/bills/{theirs[0]['id']}", cookie=session)[0] == 404

    # "logout all" in the chat ends the session.
    assert "Signed out of the web page everywhere" in books.chat(owner, "logout all")
    driver.refresh()
    wait_for_text(driver, "Your session has ended")
    assert books.http("GET", "/books/bills", cookie=session)[0] == 401


def test_security_headers_and_a_forged_link(driver):
    owner = books.new_tenant()
    status, headers, _ = books.http_sign_in(books.login_link(owner))
    assert status == 303 and headers["Location"] == "/books/bills"
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Lax" in headers["Set-Cookie"]
    assert "Max-Age=604800" in headers["Set-Cookie"] and "Secure" not in headers["Set-Cookie"]
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "form-action 'self'" in csp and "http" not in csp
    forged = books.http("GET", "/books/login/AAAA.BBBB")
    assert forged[0] == 403 and "not valid" in forged[2]


def test_gst_report_in_the_chat_and_downloads(driver):
    owner = books.new_tenant()
    books.seed(owner, [
        {"payee_name": "Sharma Traders", "invoice_date": "2026-11-14", "total_amount": 1180, "tax_amount": 180,
         "currency": "INR", "gstin": "27AAPFU0939F1ZV"},
        {"payee_name": "Delhi Paper Mart", "invoice_date": "2026-11-09", "total_amount": 1050, "tax_amount": 50,
         "currency": "INR", "gstin": "07AAACD1234E1Z5"},
        {"payee_name": "Mumbai Kirana", "invoice_date": "2026-11-21", "total_amount": 118, "tax_amount": 18,
         "currency": "INR", "gstin": "27AAACM5678K1Z2"},
    ])
    # Most suppliers are in Maharashtra (27), so that is the business's state: Delhi's bill is inter-state (IGST).
    reply = books.chat(owner, "GST report November 2026")
    assert "GST summary for November 2026: 3 bills, taxable value ₹2,100.00" in reply
    assert "CGST ₹99.00, SGST ₹99.00, IGST ₹50.00, total ₹2,348.00" in reply
    sheet = re.search(r"📎 (gst-summary-\S+\.xlsx): (http\S+)", reply)
    assert sheet, reply
    status, headers, _ = books.http("GET", sheet.group(2), binary=True)
    assert status == 200 and headers["Content-Type"].startswith("application/vnd.openxmlformats")

    driver.delete_all_cookies()
    books.sign_in(driver, books.login_link(owner))
    wait_for_text(driver, "Bills")
    driver.find_element(By.LINK_TEXT, "Export").click()
    wait_for_text(driver, "GST summary")
    assert driver.find_element(By.ID, "state").get_attribute("placeholder") == "27"
    session = driver.get_cookie("fintrak_session")["value"]
    status, headers, body = books.http("GET", "/books/export/bills?from=2026-11-01&to=2026-11-30&format=csv", cookie=session)
    assert status == 200 and "Delhi Paper Mart" in body and "Sharma Traders" in body
    status, headers, _ = books.http("GET", "/books/export/gst?from=2026-11-01&to=2026-11-30&state=27", cookie=session,
                                    binary=True)
    assert status == 200 and 'filename="gst-summary-' in headers["Content-Disposition"]
