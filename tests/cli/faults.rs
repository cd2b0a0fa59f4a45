//! Gateway faults: the sandbox's `HCPAY_SANDBOX_FAULT` and an exec adapter
//! that hangs, crashes or prints garbage. An attempt whose answer is lost is
//! `unknown` (exit 75) and is settled by looking it up, never charged twice.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{
    adapter, adapter_charges, add_card, exec, exec_card, exec_household, exec_pay, exec_timeout, gateway_payments,
    household, payment, sandbox_charges, Env, Run, DECLINED, VISA,
};

const FAULT: &str = "HCPAY_SANDBOX_FAULT";

/// `pay ARGS --yes --json`, exiting `code`; the document it printed.
fn pay_doc(run: Run, code: i32) -> Value {
    let out = run.code(code);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("no JSON ({e}):\n{out}"))
}

fn pay<'e>(env: &'e Env, args: &[&str]) -> Run<'e> {
    let mut all = vec!["pay"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--yes", "--json"]);
    env.run(&all).as_of("2027-01-15")
}

fn succeeded(env: &Env) -> usize {
    gateway_payments(env, "2027-01-15").iter().filter(|p| p["status"] == "succeeded").count()
}

// ----- the sandbox's faults -----

#[test]
fn a_timeout_leaves_the_payment_unknown_and_a_later_pay_settles_it_by_lookup() {
    let env = household();
    add_card(&env, VISA);
    let lost = pay_doc(pay(&env, &[]).env(FAULT, "timeout"), 75);
    assert_eq!(lost["status"], "unknown", "{lost:#}");
    let row = payment(&env, "2027-01-15", &lost["id"]);
    assert_eq!(row["status"], "unknown");
    // Unknown money pays nothing yet.
    assert_eq!(env.json("2027-01-15", &["status"])["amount_due"], "464.00");
    // The gateway did charge (its answer was lost).
    assert_eq!(sandbox_charges(&env), (1, 46_400));

    // The next pay looks it up first: it went through, so nothing is due.
    let text = env.run(&["pay", "--yes"]).as_of("2027-01-15").ok();
    assert!(text.contains("nothing"), "{text}");
    let row = payment(&env, "2027-01-15", &lost["id"]);
    assert_eq!(row["status"], "succeeded", "{row:#}");
    assert_eq!(row["coverage_month"], "2027-01");
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1);
    assert_eq!(succeeded(&env), 1);
    assert_eq!(sandbox_charges(&env), (1, 46_400), "charged a second time");
    let status = env.json("2027-01-15", &["status"]);
    assert_eq!(status["amount_due"], "0.00");
    assert_eq!(status["credit"], "0.00", "the bills were paid twice");
}

#[test]
fn a_timeout_retried_with_its_key_is_settled_not_charged_again() {
    let env = household();
    add_card(&env, VISA);
    let lost = pay_doc(pay(&env, &["100", "--idempotency-key", "k1"]).env(FAULT, "timeout"), 75);
    let settled = pay(&env, &["100", "--idempotency-key", "k1"]).json();
    assert_eq!(settled["id"], lost["id"]);
    assert_eq!(settled["status"], "succeeded");
    assert_eq!(settled["replayed"], true);
    assert_eq!(sandbox_charges(&env), (1, 10_000));
}

#[test]
fn a_crash_after_the_charge_leaves_it_pending_and_the_retry_returns_the_settled_result() {
    let env = household();
    add_card(&env, VISA);
    let died = pay(&env, &["--idempotency-key", "k1"]).env(FAULT, "crash_after_charge").raw();
    assert!(!died.status.success(), "{died:?}");
    assert!(!matches!(died.status.code(), Some(0 | 2 | 3)), "a crash is not an answer: {:?}", died.status);
    let rows = gateway_payments(&env, "2027-01-15");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["status"], "pending");
    assert_eq!(sandbox_charges(&env), (1, 46_400));

    let retry = pay(&env, &["--idempotency-key", "k1"]).json();
    assert_eq!(retry["status"], "succeeded", "{retry:#}");
    assert_eq!(retry["replayed"], true);
    assert_eq!(retry["id"], rows[0]["id"]);
    assert_eq!(amount_of(&retry), "464.00");
    assert_eq!(sandbox_charges(&env), (1, 46_400), "charged a second time");

    let text = env.run(&["pay", "due", "--yes"]).as_of("2027-01-15").ok();
    assert!(text.contains("nothing"), "{text}");
    assert_eq!(sandbox_charges(&env), (1, 46_400));
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1);
    assert_eq!(env.json("2027-01-15", &["status"])["credit"], "0.00");
}

