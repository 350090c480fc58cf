"""The outside world for the chaos run: Twilio's, Gupshup's and the Cloud API's send endpoints and media, on 127.0.0.1.

Every message a service sends is kept (in memory, and as one JSON line in the outbox file) with the id the fake
gave it, so the checker can join what was sent to `outbound_messages.provider_sid`. Wire formats as in Twilio's,
Gupshup's and Meta's documentation (the same ones the services' tests fake):

  POST /2010-04-01/Accounts/{sid}/Messages.json   form To, From, Body, MediaUrl…  (Basic auth)  -> 201 {"sid": "SM…"}
  POST /wa/api/v1/msg                              form channel, source, destination, message (header apikey)
                                                   -> 202 {"status": "submitted", "messageId": …}
  POST /graph/{phone number id}/messages           JSON {messaging_product, to, type, …} (Bearer) -> {"messages": [{"id"}]}
  GET  /graph/{media id}                           (Bearer) -> {"url": …/media/{media id}}
  GET  /media/{name}                               a file from the media folder

Once `callbacks_to(intake)` is called, every accepted send is followed by the delivery reports the real provider
posts, a moment later and in order, to intake:

  Twilio     its `StatusCallback` URL (the query is ours: `?ref=`), form AccountSid, ApiVersion, From, To, MessageSid,
             SmsSid, MessageStatus, SmsStatus, ChannelPrefix, signed with X-Twilio-Signature over that URL: `sent`, then
             `delivered` (Twilio sends no callback for the initial `queued`). Retried on a refused connection or a 5xx
             only as the URL's connection overrides say (`#rc=N&rp=ct,rt,5xx…`, at most `tt` ms in all).
  Cloud API  POST /webhooks/meta, entry[].changes[].value.statuses[] {id, status, timestamp, recipient_id,
             biz_opaque_callback_data (echoed from the send)}, signed with X-Hub-Signature-256: `sent`, `delivered`.
             Retried with back-off (Meta retries a failed webhook for days).
  Gupshup    POST /gupshup_incoming_webhook?token=…, message-event `enqueued` (payload.id = the id the send returned),
             then `sent` and `delivered` (payload.id = WhatsApp's id, payload.gsId = Gupshup's), each with
             `destination`. Not retried: we found no documented retry of Gupshup callbacks.
"""
import base64
import hashlib
import hmac
import json
import os
import random
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

TWILIO_PATH = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages\.json$")
META_SEND_PATH = re.compile(r"^/graph/([^/]+)/messages$")


class Credentials:
    twilio_sid = "AC" + "0" * 28 + "c4a5"
    twilio_token = "c4a5" * 8
    twilio_number = "whatsapp:+14155238886"
    gupshup_key = "chaos-gupshup-key"
    gupshup_app = "FintrakChaos"
    gupshup_source = "917834811114"
    gupshup_webhook_token = "chaos-gupshup-webhook"
    meta_token = "chaos-meta-token"
    meta_phone_id = "106540352242922"
    meta_app_secret = "chaos-meta-secret"
    meta_verify_token = "chaos-meta-verify"


