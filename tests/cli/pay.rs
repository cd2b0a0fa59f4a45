//! `pay` (due, ahead, an amount, a line), every sandbox outcome, idempotency,
//! `pay --record`, `void`, `receipt` and `refund`, through the real binary.

use serde_json::Value;

use crate::common::{
    add_bank, add_card, allocations, amount, assert_has_keys, bill_rows, gateway_payments, household, payment,
    sandbox_charges, Env, DECLINED, EXPIRED, HISTORY_FIELDS, INSUFFICIENT, MASTERCARD, VISA,
};

fn alloc(month: &str, line: &str, amount: &str) -> (String, String, String) {
    (month.into(), line.into(), amount.into())
}

fn status(env: &Env, as_of: &str) -> Value {
    env.json(as_of, &["status"])
}

fn open_bills(env: &Env, as_of: &str) -> Vec<(String, String, String, String)> {
    bill_rows(&env.json(as_of, &["bills", "--open"]))
}

/// `pay ARGS --yes --json` that must succeed.
fn pay(env: &Env, as_of: &str, args: &[&str]) -> Value {
    let mut all = vec!["pay"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--yes", "--json"]);
    env.run(&all).as_of(as_of).json()
}

/// `pay ARGS --yes --json` that must exit `code`; gives the document it printed.
fn pay_exits(env: &Env, as_of: &str, code: i32, args: &[&str]) -> Value {
    let mut all = vec!["pay"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--yes", "--json"]);
    let out = env.run(&all).as_of(as_of).code(code);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("no JSON ({e}):\n{out}"))
}

// ----- pay due, ahead, an amount, a line -----

#[test]
fn pay_due_pays_every_open_bill_oldest_first_across_lines() {
    let env = household();
    add_card(&env, VISA);
    let paid = pay(&env, "2027-01-15", &[]);
    assert_has_keys(&paid, HISTORY_FIELDS);
    assert_has_keys(&paid, &["replayed", "allocations"]);
    assert_eq!(paid["kind"], "payment");
    assert_eq!(paid["date"], "2027-01-15");
    assert_eq!(amount(&paid["amount"]), "464.00");
    assert_eq!(paid["status"], "succeeded");
    assert_eq!(paid["failure_code"], Value::Null);
    assert_eq!(paid["method"], "Visa ending 4242");
    assert_eq!(paid["coverage_month"], "2027-01", "the oldest month it paid");
    assert!(paid["reference"].as_str().is_some_and(|r| r.starts_with("pay:")), "the idempotency key: {paid:#}");
    assert_eq!(paid["replayed"], false);
    assert!(paid["id"].as_i64().is_some(), "{paid:#}");
    assert_eq!(
        allocations(&paid),
        [
            alloc("2027-01", "health", "202.00"),
            alloc("2027-01", "dental", "30.00"),
            alloc("2027-02", "health", "202.00"),
            alloc("2027-02", "dental", "30.00"),
        ]
    );
    assert_eq!(open_bills(&env, "2027-01-15"), []);
    let status = status(&env, "2027-01-15");
    assert_eq!(status["amount_due"], "0.00");
    assert_eq!(status["credit"], "0.00");
    assert_eq!(sandbox_charges(&env), (1, 46_400));
    // It is in the history as `pay` printed it.
    let row = payment(&env, "2027-01-15", &paid["id"]);
    for field in HISTORY_FIELDS {
        assert_eq!(row[field], paid[field], "{field}");
    }
}

#[test]
fn pay_an_amount_pays_the_oldest_bills_first_and_keeps_the_rest_as_credit() {
    let env = household();
    add_card(&env, VISA);
    let part = pay(&env, "2027-01-15", &["300"]);
    assert_eq!(amount(&part["amount"]), "300.00");
    assert_eq!(
        allocations(&part),
        [
            alloc("2027-01", "health", "202.00"),
            alloc("2027-01", "dental", "30.00"),
            alloc("2027-02", "health", "68.00"),
        ]
    );
    assert_eq!(
        open_bills(&env, "2027-01-15"),
        [
            ("2027-02".into(), "health".into(), "partial".into(), "134.00".into()),
            ("2027-02".into(), "dental".into(), "open".into(), "30.00".into()),
        ]
    );
    assert_eq!(status(&env, "2027-01-15")["credit"], "0.00");

    let rest = pay(&env, "2027-01-15", &["$500"]);
    assert_eq!(allocations(&rest), [alloc("2027-02", "health", "134.00"), alloc("2027-02", "dental", "30.00")]);
    assert_eq!(rest["coverage_month"], "2027-02");
    assert_eq!(open_bills(&env, "2027-01-15"), []);
    let status = status(&env, "2027-01-15");
    assert_eq!(status["credit"], "336.00");
    assert_eq!(status["amount_due"], "0.00");
    // The credit pays March's bills when they are issued.
    let march = bill_rows(&env.json("2027-02-15", &["bills"]));
    let march: Vec<_> = march.iter().filter(|b| b.0 == "2027-03").collect();
    assert_eq!(march.len(), 2, "{march:?}");
    assert!(march.iter().all(|b| b.2 == "paid"), "{march:?}");
    assert_eq!(status_credit(&env, "2027-02-15"), "104.00");
}

fn status_credit(env: &Env, as_of: &str) -> String {
    amount(&status(env, as_of)["credit"]).to_string()
}

#[test]
fn pay_ahead_adds_next_months_bill_before_it_is_issued() {
    let env = household();
    add_card(&env, VISA);
    // 2026-12-15: January's bills are issued, February's are not yet.
    let dry = env.run(&["pay", "ahead", "--dry-run", "--json"]).as_of("2026-12-15").json();
    assert_eq!(amount(&dry["amount"]), "464.00");
    let paid = pay(&env, "2026-12-15", &["ahead"]);
    assert_eq!(amount(&paid["amount"]), "464.00");
    assert_eq!(allocations(&paid), [alloc("2027-01", "health", "202.00"), alloc("2027-01", "dental", "30.00")]);
    assert_eq!(status_credit(&env, "2026-12-15"), "232.00");
    // February's bills, once issued, are paid by that credit.
    let feb = open_bills(&env, "2027-01-15");
    assert_eq!(feb, [], "February should be paid from credit");
    assert_eq!(status_credit(&env, "2027-01-15"), "0.00");
    // `pay due` on the same day would have been January alone.
    let env = household();
    add_card(&env, VISA);
    assert_eq!(amount(&pay(&env, "2026-12-15", &["due"])["amount"]), "232.00");
}

#[test]
fn pay_line_dental_pays_only_that_lines_bills() {
    let env = household();
    add_card(&env, VISA);
    let paid = pay(&env, "2027-01-15", &["--line", "dental"]);
    assert_eq!(amount(&paid["amount"]), "60.00");
    assert_eq!(allocations(&paid), [alloc("2027-01", "dental", "30.00"), alloc("2027-02", "dental", "30.00")]);
    assert_eq!(
        open_bills(&env, "2027-01-15"),
        [
            ("2027-01".into(), "health".into(), "open".into(), "202.00".into()),
            ("2027-02".into(), "health".into(), "open".into(), "202.00".into()),
        ]
    );
}

#[test]
fn nothing_due_charges_nothing() {
    let env = household();
    add_card(&env, VISA);
    // 2026-11-20: December is paid, January's bill comes on 2026-12-10.
    let before = env.ledger_dump();
    let text = env.run(&["pay", "--yes"]).as_of("2026-11-20").ok();
    assert!(text.contains("nothing"), "{text}");
    let doc = env.run(&["pay", "--yes", "--json"]).as_of("2026-11-20").json();
    assert_eq!(doc["charged"], false, "{doc:#}");
    assert_eq!(env.ledger_dump(), before);
    assert_eq!(sandbox_charges(&env), (0, 0));
    assert_eq!(gateway_payments(&env, "2026-11-20"), Vec::<Value>::new());
}

#[test]
fn without_yes_and_no_terminal_nothing_is_charged() {
    let env = household();
    add_card(&env, VISA);
    env.run(&["pay"]).as_of("2027-01-15").rejected(&["--yes"]);
    env.run(&["pay", "100"]).as_of("2027-01-15").rejected(&["--yes"]);
    assert_eq!(sandbox_charges(&env), (0, 0));
    assert_eq!(open_bills(&env, "2027-01-15").len(), 4);
}

#[test]
fn dry_run_changes_nothing_and_shows_what_it_would_pay() {
    let env = household();
    add_card(&env, VISA);
    // A payment earlier the same day: the preview comes after it.
    pay(&env, "2027-01-15", &["100"]);
    let history = |env: &Env| env.json("2027-01-15", &["history", "--kind", "all"]);
    let before = (history(&env), env.ledger_dump(), sandbox_charges(&env));

    let dry = env.run(&["pay", "--dry-run", "--json"]).as_of("2027-01-15").json();
    assert_eq!(dry["dry_run"], true, "{dry:#}");
    assert_eq!(amount(&dry["amount"]), "364.00");
    assert_eq!(
        allocations(&dry),
        [
            alloc("2027-01", "health", "102.00"),
            alloc("2027-01", "dental", "30.00"),
            alloc("2027-02", "health", "202.00"),
            alloc("2027-02", "dental", "30.00"),
        ]
    );
    let text = env.run(&["pay", "500", "--dry-run"]).as_of("2027-01-15").ok();
    assert!(text.contains("dry run"), "{text}");
    assert!(text.contains("$136.00"), "credit after, in the text: {text}");
    // Not even --yes makes a dry run pay.
    env.run(&["pay", "--dry-run", "--yes"]).as_of("2027-01-15").ok();

    assert_eq!((history(&env), env.ledger_dump(), sandbox_charges(&env)), before);
}

#[test]
fn more_credit_than_three_months_of_the_share_needs_allow_overpay() {
    let env = household();
    add_card(&env, VISA);
    // Due $464.00; three months of $232.00 is $696.00 of credit at most.
    env.run(&["pay", "1160.01", "--yes"]).as_of("2027-01-15").rejected(&["--allow-overpay"]);
    assert_eq!(sandbox_charges(&env), (0, 0));
    pay(&env, "2027-01-15", &["1160"]);
    assert_eq!(status_credit(&env, "2027-01-15"), "696.00");
    // Any more is refused, even a cent.
    env.run(&["pay", "0.01", "--yes"]).as_of("2027-01-15").rejected(&["--allow-overpay"]);
    let more = pay(&env, "2027-01-15", &["1000", "--allow-overpay"]);
    assert_eq!(more["status"], "succeeded");
    assert_eq!(allocations(&more), []);
    assert_eq!(more["coverage_month"], Value::Null);
    assert_eq!(status_credit(&env, "2027-01-15"), "1696.00");
}

#[test]
fn bad_amounts_are_rejected() {
    let env = household();
    add_card(&env, VISA);
    for bad in ["12.345", "abc", "1e3", "NaN", "1000000.01", "twelve"] {
        env.run(&["pay", bad, "--yes"]).as_of("2027-01-15").rejected(&[bad]);
    }
    for zero in ["0", "0.00"] {
        env.run(&["pay", zero, "--yes"]).as_of("2027-01-15").rejected(&["above zero"]);
    }
    env.run(&["pay", "--yes", "--", "-5"]).as_of("2027-01-15").rejected(&["-5"]);
    env.run(&["pay", "-5", "--yes"]).as_of("2027-01-15").rejected(&[]);
    assert_eq!(sandbox_charges(&env), (0, 0));
}

// ----- every sandbox outcome -----

#[test]
fn the_approving_test_cards_succeed() {
    let env = household();
    for (number, label) in [(VISA, "Visa ending 4242"), (MASTERCARD, "Mastercard ending 4444")] {
        let id = add_card(&env, number).to_string();
        let paid = pay(&env, "2027-01-15", &["10", "--method", &id]);
        assert_eq!(paid["status"], "succeeded", "{number}: {paid:#}");
        assert_eq!(paid["failure_code"], Value::Null);
        assert_eq!(paid["method"], label);
    }
    assert_eq!(sandbox_charges(&env), (2, 2_000));
    assert_eq!(open_bills(&env, "2027-01-15")[0].3, "182.00");
}

#[test]
fn the_declining_test_cards_exit_3_with_their_code_and_leave_the_bills_open() {
    let env = household();
    for (number, code) in [(DECLINED, "card_declined"), (INSUFFICIENT, "insufficient_funds"), (EXPIRED, "expired_card")]
    {
        // Declining cards still pass the zero-amount check when added.
        let id = add_card(&env, number).to_string();
        let bills = env.json("2027-01-15", &["bills"]);
        let failed = pay_exits(&env, "2027-01-15", 3, &["--method", &id]);
        assert_has_keys(&failed, HISTORY_FIELDS);
        assert_eq!(failed["status"], "failed", "{number}: {failed:#}");
        assert_eq!(failed["failure_code"], code, "{number}");
        assert_eq!(amount(&failed["amount"]), "464.00");
        assert_eq!(allocations(&failed), []);
        assert_eq!(env.json("2027-01-15", &["bills"]), bills, "{number} paid something");
        let row = payment(&env, "2027-01-15", &failed["id"]);
        assert_eq!(row["status"], "failed");
        assert_eq!(row["failure_code"], code);
    }
    assert_eq!(open_bills(&env, "2027-01-15").len(), 4);
    assert_eq!(status(&env, "2027-01-15")["amount_due"], "464.00");
    assert_eq!(sandbox_charges(&env), (3, 0));
}

#[test]
fn verified_test_banks_succeed_or_fail_with_their_codes() {
    let env = household();
    for (number, outcome) in [
        ("000123456789", None),
        // Its R01 return comes two business days later (the scheduler's job).
        ("000222222227", None),
        ("000111111113", Some("account_closed")),
        ("000111111116", Some("no_account")),
    ] {
        let id = add_bank(&env, number, true).to_string();
        let last4 = &number[number.len() - 4..];
        match outcome {
            None => {
                let paid = pay(&env, "2027-01-15", &["10", "--method", &id]);
                assert_eq!(paid["status"], "succeeded", "{number}: {paid:#}");
                assert_eq!(paid["method"], format!("checking ending {last4}"));
            }
            Some(code) => {
                let bills = env.json("2027-01-15", &["bills"]);
                let failed = pay_exits(&env, "2027-01-15", 3, &["10", "--method", &id]);
                assert_eq!(failed["status"], "failed", "{number}");
                assert_eq!(failed["failure_code"], code, "{number}");
                assert_eq!(env.json("2027-01-15", &["bills"]), bills, "{number} paid something");
            }
        }
    }
    assert_eq!(sandbox_charges(&env), (4, 2_000));
    assert_eq!(open_bills(&env, "2027-01-15")[0].3, "182.00");
}

#[test]
fn an_unverified_bank_cannot_be_charged() {
    let env = household();
    let id = add_bank(&env, "000123456789", false).to_string();
    env.run(&["pay", "--yes", "--method", &id]).as_of("2027-01-15").rejected(&["not verified", "method verify"]);
    // Nor by default, as the only method.
    env.run(&["pay", "--yes"]).as_of("2027-01-15").rejected(&["not verified"]);
    assert_eq!(sandbox_charges(&env), (0, 0));
}

// ----- idempotency -----

#[test]
fn the_same_key_and_request_returns_the_first_result_and_charges_nothing() {
    let env = household();
    add_card(&env, VISA);
    // An amount.
    let first = pay(&env, "2027-01-15", &["100", "--idempotency-key", "k-100"]);
    assert_eq!(first["replayed"], false);
    let again = pay(&env, "2027-01-15", &["100", "--idempotency-key", "k-100"]);
    assert_eq!(again["replayed"], true, "{again:#}");
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["status"], "succeeded");
    assert_eq!(again["reference"], first["reference"]);
    assert_eq!(allocations(&again), allocations(&first));
    assert_eq!(sandbox_charges(&env), (1, 10_000));
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1);

    // `due`: the retry of a request that went through is the same request,
    // although what is due has changed since.
    let due = pay(&env, "2027-01-15", &["--idempotency-key", "k-due"]);
    assert_eq!(amount(&due["amount"]), "364.00");
    let retry = pay(&env, "2027-01-15", &["--idempotency-key", "k-due"]);
    assert_eq!(retry["replayed"], true, "{retry:#}");
    assert_eq!(retry["id"], due["id"]);
    assert_eq!(amount(&retry["amount"]), "364.00");
    assert_eq!(sandbox_charges(&env), (2, 46_400));
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 2);
    assert_eq!(status_credit(&env, "2027-01-15"), "0.00");
}