#[test]
fn a_crash_without_a_key_is_settled_by_the_next_pay() {
    let env = household();
    add_card(&env, VISA);
    let died = pay(&env, &[]).env(FAULT, "crash_after_charge").raw();
    assert!(!died.status.success());
    let text = env.run(&["pay", "--yes"]).as_of("2027-01-15").ok();
    assert!(text.contains("nothing"), "{text}");
    assert_eq!(succeeded(&env), 1);
    assert_eq!(sandbox_charges(&env), (1, 46_400));
}

#[test]
fn a_fault_on_a_declining_card_is_settled_as_declined() {
    let env = household();
    add_card(&env, DECLINED);
    let lost = pay_doc(pay(&env, &[]).env(FAULT, "timeout"), 75);
    assert_eq!(lost["status"], "unknown");
    // Settled as failed, then the bills are still due: a new attempt is made
    // (and declined again), the lost one is never re-sent.
    let again = pay_doc(pay(&env, &[]), 3);
    assert_ne!(again["id"], lost["id"]);
    assert_eq!(payment(&env, "2027-01-15", &lost["id"])["failure_code"], "card_declined");
    assert_eq!(sandbox_charges(&env), (2, 0));
}

#[test]
fn an_unknown_fault_name_is_rejected() {
    let env = household();
    add_card(&env, VISA);
    pay(&env, &[]).env(FAULT, "meteor").rejected(&["meteor"]);
    assert_eq!(sandbox_charges(&env), (0, 0));
}

fn amount_of(doc: &Value) -> &str {
    crate::common::amount(&doc["amount"])
}

// ----- the exec gateway -----

#[test]
fn a_card_is_added_and_charged_through_the_exec_gateway() {
    let env = exec_household();
    let card = exec_card(&env, VISA);
    let paid = exec_pay(&env, &["--method", &card]).json();
    assert_eq!(paid["status"], "succeeded", "{paid:#}");
    assert_eq!(paid["method"], "Visa ending 4242");
    assert_eq!(crate::common::allocations(&paid).len(), 4);
    let charges = adapter_charges(&env);
    assert_eq!(charges.len(), 1, "{charges:?}");
    assert_eq!(charges.values().next().unwrap()["amount"], "464.00");
    // The history's reference is the charge's idempotency key, under which the gateway keeps it.
    assert_eq!(paid["reference"].as_str().unwrap(), charges.keys().next().unwrap());
    // Nothing went to the sandbox.
    assert_eq!(sandbox_charges(&env), (0, 0));

    let declining = exec_card(&env, DECLINED);
    let failed = pay_doc(exec_pay(&env, &["10", "--method", &declining]), 3);
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["failure_code"], "card_declined");
}

#[test]
fn an_adapter_that_hangs_times_out_and_leaves_the_payment_unknown() {
    let env = exec_household();
    exec_card(&env, VISA);
    exec_timeout(&env, 2);
    let started = Instant::now();
    let lost = pay_doc(exec_pay(&env, &[]).env("HCPAY_ADAPTER_MODE", "hang"), 75);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?} with timeout_secs = 2");
    assert_eq!(lost["status"], "unknown", "{lost:#}");
    assert_eq!(payment(&env, "2027-01-15", &lost["id"])["status"], "unknown");
    assert_eq!(env.json("2027-01-15", &["status"])["amount_due"], "464.00");
}

