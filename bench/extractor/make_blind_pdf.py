#!/usr/bin/env python3
"""Made-up PDF invoices as firms send them by e-mail, for a blind measure of the bill reader.

  make_blind_pdf.py OUT [--count 30] [--seed 1] [--images 0.2]

Written from what real PDF invoices look like, without reading the reader's rules or the other generators:
B2B invoices of software/SaaS firms, wholesalers, freelancers, hotels, telecoms, utilities, marketplaces and web
shops, and credit notes, in English, Hindi-English (GST, Devanagari labels), Dutch, French and German. The seller is
often only a big brand word at the top with the legal name, registration and VAT numbers and bank details in the
footer; buyer blocks under their own heading; several dates (invoice, due, order, delivery, service period); item
tables with HSN/SAC, discount, taxable value and tax columns; VAT at two rates, reverse charge, amounts already paid,
long bills over two pages with carried totals. About --images of them are rendered to an image-only PDF (no text
layer), as a scanner or "print to PDF" of a picture makes them.

truth.jsonl follows /work/shared/fixtures/README.md: payee is the seller who issued the bill (the legal name; the
brand is one of its words), invoice_date the issue date, total_amount the bill's grand total (an amount already
paid by card or a prepayment does not lower it; for utility and phone bills the amount payable by the due date,
arrears included), tax_amount the VAT/GST printed (0.00 when a 0 % reverse-charge line is printed, null when the
bill says no VAT is charged), payment_method only when the bill says how it was or will be paid (card, UPI,
NEFT, SEPA direct debit, and a request to pay by bank transfer -> bank_transfer, as the fixtures' own truth reads
"Please pay by bank transfer"; terms or bank details alone -> null). A credit note's total
and tax are negative (money coming back); each line also has `layout` and `language`.
Needs reportlab, Pillow and poppler's pdftoppm; Devanagari labels use Lohit Devanagari when installed.
"""
import argparse
import datetime
import io
import json
import os
import random
import subprocess
import tempfile
import time
from decimal import Decimal, ROUND_HALF_UP

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("Sans", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("Sans-Bold", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Bold", os.path.join(FONT_DIR, "DejaVuSerif-Bold.ttf")))
DEVANAGARI_FONT = "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"
HAS_DEVANAGARI = os.path.exists(DEVANAGARI_FONT)
if HAS_DEVANAGARI:
    pdfmetrics.registerFont(TTFont("Deva", DEVANAGARI_FONT))

CENT = Decimal("0.01")
W, H = A4


def money(x):
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


# ---------------------------------------------------------------- formatting

def group(units, sep, indian=False):
    s = str(units)
    if indian and len(s) > 3:
        head, tail = s[:-3], s[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        if head:
            parts.insert(0, head)
        return sep.join(parts + [tail])
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:])
        s = s[:-3]
    out.insert(0, s)
    return sep.join(out)


def number(amount, style):
    """1234.5 in a locale's way: en 1,234.50; in 1,23,456.00; nl/de 1.234,50; fr 1 234,50 (with a narrow space)."""
    amount = money(amount)
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    if style == "en":
        return f"{sign}{group(int(units), ',')}.{cents}"
    if style == "in":
        return f"{sign}{group(int(units), ',', indian=True)}.{cents}"
    if style in ("nl", "de"):
        return f"{sign}{group(int(units), '.')},{cents}"
    if style == "fr":
        return f"{sign}{group(int(units), chr(0x202F))},{cents}"
    if style == "fr-space":
        return f"{sign}{group(int(units), ' ')},{cents}"
    raise ValueError(style)


SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$", "INR": "₹"}


class Money:
    """How one bill writes its amounts: the number style, and where the currency goes in the totals."""

    def __init__(self, rng, lang, currency):
        self.currency = currency
        self.style = {"en": "en", "hi": "in", "nl": "nl", "de": "de", "fr": rng.choice(["fr", "fr-space"])}[lang]
        if lang == "en" and currency == "INR":
            self.style = "in"
        sym = SYMBOL[currency]
        options = {
            "en": [f"{sym}{{}}", f"{{}} {currency}", f"{currency} {{}}"],
            "in": ["₹{}", "₹ {}", "Rs. {}", "INR {}"],
            "nl": ["€ {}", "{}", "EUR {}", "€{}"],
            "de": ["{} €", "{} EUR", "EUR {}"],
            "fr": ["{} €", "{} EUR", "{}\u00a0€"],
            "fr-space": ["{} €", "{} EUR"],
        }[self.style]
        self.total_form = rng.choice(options)
        self.cell_form = rng.choice(["{}", self.total_form])

    def total(self, x):
        return self.total_form.format(number(x, self.style))

    def cell(self, x):
        return self.cell_form.format(number(x, self.style))

    def plain(self, x):
        return number(x, self.style)

    def rate(self, r):
        s = f"{r:g}"
        return (s.replace(".", ",") if self.style != "en" and self.style != "in" else s)


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
}


class Dates:
    def __init__(self, rng, lang):
        forms = {
            "en": ["d Month yyyy", "Month d, yyyy", "dd/mm/yyyy", "yyyy-mm-dd", "dd Mon yyyy"],
            "hi": ["dd/mm/yyyy", "dd-mm-yyyy", "dd-Mon-yyyy", "dd.mm.yyyy"],
            "nl": ["d month yyyy", "dd-mm-yyyy", "dd/mm/yyyy"],
            "fr": ["d month yyyy", "dd/mm/yyyy"],
            "de": ["d. Month yyyy", "dd.mm.yyyy", "dd.mm.yyyy"],
        }[lang]
        self.form = rng.choice(forms)
        self.lang = "en" if lang == "hi" else lang

    def __call__(self, d):
        f = self.form
        names = MONTHS[self.lang]
        if f == "d Month yyyy" or f == "d month yyyy":
            return f"{d.day} {names[d.month - 1]} {d.year}"
        if f == "Month d, yyyy":
            return f"{names[d.month - 1]} {d.day}, {d.year}"
        if f == "d. Month yyyy":
            return f"{d.day}. {names[d.month - 1]} {d.year}"
        if f == "dd Mon yyyy":
            return f"{d.day:02d} {names[d.month - 1][:3]} {d.year}"
        if f == "dd-Mon-yyyy":
            return f"{d.day:02d}-{names[d.month - 1][:3]}-{d.year}"
        if f == "yyyy-mm-dd":
            return d.isoformat()
        sep = {"dd/mm/yyyy": "/", "dd-mm-yyyy": "-", "dd.mm.yyyy": "."}[f]
        return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


# ---------------------------------------------------------------- made-up firms

