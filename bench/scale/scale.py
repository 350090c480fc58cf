#!/usr/bin/env python3
"""The scale run: two replicas of every service against a three-node RabbitMQ cluster. Started by
bench/scale/run.sh (which builds first); figures in BENCHMARKS.md ("Operations / scale").

  1. Exactly once through a node loss: N mixed messages (the chaos run's mix of menu words, questions, khata lines and
     bills, over Twilio, Gupshup and the Cloud API) sent to both intakes in turn, while RabbitMQ node 1, the node every
     connection starts on, is SIGKILLed at half the messages and restarted a little later. Every message must get
     exactly one reply; no invoice or ledger entry may be missing or doubled (the chaos run's checks).
  2. Questions per second with one query-generator replica and with two, side by side: the same burst of questions
     from tenants with invoices, alternately with replica 2's query-generator stopped and running.

Prints one line of figures per step, with the load average (the machine is shared). Exit status 0 only when step 1
lost or doubled nothing. The outside world is the chaos run's fake provider (bench/chaos/fake_provider.py).
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "chaos"))
from chaos import (QUESTIONS, ROOT, Servers, Services, check, message_id, post_until_accepted,  # noqa: E402
                   prepare_messages, replies_by_message, send_all, service_env, webhook)
from fake_provider import FakeProvider  # noqa: E402

REPLICAS = 2


def say(*words):
    print("scale:", *words, file=sys.stderr, flush=True)


def load():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


class Replicas:
    """`REPLICAS` copies of the four services, each on ports of its own, all with the same environment. The intakes
    share one public address (replica 1's, as a proxy in front would give them): webhooks are signed for it and
    posted to each replica in turn."""

    def __init__(self, binaries, env, logs, fake):
        self.sets = []
        for number in range(1, REPLICAS + 1):
            folder = os.path.join(logs, f"replica-{number}")
            os.makedirs(folder, exist_ok=True)
            self.sets.append(Services(binaries, {}, folder))
        self.intakes = [f"http://127.0.0.1:{s.ports['webhook-intake']}" for s in self.sets]
        for services in self.sets:
            # One tenant sends a burst of questions at once in step 2: no per-sender limit in this bench.
            services.env = {**service_env(env, self.intakes[0], fake), "RATE_LIMIT_PER_MINUTE": "0"}

    def post(self, message, fake, timeout):
        """Posts `message` as its provider would, through replica `index % REPLICAS`'s intake, until it is taken."""
        url, body, headers = webhook(message, self.intakes[0], fake.url)
        url = url.replace(self.intakes[0], self.intakes[message["index"] % REPLICAS], 1)
        return post_until_accepted(url, body, headers, time.time() + timeout)

    def start(self):
        for services in self.sets:
            for name in services.ports:
                services.start(name)
        self.wait_ready()

    def wait_ready(self, timeout=180):
        for services in self.sets:
            services.wait_ready(timeout)

    def stop(self):
        for services in self.sets:
            services.stop()


class NodeLoss:
    """SIGKILLs RabbitMQ node 1 once `sent` holds half the messages, and restarts it `down_seconds` later."""

    def __init__(self, servers, sent, total, down_seconds):
        self.servers, self.sent, self.total, self.down_seconds = servers, sent, total, down_seconds
        self.done = threading.Event()
        self.figures = {}
        self.thread = threading.Thread(target=self.run)
        self.thread.start()

    def run(self):
        while len(self.sent) < self.total / 2:
            if self.done.wait(0.2):
                return
        say(f"killing RabbitMQ node 1 at {len(self.sent)} of {self.total} messages")
        subprocess.run([self.servers.script, "kill", self.servers.folder, "rabbitmq-1"], check=True)
        self.figures["node_killed_at"] = len(self.sent)
        time.sleep(self.down_seconds)
        started = time.time()
        subprocess.run([self.servers.script, "resume", self.servers.folder, "rabbitmq-1"], check=True,
                       stdout=subprocess.DEVNULL)
        self.figures["node_down_s"] = round(self.down_seconds + time.time() - started)
        say(f"RabbitMQ node 1 back after {self.figures['node_down_s']} s")

    def join(self):
        self.done.set()
        self.thread.join()


def exactly_once(args, servers, fake, replicas, rng):
    messages, senders = prepare_messages(args.count, args.seed, os.path.join(args.work, "media"), rng)

    def post(message):
        return replicas.post(message, fake, timeout=600)

    say(f"step 1: {len(messages)} messages at {args.rate:g}/s over {REPLICAS} intakes; load {load()}")
    started = time.time()
    sent, threads = send_all(messages, post, args.rate)
    loss = NodeLoss(servers, sent, len(messages), args.node_down)
    for thread in threads:
        thread.join()
    loss.join()
    sending = time.time() - started
    replicas.wait_ready()
    figures, ok = check(messages, sent, servers, fake, replicas.sets[0], args.drain_timeout)
    del figures["kills"], figures["server_restarts"]  # the chaos run's; this run kills a broker node instead
    figures.update(loss.figures)
    figures["sending_s"] = round(sending)
    figures["answered_s"] = round(time.time() - started)
    print(f"scale exactly-once N={args.count} senders={senders} replicas={REPLICAS} rabbitmq_nodes=3 "
          + " ".join(f"{k}={v}" for k, v in figures.items()) + f" load={load()}", flush=True)
    return ok


def seed_tenants(servers, binaries, env, tenants, invoices, rng):
    """`invoices` bills for each tenant over the last two years, with `fintrak import-invoices`."""
    payees = ["Reliance Digital", "DMart", "Sharma Traders", "Indian Oil", "Swiggy", "Jio Fiber"]
    for tenant in tenants:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            for n in range(invoices):
                total = rng.randint(10_000, 2_000_000) / 100
                day = time.strftime("%Y-%m-%d", time.localtime(time.time() - rng.randint(0, 730) * 86400))
                f.write(json.dumps({"payee_name": rng.choice(payees), "invoice_number": f"S{n:05d}",
                                    "invoice_date": day, "total_amount": f"{total:.2f}",
                                    "tax_amount": f"{total * 18 / 118:.2f}", "currency": "INR"}) + "\n")
        subprocess.run([os.path.join(binaries, "fintrak"), "import-invoices", "--tenant", tenant, f.name], env=env,
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.unlink(f.name)
    servers.psql("ANALYZE invoices")


def question_burst(label, count, tenants, replicas, servers, fake, rng):
    """Questions answered per second: `count` questions from `tenants`, all sent at once (each tenant's in order),
    timed from the first POST to the last reply the responder had the provider take."""
    messages = [{"index": i, "sender": tenants[i % len(tenants)], "provider": "twilio", "kind": "question",
                 "text": rng.choice(QUESTIONS), "id": message_id("twilio", f"{label}x{i:05d}")} for i in range(count)]

    def post(message):
        return replicas.post(message, fake, timeout=120)

    started = time.time()
    _, threads = send_all(messages, post, rate=100_000, threads=len(tenants))
    for thread in threads:
        thread.join()
    ids = {m["id"] for m in messages}
    deadline = time.time() + 300
    while time.time() < deadline:
        delivered = replies_by_message(servers, fake)["delivered"]
        if all(delivered.get(i) for i in ids):
            break
        time.sleep(0.5)
    else:
        raise RuntimeError(f"questions {label}: not all answered in 300 s")
    last = servers.psql("SELECT extract(epoch FROM max(updated_at)) FROM outbound_messages "
                        f"WHERE in_reply_to LIKE '{message_id('twilio', label)}x%'")[0][0]
    return count / (float(last) - started)


def questions(args, servers, fake, replicas, rng):
    tenants = [f"+9197{80000000 + i:08d}" for i in range(args.question_tenants)]
    seed_tenants(servers, args.binaries, {**os.environ, **servers.env}, tenants, args.invoices, rng)
    second = replicas.sets[1]
    rates = {1: [], 2: []}
    say(f"step 2: {args.questions} questions a burst from {len(tenants)} tenants with {args.invoices} invoices each")
    for round_number in range(1, args.rounds + 1):
        for generators in (1, 2):
            process = second.processes["query-generator"]
            if generators == 1 and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)
            elif generators == 2 and process.poll() is not None:
                second.start("query-generator")
                second.wait_ready()
            rate = question_burst(f"q{round_number}g{generators}", args.questions, tenants, replicas, servers, fake, rng)
            rates[generators].append(rate)
            say(f"round {round_number}, {generators} query-generator(s): {rate:.1f} questions/s; load {load()}")
    one, two = (sum(r) / len(r) for r in (rates[1], rates[2]))
    print(f"scale questions burst={args.questions} tenants={len(tenants)} invoices_each={args.invoices} "
          f"one_generator={one:.1f}/s ({', '.join(f'{r:.1f}' for r in rates[1])}) "
          f"two_generators={two:.1f}/s ({', '.join(f'{r:.1f}' for r in rates[2])}) ratio={two / one:.2f} "
          f"load={load()}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, nargs="?", default=2000, help="messages in step 1 (default 2000)")
    parser.add_argument("--work", required=True, help="a folder for servers, logs, bills and the outbox")
    parser.add_argument("--binaries", required=True, help="the folder with the four service executables and fintrak")
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--rate", type=float, default=12.0, help="step 1: messages sent per second")
    parser.add_argument("--node-down", type=float, default=15.0, help="step 1: seconds node 1 stays down")
    parser.add_argument("--drain-timeout", type=int, default=1200, help="step 1: seconds to wait for the last replies")
    parser.add_argument("--questions", type=int, default=400, help="step 2: questions in each burst")
    parser.add_argument("--question-tenants", type=int, default=40)
    parser.add_argument("--invoices", type=int, default=2000, help="step 2: invoices per tenant")
    parser.add_argument("--rounds", type=int, default=2, help="step 2: bursts with one and with two generators")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.work, "logs"), exist_ok=True)
    os.makedirs(os.path.join(args.work, "media"), exist_ok=True)

    say(f"starting PostgreSQL, Redis and a three-node RabbitMQ cluster; load {load()}")
    servers = Servers(os.path.join(args.work, "servers"), "start-cluster")
    fake = FakeProvider(os.path.join(args.work, "media"), os.path.join(args.work, "outbox.jsonl"))
    replicas = None
    try:
        env = {**os.environ, **servers.env}
        subprocess.run([os.path.join(args.binaries, "fintrak"), "migrate"], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=open(os.path.join(args.work, "logs", "migrate.log"), "ab"))
        replicas = Replicas(args.binaries, env, os.path.join(args.work, "logs"), fake)
        replicas.start()
        ok = exactly_once(args, servers, fake, replicas, rng)
        if args.questions > 0:
            questions(args, servers, fake, replicas, rng)
        return 0 if ok else 1
    finally:
        if replicas:
            replicas.stop()
        fake.stop()
        servers.stop()


if __name__ == "__main__":
    sys.exit(main())