#[test]
fn an_adapter_that_crashes_or_prints_garbage_leaves_the_payment_unknown() {
    for mode in ["crash", "garbage"] {
        let env = exec_household();
        exec_card(&env, VISA);
        let lost = pay_doc(exec_pay(&env, &[]).env("HCPAY_ADAPTER_MODE", mode), 75);
        assert_eq!(lost["status"], "unknown", "{mode}: {lost:#}");
        assert_eq!(payment(&env, "2027-01-15", &lost["id"])["status"], "unknown", "{mode}");
        assert_eq!(env.json("2027-01-15", &["status"])["amount_due"], "464.00", "{mode}");
        // While the adapter still misbehaves, nothing new is charged.
        exec_pay(&env, &[]).env("HCPAY_ADAPTER_MODE", mode).fails(75, &["unknown"]);
        assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1, "{mode}");
        // Back to normal: the lookup finds no charge, so the attempt failed
        // and a new one pays the bills.
        let paid = exec_pay(&env, &[]).json();
        assert_eq!(paid["status"], "succeeded", "{mode}");
        assert_ne!(paid["id"], lost["id"]);
        assert_eq!(payment(&env, "2027-01-15", &lost["id"])["status"], "failed", "{mode}");
        assert_eq!(adapter_charges(&env).len(), 1, "{mode}");
    }
}

#[test]
fn a_charge_whose_answer_hangs_is_settled_by_lookup_without_a_second_charge() {
    let env = exec_household();
    exec_card(&env, VISA);
    exec_timeout(&env, 2);
    let lost = pay_doc(exec_pay(&env, &[]).env("HCPAY_ADAPTER_MODE", "charge-then-hang"), 75);
    exec_timeout(&env, 30);
    assert_eq!(lost["status"], "unknown");
    assert_eq!(adapter_charges(&env).len(), 1, "the adapter charged");

    let text = exec(&env, &["pay", "--yes"]).ok();
    assert!(text.contains("nothing"), "{text}");
    let row = payment(&env, "2027-01-15", &lost["id"]);
    assert_eq!(row["status"], "succeeded", "{row:#}");
    assert_eq!(adapter_charges(&env).len(), 1, "charged a second time");
    assert_eq!(succeeded(&env), 1);
    let status = env.json("2027-01-15", &["status"]);
    assert_eq!(status["amount_due"], "0.00");
    assert_eq!(status["credit"], "0.00");
}

#[test]
fn each_new_number_is_tokenized_afresh_by_a_gateway_that_honours_keys() {
    // The adapter answers a repeated idempotency key with its first answer, so
    // two updates sharing a key would leave the card on the first new token.
    let env = exec_household();
    let card = exec_card(&env, VISA);
    exec(&env, &["method", "update", &card, "--number", DECLINED]).ok();
    let failed = pay_doc(exec_pay(&env, &["10", "--method", &card]), 3);
    assert_eq!(failed["failure_code"], "card_declined", "{failed:#}");
    exec(&env, &["method", "update", &card, "--number", "5555555555554444"]).ok();
    let paid = exec_pay(&env, &["10", "--method", &card]).json();
    assert_eq!(paid["status"], "succeeded", "the second update must not reuse the first one's token: {paid:#}");
}

#[test]
fn a_declined_payment_is_shown_and_reported_on_stderr() {
    let env = exec_household();
    let declining = exec_card(&env, DECLINED);
    let stderr = exec_pay(&env, &["10", "--method", &declining]).fails(3, &["card_declined"]);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
}

/// The exec household with a gateway that takes a second to charge and a
/// timeout long enough for a loaded machine: every command at once gets
/// its answer, so what the test sees is the ledger's decision, not a timeout.
fn slow_exec_household() -> Env {
    let env = household();
    env.write_config(&format!(
        "[gateway]\nkind = \"exec\"\nprogram = \"{}\"\ntimeout_secs = 30\n",
        adapter().display()
    ));
    exec_card(&env, VISA);
    env
}

/// Runs `pay ARGS` from `n` commands at once against the slow gateway, each
/// started a little after the one before; their exit codes, and stdout
/// followed by stderr.
fn pay_at_once(env: &Env, n: usize, args: impl Fn(usize) -> Vec<String>) -> Vec<(i32, String)> {
    let children: Vec<_> = (0..n)
        .map(|i| {
            std::thread::sleep(Duration::from_millis(if i == 0 { 0 } else { 100 }));
            let args = args(i);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            exec_pay(env, &args).env("HCPAY_ADAPTER_MODE", "slow-charge").spawn()
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            (out.status.code().unwrap(), text)
        })
        .collect()
}

/// The JSON document at the start of a command's output.
fn first_json(out: &str) -> Value {
    let mut docs = serde_json::Deserializer::from_str(out).into_iter::<Value>();
    docs.next().and_then(Result::ok).unwrap_or_else(|| panic!("no JSON document in:\n{out}"))
}