NAME_PARTS = {
    "nl": (["Zonnig", "Brightwave", "Dijkstra", "Polder", "Vaart", "Kiemkracht", "Lindeboom", "Havenlicht", "Stroomop",
            "Molenwiek", "Duinzicht", "Veenstra"],
           ["Software", "Groothandel", "Techniek", "Media", "Energie", "Logistiek", "Advies", "Hotels", "Telecom", ""],
           ["B.V.", "B.V.", "V.O.F.", "N.V."]),
    "fr": (["Atelier", "Lumière", "Boréal", "Cassis", "Vauban", "Mistral", "Ardoise", "Garance", "Ombelle", "Sorbier"],
           ["Numérique", "Distribution", "Conseil", "Hôtellerie", "Télécom", "Énergie", "Services", "Fournitures", ""],
           ["SAS", "SARL", "SA", "EURL"]),
    "de": (["Nordlicht", "Bergquell", "Falkenstein", "Lindenhof", "Weißdorn", "Rheinblick", "Eichwald", "Sonnenhang",
            "Kranich", "Hafenkante"],
           ["Software", "Großhandel", "Medien", "Energie", "Telekom", "Hotelbetriebs", "Bürobedarf", "Technik", ""],
           ["GmbH", "GmbH", "AG", "GmbH & Co. KG", "UG (haftungsbeschränkt)"]),
    "en": (["Harbourline", "Bluefinch", "Oakridge", "Northgate", "Silverbirch", "Kestrel", "Greystone", "Larkspur",
            "Fernhill", "Copperleaf"],
           ["Software", "Supplies", "Digital", "Hotels", "Telecom", "Energy", "Consulting", "Wholesale", ""],
           ["Ltd", "Limited", "LLP", "Inc.", "plc"]),
    "hi": (["Shreeji", "Mahalaxmi", "Ganesh", "Annapurna", "Vighnaharta", "Saraswati", "Om Sai", "Jagdamba", "Krishna",
            "Balaji"],
           ["Traders", "Enterprises", "Distributors", "Steel Corporation", "Agencies", "Infotech", "Textiles",
            "Pharma", "Electricals"],
           ["Pvt. Ltd.", "LLP", "", "Private Limited", ""]),
}
PERSONS = {
    "nl": ["Sanne de Vries", "Joris Bakker", "Femke Jansen", "Pieter Visser"],
    "fr": ["Camille Moreau", "Julien Lefèvre", "Claire Fontaine", "Antoine Girard"],
    "de": ["Jana Krüger", "Lukas Hoffmann", "Miriam Schäfer", "Tobias Brandt"],
    "en": ["Olivia Hart", "Daniel Reeve", "Priya Nair", "Tom Whitaker"],
    "hi": ["Rakesh Sharma", "Sunita Patel", "Amit Verma", "Neha Joshi"],
}
STREETS = {
    "nl": (["Keizersgracht", "Stationsweg", "Industrieweg", "Marktplein", "Havenstraat"],
           ["1015 CJ Amsterdam", "3511 AX Utrecht", "2511 BT Den Haag", "5611 AB Eindhoven", "9711 LM Groningen"]),
    "fr": (["rue de la République", "avenue Jean Jaurès", "boulevard Voltaire", "rue des Tanneurs", "quai Saint-Vincent"],
           ["69002 Lyon", "75011 Paris", "33000 Bordeaux", "44000 Nantes", "13001 Marseille"]),
    "de": (["Hauptstraße", "Bahnhofstraße", "Am Hafen", "Industriestraße", "Lindenallee"],
           ["20457 Hamburg", "80331 München", "50667 Köln", "10115 Berlin", "70173 Stuttgart"]),
    "en": (["High Street", "Station Road", "Queen's Quay", "Market Lane", "Riverside Way"],
           ["London EC2A 4NE", "Manchester M1 2AB", "Dublin 2, D02 X285", "Bristol BS1 4DJ", "Leeds LS1 5HD"]),
    "hi": (["Plot 14, MIDC Industrial Area", "Shop No. 7, Gandhi Market", "2nd Floor, Laxmi Complex, MG Road",
            "12/4 Ring Road", "Survey No. 88, GIDC Estate"],
           ["Pune, Maharashtra - 411019", "Ahmedabad, Gujarat - 380015", "Jaipur, Rajasthan - 302001",
            "Indore, Madhya Pradesh - 452001", "Bengaluru, Karnataka - 560038"]),
}
STATE_CODE = {"Maharashtra": "27", "Gujarat": "24", "Rajasthan": "08", "Madhya Pradesh": "23", "Karnataka": "29"}
GST_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin(rng, state):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    pan = "".join(rng.choice(letters) for _ in range(3)) + rng.choice("CPFH") + rng.choice(letters)
    pan += "".join(rng.choice("0123456789") for _ in range(4)) + rng.choice(letters)
    body = state + pan + rng.choice("123") + "Z"
    total = 0
    for i, ch in enumerate(body):
        v = GST_CHARS.index(ch) * (1 if i % 2 == 0 else 2)
        total += v // 36 + v % 36
    return body + GST_CHARS[(36 - total % 36) % 36], pan


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


class Firm:
    def __init__(self, rng, lang, trade=None):
        first, mids, forms = NAME_PARTS[lang]
        self.lang = lang
        self.brand = rng.choice(first)
        mid = trade if trade is not None else rng.choice(mids)
        form = rng.choice(forms)
        self.legal = " ".join(x for x in [self.brand, mid, form] if x)
        street, cities = STREETS[lang]
        no = rng.randint(2, 180)
        self.street = {"fr": f"{no} {rng.choice(street)}", "hi": rng.choice(street)}.get(lang, f"{rng.choice(street)} {no}")
        if lang == "en":
            self.street = f"{no} {rng.choice(street)}"
        self.city = rng.choice(cities)
        self.person = rng.choice(PERSONS[lang])
        self.phone = {"nl": f"+31 20 {digits(rng, 3)} {digits(rng, 4)}", "fr": f"+33 4 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
                      "de": f"+49 40 {digits(rng, 6)}", "en": f"+44 20 {digits(rng, 4)} {digits(rng, 4)}",
                      "hi": f"+91 {rng.choice('6789')}{digits(rng, 4)} {digits(rng, 5)}"}[lang]
        self.email = f"billing@{self.brand.lower().replace(' ', '')}.{ {'nl': 'nl', 'fr': 'fr', 'de': 'de', 'en': 'co.uk', 'hi': 'in'}[lang]}"
        if lang == "hi":
            state = self.city.split(",")[1].split("-")[0].strip()
            self.gstin, self.pan = gstin(rng, STATE_CODE[state])
            self.state = state
        else:
            self.gstin = None
        self.vat = {"nl": f"NL{digits(rng, 9)}B01", "fr": f"FR{digits(rng, 2)} {digits(rng, 9)}",
                    "de": f"DE{digits(rng, 9)}", "en": f"GB {digits(rng, 3)} {digits(rng, 4)} {digits(rng, 2)}",
                    "hi": None}[lang]
        self.reg = {"nl": f"KvK {digits(rng, 8)}", "fr": f"SIRET {digits(rng, 3)} {digits(rng, 3)} {digits(rng, 3)} {digits(rng, 5)}",
                    "de": f"Amtsgericht {rng.choice(['Hamburg', 'München', 'Köln', 'Berlin'])} HRB {digits(rng, 6)}",
                    "en": f"Registered in England and Wales No. {digits(rng, 8)}",
                    "hi": f"CIN U{digits(rng, 5)}MH20{digits(rng, 2)}PTC{digits(rng, 6)}"}[lang]
        self.iban = {"nl": f"NL{digits(rng, 2)} RABO 0{digits(rng, 3)} {digits(rng, 4)} {digits(rng, 2)}",
                     "fr": f"FR76 {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 3)}",
                     "de": f"DE{digits(rng, 2)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}",
                     "en": f"GB{digits(rng, 2)} BARC {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}",
                     "hi": f"A/c No. {digits(rng, 14)}"}[lang]
        self.bic = {"nl": "RABONL2U", "fr": "BNPAFRPPXXX", "de": "COBADEFFXXX", "en": "BARCGB22",
                    "hi": f"IFSC HDFC0{digits(rng, 6)}"}[lang]


# ---------------------------------------------------------------- words

