//! `reconcile STATEMENT.csv`: the exchange's payment history against the ledger.

use serde_json::Value;

use crate::common::{Env, PAYMENTS_HEADER};

/// smith, health at $202.00 a month from 2026-12; the ledger has December
/// (C1, recorded 2026-11-20), January (C2) and February (C3).
fn three_paid() -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments(
        "2027-01-20",
        &["smith,2026-11-20,202,C1,portal", "smith,2026-12-20,202,C2,portal", "smith,2027-01-20,202,C3,portal"],
    );
    env
}

fn findings(doc: &Value) -> Vec<(String, String)> {
    doc.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let reference = f["confirmation"].as_str().or(f["ledger_reference"].as_str()).unwrap_or("-");
            (f["finding"].as_str().unwrap().to_string(), reference.to_string())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn a_statement_that_agrees_exits_0_in_every_format() {
    let env = three_paid();
    // The exchange's own numbers, its dates a day or three after the ledger's.
    let file = env.write_file(
        "statement.csv",
        "paid_on,amount,confirmation\n2026-11-21,202.00,EX-1\n2026-12-23,202.00,EX-2\n2027-01-20,202.00,C3\n",
    );
    let doc = env.run(&["reconcile", "--json"]).arg(&file).as_of("2027-01-25").json();
    assert_eq!(findings(&doc), pairs(&[("agrees", "EX-1"), ("agrees", "EX-2"), ("agrees", "C3")]));
    assert_eq!(doc[0]["payment_id"], 1);
    assert_eq!(doc[0]["ledger_date"], "2026-11-20");
    assert_eq!(doc[0]["ledger_reference"], "C1");
    let table = env.run(&["reconcile"]).arg(&file).as_of("2027-01-25").ok();
    assert!(table.contains("the statement and the ledger agree (3 payments)"), "{table}");
    let csv = env.run(&["reconcile", "--format", "csv"]).arg(&file).as_of("2027-01-25").ok();
    assert!(csv.starts_with("account,finding,statement_date,statement_amount,confirmation,payment_id,"), "{csv}");
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn i_paid_but_i_am_not_covered_shows_what_each_side_lacks_and_exits_4() {
    let env = three_paid();
    env.run(&["void", "3", "--reason", "entered twice"]).as_of("2027-01-21").ok();
    env.import_payments("2027-01-22", &["smith,2027-01-21,202,C4,portal"]);
    // The exchange lost January's payment, took $200.00 for February, lists
    // the voided C3, and has a March payment the ledger lacks.
    let file = env.payments_csv(
        "statement.csv",
        &[
            "smith,2026-11-20,202,C1,portal",
            "smith,2027-01-21,200,EX-4,portal",
            "smith,2027-01-20,202,C3,portal",
            "smith,2027-01-24,150,EX-5,portal",
        ],
    );
    let out = env.run(&["reconcile", "--json"]).arg(&file).as_of("2027-01-25").code(4);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        findings(&doc),
        pairs(&[
            ("agrees", "C1"),
            ("missing_from_statement", "C2"),
            ("differs", "C3"),
            ("missing_from_ledger", "EX-4"),
            ("missing_from_statement", "C4"),
            ("missing_from_ledger", "EX-5"),
        ])
    );
    assert_eq!(doc[2]["detail"], "the ledger has it void");
    assert!(out.stderr.is_empty(), "differences are the answer, not an error: {}", out.stderr);
    // With a larger tolerance nothing changes for amounts: $200.00 is not $202.00.
    let out = env.run(&["reconcile", "--days", "10"]).arg(&file).as_of("2027-01-25").code(4);
    assert!(out.stdout.contains("5 of 6 payments differ"), "{}", out.stdout);
}

#[test]
fn a_date_beyond_the_tolerance_differs_and_since_until_bound_the_comparison() {
    let env = three_paid();
    let file = env.payments_csv("statement.csv", &["smith,2026-12-28,202,C2,portal"]);
    let doc: Value = serde_json::from_str(
        &env.run(&["reconcile", "--json", "--since", "2026-12-01", "--until", "2026-12-31"])
            .arg(&file)
            .as_of("2027-01-25")
            .code(4)
            .stdout,
    )
    .unwrap();
    assert_eq!(findings(&doc), pairs(&[("differs", "C2")]));
    assert_eq!(doc[0]["detail"], "date: 2026-12-28 listed, 2026-12-20 in the ledger");
    env.run(&["reconcile", "--since", "2027-01-01", "--until", "2026-12-01"])
        .arg(&file)
        .as_of("2027-01-25")
        .rejected(&["--since is after --until"]);
}

#[test]
fn record_missing_records_the_statement_payments_the_ledger_lacks() {
    let env = three_paid();
    let file = env.payments_csv(
        "statement.csv",
        &["smith,2026-11-20,202,C1,portal", "smith,2027-02-20,202,EX-9,check", "smith,2027-03-20,202,EX-10,"],
    );
    let out = env.run(&["reconcile", "--record-missing", "--json"]).arg(&file).as_of("2027-03-21").code(4);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    // The ledger's C2 and C3 are still missing from the statement: exit 4.
    assert_eq!(
        findings(&doc),
        pairs(&[
            ("agrees", "C1"),
            ("missing_from_statement", "C2"),
            ("missing_from_statement", "C3"),
            ("recorded", "EX-9"),
            ("recorded", "EX-10"),
        ])
    );
    let receipt = env.run(&["receipt", "--json"]).arg(doc[3]["payment_id"].to_string()).as_of("2027-03-21").json();
    assert_eq!(receipt["reference"], "EX-9");
    assert_eq!(receipt["method"], "check");
    let status = env.json("2027-03-21", &["status"]);
    assert_eq!(status["coverage_state"], "active");
    assert_eq!(status["lines"][0]["paid_through"], "2027-04");
    let audit = env.run(&["history", "--kind", "audit", "--json"]).as_of("2027-03-21").json();
    assert!(
        audit[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("recorded 2 payments totalling 404.00 missing from the ledger"),
        "{audit}"
    );
    // Run again: nothing left to record, the two now agree.
    let doc: Value = serde_json::from_str(
        &env.run(&["reconcile", "--record-missing", "--json"]).arg(&file).as_of("2027-03-21").code(4).stdout,
    )
    .unwrap();
    assert_eq!(doc.as_array().unwrap().iter().filter(|f| f["finding"] == "agrees").count(), 3);
}

#[test]
fn a_bad_statement_exits_2_and_records_nothing() {
    let env = three_paid();
    let bad = |name: &str, text: &str, needles: &[&str]| {
        let file = env.write_file(name, text);
        env.run(&["reconcile", "--record-missing"]).arg(&file).as_of("2027-01-25").rejected(needles);
        env.run(&["reconcile"]).arg(&file).as_of("2027-01-25").rejected(needles);
    };
    let h = PAYMENTS_HEADER;
    bad(
        "amount.csv",
        &format!("{h}\nsmith,2027-01-24,150,EX-5,\nsmith,2027-01-24,1.234,EX-6,\n"),
        &["row 2", "amount"],
    );
    bad(
        "account.csv",
        &format!("{h}\nsmith,2027-01-24,150,EX-5,\nnobody,2027-01-24,1,EX-6,\n"),
        &["row 2", "no account `nobody`"],
    );
    bad(
        "twice.csv",
        &format!("{h}\nsmith,2027-01-24,150,EX-5,\nsmith,2027-01-23,15,EX-5,\n"),
        &["row 2", "also on row 1"],
    );
    bad("future.csv", &format!("{h}\nsmith,2027-02-24,150,EX-5,\n"), &["row 1", "after today"]);
    bad("columns.csv", "account,paid_on,confirmation\nsmith,2027-01-24,EX-5\n", &["no `amount` column"]);
    bad("via.csv", &format!("{h}\nsmith,2027-01-24,150,EX-5,pigeon\n"), &["row 1", "pigeon"]);
    env.run(&["reconcile"]).arg(env.path("absent.csv")).as_of("2027-01-25").rejected(&["no file"]);
    // Another account's rows, with --account: refused.
    env.enroll("jones", "2026-11-01", "2026-12", "100", "0");
    let file = env.payments_csv("mixed.csv", &["smith,2027-01-20,202,C3,", "jones,2027-01-20,100,J1,"]);
    env.run(&["reconcile"]).arg(&file).account("smith").as_of("2027-01-25").rejected(&["row 2", "not --account smith"]);
    // No account column and two accounts in the ledger: say which.
    let file = env.write_file("one.csv", "paid_on,amount,confirmation\n2027-01-20,202,C3\n");
    env.run(&["reconcile"]).arg(&file).as_of("2027-01-25").rejected(&["several accounts"]);
    // The statement starts on January 20: the ledger's earlier payments are not compared.
    let out = env.run(&["reconcile"]).arg(&file).account("smith").as_of("2027-01-25").ok();
    assert!(out.contains("agree (1 payments)"), "{out}");
}

#[test]
fn a_payment_on_the_windows_last_day_pairs_with_the_ledgers_a_day_later() {
    let env = three_paid();
    // The exchange dates February's payment 2027-01-19; the ledger has it on
    // 2027-01-20, one day past --until: still the same payment.
    let file = env.payments_csv("statement.csv", &["smith,2027-01-19,202,EX-3,portal"]);
    let doc = env
        .run(&["reconcile", "--json", "--since", "2027-01-01", "--until", "2027-01-19"])
        .arg(&file)
        .as_of("2027-01-25")
        .json();
    assert_eq!(findings(&doc), pairs(&[("agrees", "EX-3")]));
    assert_eq!(doc[0]["payment_id"], 3);
}

#[test]
fn a_statement_of_no_payments_needs_since_and_then_lists_the_ledgers_as_missing() {
    let env = three_paid();
    let file = env.write_file("statement.csv", "paid_on,amount,confirmation\n");
    env.run(&["reconcile"]).arg(&file).as_of("2027-01-25").rejected(&["lists no payments", "--since"]);
    let out = env.run(&["reconcile", "--json", "--since", "2026-12-01"]).arg(&file).as_of("2027-01-25").code(4);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(findings(&doc), pairs(&[("missing_from_statement", "C2"), ("missing_from_statement", "C3")]));
}
