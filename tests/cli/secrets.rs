//! DESIGN §8: no full card or account number in the ledger (the database and
//! its WAL), the config, any other file, any output, the audit log or any
//! error, whichever way the number came in (flag, stdin) and whatever became
//! of it (refused, declined, replaced). Only the last four digits are kept.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{Env, Outcome, Run};

const TODAY: &str = "2026-12-15";
const ROUTING: &str = "110000000";

/// Every full number these tests type, in every spelling typed.
const SECRETS: &[&str] = &[
    "4242424242424242",
    "5555555555554444",
    "5555 5555 5555 4444",
    "4000000000000002",
    "4000056655665556",
    "000123456789",
    "000222222227",
    "000111111116",
    "000-111-111-116",
    // Refused ones: a Luhn failure, an unknown brand, an account number too long.
    "4242424242424241",
    "9242424242424240",
    "123456789012345678",
    // A good number with a bad expiry, a bad routing number, a refused kind.
    "4000000000009995",
    "000987654321",
];

/// Everything hcpay printed, stdout and stderr, failures included.
#[derive(Default)]
struct Transcript {
    text: Vec<String>,
}

impl Transcript {
    /// Runs it, keeps what it printed, and checks the exit code.
    #[track_caller]
    fn run(&mut self, run: Run, code: i32) -> Outcome {
        let out = run.output();
        assert_eq!(out.code, code, "unexpected exit code:\n{out}");
        self.text.push(format!("{}\n{}", out.stdout, out.stderr));
        out
    }

    #[track_caller]
    fn json(&mut self, run: Run) -> Value {
        let out = self.run(run.arg("--json"), 0);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("no JSON ({e}):\n{out}"))
    }

    fn all(&self) -> String {
        self.text.join("\n")
    }
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn card(number: &str, exp: &str) -> Vec<String> {
    ["method", "add", "card", "--number", number, "--exp", exp, "--holder", "Jo Smith"].map(String::from).to_vec()
}

fn bank(routing: &str, number: &str, kind: &str) -> Vec<String> {
    ["method", "add", "bank", "--routing", routing, "--account-number", number, "--kind", kind, "--holder", "Jo Smith"]
        .map(String::from)
        .to_vec()
}

fn run<'e>(env: &'e Env, args: &[String]) -> Run<'e> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&args).as_of(TODAY)
}