L = {
    "invoice": {"en": ["INVOICE", "Invoice", "Tax Invoice", "VAT Invoice"], "nl": ["FACTUUR", "Factuur"],
                "fr": ["FACTURE", "Facture"], "de": ["RECHNUNG", "Rechnung"], "hi": ["TAX INVOICE / कर बीजक", "कर बीजक (Tax Invoice)"]},
    "credit": {"en": ["CREDIT NOTE"], "nl": ["CREDITNOTA", "Creditfactuur"], "fr": ["AVOIR", "Facture d'avoir"],
               "de": ["GUTSCHRIFT", "Rechnungskorrektur"], "hi": ["CREDIT NOTE / जमा पत्र"]},
    "number": {"en": ["Invoice number", "Invoice No.", "Invoice #", "Invoice no:"], "nl": ["Factuurnummer", "Factuurnr.", "Factuurnummer:"],
               "fr": ["Facture n°", "Numéro de facture", "N° de facture"], "de": ["Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr."],
               "hi": ["बीजक संख्या / Invoice No.", "Invoice No. / बिल नं."]},
    "credit_number": {"en": ["Credit note number", "Credit Note No."], "nl": ["Creditnotanummer"], "fr": ["Avoir n°"],
                      "de": ["Gutschrift-Nr.", "Gutschriftsnummer"], "hi": ["Credit Note No."]},
    "date": {"en": ["Invoice date", "Date of issue", "Date", "Tax point"], "nl": ["Factuurdatum", "Datum"],
             "fr": ["Date de facture", "Date d'émission", "Date"], "de": ["Rechnungsdatum", "Datum"],
             "hi": ["दिनांक / Date", "Invoice Date / बीजक तिथि"]},
    "due": {"en": ["Due date", "Payment due", "Due"], "nl": ["Vervaldatum", "Te betalen vóór"], "fr": ["Échéance", "Date d'échéance", "À régler avant le"],
            "de": ["Fälligkeitsdatum", "Zahlungsziel", "Fällig am"], "hi": ["देय तिथि / Due Date", "Due Date"]},
    "order": {"en": ["Order date"], "nl": ["Orderdatum", "Besteldatum"], "fr": ["Date de commande"], "de": ["Bestelldatum", "Auftragsdatum"],
              "hi": ["Order Date / ऑर्डर तिथि"]},
    "delivery": {"en": ["Delivery date", "Supply date"], "nl": ["Leverdatum"], "fr": ["Date de livraison"], "de": ["Lieferdatum", "Leistungsdatum"],
                 "hi": ["Date of Supply"]},
    "period": {"en": ["Service period", "Billing period"], "nl": ["Periode", "Factuurperiode"], "fr": ["Période", "Période de facturation"],
               "de": ["Leistungszeitraum", "Abrechnungszeitraum"], "hi": ["Bill Period / बिल अवधि"]},
    "order_no": {"en": ["Order number", "PO number", "Your reference"], "nl": ["Ordernummer", "Uw referentie"], "fr": ["N° de commande", "Votre référence"],
                 "de": ["Bestellnummer", "Ihre Bestellung", "Auftragsnummer"], "hi": ["PO No.", "Order No."]},
    "customer_no": {"en": ["Customer ID", "Account number"], "nl": ["Klantnummer"], "fr": ["N° client", "Code client"],
                    "de": ["Kundennummer", "Kunden-Nr."], "hi": ["Customer ID", "Account No."]},
    "bill_to": {"en": ["Bill to", "Invoice to", "Billed to", "Customer"], "nl": ["Factuuradres", "Klant", "Aan"],
                "fr": ["Adresse de facturation", "Client", "Facturé à"], "de": ["Rechnungsempfänger", "Kunde", "Rechnungsadresse"],
                "hi": ["क्रेता / Buyer (Bill to)", "Bill To / बिल प्राप्तकर्ता"]},
    "ship_to": {"en": ["Ship to", "Delivery address"], "nl": ["Afleveradres"], "fr": ["Adresse de livraison"], "de": ["Lieferadresse", "Lieferanschrift"],
                "hi": ["Ship To / भेजने का पता"]},
    "desc": {"en": "Description", "nl": "Omschrijving", "fr": "Désignation", "de": "Beschreibung", "hi": "विवरण / Description"},
    "qty": {"en": "Qty", "nl": "Aantal", "fr": "Qté", "de": "Menge", "hi": "मात्रा / Qty"},
    "unit": {"en": "Unit price", "nl": "Prijs", "fr": "PU HT", "de": "Einzelpreis", "hi": "दर / Rate"},
    "disc": {"en": "Disc. %", "nl": "Korting", "fr": "Remise", "de": "Rabatt", "hi": "Disc %"},
    "vat_col": {"en": "VAT %", "nl": "Btw", "fr": "TVA", "de": "USt.", "hi": "GST %"},
    "amount": {"en": "Amount", "nl": "Bedrag", "fr": "Montant HT", "de": "Gesamt", "hi": "राशि / Amount"},
    "subtotal": {"en": ["Subtotal", "Net amount", "Total excl. VAT"], "nl": ["Subtotaal", "Totaal excl. btw", "Totaal exclusief btw"],
                 "fr": ["Total HT", "Montant HT", "Sous-total HT"], "de": ["Nettobetrag", "Zwischensumme", "Summe netto", "Gesamt netto"],
                 "hi": ["Taxable Value / कर योग्य मूल्य", "Sub Total"]},
    "vat": {"en": ["VAT {r}%", "VAT @ {r}%", "Tax ({r}%)"], "nl": ["Btw {r}%", "BTW {r} %", "{r}% btw"], "fr": ["TVA {r} %", "TVA ({r} %)", "TVA à {r} %"],
            "de": ["MwSt. {r} %", "USt. {r} %", "zzgl. {r} % USt.", "Umsatzsteuer {r} %"]},
    "total": {"en": ["Total", "Total due", "Invoice total", "Total (incl. VAT)", "Amount due"], "nl": ["Totaal te betalen", "Totaal incl. btw", "Totaal", "Te betalen"],
              "fr": ["Total TTC", "Net à payer", "Montant TTC", "Total à payer"], "de": ["Rechnungsbetrag", "Gesamtbetrag", "Endbetrag", "Zu zahlender Betrag", "Gesamtsumme"],
              "hi": ["Grand Total / कुल राशि", "कुल देय राशि / Total Amount", "Invoice Total"]},
    "credit_total": {"en": ["Total credit", "Credit total"], "nl": ["Totaal creditbedrag", "Totaal"], "fr": ["Total TTC de l'avoir", "Total TTC"],
                     "de": ["Gutschriftsbetrag", "Gesamtbetrag"], "hi": ["Total Credit"]},
    "paid": {"en": ["Amount paid", "Paid", "Less: payment received"], "nl": ["Reeds betaald", "Betaald"], "fr": ["Déjà réglé", "Acompte versé", "Payé"],
             "de": ["Bereits bezahlt", "Bezahlt", "abzgl. Zahlung"], "hi": ["Amount Received", "Paid"]},
    "balance": {"en": ["Balance due", "Amount due"], "nl": ["Openstaand", "Nog te betalen"], "fr": ["Reste à payer", "Solde dû"],
                "de": ["Offener Betrag", "Restbetrag"], "hi": ["Balance Due"]},
    "page": {"en": "Page {i} of {n}", "nl": "Pagina {i} van {n}", "fr": "Page {i} sur {n}", "de": "Seite {i} von {n}", "hi": "Page {i} of {n}"},
    "carried": {"en": "Carried forward", "nl": "Transport", "fr": "À reporter", "de": "Übertrag", "hi": "Carried forward / आगे ले जाया गया"},
    "brought": {"en": "Brought forward", "nl": "Transport", "fr": "Report", "de": "Übertrag", "hi": "Brought forward"},
    "reverse": {"en": "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC).",
                "nl": "Btw verlegd naar afnemer (art. 196 Btw-richtlijn).",
                "fr": "Autoliquidation – TVA due par le preneur (art. 283-2 du CGI).",
                "de": "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge) gemäß § 13b UStG."},
    "transfer": {"en": "Please pay within {d} days by bank transfer, quoting the invoice number.",
                 "nl": "Gelieve het totaalbedrag binnen {d} dagen over te maken onder vermelding van het factuurnummer.",
                 "fr": "Paiement à {d} jours par virement. Pas d'escompte pour paiement anticipé. Pénalités de retard : 3 fois le taux d'intérêt légal.",
                 "de": "Bitte überweisen Sie den Rechnungsbetrag innerhalb von {d} Tagen ohne Abzug auf das unten genannte Konto.",
                 "hi": "Payment within {d} days. Interest @18% p.a. will be charged on overdue bills."},
}
PAID_BY = {
    "card": {"en": ["Paid by Visa ending {c}", "Payment method: Credit card (Mastercard •••• {c})"],
             "nl": ["Betaald met creditcard (Visa **** {c})", "Betaald per pin op {date}"],
             "fr": ["Payé par carte bancaire (CB **** {c})", "Réglé par carte le {date}"],
             "de": ["Bezahlt mit Kreditkarte (Visa **** {c})", "Zahlungsart: Kreditkarte, belastet am {date}"],
             "hi": ["Paid by Card (xxxx {c})"]},
    "bank_transfer": {"en": ["Paid by bank transfer on {date}, thank you.", "Payment will be collected by Direct Debit on or after {date}."],
                      "nl": ["Het bedrag wordt op of rond {date} automatisch geïncasseerd van uw rekening.", "Betaald per bankoverschrijving op {date}."],
                      "fr": ["Ce montant sera prélevé sur votre compte le {date} (prélèvement SEPA).", "Réglé par virement le {date}."],
                      "de": ["Der Rechnungsbetrag wird am {date} per SEPA-Lastschrift von Ihrem Konto eingezogen.", "Zahlungsart: Lastschrift"],
                      "hi": ["Payment received via NEFT, UTR No. HDFCN{u}", "Paid by RTGS on {date}"]},
    "upi": {"hi": ["Paid via UPI (Ref No. {u})", "Payment Mode: UPI / GPay"], "en": ["Payment mode: UPI, ref. {u}"]},
}

