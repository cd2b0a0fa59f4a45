#!/usr/bin/env python3
"""A small payment processor for hcpay's exec gateway, used by the tests.

Protocol (see README, "The exec gateway"): one JSON request on stdin, one JSON
reply on stdout, per operation: tokenize, verify, charge, lookup, refund.
Every request carries `idempotency_key`; a key seen before returns the first
answer (for every operation, as a real processor would).

It keeps its state in the JSON file named by HCPAY_ADAPTER_STATE, and
misbehaves on purpose when HCPAY_ADAPTER_MODE says so:
  hang     never answers (hcpay must time out)
  crash    exits non-zero with no reply
  garbage  prints something that is not JSON
  charge-then-hang  records the charge, then never answers
  slow-charge  takes a second before it charges (other commands run meanwhile)
Cards ending 0002 are declined (card_declined); everything else approves.
"""
import fcntl
import json
import os
import sys
import time

STATE = os.environ.get("HCPAY_ADAPTER_STATE", "adapter-state.json")
MODE = os.environ.get("HCPAY_ADAPTER_MODE", "")


def load():
    try:
        with open(STATE) as f:
            return json.load(f)
    except FileNotFoundError:
        return {"tokens": {}, "charges": {}}


def save(state):
    tmp = STATE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f)
    os.replace(tmp, STATE)


def main():
    request = json.load(sys.stdin)
    if MODE == "hang":
        time.sleep(3600)
    if MODE == "crash":
        sys.exit(3)
    if MODE == "garbage":
        print("<html>502 Bad Gateway</html>")
        return
    if MODE == "slow-charge" and request["op"] == "charge":
        time.sleep(1)
    # A key is honoured atomically, as a real processor does: two requests
    # under one key at once (a command and its rerun) make one charge.
    with open(STATE + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        reply = answer(request)
    if MODE == "charge-then-hang" and request["op"] in ("charge", "refund"):
        time.sleep(3600)
    json.dump(reply, sys.stdout)


def answer(request):
    state = load()
    op = request["op"]
    key = request["idempotency_key"]
    replies = state.setdefault("replies", {})
    if op in ("tokenize", "verify") and key in replies:
        # The same key again: the first answer, as the protocol asks.
        return replies[key]
    if op == "tokenize":
        # Keep only what a processor would: never the number itself in a reply.
        last4 = (request.get("number") or request.get("account_number") or "")[-4:]
        token = "tok_exec_%d" % (len(state["tokens"]) + 1)
        state["tokens"][token] = {"kind": request["kind"], "declines": last4 == "0002"}
        save(state)
        reply = {"token": token, "verified": request["kind"] == "card"}
        replies[key] = reply
        save(state)
    elif op == "verify":
        reply = {"verified": sorted(request["amounts"]) == ["0.32", "0.45"]}
        replies[key] = reply
        save(state)
    elif op in ("charge", "refund"):
        if key in state["charges"]:
            reply = state["charges"][key]
        else:
            token = state["tokens"].get(request["token"])
            if token is None:
                reply = {"error": "unknown token"}
            elif op == "charge" and token["declines"]:
                reply = {"status": "failed", "failure_code": "card_declined", "reference": "ch_%d" % len(state["charges"])}
            else:
                reply = {"status": "succeeded", "reference": "%s_%d" % (op[:2], len(state["charges"]))}
            if "error" not in reply:
                state["charges"][key] = dict(reply, amount=request["amount"])
                save(state)
    elif op == "lookup":
        found = state["charges"].get(key)
        reply = dict(found, found=True) if found else {"found": False}
    else:
        reply = {"error": "unknown op %s" % op}
    return reply


if __name__ == "__main__":
    main()