#[test]
fn a_declined_payment_replayed_by_its_key_is_not_charged_again() {
    let env = household();
    add_card(&env, DECLINED);
    let first = pay_exits(&env, "2027-01-15", 3, &["--idempotency-key", "k1"]);
    let again = pay_exits(&env, "2027-01-15", 3, &["--idempotency-key", "k1"]);
    assert_eq!(again["replayed"], true);
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["failure_code"], "card_declined");
    assert_eq!(sandbox_charges(&env), (1, 0));
}

#[test]
fn the_same_key_for_another_amount_or_method_is_rejected() {
    let env = household();
    add_card(&env, VISA);
    let other = add_card(&env, MASTERCARD).to_string();
    pay(&env, "2027-01-15", &["100", "--idempotency-key", "k1"]);
    env.run(&["pay", "101", "--yes", "--idempotency-key", "k1"]).as_of("2027-01-15").rejected(&["k1"]);
    env.run(&["pay", "100", "--yes", "--idempotency-key", "k1", "--method", &other])
        .as_of("2027-01-15")
        .rejected(&["k1"]);
    env.run(&["pay", "100", "--yes", "--idempotency-key", "k1", "--line", "dental"])
        .as_of("2027-01-15")
        .rejected(&["k1"]);
    env.run(&["pay", "100", "--yes", "--idempotency-key", " "]).as_of("2027-01-15").rejected(&["--idempotency-key"]);
    assert_eq!(sandbox_charges(&env), (1, 10_000));
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1);
}

