//! `import payments|enrollments`: all-or-nothing, and the error names the row.

use crate::common::{line, Env};

/// smith and jones enrolled from 2026-12 at $202.00 a month, nothing paid.
fn two_households() -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.enroll("jones", "2026-11-01", "2026-12", "612", "410");
    env
}

fn credit_and_due(env: &Env, account: &str, as_of: &str) -> (String, String) {
    let status = env.run(&["status", "--json"]).account(account).as_of(as_of).json();
    (status["credit"].as_str().unwrap().to_string(), status["amount_due"].as_str().unwrap().to_string())
}

#[test]
fn imported_payments_pay_bills_oldest_first_with_credit_for_the_rest() {
    let env = two_households();
    let file = env.payments_csv(
        "p.csv",
        &["smith,2026-11-20,$1,000.00,C1,portal", "jones,2026-11-21,202,C2,check", "jones,2026-11-22,100.5,C3,"],
    );
    // `$1,000.00` unquoted splits into two columns: a malformed row 1.
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["row 1"]);

    let file = env.payments_csv(
        "p.csv",
        &["smith,2026-11-20,\"$1,000.00\",C1,portal", "jones,2026-11-21,202,C2,check", "jones,2026-11-22,100.5,C3,"],
    );
    let done = env.run(&["import", "payments", "--json"]).arg(&file).as_of("2026-11-22").json();
    assert_eq!(done["payments"], 3);
    assert_eq!(done["total"], "1302.50");
    assert_eq!(credit_and_due(&env, "smith", "2026-11-22"), ("798.00".into(), "0.00".into()));
    assert_eq!(credit_and_due(&env, "jones", "2026-11-22"), ("100.50".into(), "0.00".into()));
    // January's bill (issued 2026-12-10) is paid from credit.
    assert_eq!(credit_and_due(&env, "jones", "2026-12-10"), ("0.00".into(), "101.50".into()));
}

#[test]
fn an_import_with_a_bad_third_row_imports_nothing() {
    let env = two_households();
    let before = env.ledger_dump();
    let file = env.payments_csv(
        "p.csv",
        &["smith,2026-11-20,202,C1,portal", "jones,2026-11-20,202,C2,portal", "smith,2026-11-21,12.345,C3,portal"],
    );
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["row 3", "amount", "12.345"]);
    assert_eq!(env.ledger_dump(), before);
    // Neither row 1 nor row 2 made it: both first months are unpaid.
    assert_eq!(credit_and_due(&env, "smith", "2026-11-22"), ("0.00".into(), "202.00".into()));
    assert_eq!(credit_and_due(&env, "jones", "2026-11-22"), ("0.00".into(), "202.00".into()));
}

#[test]
fn an_error_found_while_writing_also_rolls_back_the_earlier_rows() {
    let env = two_households();
    let file = env.payments_csv(
        "p.csv",
        &["smith,2026-11-20,202,C1,portal", "jones,2026-11-20,202,C2,portal", "nobody,2026-11-21,50,C3,portal"],
    );
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["row 3", "nobody"]);
    assert_eq!(credit_and_due(&env, "smith", "2026-11-22"), ("0.00".into(), "202.00".into()));
}

#[test]
fn a_duplicate_confirmation_in_the_file_names_the_row() {
    let env = two_households();
    let file = env.payments_csv("p.csv", &["smith,2026-11-20,100,C1,portal", "smith,2026-11-21,102,C1,portal"]);
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["row 2", "C1"]);
    assert_eq!(credit_and_due(&env, "smith", "2026-11-22"), ("0.00".into(), "202.00".into()));
}

#[test]
fn a_confirmation_already_in_the_ledger_names_the_row() {
    let env = two_households();
    env.import_payments("2026-11-20", &["smith,2026-11-20,202,C1,portal"]);
    let file = env.payments_csv("again.csv", &["jones,2026-11-21,202,J1,portal", "smith,2026-11-20,202,C1,portal"]);
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["row 2", "C1", "already"]);
    assert_eq!(credit_and_due(&env, "jones", "2026-11-22"), ("0.00".into(), "202.00".into()));
}

