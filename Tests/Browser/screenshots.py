"""Saves a PNG of every page of the books at 390×844 (a phone) from a seeded stack, for a reviewer to look at."""
import os
import sys

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
try:
    driver.get(books.login_link(owner))
    sharma = next(bill for bill in bills if bill["payee_name"] == "Sharma Traders")
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
