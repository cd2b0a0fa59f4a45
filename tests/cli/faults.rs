//! Gateway faults: the sandbox's `HCPAY_SANDBOX_FAULT` and an exec adapter
//! that hangs, crashes or prints garbage. An attempt whose answer is lost is
//! `unknown` (exit 75) and is settled by looking it up, never charged twice.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{Env, Run};
use crate::pay::{add_card, gateway_payments, household, payment, sandbox_charges, DECLINED, VISA};

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

fn adapter() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/adapter/exec-adapter.py")
}

/// The household, with the exec gateway (the test adapter, 2 s timeout).
fn exec_household() -> Env {
    let env = household();
    env.write_config(&format!("[gateway]\nkind = \"exec\"\nprogram = \"{}\"\ntimeout_secs = 2\n", adapter().display()));
    env
}

/// A run that talks to the adapter, its state in the environment's directory.
fn exec<'e>(env: &'e Env, args: &[&str]) -> Run<'e> {
    env.run(args).as_of("2027-01-15").env("HCPAY_ADAPTER_STATE", env.path("adapter-state.json"))
}

fn exec_pay<'e>(env: &'e Env, args: &[&str]) -> Run<'e> {
    let mut all = vec!["pay"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--yes", "--json"]);
    exec(env, &all)
}

fn exec_card(env: &Env, number: &str) -> String {
    let added =
        exec(env, &["method", "add", "card", "--number", number, "--exp", "12/30", "--holder", "Jo Smith", "--json"])
            .as_of("2026-11-01")
            .json();
    assert_eq!(added["state"], "verified", "{added:#}");
    added["id"].to_string()
}

/// The adapter's charges, by key.
fn adapter_charges(env: &Env) -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(env.path("adapter-state.json")).unwrap_or_default();
    if text.is_empty() {
        return Default::default();
    }
    let state: Value = serde_json::from_str(&text).expect("the adapter's state is JSON");
    state["charges"].as_object().cloned().unwrap_or_default()
}

#[test]
fn a_card_is_added_and_charged_through_the_exec_gateway() {
    let env = exec_household();
    let card = exec_card(&env, VISA);
    let paid = exec_pay(&env, &["--method", &card]).json();
    assert_eq!(paid["status"], "succeeded", "{paid:#}");
    assert_eq!(paid["method"], "Visa ending 4242");
    assert_eq!(crate::pay::allocations(&paid).len(), 4);
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
    let lost = pay_doc(exec_pay(&env, &[]).env("HCPAY_ADAPTER_MODE", "charge-then-hang"), 75);
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

#[test]
fn the_same_key_from_several_commands_at_once_is_charged_once() {
    // A gateway that takes a second to charge: the other commands find the
    // attempt pending and unknown to the gateway, and must leave it be.
    let env = exec_household();
    exec_card(&env, VISA);
    let children: Vec<_> = (0..6)
        .map(|i| {
            std::thread::sleep(Duration::from_millis(if i == 0 { 0 } else { 100 }));
            exec_pay(&env, &["10", "--idempotency-key", "rent-once", "--allow-overpay"])
                .env("HCPAY_ADAPTER_MODE", "slow-charge")
                .spawn()
        })
        .collect();
    let mut codes: Vec<i32> =
        children.into_iter().map(|c| c.wait_with_output().unwrap().status.code().unwrap()).collect();
    codes.sort_unstable();
    // Each either made the charge, replayed it, or was told to try again while it was in flight.
    assert!(codes.iter().all(|c| *c == 0 || *c == 75), "{codes:?}");
    assert!(codes.contains(&0), "{codes:?}");
    let again = pay_doc(exec_pay(&env, &["10", "--idempotency-key", "rent-once", "--allow-overpay"]), 0);
    assert_eq!(again["replayed"], true);
    assert_eq!(again["status"], "succeeded");
    assert_eq!(gateway_payments(&env, "2027-01-15").len(), 1, "one payment for one key");
    assert_eq!(adapter_charges(&env).len(), 1, "one charge at the gateway");
}