// ----- pay --record, void, receipt -----

#[test]
fn a_recorded_payment_is_allocated_like_any_other() {
    let env = household();
    let recorded = env
        .run(&[
            "pay",
            "--record",
            "232",
            "--paid-on",
            "2027-01-05",
            "--confirmation",
            "CHK-1001",
            "--via",
            "check",
            "--json",
        ])
        .as_of("2027-01-15")
        .json();
    assert_has_keys(&recorded, HISTORY_FIELDS);
    assert_eq!(recorded["status"], "succeeded");
    assert_eq!(recorded["date"], "2027-01-05");
    assert_eq!(recorded["method"], "check");
    assert_eq!(recorded["reference"], "CHK-1001");
    assert_eq!(allocations(&recorded), [alloc("2027-01", "health", "202.00"), alloc("2027-01", "dental", "30.00")]);
    assert_eq!(open_bills(&env, "2027-01-15").len(), 2);
    assert_eq!(sandbox_charges(&env), (0, 0));
}

#[test]
fn a_bad_recorded_payment_is_rejected() {
    let env = household();
    env.run(&["pay", "--record", "232", "--paid-on", "2027-01-05", "--confirmation", "CHK-1001", "--via", "check"])
        .as_of("2027-01-15")
        .ok();
    // The same confirmation again.
    env.run(&["pay", "--record", "10", "--paid-on", "2027-01-06", "--confirmation", "CHK-1001", "--via", "check"])
        .as_of("2027-01-15")
        .rejected(&["CHK-1001"]);
    // Paid after the clock.
    env.run(&["pay", "--record", "10", "--paid-on", "2027-01-16", "--confirmation", "CHK-1002", "--via", "check"])
        .as_of("2027-01-15")
        .rejected(&["2027-01-16"]);
    // Not a way to pay.
    env.run(&["pay", "--record", "10", "--paid-on", "2027-01-06", "--confirmation", "CHK-1002", "--via", "cash"])
        .as_of("2027-01-15")
        .rejected(&["cash"]);
    // Without a date or a confirmation; a bad amount.
    env.run(&["pay", "--record", "10", "--confirmation", "CHK-1002"]).as_of("2027-01-15").rejected(&["--paid-on"]);
    env.run(&["pay", "--record", "10", "--paid-on", "2027-01-06"]).as_of("2027-01-15").rejected(&["--confirmation"]);
    env.run(&["pay", "--record", "0", "--paid-on", "2027-01-06", "--confirmation", "CHK-1002"])
        .as_of("2027-01-15")
        .rejected(&["zero"]);
}