#[test]
fn bad_values_in_a_row_are_named() {
    let env = two_households();
    // Each bad row comes second, after a good one that must not be imported either.
    let cases: &[(&str, &[&str])] = &[
        ("smith,2026-11-20,0,C1,portal", &["row 2", "amount", "above zero"]),
        ("smith,2026-11-20,0.00,C1,portal", &["row 2", "amount"]),
        ("smith,2026-11-20,-5,C1,portal", &["row 2", "amount", "negative"]),
        ("smith,2026-11-20,1e3,C1,portal", &["row 2", "amount", "1e3"]),
        ("smith,2026-11-20,NaN,C1,portal", &["row 2", "amount", "NaN"]),
        ("smith,2026-11-20,12.345,C1,portal", &["row 2", "amount", "12.345"]),
        ("smith,2026-11-20,1000000.01,C1,portal", &["row 2", "amount"]),
        ("smith,2027-02-30,10,C1,portal", &["row 2", "paid_on", "2027-02-30"]),
        ("smith,2026-13-01,10,C1,portal", &["row 2", "paid_on"]),
        ("smith,11/20/2026,10,C1,portal", &["row 2", "paid_on"]),
        ("smith,2026-11-20,10,C1,pigeon", &["row 2", "via", "pigeon"]),
        ("smith,2026-11-20,10,,portal", &["row 2", "confirmation"]),
        (",2026-11-20,10,C1,portal", &["row 2", "account"]),
        ("smith,2026-11-20,10,C1", &["row 2"]),
        ("smith,2026-11-20,10,C1,portal,extra", &["row 2"]),
    ];
    for (row, needles) in cases {
        let file = env.payments_csv("bad.csv", &["jones,2026-11-20,1,J1,portal", row]);
        env.run(&["import", "payments"]).arg(&file).as_of("2027-03-01").rejected(needles);
    }
}

#[test]
fn a_payment_dated_after_the_clock_is_refused() {
    let env = two_households();
    let file = env.payments_csv("p.csv", &["smith,2026-11-23,202,C1,portal"]);
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["row 1", "paid_on", "2026-11-23"]);
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-23").ok();
}

#[test]
fn a_file_without_the_right_columns_is_refused() {
    let env = two_households();
    let file = env.write_file("p.csv", "account,paid_on,amount\nsmith,2026-11-20,202\n");
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["confirmation"]);
    let file =
        env.write_file("p.csv", "account,paid_on,amount,confirmation,via,colour\nsmith,2026-11-20,202,C1,portal,red\n");
    env.run(&["import", "payments"]).arg(&file).as_of("2026-11-22").rejected(&["colour"]);
    env.run(&["import", "payments"]).arg(env.path("missing.csv")).as_of("2026-11-22").rejected(&["missing.csv"]);
}

#[test]
fn an_empty_import_changes_nothing_and_succeeds() {
    let env = two_households();
    let file = env.payments_csv("p.csv", &[]);
    let done = env.run(&["import", "payments", "--json"]).arg(&file).as_of("2026-11-22").json();
    assert_eq!(done["payments"], 0);
}

#[test]
fn import_enrollments_creates_accounts_and_rate_periods() {
    let env = Env::new();
    let file = env.enrollments_csv(
        "roster.csv",
        &[
            "smith,Jo Smith,MA1,jo@example.org,health,2026-12,612,410,640,aptc,Silver 2000,Harvard Pilgrim",
            "smith,Jo Smith,MA1,jo@example.org,dental,2026-12,38,0,,unsubsidized,Dental Basic,Altus",
            "jones,Al Jones,,,health,2026-12,202,,,,,",
        ],
    );
    let done = env.run(&["import", "enrollments", "--json"]).arg(&file).as_of("2026-11-01").json();
    assert_eq!(done["accounts_created"], 2);
    assert_eq!(done["rate_periods"], 3);
    let smith = env.json("2026-11-15", &["account", "show", "smith"]);
    assert_eq!(smith["name"], "Jo Smith");
    assert_eq!(smith["member_id"], "MA1");
    let status = env.run(&["status", "--json"]).account("smith").as_of("2026-11-15").json();
    assert_eq!(status["amount_due"], "240.00");
    assert_eq!(line(&status, "dental")["coverage_state"], "pending");
}

