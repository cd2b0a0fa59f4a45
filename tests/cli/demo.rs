//! `demo`: the newcomer's tour, on a fresh ledger only.

use crate::common::{line, mode, Env};

#[test]
fn demo_builds_a_fresh_ledger_and_shows_status_and_bills() {
    let env = Env::new();
    let ledger = env.path("demo.db");
    let out = env.run(&["demo"]).ledger(&ledger).as_of("2026-11-30").ok();
    for needle in ["status", "bills", "smith", "health", "dental", "$202.00"] {
        assert!(out.contains(needle), "no {needle} in the demo:\n{out}");
    }
    assert_eq!(mode(&ledger), 0o600);

    // The ledger it leaves is a real one the other commands read.
    let bills = env.run(&["bills", "--json"]).ledger(&ledger).as_of("2027-12-15").json();
    let lines: Vec<&str> = bills.as_array().unwrap().iter().map(|b| b["line"].as_str().unwrap()).collect();
    assert!(lines.contains(&"health") && lines.contains(&"dental"), "{bills}");
    assert!(bills.as_array().unwrap().len() >= 24, "a year of bills for two lines");
}

#[test]
fn demo_json_has_the_status_and_the_bills() {
    let env = Env::new();
    let ledger = env.path("demo.db");
    let doc = env.run(&["demo", "--json"]).ledger(&ledger).as_of("2026-11-30").json();
    let status = &doc["status"];
    assert_eq!(status["account"], "smith");
    assert_eq!(line(status, "health")["coverage_state"], "active");
    assert!(doc["bills"].as_array().is_some_and(|b| !b.is_empty()), "{doc}");
}

#[test]
fn demo_refuses_an_existing_ledger_and_leaves_it_alone() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let before = env.ledger_dump();
    env.run(&["demo"]).as_of("2026-11-30").rejected(&["exists"]);
    assert_eq!(env.ledger_dump(), before);
}

#[test]
fn demo_without_a_ledger_uses_a_temporary_one() {
    let env = Env::new();
    let out = env.run(&["demo"]).default_paths().as_of("2026-11-30").ok();
    assert!(out.contains("demo ledger"), "{out}");
    assert!(!env.xdg_data_home().join("hcpay/ledger.db").exists(), "the user's own ledger is not touched");
}

#[test]
fn demo_tours_a_year_on_autopay_run_by_the_scheduler() {
    let env = Env::new();
    let ledger = env.path("demo.db");
    let out = env.run(&["demo"]).ledger(&ledger).as_of("2026-11-30").ok();
    for needle in [
        "drafted $240.00 for 2027-01 from Visa ending 4242: succeeded",
        "declined (insufficient_funds); it is tried again on 2027-02-25",
        "2027-02-25  drafted $240.00 for 2027-03",
        "returned by the bank (R01)",
        "the fallback, Visa ending 4242, is charged at once",
        "by hand with `hcpay pay`",
        "nothing drafted for 2027-09: already paid",
        "== latest payments (history) ==",
        "payment_returned",
    ] {
        assert!(out.contains(needle), "no `{needle}` in the demo:\n{out}");
    }
    let doc = env.run(&["demo", "--json"]).ledger(env.path("demo2.db")).as_of("2026-11-30").json();
    assert_eq!(doc["status"]["autopay"]["enabled"], true, "{doc:#}");
    assert!(doc["alerts"].as_array().unwrap().iter().any(|a| a["kind"] == "payment_failed"));
    // The scheduler has brought the ledger to the end of the tour: nothing left to do.
    let again = env.run(&["scheduler", "run"]).ledger(&ledger).as_of("2027-12-15").output();
    assert_eq!((again.code, again.stdout.as_str()), (0, ""), "{again}");
}