#[test]
fn voiding_a_recorded_payment_reopens_the_bills_it_paid() {
    let env = household();
    add_card(&env, VISA);
    let open_before = open_bills(&env, "2027-01-15");
    let recorded = env
        .run(&[
            "pay",
            "--record",
            "232",
            "--paid-on",
            "2027-01-05",
            "--confirmation",
            "CHK-1001",
            "--via",
            "check",
            "--json",
        ])
        .as_of("2027-01-15")
        .json();
    assert_eq!(open_bills(&env, "2027-01-15").len(), 2);
    let id = recorded["id"].to_string();

    env.run(&["void", &id, "--reason", ""]).as_of("2027-01-15").rejected(&["--reason"]);
    env.run(&["void", &id, "--reason", "   "]).as_of("2027-01-15").rejected(&["--reason"]);
    env.run(&["void", "999", "--reason", "typo"]).as_of("2027-01-15").rejected(&["999"]);
    env.run(&["void", &id, "--reason", "entered twice"]).as_of("2027-01-15").ok();

    assert_eq!(open_bills(&env, "2027-01-15"), open_before);
    let row = payment(&env, "2027-01-15", &recorded["id"]);
    assert_eq!(row["status"], "void");
    assert!(row["detail"].as_str().unwrap_or("").contains("entered twice"), "{row:#}");
    env.run(&["void", &id, "--reason", "again"]).as_of("2027-01-15").rejected(&["void"]);

    // A payment through the gateway is refunded, not voided.
    let charged = pay(&env, "2027-01-15", &["100"]);
    env.run(&["void", &charged["id"].to_string(), "--reason", "mistake"]).as_of("2027-01-15").rejected(&["refund"]);
}

