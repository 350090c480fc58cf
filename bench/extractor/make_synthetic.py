#!/usr/bin/env python3
"""Made-up invoices and receipts in varied layouts and languages, with a truth.jsonl, to check that the bill
reader's rules hold beyond the fixtures it was tuned on.

  make_synthetic.py OUT [--count 20] [--seed 7] [--images 0.3]

Writes OUT/syn_NNN.pdf (a text layer) or OUT/syn_NNN.png (the same page rendered at 150 dpi, read by OCR) and
OUT/truth.jsonl in the fixtures' format; score with `score.py OUT`. Every name, number and layout is drawn at random
from the small word lists below (English, Hindi-English, Dutch, French and German bills): seller block left, right or
centred; a buyer block with its own name, address and registration number; order, delivery and due dates and billing
periods beside the invoice date; VAT or GST summary tables; totals rounded to the rupee. Needs reportlab
(`pip install reportlab`) and poppler's pdftoppm for the images.
"""
import argparse
import json
import os
import random
import subprocess
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("Sans", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("Sans-Bold", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))

CENT = Decimal("0.01")

# Per language: labels, legal forms, name parts, streets and cities, money format.
LANGUAGES = {
    "en_in": dict(
        title=["TAX INVOICE", "INVOICE", "BILL OF SUPPLY"], number="Invoice No", date="Invoice Date",
        due="Due Date", order="Order Date", period="Billing Period", bill_to="Bill To", ship_to="Ship To",
        item="Description", qty="Qty", rate="Rate", amount="Amount", subtotal="Taxable Value",
        tax=[("CGST", Decimal("0.09")), ("SGST", Decimal("0.09"))], total="Grand Total", round="Round Off",
        words="Amount in words", reg="GSTIN", currency="INR", sign="₹", comma=False,
        legal=["Pvt Ltd", "Private Limited", "LLP", "Traders", "Enterprises", "Stores"],
        first=["Shree", "Navkar", "Sagar", "Vimal", "Ganga", "Kaveri", "Om Sai", "Neelkanth", "Aravali", "Konark"],
        second=["Agro", "Textiles", "Hardware", "Polymers", "Foods", "Electricals", "Logistics", "Paper Mart"],
        streets=["MG Road", "Station Road", "Ring Road", "Link Road"],
        cities=["Pune 411001", "Indore 452001", "Surat 395003", "Nagpur 440010"],
    ),
    "hi_en": dict(
        title=["BILL", "KAR BIJAK / TAX INVOICE"], number="Bill No", date="Dinank",
        due="Bhugtan ki antim tithi / Due", order="Order Date", period="Avadhi / Period", bill_to="Grahak / Bill To",
        ship_to="Ship To", item="Vivaran", qty="Matra", rate="Dar", amount="Rashi", subtotal="Taxable Value",
        tax=[("CGST", Decimal("0.025")), ("SGST", Decimal("0.025"))], total="Kul Rashi", round="Round Off",
        words="Shabdon mein", reg="GSTIN", currency="INR", sign="₹", comma=False,
        legal=["Kirana Stores", "Traders", "Bhandar", "Sweets", "Medical Stores"],
        first=["Gupta", "Sharma", "Agarwal", "Jain", "Yadav", "Mishra", "Bansal", "Saxena"],
        second=["Bandhu", "Brothers", "and Sons", "General"],
        streets=["Sadar Bazar", "Chandni Chowk", "Hazratganj", "Lalbagh"],
        cities=["Lucknow 226001", "Kanpur 208001", "Jaipur 302001", "Patna 800001"],
    ),
    "nl": dict(
        title=["FACTUUR"], number="Factuurnummer", date="Factuurdatum", due="Vervaldatum", order="Orderdatum",
        period="Periode", bill_to="Factuuradres", ship_to="Afleveradres", item="Omschrijving", qty="Aantal",
        rate="Prijs", amount="Bedrag", subtotal="Subtotaal", tax=[("BTW 21%", Decimal("0.21"))],
        total="Totaal te betalen", round=None, words=None, reg="BTW-nr", currency="EUR", sign="€", comma=True,
        legal=["B.V.", "V.O.F.", "N.V."],
        first=["Van Dijk", "De Boer", "Vermeulen", "Bakker", "Jansen", "Visser", "Smit"],
        second=["Techniek", "Installatie", "Drukwerk", "Advies", "Handel", "Bouw"],
        streets=["Kerkstraat 12", "Dorpsweg 4", "Stationsplein 8", "Havenkade 21"],
        cities=["3511 AB Utrecht", "1012 JS Amsterdam", "9711 LM Groningen", "5611 EM Eindhoven"],
    ),
    "fr": dict(
        title=["FACTURE"], number="N° de facture", date="Date de facture", due="Date d'échéance",
        order="Date de commande", period="Période", bill_to="Facturé à", ship_to="Livré à", item="Désignation",
        qty="Qté", rate="Prix unitaire", amount="Montant", subtotal="Total HT", tax=[("TVA 20 %", Decimal("0.20"))],
        total="Total TTC", round=None, words=None, reg="N° TVA", currency="EUR", sign="€", comma=True,
        legal=["SARL", "SAS", "EURL"],
        first=["Dubois", "Moreau", "Lefèbvre", "Girard", "Fontaine", "Chevalier", "Rousseau"],
        second=["Menuiserie", "Imprimerie", "Conseil", "Électricité", "Transports", "Boulangerie"],
        streets=["12 rue des Tilleuls", "4 avenue Jean Jaurès", "8 place du Marché", "21 boulevard Voltaire"],
        cities=["69002 Lyon", "31000 Toulouse", "44000 Nantes", "67000 Strasbourg"],
    ),
    "de": dict(
        title=["RECHNUNG"], number="Rechnungsnummer", date="Rechnungsdatum", due="Fällig am", order="Bestelldatum",
        period="Leistungszeitraum", bill_to="Rechnungsempfänger", ship_to="Lieferadresse", item="Bezeichnung",
        qty="Menge", rate="Einzelpreis", amount="Betrag", subtotal="Nettobetrag", tax=[("MwSt. 19 %", Decimal("0.19"))],
        total="Gesamtbetrag", round=None, words=None, reg="USt-IdNr.", currency="EUR", sign="€", comma=True,
        legal=["GmbH", "KG", "GmbH & Co. KG", "AG"],
        first=["Becker", "Hoffmann", "Schäfer", "Krüger", "Wagner", "Neumann", "Schulz"],
        second=["Metallbau", "Elektrotechnik", "Druckerei", "Logistik", "Softwarehaus", "Gartenbau"],
        streets=["Lindenstraße 5", "Hauptstraße 17", "Am Markt 3", "Bahnhofstraße 28"],
        cities=["10115 Berlin", "80331 München", "50667 Köln", "20095 Hamburg"],
    ),
}

