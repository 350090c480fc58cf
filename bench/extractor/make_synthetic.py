#!/usr/bin/env python3
"""Made-up invoices and receipts in varied layouts and languages, with a truth.jsonl, to check that the bill
reader's rules hold beyond the fixtures it was tuned on.

  make_synthetic.py OUT [--count 20] [--seed 7] [--images 0.3] [--kinds invoice|others|all|hotel,slip,...]

Writes OUT/syn_NNN.pdf (a text layer) or OUT/syn_NNN.png (the same page rendered at 150 dpi, read by OCR) and
OUT/truth.jsonl in the fixtures' format; score with `score.py OUT`. Every name, number and layout is drawn at random
from the small word lists below (English, Hindi-English, Dutch, French and German bills): seller block left, right or
centred; a buyer block with its own name, address and registration number; order, delivery and due dates and billing
periods beside the invoice date; VAT or GST summary tables; totals rounded to the rupee. `--kinds` adds other
documents: hotel folios (a guest block, arrival and departure, a night per row, a tourist tax that is no VAT),
marketplace invoices ("Sold by", billing and shipping addresses, order number and date, tax per item row), cloud
services' invoices (a billing period, "Amount due", the card charged) and card slips (masked card number, an
authorisation code); the default, invoice, makes the same bills as before for a seed. Needs reportlab
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
    if bill.get("kind") == "slip":
        bill["payment"] = "card"
    return {
        "file": file, "payee_name": bill["seller"], "invoice_number": bill["number"],
        "invoice_date": bill["issued"].isoformat(), "total_amount": str(bill["total"].quantize(CENT)),
        "tax_amount": str(sum(t for _, t in bill["taxes"]).quantize(CENT)) if bill["taxes"] else None,
        "currency": info["currency"],
        "payment_method": bill["payment"] if bill["payment"] and (bill.get("kind") in ("hotel", "cloud", "slip")
                                                                  or bill["lang"] in PAYMENT_WORDS[bill["payment"]]) else None,
        # A card slip prints no registration number.
        "gstin": bill["seller_reg"] if info["currency"] == "INR" and bill.get("kind") != "slip" else None,
        "layout": f"{bill['lang']}_{bill['kind'] if 'kind' in bill else bill['layout']}", "difficulty": "synthetic",
    }


# Other documents a bookkeeper meets, per language: a hotel folio (guest block, stay dates, nights, a tourist tax
# that is no VAT), a marketplace invoice (the seller named after "Sold by", billing and shipping addresses, an
# order number and date), a cloud service's invoice (a billing period, "Amount due"), a card slip from a shop's
# terminal (masked card number, an authorisation code, no invoice number).
KIND_WORDS = {
    "en_in": dict(folio="GUEST FOLIO", guest="Guest Name", arrival="Arrival", departure="Departure", room="Room",
                  night="Room tariff", food="Restaurant", city_tax="Luxury tax (state)", folio_no="Folio No",
                  bill_date="Bill Date", balance="Balance Due", paid_card="Paid by Visa card", sold_by="Sold By",
                  billing="Billing Address", shipping="Shipping Address", order_no="Order Number",
                  order_date="Order Date", invoice_no="Invoice Number", invoice_date="Invoice Date",
                  net="Net Amount", tax_amount="Tax Amount", total_row="TOTAL", period="Billing period",
                  issued="Date of issue", due="Date due", amount_due="Amount due", usage="Compute usage",
                  storage="Storage (GB-month)", support="Support plan", card="Charged to card", sale="SALE",
                  amount="AMOUNT", approved="APPROVED", auth="Auth code", slip_date="Date", thanks="Thank you"),
    "hi_en": dict(folio="ATITHI BILL / GUEST FOLIO", guest="Atithi / Guest", arrival="Aagman / Arrival",
                  departure="Prasthan / Departure", room="Kamra", night="Kamra kiraya", food="Bhojan",
                  city_tax="Luxury tax (state)", folio_no="Bill No", bill_date="Dinank", balance="Kul Deya",
                  paid_card="Bhugtan: Card", sold_by="Vikreta / Sold By", billing="Grahak / Billing Address",
                  shipping="Ship To", order_no="Order No", order_date="Order Date", invoice_no="Bill No",
                  invoice_date="Dinank", net="Rashi", tax_amount="Kar Rashi", total_row="KUL", period="Avadhi / Period",
                  issued="Dinank", due="Antim tithi / Due", amount_due="Deya Rashi", usage="Cloud server",
                  storage="Storage", support="Support", card="Bhugtan: Card", sale="SALE", amount="RASHI",
                  approved="APPROVED", auth="Auth code", slip_date="Dinank", thanks="Dhanyavaad"),
    "nl": dict(folio="NOTA", guest="Gast", arrival="Aankomst", departure="Vertrek", room="Kamer", night="Logies",
               food="Restaurant", city_tax="Toeristenbelasting", folio_no="Notanummer", bill_date="Datum",
               balance="Te betalen", paid_card="Betaald met creditcard", sold_by="Verkocht door",
               billing="Factuuradres", shipping="Afleveradres", order_no="Bestelnummer", order_date="Besteldatum",
               invoice_no="Factuurnummer", invoice_date="Factuurdatum", net="Bedrag excl. BTW", tax_amount="BTW",
               total_row="TOTAAL", period="Facturatieperiode", issued="Factuurdatum", due="Vervaldatum",
               amount_due="Te betalen", usage="Rekenkracht", storage="Opslag", support="Ondersteuning",
               card="Afgeschreven van creditcard", sale="BETALING", amount="BEDRAG", approved="AKKOORD",
               auth="Autorisatiecode", slip_date="Datum", thanks="Bedankt en tot ziens"),
    "fr": dict(folio="FACTURE", guest="Client", arrival="Arrivée", departure="Départ", room="Chambre",
               night="Hébergement", food="Restaurant", city_tax="Taxe de séjour", folio_no="N° de facture",
               bill_date="Date", balance="Net à payer", paid_card="Réglé par carte bancaire", sold_by="Vendu par",
               billing="Adresse de facturation", shipping="Adresse de livraison", order_no="N° de commande",
               order_date="Date de commande", invoice_no="N° de facture", invoice_date="Date de facture",
               net="Montant HT", tax_amount="TVA", total_row="TOTAL", period="Période de facturation",
               issued="Date d'émission", due="Date d'échéance", amount_due="Montant dû", usage="Calcul",
               storage="Stockage", support="Assistance", card="Prélevé sur la carte", sale="DEBIT",
               amount="MONTANT", approved="ACCEPTÉ", auth="N° autorisation", slip_date="Le", thanks="Merci"),
    "de": dict(folio="RECHNUNG", guest="Gast", arrival="Anreise", departure="Abreise", room="Zimmer",
               night="Übernachtung", food="Restaurant", city_tax="Kurtaxe", folio_no="Rechnungsnummer",
               bill_date="Datum", balance="Zu zahlen", paid_card="Bezahlt mit Kreditkarte", sold_by="Verkauft von",
               billing="Rechnungsadresse", shipping="Lieferadresse", order_no="Bestellnummer",
               order_date="Bestelldatum", invoice_no="Rechnungsnummer", invoice_date="Rechnungsdatum",
               net="Netto", tax_amount="MwSt.", total_row="SUMME", period="Abrechnungszeitraum",
               issued="Rechnungsdatum", due="Fällig am", amount_due="Fälliger Betrag", usage="Rechenleistung",
               storage="Speicher", support="Support", card="Belastet auf Kreditkarte", sale="KARTENZAHLUNG",
               amount="BETRAG", approved="GENEHMIGT", auth="Autorisierungsnr.", slip_date="Datum",
               thanks="Vielen Dank"),
}
HOTEL_RATE = {"en_in": Decimal("0.06"), "hi_en": Decimal("0.06"), "nl": Decimal("0.09"), "fr": Decimal("0.10"),
              "de": Decimal("0.07")}
HOTEL_NAMES = {"en_in": ["Hotel", "Residency", "Inn"], "hi_en": ["Hotel", "Guest House", "Lodge"],
               "nl": ["Hotel", "Herberg"], "fr": ["Hôtel", "Auberge"], "de": ["Hotel", "Gasthof", "Pension"]}


def masked_card(rng):
    return rng.choice(["XXXX XXXX XXXX ", "**** **** **** ", "************"]) + f"{rng.randint(0, 9999):04d}"


def make_other(rng, lang, kind):
    """A hotel folio, marketplace invoice, cloud invoice or card slip: the same fields as make_bill's."""
    bill = make_bill(rng, lang, 0)
    info, words = bill["info"], KIND_WORDS[lang]
    indian = info["currency"] == "INR"
    bill.update(kind=kind, words=words)
    if kind == "hotel":
        hotel = rng.choice(HOTEL_NAMES[lang]) + " " + rng.choice(info["first"])
        bill["seller"] = hotel + " " + rng.choice(info["legal"])
        nights = rng.randint(1, 4)
        arrival = bill["issued"] - timedelta(days=nights)
        tariff = Decimal(rng.randint(4000, 25000)) / 100
        rate = HOTEL_RATE[lang]
        rows = [(f"{words['night']} {day_text(arrival + timedelta(days=n), lang, 'numeric')}", tariff)
                for n in range(nights)]
        if rng.random() < 0.5:
            rows.append((words["food"], Decimal(rng.randint(1500, 9000)) / 100))
        net = sum(a for _, a in rows)
        tax = (net * rate).quantize(CENT, ROUND_HALF_UP)
        city_tax = (Decimal(rng.randint(150, 400)) / 100 * nights).quantize(CENT) if not indian else Decimal(0)
        if indian:
            half = (net * rate).quantize(CENT, ROUND_HALF_UP)
            bill["taxes"] = [(f"CGST {rate * 100:.0f}%", half), (f"SGST {rate * 100:.0f}%", half)]
        else:
            bill["taxes"] = [(f"{info['tax'][0][0].split()[0]} {rate * 100:.0f}%", tax)]
        bill.update(rows=rows, subtotal=net, city_tax=city_tax, arrival=arrival,
                    total=net + sum(t for _, t in bill["taxes"]) + city_tax, payment="card",
                    room=str(rng.randint(101, 512)), number=f"{rng.randint(10000, 99999)}")
    elif kind == "marketplace":
        bill["total"] = bill["subtotal"] + sum(t for _, t in bill["taxes"])
        bill["number"] = rng.choice(["IN-", "FBA-", "MP"]) + f"{rng.randint(100000, 999999)}"
        bill["order_no"] = f"{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}"
        bill["payment"] = rng.choice([None, "upi" if indian else "card"])
    elif kind == "cloud":
        bill["seller"] = rng.choice(info["first"]) + " " + rng.choice(["Cloud", "Hosting", "Data", "Web Services"]) \
            + " " + rng.choice(info["legal"])
        rows = [(words["usage"], Decimal(rng.randint(500, 90000)) / 100),
                (words["storage"], Decimal(rng.randint(100, 9000)) / 100)]
        if rng.random() < 0.5:
            rows.append((words["support"], Decimal(rng.randint(1000, 20000)) / 100))
        net = sum(a for _, a in rows)
        rate = Decimal("0.18") if indian else info["tax"][0][1]
        label = "IGST 18%" if indian else info["tax"][0][0]
        bill["taxes"] = [(label, (net * rate).quantize(CENT, ROUND_HALF_UP))]
        bill.update(rows=rows, subtotal=net, total=net + bill["taxes"][0][1], payment="card", card=masked_card(rng),
                    number=rng.choice(["INV", "CL-", ""]) + f"{rng.randint(1000000, 9999999)}")
    else:
        bill["seller"] = rng.choice(info["first"]) + " " + rng.choice(info["second"]) + " " + rng.choice(info["legal"])
        bill.update(total=Decimal(rng.randint(150, 60000)) / 100, taxes=[], number=None, payment="card",
                    card=masked_card(rng), auth=f"{rng.randint(0, 999999):06d}",
                    time=f"{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}")
    return bill


