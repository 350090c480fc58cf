#!/usr/bin/env python3
"""Questions through the whole path: signed Twilio webhook → intake → query-generator → responder → provider.

  bench.py --stack WORKDIR [--tenants 1000] [--bills 1000] [--rates 100,500] [--seconds 20]

WORKDIR is a running stack from ../shared/eval/stack.py (release build), started with
--env RATE_LIMIT_PER_MINUTE=0; its stack.json has every URL, variable and process id. The bench

  1. seeds --tenants tenants with --bills bills each over the last year, in SQL as the schema owner
     (generate_series; the rollups fill through the same write path as any insert), then VACUUM ANALYZE;
  2. reads each service's RSS while idle;
  3. for each rate: sends a mix of twelve English and Hinglish questions open-loop at that rate for --seconds,
     each from a random tenant, waits for every reply, and prints one line

       RESULT rate=500 sent=10000 answered=10000 p50_ms=… p99_ms=… cpu_ms_per_question=… cpu_ms=postgres:…,… \
              rss_mb=webhook-intake:…/…,… load=…

     latency is from each webhook POST to the moment the responder recorded the provider's answer
     (outbound_messages.updated_at); CPU is utime+stime from /proc over each stack process and all its descendants
     (PostgreSQL's backends, RabbitMQ's Erlang VM), from just before the first question to the last reply, divided by
     the questions answered; cpu_ms_per_question sums the services, PostgreSQL, Redis and RabbitMQ (the fake provider
     is the outside world and is shown apart), cpu_net_ms_per_question the same less what they spend idle over the
     window (an IDLE line before the runs measures that for 10 s); rss_mb is idle/peak during the run, per service; load is the
     1-minute load average before and after the run.

Not a test: nothing passes or fails. Ends with the same figures as one JSON object.
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
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

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
SERVICES = ["webhook-intake", "query-generator", "client-responder", "invoice-extractor"]
COUNTED = SERVICES + ["postgres", "redis", "rabbitmq", "epmd"]
TENANT_PREFIX = "+9170"


def load_stack(path):
    with open(os.path.join(path, "stack.json") if os.path.isdir(path) else path) as f:
        return json.load(f)


def owner_url(stack):
    return stack["env"].get("MIGRATION_DATABASE_URL", stack["env"]["DATABASE_URL"])


def psql(stack, sql, *extra):
    return subprocess.run(["psql", owner_url(stack), "-v", "ON_ERROR_STOP=1", "-qAt", *extra, "-c", sql],
                          capture_output=True, text=True, check=True).stdout


def tenant(n):
    return f"{TENANT_PREFIX}{n:08d}"


def sql_array(values):
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def seed(stack, tenants, bills):
    """tenants × bills invoices over the last 365 days, each tenant with every payee, in two statements."""
    started = time.time()
    psql(stack, f"""
        SELECT setseed(0.7);
        INSERT INTO tenants (tenant) SELECT '{TENANT_PREFIX}' || lpad(t::text, 8, '0') FROM generate_series(1, {tenants}) t
            ON CONFLICT DO NOTHING;
        INSERT INTO invoices (tenant, payee_name, invoice_number, invoice_date, total_amount, tax_amount, currency,
                              payment_method, category, source)
        SELECT '{TENANT_PREFIX}' || lpad(t::text, 8, '0'), ({sql_array(PAYEES)})[1 + p], 'B' || b,
               current_date - (random() * 364)::int, amount, round(amount * 18 / 118, 2), 'INR',
               ({sql_array(METHODS)})[1 + (random() * {len(METHODS) - 1})::int], ({sql_array(CATEGORIES)})[1 + p % {len(CATEGORIES)}],
               'import'
        FROM generate_series(1, {tenants}) t, generate_series(1, {bills}) b,
             LATERAL (SELECT (random() * {len(PAYEES) - 1})::int + 0 * b AS p,
                             round((100 + random() * 49900)::numeric, 2) + 0 * t AS amount) pick;
        """)
    psql(stack, "VACUUM ANALYZE")
    return time.time() - started


def process_tree():
    """{pid: (ppid, cpu ticks incl. reaped children)} for every process."""
    tree = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the name: state ppid … utime(11) stime(12) cutime(13) cstime(14), counted from state = 0
        tree[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    return tree


def cpu_by_process(stack):
    """CPU seconds so far of each stack process with all its descendants."""
    tree, tick = process_tree(), os.sysconf("SC_CLK_TCK")
    children = {}
    for pid, (ppid, _) in tree.items():
        children.setdefault(ppid, []).append(pid)
    totals = {}
    for proc in stack["processes"]:
        if proc["name"] not in COUNTED + ["fake_provider"] or proc["pid"] not in tree:
            continue
        pending, ticks = [proc["pid"]], 0
        while pending:
            pid = pending.pop()
            ticks += tree[pid][1]
            pending += children.get(pid, [])
        totals[proc["name"]] = totals.get(proc["name"], 0) + ticks / tick
    return totals


def rss_mb(stack, field="VmRSS:", path="status"):
    """Each service's resident size (or, with field="Pss:" and path="smaps_rollup", its proportional share, which
    splits the shared libraries' pages among the processes that map them)."""
    sizes = {}
    for proc in stack["processes"]:
        if proc["name"] in SERVICES:
            try:
                with open(f"/proc/{proc['pid']}/{path}") as f:
                    kb = next(int(line.split()[1]) for line in f if line.startswith(field))
                sizes[proc["name"]] = kb / 1024
            except (OSError, StopIteration):
                pass
    return sizes