class FakeProvider:
    """Starts on a free port in a thread of the calling process; `sends` is every message accepted, in order."""

    def __init__(self, media_dir, outbox_path):
        self.media_dir = media_dir
        self.outbox = open(outbox_path, "a", encoding="utf-8")
        self.sends = []
        self.lock = threading.Lock()
        self.intake = None
        self.reports_posted = 0
        self.reports_lost = 0
        self.on_next_send = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, obj, content_type="application/json"):
                data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def body(self):
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_GET(self):
                path = unquote(urlsplit(self.path).path)
                if path == "/health":
                    return self.answer(200, {"status": "ok"})
                if path.startswith("/graph/"):
                    if self.headers.get("Authorization") != "Bearer " + Credentials.meta_token:
                        return self.answer(401, {"error": {"message": "Invalid OAuth access token", "code": 190}})
                    name = os.path.basename(path)
                    if os.path.isfile(os.path.join(fake.media_dir, name)):
                        host = self.headers.get("Host", "127.0.0.1")
                        return self.answer(200, {"messaging_product": "whatsapp", "id": name,
                                                 "url": f"http://{host}/media/{name}", "mime_type": mime(name)})
                    return self.answer(404, {"error": {"message": "media not found", "code": 100}})
                if path.startswith("/media/"):
                    file = os.path.join(fake.media_dir, os.path.basename(path))
                    if os.path.isfile(file):
                        with open(file, "rb") as f:
                            return self.answer(200, f.read(), mime(file))
                self.answer(404, {"message": "not found"})

            def do_POST(self):
                path = urlsplit(self.path).path
                raw = self.body()
                match = TWILIO_PATH.match(path)
                if match:
                    expected = "Basic " + base64.b64encode(
                        f"{Credentials.twilio_sid}:{Credentials.twilio_token}".encode()).decode()
                    if match.group(1) != Credentials.twilio_sid or self.headers.get("Authorization") != expected:
                        return self.answer(401, {"code": 20003, "message": "Authenticate", "status": 401})
                    form = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
                    to, body, media = form.get("To", [""])[0], form.get("Body", [""])[0], form.get("MediaUrl", [])
                    if not to or not (body or media):
                        return self.answer(400, {"code": 21602, "message": "To and Body or MediaUrl are required"})
                    sid = "SM" + secrets.token_hex(16)
                    fake.record("twilio", to.removeprefix("whatsapp:"), body, media, sid,
                                callback=form.get("StatusCallback", [None])[0])
                    return self.answer(201, {"sid": sid, "status": "queued", "to": to, "body": body})
                if path == "/wa/api/v1/msg":
                    if self.headers.get("apikey") != Credentials.gupshup_key:
                        return self.answer(401, {"status": "error", "message": "Authentication Failed"})
                    form = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
                    try:
                        message = json.loads(form.get("message", [""])[0])
                    except ValueError:
                        message = None
                    destination = form.get("destination", [""])[0]
                    if form.get("channel", [""])[0] != "whatsapp" or not destination or not isinstance(message, dict):
                        return self.answer(400, {"status": "error", "message": "channel, destination and message required"})
                    sid = secrets.token_hex(16)
                    media = [u for u in (message.get("originalUrl"), message.get("url")) if u]
                    fake.record("gupshup", "+" + destination.lstrip("+"), message.get("text") or message.get("caption") or "",
                                media, sid)
                    return self.answer(202, {"status": "submitted", "messageId": sid})
                if META_SEND_PATH.match(path):
                    if self.headers.get("Authorization") != "Bearer " + Credentials.meta_token:
                        return self.answer(401, {"error": {"message": "Invalid OAuth access token", "code": 190}})
                    try:
                        message = json.loads(raw)
                    except ValueError:
                        message = None
                    if not isinstance(message, dict) or message.get("messaging_product") != "whatsapp" or not message.get("to"):
                        return self.answer(400, {"error": {"message": "messaging_product and to are required", "code": 100}})
                    part = message.get(message.get("type", "text")) or {}
                    sid = "wamid." + secrets.token_hex(16)
                    fake.record("meta", "+" + str(message["to"]).lstrip("+"), part.get("body") or part.get("caption") or "",
                                [part["link"]] if part.get("link") else [], sid,
                                callback=message.get("biz_opaque_callback_data"))
                    return self.answer(200, {"messaging_product": "whatsapp", "contacts": [{"input": message["to"]}],
                                             "messages": [{"id": sid}]})
                self.answer(404, {"message": "not found"})

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def record(self, provider, to, body, media, sid, callback=None):
        """`callback`: Twilio's StatusCallback URL, or the Cloud API's biz_opaque_callback_data."""
        entry = {"provider": provider, "to": to, "body": body, "media_urls": media, "sid": sid, "at": time.time(),
                 "callback": callback}
        with self.lock:
            self.sends.append(entry)
            self.outbox.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.outbox.flush()
            action, self.on_next_send = self.on_next_send, None
        if self.intake:
            # Each send's reports on a thread of their own: one report retried while intake restarts holds up no other.
            threading.Thread(target=self.post_reports, args=(time.time() + random.uniform(0.02, 0.3), entry),
                             daemon=True).start()
        if action:
            action(entry)

    def before_answering_next_send(self, action):
        """Runs `action(send)` once, for the next send this fake takes, before it answers: the sender has the
        message taken and never learns its id if `action` kills it."""
        with self.lock:
            self.on_next_send = action

    def callbacks_to(self, intake):
        """From now on, posts each accepted send's delivery reports to `intake` (its base URL)."""
        self.intake = intake

    def post_reports(self, due, send):
        time.sleep(max(0.0, due - time.time()))
        for url, body, headers, retries in reports(send, self.intake):
            posted = post(url, body, headers, retries)
            with self.lock:
                if posted:
                    self.reports_posted += 1
                else:
                    self.reports_lost += 1
            time.sleep(random.uniform(0.01, 0.1))

    def snapshot(self):
        with self.lock:
            return list(self.sends)

    def stop(self):
        self.server.shutdown()
        self.outbox.close()