ITEMS = ["Consulting hours", "Steel brackets", "Printer paper A4", "Cable 2.5 mm", "Maintenance visit", "LED panel",
         "Packaging boxes", "Cleaning service", "Software licence", "Transport charges", "Office chairs", "Paint 20 L"]

GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin(rng):
    """A GSTIN with a valid check character."""
    body = (f"{rng.randint(1, 37):02d}" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(5))
            + f"{rng.randint(0, 9999):04d}" + rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + rng.choice("123456789") + "Z")
    total = 0
    for i, c in enumerate(body):
        product = GSTIN_CHARS.index(c) * (1 if i % 2 == 0 else 2)
        total += product // 36 + product % 36
    return body + GSTIN_CHARS[(36 - total % 36) % 36]


def vat_number(rng, lang):
    prefix = {"nl": "NL", "fr": "FR", "de": "DE"}[lang]
    digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
    return prefix + digits + ("B01" if lang == "nl" else "")


def money(value, lang_info):
    q = value.quantize(CENT)
    whole, cents = f"{q:,.2f}".split(".")
    if lang_info["comma"]:
        return whole.replace(",", ".") + "," + cents
    return whole + "." + cents


def day_text(d, lang, style):
    if style == "numeric":
        return d.strftime("%d/%m/%Y") if lang != "de" else d.strftime("%d.%m.%Y")
    if style == "dash":
        return d.strftime("%d-%m-%Y")
    months = {
        "en_in": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        "hi_en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
               "november", "december"],
        "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre"],
        "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember"],
    }[lang]
    sep = ". " if lang == "de" else " "
    return f"{d.day}{sep}{months[d.month - 1]} {d.year}"


