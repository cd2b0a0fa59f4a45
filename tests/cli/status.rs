//! `status` and `balance`: the quick look and the number for scripts.

use crate::common::{amount, assert_has_keys, line, Env};

/// smith: health $202.00 a month from 2026-12 (unsubsidized), December paid.
fn paid_december() -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,202,C1,portal"]);
    env
}

#[test]
fn status_json_has_the_documented_fields() {
    let env = paid_december();
    let status = env.json("2026-12-15", &["status"]);
    assert_has_keys(
        &status,
        &[
            "account",
            "as_of",
            "amount_due",
            "past_due",
            "credit",
            "next_due_date",
            "next_due_amount",
            "coverage_state",
            "lines",
            "autopay",
        ],
    );
    let health = line(&status, "health");
    assert_has_keys(
        health,
        &[
            "line",
            "coverage_state",
            "paid_through",
            "grace_deadline",
            "cure_amount",
            "terminates_on",
            "reinstate_by",
            "reinstate_amount",
        ],
    );
    assert_has_keys(&status["autopay"], &["enabled", "method", "next_draft_date", "next_draft_amount"]);

    assert_eq!(status["account"], "smith");
    assert_eq!(status["as_of"], "2026-12-15");
    assert_eq!(amount(&status["amount_due"]), "202.00");
    assert_eq!(amount(&status["past_due"]), "0.00");
    assert_eq!(amount(&status["credit"]), "0.00");
    assert_eq!(status["next_due_date"], "2026-12-23");
    assert_eq!(amount(&status["next_due_amount"]), "202.00");
    assert_eq!(status["coverage_state"], "active");
    assert_eq!(health["coverage_state"], "active");
    assert_eq!(health["paid_through"], "2026-12");
    for absent in ["grace_deadline", "cure_amount", "terminates_on", "reinstate_by", "reinstate_amount"] {
        assert!(health[absent].is_null(), "{absent} should be null: {health}");
    }
    assert_eq!(status["autopay"]["enabled"], false);
}

#[test]
fn credit_is_money_paid_beyond_the_bills() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,250,C1,portal"]);
    let status = env.json("2026-11-21", &["status"]);
    assert_eq!(status["amount_due"], "0.00");
    assert_eq!(status["credit"], "48.00");
    // January's bill takes the credit when it is issued.
    let status = env.json("2026-12-10", &["status"]);
    assert_eq!(status["credit"], "0.00");
    assert_eq!(status["amount_due"], "154.00");
}

#[test]
fn the_table_is_for_people() {
    let env = paid_december();
    let text = env.run(&["status"]).as_of("2026-12-15").ok();
    for needle in ["smith", "active", "$202.00", "2026-12-23"] {
        assert!(text.contains(needle), "no {needle} in\n{text}");
    }
}

#[test]
fn balance_prints_only_the_amount_due() {
    let env = paid_december();
    assert_eq!(env.run(&["balance"]).as_of("2026-12-15").ok(), "202.00\n");
    assert_eq!(env.run(&["balance"]).as_of("2026-11-21").ok(), "0.00\n");
    assert_eq!(env.run(&["balance"]).as_of("2027-01-15").ok(), "404.00\n");
}

#[test]
fn status_check_is_quiet_about_a_line_in_good_standing() {
    let env = paid_december();
    env.run(&["status", "--check"]).as_of("2026-12-15").code(0);
    // On its due date a bill is not yet late.
    env.run(&["status", "--check"]).as_of("2026-12-23").code(0);
}

#[test]
fn status_check_exits_4_in_grace_and_after_termination() {
    let env = paid_december();
    let out = env.run(&["status", "--check"]).as_of("2026-12-24").code(4);
    assert!(out.stdout.contains("grace"), "it still shows the status:\n{out}");
    env.run(&["status", "--check"]).as_of("2027-01-24").code(4);
}

#[test]
fn status_check_of_a_first_month_pending_and_not_effective() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let pending = env.json("2026-11-23", &["status"]);
    assert_eq!(pending["coverage_state"], "pending");
    env.run(&["status", "--check"]).as_of("2026-11-23").code(0);
    env.run(&["status", "--check"]).as_of("2026-11-24").code(4);
}

#[test]
fn status_check_exits_4_when_something_is_past_due() {
    let env = paid_december();
    let status = env.json("2026-12-24", &["status"]);
    assert_eq!(status["past_due"], "202.00");
    env.run(&["status", "--check", "--json"]).as_of("2026-12-24").code(4);
    // Paid: nothing past due, back in good standing.
    env.import_payments("2026-12-28", &["smith,2026-12-28,202,C2,phone"]);
    env.run(&["status", "--check"]).as_of("2026-12-29").code(0);
}

#[test]
fn an_account_without_a_plan_has_no_coverage_state() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let status = env.json("2026-11-01", &["status"]);
    assert!(status["coverage_state"].is_null(), "{status}");
    assert_eq!(status["lines"], serde_json::json!([]));
    assert_eq!(status["amount_due"], "0.00");
    env.run(&["status", "--check"]).as_of("2026-11-01").code(0);
}

#[test]
fn an_account_is_as_bad_as_its_worst_line() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.run(&["plan", "set", "--line", "dental", "--from", "2026-12", "--premium", "38"]).as_of("2026-11-01").ok();
    // The classic mistake: December paid for both lines, then only the
    // health premium sent for January.
    env.import_payments("2026-11-20", &["smith,2026-11-20,240,C1,portal"]);
    env.import_payments("2026-12-20", &["smith,2026-12-20,202,C2,portal"]);
    let status = env.json("2026-12-24", &["status"]);
    assert_eq!(line(&status, "health")["coverage_state"], "active");
    assert_eq!(line(&status, "dental")["coverage_state"], "grace");
    assert_eq!(status["coverage_state"], "grace");
}

#[test]
fn a_new_enrollment_is_owed_at_once() {
    // Recorded before January's statement day: balance says what the binder needs.
    let env = Env::new();
    env.add_account("smith", "2026-12-01");
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "612", "--aptc", "410"]).as_of("2026-12-01").ok();
    assert_eq!(env.run(&["balance"]).as_of("2026-12-01").ok(), "202.00\n");
    let status = env.json("2026-12-01", &["status"]);
    assert_eq!(status["amount_due"], "202.00");
    assert_eq!(status["next_due_date"], "2026-12-23");
    assert_eq!(status["coverage_state"], "pending");
}
