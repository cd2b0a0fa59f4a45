#!/usr/bin/env python3
"""Deterministic roster generator for the hcpay benchmark.

    python3 bench/gen_roster.py N OUTDIR [--seed S]

writes
  OUTDIR/enrollments.csv  one health rate period per account, from 2027-01
  OUTDIR/payments.csv     a year of member-share payments per account: paid on the
                          20th of 2026-12 .. 2027-11, i.e. for coverage months
                          2027-01 .. 2027-12, before each due date (the 23rd of the
                          month before). Accounts whose share is 0.00 get no
                          payment rows (a payment must be above zero).

The same N and seed always give byte-identical files. Money is handled in integer
cents and printed with two decimals; no field ever contains a comma or a quote, so
no CSV quoting is needed and rows are built with plain string formatting (fast:
100k accounts / 1.2M payment rows in a few seconds).
"""
import argparse
import os
import random
import sys

ENROLL_HEADER = "account,name,member_id,email,line,from,premium,aptc,slcsp,program,plan,carrier"
PAY_HEADER = "account,paid_on,amount,confirmation,via"

FIRST = ["Ana", "Ben", "Carla", "Dev", "Elena", "Femi", "Grace", "Hugo", "Ines", "Jamal",
         "Kim", "Luis", "Maya", "Nate", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara",
         "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe"]
LAST = ["Almeida", "Brennan", "Chen", "Doyle", "Estrada", "Fitzgerald", "Gomes", "Hart",
        "Ibrahim", "Jensen", "Kowalski", "Lopez", "Murphy", "Nguyen", "O'Neil", "Patel",
        "Quigley", "Rossi", "Silva", "Tran", "Upton", "Vargas", "Walsh", "Xu", "Young", "Zhang"]
LAST = [n.replace("'", "") for n in LAST]  # keep fields quote-free
CARRIERS = ["BMC HealthNet Plan", "Fallon Health", "Harvard Pilgrim Health Care",
            "Health New England", "Mass General Brigham Health Plan", "Tufts Health Direct",
            "UniCare", "WellSense Health Plan"]
TIERS = ["Bronze", "Silver", "Gold", "Platinum"]
VARIANTS = ["A", "B", "HMO", "PPO", "Basic", "Select"]

# Payment i (0..11) is made on the 20th of this month and pays coverage month 2027-(i+1).
PAY_DATES = ["2026-12-20"] + ["2027-%02d-20" % m for m in range(1, 12)]


def money(cents):
    """Integer cents -> '612.00'."""
    return "%d.%02d" % divmod(cents, 100)


def generate(n, outdir, seed=2027):
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    width = max(6, len(str(n)))
    enroll = [ENROLL_HEADER]
    pays = [PAY_HEADER]
    n_pay = 0
    for i in range(1, n + 1):
        acct = "acct%0*d" % (width, i)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        member_id = "%010d" % ((i * 48271) % 1000000007)  # unique for i < 1e9
        email = "%s.%s%d@example.org" % (first.lower(), last.lower(), i)
        premium = rng.randrange(25000, 150001)            # $250.00 .. $1,500.00
        r = rng.random()
        if r < 0.35:
            aptc = 0                                      # unsubsidized
        elif r < 0.37:
            aptc = premium                                # fully subsidized: share 0.00
        else:
            aptc = rng.randrange(0, premium + 1)
        slcsp = premium * rng.randrange(80, 121) // 100  # benchmark near the premium
        program = "aptc" if aptc > 0 else "unsubsidized"
        carrier = rng.choice(CARRIERS)
        plan = "%s %s" % (rng.choice(TIERS), rng.choice(VARIANTS))
        enroll.append(",".join((acct, first + " " + last, member_id, email, "health",
                                "2027-01", money(premium), money(aptc), money(slcsp),
                                program, plan, carrier)))
        share = premium - aptc
        if share > 0:
            amt = money(share)
            for k, day in enumerate(PAY_DATES, 1):
                pays.append("%s,%s,%s,C%s-%d,portal" % (acct, day, amt, acct, k))
            n_pay += 12
    with open(os.path.join(outdir, "enrollments.csv"), "w", newline="") as f:
        f.write("\n".join(enroll) + "\n")
    with open(os.path.join(outdir, "payments.csv"), "w", newline="") as f:
        f.write("\n".join(pays) + "\n")
    return n, n_pay


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of accounts")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=2027)
    a = ap.parse_args()
    if a.n < 1:
        ap.error("N must be at least 1")
    n_enr, n_pay = generate(a.n, a.outdir, a.seed)
    print("wrote %d enrollment rows, %d payment rows to %s" % (n_enr, n_pay, a.outdir),
          file=sys.stderr)


if __name__ == "__main__":
    main()