def company(rng, info):
    legal = rng.choice(info["legal"])
    return f"{rng.choice(info['first'])} {rng.choice(info['second'])} {legal}"


def make_bill(rng, lang, index):
    info = LANGUAGES[lang]
    seller = company(rng, info)
    buyer = company(rng, info)
    while buyer.split()[0] == seller.split()[0]:
        buyer = company(rng, info)
    indian = info["currency"] == "INR"
    seller_reg = gstin(rng) if indian else vat_number(rng, lang)
    buyer_reg = gstin(rng) if indian else vat_number(rng, lang)
    issued = date(2025, 1, 1) + timedelta(days=rng.randint(0, 420))
    due = issued + timedelta(days=rng.choice([7, 14, 30]))
    ordered = issued - timedelta(days=rng.randint(2, 20))
    period_start = (issued.replace(day=1) - timedelta(days=1)).replace(day=1)
    period_end = issued.replace(day=1) - timedelta(days=1)
    lines = []
    for _ in range(rng.randint(2, 5)):
        qty = rng.randint(1, 12)
        rate = Decimal(rng.randint(150, 90000)) / 100
        lines.append((rng.choice(ITEMS), qty, rate, (qty * rate).quantize(CENT)))
    subtotal = sum(a for *_, a in lines)
    taxes = [(label, (subtotal * rate).quantize(CENT, ROUND_HALF_UP)) for label, rate in info["tax"]]
    gross = subtotal + sum(t for _, t in taxes)
    rounding = Decimal(0)
    if info["round"] and rng.random() < 0.7:
        rounding = gross.quantize(Decimal(1), ROUND_HALF_UP) - gross
    total = gross + rounding
    number = rng.choice(["INV-", "RE-", "F-", "GST/", ""]) + f"{issued.year}-{rng.randint(100, 9999)}"
    payment = rng.choice([None, "bank_transfer", "upi" if indian else "card", "cash" if indian else None])
    return dict(
        lang=lang, info=info, seller=seller, buyer=buyer, seller_reg=seller_reg, buyer_reg=buyer_reg,
        issued=issued, due=due, ordered=ordered, period=(period_start, period_end), lines=lines, subtotal=subtotal,
        taxes=taxes, rounding=rounding, total=total, number=number, payment=payment,
        seller_address=(rng.choice(info["streets"]), rng.choice(info["cities"])),
        buyer_address=(rng.choice(info["streets"]), rng.choice(info["cities"])),
        layout=rng.choice(["seller_left", "seller_right", "seller_centre", "buyer_first", "window"]),
        trading_name=rng.choice(["Café", "Corner", "Point", "Express", "Depot", "Studio"]),
        date_style=rng.choice(["numeric", "dash", "words"]),
        extras=rng.sample(["due", "order", "period"], k=rng.randint(1, 3)),
        summary=rng.random() < 0.5,
    )


PAYMENT_WORDS = {
    "bank_transfer": {"en_in": "Payment: NEFT / Bank transfer", "hi_en": "Bhugtan: Bank transfer (NEFT)",
                      "nl": "Betaling: bankoverschrijving", "fr": "Paiement : virement bancaire",
                      "de": "Zahlung: Überweisung"},
    "upi": {"en_in": "Payment mode: UPI", "hi_en": "Bhugtan: UPI"},
    "cash": {"en_in": "Payment mode: Cash", "hi_en": "Bhugtan: Nakad / Cash"},
    "card": {"nl": "Betaald met pinpas (card)", "fr": "Payé par carte bancaire", "de": "Bezahlt mit Karte"},
}


