#!/usr/bin/env python3
"""The chaos run: N mixed messages over all three providers while services are SIGKILLed and servers restarted,
then a count of what came back. Started by bench/chaos/run.sh (which builds first); what it checks and its figures: BENCHMARKS.md.

Exit status 0 only when every message got exactly one reply, no invoice or ledger entry is missing or doubled, and
every dead letter is explained (an apology the sender received, with its reason recorded).
"""
import argparse
import base64
import collections
import hashlib
import hmac
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from bills import make_bills
from fake_provider import Credentials, FakeProvider

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICES = ["webhook-intake", "invoice-extractor", "query-generator", "client-responder"]
PROVIDERS = ["twilio", "gupshup", "meta"]
APOLOGY = "Sorry, something went wrong on our side"
# What client-responder logs (warning, with the reply postponed) while a redelivered reply waits for the report of
# an earlier send.
AWAITING_REPORT = "waiting for the provider's report on an earlier send"


def say(*words):
    print("chaos:", *words, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# MARK: the servers and the services

class Servers:
    """PostgreSQL, Redis and RabbitMQ from scripts/dev-servers.sh, in a folder of their own."""

    def __init__(self, folder, command="start"):
        self.folder = folder
        self.script = os.path.join(ROOT, "scripts", "dev-servers.sh")
        subprocess.run([self.script, command, folder], check=True, stdout=subprocess.DEVNULL)
        dump = subprocess.run(["bash", "-c", f'source "{folder}/env.sh" && env -0'], check=True, capture_output=True)
        self.env = dict(item.split("=", 1) for item in dump.stdout.decode().split("\0") if "=" in item)

    def restart(self, server):
        subprocess.run([self.script, "pause", self.folder, server], check=True, stdout=subprocess.DEVNULL)
        time.sleep(2)
        subprocess.run([self.script, "resume", self.folder, server], check=True, stdout=subprocess.DEVNULL)

    def psql(self, sql):
        """Rows as lists of strings, read as the schema's owner (a superuser here: row-level security aside)."""
        out = subprocess.run(["psql", self.env["MIGRATION_DATABASE_URL"], "-XAtq", "-F", "\t", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def queue_depths(self):
        out = subprocess.run(["/usr/lib/rabbitmq/bin/rabbitmqctl", "-q", "list_queues", "-p", "fintrak", "name", "messages"],
                             env=self.env, capture_output=True, text=True, timeout=60).stdout
        depths = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                depths[parts[0]] = int(parts[1])
        return depths

    def stop(self):
        subprocess.run([self.script, "stop", self.folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Services:
    """The four services, each restartable on its own port with the same environment."""

    def __init__(self, binaries, env, logs):
        self.binaries, self.env, self.logs = binaries, env, logs
        self.ports = {name: free_port() for name in SERVICES}
        self.processes = {}
        self.kills = collections.Counter()
        # Kills of client-responder made while the fake held a taken send's answer, by the send's provider.
        self.window_kills = collections.Counter()
        self.kill_times = collections.defaultdict(list)
        self.lock = threading.Lock()

    def start(self, name):
        with open(os.path.join(self.logs, name + ".log"), "ab") as log:
            self.processes[name] = subprocess.Popen(
                [os.path.join(self.binaries, name)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, env={**self.env, "HTTP_PORT": str(self.ports[name])}, start_new_session=True)

    def ready(self, name):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.ports[name]}/ready", timeout=2) as answer:
                return answer.status == 200
        except (OSError, urllib.error.HTTPError):
            return False

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        for name in SERVICES:
            while not self.ready(name):
                if self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited with {self.processes[name].returncode}; see its log")
                if time.time() > deadline:
                    raise RuntimeError(f"{name} not ready after {timeout} s")
                time.sleep(0.3)

    def kill_and_restart(self, name, rng):
        with self.lock:
            process = self.processes[name]
            os.kill(process.pid, signal.SIGKILL)
            self.kill_times[name].append(time.time())
            process.wait()
            self.kills[name] += 1
            time.sleep(rng.uniform(0.2, 2.0))
            self.start(name)

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


# MARK: what the senders send

KHATA_PARTIES = ["Ramesh", "Kavita Textiles", "Mahalaxmi Suppliers"]
QUESTIONS = ["how much did I spend last month?", "total spent this year", "how many bills this month?",
             "pichle mahine ka GST kitna tha?", "what is the largest bill this year?", "kitna kharcha hua is mahine"]
CHATTER = ["hi", "help", "thanks", "ok 👍", "menu"]


def plan(count, senders, rng):
    """`count` messages spread over `senders` senders, each sender on one provider, in the order each sends them.
    Kinds: text (menu and chatter), question, khata (an entry with a known amount and direction), bill (PDF or photo)."""
    numbers = [f"+9198{70000000 + i:08d}" for i in range(senders)]
    messages = []
    for i in range(count):
        sender = numbers[i % senders]
        provider = PROVIDERS[(i % senders) % len(PROVIDERS)]
        roll = rng.random()
        if roll < 0.12:
            kind, text = "text", rng.choice(CHATTER)
        elif roll < 0.45:
            kind, text = "question", rng.choice(QUESTIONS)
        elif roll < 0.85:
            party, amount = rng.choice(KHATA_PARTIES), rng.randrange(10, 5000)
            if rng.random() < 0.6:
                kind, text, signed = "khata", f"{party} {amount} udhaar", amount
            else:
                kind, text, signed = "khata", f"{party} ne {amount} diye", -amount
            messages.append({"index": i, "sender": sender, "provider": provider, "kind": kind, "text": text,
                             "amount": signed})
            continue
        else:
            kind, text = "bill", None
        messages.append({"index": i, "sender": sender, "provider": provider, "kind": kind, "text": text})
    return messages


# MARK: webhooks as each provider posts them

def twilio_signature(url, fields):
    data = url + "".join(name + value for name, value in sorted(fields))
    digest = hmac.new(Credentials.twilio_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def webhook(message, intake, fake_url):
    """(URL, body bytes, headers) for one message as its provider would post it."""
    sender, mid, text, media = message["sender"], message["id"], message.get("text"), message.get("media")
    digits = sender.lstrip("+")
    if message["provider"] == "twilio":
        fields = [("MessageSid", mid), ("AccountSid", Credentials.twilio_sid), ("From", "whatsapp:" + sender),
                  ("To", Credentials.twilio_number), ("WaId", digits), ("ProfileName", "Chaos " + digits[-4:]),
                  ("Body", text or ""), ("NumMedia", "1" if media else "0")]
        if media:
            fields += [("MediaUrl0", f"{fake_url}/media/{media['name']}"), ("MediaContentType0", media["type"])]
        url = intake + "/whatsapp"
        return url, urllib.parse.urlencode(fields).encode(), {
            "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": twilio_signature(url, fields)}
    if message["provider"] == "gupshup":
        if media:
            kind = "image" if media["type"].startswith("image/") else "file"
            inner = {"url": f"{fake_url}/media/{media['name']}", "contentType": media["type"], "name": media["name"]}
        else:
            kind, inner = "text", {"text": text}
        body = {"app": Credentials.gupshup_app, "timestamp": int(time.time() * 1000), "version": 2, "type": "message",
                "payload": {"id": mid, "source": digits, "type": kind, "payload": inner,
                            "sender": {"phone": digits, "name": "Chaos " + digits[-4:], "country_code": "91"}}}
        url = f"{intake}/gupshup_incoming_webhook?token={Credentials.gupshup_webhook_token}"
        return url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    entry = {"from": digits, "id": mid, "timestamp": str(int(time.time()))}
    if media:
        kind = "image" if media["type"].startswith("image/") else "document"
        entry.update({"type": kind, kind: {"id": media["name"], "mime_type": media["type"], "filename": media["name"]}})
    else:
        entry.update({"type": "text", "text": {"body": text}})
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"phone_number_id": Credentials.meta_phone_id},
        "contacts": [{"profile": {"name": "Chaos " + digits[-4:]}, "wa_id": digits}], "messages": [entry]}}]}]}).encode()
    signature = "sha256=" + hmac.new(Credentials.meta_app_secret.encode(), body, hashlib.sha256).hexdigest()
    return intake + "/webhooks/meta", body, {"Content-Type": "application/json", "X-Hub-Signature-256": signature}


