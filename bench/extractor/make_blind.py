#!/usr/bin/env python3
"""A blind test set of made-up bills, written without reading the bill reader's rules.

  make_blind.py OUT [--count 30] [--seed 1] [--images 0.3]

Writes OUT/blind_NNN.{pdf,png,jpg} and OUT/truth.jsonl (the fields of the fixtures' truth.jsonl). Kinds: Indian GST
tax invoices (B2B with the buyer's GSTIN, inter-state IGST, a long one over two pages), B2C counter bills, thermal
till receipts, restaurant bills with a service charge, pharmacy bills with batch and expiry columns, fuel slips,
electricity and phone bills (billing period, due date, amount before and after it), marketplace invoices with tax per
row, hotel folios, a Hindi-English kirana bill, cloud-service invoices, and Dutch, French and German invoices (comma
decimals, "1.234,56"). About --images of them are pictures (150-300 dpi, a little turned, blurred or JPEG'd; some
wrapped in a PDF with no text layer). Needs reportlab, Pillow and poppler's pdftoppm.
"""
import argparse
import json
import os
import random
import subprocess
import tempfile
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP

from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4, A5, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONTS = {"sans": "DejaVuSans.ttf", "sans-b": "DejaVuSans-Bold.ttf", "serif": "DejaVuSerif.ttf",
         "serif-b": "DejaVuSerif-Bold.ttf", "mono": "DejaVuSansMono.ttf", "mono-b": "DejaVuSansMono-Bold.ttf",
         "cond": "DejaVuSansCondensed.ttf", "cond-b": "DejaVuSansCondensed-Bold.ttf"}
for _name, _file in FONTS.items():
    pdfmetrics.registerFont(TTFont(_name, os.path.join(FONT_DIR, _file)))

CENT = Decimal("0.01")
MM = 72 / 25.4


def money(x):
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


# ---------------------------------------------------------------- numbers and words

def group_indian(units):
    s = str(units)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    parts = []
    while len(head) > 2:
        parts.insert(0, head[-2:])
        head = head[:-2]
    if head:
        parts.insert(0, head)
    return ",".join(parts + [tail])


def fmt(amount, style="plain"):
    """plain 1234.50, intl 1,234.50, indian 1,23,456.50, euro 1.234,50, euro-plain 1234,50, swiss 1'234.50"""
    units, cents = f"{money(amount):.2f}".split(".")
    neg = units.startswith("-")
    units = units.lstrip("-")
    if style == "plain":
        s = f"{units}.{cents}"
    elif style == "intl":
        s = f"{int(units):,}.{cents}"
    elif style == "indian":
        s = f"{group_indian(units)}.{cents}"
    elif style == "euro":
        s = f"{int(units):,}".replace(",", ".") + f",{cents}"
    elif style == "euro-plain":
        s = f"{units},{cents}"
    else:
        raise ValueError(style)
    return ("-" if neg else "") + s