def draw(bill, path):
    info, lang = bill["info"], bill["lang"]
    c = canvas.Canvas(path, pagesize=A4)
    width, height = A4
    left, right = 50, width - 50

    def text(x, y, s, size=9, bold=False, align="left"):
        c.setFont("Sans-Bold" if bold else "Sans", size)
        if align == "right":
            c.drawRightString(x, y, s)
        elif align == "centre":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)

    seller_lines = [bill["seller_address"][0], bill["seller_address"][1], f"{info['reg']}: {bill['seller_reg']}"]
    buyer_lines = [bill["buyer"], bill["buyer_address"][0], bill["buyer_address"][1],
                   f"{info['reg']}: {bill['buyer_reg']}"]
    layout = bill["layout"]
    y = height - 60
    title = random.Random(bill["number"]).choice(info["title"])
    if layout == "seller_centre":
        text(width / 2, y, bill["seller"], 16, True, "centre")
        for i, s in enumerate(seller_lines):
            text(width / 2, y - 16 - 12 * i, s, 9, align="centre")
        text(width / 2, y - 70, title, 12, True, "centre")
        buyer_x, buyer_y, meta_x, meta_y = left, y - 100, right, y - 100
    elif layout == "seller_right":
        text(right, y, bill["seller"], 15, True, "right")
        for i, s in enumerate(seller_lines):
            text(right, y - 16 - 12 * i, s, 9, align="right")
        text(left, y, title, 14, True)
        buyer_x, buyer_y, meta_x, meta_y = left, y - 90, right, y - 90
    elif layout == "buyer_first":
        # The buyer's address window on the left, the seller's block top right (a Western envelope layout).
        text(right, y, bill["seller"], 13, True, "right")
        for i, s in enumerate(seller_lines):
            text(right, y - 15 - 11 * i, s, 8, align="right")
        buyer_x, buyer_y = left, y - 10
        meta_x, meta_y = right, y - 110
        text(left, y - 110, title, 14, True)
    elif layout == "window":
        # A letter: the sender's line in small print over the buyer's address window, with no heading; the seller's
        # block on the right under a trading name.
        text(right, y + 14, bill["seller"].split()[0] + " " + bill["trading_name"], 18, True, "right")
        text(right, y - 6, bill["seller"], 10, True, "right")
        for i, s in enumerate(seller_lines):
            text(right, y - 20 - 11 * i, s, 8, align="right")
        text(left, y - 40, " · ".join([bill["seller"]] + list(bill["seller_address"])), 6)
        for i, s in enumerate(buyer_lines):
            text(left, y - 55 - 12 * i, s, 10)
        text(left, y - 130, title, 14, True)
        buyer_x, buyer_y, meta_x, meta_y = None, y - 55, right, y - 130
    else:
        text(left, y, bill["seller"], 15, True)
        for i, s in enumerate(seller_lines):
            text(left, y - 16 - 12 * i, s, 9)
        text(right, y, title, 14, True, "right")
        buyer_x, buyer_y, meta_x, meta_y = left, y - 90, right, y - 90

    if buyer_x is not None:
        text(buyer_x, buyer_y, info["bill_to"] + ":", 9, True)
        for i, s in enumerate(buyer_lines):
            text(buyer_x, buyer_y - 12 * (i + 1), s, 9)

    style = bill["date_style"]
    meta = [(info["number"], bill["number"]), (info["date"], day_text(bill["issued"], lang, style))]
    for extra in bill["extras"]:
        if extra == "due":
            meta.append((info["due"], day_text(bill["due"], lang, style)))
        elif extra == "order":
            meta.append((info["order"], day_text(bill["ordered"], lang, style)))
        else:
            start, end = bill["period"]
            meta.append((info["period"], f"{day_text(start, lang, 'numeric')} - {day_text(end, lang, 'numeric')}"))
    # The invoice date is not always first among the dates.
    dates = meta[1:]
    random.Random(bill["number"]).shuffle(dates)
    meta = meta[:1] + dates
    for i, (label, value) in enumerate(meta):
        text(meta_x - 190, meta_y - 12 * i, label + ":", 9)
        text(meta_x, meta_y - 12 * i, value, 9, align="right")

    y = min(buyer_y - 12 * (len(buyer_lines) + 2), meta_y - 12 * (len(meta) + 1))
    columns = [left, left + 250, left + 310, right]
    for x, label, align in zip(columns, [info["item"], info["qty"], info["rate"], info["amount"]],
                               ["left", "right", "right", "right"]):
        text(x + (80 if x == columns[2] else 0), y, label, 9, True, align)
    c.line(left, y - 4, right, y - 4)
    y -= 18
    for item, qty, rate, amount in bill["lines"]:
        text(columns[0], y, item, 9)
        text(columns[1], y, str(qty), 9, align="right")
        text(columns[2] + 80, y, money(rate, info), 9, align="right")
        text(columns[3], y, money(amount, info), 9, align="right")
        y -= 14
    c.line(left + 250, y + 6, right, y + 6)
    y -= 8
    rows = [(info["subtotal"], bill["subtotal"])] + bill["taxes"]
    if bill["rounding"]:
        rows.append((info["round"], bill["rounding"]))
    for label, value in rows:
        text(right - 200, y, label, 9)
        text(right, y, money(value, info), 9, align="right")
        y -= 13
    text(right - 200, y - 2, info["total"], 11, True)
    text(right, y - 2, f"{info['sign']} {money(bill['total'], info)}", 11, True, "right")
    y -= 30
    if bill["summary"]:
        # A tax summary table: rate, taxable value, tax, and the row total, which is not the bill's total.
        text(left, y, {"nl": "BTW-overzicht", "fr": "Récapitulatif TVA", "de": "MwSt.-Übersicht"}.get(
            lang, "Tax summary"), 9, True)
        y -= 13
        for label, value in bill["taxes"]:
            text(left, y, label, 8)
            text(left + 150, y, money(bill["subtotal"], info), 8, align="right")
            text(left + 230, y, money(value, info), 8, align="right")
            text(left + 320, y, money(bill["subtotal"] + value, info), 8, align="right")
            y -= 12
        y -= 8
    if bill["payment"] and lang in PAYMENT_WORDS[bill["payment"]]:
        text(left, y, PAYMENT_WORDS[bill["payment"]][lang], 9)
        y -= 14
    footer = {"nl": f"Gelieve te betalen vóór {day_text(bill['due'], lang, 'numeric')}.",
              "fr": f"À régler avant le {day_text(bill['due'], lang, 'numeric')}.",
              "de": f"Zahlbar bis {day_text(bill['due'], lang, 'numeric')} ohne Abzug."}.get(
        lang, f"For {bill['seller']} - Authorised Signatory")
    text(left, 60, footer, 8)
    c.showPage()
    c.save()


