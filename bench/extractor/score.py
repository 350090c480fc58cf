#!/usr/bin/env python3
"""Per-field scores of the offline bill reader on folders of bills with a truth.jsonl, in seconds once OCR is cached.

  score.py DIR[:fuzzy] [DIR[:fuzzy] ...] [--cache FOLDER] [--workers N] [--show-failures] [--no-build] [--tesseract-text]
           [--cpu N [--rounds R] [--against BIN_DIR]] [--release]

Runs `bill-reading-bench` (the service's offline reader: Tesseract words, PDF text layer, the BillReading parser)
over each folder and compares its records with truth.jsonl by the acceptance harness's rules: payees match when
one's words contain the other's (":fuzzy" also accepts 80 % alike letters and digits, for long legal names read by
OCR), amounts as decimals, codes without spaces and case, dates and the rest exactly. OCR words are cached in
FOLDER (default bench/extractor/.ocr-cache, gitignored): delete it after changing the image preprocessing.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from decimal import Decimal, InvalidOperation

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FIELDS = ["payee_name", "invoice_number", "invoice_date", "total_amount", "tax_amount", "currency",
          "payment_method", "gstin"]
KEY_FIELDS = ["payee_name", "invoice_date", "total_amount"]
# InvoiceExtraction.sureEnough: below it the reply asks the sender about the field ("?").
SURE_ENOUGH = 0.6


def tokens(name):
    return set(re.sub(r"[^\w\s]", " ", (name or "").casefold()).split())


def same_payee(truth, got, fuzzy):
    a, b = tokens(truth), tokens(got)
    if bool(min(a, b, key=len)) and (a <= b or b <= a):
        return True
    if fuzzy:
        x, y = (re.sub(r"[^0-9a-z]", "", (v or "").casefold()) for v in (truth, got))
        return bool(x and y) and difflib.SequenceMatcher(None, x, y).ratio() >= 0.8
    return False


def same_amount(truth, got):
    if truth is None or got is None:
        return truth is None and got is None
    try:
        return Decimal(str(truth)) == Decimal(str(got))
    except InvalidOperation:
        return False


def same_code(truth, got):
    if truth is None or got is None:
        return truth is None and got is None
    return re.sub(r"\s", "", str(truth)).casefold() == re.sub(r"\s", "", str(got)).casefold()


def compare(field, truth, got, fuzzy):
    if field == "payee_name":
        return same_payee(truth, got, fuzzy)
    if field in ("total_amount", "tax_amount"):
        return same_amount(truth, got)
    if field in ("invoice_number", "gstin"):
        return same_code(truth, got)
    return truth == got


def printed_pattern(amount):
    """A regular expression for the ways a total is printed: 1234.50, 1,234.50, 1.234,50, and OCR's "1234. 50"."""
    try:
        units, cents = f"{Decimal(str(amount)):.2f}".split(".")
    except (InvalidOperation, ValueError):
        return None
    grouped = f"{int(units):,}"
    forms = {rf"{units}[.,] ?{cents}", rf"{re.escape(grouped)}\. ?{cents}",
             rf"{re.escape(grouped.replace(',', '.'))}, ?{cents}"}
    return rf"(?<!\d)(?<!\d[.,])(?:{'|'.join(forms)})(?!\d)"


def total_in_ocr(folder, truths, cache, revision):
    """How often the true total is printed somewhere in what OCR read (first read; first or second), from the cache:
    the ceiling image preparation sets for the parser."""
    first = either = read = 0
    for truth in truths:
        with open(os.path.join(folder, truth["file"]), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:24]
        texts = []
        for layout in ("automatic", "singleBlock"):
            try:
                with open(os.path.join(cache, f"{digest}-{layout}-r{revision}.json")) as f:
                    texts.append("\n".join(page["text"] for page in json.load(f)))
            except FileNotFoundError:
                texts.append(None)
        if texts[0] is None:
            continue
        pattern = printed_pattern(truth.get("total_amount"))
        found = [bool(pattern) and re.search(pattern, text or "") is not None for text in texts]
        read += 1
        first += found[0]
        either += found[0] or found[1]
    return first, either, read


def score(folder, fuzzy, records, show_failures, ocr_totals=None):
    with open(os.path.join(folder, "truth.jsonl")) as f:
        truths = [json.loads(line) for line in f if line.strip()]
    counts = {field: [0, 0] for field in FIELDS}
    # Per key field: wrong and flagged unsure, wrong but shown as sure, right but flagged unsure.
    flags = {field: [0, 0, 0] for field in KEY_FIELDS}
    key_correct, passed, seconds = 0, 0, []
    for truth in truths:
        got = records.get(truth["file"], {})
        seconds.append(got.get("seconds", 0))
        verdicts = {f: compare(f, truth[f], got.get(f), fuzzy) for f in FIELDS if f in truth}
        for f, ok in verdicts.items():
            counts[f][0] += ok
            counts[f][1] += 1
        for f in KEY_FIELDS:
            if f in verdicts:
                unsure = got.get("confidence", {}).get(f, 0) < SURE_ENOUGH
                flags[f][0 if not verdicts[f] and unsure else 1 if not verdicts[f] else 2] += (not verdicts[f]) or unsure
        key_ok = all(verdicts.get(f, True) for f in KEY_FIELDS)
        key_correct += key_ok
        passed += key_ok and verdicts.get("tax_amount", True)
        if show_failures and not all(verdicts.values()):
            # FAIL: payee, date or total wrong; MISS: only other fields (tax, number, GSTIN, payment) wrong.
            wrong = "; ".join(f"{f}: want {truth[f]!r} got {got.get(f)!r}" for f in FIELDS
                              if f in verdicts and not verdicts[f])
            print(f"  {'FAIL' if not key_ok else 'MISS'} {truth['file']}: {wrong}")
    name = os.path.basename(os.path.normpath(folder))
    print(f"{name} ({len(truths)} bills, payee match {'fuzzy' if fuzzy else 'words'})")
    for f, (correct, total) in counts.items():
        if total:
            print(f"  {f:<16} {correct:>4}/{total:<4} {100 * correct / total:5.1f}%")
    n = len(truths)
    print(f"  {'payee+date+total':<16} {key_correct:>4}/{n:<4} {100 * key_correct / n:5.1f}%")
    print(f"  {'all four (+tax)':<16} {passed:>4}/{n:<4} {100 * passed / n:5.1f}%")
    for f, (caught, missed, needless) in flags.items():
        print(f"  {f:<16} wrong: {caught} asked about, {missed} shown as sure; right but asked about: {needless}")
    if ocr_totals and ocr_totals[2]:
        first, either, read = ocr_totals
        print(f"  total present in OCR text: {first}/{read} in the first read, {either}/{read} in either read")
    print(f"  reading seconds per bill (cached OCR is near 0): mean {sum(seconds) / max(1, n):.2f}")


