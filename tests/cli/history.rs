//! `history`: newest first, its filters, CSV, `--upcoming`, and the audit
//! log (what each changing command did, never a full card or account number).

use serde_json::Value;

use crate::common::Env;
use crate::common::{add_bank, add_card, household, DECLINED, HISTORY_FIELDS, VISA};

/// The household with a bit of everything by 2027-01-15: the binder (recorded,
/// 2026-11-15), a declined card (2026-12-15), $2,000 by card on 2026-12-20
/// (more than due, allowed), a refund of $500 of it on 2027-01-05, a check
/// recorded and voided, and a bank account added and verified.
pub fn busy() -> Env {
    let env = household();
    let declining = add_card(&env, DECLINED).to_string();
    let visa = add_card(&env, VISA).to_string();
    add_bank(&env, "000123456789", true);
    env.run(&["pay", "--yes", "--method", &declining]).as_of("2026-12-15").code(3);
    let paid =
        env.run(&["pay", "2000", "--yes", "--allow-overpay", "--method", &visa, "--json"]).as_of("2026-12-20").json();
    env.run(&["refund", &paid["id"].to_string(), "500", "--yes"]).as_of("2027-01-05").ok();
    let check = env
        .run(&[
            "pay",
            "--record",
            "75",
            "--paid-on",
            "2027-01-08",
            "--confirmation",
            "CHK-9",
            "--via",
            "check",
            "--json",
        ])
        .as_of("2027-01-10")
        .json();
    env.run(&["void", &check["id"].to_string(), "--reason", "bounced"]).as_of("2027-01-12").ok();
    env
}

fn rows(doc: &Value) -> &Vec<Value> {
    doc.as_array().expect("history is an array")
}

fn history(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["history"];
    all.extend_from_slice(args);
    rows(&env.json("2027-01-15", &all)).clone()
}

fn kinds(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["kind"].as_str().unwrap()).collect()
}

fn dates(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["date"].as_str().unwrap()).collect()
}

#[test]
fn history_is_newest_first_with_the_documented_fields() {
    let env = busy();
    let all = history(&env, &[]);
    assert!(all.len() >= 8, "{all:#?}");
    for row in &all {
        crate::common::assert_has_keys(row, HISTORY_FIELDS);
    }
    let dates = dates(&all);
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "not newest first");
    assert_eq!(dates[0], "2027-01-10", "February's bill is the newest: {all:#?}");
    // By default: payments, invoices and refunds, not the audit log.
    let mut seen = kinds(&all);
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen, ["invoice", "payment", "refund"]);
}

#[test]
fn kind_filters_pick_one_kind_of_event() {
    let env = busy();
    let payments = history(&env, &["--kind", "payment"]);
    assert_eq!(payments.len(), 4, "binder, declined, $2,000, check: {payments:#?}");
    assert!(kinds(&payments).iter().all(|k| *k == "payment"));
    let amounts: Vec<&str> = payments.iter().map(|p| p["amount"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["75.00", "2000.00", "232.00", "232.00"], "{payments:#?}");

    let invoices = history(&env, &["--kind", "invoice"]);
    assert!(kinds(&invoices).iter().all(|k| *k == "invoice"), "{invoices:#?}");
    let months: Vec<&str> = invoices.iter().map(|i| i["coverage_month"].as_str().unwrap()).collect();
    assert_eq!(months, ["2027-02", "2027-02", "2027-01", "2027-01", "2026-12", "2026-12"], "{invoices:#?}");

    let refunds = history(&env, &["--kind", "refund"]);
    assert_eq!(kinds(&refunds), ["refund"]);
    assert_eq!(refunds[0]["amount"], "500.00");
    assert_eq!(refunds[0]["date"], "2027-01-05");

    let audit = history(&env, &["--kind", "audit"]);
    assert!(!audit.is_empty());
    assert!(kinds(&audit).iter().all(|k| *k == "audit"));

    let everything = history(&env, &["--kind", "all"]);
    assert_eq!(everything.len(), history(&env, &[]).len() + audit.len(), "all = the default kinds and the audit log");
    env.run(&["history", "--kind", "bogus"]).as_of("2027-01-15").rejected(&["bogus"]);
}

#[test]
fn status_filter_finds_the_failed_payment() {
    let env = busy();
    let failed = history(&env, &["--status", "failed"]);
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(failed[0]["kind"], "payment");
    assert_eq!(failed[0]["failure_code"], "card_declined");
    assert_eq!(failed[0]["method"], "Visa ending 0002");
    assert_eq!(failed[0]["date"], "2026-12-15");
    let void = history(&env, &["--status", "void", "--kind", "payment"]);
    assert_eq!(void.len(), 1, "{void:#?}");
    assert_eq!(void[0]["reference"], "CHK-9");
    assert!(void[0]["detail"].as_str().unwrap().contains("bounced"));
    // A status no event can have is a usage error that lists the ones there are.
    env.run(&["history", "--status", "no-such-status"]).as_of("2027-01-15").rejected(&[
        "no-such-status",
        "possible values: pending, succeeded",
        "adjusted",
    ]);
}

#[test]
fn since_and_until_bound_the_dates() {
    let env = busy();
    let december = history(&env, &["--since", "2026-12-01", "--until", "2026-12-31"]);
    assert_eq!(
        december.iter().map(|r| (r["date"].as_str().unwrap(), r["kind"].as_str().unwrap())).collect::<Vec<_>>(),
        [("2026-12-20", "payment"), ("2026-12-15", "payment"), ("2026-12-10", "invoice"), ("2026-12-10", "invoice"),]
    );
    // Both ends are inclusive.
    let one_day = history(&env, &["--since", "2026-12-20", "--until", "2026-12-20"]);
    assert_eq!(kinds(&one_day), ["payment"]);
    let since = history(&env, &["--since", "2027-01-01"]);
    assert!(dates(&since).iter().all(|d| *d >= "2027-01-01"), "{since:#?}");
    assert!(!since.is_empty());
    env.run(&["history", "--since", "2026-12-32"]).as_of("2027-01-15").rejected(&["2026-12-32"]);
}

#[test]
fn limit_keeps_the_newest_rows() {
    let env = busy();
    let all = history(&env, &[]);
    let two = history(&env, &["--limit", "2"]);
    assert_eq!(two, all[..2]);
    let payments = history(&env, &["--kind", "payment", "--limit", "1"]);
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0]["reference"], "CHK-9");
    env.run(&["history", "--limit", "x"]).as_of("2027-01-15").rejected(&["x"]);
}

