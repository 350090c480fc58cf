"""Small synthetic bills for the chaos run: a one-page PDF with a text layer (as the extractor's tests make them),
and for some the page rendered to a PNG by `pdftoppm` to stand in for a photo. Each bill is different (number,
amount, date), so no two are the same file."""
import os
import subprocess

PAYEES = ["SHARMA TRADERS", "GUPTA KIRANA STORES", "RELIANCE FRESH", "MAHALAXMI SUPPLIERS", "BALAJI MEDICALS"]


def bill_lines(number, rng):
    taxable = rng.randrange(100, 20000)
    tax = round(taxable * 0.09, 2)
    total = taxable + 2 * tax
    day, month = rng.randrange(1, 28), rng.randrange(1, 12)
    return [
        rng.choice(PAYEES),
        "12, Station Road, Nashik - 422001",
        "GSTIN: 27AAPFU0939F1ZV",
        "TAX INVOICE",
        f"Invoice No: CH-{number:05d}          Date: {day:02d}/{month:02d}/2026",
        f"Taxable Value                 {taxable:>10,.2f}",
        f"CGST @ 9%                     {tax:>10,.2f}",
        f"SGST @ 9%                     {tax:>10,.2f}",
        f"Grand Total               Rs. {total:>10,.2f}",
        rng.choice(["Paid by UPI", "Paid by Cash", "Card payment"]),
    ]


def pdf(lines):
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    content = "BT /F1 12 Tf 16 TL 24 560 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 600] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for i, obj in enumerate(objects):
        offsets.append(len(out.encode()))
        out += f"{i + 1} 0 obj\n{obj}\nendobj\n"
    xref = len(out.encode())
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode()


def make_bills(count, folder, rng):
    """`count` bills in `folder`: about one in three a PNG photo, the rest PDFs. Returns [{"name", "type"}]."""
    os.makedirs(folder, exist_ok=True)
    made = []
    for number in range(count):
        base = os.path.join(folder, f"bill-{number:05d}")
        with open(base + ".pdf", "wb") as f:
            f.write(pdf(bill_lines(number, rng)))
        if number % 3 == 0:
            subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", base + ".pdf", base], check=True)
            os.remove(base + ".pdf")
            made.append({"name": os.path.basename(base) + ".png", "type": "image/png"})
        else:
            made.append({"name": os.path.basename(base) + ".pdf", "type": "application/pdf"})
    return made