class Sender:
    """Signed Twilio webhooks over one keep-alive connection per thread."""

    def __init__(self, stack):
        self.stack = stack
        self.url = stack["public_base_url"] + "/whatsapp"
        self.host = urllib.parse.urlsplit(self.url).netloc
        self.local = threading.local()
        self.sent = {}
        self.failures = 0
        self.lock = threading.Lock()

    def send(self, sender, text):
        sid = "SM" + secrets.token_hex(16)
        form = {"MessageSid": sid, "AccountSid": self.stack["twilio"]["account_sid"], "From": "whatsapp:" + sender,
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


def answered(stack, since):
    """{MessageSid: epoch seconds the reply was confirmed sent} for replies created since `since`."""
    rows = psql(stack, "SELECT in_reply_to || ' ' || extract(epoch FROM updated_at) FROM outbound_messages "
                       f"WHERE status = 'sent' AND created_at >= to_timestamp({since})")
    return {sid: float(epoch) for sid, epoch in (line.split(" ") for line in rows.splitlines())}


def percentile(values, q):
    return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1) if values else None


def idle_cpu(stack, seconds=10):
    """Each process's CPU milliseconds per second with no question in flight (timers, flushes, the broker's ticks)."""
    before, started = cpu_by_process(stack), time.time()
    time.sleep(seconds)
    after, elapsed = cpu_by_process(stack), time.time() - started
    return {name: (after[name] - before.get(name, 0)) * 1000 / elapsed for name in after}