#[test]
fn upcoming_lists_due_dates_ahead_soonest_first() {
    let env = household();
    let ahead = history(&env, &["--upcoming"]);
    assert!(!ahead.is_empty());
    let dates = dates(&ahead);
    assert!(dates.iter().all(|d| *d >= "2027-01-15"), "{ahead:#?}");
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted, "soonest first");
    // February's bills, due 2027-01-23, come first; January's (past due) is not ahead.
    let first: Vec<_> = ahead.iter().filter(|r| r["date"] == "2027-01-23").collect();
    assert_eq!(first.len(), 2, "{ahead:#?}");
    assert!(first.iter().all(|r| r["coverage_month"] == "2027-02"));
    assert!(ahead.iter().all(|r| r["coverage_month"] != "2027-01"));
    // March's, not issued yet, are ahead too.
    assert!(ahead.iter().any(|r| r["date"] == "2027-02-23" && r["coverage_month"] == "2027-03"));
    // Once paid, February's are no longer ahead.
    env.import_payments("2027-01-15", &["smith,2027-01-15,464,C2,portal"]);
    let ahead = history(&env, &["--upcoming"]);
    assert!(ahead.iter().all(|r| r["coverage_month"] != "2027-02"), "{ahead:#?}");
}

#[test]
fn csv_has_a_header_and_one_row_per_event() {
    let env = busy();
    let csv = env.run(&["history", "--format", "csv"]).as_of("2027-01-15").ok();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("id,date,kind,amount,status,failure_code,method,coverage_month,reference,detail"));
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.len(), history(&env, &[]).len());
    assert!(body.iter().any(|l| l.contains(",payment,2000.00,succeeded,,Visa ending 4242,")), "{csv}");
    assert!(!csv.contains('$'), "plain amounts in CSV: {csv}");
}

#[test]
fn the_audit_log_says_what_each_changing_command_did_and_no_full_number() {
    let env = busy();
    let audit = history(&env, &["--kind", "audit"]);
    let commands: Vec<&str> = audit.iter().map(|r| r["reference"].as_str().unwrap()).collect();
    for command in [
        "account add",
        "plan set",
        "import payments",
        "method add",
        "method verify",
        "pay",
        "pay --record",
        "void",
        "refund",
    ] {
        assert!(commands.contains(&command), "no `{command}` in the audit log: {commands:?}");
    }
    let details: Vec<&str> = audit.iter().map(|r| r["detail"].as_str().unwrap()).collect();
    let said = |needle: &str| details.iter().any(|d| d.contains(needle));
    assert!(said("ending 4242"), "{details:#?}");
    assert!(said("card_declined"), "{details:#?}");
    assert!(said("bounced"), "{details:#?}");
    assert!(said("$500.00"), "{details:#?}");
    // Newest first, like the rest.
    let dates = dates(&audit);
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);

    let table = env.run(&["history", "--kind", "all"]).as_of("2027-01-15").ok();
    let json = env.run(&["history", "--kind", "all", "--json"]).as_of("2027-01-15").ok();
    let csv = env.run(&["history", "--kind", "all", "--format", "csv"]).as_of("2027-01-15").ok();
    for secret in [VISA, DECLINED, "000123456789"] {
        for (what, text) in [("table", &table), ("json", &json), ("csv", &csv)] {
            assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
        }
    }
}

#[test]
fn a_read_changes_nothing_and_leaves_no_audit_entry() {
    let env = busy();
    let before = env.ledger_dump();
    history(&env, &["--kind", "all"]);
    env.run(&["receipt", "1"]).as_of("2027-01-15").ok();
    env.run(&["pay", "--dry-run"]).as_of("2027-01-15").ok();
    assert_eq!(env.ledger_dump(), before);
}

#[test]
fn a_payment_keeps_naming_its_method_after_the_method_is_removed() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    env.run(&["pay", "10", "--yes"]).as_of("2027-01-15").ok();
    env.run(&["method", "remove", &card]).as_of("2027-01-16").ok();
    let rows = env.json("2027-01-16", &["history", "--kind", "payment"]);
    assert_eq!(rows[0]["method"], "Visa ending 4242", "{rows:#}");
}

#[test]
fn removing_the_default_method_says_to_choose_the_next() {
    let env = household();
    let first = add_card(&env, VISA).to_string();
    add_card(&env, "5555555555554444");
    let removed = env.run(&["method", "remove", &first]).as_of("2027-01-16").ok();
    assert!(removed.contains("hcpay method default"), "{removed}");
    // Nothing is picked for the member: paying needs a method named or a new default.
    env.run(&["pay", "10", "--yes"]).as_of("2027-01-16").fails(2, &["no payment method"]);
}