#[test]
fn a_receipt_shows_the_amount_method_reference_and_what_it_paid() {
    let env = household();
    add_card(&env, VISA);
    let paid = pay(&env, "2027-01-15", &["300", "--memo", "January and some"]);
    let reference = paid["reference"].as_str().unwrap().to_string();
    let receipt = env.run(&["receipt", &paid["id"].to_string()]).as_of("2027-01-15").ok();
    for needle in [
        "$300.00",
        "Visa ending 4242",
        reference.as_str(),
        "2027-01 health",
        "$202.00",
        "2027-02 health",
        "$68.00",
        "January and some",
    ] {
        assert!(receipt.contains(needle), "no `{needle}` in the receipt:\n{receipt}");
    }
    let doc = env.json("2027-01-15", &["receipt", &paid["id"].to_string()]);
    assert_eq!(doc["amount"], "300.00");
    assert_eq!(doc["method"], "Visa ending 4242");
    assert_eq!(allocations(&doc), allocations(&paid));

    let recorded = env
        .run(&[
            "pay",
            "--record",
            "50",
            "--paid-on",
            "2027-01-10",
            "--confirmation",
            "MO-77",
            "--via",
            "money-order",
            "--json",
        ])
        .as_of("2027-01-15")
        .json();
    let receipt = env.run(&["receipt", &recorded["id"].to_string()]).as_of("2027-01-15").ok();
    for needle in ["$50.00", "MO-77", "money-order", "2027-01-10", "2027-01 health"] {
        assert!(receipt.contains(needle), "no `{needle}` in the receipt:\n{receipt}");
    }
    env.run(&["receipt", "999"]).as_of("2027-01-15").rejected(&["999"]);
}

