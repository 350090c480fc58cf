#!/usr/bin/env python3
"""Questions through the whole path: signed Twilio webhook → intake → query-generator → responder → provider.

  bench.py --stack WORKDIR [--invoices 100000] [--rate 500] [--seconds 20] [--burst 2000] [--concurrency 64]

WORKDIR is a running stack from ../shared/eval/stack.py, started with --env RATE_LIMIT_PER_MINUTE=0 (intake would
otherwise throttle one sender this fast); its stack.json has every URL and variable. The bench
imports --invoices bills for a fresh tenant with `fintrak import-invoices`, then
  1. throughput: --burst questions with at most --concurrency in flight; questions answered per second;
  2. latency: questions sent open-loop at --rate per second for --seconds; p50/p90/p99/max from each webhook
     POST to the moment the responder had the provider's answer (outbound_messages.updated_at of the reply).
Prints one JSON object with the figures. Not a test: nothing passes or fails.
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

QUESTIONS = [
    "How much did I spend last month?", "pichle mahine ka GST kitna tha?", "how much did i spend at dmart this month",
    "top 3 suppliers this year", "How many bills last week?", "What was my biggest bill last month?",
    "Reliance ko is mahine kitna diya?", "How much did I pay by UPI in the last 7 days?", "average bill yesterday",
    "kitne bill aaye aaj", "UPI vs cash spend last month", "How much did I spend on fuel last month?",
]
PAYEES = ["Reliance Digital", "DMart", "Sharma Traders", "Agarwal Wholesale Mart", "More Supermarket", "Indian Oil",
          "Bharat Petroleum", "IRCTC", "MakeMyTrip", "Haldiram's", "Swiggy", "Gupta Estates", "BSES Rajdhani",
          "Jio Fiber", "Airtel Postpaid"] + [f"Supplier {n:02d}" for n in range(25)]
CATEGORIES = ["stock purchase", "groceries", "fuel", "travel", "food", "rent", "electricity", "internet"]
METHODS = ["cash", "card", "upi", "bank_transfer", "cheque"]


def load_stack(path):
    with open(os.path.join(path, "stack.json") if os.path.isdir(path) else path) as f:
        return json.load(f)


def seed(stack, tenant, count):
    """count invoices over the last three years, imported in one go."""
    rng, today = random.Random(7), date.today()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for n in range(count):
            total = rng.randint(10_000, 5_000_000) / 100
            f.write(json.dumps({
                "payee_name": rng.choice(PAYEES), "invoice_number": f"B{n:06d}",
                "invoice_date": (today - timedelta(days=rng.randint(0, 3 * 365))).isoformat(),
                "total_amount": f"{total:.2f}", "tax_amount": f"{total * 18 / 118:.2f}", "currency": "INR",
                "payment_method": rng.choice(METHODS), "category": rng.choice(CATEGORIES), "gstin": None}) + "\n")
    started = time.time()
    result = subprocess.run([stack["fintrak"], "import-invoices", "--tenant", tenant, f.name], capture_output=True,
                            text=True, env={**os.environ, **stack["env"]})
    os.unlink(f.name)
    if result.returncode != 0:
        sys.exit("import-invoices failed: " + result.stderr[-500:])
    # A bulk load is followed by fresh planner statistics, as an operator would after one.
    subprocess.run(["psql", stack["env"]["DATABASE_URL"], "-qc", "VACUUM ANALYZE invoices"], check=True)
    return time.time() - started


class Sender:
    """Signed Twilio webhooks over one keep-alive connection per thread."""

    def __init__(self, stack, tenant):
        self.stack, self.tenant = stack, tenant
        self.url = stack["public_base_url"] + "/whatsapp"
        self.host = urllib.parse.urlsplit(self.url).netloc
        self.local = threading.local()
        self.sent = {}
        self.failures = 0
        self.lock = threading.Lock()

    def send(self, text):
        sid = "SM" + secrets.token_hex(16)
        form = {"MessageSid": sid, "AccountSid": self.stack["twilio"]["account_sid"], "From": "whatsapp:" + self.tenant,
                "To": self.stack["twilio"]["whatsapp_number"], "Body": text, "NumMedia": "0"}
        payload = self.url + "".join(name + form[name] for name in sorted(form))
        signature = base64.b64encode(hmac.new(self.stack["twilio"]["auth_token"].encode(), payload.encode(),
                                              hashlib.sha1).digest()).decode()
        body = urllib.parse.urlencode(form)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
        started = time.time()
        for _ in range(2):    # one retry on a connection the server closed
            try:
                connection = getattr(self.local, "connection", None) or http.client.HTTPConnection(self.host, timeout=10)
                self.local.connection = connection
                connection.request("POST", "/whatsapp", body, headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    with self.lock:
                        self.sent[sid] = started
                    return
                break
            except (OSError, http.client.HTTPException):
                self.local.connection = None
        with self.lock:
            self.failures += 1


def answered(stack, tenant, sids):
    """{MessageSid: epoch seconds the reply was confirmed sent} for the given inbound messages."""
    query = ("SELECT in_reply_to || ' ' || extract(epoch FROM updated_at) FROM outbound_messages "
             f"WHERE tenant = '{tenant}' AND status = 'sent'")
    result = subprocess.run(["psql", stack["env"]["DATABASE_URL"], "-At", "-c", query], capture_output=True, text=True,
                            check=True)
    times = {}
    for line in result.stdout.splitlines():
        sid, epoch = line.split(" ")
        if sid in sids:
            times[sid] = float(epoch)
    return times


def wait_answers(stack, sender, timeout):
    deadline = time.time() + timeout
    while True:
        times = answered(stack, sender.tenant, sender.sent)
        if len(times) >= len(sender.sent) or time.time() > deadline:
            return times
        time.sleep(0.5)


def percentiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else None
    return {"p50_ms": pick(0.5), "p90_ms": pick(0.9), "p99_ms": pick(0.99), "max_ms": pick(1.0),
            "mean_ms": statistics.mean(values) * 1000 if values else None}


def throughput(stack, tenant, burst, concurrency):
    sender = Sender(stack, tenant)
    started = time.time()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(sender.send, (QUESTIONS[n % len(QUESTIONS)] for n in range(burst))))
    times = wait_answers(stack, sender, max(120, burst / 20))
    finished = max(times.values()) if times else time.time()
    return {"questions": burst, "answered": len(times), "webhook_failures": sender.failures,
            "seconds": round(finished - started, 2),
            "questions_per_second": round(len(times) / (finished - started), 1)}


def latency(stack, tenant, rate, seconds, concurrency):
    sender = Sender(stack, tenant)
    total = int(rate * seconds)
    started = time.time()
    with ThreadPoolExecutor(concurrency) as pool:
        for n in range(total):
            delay = started + n / rate - time.time()
            if delay > 0:
                time.sleep(delay)
            pool.submit(sender.send, QUESTIONS[n % len(QUESTIONS)])
    send_seconds = time.time() - started
    times = wait_answers(stack, sender, max(120, total / 20))
    latencies = [times[sid] - sent for sid, sent in sender.sent.items() if sid in times]
    return {"rate_per_second": rate, "seconds": seconds, "sent": total, "achieved_send_rate": round(total / send_seconds, 1),
            "answered": len(latencies), "webhook_failures": sender.failures, **percentiles(latencies)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stack", required=True)
    p.add_argument("--tenant", default="+9198" + "".join(random.choice("0123456789") for _ in range(8)),
                   help="E.164 digits only (it is put into the bench's own SQL)")
    p.add_argument("--invoices", type=int, default=100_000)
    p.add_argument("--rate", type=float, default=500)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--burst", type=int, default=2000)
    p.add_argument("--concurrency", type=int, default=64)
    args = p.parse_args()
    stack = load_stack(args.stack)
    if not (args.tenant.startswith("+") and args.tenant[1:].isdigit()):
        sys.exit("--tenant must be +digits")
    report = {"tenant": args.tenant, "invoices": args.invoices, "cores": os.cpu_count(), "load_before": os.getloadavg()}
    if args.invoices:
        report["import_seconds"] = round(seed(stack, args.tenant, args.invoices), 1)
    report["throughput"] = throughput(stack, args.tenant, args.burst, args.concurrency)
    report["latency"] = latency(stack, args.tenant, args.rate, args.seconds, args.concurrency)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