#[test]
fn a_bad_enrollment_row_imports_nothing() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let cases: &[(&str, &[&str])] = &[
        ("jones,Al Jones,,,health,2026-12,100,100.01,,,,", &["row 2", "aptc"]),
        ("jones,Al Jones,,,health,2027-13,100,,,,,", &["row 2", "from", "2027-13"]),
        ("jones,Al Jones,,,vision,2026-12,100,,,,,", &["row 2", "line", "vision"]),
        ("jones,Al Jones,,,health,2026-12,12.345,,,,,", &["row 2", "premium"]),
        ("jones,Al Jones,,,health,2026-12,100,50,,unsubsidized,,", &["row 2"]),
        ("Jones!,Al Jones,,,health,2026-12,100,,,,,", &["row 2", "Jones!"]),
        ("jones,Al Jones,,bad-email,health,2026-12,100,,,,,", &["row 2", "bad-email"]),
        ("jones,Al Jones,,,health,2026-12", &["row 2"]),
    ];
    for (row, needles) in cases {
        let file = env.enrollments_csv("roster.csv", &["lee,Kim Lee,,,health,2026-12,300,,,,,", row]);
        env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-01").rejected(needles);
    }
    let accounts = env.json("2026-11-01", &["account", "list"]);
    assert_eq!(accounts.as_array().unwrap().len(), 1, "{accounts}");
}

#[test]
fn a_past_enrollment_loads_with_its_payments_as_history() {
    // A navigator takes a household on in March with its history since December.
    let env = Env::new();
    let roster = env.enrollments_csv("roster.csv", &["smith,Jo Smith,,,health,2026-12,612,410,,aptc,,"]);
    env.run(&["import", "enrollments"]).arg(&roster).as_of("2027-03-01").ok();
    env.import_payments(
        "2027-03-01",
        &[
            "smith,2026-11-20,202,P1,portal",
            "smith,2026-12-20,202,P2,portal",
            "smith,2027-01-20,202,P3,portal",
            "smith,2027-02-20,202,P4,portal",
        ],
    );
    let status = env.json("2027-03-01", &["status"]);
    assert_eq!(status["coverage_state"], "active");
    assert_eq!(line(&status, "health")["paid_through"], "2027-03");
    assert_eq!(status["amount_due"], "0.00");
    let bills = env.json("2027-03-01", &["bills"]);
    assert_eq!(bills[0]["statement_date"], "2026-11-10", "a history keeps its statement days");
    assert_eq!(bills.as_array().unwrap().len(), 4);
}

#[test]
fn an_import_writes_one_audit_entry_per_account_it_touched() {
    let env = two_households();
    let roster = env
        .enrollments_csv("roster.csv", &["lee,Lee Park,,,health,2027-01,300,,,,,", "smith,,,,dental,2027-01,40,,,,,"]);
    env.run(&["import", "enrollments"]).arg(&roster).as_of("2026-11-21").ok();
    env.import_payments(
        "2026-11-22",
        &["smith,2026-11-20,202,C1,portal", "jones,2026-11-21,100,C2,check", "jones,2026-11-22,102,C3,"],
    );
    let dir = format!("{}/", env.root().display());
    let audit = |account: &str| -> Vec<String> {
        let rows = env.run(&["history", "--kind", "audit", "--json"]).account(account).as_of("2026-11-22").json();
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["reference"].as_str().unwrap().starts_with("import"))
            .map(|r| r["detail"].as_str().unwrap().split(" (at ").next().unwrap().replace(&dir, ""))
            .collect()
    };
    assert_eq!(
        audit("smith"),
        ["imported 1 payments totalling 202.00 from payments.csv", "imported 1 rate periods from roster.csv"]
    );
    assert_eq!(audit("jones"), ["imported 2 payments totalling 202.00 from payments.csv"]);
    assert_eq!(audit("lee"), ["imported 1 rate periods (a new account) from roster.csv"]);
}

#[test]
fn a_long_import_shows_progress_on_a_terminal_only() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let rows: Vec<String> = (0..12_000).map(|i| format!("smith,2026-11-20,1,C{i},portal")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let file = env.payments_csv("many.csv", &rows);
    let cmd = env.run(&["import", "payments"]).arg(&file).as_of("2026-11-25").command();
    let session = crate::prompt::on_terminal(&cmd, &[]);
    assert_eq!(session.code, 0, "{}", session.screen);
    // The count as it goes: `⠁ 5000 payments so far`.
    assert!(session.screen.contains(" payments so far"), "no progress:\n{}", session.screen);
    // Without a terminal (cron, CI), never: stderr stays empty.
    let more: Vec<String> = (0..6_000).map(|i| format!("smith,2026-11-21,1,D{i},portal")).collect();
    let more: Vec<&str> = more.iter().map(String::as_str).collect();
    let file = env.payments_csv("more.csv", &more);
    let quiet = env.run(&["import", "payments"]).arg(&file).as_of("2026-11-25").output();
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""), "{quiet}");
}