// ----- refund -----

#[test]
fn a_refund_gives_credit_back() {
    let env = household();
    add_card(&env, VISA);
    let paid = pay(&env, "2027-01-15", &["2000", "--allow-overpay"]);
    assert_eq!(status_credit(&env, "2027-01-15"), "1536.00");
    let id = paid["id"].to_string();

    env.run(&["refund", &id, "1536.01", "--yes"]).as_of("2027-01-15").rejected(&["1,536.00"]);
    // No terminal, no --yes: not refunded.
    env.run(&["refund", &id, "500"]).as_of("2027-01-15").rejected(&["--yes"]);
    env.run(&["refund", "999", "--yes"]).as_of("2027-01-15").rejected(&["999"]);

    let refund = env.run(&["refund", &id, "500", "--yes", "--json"]).as_of("2027-01-15").json();
    assert_eq!(refund["status"], "succeeded", "{refund:#}");
    assert_eq!(refund["amount"], "500.00");
    assert_eq!(status_credit(&env, "2027-01-15"), "1036.00");
    let refunds = env.json("2027-01-15", &["history", "--kind", "refund"]);
    let refunds = refunds.as_array().unwrap();
    assert_eq!(refunds.len(), 1, "{refunds:#?}");
    assert_eq!(refunds[0]["kind"], "refund");
    assert_eq!(refunds[0]["amount"], "500.00");
    assert_eq!(refunds[0]["status"], "succeeded");
    // The bills stay paid.
    assert_eq!(open_bills(&env, "2027-01-15"), []);

    // The rest, by default: all the credit this payment can give back.
    env.run(&["refund", &id, "--yes"]).as_of("2027-01-15").ok();
    assert_eq!(status_credit(&env, "2027-01-15"), "0.00");
    env.run(&["refund", &id, "1", "--yes"]).as_of("2027-01-15").rejected(&["nothing to refund"]);
    assert_eq!(open_bills(&env, "2027-01-15"), []);
}