def post_until_accepted(url, body, headers, deadline):
    """Posts as a provider retries: again after a refused connection or a 5xx (with back-off), until a 200.
    Returns (status, attempts); a 4xx is returned at once (the driver built a bad request)."""
    attempts, pause = 0, 0.2
    while True:
        attempts += 1
        try:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=15) as answer:
                return answer.status, attempts
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return error.code, attempts
        except OSError:
            pass
        if time.time() > deadline:
            return None, attempts
        time.sleep(pause)
        pause = min(pause * 2, 3.0)


# MARK: the run

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, help="messages to send")
    parser.add_argument("--work", required=True, help="a folder for servers, logs, bills and the outbox")
    parser.add_argument("--binaries", required=True, help="the folder with the four service executables and fintrak")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rate", type=float, default=12.0, help="messages sent per second, all senders together")
    parser.add_argument("--drain-timeout", type=int, default=900, help="seconds to wait for the last replies")
    parser.add_argument("--window-kills", type=int, default=0,
                        help="extra SIGKILLs of client-responder, spread over the run, each the moment the fake has taken "
                             "a send and before it answers (the window a lost send record comes from)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.work, "logs"), exist_ok=True)
    media_dir = os.path.join(args.work, "media")
    started = time.time()

    messages, senders = prepare_messages(args.count, args.seed, media_dir, rng)

    servers = Servers(os.path.join(args.work, "servers"))
    fake = FakeProvider(media_dir, os.path.join(args.work, "outbox.jsonl"))
    services = None
    try:
        env = {**os.environ, **servers.env}
        subprocess.run([os.path.join(args.binaries, "fintrak"), "migrate"], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=open(os.path.join(args.work, "logs", "migrate.log"), "ab"))
        services = Services(args.binaries, {}, os.path.join(args.work, "logs"))
        intake = f"http://127.0.0.1:{services.ports['webhook-intake']}"
        services.env = service_env(env, intake, fake)
        for name in SERVICES:
            services.start(name)
        services.wait_ready()
        fake.callbacks_to(intake)
        say(f"services ready after {time.time() - started:.0f} s; sending at {args.rate:g}/s")
        sent, restarted = run_chaos(messages, services, servers, fake, intake, args.rate, rng, args.window_kills)
        services.wait_ready(timeout=180)
        figures, ok = check(messages, sent, servers, fake, services, args.drain_timeout)
        figures["server_restarts"] = ",".join(restarted) or "none"
        print(f"chaos N={args.count} senders={senders} " + " ".join(f"{k}={v}" for k, v in figures.items())
              + f" seconds={time.time() - started:.0f}", flush=True)
        return 0 if ok else 1
    finally:
        if services:
            services.stop()
        fake.stop()
        servers.stop()


def prepare_messages(count, seed, media_dir, rng):
    """`count` planned messages with their bills made and provider message ids given; (messages, senders)."""
    senders = max(12, count // 25)
    messages = plan(count, senders, rng)
    bills = [m for m in messages if m["kind"] == "bill"]
    say(f"{len(messages)} messages from {senders} senders; making {len(bills)} bills")
    for message, media in zip(bills, make_bills(len(bills), media_dir, rng)):
        message["media"] = media
    for message in messages:
        message["id"] = message_id(message["provider"], f"{seed}x{message['index']:06d}")
    return messages, senders


def message_id(provider, suffix):
    """A provider message id in that provider's own shape."""
    return {"twilio": "SMchaos", "gupshup": "gs-chaos-", "meta": "wamid.chaos"}[provider] + suffix


def service_env(env, intake, fake):
    """The services' environment: the servers' URLs in `env`, all three providers pointed at the fake one."""
    return {**env, "LOG_LEVEL": "warning", "WHATSAPP_PROVIDER": "twilio", "PUBLIC_BASE_URL": intake,
            "TWILIO_ACCOUNT_SID": Credentials.twilio_sid, "TWILIO_AUTH_TOKEN": Credentials.twilio_token,
            "TWILIO_WHATSAPP_NUMBER": Credentials.twilio_number, "TWILIO_API_BASE": fake.url,
            "GUPSHUP_API_KEY": Credentials.gupshup_key, "GUPSHUP_APP_NAME": Credentials.gupshup_app,
            "GUPSHUP_SOURCE_NUMBER": Credentials.gupshup_source, "GUPSHUP_API_BASE": fake.url,
            "GUPSHUP_WEBHOOK_TOKEN": Credentials.gupshup_webhook_token,
            "META_API_BASE": fake.url + "/graph", "META_ACCESS_TOKEN": Credentials.meta_token,
            "META_PHONE_NUMBER_ID": Credentials.meta_phone_id, "META_APP_SECRET": Credentials.meta_app_secret,
            "META_VERIFY_TOKEN": Credentials.meta_verify_token, "TZ": "Asia/Kolkata"}


def send_all(messages, post, rate, threads=24):
    """Sends every message with `post(message)` -> (status, attempts), each sender's in order and one at a time, all
    senders together at most `rate` a second. Returns at once: ({message id: (status, attempts)}, filled in as they
    go, and the sending threads, for the caller to join)."""
    by_sender = collections.defaultdict(collections.deque)
    for message in messages:
        by_sender[message["sender"]].append(message)
    queue = collections.deque(by_sender.values())
    lock, sent = threading.Lock(), {}
    interval = 1.0 / rate
    next_slot = [time.time()]

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                mine = queue.popleft()
                message = mine.popleft()
                slot = next_slot[0] = max(next_slot[0] + interval, time.time())
            time.sleep(max(0.0, slot - time.time()))
            status, attempts = post(message)
            with lock:
                sent[message["id"]] = (status, attempts)
                if mine:
                    queue.append(mine)

    workers = [threading.Thread(target=worker) for _ in range(min(threads, len(by_sender)))]
    for thread in workers:
        thread.start()
    return sent, workers


def run_chaos(messages, services, servers, fake, intake, rate, rng, window_kills=0):
    """Sends every message (each sender's in order, each retried until intake takes it) while a second thread kills
    services at random and restarts each server once, and a third (with `window_kills`) kills client-responder that
    many times the moment the fake has taken a send, before it answers. Returns {message id: (status, attempts)}."""
    done, restarted = threading.Event(), []

    def post(message):
        url, body, headers = webhook(message, intake, fake.url)
        return post_until_accepted(url, body, headers, time.time() + 600)

    # About three kills of each service over the sending time, at random moments; each server restarted once, at a
    # quarter, half and three quarters of the messages (or right after the last, in a run too short to reach them).
    pause = min(12.0, max(1.5, len(messages) / rate / 12))
    restarts = {0.25: "rabbitmq", 0.5: "redis", 0.75: "postgres"}

    def restart_due(progress):
        for mark in sorted(restarts):
            if progress >= mark:
                server = restarts.pop(mark)
                say(f"restarting {server} at {progress:.0%} of the messages")
                servers.restart(server)
                restarted.append(server)

    def chaos():
        order = []
        while not done.wait(rng.uniform(0.5, 1.5) * pause):
            restart_due(len(sent) / len(messages))
            if not order:
                order = SERVICES[:]
                rng.shuffle(order)
            services.kill_and_restart(order.pop(), rng)
        restart_due(1.0)

    window_rng = random.Random(rng.random())

    def kill_in_window(send):
        services.window_kills[send["provider"]] += 1
        services.kill_and_restart("client-responder", window_rng)

    def window_killer():
        gap = len(messages) / rate / (window_kills + 1)
        for _ in range(window_kills):
            if done.wait(gap):
                return
            fake.before_answering_next_send(kill_in_window)

    sent, threads = send_all(messages, post, rate)
    killers = [threading.Thread(target=chaos), threading.Thread(target=window_killer)]
    for killer in killers:
        killer.start()
    for thread in threads:
        thread.join()
    done.set()
    for killer in killers:
        killer.join()
    say(f"all {len(sent)} messages taken by intake; kills: {dict(services.kills)}")
    return sent, restarted


def check(messages, sent, servers, fake, services, drain_timeout):
    """Waits until every message is answered (or nothing moves for a while), then counts."""
    ids = {m["id"] for m in messages}
    deadline, last_change, last_answered = time.time() + drain_timeout, time.time(), -1
    while True:
        replies = replies_by_message(servers, fake)
        answered = sum(1 for i in ids if replies["delivered"].get(i))
        if answered != last_answered:
            last_answered, last_change = answered, time.time()
        if answered == len(ids) and time.time() - last_change > 10:
            break
        if time.time() > deadline or time.time() - last_change > 240:
            say(f"giving up waiting: {answered} of {len(ids)} answered")
            break
        time.sleep(3)

    delivered, orphans = replies["delivered"], replies["orphans"]
    # README's window for a duplicate: the provider accepted a message and the responder was killed before the UPDATE
    # that records it committed. The provider's delivery report then records it (reconciled); only when no report came
    # within the responder's wait does the redelivered reply go again, counted on its row (`unconfirmed_resends`).
    # Such a send is known by its copy (same recipient and text) whose row counts an unconfirmed resend: counted apart
    # (per provider) from duplicates with any other cause, which fail the run.
    unconfirmed = {(send["to"], send["body"]) for send in replies["known_sends"] if send["unconfirmed_resends"] > 0}
    kills = services.kill_times["client-responder"]
    in_window = [send for send in orphans if (send["to"], send["body"]) in unconfirmed]
    orphans = [send for send in orphans if send not in in_window]
    with open(os.path.join(services.logs, "client-responder.log"), encoding="utf-8", errors="replace") as log:
        waited = log.read().count(AWAITING_REPORT)
    reconciled = int(servers.psql("SELECT count(*) FROM outbound_messages WHERE recorded_from_report")[0][0])
    lost = [i for i in ids if not delivered.get(i)]
    doubled = [i for i in ids if len(delivered.get(i, {})) > 1]
    apologies = [i for i in ids if any(APOLOGY in body for body in delivered.get(i, {}).values())]
    dead_letters = {row[0]: row[1] for row in servers.psql("SELECT provider_message_id, reason FROM inbound_dead_letters")}
    unexplained_apologies = [i for i in apologies if i not in dead_letters]

    # Invoices: one per bill answered "Saved", none for anything else, none twice.
    invoice_rows = servers.psql("SELECT provider_message_id, count(*) FROM invoices WHERE source = 'whatsapp' "
                                "GROUP BY provider_message_id")
    invoices = {row[0]: int(row[1]) for row in invoice_rows}
    bills = [m for m in messages if m["kind"] == "bill"]
    saved = [m["id"] for m in bills if any(b.startswith("Saved") for b in delivered.get(m["id"], {}).values())]
    invoice_missing = [i for i in saved if invoices.get(i, 0) == 0]
    invoice_doubled = [i for i, n in invoices.items() if n > 1]
    invoice_stray = [i for i in invoices if i not in ids]

    # Ledger: one entry per khata line, with its amount; none twice.
    entry_rows = servers.psql("SELECT provider_message_id, count(*), sum(amount) FROM ledger_entries "
                              "WHERE kind = 'entry' AND provider_message_id IS NOT NULL GROUP BY provider_message_id")
    entries = {row[0]: (int(row[1]), row[2]) for row in entry_rows}
    khata = [m for m in messages if m["kind"] == "khata"]
    entry_missing = [m["id"] for m in khata if m["id"] not in entries and m["id"] not in dead_letters]
    entry_doubled = [i for i, (n, _) in entries.items() if n > 1]
    entry_wrong = [m["id"] for m in khata if m["id"] in entries and float(entries[m["id"]][1]) != m["amount"]]

    depths = servers.queue_depths()
    dead_queues = {name: n for name, n in depths.items() if name.endswith(".dead") and n}
    reply_dead = servers.psql("SELECT count(*) FROM outbound_messages WHERE status = 'dead'")[0][0]
    refused = [i for i, (status, _) in sent.items() if status != 200]
    retried = sum(1 for status, attempts in sent.values() if attempts > 1)

    for label, items in [("lost", lost), ("doubled", doubled), ("invoice missing", invoice_missing),
                         ("invoice doubled", invoice_doubled), ("ledger missing", entry_missing),
                         ("ledger doubled", entry_doubled), ("ledger amount wrong", entry_wrong),
                         ("webhook not taken", refused), ("apology without a dead letter", unexplained_apologies)]:
        if items:
            say(f"{label}: {len(items)}, e.g. {sorted(items)[:5]}")
    if orphans:
        say(f"sends the database does not know (a reply sent twice): {len(orphans)}, e.g. {orphans[:3]}")
    for send in in_window:
        kill = min((k for k in kills if k >= send["at"]), default=None)
        after = f"responder killed {(kill - send['at']) * 1000:.0f} ms after the provider accepted it" if kill else "no kill after it"
        say(f"sent twice without the provider's word: {send['provider']} to {send['to']}, {after}: {send['body'][:60]!r}")
    for message_id in sorted(apologies)[:10]:
        say(f"apology for {message_id}: {dead_letters.get(message_id, '(no dead letter)')[:160]}")
    if dead_queues:
        say(f"dead-letter queues not empty: {dead_queues}")

    figures = collections.OrderedDict(
        sent=len(messages), webhook_retries=retried, replied=len(ids) - len(lost), lost=len(lost),
        duplicated=len(doubled) + len(orphans),
        sent_twice_unconfirmed=",".join(f"{p}:{sum(1 for s in in_window if s['provider'] == p)}" for p in PROVIDERS),
        reconciled_from_reports=reconciled, waits_for_report=waited,
        reports_posted=fake.reports_posted, reports_lost=fake.reports_lost, apologies=len(apologies),
        dead_letters=len(dead_letters),
        invoices=f"{sum(invoices.values())}/{len(saved)}saved/{len(bills)}bills",
        ledger=f"{sum(n for n, _ in entries.values())}/{len(khata)}",
        kills=",".join(f"{name.split('-')[-1]}:{services.kills[name]}" for name in SERVICES),
        window_kills=",".join(f"{p}:{services.window_kills[p]}" for p in PROVIDERS),
        server_restarts="", dead_queue_messages=sum(dead_queues.values()), replies_dead=reply_dead)
    ok = not (lost or doubled or orphans or invoice_missing or invoice_doubled or invoice_stray or entry_missing
              or entry_doubled or entry_wrong or refused or unexplained_apologies
              or (sum(dead_queues.values()) and not dead_letters))
    return figures, ok


def replies_by_message(servers, fake):
    """Joins what the fake provider received (by the id it gave each send) to `outbound_messages`.
    delivered: {inbound message id: {reply id without its #part: first body}}; orphans: sends no row knows."""
    rows = servers.psql("SELECT provider_sid, reply_id, in_reply_to, left(translate(body, E'\\n\\t\\r', '   '), 80), "
                       "unconfirmed_resends FROM outbound_messages WHERE provider_sid IS NOT NULL")
    by_sid = {row[0]: row for row in rows}
    delivered, orphans, known = collections.defaultdict(dict), [], []
    for send in fake.snapshot():
        row = by_sid.get(send["sid"])
        if row is None:
            orphans.append(send)
            continue
        known.append({**send, "unconfirmed_resends": int(row[4])})
        reply = row[1].split("#", 1)[0]
        delivered[row[2]].setdefault(reply, send["body"] or row[3])
    return {"delivered": delivered, "orphans": orphans, "known_sends": known}


if __name__ == "__main__":
    sys.exit(main())