def truth(bill, file):
    info = bill["info"]
    return {
        "file": file, "payee_name": bill["seller"], "invoice_number": bill["number"],
        "invoice_date": bill["issued"].isoformat(), "total_amount": str(bill["total"].quantize(CENT)),
        "tax_amount": str(sum(t for _, t in bill["taxes"]).quantize(CENT)), "currency": info["currency"],
        "payment_method": bill["payment"] if bill["payment"] and bill["lang"] in PAYMENT_WORDS[bill["payment"]] else None,
        "gstin": bill["seller_reg"] if info["currency"] == "INR" else None,
        "layout": f"{bill['lang']}_{bill['layout']}", "difficulty": "synthetic",
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--images", type=float, default=0.3, help="share of bills rendered as images for OCR")
    args = p.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    langs = list(LANGUAGES)
    records = []
    for i in range(args.count):
        bill = make_bill(rng, langs[i % len(langs)], i)
        name = f"syn_{i + 1:03d}"
        pdf = os.path.join(args.out, name + ".pdf")
        draw(bill, pdf)
        file = name + ".pdf"
        if rng.random() < args.images:
            subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", pdf, os.path.join(args.out, name)],
                           check=True)
            os.remove(pdf)
            file = name + ".png"
        records.append(truth(bill, file))
    with open(os.path.join(args.out, "truth.jsonl"), "w") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(records)} bills in {args.out}")


if __name__ == "__main__":
    main()
