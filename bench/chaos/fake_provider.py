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
"""
import base64
import json
import os
import re
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

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
                    fake.record("twilio", to.removeprefix("whatsapp:"), body, media, sid)
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
                                [part["link"]] if part.get("link") else [], sid)
                    return self.answer(200, {"messaging_product": "whatsapp", "contacts": [{"input": message["to"]}],
                                             "messages": [{"id": sid}]})
                self.answer(404, {"message": "not found"})

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def record(self, provider, to, body, media, sid):
        entry = {"provider": provider, "to": to, "body": body, "media_urls": media, "sid": sid, "at": time.time()}
        with self.lock:
            self.sends.append(entry)
            self.outbox.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.outbox.flush()

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


def mime(name):
    return {".png": "image/png", ".pdf": "application/pdf", ".jpg": "image/jpeg"}.get(os.path.splitext(name)[1],
                                                                                   "application/octet-stream")
