#!/usr/bin/env python3
"""Pre-signed, unique Twilio webhooks for wrk: one file per wrk thread, one request a line.

Each line is `MessageSid <TAB> WaId <TAB> X-Twilio-Signature`; twilio.lua builds the same form around them.
The signature is Twilio's (PROTOCOLS.md): base64(HMAC-SHA1(auth token, URL + each field's name and value, sorted)).
"""
import argparse
import base64
import hashlib
import hmac
import os

BODY = "how much did I spend at Reliance last month?"


def fields(sid, wa_id, account_sid):
    return {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": account_sid, "From": "whatsapp:+" + wa_id,
            "To": "whatsapp:+14155238886", "Body": BODY, "NumMedia": "0", "ProfileName": "Bench", "WaId": wa_id}


def sign(token, url, form):
    payload = url + "".join(name + form[name] for name in sorted(form))
    return base64.b64encode(hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True, help="PUBLIC_BASE_URL + /whatsapp, as intake checks it")
    p.add_argument("--token", required=True)
    p.add_argument("--account-sid", required=True)
    p.add_argument("--count", type=int, required=True, help="requests per thread")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--senders", type=int, default=50_000, help="distinct senders (the rate limit is per sender)")
    p.add_argument("--run", default=os.urandom(4).hex(), help="makes MessageSids unique across runs")
    p.add_argument("--out", required=True, help="folder for requests-<thread>.tsv")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    n = 0
    for thread in range(1, args.threads + 1):
        with open(os.path.join(args.out, f"requests-{thread}.tsv"), "w") as f:
            for _ in range(args.count):
                sid = f"SM{args.run}{n:024x}"
                wa_id = f"9197{n % args.senders:08d}"
                f.write(f"{sid}\t{wa_id}\t{sign(args.token, args.url, fields(sid, wa_id, args.account_sid))}\n")
                n += 1
    print(f"{n} signed webhooks in {args.out}")


if __name__ == "__main__":
    main()
