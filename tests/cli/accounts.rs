//! `account add|list|show`, and which account a command acts on.

use crate::common::{assert_has_keys, Env};

#[test]
fn add_list_and_show() {
    let env = Env::new();
    env.run(&[
        "account",
        "add",
        "smith",
        "--name",
        "Jo Smith",
        "--member-id",
        "MA123",
        "--email",
        "jo@example.org",
        "--phone",
        "617-555-0100",
    ])
    .as_of("2026-11-01")
    .ok();
    env.add_account("jones", "2026-11-02");

    let list = env.json("2026-11-03", &["account", "list"]);
    let handles: Vec<&str> = list.as_array().unwrap().iter().map(|a| a["account"].as_str().unwrap()).collect();
    assert_eq!(handles, ["jones", "smith"]);
    assert_has_keys(&list[0], &["account", "name", "member_id", "email", "phone"]);

    let smith = env.json("2026-11-03", &["account", "show", "smith"]);
    assert_eq!(smith["name"], "Jo Smith");
    assert_eq!(smith["member_id"], "MA123");
    assert_eq!(smith["email"], "jo@example.org");
    assert_eq!(smith["phone"], "617-555-0100");
    assert!(smith["coverage_state"].is_null(), "no plan yet: {smith}");

    let table = env.run(&["account", "list"]).as_of("2026-11-03").ok();
    assert!(table.contains("Jo Smith") && table.contains("jones"), "{table}");
}

#[test]
fn account_list_as_csv_has_a_header() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let csv = env.run(&["account", "list", "--format", "csv"]).as_of("2026-11-01").ok();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("account,name,member_id,email,phone"));
    assert_eq!(lines.next(), Some("smith,Household smith,,,"));
}

#[test]
fn a_duplicate_id_is_refused_and_changes_nothing() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let before = env.json("2026-11-01", &["account", "list"]);
    env.run(&["account", "add", "smith", "--name", "Someone Else"])
        .as_of("2026-11-02")
        .rejected(&["smith", "already exists"]);
    assert_eq!(env.json("2026-11-02", &["account", "list"]), before);
}

#[test]
fn an_unknown_account_is_a_usage_error() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.run(&["account", "show", "nobody"]).as_of("2026-11-01").rejected(&["no account `nobody`"]);
    for cmd in [&["status"][..], &["bills"], &["balance"], &["plan", "show"]] {
        env.run(cmd).account("nobody").as_of("2026-11-01").rejected(&["nobody"]);
    }
    env.run(&["plan", "set", "--from", "2026-12", "--premium", "100"])
        .account("nobody")
        .as_of("2026-11-01")
        .rejected(&["nobody"]);
}

#[test]
fn bad_ids_emails_and_phones_are_refused() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    for bad in ["Smith", "has space", "_under", "a/b", "", &"x".repeat(33)] {
        env.run(&["account", "add", bad, "--name", "X"]).as_of("2026-11-01").rejected(&["not a valid account id"]);
    }
    env.run(&["account", "add", "ok", "--name", "X", "--email", "not-an-email"])
        .as_of("2026-11-01")
        .rejected(&["not-an-email", "email"]);
    env.run(&["account", "add", "ok", "--name", "X", "--phone", "call me"]).as_of("2026-11-01").rejected(&["phone"]);
    env.run(&["account", "add", "ok", "--name", "  "]).as_of("2026-11-01").rejected(&["name"]);
    let list = env.json("2026-11-01", &["account", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn a_rejected_first_account_creates_no_ledger() {
    let env = Env::new();
    env.run(&["account", "add", "Bad!", "--name", "X"]).as_of("2026-11-01").rejected(&["Bad!"]);
    assert!(!env.ledger().exists());
}

#[test]
fn the_account_may_be_left_out_when_there_is_only_one() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.run(&["plan", "set", "--from", "2026-12", "--premium", "202"]).as_of("2026-11-01").ok();
    assert_eq!(env.json("2026-11-15", &["status"])["account"], "smith");
    assert_eq!(env.run(&["balance"]).as_of("2026-11-15").ok(), "202.00\n");
    assert_eq!(env.json("2026-11-15", &["account", "show"])["account"], "smith");
}

#[test]
fn with_two_accounts_one_must_be_named() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.add_account("jones", "2026-11-01");
    for cmd in [&["status"][..], &["balance"], &["bills"], &["plan", "show"], &["account", "show"]] {
        env.run(cmd).as_of("2026-11-15").rejected(&["--account"]);
    }
    env.run(&["plan", "set", "--from", "2026-12", "--premium", "202"]).as_of("2026-11-01").rejected(&["--account"]);
    let named = env.run(&["status", "--json"]).account("jones").as_of("2026-11-15").json();
    assert_eq!(named["account"], "jones");
}
