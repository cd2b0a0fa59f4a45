//! `export journal`: a journal that hledger and ledger read as it is, whose
//! balances are hcpay's own figures.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

use crate::common::Env;

/// `busy()` (smith: binder recorded, $2,000 by Visa less a $500 refund, a
/// declined card, a voided check) plus $100 by bank on 2027-01-14, and
/// jones, enrolled for March with $300 paid ($98 of it credit), and lee,
/// enrolled for March at $300 with $120 paid ($180 still due).
fn two_households() -> Env {
    let env = crate::history::busy();
    let methods = env.run(&["method", "list", "--json"]).as_of("2027-01-14").json();
    let bank = methods.as_array().unwrap().iter().find(|m| m["kind"] == "bank").unwrap()["id"].to_string();
    env.run(&["pay", "100", "--yes", "--allow-overpay", "--method", &bank]).as_of("2027-01-14").ok();
    env.enroll("jones", "2027-01-14", "2027-03", "612", "410");
    env.enroll("lee", "2027-01-14", "2027-03", "300", "0");
    env.import_payments("2027-01-15", &["jones,2027-01-15,300,J1,portal", "lee,2027-01-15,120,L1,check"]);
    env
}

/// `tool -f FILE bal` as account → amount in cents. The tools are needed:
/// `.ci/run` installs them; a machine without them fails here, never passes.
fn balances(tool: &str, journal: &std::path::Path) -> BTreeMap<String, i64> {
    let args: &[&str] = match tool {
        "hledger" => &["bal", "--flat", "--no-total"],
        _ => &["bal", "--flat", "--no-total"],
    };
    let out = Command::new(tool).arg("-f").arg(journal).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}): this test checks the journal with hledger and ledger; install them (apt-get install hledger ledger; .ci/run does)")
    });
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{tool} refused the journal:\n{}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
        .lines()
        .filter_map(|line| {
            let (amount, account) = line.trim().split_once("  ")?;
            let cents: i64 = amount.trim().replace(['$', ',', '.'], "").parse().ok()?;
            Some((account.trim().to_string(), cents))
        })
        .collect()
}

fn cents(value: &Value) -> i64 {
    value.as_str().unwrap().replace('.', "").parse().unwrap()
}

#[test]
fn hledger_and_ledger_read_the_journal_and_its_balances_are_hcpays() {
    let env = two_households();
    let as_of = "2027-01-15";
    let journal = env.write_file("premiums.journal", &env.run(&["export", "journal"]).as_of(as_of).ok());

    // hcpay's own figures, account by account.
    let mut expected: BTreeMap<String, i64> = BTreeMap::new();
    let mut expenses = 0;
    for account in ["smith", "jones", "lee"] {
        let status = env.run(&["status", "--json"]).account(account).as_of(as_of).json();
        let bills = env.run(&["bills", "--json"]).account(account).as_of(as_of).json();
        for bill in bills.as_array().unwrap().iter().filter(|b| b["state"] != "void") {
            expenses += cents(&bill["amount"]);
            *expected
                .entry(format!("liabilities:premiums:{account}:{}", bill["line"].as_str().unwrap()))
                .or_default() -= cents(&bill["open"]);
        }
        let due: i64 = expected.iter().filter(|(k, _)| k.contains(&format!(":{account}:"))).map(|(_, v)| v).sum();
        assert_eq!(-due, cents(&status["amount_due"]), "{account}");
        expected.insert(format!("assets:prepaid:premiums:{account}"), cents(&status["credit"]));
    }
    expected.insert("expenses:health:premiums".into(), expenses);
    // Where the money came from: the Visa less its refund, the bank, the portal (the check was voided).
    expected.insert("liabilities:card:visa-4242".into(), -150_000);
    expected.insert("assets:bank:checking-6789".into(), -10_000);
    expected.insert("assets:paid:portal".into(), -53_200);
    expected.insert("assets:paid:check".into(), -12_000);
    expected.retain(|_, v| *v != 0);
    assert_eq!(expected["assets:prepaid:premiums:jones"], 9_800);
    assert_eq!(expected["liabilities:premiums:lee:health"], -18_000);

    for tool in ["hledger", "ledger"] {
        assert_eq!(balances(tool, &journal), expected, "{tool} on:\n{}", std::fs::read_to_string(&journal).unwrap());
    }
}

#[test]
fn one_account_and_a_date_range() {
    let env = two_households();
    let text = env
        .run(&["export", "journal", "--since", "2026-12-01", "--until", "2026-12-31"])
        .account("smith")
        .as_of("2027-01-15")
        .ok();
    let dates: Vec<&str> = text.lines().filter(|l| l.starts_with("20")).map(|l| &l[..10]).collect();
    assert!(!dates.is_empty() && dates.iter().all(|d| d.starts_with("2026-12")), "{text}");
    assert!(!text.contains("jones"), "{text}");
    // The refund (2027-01-05) is outside; the $2,000 card payment is in, with its key.
    assert!(text.contains("; key: pay:smith:"), "{text}");
    assert!(!text.contains("refund of payment"), "{text}");
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted, "oldest first");
}

#[test]
fn bad_requests_exit_2() {
    let env = two_households();
    env.run(&["export", "journal", "--json"]).as_of("2027-01-15").rejected(&["--format"]);
    env.run(&["export", "journal", "--format", "csv"]).as_of("2027-01-15").rejected(&["--format"]);
    env.run(&["export", "journal", "--since", "2027-02-01", "--until", "2027-01-01"])
        .as_of("2027-01-15")
        .rejected(&["after --until"]);
    env.run(&["export", "journal"]).account("nobody").as_of("2027-01-15").rejected(&["no account `nobody`"]);
    env.run(&["export", "journal"]).ledger(env.path("none.db")).as_of("2027-01-15").rejected(&["no ledger"]);
}