#[test]
fn full_numbers_are_never_stored_printed_or_logged() {
    let env = Env::new();
    env.enroll("smith", "2026-12-01", "2027-01", "612", "410");

    // Keep a connection open the whole time, so that hcpay's closing
    // connections cannot checkpoint the WAL away: what they wrote stays in
    // ledger.db-wal for the search below.
    let holder = rusqlite::Connection::open(env.ledger()).expect("open the ledger");
    let _: i64 = holder.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).expect("read the ledger");

    let mut t = Transcript::default();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();

    // Added by flag and from stdin (with separators), cards and banks.
    let visa = t.json(run(&env, &card("4242424242424242", "12/30")));
    let mastercard = t.json(run(&env, &card("-", "11/29")).stdin("5555 5555 5555 4444\n"));
    let declining = t.json(run(&env, &card("4000000000000002", "10/29")));
    let checking = t.json(run(&env, &bank(ROUTING, "000123456789", "checking")));
    let returning = t.json(run(&env, &bank(ROUTING, "-", "savings")).stdin("000222222227\n"));
    for (method, last4) in
        [(&visa, "4242"), (&mastercard, "4444"), (&declining, "0002"), (&checking, "6789"), (&returning, "2227")]
    {
        assert_eq!(method["last4"], last4, "{method:#}");
    }
    let id = |m: &Value| m["id"].as_i64().expect("an id").to_string();
    for bank in [&checking, &returning] {
        t.run(run(&env, &s(&["method", "verify", &id(bank), "--amounts", "0.32,0.45"])), 0);
    }

    // Refused numbers, also with -v (the cause chain).
    t.run(run(&env, &card("4242424242424241", "12/30")), 2);
    t.run(run(&env, &card("4242424242424241", "12/30")).arg("-v"), 2);
    t.run(run(&env, &card("-", "12/30")).stdin("9242424242424240\n"), 2);
    t.run(run(&env, &card("4000000000009995", "12/25")), 2);
    t.run(run(&env, &card("4000000000009995", "12/30")).arg("--zip").arg("x"), 2);
    t.run(run(&env, &bank(ROUTING, "123456789012345678", "checking")).arg("-v"), 2);
    t.run(run(&env, &bank("110000001", "000987654321", "checking")), 2);
    t.run(run(&env, &bank(ROUTING, "000987654321", "brokerage")), 2);
    t.run(run(&env, &bank(ROUTING, "-", "checking")).stdin("123456789012345678\n"), 2);
    t.run(run(&env, &s(&["method", "update", &id(&checking), "--number", "4000000000009995"])), 2);

    // New numbers for existing methods, by flag and from stdin.
    let updated =
        t.json(run(&env, &s(&["method", "update", &id(&mastercard), "--number", "-"])).stdin("4000056655665556\n"));
    assert_eq!(updated["last4"], "5556");
    let moved = t.json(run(
        &env,
        &s(&["method", "update", &id(&checking), "--routing", ROUTING, "--account-number", "000-111-111-116"]),
    ));
    assert_eq!(moved["last4"], "1116");
    t.run(run(&env, &s(&["method", "verify", &id(&checking), "--amounts", "0.45,0.32"])), 0);

    // Payments: approved, declined, a bank draft, a dry run, a refund, a timeout.
    let paid = t.json(run(&env, &s(&["pay", "300", "--yes", "--method", &id(&visa)])));
    assert_eq!(paid["status"], "succeeded", "{paid:#}");
    let declined = t.run(run(&env, &s(&["pay", "10", "--yes", "--method", &id(&declining), "--json"])), 3);
    assert!(declined.stdout.contains("card_declined"), "{declined}");
    t.run(run(&env, &s(&["pay", "10", "--yes", "--method", &id(&declining)])), 3);
    t.json(run(&env, &s(&["pay", "5", "--yes", "--method", &id(&returning)])));
    t.run(run(&env, &s(&["pay", "5", "--yes", "--method", &id(&checking)])), 3);
    t.run(run(&env, &s(&["pay", "due", "--dry-run", "--method", &id(&updated)])), 0);
    t.run(run(&env, &s(&["pay", "7", "--yes", "--method", &id(&updated)])), 0);
    let payment = paid["id"].as_i64().expect("a payment id").to_string();
    t.run(run(&env, &s(&["refund", &payment, "20", "--yes"])), 0);
    t.run(run(&env, &s(&["receipt", &payment])), 0);
    t.run(run(&env, &s(&["receipt", &payment, "--json"])), 0);
    t.run(run(&env, &s(&["pay", "3", "--yes", "--method", &id(&visa)])).env("HCPAY_SANDBOX_FAULT", "timeout"), 75);
    t.run(run(&env, &s(&["pay", "3", "--yes", "--method", &id(&visa)])).arg("-v"), 0);

    // Everything that shows methods, payments and the audit log.
    let history = t.json(run(&env, &s(&["history", "--kind", "all"])));
    let audit = t.json(run(&env, &s(&["history", "--kind", "audit"])));
    t.run(run(&env, &s(&["history", "--kind", "all"])), 0);
    t.run(run(&env, &s(&["history", "--kind", "all", "--format", "csv"])), 0);
    let methods = t.json(run(&env, &s(&["method", "list"])));
    t.run(run(&env, &s(&["method", "list"])), 0);
    t.run(run(&env, &s(&["method", "list", "--format", "csv"])), 0);
    for method in [&visa, &mastercard, &declining, &checking, &returning] {
        t.run(run(&env, &s(&["method", "show", &id(method)])), 0);
        t.json(run(&env, &s(&["method", "show", &id(method)])));
    }
    t.run(run(&env, &s(&["status"])), 0);
    t.run(run(&env, &s(&["status", "--json"])), 0);

    // The files: the ledger, its WAL (kept by `holder`), the config, and anything else.
    let wal = PathBuf::from(format!("{}-wal", env.ledger().display()));
    let wal_bytes = fs::read(&wal).unwrap_or_else(|e| panic!("no WAL at {} ({e})", wal.display()));
    assert!(
        contains(&wal_bytes, "1116"),
        "the WAL does not hold hcpay's latest writes (the method now ending 1116): nothing to search"
    );
    let mut searched = Vec::new();
    for path in files(env.root()) {
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for secret in SECRETS {
            assert!(!contains(&bytes, secret), "{} holds the full number {secret}", path.display());
        }
        searched.push(path);
    }
    assert!(searched.contains(&env.ledger()) && searched.contains(&wal), "{searched:?}");

    let printed = t.all();
    for secret in SECRETS {
        assert!(!printed.contains(secret), "hcpay printed the full number {secret}:\n{printed}");
    }

    // The last four digits are what is kept and shown.
    let ledger: Vec<u8> = [fs::read(env.ledger()).expect("the ledger"), wal_bytes].concat();
    for last4 in ["4242", "5556", "0002", "1116", "2227"] {
        assert!(contains(&ledger, last4), "the ledger does not keep the last four digits {last4}");
        assert!(
            methods.as_array().expect("rows").iter().any(|m| m["last4"] == last4),
            "method list does not show {last4}: {methods:#}"
        );
    }
    let history_text = history.to_string();
    assert!(history_text.contains("4242") && history_text.contains("0002"), "{history:#}");
    let audit_text = audit.to_string();
    for last4 in ["4242", "4444", "6789", "5556", "1116"] {
        assert!(audit_text.contains(last4), "the audit log does not name ending {last4}: {audit:#}");
    }
    for refused in ["ending 4241", "ending 4240", "it has 18"] {
        assert!(printed.contains(refused), "no error says `{refused}`:\n{printed}");
    }
    drop(holder);
}

/// A number typed into the wrong field (a swapped flag, a paste in the wrong
/// place) is not echoed back by the error about that field either.
#[test]
fn a_number_in_the_wrong_field_is_not_echoed() {
    let env = Env::new();
    env.add_account("smith", TODAY);
    let cases: &[(Vec<String>, &str)] = &[
        // A 9-digit account number given as the routing number.
        (bank("123456789", "110000000", "checking"), "123456789"),
        (bank("987654321", "-", "checking"), "987654321"),
        // A card number given as the expiry or the ZIP code.
        (card("5555555555554444", "4242424242424242"), "4242424242424242"),
        (card("5555555555554444", "12/4242424242424242"), "4242424242424242"),
        (
            [card("5555555555554444", "12/30"), vec!["--zip".into(), "4242424242424242".into()]].concat(),
            "4242424242424242",
        ),
        // An account number given as the bank account's kind.
        (bank("110000000", "000123456789", "000123456789"), "000123456789"),
    ];
    for (args, secret) in cases {
        let stderr = run(&env, args).stdin("000123456789\n").rejected(&[]);
        assert!(!stderr.contains(secret), "the error echoes {secret}:\n{stderr}");
    }
}