def run_rate(stack, tenants, rate, seconds, concurrency, rng, idle_rss, idle_ms, label="RESULT"):
    sender = Sender(stack)
    total = int(rate * seconds)
    load_before = os.getloadavg()[0]
    cpu_before, window_start = cpu_by_process(stack), time.time()
    peak = dict(idle_rss)
    started = time.time()
    with ThreadPoolExecutor(concurrency) as pool:
        for n in range(total):
            delay = started + n / rate - time.time()
            if delay > 0:
                time.sleep(delay)
            pool.submit(sender.send, tenant(rng.randint(1, tenants)), QUESTIONS[n % len(QUESTIONS)])
            if n % max(1, int(rate / 4)) == 0:
                for name, mb in rss_mb(stack).items():
                    peak[name] = max(peak.get(name, 0), mb)
    send_seconds = time.time() - started
    deadline = time.time() + max(120, total / 20)
    # Only this run's questions: replies to the warm-up's may still land in the window.
    while len(answered(stack, started - 1).keys() & sender.sent.keys()) < len(sender.sent) and time.time() < deadline:
        for name, mb in rss_mb(stack).items():
            peak[name] = max(peak.get(name, 0), mb)
        time.sleep(0.5)
    cpu_after, window = cpu_by_process(stack), time.time() - window_start
    load_after = os.getloadavg()[0]
    times = answered(stack, started - 1)
    latencies = sorted(times[sid] - sent for sid, sent in sender.sent.items() if sid in times)
    cpu = {name: (cpu_after.get(name, 0) - cpu_before.get(name, 0)) * 1000 / max(1, len(latencies))
           for name in cpu_after}
    counted = sum(ms for name, ms in cpu.items() if name in COUNTED)
    # The same without what the processes spend idle over the window: the cost of the questions themselves.
    net = counted - sum(idle_ms.get(name, 0) for name in COUNTED) * window / max(1, len(latencies))
    result = {"rate": rate, "sent": total, "achieved_send_rate": round(total / send_seconds, 1),
              "answered": len(latencies), "webhook_failures": sender.failures,
              "p50_ms": percentile(latencies, 0.5), "p90_ms": percentile(latencies, 0.9),
              "p99_ms": percentile(latencies, 0.99), "max_ms": percentile(latencies, 1.0),
              "mean_ms": round(statistics.mean(latencies) * 1000, 1) if latencies else None,
              "cpu_ms_per_question": round(counted, 2), "cpu_net_ms_per_question": round(net, 2), "cpu_ms": {k: round(v, 2) for k, v in sorted(cpu.items())},
              "rss_mb": {name: [round(idle_rss.get(name, 0), 1), round(peak.get(name, 0), 1)] for name in SERVICES},
              "load": [round(load_before, 2), round(load_after, 2)]}
    print(label + " " + " ".join([
        f"rate={rate:g}", f"sent={total}", f"answered={len(latencies)}", f"failures={sender.failures}",
        f"p50_ms={result['p50_ms']}", f"p90_ms={result['p90_ms']}", f"p99_ms={result['p99_ms']}",
        f"cpu_ms_per_question={result['cpu_ms_per_question']}", f"cpu_net_ms_per_question={result['cpu_net_ms_per_question']}",
        "cpu_ms=" + ",".join(f"{k}:{v:.2f}" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1])),
        "rss_mb=" + ",".join(f"{k}:{v[0]:.0f}/{v[1]:.0f}" for k, v in result["rss_mb"].items()),
        f"load={load_before:.2f}/{load_after:.2f}"]), flush=True)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stack", required=True)
    p.add_argument("--tenants", type=int, default=1000)
    p.add_argument("--bills", type=int, default=1000, help="bills per tenant over the last year (0: seed nothing)")
    p.add_argument("--rates", default="100,500", help="comma-separated questions per second")
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--warmup", type=float, default=5, help="seconds at the first rate before measuring")
    p.add_argument("--concurrency", type=int, default=64)
    args = p.parse_args()
    stack = load_stack(args.stack)
    rng = random.Random(17)
    report = {"tenants": args.tenants, "bills_per_tenant": args.bills, "cores": os.cpu_count(),
              "load_before": os.getloadavg(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    if args.bills:
        report["seed_seconds"] = round(seed(stack, args.tenants, args.bills), 1)
        print(f"seeded {args.tenants} tenants x {args.bills} bills in {report['seed_seconds']} s", flush=True)
    time.sleep(5)    # let the services settle after the seed's VACUUM before reading idle sizes
    idle = rss_mb(stack)
    idle_ms = idle_cpu(stack)
    report["idle_cpu_ms_per_second"] = {k: round(v, 1) for k, v in idle_ms.items()}
    pss = rss_mb(stack, "Pss:", "smaps_rollup")
    report["idle_pss_mb"] = {k: round(v, 1) for k, v in pss.items()}
    print("IDLE cpu_ms_per_second=" + ",".join(f"{k}:{v:.1f}" for k, v in sorted(idle_ms.items(), key=lambda kv: -kv[1]))
          + " rss_mb=" + ",".join(f"{k}:{v:.0f}" for k, v in idle.items())
          + " pss_mb=" + ",".join(f"{k}:{v:.0f}" for k, v in pss.items()), flush=True)
    rates = [float(r) for r in args.rates.split(",")]
    if args.warmup:
        run_rate(stack, args.tenants, rates[0], args.warmup, args.concurrency, rng, idle, idle_ms, "WARMUP")
    report["runs"] = [run_rate(stack, args.tenants, rate, args.seconds, args.concurrency, rng, idle, idle_ms)
                      for rate in rates]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
