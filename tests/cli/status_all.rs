//! `status --all`: every account in one view, worst first.

use serde_json::Value;

use crate::common::{assert_has_keys, Env};

/// As of 2027-01-05: `late` is in grace (December unpaid), `never` never paid
/// its first month, `fine` is paid up, `bare` has no enrollment.
fn navigator() -> Env {
    let env = Env::new();
    env.enroll("fine", "2026-11-01", "2026-12", "202", "0");
    env.enroll("late", "2026-11-01", "2026-12", "612", "410");
    env.enroll("never", "2026-11-01", "2026-12", "300", "0");
    env.add_account("bare", "2026-11-01");
    env.import_payments(
        "2026-12-20",
        &["fine,2026-11-20,202,F1,portal", "fine,2026-12-20,202,F2,portal", "late,2026-11-20,202,L1,portal"],
    );
    env
}

fn accounts(rows: &Value) -> Vec<&str> {
    rows.as_array().unwrap().iter().map(|r| r["account"].as_str().unwrap()).collect()
}

#[test]
fn every_account_is_one_row_worst_first() {
    let env = navigator();
    let rows = env.run(&["status", "--all", "--json"]).as_of("2027-01-05").json();
    assert_eq!(accounts(&rows), ["never", "late", "fine", "bare"]);
    let row = |i: usize| &rows[i];
    assert_has_keys(
        row(0),
        &[
            "account",
            "name",
            "coverage_state",
            "amount_due",
            "past_due",
            "next_due_date",
            "next_due_amount",
            "act_by",
            "autopay",
            "attention",
        ],
    );
    assert_eq!(row(0)["coverage_state"], "not_effective");
    assert_eq!(row(1)["coverage_state"], "grace");
    // January's bill, due 2026-12-23, is unpaid: subsidized, its grace runs to March's due day.
    assert_eq!(row(1)["past_due"], "202.00");
    assert_eq!(row(1)["act_by"], "2027-03-23");
    assert_eq!(row(1)["attention"], true);
    assert_eq!(row(2)["coverage_state"], "active");
    assert_eq!(row(2)["next_due_date"], "2027-01-23");
    assert_eq!(row(2)["next_due_amount"], "202.00");
    assert_eq!(row(2)["attention"], false);
    assert!(row(3)["coverage_state"].is_null());
    assert_eq!(row(3)["autopay"], false);
    // Each row says what `status` says of that account.
    let one = env.run(&["status", "--json"]).account("late").as_of("2027-01-05").json();
    for key in ["coverage_state", "amount_due", "past_due", "next_due_date", "next_due_amount"] {
        assert_eq!(row(1)[key], one[key], "{key}");
    }
}

#[test]
fn check_exits_4_when_any_account_needs_attention() {
    let env = navigator();
    env.run(&["status", "--all", "--check"]).as_of("2027-01-05").code(4);
    // Before anything was due, nobody needs attention.
    env.run(&["status", "--all", "--check"]).as_of("2026-11-15").code(0);
}

#[test]
fn csv_and_table_show_the_same_rows() {
    let env = navigator();
    let csv = env.run(&["status", "--all", "--format", "csv"]).as_of("2027-01-05").ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "account,name,coverage_state,amount_due,past_due,next_due_date,next_due_amount,act_by,autopay,attention"
    );
    assert!(lines[2].starts_with("late,Household late,grace,202.00,202.00,"), "{csv}");
    assert_eq!(lines.len(), 5);
    let table = env.run(&["status", "--all"]).as_of("2027-01-05").ok();
    assert!(table.contains("not_effective") && table.contains("$202.00"), "{table}");
    assert!(table.contains("4 accounts as of 2027-01-05; 2 need attention"), "{table}");
}

#[test]
fn an_empty_ledger_has_no_rows_and_no_ledger_is_an_error() {
    let env = Env::new();
    env.run(&["status", "--all"]).as_of("2027-01-05").rejected(&["no ledger"]);
    env.run(&["init"]).as_of("2027-01-05").ok();
    assert_eq!(env.run(&["status", "--all", "--json"]).as_of("2027-01-05").json(), serde_json::json!([]));
    let text = env.run(&["status", "--all", "--check"]).as_of("2027-01-05").ok();
    assert!(text.contains("no accounts yet"), "{text}");
}

#[test]
fn the_autopay_column_says_who_is_on_autopay() {
    let env = navigator();
    let card = env
        .run(&[
            "method",
            "add",
            "card",
            "--number",
            crate::common::VISA,
            "--exp",
            "12/30",
            "--holder",
            "Fine",
            "--json",
        ])
        .account("fine")
        .as_of("2026-12-21")
        .json();
    let id = card["id"].to_string();
    env.run(&["autopay", "enable", "--method", &id]).account("fine").as_of("2026-12-21").ok();
    let rows = env.json("2027-01-05", &["status", "--all"]);
    let autopay =
        |handle: &str| rows.as_array().unwrap().iter().find(|r| r["account"] == handle).unwrap()["autopay"].clone();
    assert_eq!(autopay("fine"), true, "{rows:#}");
    assert_eq!(autopay("late"), false);
}