ONES = ["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]


def words_below_100(n):
    return ONES[n] if n < 20 else (TENS[n // 10] + (" " + ONES[n % 10] if n % 10 else ""))


def words_below_1000(n):
    h, r = divmod(n, 100)
    out = []
    if h:
        out.append(ONES[h] + " Hundred")
    if r:
        out.append(words_below_100(r))
    return " ".join(out)


def indian_words(amount):
    units, cents = f"{money(amount):.2f}".split(".")
    n = int(units)
    parts = []
    for size, name in ((10 ** 7, "Crore"), (10 ** 5, "Lakh"), (1000, "Thousand")):
        q, n = divmod(n, size)
        if q:
            parts.append(words_below_1000(q) + " " + name)
    if n:
        parts.append(words_below_1000(n))
    text = "Rupees " + " ".join(parts)
    if int(cents):
        text += " and " + words_below_100(int(cents)) + " Paise"
    return text + " Only"


def fmt_date(d, style):
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre"]
    de = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember"]
    nl = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
    return {
        "dmy/": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "dmy-": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "dmy.": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dmy2/": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "d-mon-y": f"{d.day:02d}-{months[d.month - 1][:3]}-{d.year}",
        "d mon y": f"{d.day} {months[d.month - 1][:3]} {d.year}",
        "d month y": f"{d.day} {months[d.month - 1]} {d.year}",
        "mon d, y": f"{months[d.month - 1][:3]} {d.day}, {d.year}",
        "iso": d.isoformat(),
        "fr": f"{d.day} {fr[d.month - 1]} {d.year}",
        "de": f"{d.day}. {de[d.month - 1]} {d.year}",
        "nl": f"{d.day} {nl[d.month - 1]} {d.year}",
    }[style]


# ---------------------------------------------------------------- made-up parties

IN_FIRST = ["Shree Balaji", "Laxmi Narayan", "Om Sai", "Kaveri", "Sahyadri", "Ganga", "Navkar", "Annapurna", "Siddhi",
            "Maruti", "Vishwas", "Prakash", "Madhuban", "Kohinoor", "Royal", "Bharat", "Neelkanth", "Trimurti", "Sagar",
            "Pushpak", "Deccan", "Arihant", "Mahavir", "Saraswati", "Chamunda", "Kalinga", "Nilgiri", "Malwa"]
IN_TRADE = ["Traders", "Enterprises", "Agencies", "Distributors", "Industries", "Hardware", "Textiles", "Electricals",
            "Steel Centre", "Packaging", "Paper Mart", "Auto Parts", "Marketing", "Polymers", "Sales Corporation"]
IN_FORM = ["", "", "Pvt. Ltd.", "Private Limited", "LLP", "& Co."]
CITIES = [("Pune", "27", "411001"), ("Nagpur", "27", "440010"), ("Ahmedabad", "24", "380009"),
          ("Surat", "24", "395003"), ("Bengaluru", "29", "560034"), ("Mysuru", "29", "570001"),
          ("Chennai", "33", "600017"), ("Coimbatore", "33", "641012"), ("Hyderabad", "36", "500082"),
          ("Jaipur", "08", "302001"), ("Indore", "23", "452001"), ("Lucknow", "09", "226001"),
          ("Kolkata", "19", "700019"), ("Kochi", "32", "682016"), ("New Delhi", "07", "110015"),
          ("Bhubaneswar", "21", "751001"), ("Chandigarh", "04", "160017")]
STREETS = ["Shop No. 14, Station Road", "Plot 22, MIDC Industrial Area", "1st Floor, Gandhi Chowk",
           "45/2 Nehru Nagar", "Opp. Bus Stand, M.G. Road", "B-7 Sector 18", "12 Anna Salai", "Gala No. 3, Link Road",
           "88 Residency Road", "Near Ram Mandir, Main Bazar", "Survey No. 110, Highway Road", "3rd Cross, Jayanagar"]
PEOPLE = ["Rakesh Kulkarni", "Anita Sharma", "Mohammed Irfan", "Priya Nair", "Sunil Patil", "Kavita Joshi",
          "Harpreet Singh", "Deepak Rao", "Meena Iyer", "Arjun Mehta", "Farida Shaikh", "Vikram Chauhan"]
ITEMS_GOODS = [("MS Angle 40x40x5", "7216", 18), ("PVC Pipe 1 inch 6m", "3917", 18), ("Copper Wire 2.5 sqmm", "8544", 18),
               ("A4 Copier Paper 75gsm", "4802", 12), ("Cotton Shirting Fabric", "5208", 5), ("LED Panel 18W", "9405", 12),
               ("Corrugated Box 5 ply", "4819", 12), ("Hex Bolt M12", "7318", 18), ("Wall Putty 40kg", "3214", 18),
               ("Basmati Rice 25kg", "1006", 5), ("Ceiling Fan 1200mm", "8414", 18), ("Steel Almirah", "9403", 18),
               ("Ball Bearing 6205", "8482", 18), ("Printing Ink Black", "3215", 18), ("Jute Bags", "6305", 5)]
GROCERY = ["Toor Dal 1kg", "Sugar 5kg", "Sunflower Oil 1L", "Atta 10kg", "Tea Powder 500g", "Detergent 1kg",
           "Bath Soap x4", "Biscuits Pack", "Milk 500ml", "Haldi 200g", "Poha 1kg", "Salt 1kg", "Toothpaste 150g",
           "Maggi 12 pack", "Rava 500g", "Ghee 1L", "Jeera 100g", "Agarbatti"]
DISHES = ["Paneer Butter Masala", "Dal Tadka", "Butter Naan", "Veg Biryani", "Chicken Tikka", "Jeera Rice",
          "Masala Dosa", "Fresh Lime Soda", "Gulab Jamun", "Tandoori Roti", "Veg Manchurian", "Mango Lassi",
          "Chicken Biryani", "Filter Coffee", "Hakka Noodles"]
MEDICINES = ["Paracetamol 650 Tab", "Azithromycin 500 Tab", "Pantoprazole 40 Tab", "Cetirizine 10 Tab",
             "Amoxicillin 500 Cap", "ORS Sachet", "Vitamin D3 60K Cap", "Cough Syrup 100ml", "Metformin 500 Tab",
             "Betadine Ointment", "Calcium 500 Tab", "Insulin Pen"]

STATE_OF = {c[1] for c in CITIES}


def gstin(rng, state, kind="C"):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    pan = "".join(rng.choice(letters) for _ in range(3)) + kind + rng.choice(letters) + \
        "".join(rng.choice("0123456789") for _ in range(4)) + rng.choice(letters)
    body = state + pan + rng.choice("123456789") + "Z"
    chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    total = 0
    for i, ch in enumerate(body):
        p = chars.index(ch) * (2 if i % 2 else 1)
        total += p // 36 + p % 36
    return body + chars[(36 - total % 36) % 36]


def indian_seller(rng, form=None):
    name = f"{rng.choice(IN_FIRST)} {rng.choice(IN_TRADE)}"
    form = rng.choice(IN_FORM) if form is None else form
    if form:
        name += " " + form
    city, state, pin = rng.choice(CITIES)
    kind = "C" if "Ltd" in name or "Limited" in name else rng.choice("PF")
    return {"name": name, "street": rng.choice(STREETS), "city": f"{city} - {pin}", "state": state,
            "gstin": gstin(rng, state, kind), "phone": f"+91 {rng.randint(70000, 99999)} {rng.randint(10000, 99999)}"}


def bill_date(rng):
    return date(2024, 4, 1) + timedelta(days=rng.randint(0, 520))


# ---------------------------------------------------------------- drawing

class Doc:
    """Pages of text and rules, drawn top-down in points."""

    def __init__(self, size, margin=36):
        self.size = size
        self.margin = margin
        self.pages = [[]]
        self.y = margin

    @property
    def width(self):
        return self.size[0]

    def new_page(self):
        self.pages.append([])
        self.y = self.margin

    def text(self, x, s, font="sans", size=9, align="left", y=None):
        self.pages[-1].append(("text", x, self.y if y is None else y, s, font, size, align))

    def line(self, s, font="sans", size=9, align="left", x=None, gap=1.35):
        if x is None:
            x = {"left": self.margin, "right": self.width - self.margin, "centre": self.width / 2}[align]
        self.text(x, s, font, size, align)
        self.y += size * gap

    def row(self, cells, font="sans", size=9, gap=1.4):
        """cells: (x, text, align)"""
        for x, s, align in cells:
            self.text(x, s, font, size, align)
        self.y += size * gap

    def rule(self, x0=None, x1=None, dash=False, weight=0.6):
        x0 = self.margin if x0 is None else x0
        x1 = self.width - self.margin if x1 is None else x1
        self.pages[-1].append(("rule", x0, self.y - 3, x1, self.y - 3, dash, weight))
        self.y += 5

    def box(self, x0, y0, x1, y1):
        self.pages[-1].append(("box", x0, y0, x1, y1))

    def gap(self, points):
        self.y += points

    def save(self, path):
        c = canvas.Canvas(path, pagesize=self.size)
        h = self.size[1]
        for page in self.pages:
            for op in page:
                if op[0] == "text":
                    _, x, y, s, font, size, align = op
                    c.setFont(font, size)
                    draw = {"left": c.drawString, "right": c.drawRightString, "centre": c.drawCentredString}[align]
                    draw(x, h - y - size, s)
                elif op[0] == "rule":
                    _, x0, y0, x1, y1, dash, weight = op
                    c.setLineWidth(weight)
                    c.setDash(2, 2) if dash else c.setDash()
                    c.line(x0, h - y0, x1, h - y1)
                elif op[0] == "box":
                    _, x0, y0, x1, y1 = op
                    c.setDash()
                    c.setLineWidth(0.7)
                    c.rect(x0, h - y1, x1 - x0, y1 - y0)
            c.showPage()
        c.save()


def thermal_doc(lines_estimate):
    return Doc((80 * MM, max(90 * MM, lines_estimate * 12.5 + 60)), margin=10)


# ---------------------------------------------------------------- Indian GST arithmetic

def gst_lines(rng, items, count, price_range):
    rows = []
    for _ in range(count):
        name, hsn, rate = rng.choice(items)
        qty = rng.choice([1, 2, 3, 4, 5, 6, 10, 12, 20, 25, 50])
        price = money(Decimal(rng.randint(*price_range)) + Decimal(rng.choice([0, 0, 50, 25, 75])) / 100)
        rows.append({"name": name, "hsn": hsn, "rate": rate, "qty": qty, "price": price, "net": money(qty * price)})
    return rows


def tax_of(rows, split):
    """per-row tax, halves for CGST/SGST, whole for IGST"""
    for r in rows:
        if split:
            half = money(r["net"] * r["rate"] / 200)
            r["cgst"] = r["sgst"] = half
            r["tax"] = half * 2
        else:
            r["tax"] = money(r["net"] * r["rate"] / 100)
    return sum(r["tax"] for r in rows)


def rounded(amount):
    whole = amount.quantize(Decimal("1"), ROUND_HALF_UP)
    return whole, whole - amount


def record(payee, number, day, total, tax, currency, payment, gstin):
    """A truth.jsonl row's fields (amounts written with two decimals when the rows are written)."""
    return {"payee_name": payee, "invoice_number": number, "invoice_date": day, "total_amount": total,
            "tax_amount": tax, "currency": currency, "payment_method": payment, "gstin": gstin}


def rupee(rng):
    return rng.choice(["₹", "₹ ", "Rs.", "Rs. ", "INR ", ""])


# ---------------------------------------------------------------- kinds

def gst_b2b(rng, long=False):
    """A4 tax invoice to a registered buyer: boxed header, HSN table, CGST/SGST or IGST, round off, words."""
    seller = indian_seller(rng)
    buyer = indian_seller(rng)
    inter = buyer["state"] != seller["state"]
    d = bill_date(rng)
    number = rng.choice([f"{rng.choice(['INV', 'TI', 'GST', 'SI'])}/{d.year % 100}-{d.year % 100 + 1}/{rng.randint(1, 999):04d}",
                         f"{rng.randint(100, 9999)}", f"{seller['name'][:2].upper()}-{rng.randint(1000, 99999)}"])
    rows = gst_lines(rng, ITEMS_GOODS, rng.randint(50, 60) if long else rng.randint(2, 6), (80, 4800))
    net = sum(r["net"] for r in rows)
    tax = tax_of(rows, not inter)
    total, roff = rounded(net + tax)
    doc = Doc(A4)
    m = doc.margin
    w = doc.width
    head_font = rng.choice(["sans-b", "serif-b"])
    doc.line("TAX INVOICE", "sans-b", 12, "centre")
    doc.line(rng.choice(["(Original for Recipient)", "ORIGINAL", "Original Copy"]), "sans", 7, "right", gap=1.0)
    top = doc.y
    doc.line(seller["name"], head_font, rng.choice([13, 15, 17]), rng.choice(["left", "centre"]))
    doc.line(seller["street"] + ", " + seller["city"], "sans", 8, "centre" if rng.random() < .5 else "left")
    doc.line(f"GSTIN/UIN: {seller['gstin']}    State Code: {seller['state']}", "sans", 8,
             "centre" if rng.random() < .5 else "left")
    doc.line(f"Ph: {seller['phone']}   Email: accounts@{seller['name'].split()[0].lower()}.in", "sans", 8, "left")
    doc.box(m - 4, top - 4, w - m + 4, doc.y)
    doc.gap(8)
    top = doc.y
    half = w / 2
    due = d + timedelta(days=rng.choice([15, 30, 45]))
    po = d - timedelta(days=rng.randint(3, 40))
    left = ["Buyer (Bill to):" if rng.random() < .5 else "Details of Receiver", buyer["name"], buyer["street"],
            buyer["city"], f"GSTIN: {buyer['gstin']}", f"State Code: {buyer['state']}"]
    dstyle = rng.choice(["dmy/", "d-mon-y", "dmy-", "dmy."])
    right = [f"Invoice No.: {number}", f"Dated: {fmt_date(d, dstyle)}",
             f"Buyer's Order No.: PO-{rng.randint(100, 999)}  dt. {fmt_date(po, dstyle)}",
             f"Due Date: {fmt_date(due, dstyle)}", f"Place of Supply: {buyer['state']}",
             f"Reverse Charge: No"]
    for i in range(max(len(left), len(right))):
        if i < len(left):
            doc.text(m, left[i], "sans-b" if i in (0, 1) else "sans", 8.5)
        if i < len(right):
            doc.text(half + 8, right[i], "sans", 8.5)
        doc.gap(12)
    doc.box(m - 4, top - 4, half, doc.y)
    doc.box(half, top - 4, w - m + 4, doc.y)
    doc.gap(8)
    # left edges of Sl and the description, then right edges of the figures' columns
    cols = [m, m + 18, m + 155, m + 195, m + 245, m + 300] + ([m + 370, m + 420] if not inter else [m + 380])
    head = ["Sl", "Description of Goods", "HSN", "Qty", "Rate", "Taxable"] + \
        (["CGST", "SGST", "Amount"] if not inter else ["IGST", "Amount"])
    amount_x = w - m

    def header():
        doc.rule()
        for x, h in zip(cols + [amount_x], head):
            doc.text(x, h, "sans-b", 8,
                     "left" if h in ("Sl", "Description of Goods") else "right")
        doc.gap(11)
        doc.rule()

    header()
    for i, r in enumerate(rows, 1):
        if doc.y > doc.size[1] - 90:
            doc.line("Continued on next page ...", "sans", 8, "right")
            doc.new_page()
            doc.line(f"{seller['name']} — Invoice {number} — Page 2", "sans", 8, "left")
            header()
        cells = [(cols[0], str(i), "left"), (cols[1], r["name"], "left"), (cols[2], r["hsn"], "right"),
                 (cols[3], f"{r['qty']} Nos", "right"), (cols[4], fmt(r["price"], "intl"), "right"),
                 (cols[5], fmt(r["net"], "intl"), "right")]
        if inter:
            cells += [(cols[6], f"{r['rate']}% {fmt(r['tax'], 'intl')}", "right")]
        else:
            cells += [(cols[6], f"{r['rate'] / 2:g}% {fmt(r['cgst'], 'intl')}", "right"),
                      (cols[7], fmt(r["sgst"], "intl"), "right")]
        cells.append((amount_x, fmt(r["net"] + r["tax"], "intl"), "right"))
        doc.row(cells, "sans", 8)
    doc.rule()
    if doc.y > doc.size[1] - 200:
        doc.new_page()
    label_x = w - m - 200
    sign = rupee(rng)
    summary = [("Taxable Value", net)]
    if inter:
        summary.append(("Add: IGST", tax))
    else:
        summary += [("Add: CGST", tax / 2), ("Add: SGST", tax / 2)]
    summary.append(("Round Off", roff))
    for label, v in summary:
        doc.row([(label_x, label, "left"), (w - m, fmt(v, "intl"), "right")], "sans", 9)
    doc.rule(label_x, w - m)
    doc.row([(label_x, rng.choice(["Grand Total", "Invoice Total", "Total Amount"]), "left"),
             (w - m, f"{sign}{fmt(total, rng.choice(['intl', 'indian']))}", "right")], "sans-b", 10.5)
    doc.gap(6)
    doc.line("Amount Chargeable (in words): " + indian_words(total), "sans", 8)
    doc.line("Tax Amount (in words): " + indian_words(tax), "sans", 8)
    doc.gap(6)
    payment = rng.choice([None, None, "bank_transfer", "cheque"])
    doc.line("Bank: State Bank of India, A/c No. 3" + "".join(str(rng.randint(0, 9)) for _ in range(10)) +
             ", IFSC SBIN000" + str(rng.randint(1000, 9999)), "sans", 8)
    if payment == "bank_transfer":
        doc.line("Payment received by NEFT, UTR " + str(rng.randint(10 ** 11, 10 ** 12)), "sans", 8)
    elif payment == "cheque":
        doc.line(f"Paid by Cheque No. {rng.randint(100000, 999999)} drawn on HDFC Bank", "sans", 8)
    doc.line("Terms: Interest @18% p.a. will be charged on bills unpaid after due date. Subject to local jurisdiction.",
             "sans", 7)
    doc.gap(14)
    doc.line(f"for {seller['name']}", "sans-b", 9, "right")
    doc.gap(16)
    doc.line("Authorised Signatory", "sans", 8, "right")
    truth = record(seller["name"], number, d.isoformat(), str(total), str(tax), "INR", payment, seller["gstin"])
    return doc, truth, "gst_b2b_multipage" if len(doc.pages) > 1 else "gst_b2b"


def counter_bill_b2c(rng):
    """A5 retail cash memo, GST inclusive prices, tax breakup by rate underneath."""
    seller = indian_seller(rng, form="")
    d = bill_date(rng)
    number = f"{rng.choice(['CM', 'B', 'R'])}{rng.randint(1, 9999):05d}"
    doc = Doc(A5, margin=28)
    doc.line(seller["name"].upper(), "serif-b", 14, "centre")
    doc.line(seller["street"], "sans", 8, "centre")
    doc.line(seller["city"] + "  Mob: " + seller["phone"], "sans", 8, "centre")
    doc.line("GSTIN " + seller["gstin"], "sans", 8, "centre")
    doc.line("CASH MEMO / RETAIL INVOICE", "sans-b", 10, "centre")
    doc.rule()
    doc.row([(doc.margin, f"No. {number}", "left"), (doc.width - doc.margin,
             "Date " + fmt_date(d, rng.choice(["dmy/", "dmy-", "dmy2/"])), "right")])
    doc.line("Customer: " + rng.choice(PEOPLE) + "   Mob: 98" + str(rng.randint(10000000, 99999999)), "sans", 8)
    doc.rule()
    rows = gst_lines(rng, ITEMS_GOODS, rng.randint(2, 5), (40, 900))
    w, m = doc.width, doc.margin
    doc.row([(m, "Item", "left"), (w - m - 120, "Qty", "right"), (w - m - 60, "Rate", "right"),
             (w - m, "Amount", "right")], "sans-b", 8)
    gross = Decimal(0)
    for r in rows:
        doc.row([(m, r["name"], "left"), (w - m - 120, str(r["qty"]), "right"),
                 (w - m - 60, fmt(r["price"]), "right"), (w - m, fmt(r["net"]), "right")], "sans", 8)
        gross += r["net"]
    doc.rule()
    # prices include GST: split each rate's gross into taxable + tax
    by_rate = {}
    for r in rows:
        by_rate[r["rate"]] = by_rate.get(r["rate"], Decimal(0)) + r["net"]
    tax = Decimal(0)
    breakup = []
    for rate, g in sorted(by_rate.items()):
        taxable = money(g * 100 / (100 + rate))
        t = g - taxable
        breakup.append((rate, taxable, t))
        tax += t
    total, roff = rounded(gross)
    doc.row([(w - m - 120, "Total", "left"), (w - m, fmt(gross), "right")], "sans", 9)
    if roff:
        doc.row([(w - m - 120, "R/Off", "left"), (w - m, fmt(roff), "right")], "sans", 9)
    doc.row([(w - m - 120, "NET AMOUNT", "left"), (w - m, fmt(total, "indian"), "right")], "sans-b", 11)
    doc.line(indian_words(total), "sans", 7)
    doc.gap(4)
    doc.row([(m, "GST%", "left"), (m + 70, "Taxable", "right"), (m + 130, "CGST", "right"), (m + 190, "SGST", "right")],
            "sans-b", 7)
    for rate, taxable, t in breakup:
        c = money(t / 2)
        doc.row([(m, f"{rate}%", "left"), (m + 70, fmt(taxable), "right"), (m + 130, fmt(c), "right"),
                 (m + 190, fmt(t - c), "right")], "sans", 7)
    payment = rng.choice(["cash", "upi", "card", None])
    word = {"cash": "Cash", "upi": "UPI (PhonePe)", "card": "Card", None: None}[payment]
    if word:
        doc.line(f"Payment Mode: {word}", "sans", 8)
    doc.line("Goods once sold will not be taken back. E.&O.E.", "sans", 7, "centre")
    # tax: the sum of CGST+SGST columns as printed
    printed_tax = sum(money(t / 2) + (t - money(t / 2)) for _, _, t in breakup)
    truth = record(seller["name"], number, d.isoformat(), str(total), str(printed_tax), "INR", payment, seller["gstin"])
    return doc, truth, "gst_b2c_cash_memo"


def thermal(rng):
    """80 mm till receipt in monospace: items, totals, CASH and CHANGE."""
    seller = indian_seller(rng, form="")
    name = rng.choice([f"{rng.choice(IN_FIRST)} Super Market", f"{rng.choice(IN_FIRST)} Kirana Stores",
                       f"{rng.choice(IN_FIRST)} Mart", f"New {rng.choice(IN_FIRST)} General Stores"])
    d = bill_date(rng)
    items = rng.sample(GROCERY, rng.randint(3, 9))
    doc = thermal_doc(len(items) + 26)
    w, m = doc.width, doc.margin
    f, fb = "mono", "mono-b"
    doc.line(name.upper(), fb, 10, "centre")
    doc.line(seller["street"], f, 6.5, "centre")
    doc.line(seller["city"], f, 6.5, "centre")
    has_gst = rng.random() < .6
    if has_gst:
        doc.line("GSTIN:" + seller["gstin"], f, 6.5, "centre")
    doc.line("-" * 42, f, 6.5, "left")
    number = str(rng.randint(1000, 99999))
    hour = rng.randint(8, 21)
    doc.line(f"Bill No:{number:<8} Dt:{fmt_date(d, rng.choice(['dmy/', 'dmy2/', 'dmy-']))} {hour:02d}:{rng.randint(0, 59):02d}",
             f, 6.5, "left")
    doc.line(f"Cashier: {rng.choice(['RAJU', 'ASHA', 'C01', 'POS2'])}   Counter: {rng.randint(1, 4)}", f, 6.5, "left")
    doc.line("-" * 42, f, 6.5, "left")
    doc.line(f"{'Item':<20}{'Qty':>4}{'Rate':>8}{'Amt':>9}", f, 6.5, "left")
    doc.line("-" * 42, f, 6.5, "left")
    gross = Decimal(0)
    qty_total = 0
    for it in items:
        q = rng.choice([1, 1, 1, 2, 3])
        p = money(Decimal(rng.randint(10, 450)) + Decimal(rng.choice([0, 0, 50])) / 100)
        a = q * p
        gross += a
        qty_total += q
        doc.line(f"{it[:19]:<20}{q:>4}{fmt(p):>8}{fmt(a):>9}", f, 6.5, "left")
    doc.line("-" * 42, f, 6.5, "left")
    discount = money(gross * Decimal(rng.choice([0, 0, 0, 2, 5])) / 100)
    total, roff = rounded(gross - discount)
    doc.line(f"{'Items: ' + str(len(items)) + '  Qty: ' + str(qty_total):<30}{fmt(gross):>12}", f, 6.5, "left")
    if discount:
        doc.line(f"{'Less Discount':<30}{fmt(-discount):>12}", f, 6.5, "left")
    if roff:
        doc.line(f"{'Round Off':<30}{fmt(roff):>12}", f, 6.5, "left")
    doc.line(f"{rng.choice(['NET AMT', 'TOTAL', 'NET PAYABLE']):<16}{'Rs ' + fmt(total):>11}", fb, 9, "left")
    doc.line("-" * 42, f, 6.5, "left")
    payment = rng.choice(["cash", "cash", "card", "upi"])
    tax = None
    if payment == "cash":
        tendered = money(next(x for x in (100, 200, 500, 1000, 2000, 5000, 10000) if x >= total))
        doc.line(f"{'CASH':<30}{fmt(tendered):>12}", f, 6.5, "left")
        doc.line(f"{'CHANGE':<30}{fmt(tendered - total):>12}", f, 6.5, "left")
    elif payment == "card":
        doc.line(f"{'CARD (VISA XX' + str(rng.randint(1000, 9999)) + ')':<30}{fmt(total):>12}", f, 6.5, "left")
    else:
        doc.line(f"{'UPI/GPay':<30}{fmt(total):>12}", f, 6.5, "left")
    if has_gst:
        taxable = money(total * 100 / 105)
        tax = total - taxable
        c = money(tax / 2)
        doc.line(f"{'Taxable':<12}{'CGST 2.5%':>12}{'SGST 2.5%':>12}", f, 6.5, "left")
        doc.line(f"{fmt(taxable):<12}{fmt(c):>12}{fmt(tax - c):>12}", f, 6.5, "left")
    doc.line("-" * 42, f, 6.5, "left")
    doc.line("You saved Rs " + fmt(discount + rng.randint(0, 40)) + " today!", f, 6.5, "centre")
    doc.line("THANK YOU  VISIT AGAIN", fb, 7, "centre")
    truth = record(name, number, d.isoformat(), str(total), str(tax) if tax is not None else None, "INR", payment,
                   seller["gstin"] if has_gst else None)
    return doc, truth, "thermal_till"


def restaurant(rng):
    """Restaurant bill: table, KOT, service charge, CGST/SGST 2.5 %, grand total, settled by."""
    name = rng.choice([f"Hotel {rng.choice(IN_FIRST)} Veg", f"{rng.choice(IN_FIRST)} Family Restaurant",
                       f"Cafe {rng.choice(['Mocha', 'Udupi', 'Irani', 'Bombay'])} {rng.choice(['House', 'Corner', 'Point'])}",
                       f"{rng.choice(['Spice', 'Tandoor', 'Curry', 'Biryani'])} {rng.choice(['Junction', 'Darbar', 'Garden'])}"])
    seller = indian_seller(rng, form="")
    d = bill_date(rng)
    dishes = rng.sample(DISHES, rng.randint(3, 7))
    narrow = rng.random() < .5
    doc = thermal_doc(len(dishes) + 26) if narrow else Doc(A5, margin=30)
    w, m = doc.width, doc.margin
    small = 7 if narrow else 8.5
    doc.line(name, "sans-b", 11 if narrow else 14, "centre")
    doc.line(seller["street"] + ", " + seller["city"].split(" -")[0], "sans", small - 1, "centre")
    doc.line(f"GSTIN: {seller['gstin']}", "sans", small - 1, "centre")
    doc.line(f"FSSAI Lic No. 1{rng.randint(10 ** 12, 10 ** 13)}", "sans", small - 1, "centre")
    doc.rule(dash=True)
    number = str(rng.randint(100, 99999))
    doc.row([(m, f"Bill No: {number}", "left"), (w - m, f"Table: {rng.randint(1, 30)}", "right")], "sans", small)
    doc.row([(m, "Date: " + fmt_date(d, rng.choice(["dmy/", "d-mon-y", "dmy-"])), "left"),
             (w - m, f"KOT: {rng.randint(1, 400)}, {rng.randint(401, 800)}", "right")], "sans", small)
    doc.row([(m, f"Steward: {rng.choice(PEOPLE).split()[0]}", "left"), (w - m, f"Pax: {rng.randint(1, 6)}", "right")],
            "sans", small)
    doc.rule(dash=True)
    doc.row([(m, "Item", "left"), (w - m - 75, "Qty", "right"), (w - m - 38, "Rate", "right"), (w - m, "Amt", "right")],
            "sans-b", small)
    food = Decimal(0)
    for dish in dishes:
        q = rng.choice([1, 1, 2, 3])
        p = Decimal(rng.choice([40, 60, 90, 120, 160, 180, 220, 260, 320, 380]))
        food += q * p
        doc.row([(m, dish, "left"), (w - m - 75, str(q), "right"), (w - m - 38, fmt(p), "right"),
                 (w - m, fmt(q * p), "right")], "sans", small)
    doc.rule(dash=True)
    service = money(food * Decimal(rng.choice([0, 5, 10])) / 100)
    base = food + service
    c = money(base * Decimal("0.025"))
    tax = c * 2
    total, roff = rounded(base + tax)
    lines = [("Sub Total", food)]
    if service:
        lines.append(("Service Charge", service))
    lines += [("CGST @ 2.5%", c), ("SGST @ 2.5%", c)]
    if roff:
        lines.append(("Round off", roff))
    for label, v in lines:
        doc.row([(w - m - 150 if not narrow else m, label, "left"), (w - m, fmt(v), "right")], "sans", small)
    doc.rule(dash=True)
    doc.row([(w - m - 150 if not narrow else m, "Grand Total", "left"),
             (w - m, f"{rupee(rng)}{fmt(total, 'intl')}", "right")], "sans-b", small + 2)
    doc.rule(dash=True)
    payment = rng.choice(["card", "upi", "cash", None])
    if payment:
        doc.line("Settled by: " + {"card": "CARD - HDFC POS", "upi": "UPI - Paytm", "cash": "CASH"}[payment],
                 "sans", small)
    doc.line("Thank you! Please visit again.", "sans", small, "centre")
    truth = record(name, number, d.isoformat(), str(total), str(tax), "INR", payment, seller["gstin"])
    return doc, truth, "restaurant"


def pharmacy(rng):
    """Chemist's bill: batch and expiry columns (month/year dates), MRP, discount, GST included."""
    name = rng.choice([f"{rng.choice(IN_FIRST)} Medical Stores", f"{rng.choice(IN_FIRST)} Chemists & Druggists",
                       f"{rng.choice(IN_FIRST)} Pharmacy", f"Apna {rng.choice(IN_FIRST)} Medicos"])
    seller = indian_seller(rng, form="")
    d = bill_date(rng)
    doc = Doc(A5 if rng.random() < .5 else (A5[1], A5[0]), margin=26)
    w, m = doc.width, doc.margin
    doc.line(name, "sans-b", 13, "centre")
    doc.line(seller["street"] + ", " + seller["city"], "sans", 7.5, "centre")
    doc.line(f"D.L. No. 20B/{rng.randint(1000, 9999)}/21B/{rng.randint(1000, 9999)}   GSTIN: {seller['gstin']}",
             "sans", 7.5, "centre")
    doc.rule()
    number = f"{rng.choice(['A', 'CS', 'MB'])}-{rng.randint(100, 99999)}"
    doc.row([(m, f"Patient: {rng.choice(PEOPLE)}", "left"), (w - m, f"Invoice No: {number}", "right")], "sans", 8)
    doc.row([(m, f"Dr. {rng.choice(PEOPLE)}", "left"),
             (w - m, "Bill Date: " + fmt_date(d, rng.choice(["dmy/", "dmy-", "d-mon-y"])), "right")], "sans", 8)
    doc.rule()
    cols = [m, m + 150, m + 200, m + 235, m + 270]
    doc.row([(cols[0], "Product", "left"), (cols[1], "Batch", "left"), (cols[2], "Exp.", "left"),
             (cols[3] + 20, "Qty", "right"), (cols[4] + 40, "MRP", "right"), (w - m, "Amount", "right")], "sans-b", 7.5)
    gross = Decimal(0)
    for med in rng.sample(MEDICINES, rng.randint(2, 6)):
        exp = d + timedelta(days=rng.randint(120, 900))
        q = rng.choice([1, 2, 10, 15, 30])
        mrp = money(Decimal(rng.randint(300, 40000)) / 100)
        unit = money(mrp / 10) if "Tab" in med or "Cap" in med else mrp
        a = money(q * unit)
        gross += a
        exp_text = rng.choice([f"{exp.month:02d}/{exp.year % 100:02d}", f"{exp.month:02d}/{exp.year}",
                               f"{exp.month:02d}-{exp.year % 100:02d}"])
        doc.row([(cols[0], med, "left"), (cols[1], f"{rng.choice('ABKM')}{rng.randint(10000, 99999)}", "left"),
                 (cols[2], exp_text, "left"), (cols[3] + 20, str(q), "right"), (cols[4] + 40, fmt(mrp), "right"),
                 (w - m, fmt(a), "right")], "sans", 7.5)
    doc.rule()
    disc = money(gross * Decimal(rng.choice([0, 10, 12, 15])) / 100)
    net = gross - disc
    total, roff = rounded(net)
    taxable = money(net * 100 / 112)
    tax = net - taxable
    x = w - m - 150
    doc.row([(x, "Gross Amount", "left"), (w - m, fmt(gross), "right")], "sans", 8.5)
    if disc:
        doc.row([(x, "Less Discount", "left"), (w - m, fmt(disc), "right")], "sans", 8.5)
    if roff:
        doc.row([(x, "Rounding", "left"), (w - m, fmt(roff), "right")], "sans", 8.5)
    doc.row([(x, rng.choice(["Net Payable", "Amount Payable", "NET AMOUNT"]), "left"),
             (w - m, f"Rs. {fmt(total)}", "right")], "sans-b", 10)
    doc.row([(m, f"GST included: Taxable {fmt(taxable)}  CGST 6% {fmt(money(tax / 2))}  SGST 6% {fmt(tax - money(tax / 2))}",
              "left")], "sans", 7)
    payment = rng.choice(["cash", "upi", None])
    if payment:
        doc.line("Received with thanks by " + ("Cash" if payment == "cash" else "UPI"), "sans", 7.5)
    doc.line("Medicines once sold will not be taken back without bill. Get well soon.", "sans", 7)
    doc.line("Pharmacist", "sans", 8, "right")
    truth = record(name, number, d.isoformat(), str(total), str(tax), "INR", payment, seller["gstin"])
    return doc, truth, "pharmacy"


def fuel(rng):
    """Petrol pump slip: rate per litre, volume, amount; no GST on fuel."""
    name = rng.choice([f"{rng.choice(IN_FIRST)} Petroleum", f"{rng.choice(IN_FIRST)} Fuel Point",
                       f"{rng.choice(IN_FIRST)} Service Station", f"{rng.choice(IN_FIRST)} Filling Station"])
    seller = indian_seller(rng, form="")
    d = bill_date(rng)
    doc = thermal_doc(30)
    f = "mono"
    doc.line("WELCOME", "mono-b", 9, "centre")
    doc.line(name.upper(), "mono-b", 9, "centre")
    doc.line(seller["street"], f, 6.5, "centre")
    doc.line(seller["city"], f, 6.5, "centre")
    doc.line("-" * 42, f, 6.5)
    number = str(rng.randint(10 ** 5, 10 ** 7))
    rate = Decimal(rng.choice(["94.72", "102.86", "96.41", "89.62", "104.21", "106.31"]))
    amount = Decimal(rng.choice([300, 500, 1000, 1500, 2000, 2500, 3000, 350, 700]))
    vol = money(amount / rate)
    payment = rng.choice(["cash", "card", "upi"])
    for k, v in [("RECEIPT NO", number), ("FIP NO", str(rng.randint(1, 8))), ("NOZZLE NO", str(rng.randint(1, 4))),
                 ("PRODUCT", rng.choice(["PETROL", "DIESEL", "XTRAPREMIUM"])), ("RATE(Rs/L)", fmt(rate)),
                 ("VOLUME(L)", fmt(vol)), ("AMOUNT(Rs)", fmt(amount)), ("VEH NO", f"MH{rng.randint(10, 50)}AB{rng.randint(1000, 9999)}"),
                 ("MODE", {"cash": "CASH", "card": "CARD", "upi": "UPI"}[payment]),
                 ("DATE", fmt_date(d, rng.choice(["dmy/", "dmy-"]))), ("TIME", f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")]:
        doc.line(f"{k:<14}: {v}", f, 7)
    doc.line("-" * 42, f, 6.5)
    doc.line("SAVE FUEL  SAVE MONEY", f, 6.5, "centre")
    truth = record(name, number, d.isoformat(), str(amount), None, "INR", payment, None)
    return doc, truth, "fuel_slip"


def utility(rng):
    """Electricity or phone bill: billing period, bill date, due date, amount before and after the due date."""
    phone = rng.random() < .5
    if phone:
        name = rng.choice(["Airwave Telecom Services Ltd", "Sanchar Netlink Pvt. Ltd.", "Vayu Broadband Limited"])
    else:
        name = rng.choice(["Madhya Kshetra Vidyut Vitaran Co. Ltd.", "Dakshin Power Distribution Ltd",
                           "Uttar Grid Electricity Supply Co. Ltd."])
    city, state, pin = rng.choice(CITIES)
    g = gstin(rng, state, "C")
    d = bill_date(rng)
    start = (d.replace(day=1) - timedelta(days=1)).replace(day=1)
    end = d.replace(day=1) - timedelta(days=1)
    due = d + timedelta(days=rng.choice([10, 14, 15, 21]))
    doc = Doc(A4)
    w, m = doc.width, doc.margin
    doc.line(name, "sans-b", 15, "left")
    doc.line(f"Regd. Office: {rng.choice(STREETS)}, {city} {pin}", "sans", 8)
    doc.line(f"GSTIN: {g}   CIN: U40109{state}2005PLC{rng.randint(100000, 999999)}", "sans", 8)
    doc.gap(6)
    doc.line("MOBILE SERVICES - TAX INVOICE" if phone else "ELECTRICITY BILL", "sans-b", 12, "centre")
    doc.rule()
    cust = rng.choice(PEOPLE)
    number = f"{rng.choice(['BL', 'EB', 'TI'])}{rng.randint(10 ** 8, 10 ** 9)}"
    ds = rng.choice(["dmy-", "d-mon-y", "dmy/"])
    left = [cust, rng.choice(STREETS), f"{city} {pin}",
            ("Mobile No: 9" + str(rng.randint(10 ** 8, 10 ** 9))) if phone else ("Consumer No: " + str(rng.randint(10 ** 10, 10 ** 11))),
            ("Plan: Smart 599") if phone else (f"Tariff: LT-1 Residential  Sanctioned Load: {rng.randint(1, 8)} kW")]
    right = [f"Bill No: {number}", f"Bill Date: {fmt_date(d, ds)}",
             f"Billing Period: {fmt_date(start, ds)} to {fmt_date(end, ds)}", f"Due Date: {fmt_date(due, ds)}",
             f"Account No: {rng.randint(10 ** 9, 10 ** 10)}"]
    for a, b in zip(left, right):
        doc.row([(m, a, "left"), (w / 2 + 20, b, "left")], "sans", 9)
    doc.rule()
    if phone:
        charges = [("Monthly Rental", Decimal(rng.choice([399, 499, 599, 799]))),
                   ("Usage Charges", money(Decimal(rng.randint(0, 30000)) / 100)),
                   ("Value Added Services", money(Decimal(rng.randint(0, 9900)) / 100))]
        previous = money(Decimal(rng.randint(20000, 90000)) / 100)
        net = sum(v for _, v in charges)
        c = money(net * Decimal("0.09"))
        tax = c * 2
        current = net + tax
        for label, v in charges:
            doc.row([(m, label, "left"), (w - m, fmt(v), "right")], "sans", 9)
        doc.row([(m, "CGST @ 9%", "left"), (w - m, fmt(c), "right")], "sans", 9)
        doc.row([(m, "SGST @ 9%", "left"), (w - m, fmt(c), "right")], "sans", 9)
        doc.row([(m, "Total Current Charges", "left"), (w - m, fmt(current), "right")], "sans-b", 9)
        doc.rule()
        doc.row([(m, "Previous Balance", "left"), (w - m, fmt(previous), "right")], "sans", 9)
        doc.row([(m, f"Payment Received ({fmt_date(start + timedelta(days=rng.randint(3, 20)), ds)}) - Thank you", "left"),
                 (w - m, fmt(-previous), "right")], "sans", 9)
        payable = current
        late = money(Decimal(100))
    else:
        units = rng.randint(80, 650)
        energy = money(units * Decimal(rng.choice(["5.35", "6.10", "7.25", "4.80"])))
        fixed = Decimal(rng.choice([90, 120, 150, 220]))
        fac = money(units * Decimal("0.28"))
        duty = money((energy + fixed + fac) * Decimal("0.16"))
        meter = Decimal(rng.choice([0, 0, 25]))
        for label, v in [(f"Previous Reading: {rng.randint(1000, 9000)}   Current Reading: ...   Units Consumed: {units}", None),
                         ("Energy Charges", energy), ("Fixed / Demand Charges", fixed),
                         ("Fuel Adjustment Charges", fac), ("Electricity Duty @ 16%", duty), ("Meter Rent", meter)]:
            doc.row([(m, label, "left")] + ([(w - m, fmt(v), "right")] if v is not None else []), "sans", 9)
        raw = energy + fixed + fac + duty + meter
        payable, roff = rounded(raw)
        if roff:
            doc.row([(m, "Rounding Adjustment", "left"), (w - m, fmt(roff), "right")], "sans", 9)
        tax = None
        late = money(raw * Decimal("0.02"))
    doc.rule()
    before = f"Amount payable on or before {fmt_date(due, ds)}" if rng.random() < .5 else "Amount Payable before Due Date"
    doc.row([(m, before, "left"), (w - m, f"{rupee(rng)}{fmt(payable, 'intl')}", "right")], "sans-b", 11)
    doc.row([(m, "Amount Payable after Due Date", "left"), (w - m, f"{fmt(payable + late, 'intl')}", "right")],
            "sans", 9)
    doc.line("(" + indian_words(payable) + ")", "sans", 8)
    doc.gap(10)
    doc.line("Pay online via UPI / net banking / at any collection centre. Please ignore if already paid.", "sans", 8)
    doc.line(f"Last date for payment without surcharge: {fmt_date(due, ds)}", "sans", 8)
    truth = record(name, number, d.isoformat(), str(payable), str(tax) if tax is not None else None, "INR", None, g)
    return doc, truth, "phone_bill" if phone else "electricity_bill"


def marketplace(rng):
    """Online order invoice: sold by, billing/shipping address, one tax per row, TOTAL row with tax and amount."""
    seller = indian_seller(rng, form=rng.choice(["Pvt. Ltd.", "LLP", "Private Limited"]))
    buyer = rng.choice(PEOPLE)
    d = bill_date(rng)
    order = d - timedelta(days=rng.randint(0, 4))
    doc = Doc(A4, margin=40)
    w, m = doc.width, doc.margin
    doc.line(rng.choice(["ShopKart", "BuyBazaar", "QuickCart"]) + ".in", "sans-b", 16, "left")
    doc.text(w - m, "Tax Invoice/Bill of Supply/Cash Memo", "sans-b", 10, "right", y=doc.y - 22)
    doc.text(w - m, "(Original for Recipient)", "sans", 8, "right", y=doc.y - 8)
    doc.gap(10)
    top = doc.y
    doc.line("Sold By :", "sans-b", 9)
    doc.line(seller["name"], "sans", 9)
    doc.line("* " + seller["street"], "sans", 8)
    doc.line(seller["city"], "sans", 8)
    doc.gap(4)
    doc.line(f"PAN No: {seller['gstin'][2:12]}", "sans-b", 8)
    doc.line(f"GST Registration No: {seller['gstin']}", "sans-b", 8)
    y_after = doc.y
    doc.y = top
    for s, font in [("Billing Address :", "sans-b"), (buyer, "sans"), (rng.choice(STREETS), "sans"),
                    (rng.choice(CITIES)[0], "sans"), ("", "sans"), ("Shipping Address :", "sans-b"), (buyer, "sans"),
                    (rng.choice(STREETS), "sans")]:
        doc.line(s, font, 8.5, "right")
    doc.y = max(doc.y, y_after) + 6
    number = f"{seller['state']}{rng.choice(['BLR', 'PNQ', 'DEL', 'HYD'])}{rng.randint(1, 9)}-{rng.randint(10 ** 6, 10 ** 7)}"
    ds = rng.choice(["dmy.", "dmy/", "d mon y"])
    doc.row([(m, f"Order Number: {rng.randint(100, 999)}-{rng.randint(10 ** 6, 10 ** 7)}-{rng.randint(10 ** 6, 10 ** 7)}", "left"),
             (w - m, f"Invoice Number : {number}", "right")], "sans", 8.5)
    doc.row([(m, f"Order Date: {fmt_date(order, ds)}", "left"), (w - m, f"Invoice Date : {fmt_date(d, ds)}", "right")],
            "sans", 8.5)
    doc.gap(4)
    xs = [m, m + 230, m + 270, m + 325, m + 360, m + 395, m + 450, w - m]
    doc.rule()
    for x, h in zip(xs, ["Description", "Unit Price", "Qty", "Net Amount", "Tax Rate", "Tax Type", "Tax Amount",
                         "Total Amount"]):
        doc.text(x if h == "Description" else x, h, "sans-b", 7, "left" if h == "Description" else "right")
    doc.gap(11)
    doc.rule()
    inter = rng.random() < .6
    tax_total = Decimal(0)
    grand = Decimal(0)
    for _ in range(rng.randint(1, 4)):
        name, hsn, rate = rng.choice(ITEMS_GOODS)
        q = rng.choice([1, 1, 2])
        unit = money(Decimal(rng.randint(9900, 250000)) / 100)
        net = q * unit
        cells = [(xs[0], f"{name} | HSN:{hsn}", "left"), (xs[1], f"₹{fmt(unit, 'intl')}", "right"),
                 (xs[2], str(q), "right"), (xs[3], f"₹{fmt(net, 'intl')}", "right")]
        if inter:
            t = money(net * rate / 100)
            doc.row(cells + [(xs[4], f"{rate}%", "right"), (xs[5], "IGST", "right"), (xs[6], f"₹{fmt(t, 'intl')}", "right"),
                             (xs[7], f"₹{fmt(net + t, 'intl')}", "right")], "sans", 7)
        else:
            h = money(net * rate / 200)
            t = h * 2
            doc.row(cells + [(xs[4], f"{rate / 2:g}%", "right"), (xs[5], "CGST", "right"), (xs[6], f"₹{fmt(h, 'intl')}", "right"),
                             (xs[7], f"₹{fmt(net + t, 'intl')}", "right")], "sans", 7)
            doc.row([(xs[4], f"{rate / 2:g}%", "right"), (xs[5], "SGST", "right"), (xs[6], f"₹{fmt(h, 'intl')}", "right")],
                    "sans", 7)
        tax_total += t
        grand += net + t
    shipping = Decimal(rng.choice([0, 0, 40, 99]))
    if shipping:
        st = money(shipping * Decimal("0.18"))
        doc.row([(xs[0], "Shipping Charges", "left"), (xs[1], f"₹{fmt(shipping - st)}", "right"), (xs[3], f"₹{fmt(shipping - st)}", "right"),
                 (xs[4], "18%", "right"), (xs[5], "IGST", "right"), (xs[6], f"₹{fmt(st)}", "right"),
                 (xs[7], f"₹{fmt(shipping)}", "right")], "sans", 7)
        tax_total += st
        grand += shipping
    doc.rule()
    doc.row([(xs[0], "TOTAL:", "left"), (xs[6], f"₹{fmt(tax_total, 'intl')}", "right"),
             (xs[7], f"₹{fmt(grand, 'intl')}", "right")], "sans-b", 8)
    doc.rule()
    doc.line("Amount in Words:", "sans-b", 8)
    doc.line(indian_words(grand).replace("Rupees ", "").replace(" Only", " only"), "sans", 8)
    doc.gap(6)
    doc.line(f"For {seller['name']}:", "sans-b", 8, "right")
    doc.gap(14)
    doc.line("Authorized Signatory", "sans", 8, "right")
    doc.gap(8)
    payment = rng.choice(["card", "upi", None])
    if payment:
        doc.line(f"Payment Transaction ID: {rng.randint(10 ** 9, 10 ** 10)}   Date & Time: {fmt_date(order, ds)}, "
                 f"{rng.randint(10, 23)}:{rng.randint(10, 59)}   Mode of Payment: {'Credit Card' if payment == 'card' else 'UPI'}",
                 "sans", 7)
    doc.line("Whether tax is payable under reverse charge - No", "sans", 7)
    truth = record(seller["name"], number, d.isoformat(), str(grand), str(tax_total), "INR", payment, seller["gstin"])
    return doc, truth, "marketplace"


def hotel(rng):
    """Hotel folio: guest, arrival/departure, a room charge a night with its GST, settlement."""
    name = rng.choice([f"Hotel {rng.choice(IN_FIRST)} Residency", f"The {rng.choice(IN_FIRST)} Grand",
                       f"{rng.choice(IN_FIRST)} Inn & Suites", f"{rng.choice(IN_FIRST)} Heritage Resort"])
    seller = indian_seller(rng, form="")
    nights = rng.randint(1, 4)
    arrival = bill_date(rng)
    departure = arrival + timedelta(days=nights)
    doc = Doc(A4)
    w, m = doc.width, doc.margin
    doc.line(name, "serif-b", 18, "centre")
    doc.line(seller["street"] + ", " + seller["city"], "serif", 8.5, "centre")
    doc.line(f"GSTIN: {seller['gstin']}  |  reservations@{name.split()[1].lower()}hotels.in", "serif", 8.5, "centre")
    doc.gap(8)
    doc.line("GUEST FOLIO / TAX INVOICE", "sans-b", 11, "centre")
    doc.rule()
    number = f"F{rng.randint(10000, 99999)}"
    ds = rng.choice(["dmy/", "d-mon-y", "d mon y"])
    guest = rng.choice(PEOPLE)
    left = [f"Guest Name: Mr./Ms. {guest}", f"Company: {rng.choice(IN_FIRST)} {rng.choice(IN_TRADE)}",
            f"Room No: {rng.randint(101, 518)}  ({rng.choice(['Deluxe', 'Executive', 'Superior'])})",
            f"Pax: {rng.randint(1, 3)}"]
    right = [f"Folio No: {number}", f"Arrival: {fmt_date(arrival, ds)}  14:00", f"Departure: {fmt_date(departure, ds)}  11:00",
             f"Bill Date: {fmt_date(departure, ds)}"]
    for a, b in zip(left, right):
        doc.row([(m, a, "left"), (w / 2 + 40, b, "left")], "sans", 9)
    doc.rule()
    doc.row([(m, "Date", "left"), (m + 80, "Particulars", "left"), (w - m - 90, "Debit", "right"),
             (w - m, "Credit", "right")], "sans-b", 8.5)
    rate = Decimal(rng.choice([2800, 3500, 4200, 5500, 6800]))
    gst_rate = 12 if rate <= 7500 else 18
    tax = Decimal(0)
    total = Decimal(0)
    for i in range(nights):
        day = arrival + timedelta(days=i)
        c = money(rate * gst_rate / 200)
        for label, v in [("Room Charges", rate), (f"CGST {gst_rate / 2:g}%", c), (f"SGST {gst_rate / 2:g}%", c)]:
            doc.row([(m, fmt_date(day, ds), "left"), (m + 80, label, "left"), (w - m - 90, fmt(v), "right")], "sans", 8.5)
        tax += 2 * c
        total += rate + 2 * c
    extras = rng.sample([("Restaurant", 5), ("Laundry", 18), ("Minibar", 18)], rng.randint(0, 2))
    for label, r in extras:
        v = Decimal(rng.randint(200, 1500))
        t = money(v * r / 200)
        doc.row([(m, fmt_date(departure - timedelta(days=1), ds), "left"), (m + 80, label, "left"),
                 (w - m - 90, fmt(v), "right")], "sans", 8.5)
        doc.row([(m + 80, f"  GST {r}% on {label}", "left"), (w - m - 90, fmt(2 * t), "right")], "sans", 8.5)
        tax += 2 * t
        total += v + 2 * t
    payment = rng.choice(["card", "cash", "upi", "bank_transfer"])
    advance = money(total * Decimal(rng.choice([0, 0, 0.3])))
    paid_word = {"card": "Visa Card", "cash": "Cash", "upi": "UPI", "bank_transfer": "Bank Transfer (NEFT)"}[payment]
    if advance:
        doc.row([(m, fmt_date(arrival, ds), "left"), (m + 80, f"Advance - {paid_word}", "left"),
                 (w - m, fmt(advance), "right")], "sans", 8.5)
    doc.row([(m + 80, f"Settlement - {paid_word}", "left"), (w - m, fmt(total - advance), "right")], "sans", 8.5)
    doc.rule()
    doc.row([(m + 80, "Total", "left"), (w - m - 90, fmt(total, "intl"), "right"), (w - m, fmt(total, "intl"), "right")],
            "sans-b", 9)
    doc.row([(m + 80, "Balance", "left"), (w - m, "0.00", "right")], "sans", 9)
    doc.gap(6)
    doc.line(f"Total Amount (in words): {indian_words(total)}", "sans", 8)
    doc.line(f"Tax summary: Room SAC 996311, GST {gst_rate}%  Total GST {fmt(tax)}", "sans", 8)
    doc.gap(18)
    doc.row([(m, "Guest Signature", "left"), (w - m, "Cashier", "right")], "sans", 8)
    truth = record(name, number, departure.isoformat(), str(total), str(tax), "INR", payment, seller["gstin"])
    return doc, truth, "hotel_folio"


def kirana_hinglish(rng):
    """Handwritten-style estimate of a small shop, Hindi-English labels, no GST."""
    name = f"{rng.choice(IN_FIRST)} {rng.choice(['Kirana Bhandar', 'Anaj Bhandar', 'General Store', 'Dukaan'])}"
    seller = indian_seller(rng, form="")
    d = bill_date(rng)
    doc = Doc(A5, margin=30)
    w, m = doc.width, doc.margin
    doc.line("|| Shri Ganeshay Namah ||", "serif", 8, "centre")
    doc.line(name, "serif-b", 15, "centre")
    doc.line(seller["street"] + ", " + seller["city"].split(" -")[0] + "   Mo. " + seller["phone"], "serif", 8, "centre")
    doc.rule()
    number = str(rng.randint(1, 999))
    doc.row([(m, f"Bill Sankhya: {number}", "left"), (w - m, "Dinank: " + fmt_date(d, rng.choice(["dmy/", "dmy-", "dmy."])),
                                                       "right")], "serif", 9)
    doc.line("Grahak ka naam: " + rng.choice(PEOPLE), "serif", 9)
    doc.rule()
    doc.row([(m, "Kram", "left"), (m + 30, "Saamaan", "left"), (w - m - 100, "Maatra", "right"),
             (w - m - 50, "Dar", "right"), (w - m, "Rakam", "right")], "serif-b", 8.5)
    total = Decimal(0)
    for i, it in enumerate(rng.sample(GROCERY, rng.randint(3, 8)), 1):
        q = rng.choice([1, 2, 5])
        p = Decimal(rng.randint(15, 400))
        total += q * p
        doc.row([(m, str(i), "left"), (m + 30, it, "left"), (w - m - 100, str(q), "right"),
                 (w - m - 50, fmt(p), "right"), (w - m, fmt(q * p), "right")], "serif", 8.5)
    doc.rule()
    prev = Decimal(rng.choice([0, 0, 150, 420]))
    if prev:
        doc.row([(w - m - 160, "Pichhla baaki (purana)", "left"), (w - m, fmt(prev), "right")], "serif", 8.5)
    doc.row([(w - m - 160, "Kul Rakam", "left"), (w - m, "Rs. " + fmt(total), "right")], "serif-b", 11)
    payment = rng.choice(["cash", "upi", None])
    if payment:
        doc.line("Bhugtan: " + ("Nakad (Cash)" if payment == "cash" else "UPI / PhonePe"), "serif", 9)
    doc.line("Shabdon mein: " + indian_words(total), "serif", 8)
    doc.line("Dhanyavaad! Phir padhariye.", "serif", 8, "centre")
    truth = record(name, number, d.isoformat(), str(total), None, "INR", payment, None)
    return doc, truth, "kirana_hinglish"


def cloud(rng):
    """A software/cloud service invoice in USD or INR: billing period, amount due, VAT or IGST line."""
    name = rng.choice(["Nimbus Compute Inc.", "Stratus Data Services LLC", "Cirrus Hosting Pte. Ltd.",
                       "Altocloud Software Ltd"])
    d = bill_date(rng)
    india = rng.random() < .5
    doc = Doc(letter, margin=50)
    w, m = doc.width, doc.margin
    doc.line(name, "sans-b", 16)
    doc.line(rng.choice(["410 Market Street, Suite 900, San Francisco, CA 94105",
                         "1 Raffles Place #20-01, Singapore 048616", "Unit 5, Silicon Quay, Dublin 2, Ireland"]), "sans", 8)
    doc.gap(10)
    doc.line("Invoice", "sans-b", 22)
    number = f"{rng.randint(10 ** 9, 10 ** 10)}" if rng.random() < .5 else f"INV-{d.year}-{rng.randint(10 ** 5, 10 ** 6)}"
    start = d.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    ds = rng.choice(["mon d, y", "d month y", "iso"])
    for a, b in [("Invoice number", number), ("Date of issue", fmt_date(end, ds)),
                 ("Date due", fmt_date(end + timedelta(days=rng.choice([0, 15, 30])), ds)),
                 ("Billing period", f"{fmt_date(start, ds)} - {fmt_date(end, ds)}"),
                 ("Bill to", rng.choice(PEOPLE) + ", " + rng.choice(CITIES)[0])]:
        doc.row([(m, a, "left"), (m + 130, b, "left")], "sans", 9.5)
    doc.gap(8)
    cur = "INR" if india else "USD"
    sym = "₹" if india else "$"
    lines = [(rng.choice(["Compute instances", "Object storage", "Managed database", "Team plan seats",
                          "Data transfer out", "Support - Developer"]), money(Decimal(rng.randint(500, 90000)) / 100 * (80 if india else 1)))
             for _ in range(rng.randint(1, 4))]
    doc.rule()
    doc.row([(m, "Description", "left"), (w - m, "Amount", "right")], "sans-b", 9)
    for desc, v in lines:
        doc.row([(m, desc, "left"), (w - m, f"{sym}{fmt(v, 'intl')}", "right")], "sans", 9)
    doc.rule()
    sub = sum(v for _, v in lines)
    if india:
        tax = money(sub * Decimal("0.18"))
        tax_label = "IGST (18%)"
    else:
        tax = money(sub * Decimal("0.0825"))
        tax_label = "Sales tax (8.25%)"
    total = sub + tax
    x = w - m - 200
    doc.row([(x, "Subtotal", "left"), (w - m, f"{sym}{fmt(sub, 'intl')}", "right")], "sans", 9.5)
    doc.row([(x, tax_label, "left"), (w - m, f"{sym}{fmt(tax, 'intl')}", "right")], "sans", 9.5)
    doc.row([(x, "Total", "left"), (w - m, f"{sym}{fmt(total, 'intl')}", "right")], "sans", 9.5)
    doc.row([(x, "Amount due", "left"), (w - m, f"{sym}{fmt(total, 'intl')} {cur}", "right")], "sans-b", 11)
    doc.gap(10)
    payment = rng.choice(["card", None])
    if payment:
        doc.line(f"Paid with Visa ending in {rng.randint(1000, 9999)} on {fmt_date(end + timedelta(days=1), ds)}. "
                 "No action is needed.", "sans", 8.5)
    else:
        doc.line("Please pay by the due date. Questions? billing@" + name.split()[0].lower() + ".com", "sans", 8.5)
    truth = record(name, number, end.isoformat(), str(total), str(tax), cur, payment, None)
    return doc, truth, "cloud_service"


EU = {
    "nl": {"names": ["Bakkerij van Dijk B.V.", "Installatiebedrijf De Vries", "Drukkerij Jansen & Zn.",
                     "Koffiebranderij Mulder B.V.", "Tuincentrum Bakker V.O.F."],
           "title": "FACTUUR", "number": ["Factuurnummer", "Factuurnr."], "date": ["Factuurdatum", "Datum"],
           "due": "Vervaldatum", "delivery": "Leverdatum", "vat_id": "BTW-nr", "reg": "KvK",
           "head": ["Omschrijving", "Aantal", "Prijs", "Bedrag"], "net": "Subtotaal", "vat": "BTW",
           "total": ["Totaal te betalen", "Te betalen", "Totaal incl. BTW"], "words": "nl",
           "items": ["Onderhoud cv-ketel", "Voorrijkosten", "Arbeidsloon per uur", "Drukwerk flyers A5", "Koffiebonen 1 kg",
                     "Materiaal", "Bezorgkosten"],
           "pay": {"bank_transfer": "Graag binnen 14 dagen overmaken op IBAN NL{iban} o.v.v. het factuurnummer.",
                   "card": "Betaald met pin.", "cash": "Contant betaald."},
           "rates": [21, 9], "country": "NL", "city": ["Utrecht", "Haarlem", "Zwolle", "Groningen"]},
    "fr": {"names": ["Boulangerie Moreau SARL", "Garage Lefèbvre & Fils", "Imprimerie Dubois SAS",
                     "Électricité Girard EURL", "Cave à Vins Rousseau"],
           "title": "FACTURE", "number": ["Facture N°", "N° de facture"], "date": ["Date de facture", "Date"],
           "due": "Date d'échéance", "delivery": "Date de livraison", "vat_id": "N° TVA intracom.", "reg": "SIRET",
           "head": ["Désignation", "Qté", "P.U. HT", "Montant HT"], "net": "Total HT", "vat": "TVA",
           "total": ["Net à payer", "Total TTC", "Montant à régler"], "words": "fr",
           "items": ["Vidange et filtre", "Main d'œuvre", "Pneus 205/55 R16", "Impression cartes de visite",
                     "Plaquettes de frein", "Déplacement", "Baguettes tradition x20"],
           "pay": {"bank_transfer": "Règlement par virement bancaire à 30 jours. IBAN FR76 {iban}",
                   "card": "Réglé par carte bancaire.", "cheque": "Réglé par chèque n° {chq}.", "cash": "Payé en espèces."},
           "rates": [20, 10, 5.5], "country": "FR", "city": ["Lyon", "Nantes", "Lille", "Bordeaux"]},
    "de": {"names": ["Großmann Bürotechnik GmbH", "Bäckerei Weiß", "Schäfer & Söhne KG", "Müller Haustechnik GmbH",
                     "Autohaus Strauß e.K."],
           "title": "RECHNUNG", "number": ["Rechnungsnummer", "Rechnung Nr."], "date": ["Rechnungsdatum", "Datum"],
           "due": "Fällig am", "delivery": "Lieferdatum", "vat_id": "USt-IdNr.", "reg": "HRB",
           "head": ["Bezeichnung", "Menge", "Einzelpreis", "Gesamt"], "net": "Nettobetrag", "vat": "MwSt.",
           "total": ["Rechnungsbetrag", "Gesamtbetrag", "Zu zahlen"], "words": "de",
           "items": ["Wartung Heizungsanlage", "Anfahrtspauschale", "Arbeitszeit (Std.)", "Toner schwarz",
                     "Druckerpapier A4 (5 Pack)", "Inspektion", "Kleinmaterial"],
           "pay": {"bank_transfer": "Bitte überweisen Sie den Betrag innerhalb von 14 Tagen auf IBAN DE{iban}.",
                   "card": "Bezahlt mit EC-Karte.", "cash": "Betrag bar erhalten."},
           "rates": [19, 7], "country": "DE", "city": ["Köln", "Düsseldorf", "Nürnberg", "Münster"]},
}


def european(rng, lang):
    """A Dutch, French or German invoice: comma decimals, VAT per rate, the payable line in the bill's language."""
    L = EU[lang]
    name = rng.choice(L["names"])
    d = bill_date(rng)
    doc = Doc(A4, margin=48)
    w, m = doc.width, doc.margin
    style = rng.choice(["euro", "euro-plain"])
    sym_after = rng.random() < .5

    def eur(v):
        return f"{fmt(v, style)} €" if sym_after else f"€ {fmt(v, style)}"

    city = rng.choice(L["city"])
    street = rng.choice({"nl": ["Lange Nieuwstraat 14", "Kerkplein 3", "Industrieweg 27"],
                         "fr": ["12 rue de la République", "4 avenue Jean Jaurès", "ZA des Prés, 8 allée Verte"],
                         "de": ["Hauptstraße 43", "Gartenweg 7", "Industriestraße 112"]}[lang])
    postcode = {"nl": f"{rng.randint(1000, 9999)} {rng.choice(['AB', 'KL', 'XR'])}", "fr": f"{rng.randint(10, 95)}000",
                "de": f"{rng.randint(10000, 99999)}"}[lang]
    vat_id = {"nl": f"NL{rng.randint(10 ** 8, 10 ** 9)}B01", "fr": f"FR{rng.randint(10, 99)}{rng.randint(10 ** 8, 10 ** 9)}",
              "de": f"DE{rng.randint(10 ** 8, 10 ** 9)}"}[lang]
    right_sender = rng.random() < .5
    align = "right" if right_sender else "left"
    doc.line(name, "sans-b", 15, align)
    doc.line(street, "sans", 9, align)
    doc.line(f"{postcode} {city}", "sans", 9, align)
    doc.line(f"{L['vat_id']}: {vat_id}", "sans", 8, align)
    doc.gap(18)
    customer = rng.choice(["Hendriks Consultancy", "Atelier Martin", "Schneider Logistik GmbH", "Studio Peeters"])
    doc.line(f"{name} · {street} · {postcode} {city}", "sans", 6.5)
    for s in [customer, rng.choice(["Dorpsstraat 5", "8 place du Marché", "Bahnhofstraße 2"]),
              rng.choice(["3512 JE Utrecht", "69002 Lyon", "50667 Köln"])]:
        doc.line(s, "sans", 9.5)
    doc.gap(14)
    doc.line(L["title"], "sans-b", 18)
    number = rng.choice([f"{d.year}-{rng.randint(1, 999):04d}", f"{rng.randint(10000, 99999)}",
                         f"{lang.upper()}{d.year % 100}{rng.randint(100, 999)}"])
    ds = rng.choice(["dmy.", "dmy-", lang]) if lang != "de" else rng.choice(["dmy.", "de"])
    due = d + timedelta(days=rng.choice([14, 30]))
    delivery = d - timedelta(days=rng.randint(1, 10))
    meta = [(rng.choice(L["number"]), number), (rng.choice(L["date"]), fmt_date(d, ds)),
            (L["delivery"], fmt_date(delivery, ds)), (L["due"], fmt_date(due, ds))]
    rng.shuffle(meta[2:])
    for a, b in meta:
        doc.row([(m, a + ":", "left"), (m + 120, b, "left")], "sans", 9.5)
    doc.gap(10)
    doc.rule()
    xs = [m, w - m - 180, w - m - 90, w - m]
    for x, h, al in zip(xs, L["head"], ["left", "right", "right", "right"]):
        doc.text(x, h, "sans-b", 9, al)
    doc.gap(13)
    doc.rule()
    by_rate = {}
    for _ in range(rng.randint(2, 5)):
        item = rng.choice(L["items"])
        q = rng.choice([1, 1, 2, 3, 5, 10])
        p = money(Decimal(rng.randint(250, 60000)) / 100)
        rate = rng.choice(L["rates"][:2] if rng.random() < .3 else L["rates"][:1])
        by_rate[rate] = by_rate.get(rate, Decimal(0)) + q * p
        doc.row([(xs[0], item, "left"), (xs[1], str(q), "right"), (xs[2], fmt(p, style), "right"),
                 (xs[3], fmt(q * p, style), "right")], "sans", 9.5)
    doc.rule()
    net = sum(by_rate.values())
    x = w - m - 230
    doc.row([(x, L["net"], "left"), (w - m, eur(net), "right")], "sans", 10)
    tax = Decimal(0)
    for rate, base in sorted(by_rate.items(), reverse=True):
        t = money(base * Decimal(str(rate)) / 100)
        tax += t
        rate_s = f"{rate:g}".replace(".", ",")
        label = {"de": f"zzgl. {rate_s} % MwSt.", "fr": f"TVA {rate_s} %", "nl": f"BTW {rate_s}%"}[lang]
        doc.row([(x, label, "left"), (w - m, eur(t), "right")], "sans", 10)
    total = net + tax
    doc.rule(x, w - m)
    doc.row([(x, rng.choice(L["total"]), "left"), (w - m, eur(total), "right")], "sans-b", 11.5)
    doc.gap(16)
    payment = rng.choice(list(L["pay"]) + ["bank_transfer"])
    text = L["pay"][payment].format(iban=f"{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}",
                                    chq=rng.randint(1000000, 9999999))
    doc.line(text, "sans", 8.5)
    doc.gap(20)
    footer = {"nl": f"{name} · KvK {rng.randint(10 ** 7, 10 ** 8)} · {L['vat_id']} {vat_id}",
              "fr": f"{name} · SIRET {rng.randint(10 ** 13, 10 ** 14)} · Capital 10 000 €",
              "de": f"{name} · Amtsgericht {city} HRB {rng.randint(1000, 99999)} · Geschäftsführer: {rng.choice(['K. Braun', 'S. Vogel'])}"}[lang]
    doc.line(footer, "sans", 7, "centre")
    truth = record(name, number, d.isoformat(), str(total), str(tax), "EUR", payment, None)
    return doc, truth, f"vat_invoice_{lang}"


KINDS = [
    ("gst_b2b", lambda r: gst_b2b(r)), ("gst_b2b_long", lambda r: gst_b2b(r, long=True)),
    ("counter_bill_b2c", counter_bill_b2c), ("thermal", thermal), ("thermal", thermal), ("restaurant", restaurant),
    ("pharmacy", pharmacy), ("fuel", fuel), ("utility", utility), ("utility", utility), ("marketplace", marketplace),
    ("hotel", hotel), ("kirana_hinglish", kirana_hinglish), ("cloud", cloud),
    ("nl", lambda r: european(r, "nl")), ("fr", lambda r: european(r, "fr")), ("de", lambda r: european(r, "de")),
]


# ---------------------------------------------------------------- pictures

def to_picture(rng, pdf, out_base):
    """First page as a scan or photo: 150-300 dpi, a little turned, maybe blurred, PNG, JPEG or an image-only PDF."""
    dpi = rng.choice([150, 200, 200, 300])
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", pdf, os.path.join(tmp, "p")], check=True)
        page = Image.open(os.path.join(tmp, os.listdir(tmp)[0])).convert("L")
    angle = rng.uniform(-1.8, 1.8) if rng.random() < .6 else 0
    if angle:
        page = page.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if rng.random() < .4:
        page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
    if rng.random() < .3:  # uneven paper: a grey tint
        page = page.point(lambda v: int(v * 0.88 + 18))
    form = rng.choice(["png", "jpg", "jpg", "pdf"])
    path = f"{out_base}.{form}"
    if form == "png":
        page.save(path)
    elif form == "jpg":
        page.convert("RGB").save(path, quality=rng.randint(55, 85))
    else:
        page.convert("RGB").save(path, "PDF", resolution=dpi)
    return path, "photo" if angle or form == "jpg" else "scan"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--count", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--images", type=float, default=0.3, help="share of bills written as pictures")
    args = p.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for i in range(1, args.count + 1):
        kind, make = KINDS[(i - 1) % len(KINDS)] if i <= len(KINDS) else rng.choice(KINDS)
        doc, truth, layout = make(rng)
        base = os.path.join(args.out, f"blind_{i:03d}")
        pdf = base + ".pdf"
        doc.save(pdf)
        difficulty = "clean"
        if len(doc.pages) == 1 and rng.random() < args.images:
            path, difficulty = to_picture(rng, pdf, base + "_img")
            os.remove(pdf)
            final = f"{base}{os.path.splitext(path)[1]}"
            os.replace(path, final)
            pdf = final
        for field in ("total_amount", "tax_amount"):
            if truth[field] is not None:
                truth[field] = f"{money(truth[field]):.2f}"
        rows.append({"file": os.path.basename(pdf), **truth, "layout": layout, "difficulty": difficulty})
    with open(os.path.join(args.out, "truth.jsonl"), "w") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    print(f"{len(rows)} bills in {args.out}")


if __name__ == "__main__":
    main()
