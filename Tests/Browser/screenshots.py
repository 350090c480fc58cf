"""Saves a PNG of every page of the books at 390×844 (a phone) from a seeded stack, for a reviewer to look at."""
import base64
import hashlib
import os
import subprocess
import sys
import urllib.parse

from selenium.webdriver.common.by import By

import books

out = sys.argv[1] if len(sys.argv) > 1 else "screenshots"
os.makedirs(out, exist_ok=True)
owner = books.new_tenant()
bills = books.seed(owner, [
    {"payee_name": "Sharma Traders", "invoice_number": "ST-101", "invoice_date": "2026-11-14", "total_amount": 1350,
     "tax_amount": 205.93, "currency": "INR", "payment_method": "upi", "category": "Stock", "gstin": "27AAPFU0939F1ZV"},
    {"payee_name": "Delhi Paper Mart", "invoice_number": "DP-77", "invoice_date": "2026-11-09", "total_amount": 2100,
     "tax_amount": 100, "currency": "INR", "gstin": "07AAACD1234E1Z5"},
    {"payee_name": "Chai Point", "invoice_date": "2026-11-20", "total_amount": 120, "currency": "INR"},
])
for line in ["Ramesh 500 udhaar", "Ramesh ne 200 diye", "Mahalaxmi Suppliers se 5000 ka maal udhaar liya",
             "how much did I spend at Sharma Traders last month?", "how much did I spend in november?"]:
    books.chat(owner, line)
driver = books.browser()


def attach_photo(bill_id):
    """Gives the bill a photo of itself (a receipt drawn by the browser) and a doubtful total, as a bill read from a
    blurry photo has: written as the schema's owner, since imports carry neither."""
    receipt = ("<body style='font:15px monospace;width:300px;padding:16px;background:#fffdf5'><b>SHARMA TRADERS</b>"
               "<br>GSTIN 27AAPFU0939F1ZV<br>Bill ST-101 14/11/2026<hr>Rice 10kg ..... 650.00<br>Oil 5L ...... 494.07"
               "<hr>CGST 9% ....... 102.97<br>SGST 9% ....... 102.96<hr><b>TOTAL ....... 1,350.00</b></body>")
    driver.get("data:text/html," + urllib.parse.quote(receipt))
    clip = {"x": 0, "y": 0, "width": 340, "height": 250, "scale": 2}
    photo = base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip})["data"])
    digest = hashlib.sha256(photo).hexdigest()
    sql = f"""BEGIN; SET LOCAL app.cross_tenant = 'on';
        INSERT INTO media_objects (tenant, sha256, content_type, bytes)
        VALUES ('{owner}', '{digest}', 'image/png', decode('{base64.b64encode(photo).decode()}', 'base64'));
        UPDATE invoices SET media_sha256 = '{digest}', confidence = '{{"total_amount": 0.4, "payee_name": 0.97}}'
        WHERE id = '{bill_id}'; COMMIT;"""
    subprocess.run(["psql", "-q", os.environ["MIGRATION_DATABASE_URL"], "-v", "ON_ERROR_STOP=1"], input=sql, text=True,
                   check=True, capture_output=True)


try:
    sharma = next(bill for bill in bills if bill["payee_name"] == "Sharma Traders")
    attach_photo(sharma["id"])
    books.sign_in(driver, books.login_link(owner))
    pages = [("bills", "/books/bills?month=2026-11"), ("bill", f"/books/bills/{sharma['id']}"), ("khata", "/books/khata"),
             ("questions", "/books/questions"), ("export", "/books/export")]
    for name, path in pages:
        driver.get(books.INTAKE + path)
        if name == "khata":
            driver.find_element(By.CSS_SELECTOR, ".bills a").click()
            driver.save_screenshot(os.path.join(out, "khata-party.png"))
            driver.get(books.INTAKE + path)
        driver.save_screenshot(os.path.join(out, f"{name}.png"))
        print(f"saved {out}/{name}.png")
finally:
    driver.quit()