class QuietServer(ThreadingHTTPServer):
    """A service killed mid-request resets its connection: expected here, so not printed as an error."""
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Retries:
    """How a provider retries a report intake did not take (a refused connection or a 5xx): at most `count` times,
    within `seconds` in all, waiting 0.5 s doubling to 5 s."""

    def __init__(self, count, seconds):
        self.count, self.seconds = count, seconds

    @staticmethod
    def twilio(url):
        """Twilio's connection overrides in the URL's fragment (`rc` retries, 0–5; `tt` ms for all attempts, at most
        15 s); without them, no retry (Twilio's "Webhook connection overrides")."""
        overrides = parse_qs(urlsplit(url).fragment)
        count = min(5, int(overrides.get("rc", ["0"])[0] or 0))
        return Retries(count, min(15.0, int(overrides.get("tt", ["15000"])[0] or 15000) / 1000))


def reports(send, intake):
    """[(url, body, headers, Retries)]: the delivery reports the real provider posts for `send`, in order."""
    to = send["to"].lstrip("+")
    if send["provider"] == "twilio":
        if not send.get("callback"):
            return []
        url = send["callback"].split("#", 1)[0]
        out = []
        for status in ("sent", "delivered"):
            fields = [("AccountSid", Credentials.twilio_sid), ("ApiVersion", "2010-04-01"),
                      ("ChannelPrefix", "whatsapp"), ("From", Credentials.twilio_number), ("To", "whatsapp:+" + to),
                      ("MessageSid", send["sid"]), ("SmsSid", send["sid"]), ("MessageStatus", status), ("SmsStatus", status)]
            signed = url + "".join(name + value for name, value in sorted(fields))
            signature = base64.b64encode(hmac.new(Credentials.twilio_token.encode(), signed.encode(), hashlib.sha1).digest())
            out.append((url, urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded",
                                                          "X-Twilio-Signature": signature.decode()},
                        Retries.twilio(send["callback"])))
        return out
    if send["provider"] == "meta":
        out = []
        for status in ("sent", "delivered"):
            entry = {"id": send["sid"], "status": status, "timestamp": str(int(time.time())), "recipient_id": to}
            if send.get("callback"):
                entry["biz_opaque_callback_data"] = send["callback"]
            body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
                "field": "messages", "value": {"messaging_product": "whatsapp",
                                               "metadata": {"phone_number_id": Credentials.meta_phone_id},
                                               "statuses": [entry]}}]}]}).encode()
            signature = "sha256=" + hmac.new(Credentials.meta_app_secret.encode(), body, hashlib.sha256).hexdigest()
            out.append((intake + "/webhooks/meta", body, {"Content-Type": "application/json", "X-Hub-Signature-256": signature},
                        Retries(30, 600)))
        return out
    url = f"{intake}/gupshup_incoming_webhook?token={Credentials.gupshup_webhook_token}"
    whatsapp_id = "gBEG" + secrets.token_hex(12)
    events = [{"id": send["sid"], "type": "enqueued", "destination": to,
               "payload": {"whatsappMessageId": whatsapp_id, "type": "session"}}]
    for status in ("sent", "delivered"):
        events.append({"id": whatsapp_id, "gsId": send["sid"], "type": status, "destination": to,
                       "payload": {"ts": int(time.time())}})
    return [(url, json.dumps({"app": Credentials.gupshup_app, "timestamp": int(time.time() * 1000), "version": 2,
                              "type": "message-event", "payload": event}).encode(),
             {"Content-Type": "application/json"}, Retries(0, 0)) for event in events]


def post(url, body, headers, retries):
    """True once intake answered 2xx; a 4xx is final (a bad report), a refused connection or a 5xx as `retries` say."""
    deadline, attempt, pause = time.time() + retries.seconds, 0, 0.5
    while True:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers, method="POST"),
                                        timeout=15) as answer:
                return 200 <= answer.status < 300
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return False
        except OSError:
            pass
        attempt += 1
        if attempt > retries.count or time.time() + pause > deadline:
            return False
        time.sleep(pause)
        pause = min(pause * 2, 5.0)


def mime(name):
    return {".png": "image/png", ".pdf": "application/pdf", ".jpg": "image/jpeg"}.get(os.path.splitext(name)[1],
                                                                                   "application/octet-stream")