#[test]
fn the_same_key_from_several_commands_at_once_is_charged_once() {
    // While the first command waits for its charge, the others send the same
    // key again: the gateway honours it, so there is one charge, and every
    // command reports the one payment.
    let env = slow_exec_household();
    let runs = pay_at_once(&env, 6, |_| {
        ["10", "--idempotency-key", "rent-once", "--allow-overpay"].map(String::from).to_vec()
    });
    for (code, out) in &runs {
        assert_eq!(*code, 0, "{out}");
        let doc = first_json(out);
        assert_eq!(doc["status"], "succeeded", "{doc:#}");
    }
    let again = pay_doc(exec_pay(&env, &["10", "--idempotency-key", "rent-once", "--allow-overpay"]), 0);
    assert_eq!(again["replayed"], true);
    assert_eq!(again["status"], "succeeded");
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1, "one payment for one key");
    assert_eq!(adapter_charges(&env).len(), 1, "one charge at the gateway");
}

#[test]
fn pay_due_from_several_commands_at_once_charges_the_amount_due_once() {
    let env = slow_exec_household();
    let runs = pay_at_once(&env, 4, |_| vec!["due".to_string()]);
    assert!(runs.iter().all(|(code, _)| *code == 0), "{runs:#?}");
    let charges = adapter_charges(&env);
    assert_eq!(charges.len(), 1, "charged once per command: {charges:#?}");
    let paid = gateway_payments(&env, "2027-01-15");
    assert_eq!(paid.len(), 1, "{paid:#?}");
    assert_eq!(amount_of(&paid[0]), "464.00");
    // The others found the bills being paid, and said by which payment (or,
    // started late on a loaded machine, found them paid already).
    let mut told = 0;
    for (_, out) in &runs {
        let doc = first_json(out);
        if doc["charged"] == false {
            match doc["in_flight"].as_array().map(Vec::as_slice) {
                Some([]) => {}
                _ => assert_eq!(doc["in_flight"][0]["id"], paid[0]["id"], "{doc:#}"),
            }
            told += 1;
        }
    }
    assert_eq!(told, 3, "{runs:#?}");
    let status = env.json("2027-01-15", &["status"]);
    assert_eq!(status["amount_due"], "0.00");
    assert_eq!(status["credit"], "0.00");
}

#[test]
fn fixed_amounts_from_several_commands_at_once_never_pass_the_overpay_cap() {
    // $464.00 due; the cap is three months of $232.00: at most $696.00 of
    // credit, so $1,160.00 in all, which three payments of $300.00 fit and a
    // fourth does not.
    let env = slow_exec_household();
    let runs = pay_at_once(&env, 6, |_| vec!["300".to_string()]);
    let mut codes: Vec<i32> = runs.iter().map(|(c, _)| *c).collect();
    codes.sort_unstable();
    assert_eq!(codes, [0, 0, 0, 2, 2, 2], "{runs:#?}");
    for (_, out) in runs.iter().filter(|(c, _)| *c == 2) {
        assert!(out.contains("more than three months"), "{out}");
    }
    let total: f64 =
        adapter_charges(&env).values().map(|c| c["amount"].as_str().unwrap().parse::<f64>().unwrap()).sum();
    assert_eq!(total, 900.0);
    let status = env.json("2027-01-15", &["status"]);
    assert_eq!(status["credit"], "436.00");
}

#[test]
fn a_pay_killed_before_the_gateway_was_asked_is_sent_again_under_its_key() {
    let env = household();
    add_card(&env, VISA);
    let died = pay(&env, &["--idempotency-key", "k1"]).env(FAULT, "crash_before_charge").raw();
    assert!(!matches!(died.status.code(), Some(0 | 2 | 3)), "{died:?}");
    assert_eq!(gateway_payments(&env, "2027-01-15")[0]["status"], "pending");
    assert_eq!(sandbox_charges(&env), (0, 0));

    // At once: the attempt is still young, yet nothing reached the gateway,
    // so the same key sends it again rather than asking to wait.
    let retry = pay(&env, &["--idempotency-key", "k1"]).json();
    assert_eq!(retry["status"], "succeeded", "{retry:#}");
    assert_eq!(retry["replayed"], true);
    assert_eq!(sandbox_charges(&env), (1, 46_400));
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1);
}

