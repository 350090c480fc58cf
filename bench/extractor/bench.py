#!/usr/bin/env python3
"""Seconds per bill through the whole pipeline, next to the `tesseract` command alone on the same files.

  bench.py --stack WORKDIR [--fixtures DIR] [--repeat N]

WORKDIR is a running stack (../../../shared/eval/stack.py up). Each file is sent as a WhatsApp media message from a
fresh tenant (so it is read, not answered as a duplicate) and timed from the webhook POST to the reply reaching
the fake provider: download, preprocessing, OCR or PDF text, parsing, storing, and the reply's delivery. The same
file then goes through the tesseract command (PDFs: pdftoppm -r 300 first, as the pipeline does for scans),
once with OpenMP's default threads and once with OMP_THREAD_LIMIT=1 (what the service runs with). A benchmark,
not a test: it prints figures and exits 0.
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "shared", "eval"))
import client  # noqa: E402  (the acceptance harness's own client)

EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".pdf")


def tesseract_seconds(path, threads_env):
    """Wall time of the tesseract command on the file (PDF pages rendered first, timed too)."""
    env = {**os.environ, **threads_env}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        images = [path]
        if path.lower().endswith(".pdf"):
            subprocess.run(["pdftoppm", "-r", "300", "-png", "-l", "3", path, os.path.join(folder, "page")], check=True)
            images = sorted(os.path.join(folder, name) for name in os.listdir(folder))
        for image in images:
            subprocess.run(["tesseract", image, "stdout"], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def has_text_layer(path):
    if not path.lower().endswith(".pdf"):
        return False
    text = subprocess.run(["pdftotext", "-l", "3", path, "-"], capture_output=True, text=True).stdout
    return sum(c.isalnum() for c in text) >= 20


def pipeline_seconds(stack, path, timeout):
    tenant = "+9196" + "".join(random.choice("0123456789") for _ in range(8))
    name = f"bench_{random.getrandbits(32):08x}_{os.path.basename(path)}"
    status, _, sent_at = client.send_media(stack, tenant, path, name=name)
    reply = client.wait_reply(stack, tenant, sent_at, timeout) if status == 200 else None
    if reply is None:
        return None
    return reply["received_at"] - sent_at


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stack", required=True)
    p.add_argument("--fixtures", default=os.path.join(HERE, "..", "..", "..", "shared", "fixtures", "invoices-dev"))
    p.add_argument("--repeat", type=int, default=1, help="runs per file (the median is reported)")
    p.add_argument("--timeout", type=float, default=60)
    args = p.parse_args()
    stack = client.load_stack(args.stack)
    files = sorted(os.path.join(args.fixtures, f) for f in os.listdir(args.fixtures) if f.lower().endswith(EXTENSIONS))

    print(f"{'file':<14}{'pipeline s':>12}{'tesseract s':>13}{'tess 1-thr s':>14}  note")
    rows = []
    for path in files:
        pipeline = [pipeline_seconds(stack, path, args.timeout) for _ in range(args.repeat)]
        default = [tesseract_seconds(path, {}) for _ in range(args.repeat)]
        single = [tesseract_seconds(path, {"OMP_THREAD_LIMIT": "1"}) for _ in range(args.repeat)]
        if None in pipeline:
            print(f"{os.path.basename(path):<14}{'no reply':>12}")
            continue
        row = (statistics.median(pipeline), statistics.median(default), statistics.median(single))
        rows.append((path, row))
        note = "PDF text layer (no OCR needed)" if has_text_layer(path) else ""
        print(f"{os.path.basename(path):<14}{row[0]:>12.2f}{row[1]:>13.2f}{row[2]:>14.2f}  {note}")

    if not rows:
        sys.exit("no replies: is the stack running?")
    for label, chosen in (("all files", rows), ("images and scans only", [r for r in rows if not has_text_layer(r[0])])):
        if not chosen:
            continue
        pipe, tess, single = (sum(r[1][i] for r in chosen) / len(chosen) for i in range(3))
        print(f"\n{label} ({len(chosen)}): mean seconds per document: pipeline {pipe:.2f}, tesseract {tess:.2f}, "
              f"tesseract with one thread {single:.2f}")
        print(f"  pipeline / tesseract = {pipe / tess:.2f}x; pipeline / one-thread tesseract = {pipe / single:.2f}x")


if __name__ == "__main__":
    main()