SAAS_ITEMS = {"en": ["Team plan (12 seats)", "Additional storage 500 GB", "Premium support", "API calls overage"],
              "nl": ["Business-abonnement (10 gebruikers)", "Extra opslag 1 TB", "Premium support"],
              "fr": ["Abonnement Pro (5 utilisateurs)", "Stockage supplémentaire", "Support prioritaire"],
              "de": ["Lizenz Business (15 Nutzer)", "Zusätzlicher Speicher 1 TB", "Premium-Support"],
              "hi": ["Cloud ERP subscription (SAC 998315)", "Additional users", "Annual maintenance (AMC)"]}
GOODS = {"en": ["Copier paper A4 80g (box)", "Toner cartridge black", "LED panel 60x60 36W", "Cable ties 200mm (100)", "Stainless bolts M8 (50)",
                "Safety gloves size L", "Stretch film 500mm", "Pallet wrap clear"],
         "nl": ["Kopieerpapier A4 80 g (doos)", "Koffiebonen 1 kg", "Schoonmaakmiddel 5 l", "Handdoekrollen", "Bekers karton 200 st.",
                "Suikerzakjes 1000 st.", "Vuilniszakken 120 l", "Theezakjes 100 st."],
         "fr": ["Ramette papier A4", "Cartouche d'encre noire", "Câble RJ45 5 m", "Classeur à levier", "Stylos bille (boîte de 50)",
                "Café grains 1 kg", "Gobelets carton (x100)", "Essuie-mains"],
         "de": ["Kopierpapier A4 80 g", "Druckerpatrone schwarz", "Kabelbinder 200 mm", "Schrauben M8 (100 St.)", "Arbeitshandschuhe Gr. 9",
                "Kaffeebohnen 1 kg", "Ordner breit", "Stretchfolie 500 mm"],
         "hi": ["MS Angle 50x50x5", "TMT Bar 12mm", "Binding wire 18G", "GI Pipe 1 inch", "Cement OPC 53 (bag)", "PVC conduit 25mm",
                "Copper wire 1.5 sqmm (coil)", "MCB 32A DP"]}
HSN = ["7216", "7214", "7217", "7306", "2523", "3917", "8544", "8536"]
FREELANCE = {"en": ["Design work – website redesign", "Copywriting, 6 articles", "Consulting (hours)"],
             "nl": ["Ontwerp huisstijl", "Fotografie bedrijfsreportage", "Adviesuren"],
             "fr": ["Prestation de développement web", "Traduction (mots)", "Conseil (jours)"],
             "de": ["Programmierung (Stunden)", "Konzeption und Beratung", "Lektorat (Seiten)"],
             "hi": ["Professional fees – audit", "Consultancy (SAC 998311)"]}


# ---------------------------------------------------------------- a bill


class Bill:
    def __init__(self, rng, lang, kind):
        self.rng, self.lang, self.kind = rng, lang, kind
        currency = {"nl": "EUR", "fr": "EUR", "de": "EUR", "hi": "INR"}.get(lang) or rng.choice(["GBP", "GBP", "EUR", "USD"])
        self.money = Money(rng, lang, currency)
        self.date = Dates(rng, lang)
        self.seller = Firm(rng, lang)
        self.buyer = Firm(rng, lang if rng.random() < 0.8 else rng.choice(["nl", "fr", "de", "en"]))
        if lang == "hi" and self.buyer.lang != "hi":
            self.buyer = Firm(rng, "hi")
        # Not after the day the bills are read (2026-12-07): a bill is not dated in the future.
        self.issued = datetime.date(2026, rng.randint(1, 11), rng.randint(1, 28))
        self.rows = []        # (description, qty, unit price, discount %, vat rate, extra columns dict)
        self.notes = []
        self.meta = []        # (label, value)
        self.credit = kind == "credit_note"
        self.payment = None
        self.paid_line = False
        self.reverse_charge = False
        self.no_vat_note = None
        self.extra_after_total = []   # (label, amount) lines after the total (already paid, balance)
        self.pre_total = []           # (label, amount) lines added before the total (arrears, rounding)
        self.arrears = Decimal(0)

    def pick(self, key):
        return self.rng.choice(L[key][self.lang])

    def word(self, key):
        return L[key][self.lang]


