//! Values from a fixed set (issue 7, "types, not strings"): `--help` and the
//! completions list the choices, and a value in the ledger that hcpay does not
//! know is an error that names it, never a default (a card, a dropped line).

use crate::common::Env;
use crate::common::{add_card, household, sandbox_charges, VISA};

const TODAY: &str = "2027-01-15";

/// `hcpay ARGS --help`, with its wrapping undone.
fn help(args: &[&str]) -> String {
    let env = Env::new();
    let text = env.run(args).arg("--help").no_clock().ok();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn help_lists_the_choices() {
    let pay = help(&["pay"]);
    for choices in
        ["[possible values: health, dental]", "[possible values: check, portal, phone, in-person, money-order]"]
    {
        assert!(pay.contains(choices), "pay --help lacks {choices}:\n{pay}");
    }
    let plan = help(&["plan", "set"]);
    for choices in ["[possible values: health, dental]", "[possible values: connectorcare, aptc, unsubsidized]"] {
        assert!(plan.contains(choices), "plan set --help lacks {choices}:\n{plan}");
    }
    let bank = help(&["method", "add", "bank"]);
    assert!(bank.contains("[possible values: checking, savings]"), "{bank}");
    let history = help(&["history"]);
    assert!(
        history.contains(
            "[possible values: pending, succeeded, failed, unknown, returned, refunded, void, open, partial, paid, adjusted, due, scheduled]"
        ),
        "{history}"
    );
}

#[test]
fn a_value_outside_the_choices_is_a_usage_error_naming_them() {
    let env = household();
    env.run(&["pay", "--line", "vision"]).as_of(TODAY).rejected(&["vision", "possible values: health, dental"]);
    env.run(&["plan", "set", "--from", "2027-03", "--premium", "5", "--program", "medicaid"])
        .as_of(TODAY)
        .rejected(&["medicaid", "connectorcare, aptc, unsubsidized"]);
    // Surrounding spaces and, for a bank account's kind, case are forgiven as before.
    let bank = env
        .run(&["method", "add", "bank", "--routing", "110000000", "--account-number", "000123456789", "--kind"])
        .arg(" Savings")
        .arg("--holder")
        .arg("Jo Smith")
        .arg("--json")
        .as_of(TODAY)
        .json();
    assert_eq!(bank["brand"], "savings");
}

/// A household with a Visa on file, then `sql` run on its ledger behind
/// hcpay's back (its CHECK constraints off, as an older or foreign writer might).
fn tampered(sql: &str) -> Env {
    let env = household();
    add_card(&env, VISA);
    let conn = rusqlite::Connection::open(env.ledger()).expect("open the ledger");
    conn.execute_batch(&format!("PRAGMA ignore_check_constraints = ON; {sql}")).expect("tamper with the ledger");
    env
}

#[test]
fn an_unknown_value_in_the_ledger_is_an_error_that_names_it() {
    let cases = [
        ("UPDATE methods SET kind = 'crypto'", "method list", "`crypto` in column kind"),
        ("UPDATE methods SET brand = 'Diners Club'", "method list", "`Diners Club` in column brand"),
        // A card's brand on a bank account (or the other way round) is no brand of it.
        ("UPDATE methods SET brand = 'checking'", "method list", "`checking` in column brand"),
        ("UPDATE methods SET state = 'frozen'", "method list", "`frozen` in column state"),
        ("UPDATE methods SET exp = '13/30'", "method list", "`13/30` in column exp"),
        ("UPDATE payments SET line = 'vision'", "status", "`vision` in column line"),
        ("UPDATE payments SET via = 'pigeon'", "history", "`pigeon` in column via"),
        ("UPDATE rate_periods SET program = 'medicaid' WHERE line = 'dental'", "bills", "`medicaid` in column program"),
    ];
    for (sql, command, needle) in cases {
        let env = tampered(sql);
        let args: Vec<&str> = command.split(' ').collect();
        let stderr = env.run(&args).as_of(TODAY).fails(1, &["unknown value", needle]);
        assert_eq!(stderr.matches("unknown value").count(), 1, "said once: {stderr}");
    }
}

#[test]
fn a_method_of_an_unknown_kind_is_never_charged_as_a_card() {
    let env = tampered("UPDATE methods SET kind = 'crypto'");
    let before = env.ledger_dump();
    env.run(&["pay", "--yes"]).as_of(TODAY).fails(1, &["`crypto` in column kind"]);
    assert_eq!(sandbox_charges(&env), (0, 0), "nothing was charged");
    assert_eq!(env.ledger_dump(), before, "nothing was recorded");
}

#[test]
fn a_ledger_error_says_what_was_being_read() {
    let env = tampered("UPDATE payments SET line = 'vision'");
    for command in [&["status"][..], &["history"][..]] {
        env.run(command).as_of(TODAY).fails(1, &["reading the payments of smith", "`vision` in column line"]);
    }
}