def cpu_seconds(command, env=None):
    """CPU seconds (user + system) the command and its children use."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, **(env or {})})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare_cpu(binary, folder, count, rounds, against=None):
    """The reader's CPU per bill, OCR not cached, against the tesseract command's on the same images, in `rounds`
    alternating rounds: on a shared machine the same work measures 10-15 % apart from one run to the next, so each
    round's ratio is printed and the median is the figure. `against`: another build's folder (a copy of the reader
    before a change), run in the same rounds, so before and after meet the same load."""
    names = sorted(f for f in os.listdir(folder) if f.lower().endswith((".jpg", ".jpeg", ".png")))[:count]
    readers = {"reader": binary, **({"against": against} if against else {})}
    ratios = {label: [] for label in readers}
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            os.symlink(os.path.join(os.path.abspath(folder), name), os.path.join(work, name))
        for round in range(rounds):
            # The two builds take turns going first.
            order = list(readers.items())[::-1 if round % 2 else 1]
            ours = {label: cpu_seconds([os.path.join(path, "bill-reading-bench"), work, "--workers", "1"],
                                       {"OMP_THREAD_LIMIT": "1"})
                    for label, path in order}
            theirs = sum(cpu_seconds(["tesseract", os.path.join(work, n), "stdout"], {"OMP_THREAD_LIMIT": "1"})
                         for n in names)
            for label, seconds in ours.items():
                ratios[label].append(seconds / theirs)
            print(f"CPU on {len(names)} images of {os.path.basename(os.path.normpath(folder))}: "
                  + ", ".join(f"{label} {ours[label] / len(names):.2f} s per bill ({ours[label] / theirs:.2f}x)"
                              for label in readers)
                  + f", tesseract command {theirs / len(names):.2f} s (load {os.getloadavg()[0]:.1f})")
    for label, values in ratios.items():
        print(f"CPU ratio of the {label}, median of {rounds} round(s): {statistics.median(values):.2f}x")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folders", nargs="+", metavar="DIR[:fuzzy]")
    p.add_argument("--cache", default=os.path.join(HERE, ".ocr-cache"))
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--show-failures", action="store_true")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--release", action="store_true", help="build and run the release build (as the service runs; for --cpu)")
    p.add_argument("--cpu", type=int, metavar="N",
                   help="also compare CPU per bill with the tesseract command on the first N images (no cache)")
    p.add_argument("--rounds", type=int, default=3, metavar="R",
                   help="with --cpu: alternate the reader and the command R times and report the median ratio")
    p.add_argument("--against", metavar="BIN_DIR",
                   help="with --cpu: also run the bill-reading-bench in BIN_DIR (a copy of the build before a change) "
                        "in the same rounds")
    p.add_argument("--tesseract-text", action="store_true",
                   help="parse Tesseract's own text lines instead of the words laid out by their boxes (the old way)")
    args = p.parse_args()
    configuration = ["-c", "release"] if args.release else []
    if not args.no_build:
        subprocess.run(["swift", "build", "--product", "bill-reading-bench"] + configuration, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "--show-bin-path"] + configuration, cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    revision = subprocess.run([os.path.join(binary, "bill-reading-bench"), "--revision"], check=True,
                              capture_output=True, text=True).stdout.strip()
    for spec in args.folders:
        folder, _, mode = spec.partition(":")
        run = subprocess.run([os.path.join(binary, "bill-reading-bench"), folder, "--cache", args.cache,
                              "--workers", str(args.workers)] + (["--tesseract-text"] if args.tesseract_text else []),
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"bill-reading-bench failed on {folder} ({run.returncode}):\n{run.stderr[-3000:]}")
        out = run.stdout
        records = {r["file"]: r for r in map(json.loads, out.splitlines())}
        failed = {name: r["error"] for name, r in records.items() if "error" in r}
        if failed:
            print(f"warning: {len(failed)} bill(s) in {folder} not read, scored as misses (run again to retry): "
                  + "; ".join(f"{name}: {error}" for name, error in sorted(failed.items())), file=sys.stderr)
        with open(os.path.join(folder, "truth.jsonl")) as f:
            truths = [json.loads(line) for line in f if line.strip()]
        score(folder, mode == "fuzzy", records, args.show_failures, total_in_ocr(folder, truths, args.cache, revision))
    if args.cpu:
        compare_cpu(binary, args.folders[-1].partition(":")[0], args.cpu, args.rounds, args.against)


if __name__ == "__main__":
    main()