def india_amount_words(n):
    ones = ["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen",
            "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
    tens = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]

    def two(x):
        return ones[x] if x < 20 else (tens[x // 10] + (" " + ones[x % 10] if x % 10 else ""))

    def three(x):
        return ((ones[x // 100] + " Hundred" + (" " if x % 100 else "")) if x >= 100 else "") + (two(x % 100) if x % 100 else "")

    parts = []
    for size, name in ((10 ** 7, "Crore"), (10 ** 5, "Lakh"), (1000, "Thousand")):
        if n >= size:
            parts.append(f"{two(n // size) if n // size < 100 else three(n // size)} {name}")
            n %= size
    if n:
        parts.append(three(n))
    return " ".join(parts) or "Zero"


# ---------------------------------------------------------------- drawing


def is_deva(ch):
    return "\u0900" <= ch <= "\u097f"


def draw(c, x, y, s, size=9, bold=False, align="left", font=None):
    """A string at (x, y); Devanagari runs in the Devanagari font."""
    base = font or ("Sans-Bold" if bold else "Sans")
    runs, cur, deva = [], "", None
    for ch in s:
        d = is_deva(ch) and HAS_DEVANAGARI
        if deva is None or d == deva or ch == " ":
            cur += ch
            deva = d if deva is None or ch != " " else deva
        else:
            runs.append((cur, deva))
            cur, deva = ch, d
    if cur:
        runs.append((cur, deva))
    width = sum(pdfmetrics.stringWidth(t, "Deva" if d else base, size) for t, d in runs)
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    for t, d in runs:
        f = "Deva" if d else base
        c.setFont(f, size)
        c.drawString(x, y, t)
        x += pdfmetrics.stringWidth(t, f, size)
    return width


class Layout:
    """Per-bill choices of where things go."""

    def __init__(self, rng):
        self.brand_only = rng.random() < 0.5       # seller only as a big word at the top; legal name in the footer
        self.brand_right = rng.random() < 0.4
        self.brand_upper = rng.random() < 0.5
        self.meta_boxes = rng.random() < 0.3       # invoice number and dates as a row of boxes over the table
        self.buyer_right = rng.random() < 0.35
        self.shuffle = rng.random() < 0.5          # text drawn in another order than read (as many PDF writers do)
        self.totals_label_x = rng.choice([330, 360, 390])
        self.footer_cols = rng.choice([1, 3])


def meta_lines(b):
    rng, d = b.rng, b.date
    lines = [(b.pick("credit_number" if b.credit else "number"), b.number), (b.pick("date"), d(b.issued))]
    if b.kind in ("saas", "telecom", "utility"):
        start = b.period_start
        lines.append((b.pick("period"), f"{d(start)} – {d(b.period_end)}"))
    if b.kind in ("wholesale", "marketplace", "ecommerce") or rng.random() < 0.3:
        lines.append((b.pick("order"), d(b.issued - datetime.timedelta(days=rng.randint(1, 9)))))
        lines.append((b.pick("order_no"), f"{rng.choice(['PO', 'ORD', 'B', '40'])}-{digits(rng, 6)}"))
    if b.kind in ("wholesale", "freelancer") and rng.random() < 0.5:
        lines.append((b.pick("delivery"), d(b.issued - datetime.timedelta(days=rng.randint(0, 4)))))
    if not b.credit and b.kind not in ("hotel", "ecommerce"):
        lines.append((b.pick("due"), d(b.issued + datetime.timedelta(days=rng.choice([7, 14, 15, 30])))))
    if rng.random() < 0.5:
        lines.append((b.pick("customer_no"), digits(rng, rng.choice([5, 7, 10]))))
    lines += b.meta
    head, tail = lines[:2], lines[2:]
    rng.shuffle(tail)
    if rng.random() < 0.3:      # the date first, the number second
        head.reverse()
    return head + tail


def footer_text(b):
    s = b.seller
    parts = [s.legal, f"{s.street}, {s.city}"]
    if b.lang == "hi":
        parts += [f"GSTIN: {s.gstin}", f"PAN: {s.pan}", s.reg, f"Bank: HDFC Bank, {s.iban}, {s.bic}"]
    else:
        vat_label = {"nl": "BTW-nummer", "fr": "TVA intracommunautaire", "de": "USt-IdNr.", "en": "VAT Reg. No."}[b.lang]
        parts += [s.reg, f"{vat_label} {s.vat}", f"IBAN {s.iban}", f"BIC {s.bic}"]
        if b.lang == "de":
            parts.insert(3, f"Geschäftsführer: {s.person}")
        if b.lang == "fr":
            parts.insert(3, f"RCS {s.city.split()[-1]} B {digits(b.rng, 3)} {digits(b.rng, 3)} {digits(b.rng, 3)}")
    parts += [s.phone, s.email]
    return parts


def build_rows(b):
    rng, lang = b.rng, b.lang
    vat_rates = {"nl": [21, 9], "fr": [20, 5.5, 10], "de": [19, 7], "en": [20, 5, 0], "hi": [18, 12, 5]}[lang]
    main = vat_rates[0]
    k = b.kind
    rows = []
    if k == "saas":
        items = SAAS_ITEMS[lang]
        for it in rng.sample(items, rng.randint(1, len(items))):
            rows.append([it, Decimal(1), money(rng.choice([19, 49, 99, 249, 480, 1200]) + rng.choice([0, Decimal("0.99"), Decimal("0.50")])), 0, main])
    elif k in ("wholesale", "marketplace", "ecommerce"):
        n = rng.randint(14, 24) if b.multipage else rng.randint(2, 7)
        pool = GOODS[lang]
        for i in range(n):
            name = pool[i % len(pool)] + ("" if i < len(pool) else f" ({rng.choice(['blue', 'XL', '2-pack', 'v2'])})")
            rate = main if rng.random() < 0.7 or lang == "en" else vat_rates[1]
            price = money(Decimal(rng.randint(150, 9000)) / 100 * (40 if lang == "hi" else 1))
            disc = rng.choice([0, 0, 5, 10]) if k == "wholesale" else 0
            rows.append([name, Decimal(rng.choice([1, 2, 3, 5, 10, 12, 24, 50])), price, disc, rate])
    elif k == "freelancer":
        for it in rng.sample(FREELANCE[lang], rng.randint(1, 2)):
            rows.append([it, Decimal(rng.choice([4, 8, 12, 16, 24, 37.5])).quantize(Decimal("0.1")), money(rng.choice([65, 75, 85, 95, 110, 1500 if lang == "hi" else 120])), 0, main])
    elif k == "hotel":
        nights = rng.randint(1, 4)
        room_rate = {"nl": 9, "fr": 10, "de": 7, "en": 20, "hi": 12}[lang]
        food_rate = {"nl": 9, "fr": 10, "de": 19, "en": 20, "hi": 18}[lang]
        price = money(rng.randint(89, 260) * (50 if lang == "hi" else 1))
        room = {"nl": "Overnachting", "fr": "Nuitée chambre double", "de": "Übernachtung Einzelzimmer", "en": "Accommodation", "hi": "Room Tariff (SAC 996311)"}[lang]
        bf = {"nl": "Ontbijt", "fr": "Petit-déjeuner", "de": "Frühstück", "en": "Breakfast", "hi": "Restaurant"}[lang]
        rows.append([room, Decimal(nights), price, 0, room_rate])
        rows.append([bf, Decimal(nights), money(rng.randint(12, 28) * (40 if lang == "hi" else 1)), 0, food_rate])
        if lang != "hi":
            tax = {"nl": "Toeristenbelasting", "fr": "Taxe de séjour", "de": "City-Tax / Kulturförderabgabe", "en": "City tax"}[lang]
            rows.append([tax, Decimal(nights), money(rng.choice([Decimal("2.50"), Decimal("3.30"), Decimal("4.00")])), 0, None])
        b.arrival = b.issued - datetime.timedelta(days=nights)
        b.meta += [({"nl": "Aankomst", "fr": "Arrivée", "de": "Anreise", "en": "Arrival", "hi": "Check-in"}[lang], b.date(b.arrival)),
                   ({"nl": "Vertrek", "fr": "Départ", "de": "Abreise", "en": "Departure", "hi": "Check-out"}[lang], b.date(b.issued)),
                   ({"nl": "Kamer", "fr": "Chambre", "de": "Zimmer", "en": "Room", "hi": "Room No."}[lang], str(rng.randint(101, 530)))]
    elif k in ("telecom", "utility"):
        if k == "telecom":
            names = {"nl": ["Abonnement Unlimited", "Extra data 5 GB", "Bellen buitenland"], "fr": ["Forfait mobile 100 Go", "Option international", "Communications hors forfait"],
                     "de": ["Grundgebühr Mobilfunk", "Datenpaket 10 GB", "Verbindungen Ausland"], "en": ["Monthly plan", "Roaming data", "Premium SMS"],
                     "hi": ["Monthly Rental (Postpaid 599)", "Data add-on", "Roaming Charges"]}[lang]
        else:
            names = {"nl": ["Levering elektriciteit", "Netbeheerkosten", "Energiebelasting"], "fr": ["Abonnement électricité", "Consommation kWh", "Contribution tarifaire d'acheminement"],
                     "de": ["Arbeitspreis Strom", "Grundpreis", "Messstellenbetrieb"], "en": ["Electricity supply", "Standing charge", "Climate change levy"],
                     "hi": ["Energy Charges", "Fixed Charges", "Fuel Adjustment Charge"]}[lang]
        rate = None if (k == "utility" and lang == "hi") else main     # electricity carries duty, not GST
        for nm in names[:rng.randint(2, 3)]:
            rows.append([nm, Decimal(1), money(Decimal(rng.randint(500, 9000)) / 100 * (20 if lang == "hi" else 1)), 0, rate])
        if rate is None:
            rows.append(["Electricity Duty @ 6%", Decimal(1), money(sum(r[2] for r in rows) * Decimal("0.06")), 0, None])
        b.period_end = b.issued - datetime.timedelta(days=rng.randint(1, 5))
        b.period_start = b.period_end.replace(day=1)
    if k == "saas":
        b.period_start = b.issued
        nxt = (b.issued.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        b.period_end = nxt + datetime.timedelta(days=b.issued.day - 2)
    b.rows = rows


def row_tax(b, r):
    """GST of one row as printed: IGST, or CGST and SGST each rounded."""
    if b.igst:
        return money(r[5] * Decimal(str(r[4])) / 100)
    return 2 * money(r[5] * Decimal(str(r[4])) / 200)


def compute(b):
    """Line nets, tax by rate, totals; returns the truth amounts."""
    india = b.lang == "hi"
    for r in b.rows:
        net = money(r[1] * r[2] * (1 - Decimal(r[3]) / 100))
        r.append(net)
    by_rate = {}
    for r in b.rows:
        if r[4] is not None:
            by_rate.setdefault(r[4], Decimal(0))
            by_rate[r[4]] += r[5]
    b.by_rate = dict(sorted(by_rate.items(), key=lambda kv: -kv[0]))
    b.net = sum((r[5] for r in b.rows), Decimal(0))
    if b.reverse_charge or b.no_vat_note:
        b.taxes = {rate: Decimal(0) for rate in b.by_rate}
    elif india:     # GST is worked out and printed per row
        b.taxes = {rate: sum((row_tax(b, r) for r in b.rows if r[4] == rate), Decimal(0)) for rate in b.by_rate}
    else:
        b.taxes = {rate: money(base * Decimal(str(rate)) / 100) for rate, base in b.by_rate.items()}
    tax = sum(b.taxes.values(), Decimal(0))
    gross = b.net + tax
    b.round_off = Decimal(0)
    if india and b.kind not in ("saas",):
        rounded = gross.quantize(Decimal(1), ROUND_HALF_UP)
        b.round_off = rounded - gross
        gross = rounded
    b.gross = gross
    payable = gross + b.arrears
    sign = -1 if b.credit else 1
    tax_truth = None if b.no_vat_note or not b.by_rate else sign * tax
    return sign * payable, tax_truth


def render(b, path, layout):
    rng, lang, m = b.rng, b.lang, b.money
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle(f"{b.number}")
    blocks = []     # callables drawing one block on the current page; order shuffled when layout.shuffle

    pages = [b.rows]
    if b.multipage:
        cut = len(b.rows) // 2 + rng.randint(-2, 2)
        pages = [b.rows[:cut], b.rows[cut:]]
    n_pages = len(pages)
    india = lang == "hi"
    foot = footer_text(b)
    title = b.pick("credit" if b.credit else "invoice")

    def header(first):
        s = b.seller
        out = []
        if b.kind == "marketplace":     # the platform's name at the top; the seller under "Sold by"
            out.append(lambda: draw(c, 40, H - 70, b.market, size=26, font="Serif-Bold"))
            out.append(lambda: draw(c, 40, H - 86, {"hi": "Tax Invoice/Bill of Supply/Cash Memo (Original for Recipient)"}.get(lang, "Order invoice"), 8))
        elif layout.brand_only:
            x = W - 40 if layout.brand_right else 40
            al = "right" if layout.brand_right else "left"
            word = s.brand.upper() if layout.brand_upper else s.brand.lower()
            out.append(lambda: draw(c, x, H - 70, word, size=30, align=al, font="Serif-Bold"))
            if first:
                out.append(lambda: draw(c, x, H - 86, f"{s.street} · {s.city}", size=7.5, align=al))
        else:
            x = 40
            lines = [(s.legal, 14, True), (s.street, 9, False), (s.city, 9, False)]
            if india:
                lines.append((f"GSTIN: {s.gstin}   State: {s.state} ({s.gstin[:2]})", 9, False))
            lines.append((f"Tel. {s.phone} · {s.email}", 8, False))
            for i, (t, size, bold) in enumerate(lines):
                out.append(lambda t=t, size=size, bold=bold, i=i: draw(c, x, H - 60 - i * 13, t, size=size, bold=bold))
        tx = 40 if layout.brand_right and layout.brand_only else W - 40
        tal = "left" if tx == 40 else "right"
        out.append(lambda: draw(c, tx, H - 130, title, size=16, bold=True, align=tal))
        return out

    def meta_block():
        out = []
        lines = meta_lines(b)
        if layout.meta_boxes:
            cols = lines[:4]
            wcol = (W - 80) / len(cols)
            for i, (lab, val) in enumerate(cols):
                x = 40 + i * wcol
                out.append(lambda x=x, lab=lab, val=val: (c.rect(x, H - 282, wcol - 4, 30), draw(c, x + 4, H - 264, lab, 7), draw(c, x + 4, H - 277, val, 9, bold=True)))
            rest = lines[4:]
            for i, (lab, val) in enumerate(rest):
                out.append(lambda i=i, lab=lab, val=val: draw(c, 40 + (i % 2) * 260, H - 296 - (i // 2) * 11, f"{lab}: {val}", 8))
        else:
            x0 = 40 if layout.buyer_right else 330
            for i, (lab, val) in enumerate(lines):
                out.append(lambda i=i, lab=lab, val=val: (draw(c, x0, H - 160 - i * 13, lab, 8.5), draw(c, x0 + 110, H - 160 - i * 13, val, 8.5, bold=i == 0)))
        return out

    def buyer_block():
        u = b.buyer
        x0 = 330 if layout.buyer_right else 40
        y0 = H - 160
        lines = [(b.pick("bill_to"), 8, True), (u.legal, 10, True)]
        if rng.random() < 0.5:
            lines.append((f"{ {'nl': 't.a.v.', 'fr': 'À l’attention de', 'de': 'z. Hd.', 'en': 'Attn:', 'hi': 'Kind Attn:'}[lang]} {u.person}", 9, False))
        lines += [(u.street, 9, False), (u.city, 9, False)]
        if india:
            lines.append((f"GSTIN: {u.gstin}", 9, False))
            lines.append((f"Place of Supply: {u.state} ({u.gstin[:2]})", 8, False))
        elif u.vat and rng.random() < 0.6:
            lines.append(({"nl": "Btw-nr.", "fr": "N° TVA", "de": "USt-IdNr.", "en": "VAT No."}.get(lang, "VAT") + f" {u.vat}", 8, False))
        out = [lambda i=i, t=t, s=s, bd=bd: draw(c, x0, y0 - i * 13, t, s, bold=bd) for i, (t, s, bd) in enumerate(lines)]
        if b.kind in ("marketplace", "ecommerce") and rng.random() < 0.6:
            x1 = x0 + 150 if x0 == 40 else x0 - 150
            out.append(lambda: draw(c, x1, y0, b.pick("ship_to"), 8, bold=True))
            out.append(lambda: draw(c, x1, y0 - 13, u.person, 9))
            out.append(lambda: draw(c, x1, y0 - 26, u.street, 9))
            out.append(lambda: draw(c, x1, y0 - 39, u.city, 9))
        return out

    def marketplace_seller():
        if b.kind != "marketplace":
            return []
        s = b.seller
        lab = {"en": "Sold by", "hi": "Sold By / विक्रेता", "de": "Verkauft von", "nl": "Verkocht door", "fr": "Vendu par"}[lang]
        y = H - 300
        out = [lambda: draw(c, 40, y, f"{lab}: {s.legal}", 9, bold=True),
               lambda: draw(c, 40, y - 12, f"{s.street}, {s.city}", 8)]
        if india:
            out.append(lambda: draw(c, 40, y - 24, f"GSTIN: {s.gstin}", 8))
        elif s.vat:
            out.append(lambda: draw(c, 40, y - 24, f"VAT: {s.vat}", 8))
        return out

    def columns():
        cols = [("#", 40, "left"), (b.word("desc"), 58, "left")]
        if india:
            cols.append(("HSN/SAC", 212, "left"))
        cols.append((b.word("qty"), 300 if not india else 290, "right"))
        cols.append((b.word("unit"), 360 if not india else 340, "right"))
        if any(r[3] for r in b.rows):
            cols.append((b.word("disc"), 400 if not india else 368, "right"))
        if india:
            # Right edges far enough apart that the widest figures (7 pt) keep a gap: "1,73,840.00" is 40 pt.
            if b.igst:
                cols += [("Taxable", 415, "right"), ("IGST %", 445, "right"), ("IGST", 495, "right")]
            else:
                cols += [("Taxable", 415, "right"), ("CGST", 458, "right"), ("SGST", 502, "right")]
            cols.append((b.word("amount"), W - 40, "right"))
        else:
            if len(b.by_rate) > 1 or rng.random() < 0.5:
                cols.append((b.word("vat_col"), 450, "right"))
            cols.append((b.word("amount"), W - 40, "right"))
        return cols

    cols = columns()

    def row_values(i, r):
        vals = {"#": str(i + 1)}
        names = [col[0] for col in cols]
        vals[names[1]] = r[0][:38]
        if india:
            vals["HSN/SAC"] = rng.choice(HSN) if b.kind != "saas" and b.kind != "hotel" else "9983"
        q = r[1]
        vals[b.word("qty")] = (f"{q:g}" if q == q.to_integral() else m.plain(q).rstrip("0"))
        vals[b.word("unit")] = m.cell(r[2])
        if b.word("disc") in names:
            vals[b.word("disc")] = f"{r[3]} %" if r[3] else "–"
        if b.word("vat_col") in names:
            vals[b.word("vat_col")] = "–" if r[4] is None else f"{m.rate(r[4])} %"
        net = r[5]
        if india and r[4] is None:      # a charge without GST (electricity duty)
            vals["Taxable"] = m.plain(net)
            vals[b.word("amount")] = m.plain(net)
        elif india:
            vals["Taxable"] = m.plain(net)
            t = money(net * Decimal(str(r[4])) / 100)
            if b.igst:
                vals["IGST %"] = f"{r[4]}%"
                vals["IGST"] = m.plain(t)
                line = net + t
            else:
                half = money(net * Decimal(str(r[4])) / 200)
                vals["CGST"] = m.plain(half)
                vals["SGST"] = m.plain(half)
                line = net + 2 * half
            vals[b.word("amount")] = m.plain(line)
        else:
            vals[b.word("amount")] = m.cell(-net if b.credit else net)
        return vals

    def table(rows_on_page, start_index, y_top, carried_in):
        out = []
        for name, x, al in cols:
            out.append(lambda name=name, x=x, al=al: draw(c, x, y_top, name, 7.5, bold=True, align=al))
        out.append(lambda: c.line(40, y_top - 4, W - 40, y_top - 4))
        y = y_top - 16
        if carried_in is not None:
            out.append(lambda y=y: (draw(c, 58, y, b.word("brought"), 8.5, bold=True), draw(c, W - 40, y, m.plain(carried_in), 8.5, bold=True, align="right")))
            y -= 13
        for j, r in enumerate(rows_on_page):
            vals = row_values(start_index + j, r)
            for name, x, al in cols:
                v = vals.get(name, "")
                out.append(lambda v=v, x=x, al=al, y=y: draw(c, x, y, v, 7 if india else 8, align=al))
            y -= 13
        out.append(lambda y=y: c.line(40, y + 8, W - 40, y + 8))
        return out, y

    def line_total(r):
        return r[5] + row_tax(b, r) if india and r[4] is not None else r[5]

    def totals_block(y):
        out = []
        sign = -1 if b.credit else 1
        lines = [(b.pick("subtotal"), sign * b.net, False)]
        if india:
            for rate, base in b.by_rate.items():
                t = b.taxes[rate]
                if b.igst:
                    lines.append((f"IGST @ {rate}%", t, False))
                else:
                    half = sum(money(r[5] * Decimal(str(rate)) / 200) for r in b.rows if r[4] == rate)
                    lines.append((f"CGST @ {rate / 2:g}%", half, False))
                    lines.append((f"SGST @ {rate / 2:g}%", half, False))
        elif b.no_vat_note:
            pass
        else:
            for rate in b.by_rate:
                lines.append((rng.choice(L["vat"][lang]).format(r=m.rate(rate if not b.reverse_charge else 0)), sign * b.taxes[rate], False))
            if any(r[4] is None for r in b.rows) and rng.random() < 0.5:
                lines.insert(1, ({"nl": "Niet btw-plichtig", "fr": "Non soumis à TVA", "de": "Nicht steuerbar", "en": "Outside the scope of VAT"}[lang],
                                 sign * sum(r[5] for r in b.rows if r[4] is None), False))
        if b.round_off:
            lines.append(("Round Off / पूर्णांकन" if rng.random() < 0.5 else "Round off", b.round_off, False))
        for lab, amt in b.pre_total:
            lines.append((lab, amt, False))
        total_label = b.pick("credit_total" if b.credit else "total")
        lines.append((total_label, sign * (b.gross + b.arrears), True))
        for lab, amt in b.extra_after_total:
            lines.append((lab, amt, lab == b.extra_after_total[-1][0]))
        lx = layout.totals_label_x
        for i, (lab, amt, bold) in enumerate(lines):
            yy = y - i * 14
            size = 10 if bold else 8.5
            txt = m.total(amt) if bold or rng.random() < 0.3 else m.plain(amt)
            out.append(lambda lab=lab, txt=txt, yy=yy, size=size, bold=bold: (draw(c, lx, yy, lab, size, bold=bold), draw(c, W - 40, yy, txt, size, bold=bold, align="right")))
        y_end = y - len(lines) * 14
        if india:
            words = f"Amount in words: Rupees {india_amount_words(int(b.gross + b.arrears))} Only"
            out.append(lambda: draw(c, 40, y_end - 6, words, 8))
            y_end -= 14
        return out, y_end

    def notes_block(y):
        out = []
        texts = list(b.notes)
        if b.payment_text:
            texts.insert(0, b.payment_text)
        for i, t in enumerate(texts):
            out.append(lambda i=i, t=t: draw(c, 40, y - 16 - i * 12, t, 8))
        return out

    def footer(i):
        out = []
        if layout.footer_cols == 1:
            half = (len(foot) + 1) // 2
            lines = [" · ".join(foot[:half]), " · ".join(foot[half:])]
            for j, t in enumerate(lines):
                out.append(lambda j=j, t=t: draw(c, W / 2, 50 - j * 10, t, 6.5, align="center"))
        else:
            per = (len(foot) + 2) // 3
            for k in range(3):
                for j, t in enumerate(foot[k * per:(k + 1) * per]):
                    out.append(lambda k=k, j=j, t=t: draw(c, 40 + k * 180, 62 - j * 9, t, 6.5, bold=(k == 0 and j == 0)))
        if n_pages > 1 or rng.random() < 0.4:
            p = L["page"][lang].format(i=i + 1, n=n_pages)
            out.append(lambda: draw(c, W - 40, 20, p, 7, align="right"))
        out.append(lambda: c.line(40, 72, W - 40, 72))
        return out

    start = 0
    carried = None
    for pi, rows_on_page in enumerate(pages):
        blocks = header(pi == 0)
        if pi == 0:
            blocks += meta_block() + buyer_block() + marketplace_seller()
            y_top = H - 330 if b.kind == "marketplace" else H - 310
        else:
            blocks.append(lambda: draw(c, 330, H - 160, f"{b.pick('credit_number' if b.credit else 'number')}: {b.number}", 9))
            y_top = H - 190
        tb, y = table(rows_on_page, start, y_top, carried)
        blocks += tb
        start += len(rows_on_page)
        subtotal_here = sum((line_total(r) for r in b.rows[:start]), Decimal(0))
        if pi < n_pages - 1:
            blocks.append(lambda y=y, s=subtotal_here: (draw(c, 58, y - 6, b.word("carried"), 8.5, bold=True), draw(c, W - 40, y - 6, m.plain(s), 8.5, bold=True, align="right")))
            carried = subtotal_here
        else:
            tot, y2 = totals_block(y - 14)
            blocks += tot + notes_block(y2)
        blocks += footer(pi)
        if layout.shuffle:
            rng.shuffle(blocks)
        for f in blocks:
            f()
        c.showPage()
    c.save()


# ---------------------------------------------------------------- kinds

KINDS = ["saas", "wholesale", "freelancer", "hotel", "telecom", "utility", "marketplace", "ecommerce", "credit_note"]
WEIGHTS = [4, 5, 3, 3, 3, 3, 3, 3, 1]


def make(rng, index):
    lang = rng.choice(["en", "hi", "nl", "fr", "de", "hi", "nl", "fr", "de"])
    kind = rng.choices(KINDS, WEIGHTS)[0]
    if kind == "marketplace" and lang in ("nl", "fr"):
        lang = rng.choice(["hi", "de", "en"])
    if kind == "credit_note" and lang == "hi":
        lang = rng.choice(["nl", "fr", "de", "en"])
    b = Bill(rng, lang, kind)
    base_kind = "wholesale" if kind == "credit_note" else kind
    b.kind = base_kind if kind != "credit_note" else "credit_note"
    b.market = rng.choice(["ShopKart", "Bazaarline", "Kaufhafen", "MarketMile", "Dealnest"])
    b.multipage = base_kind == "wholesale" and rng.random() < 0.4
    b.igst = lang == "hi" and rng.random() < 0.4
    if lang == "hi" and b.igst:
        while b.buyer.gstin[:2] == b.seller.gstin[:2]:
            b.buyer = Firm(rng, "hi")
    elif lang == "hi":
        b.buyer.gstin = b.seller.gstin[:2] + b.buyer.gstin[2:]
        b.buyer.state = b.seller.state
    prefix = {"nl": ["F", "2026-", "INV"], "fr": ["FA", "F-2026-", "FAC"], "de": ["RE", "RE-2026-", "R"], "en": ["INV-", "", "SI-"],
              "hi": ["GST/26-27/", "INV/", "TI-"]}[lang]
    if kind == "credit_note":
        prefix = {"nl": ["CN"], "fr": ["AV-"], "de": ["GS-"], "en": ["CN-"], "hi": ["CN/26-27/"]}[lang]
    b.number = rng.choice(prefix) + digits(rng, rng.choice([4, 5, 6]))
    b.kind = base_kind
    build_rows(b)
    b.kind = kind if kind == "credit_note" else base_kind
    if kind == "credit_note":
        orig = b.number.replace("CN", "INV").replace("AV-", "FA").replace("GS-", "RE-")
        b.notes.append({"nl": f"Creditnota op factuur {orig}", "fr": f"Avoir sur facture {orig}", "de": f"Gutschrift zu Rechnung {orig}",
                        "en": f"Credit note against invoice {orig}", "hi": f"Against Invoice {orig}"}[lang])
        b.rows = b.rows[:rng.randint(1, 2)]
    # VAT situations
    if lang in ("nl", "fr", "de", "en") and kind in ("saas", "freelancer", "wholesale") and b.buyer.lang != lang and rng.random() < 0.7 and lang != "en":
        b.reverse_charge = True
        b.notes.append(L["reverse"][lang])
    if lang == "de" and kind == "freelancer" and not b.reverse_charge and rng.random() < 0.5:
        b.no_vat_note = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung)."
        b.notes.append(b.no_vat_note)
    if lang == "fr" and kind == "freelancer" and not b.reverse_charge and rng.random() < 0.5:
        b.no_vat_note = "TVA non applicable, art. 293 B du CGI."
        b.notes.append(b.no_vat_note)
    if b.money.currency == "USD" or (lang == "en" and b.money.currency == "INR"):
        pass
    # arrears on phone and power bills
    if kind in ("telecom", "utility") and lang in ("hi", "en") and rng.random() < 0.6:
        prev = money(rng.randint(300, 3000) * (1 if lang == "hi" else Decimal("0.1")))
        got = prev if rng.random() < 0.6 else money(prev / 2)
        b.arrears = prev - got
        b.pre_total += [("Previous balance", prev), ("Payment received - thank you", -got)]
        if b.arrears == 0:
            b.pre_total = b.pre_total if rng.random() < 0.5 else []
    total, tax = compute(b)
    # how it is paid
    pay_choice = None
    if kind in ("saas", "ecommerce", "hotel") and rng.random() < 0.75:
        pay_choice = "card" if lang != "hi" or rng.random() < 0.5 else "upi"
    elif kind in ("telecom", "utility") and lang in ("nl", "fr", "de") and rng.random() < 0.8:
        pay_choice = "bank_transfer"
    elif lang == "hi" and rng.random() < 0.4:
        pay_choice = rng.choice(["bank_transfer", "upi"])
    elif lang == "en" and kind == "utility" and rng.random() < 0.6:
        pay_choice = "bank_transfer"
    if kind == "credit_note":
        pay_choice = None
    b.payment_text = None
    if pay_choice:
        forms = PAID_BY[pay_choice].get(lang) or PAID_BY[pay_choice]["en"]
        b.payment_text = rng.choice(forms).format(c=digits(rng, 4), u=digits(rng, 12), date=b.date(b.issued + datetime.timedelta(days=rng.randint(0, 10))))
        prepaid = pay_choice in ("card", "upi") or "Paid by bank" in b.payment_text or "Betaald per" in b.payment_text or "Réglé" in b.payment_text or "RTGS" in b.payment_text or "NEFT" in b.payment_text
        if prepaid and rng.random() < 0.6:
            b.extra_after_total = [(b.pick("paid"), -(b.gross + b.arrears)), (b.pick("balance"), Decimal(0))]
    elif kind != "credit_note":
        days = rng.choice([14, 30])
        b.payment_text = L["transfer"][lang].format(d=days)
        # Every language's request but the Indian one names the transfer; that one states terms only.
        pay_choice = "bank_transfer" if lang != "hi" else None
        if lang != "hi":
            b.notes.append(f"IBAN {b.seller.iban} · BIC {b.seller.bic}")
        else:
            b.notes.append(f"Bank: HDFC Bank · {b.seller.iban} · {b.seller.bic}")
    if lang == "hi" and kind == "utility":
        # Indian power bills: the duty is no GST; a late figure after the due date.
        b.notes.append(f"Amount payable after due date: {b.money.total(b.gross + b.arrears + money(Decimal(50)))}")
    truth = {
        "payee_name": b.seller.legal,
        "invoice_number": b.number,
        "invoice_date": b.issued.isoformat(),
        "total_amount": f"{total:.2f}",
        "tax_amount": None if tax is None else f"{tax:.2f}",
        "currency": b.money.currency,
        "payment_method": pay_choice,
        "gstin": b.seller.gstin,
        "layout": ("multipage_" if b.multipage else "") + kind,
        "language": lang,
    }
    return b, truth


def to_image_pdf(pdf_path, rng):
    dpi = rng.choice([150, 200, 200, 300])
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", pdf_path, os.path.join(tmp, "p")], check=True)
        from PIL import Image
        pages = [Image.open(os.path.join(tmp, f)).convert("L") for f in sorted(os.listdir(tmp))]
        fixed = time.strptime("2026-01-01", "%Y-%m-%d")     # the same bytes every run (OCR is cached by hash)
        pages[0].save(pdf_path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:],
                      creationDate=fixed, modDate=fixed)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--count", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--images", type=float, default=0.2)
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    truths = []
    for i in range(args.count):
        b, truth = make(rng, i)
        name = f"pdf_{args.seed}_{i + 1:03d}.pdf"
        path = os.path.join(args.out, name)
        render(b, path, Layout(rng))
        if rng.random() < args.images:
            to_image_pdf(path, rng)
            truth["layout"] = "image_pdf_" + truth["layout"]
        truths.append({"file": name, **truth})
    with open(os.path.join(args.out, "truth.jsonl"), "w") as f:
        for t in truths:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"{len(truths)} bills in {args.out}")


if __name__ == "__main__":
    main()