#[test]
fn a_recorded_payment_cannot_be_refunded() {
    let env = household();
    add_card(&env, VISA);
    let recorded = env
        .run(&[
            "pay",
            "--record",
            "2000",
            "--paid-on",
            "2027-01-05",
            "--confirmation",
            "C-9",
            "--via",
            "phone",
            "--json",
        ])
        .as_of("2027-01-15")
        .json();
    env.run(&["refund", &recorded["id"].to_string(), "10", "--yes"]).as_of("2027-01-15").rejected(&["elsewhere"]);
}

// ----- keys and refunds at once -----

#[test]
fn a_users_key_cannot_take_a_derived_key() {
    let env = household();
    add_card(&env, VISA);
    for reserved in ["pay:smith:2", "autopay:smith:2027-02:1", "refund:1:1"] {
        env.run(&["pay", "10", "--idempotency-key", reserved, "--yes"]).as_of("2027-01-15").rejected(&["hcpay's own"]);
    }
    // Derived keys keep working, one after another.
    for _ in 0..3 {
        let paid = pay(&env, "2027-01-15", &["10"]);
        assert_eq!(paid["status"], "succeeded", "{paid:#}");
        assert!(paid["reference"].as_str().unwrap().starts_with("pay:smith:"), "{paid:#}");
    }
    assert_eq!(sandbox_charges(&env), (3, 3_000));
}

#[test]
fn refunds_at_once_give_back_the_credit_once_and_never_a_raw_error() {
    let env = household();
    add_card(&env, VISA);
    // $464.00 due: $864.00 leaves $400.00 of credit.
    let paid = pay(&env, "2027-01-15", &["864", "--allow-overpay"]);
    let id = paid["id"].to_string();
    let children: Vec<_> =
        (0..8).map(|_| env.run(&["refund", &id, "200", "--yes"]).as_of("2027-01-15").spawn()).collect();
    let mut codes = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("UNIQUE") && !stderr.contains("constraint"), "{stderr}");
        codes.push(out.status.code().unwrap());
    }
    codes.sort_unstable();
    assert_eq!(codes, [0, 0, 2, 2, 2, 2, 2, 2]);
    let refunds = env.json("2027-01-15", &["history", "--kind", "refund"]);
    let refunds: Vec<&str> = refunds.as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(refunds, ["succeeded", "succeeded"]);
    assert_eq!(status_credit(&env, "2027-01-15"), "0.00");
}

#[test]
fn another_accounts_key_is_refused_without_telling_of_its_payment() {
    let env = household();
    add_card(&env, VISA);
    pay(&env, "2027-01-15", &["100", "--idempotency-key", "shared", "--account", "smith"]);
    env.enroll("jones", "2026-11-01", "2026-12", "300", "0");
    env.run(&["method", "add", "card", "--number", VISA, "--exp", "12/30", "--holder", "J"])
        .account("jones")
        .as_of("2026-11-01")
        .ok();
    let stderr = env
        .run(&["pay", "100", "--yes", "--idempotency-key", "shared"])
        .account("jones")
        .as_of("2027-01-15")
        .rejected(&["another account's payment"]);
    assert!(!stderr.contains("100.00") && !stderr.contains("payment 2"), "{stderr}");
    assert_eq!(sandbox_charges(&env), (1, 10_000));
}