def draw_other(bill, path):
    info, lang, words, kind = bill["info"], bill["lang"], bill["words"], bill["kind"]
    slip = kind == "slip"
    width, height = (230, 420) if slip else A4
    c = canvas.Canvas(path, pagesize=(width, height))
    left, right = (15, width - 15) if slip else (50, width - 50)

    def text(x, y, s, size=9, bold=False, align="left"):
        c.setFont("Sans-Bold" if bold else "Sans", size)
        {"right": c.drawRightString, "centre": c.drawCentredString}.get(align, c.drawString)(x, y, s)

    def pair(y, label, value, x_label=None, size=9, bold=False):
        text(x_label if x_label is not None else right - 200, y, label, size, bold)
        text(right, y, value, size, bold, "right")

    style = bill["date_style"]
    issued = day_text(bill["issued"], lang, style)
    address = list(bill["seller_address"])
    reg = f"{info['reg']}: {bill['seller_reg']}"
    buyer = [bill["buyer"]] + list(bill["buyer_address"])
    y = height - 40
    if slip:
        for i, (s, size) in enumerate([(bill["seller"], 11)] + [(a, 8) for a in address]):
            text(width / 2, y - 14 * i, s, size, i == 0, "centre")
        y -= 60
        text(left, y, f"{words['slip_date']}: {day_text(bill['issued'], lang, 'numeric')}  {bill['time']}", 8)
        y -= 16
        text(width / 2, y, words["sale"], 10, True, "centre")
        y -= 16
        text(left, y, bill["card"], 8)
        text(right, y, random.Random(bill["auth"]).choice(["VISA", "MASTERCARD", "MAESTRO"]), 8, align="right")
        y -= 20
        pair(y, words["amount"], f"{info['sign']} {money(bill['total'], info)}", left, 11, True)
        y -= 20
        text(width / 2, y, words["approved"], 9, True, "centre")
        text(left, y - 14, f"{words['auth']}: {bill['auth']}", 8)
        text(width / 2, y - 40, words["thanks"], 8, align="centre")
        c.showPage()
        c.save()
        return
    if kind == "hotel":
        # The hotel's block on the right; the guest's block with the stay on the left, under its heading.
        text(right, y, bill["seller"], 15, True, "right")
        for i, s in enumerate(address + [reg]):
            text(right, y - 16 - 11 * i, s, 8, align="right")
        text(left, y, words["folio"], 13, True)
        text(left, y - 30, words["guest"] + ":", 9, True)
        for i, s in enumerate(buyer):
            text(left, y - 42 - 12 * i, s, 9)
        meta = [(words["room"], bill["room"]), (words["arrival"], day_text(bill["arrival"], lang, style)),
                (words["departure"], issued), (words["folio_no"], bill["number"]), (words["bill_date"], issued)]
        y -= 100
    elif kind == "marketplace":
        text(width / 2, y, {"nl": "Factuur", "fr": "Facture", "de": "Rechnung"}.get(
            lang, "Tax Invoice/Bill of Supply/Cash Memo"), 12, True, "centre")
        text(width / 2, y - 13, "(Original for Recipient)", 7, align="centre")
        y -= 40
        text(left, y, words["sold_by"] + ":", 9, True)
        for i, s in enumerate([bill["seller"]] + address + [reg]):
            text(left, y - 12 * (i + 1), s, 9)
        text(right, y, words["billing"] + ":", 9, True, "right")
        for i, s in enumerate(buyer):
            text(right, y - 12 * (i + 1), s, 9, align="right")
        y -= 75
        text(right, y, words["shipping"] + ":", 9, True, "right")
        for i, s in enumerate(buyer):
            text(right, y - 12 * (i + 1), s, 9, align="right")
        meta = [(words["order_no"], bill["order_no"]), (words["order_date"], day_text(bill["ordered"], lang, style)),
                (words["invoice_no"], bill["number"]), (words["invoice_date"], issued)]
        y -= 60
    else:
        text(left, y, bill["seller"], 15, True)
        for i, s in enumerate(address + [reg]):
            text(left, y - 16 - 11 * i, s, 8)
        text(right, y, {"nl": "Factuur", "fr": "Facture", "de": "Rechnung"}.get(lang, "Invoice"), 14, True, "right")
        y -= 70
        text(left, y, info["bill_to"] + ":", 9, True)
        for i, s in enumerate(buyer):
            text(left, y - 12 * (i + 1), s, 9)
        start, end = bill["period"]
        meta = [(words["invoice_no"], bill["number"]), (words["issued"], issued),
                (words["due"], day_text(bill["due"], lang, style)),
                (words["period"], f"{day_text(start, lang, 'words')} – {day_text(end, lang, 'words')}")]
    for i, (label, value) in enumerate(meta):
        pair(y - 12 * i, label + ":", value)
    y -= 12 * len(meta) + 30
    if kind == "marketplace":
        # One row per item with its net amount, tax rate, tax type, tax and total; the tax types of a row under it.
        heads = [(left, "Description", "left"), (left + 230, info["rate"], "right"), (left + 260, info["qty"], "right"),
                 (left + 320, words["net"], "right"), (right - 70, words["tax_amount"], "right"),
                 (right, info["amount"], "right")]
        for x, label, align in heads:
            text(x, y, label, 8, True, align)
        y -= 14
        tax_total = Decimal(0)
        for item, qty, rate, amount in bill["lines"]:
            row_taxes = [(label, (amount * r).quantize(CENT, ROUND_HALF_UP)) for label, r in info["tax"]]
            text(left, y, item, 8)
            text(left + 230, y, money(rate, info), 8, align="right")
            text(left + 260, y, str(qty), 8, align="right")
            text(left + 320, y, money(amount, info), 8, align="right")
            for k, (label, value) in enumerate(row_taxes):
                text(left + 380, y - 11 * k, label, 8, align="right")
                text(right - 70, y - 11 * k, money(value, info), 8, align="right")
                tax_total += value
            text(right, y, money(amount + sum(v for _, v in row_taxes), info), 8, align="right")
            y -= 11 * len(row_taxes) + 6
        bill["taxes"] = [("tax", tax_total)]
        bill["total"] = bill["subtotal"] + tax_total
        c.line(left, y + 4, right, y + 4)
        y -= 8
        text(left, y, words["total_row"] + ":", 9, True)
        text(right - 70, y, f"{info['sign']}{money(tax_total, info)}", 9, True, "right")
        text(right, y, f"{info['sign']}{money(bill['total'], info)}", 9, True, "right")
        y -= 30
    else:
        text(left, y, info["item"], 9, True)
        text(right, y, info["amount"], 9, True, "right")
        y -= 16
        for label, value in bill["rows"]:
            text(left, y, label, 9)
            text(right, y, money(value, info), 9, align="right")
            y -= 13
        y -= 10
        totals = [(info["subtotal"], bill["subtotal"])] + bill["taxes"]
        if bill.get("city_tax"):
            totals.append((words["city_tax"], bill["city_tax"]))
        for label, value in totals:
            pair(y, label, money(value, info))
            y -= 13
        total_label = words["amount_due"] if kind == "cloud" else words["balance"]
        pair(y - 2, total_label, f"{info['sign']} {money(bill['total'], info)}", size=11, bold=True)
        y -= 30
        if kind == "cloud":
            text(left, y, f"{words['card']} {bill['card']}", 9)
            y -= 14
    if kind == "hotel":
        text(left, y, f"{words['paid_card']} {masked_card(random.Random(bill['number']))}", 9)
    elif bill["payment"] and lang in PAYMENT_WORDS[bill["payment"]]:
        text(left, y, PAYMENT_WORDS[bill["payment"]][lang], 9)
    c.showPage()
    c.save()


KINDS = ["invoice", "hotel", "marketplace", "cloud", "slip"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--images", type=float, default=0.3, help="share of bills rendered as images for OCR")
    p.add_argument("--kinds", default="invoice",
                   help="comma-separated among " + ", ".join(KINDS) + "; 'others' for all but invoice, 'all' for every kind")
    args = p.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    langs = list(LANGUAGES)
    records = []
    kinds = KINDS[1:] if args.kinds == "others" else KINDS if args.kinds == "all" else args.kinds.split(",")
    for i in range(args.count):
        # Each bill's kind from a generator of its own, so that "--kinds invoice" makes the bills it always made.
        kind = random.Random(args.seed * 1000 + i).choice(kinds)
        lang = langs[i % len(langs)]
        bill = make_bill(rng, lang, i) if kind == "invoice" else make_other(rng, lang, kind)
        name = f"syn_{i + 1:03d}"
        pdf = os.path.join(args.out, name + ".pdf")
        (draw if kind == "invoice" else draw_other)(bill, pdf)
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