#[test]
fn a_key_is_not_burned_by_a_crash_settled_after_its_answer_window() {
    let env = household();
    add_card(&env, VISA);
    let died = pay(&env, &["200", "--idempotency-key", "k1"]).env(FAULT, "crash_before_charge").raw();
    assert!(!died.status.success());
    // Long after: another command settles the old attempt as never received.
    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    conn.execute("UPDATE payments SET started_at = started_at - 3600", []).unwrap();
    let other = pay_doc(pay(&env, &["50"]), 0);
    assert_eq!(other["status"], "succeeded");
    let lost = &gateway_payments(&env, "2027-01-15").into_iter().find(|p| p["reference"] == "k1").unwrap();
    assert_eq!(lost["failure_code"], "not_received", "{lost:#}");

    let retry = pay(&env, &["200", "--idempotency-key", "k1"]).json();
    assert_eq!(retry["status"], "succeeded", "{retry:#}");
    assert_eq!(retry["id"], lost["id"]);
    assert_eq!(sandbox_charges(&env), (2, 25_000));
    let again = pay(&env, &["200", "--idempotency-key", "k1"]).json();
    assert_eq!(again["replayed"], true);
    assert_eq!(sandbox_charges(&env), (2, 25_000));
}

#[test]
fn a_rerun_after_a_crash_names_the_earlier_payment_that_went_through() {
    let env = household();
    add_card(&env, VISA);
    let died = pay(&env, &[]).env(FAULT, "crash_after_charge").raw();
    assert!(!died.status.success());
    let id = gateway_payments(&env, "2027-01-15")[0]["id"].clone();
    let text = env.run(&["pay", "--yes"]).as_of("2027-01-15").ok();
    assert!(text.contains("nothing is due"), "{text}");
    assert!(text.contains(&format!("earlier payment {id} of $464.00, left unsettled, succeeded")), "{text}");
}

#[test]
fn text_and_json_agree_on_a_lost_answer() {
    let env = household();
    add_card(&env, VISA);
    let out = pay(&env, &[]).env(FAULT, "timeout").code(75);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let text = env.run(&["receipt", &doc["id"].to_string()]).as_of("2027-01-15").ok();
    assert_eq!(doc["status"], "unknown");
    assert!(text.contains("status        unknown"), "{text}");
    assert!(out.stderr.contains("is unknown"), "{}", out.stderr);
}

#[test]
fn a_key_sent_again_after_a_crash_never_pays_what_was_paid_meanwhile() {
    let env = household();
    add_card(&env, VISA);
    let died = pay(&env, &["due", "--idempotency-key", "k1"]).env(FAULT, "crash_before_charge").raw();
    assert!(!died.status.success());
    // Long after, another payment settles the lost attempt and pays the bills.
    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    conn.execute("UPDATE payments SET started_at = started_at - 3600", []).unwrap();
    assert_eq!(pay_doc(pay(&env, &["due"]), 0)["status"], "succeeded");
    assert_eq!(sandbox_charges(&env), (1, 46_400));
    // The same key again: what it was for is paid, so nothing is sent.
    let again = pay_doc(pay(&env, &["due", "--idempotency-key", "k1"]), 3);
    assert_eq!(again["failure_code"], "not_received", "{again:#}");
    assert_eq!(sandbox_charges(&env), (1, 46_400), "charged what was already paid");
    assert_eq!(env.json("2027-01-15", &["status"])["credit"], "0.00");
}

#[test]
fn credit_on_its_way_back_is_not_counted_on_by_the_next_payment() {
    let env = household();
    add_card(&env, VISA);
    // $464.00 due; $864.00 leaves $400.00 of credit, which a refund then sends back.
    let paid = pay_doc(pay(&env, &["864", "--allow-overpay"]), 0);
    let id = paid["id"].to_string();
    env.run(&["refund", &id, "400", "--yes"]).as_of("2027-01-15").env(FAULT, "timeout").code(75);
    // While the refund's answer is lost, March must still be paid for.
    let ahead = env.run(&["pay", "ahead", "--dry-run", "--json"]).as_of("2027-01-15").json();
    assert_eq!(ahead["amount"], "232.00", "{ahead:#}");
}
