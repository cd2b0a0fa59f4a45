//! `scheduler run|status|cron-line`: drafts on their day and once, catch-up
//! day by day, the fallback at once, retries, hard declines, bank returns,
//! bills paid meanwhile, the lock, faults and commands at once.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::autopay::{alert_kinds, enable};
use crate::common::{adapter, adapter_charges};
use crate::common::{add_bank, add_card, household, payments, sandbox_charges, DECLINED, EXPIRED, INSUFFICIENT, VISA};
use crate::common::{Env, Outcome};

/// `scheduler run` as of `as_of`, whatever its exit.
pub fn run(env: &Env, as_of: &str) -> Outcome {
    env.run(&["scheduler", "run"]).as_of(as_of).output()
}

/// The household with autopay on a card from 2026-12-01: January's bill
/// ($232.00) is drafted 2026-12-22.
fn on_autopay(number: &str) -> Env {
    let env = household();
    let card = add_card(&env, number).to_string();
    enable(&env, "2026-12-01", &["--method", &card]);
    env
}

/// The drafts in `history`, oldest first: (key, date, amount, status, failure).
fn drafts(env: &Env, as_of: &str) -> Vec<(String, String, String, String, String)> {
    let mut rows: Vec<_> = payments(env, as_of)
        .into_iter()
        .filter(|p| p["reference"].as_str().is_some_and(|r| r.starts_with("autopay:")))
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("-").to_string();
            (s("reference"), s("date"), s("amount"), s("status"), s("failure_code"))
        })
        .collect();
    rows.reverse();
    rows
}

fn row(key: &str, date: &str, amount: &str, status: &str, failure: &str) -> (String, String, String, String, String) {
    (key.into(), date.into(), amount.into(), status.into(), failure.into())
}

/// The ledger as text, but for the scheduler's own log of runs.
fn business(env: &Env) -> String {
    let dump = env.ledger_dump();
    let start = dump.find("[scheduler_runs]").expect("the runs table");
    let end = dump[start + 1..].find("\n[").map_or(dump.len(), |i| start + 2 + i);
    format!("{}{}", &dump[..start], &dump[end..])
}

#[test]
fn a_month_is_drafted_on_its_day_once_and_a_second_run_changes_nothing() {
    let env = on_autopay(VISA);
    // The day before: the alert enabling it is delivered, nothing drafted.
    let before = run(&env, "2026-12-21");
    assert_eq!(before.code, 0, "{before}");
    assert!(before.stdout.contains("autopay_enabled"), "{before}");
    assert_eq!(sandbox_charges(&env), (0, 0));
    // Nothing more to say the same day: quiet, for cron.
    let again = run(&env, "2026-12-21");
    assert_eq!((again.code, again.stdout.as_str(), again.stderr.as_str()), (0, "", ""));

    let day = run(&env, "2026-12-22");
    assert_eq!(day.code, 0, "{day}");
    assert!(
        day.stdout.contains("2026-12-22  smith  drafted $232.00 for 2027-01 from Visa ending 4242: succeeded"),
        "{day}"
    );
    assert!(day.stdout.contains("payment_succeeded"), "{day}");
    assert_eq!(sandbox_charges(&env), (1, 23_200));
    assert_eq!(drafts(&env, "2026-12-22"), [row("autopay:smith:2027-01:1", "2026-12-22", "232.00", "succeeded", "-")]);

    let dump = business(&env);
    let second = run(&env, "2026-12-22");
    assert_eq!((second.code, second.stdout.as_str()), (0, ""), "{second}");
    assert_eq!(business(&env), dump, "a second run the same day changed the ledger");

    let after = run(&env, "2026-12-23");
    assert_eq!(after.code, 0, "{after}");
    assert_eq!(sandbox_charges(&env), (1, 23_200));
    assert_eq!(env.json("2026-12-23", &["status"])["amount_due"], "0.00");
}

#[test]
fn a_catch_up_drafts_each_month_on_its_own_day_in_order() {
    let env = on_autopay(VISA);
    let out = env.run(&["scheduler", "run", "--json"]).as_of("2027-03-25").output();
    assert_eq!(out.code, 0, "{out}");
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["first_day"], "2026-12-22", "{doc:#}");
    assert_eq!(doc["through"], "2027-03-25");
    let drafted: Vec<(&str, &str)> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == "drafted")
        .map(|a| (a["date"].as_str().unwrap(), a["coverage_month"].as_str().unwrap()))
        .collect();
    assert_eq!(
        drafted,
        [("2026-12-22", "2027-01"), ("2027-01-22", "2027-02"), ("2027-02-22", "2027-03"), ("2027-03-22", "2027-04")]
    );
    let rows = drafts(&env, "2027-03-25");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3], row("autopay:smith:2027-04:1", "2027-03-22", "232.00", "succeeded", "-"));
    assert_eq!(doc["counts"]["drafts"], 4);
    let scheduled = alert_kinds(&env, "2027-03-25").iter().filter(|k| *k == "autopay_scheduled").count();
    assert_eq!(scheduled, 3, "one on each statement day the run did");
}

#[test]
fn a_declined_draft_charges_the_fallback_at_once() {
    let env = household();
    let declined = add_card(&env, DECLINED).to_string();
    let visa = add_card(&env, VISA).to_string();
    enable(&env, "2026-12-01", &["--method", &declined, "--fallback", &visa]);
    let out = run(&env, "2026-12-22");
    assert_eq!(out.code, 3, "{out}");
    assert!(out.stderr.starts_with("error: 1 draft declined"), "{out}");
    assert!(
        out.stdout.contains("declined (card_declined); the fallback, Visa ending 4242, is charged at once"),
        "{out}"
    );
    assert_eq!(
        drafts(&env, "2026-12-22"),
        [
            row("autopay:smith:2027-01:1", "2026-12-22", "232.00", "failed", "card_declined"),
            row("autopay:smith:2027-01:2", "2026-12-22", "232.00", "succeeded", "-"),
        ]
    );
    assert_eq!(env.json("2026-12-23", &["status"])["amount_due"], "0.00");
}

#[test]
fn a_soft_decline_is_retried_on_the_retry_days_counted_from_the_first_failure() {
    let env = on_autopay(INSUFFICIENT);
    let mut charged_on = Vec::new();
    for day in 21..=31 {
        let date = format!("2026-12-{day}");
        let before = sandbox_charges(&env).0;
        let out = run(&env, &date);
        if sandbox_charges(&env).0 > before {
            assert_eq!(out.code, 3, "{out}");
            charged_on.push(day);
        } else {
            assert_eq!(out.code, 0, "{out}");
        }
    }
    // retry_days = [3, 7]: the 22nd, then the 25th and the 29th.
    assert_eq!(charged_on, [22, 25, 29]);
    let rows = drafts(&env, "2026-12-31");
    assert!(rows.iter().all(|r| r.3 == "failed" && r.4 == "insufficient_funds"), "{rows:?}");
    assert_eq!(rows.last().unwrap().0, "autopay:smith:2027-01:3");
    let alerts = env.json("2026-12-31", &["alerts"]);
    let last_failure = alerts.as_array().unwrap().iter().find(|a| a["kind"] == "payment_failed").unwrap();
    assert!(last_failure["message"].as_str().unwrap().contains("no retry is left"), "{last_failure:#}");
}

#[test]
fn a_hard_decline_is_not_retried_on_the_same_method() {
    let env = on_autopay(EXPIRED);
    assert_eq!(run(&env, "2026-12-22").code, 3);
    for day in ["2026-12-25", "2026-12-29", "2027-01-05"] {
        run(&env, day);
    }
    assert_eq!(
        drafts(&env, "2027-01-05"),
        [row("autopay:smith:2027-01:1", "2026-12-22", "232.00", "failed", "expired_card")]
    );
    let alerts = env.json("2027-01-05", &["alerts"]);
    let failure = alerts.as_array().unwrap().iter().find(|a| a["kind"] == "payment_failed").unwrap();
    assert!(failure["message"].as_str().unwrap().contains("not tried again on this method"), "{failure:#}");
}

#[test]
fn a_bill_paid_meanwhile_is_never_drafted() {
    let env = on_autopay(INSUFFICIENT);
    let visa = add_card(&env, VISA).to_string();
    assert_eq!(run(&env, "2026-12-22").code, 3);
    // The member pays by hand before the retry on the 25th.
    env.run(&["pay", "--method", &visa, "--yes"]).as_of("2026-12-23").ok();
    let retry = run(&env, "2026-12-25");
    assert_eq!(retry.code, 0, "{retry}");
    assert!(retry.stdout.contains("nothing drafted for 2027-01: already paid"), "{retry}");
    assert_eq!(drafts(&env, "2026-12-25").len(), 1, "the retry charged");
    // February: paid ahead by hand before its draft day, never drafted.
    env.run(&["pay", "232", "--method", &visa, "--yes"]).as_of("2027-01-15").ok();
    let feb = run(&env, "2027-01-22");
    assert!(feb.stdout.contains("nothing drafted for 2027-02: already paid"), "{feb}");
    assert_eq!(drafts(&env, "2027-01-22").len(), 1);
    assert_eq!(env.json("2027-01-22", &["status"])["credit"], "0.00");
}

#[test]
fn a_returned_bank_draft_reopens_its_bill_and_is_retried_from_the_return() {
    let env = household();
    let bank = add_bank(&env, "000222222227", true).to_string();
    enable(&env, "2026-12-01", &["--method", &bank]);
    assert_eq!(run(&env, "2026-12-22").code, 0);
    assert_eq!(env.json("2026-12-23", &["status"])["amount_due"], "0.00");
    // Drafted Tuesday the 22nd; returned two business days later, on the 24th.
    assert_eq!(run(&env, "2026-12-23").stdout, "");
    let returned = run(&env, "2026-12-24");
    assert_eq!(returned.code, 3, "{returned}");
    assert!(returned.stdout.contains("was returned by the bank (R01) on 2026-12-24"), "{returned}");
    assert!(returned.stdout.contains("it is tried again on 2026-12-27"), "{returned}");
    let rows = drafts(&env, "2026-12-24");
    assert_eq!(rows, [row("autopay:smith:2027-01:1", "2026-12-22", "232.00", "returned", "R01")]);
    let bills = crate::common::bill_rows(&env.json("2026-12-24", &["bills", "--open"]));
    assert_eq!(bills.len(), 2, "January is open again: {bills:?}");
    let kinds = alert_kinds(&env, "2026-12-24");
    assert!(kinds.contains(&"payment_returned".to_string()), "{kinds:?}");
    assert!(kinds.contains(&"grace_started".to_string()), "{kinds:?}");
    // The retry, on its day.
    assert_eq!(run(&env, "2026-12-26").stdout, "");
    run(&env, "2026-12-27");
    let rows = drafts(&env, "2026-12-27");
    assert_eq!(rows[1], row("autopay:smith:2027-01:2", "2026-12-27", "232.00", "succeeded", "-"));
}

#[test]
fn another_run_holding_the_lock_makes_a_run_exit_75_at_once_or_after_waiting() {
    let env = on_autopay(VISA);
    let path = format!("{}.scheduler-lock", env.ledger().display());
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).unwrap();
    file.try_lock().expect("the lock is free");
    let started = Instant::now();
    let stderr =
        env.run(&["scheduler", "run"]).as_of("2026-12-22").fails(75, &["another scheduler run holds the lock"]);
    assert!(stderr.contains("--wait"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(20));
    let started = Instant::now();
    env.run(&["scheduler", "run", "--wait", "1"]).as_of("2026-12-22").fails(75, &["waited 1s"]);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(sandbox_charges(&env), (0, 0));
    let status = env.json("2026-12-22", &["scheduler", "status"]);
    assert_eq!(status["locked"], true, "{status:#}");
    drop(file);
    assert_eq!(run(&env, "2026-12-22").code, 0);
    assert_eq!(sandbox_charges(&env), (1, 23_200));
    let status = env.json("2026-12-22", &["scheduler", "status"]);
    assert_eq!(status["locked"], false);
    assert_eq!(status["through"], "2026-12-22");
    assert_eq!(status["last_run"]["outcome"], "ok");
    assert_eq!(status["last_run"]["counts"]["drafts"], 1);
}

#[test]
fn a_crash_after_the_charge_is_completed_by_the_next_run_without_charging_again() {
    let env = on_autopay(VISA);
    let died =
        env.run(&["scheduler", "run"]).as_of("2026-12-22").env("HCPAY_SANDBOX_FAULT", "crash_after_charge").raw();
    assert!(!died.status.success(), "{died:?}");
    assert_eq!(sandbox_charges(&env), (1, 23_200));
    assert_eq!(drafts(&env, "2026-12-22")[0].3, "pending");
    let status = env.json("2026-12-22", &["scheduler", "status"]);
    assert_eq!(status["last_run"]["outcome"], "died", "{status:#}");

    let next = run(&env, "2026-12-22");
    assert_eq!(next.code, 0, "{next}");
    assert!(next.stdout.contains("drafted $232.00 for 2027-01"), "{next}");
    assert_eq!(sandbox_charges(&env), (1, 23_200), "charged a second time");
    assert_eq!(drafts(&env, "2026-12-22"), [row("autopay:smith:2027-01:1", "2026-12-22", "232.00", "succeeded", "-")]);
    run(&env, "2026-12-23");
    assert_eq!(sandbox_charges(&env), (1, 23_200));
    assert_eq!(env.json("2026-12-23", &["status"])["credit"], "0.00");
}

#[test]
fn an_exec_gateway_that_charges_then_hangs_is_settled_by_lookup_next_run() {
    let env = household();
    let config = |secs: u32| {
        format!("[gateway]\nkind = \"exec\"\nprogram = \"{}\"\ntimeout_secs = {secs}\n", adapter().display())
    };
    env.write_config(&config(30));
    let state = env.path("adapter-state.json");
    let added = env
        .run(&["method", "add", "card", "--number", VISA, "--exp", "12/30", "--holder", "Jo Smith", "--json"])
        .as_of("2026-11-01")
        .env("HCPAY_ADAPTER_STATE", &state)
        .json();
    enable(&env, "2026-12-01", &["--method", &added["id"].to_string()]);
    env.write_config(&config(2));
    let hung = env
        .run(&["scheduler", "run"])
        .as_of("2026-12-22")
        .env("HCPAY_ADAPTER_STATE", &state)
        .env("HCPAY_ADAPTER_MODE", "charge-then-hang")
        .output();
    assert_eq!(hung.code, 75, "{hung}");
    assert!(hung.stdout.contains("it will be looked up by its key"), "{hung}");
    assert_eq!(adapter_charges(&env).len(), 1);
    env.write_config(&config(30));
    let next = env.run(&["scheduler", "run"]).as_of("2026-12-22").env("HCPAY_ADAPTER_STATE", &state).output();
    assert_eq!(next.code, 0, "{next}");
    assert!(next.stdout.contains("drafted $232.00 for 2027-01"), "{next}");
    assert_eq!(adapter_charges(&env).len(), 1, "charged a second time");
    assert_eq!(drafts(&env, "2026-12-22")[0].3, "succeeded");
}

#[test]
fn four_runs_and_a_pay_at_once_draft_each_bill_once() {
    let env = on_autopay(VISA);
    env.enroll("jones", "2026-11-01", "2026-12", "300", "0");
    env.run(&["pay", "--record", "300", "--paid-on", "2026-11-20", "--confirmation", "J1"])
        .account("jones")
        .as_of("2026-11-20")
        .ok();
    let jones_card = env
        .run(&["method", "add", "card", "--number", VISA, "--exp", "12/30", "--holder", "Al Jones", "--json"])
        .account("jones")
        .as_of("2026-11-01")
        .json()["id"]
        .to_string();
    env.run(&["autopay", "enable", "--method", &jones_card]).account("jones").as_of("2026-12-01").ok();
    let mut children: Vec<_> = (0..4).map(|_| env.run(&["scheduler", "run"]).as_of("2026-12-22").spawn()).collect();
    children.push(env.run(&["pay", "--yes"]).account("smith").as_of("2026-12-22").spawn());
    for child in children {
        let out = child.wait_with_output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(matches!(out.status.code(), Some(0 | 75)), "{text}");
        assert!(!text.contains("database is locked"), "{text}");
    }
    run(&env, "2026-12-22");
    // Each bill paid once, by the draft or by the pay.
    assert_eq!(sandbox_charges(&env), (2, 23_200 + 30_000));
    for account in ["smith", "jones"] {
        let status = env.run(&["status", "--json"]).account(account).as_of("2026-12-23").json();
        assert_eq!(
            (status["amount_due"].as_str(), status["credit"].as_str()),
            (Some("0.00"), Some("0.00")),
            "{account}"
        );
    }
}

#[test]
fn a_dry_run_shows_the_drafts_and_changes_nothing() {
    let env = on_autopay(VISA);
    let before = env.ledger_dump();
    let out = env.run(&["scheduler", "run", "--dry-run"]).as_of("2027-01-25").ok();
    assert!(out.contains("2026-12-22  smith  would draft $232.00 for 2027-01"), "{out}");
    assert!(out.contains("2027-01-22  smith  would draft $232.00 for 2027-02"), "{out}");
    assert!(out.contains("nothing was changed or charged"), "{out}");
    assert_eq!(env.ledger_dump(), before);
}

#[test]
fn cron_line_names_the_binary_the_ledger_and_the_config() {
    let env = on_autopay(VISA);
    let doc = env.json("2026-12-01", &["scheduler", "cron-line"]);
    let line = doc["line"].as_str().unwrap();
    assert!(line.starts_with("17 6 * * * '/"), "{line}");
    assert!(line.contains(&format!("--ledger '{}'", env.ledger().display())), "{line}");
    assert!(line.contains(&format!("--config '{}'", env.config().display())), "{line}");
    assert!(line.ends_with("scheduler run --wait 3600"), "{line}");
    assert!(!line.contains("flock"), "{line}");
    let text = env.run(&["scheduler", "cron-line", "--at", "22:05"]).as_of("2026-12-01").ok();
    assert!(text.contains("\n5 22 * * * "), "{text}");
    env.run(&["scheduler", "cron-line", "--at", "25:00"]).as_of("2026-12-01").rejected(&["--at"]);
}

#[test]
fn a_fixed_amount_below_the_bill_raises_premium_changed_on_the_statement_day() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    enable(&env, "2026-12-01", &["--method", &card, "--amount", "200"]);
    run(&env, "2026-12-09");
    assert!(!alert_kinds(&env, "2026-12-09").contains(&"premium_changed".to_string()));
    let out = run(&env, "2026-12-10");
    assert!(out.stdout.contains("more than autopay's fixed amount of $200.00"), "{out}");
    // A renewal that lowers the subsidy from March, told on February's statement day.
    env.run(&["plan", "set", "--from", "2027-03", "--premium", "612", "--aptc", "380"]).as_of("2027-01-05").ok();
    let out = run(&env, "2027-02-10");
    assert!(out.stdout.contains("changes from $232.00 to $262.00 a month from 2027-03"), "{out}");
}

#[test]
fn a_long_catch_up_shows_progress_on_a_terminal_only() {
    let env = on_autopay(VISA);
    let cmd = env.run(&["scheduler", "run"]).as_of("2028-12-31").command();
    let session = crate::prompt::on_terminal(&cmd, &[]);
    assert_eq!(session.code, 0, "{}", session.screen);
    assert!(session.screen.contains(" days "), "no progress bar:\n{}", session.screen);
    // Without a terminal (cron, CI), never: stderr stays empty.
    let quiet = run(&env, "2029-06-30");
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""), "{quiet}");
}

#[test]
fn a_refund_whose_answer_was_lost_is_settled_by_the_run() {
    let env = household();
    add_card(&env, VISA);
    let paid = env.run(&["pay", "864", "--allow-overpay", "--yes", "--json"]).as_of("2027-01-15").json();
    let id = paid["id"].to_string();
    let lost =
        env.run(&["refund", &id, "200", "--yes", "--json"]).as_of("2027-01-15").env("HCPAY_SANDBOX_FAULT", "timeout");
    let lost = lost.code(75);
    assert!(lost.stdout.contains("\"unknown\""), "{lost}");
    // The run looks its key up: it went through, and it is never sent again.
    let out = run(&env, "2027-01-16");
    assert!(out.stdout.contains(&format!("refund 1 of $200.00 (payment {id}), left unsettled, succeeded")), "{out}");
    let refunds = env.json("2027-01-16", &["history", "--kind", "refund"]);
    assert_eq!(refunds[0]["status"], "succeeded", "{refunds:#}");
    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    let sent: i64 =
        conn.query_row("SELECT count(*) FROM sandbox_charges WHERE kind = 'refund'", [], |r| r.get(0)).unwrap();
    assert_eq!(sent, 1, "sent once");
}

#[test]
fn a_run_that_cannot_print_exits_1_and_the_next_one_delivers_what_it_could_not() {
    let env = on_autopay(VISA);
    // stdout is a full disk: nothing can be printed, so nothing is delivered.
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let out = env.run(&["scheduler", "run"]).as_of("2026-12-31").command().stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let waiting = env.json("2026-12-31", &["alerts", "--all"]);
    let delivered = |alerts: &Value| {
        alerts.as_array().unwrap().iter().filter(|a| a["deliveries"][0]["state"] == "delivered").count()
    };
    assert_eq!(delivered(&waiting), 0, "{waiting:#}");
    // The next run completes the days and delivers every alert, once; nothing is charged twice.
    let again = run(&env, "2026-12-31");
    assert_eq!(again.code, 0, "{again}");
    let alerts = env.json("2026-12-31", &["alerts", "--all"]);
    assert_eq!(delivered(&alerts), alerts.as_array().unwrap().len(), "{alerts:#}");
    let keys: Vec<String> = payments(&env, "2026-12-31").iter().map(|p| p["reference"].to_string()).collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(keys.len(), unique.len(), "a month drafted twice: {keys:?}");
    assert_eq!(sandbox_charges(&env).0 as usize, keys.iter().filter(|k| k.contains("autopay:")).count());
}

#[test]
fn two_months_drafted_on_one_day_are_charged_once_between_them() {
    // Enabled on 2027-01-25, after the draft days of January and February,
    // both open: both are drafted the next day, in one chunk. January's draft
    // takes all that is due; February's then finds its bill covered by that
    // money on its way, and charges nothing.
    let env = household();
    let card = add_card(&env, VISA).to_string();
    enable(&env, "2027-01-25", &["--method", &card]);
    let out = run(&env, "2027-01-26");
    assert_eq!(out.code, 0, "{out}");
    let drafted = drafts(&env, "2027-01-26");
    assert_eq!(drafted.len(), 1, "{drafted:?}");
    assert_eq!(drafted[0].0, "autopay:smith:2027-01:1");
    assert!(out.stdout.contains("nothing drafted for 2027-02"), "{out}");
    let cents: i64 = drafted[0].2.replace('.', "").parse().unwrap();
    assert_eq!(sandbox_charges(&env), (1, cents));
}

#[test]
fn a_one_time_payment_settled_by_the_run_gets_its_receipt() {
    let env = household();
    add_card(&env, VISA);
    let lost = env.run(&["pay", "--yes", "--json"]).as_of("2027-01-15").env("HCPAY_SANDBOX_FAULT", "timeout").code(75);
    assert!(lost.stdout.contains("\"unknown\""), "{lost}");
    run(&env, "2027-01-16");
    let alerts = env.json("2027-01-16", &["alerts", "--all"]);
    let receipts: Vec<&Value> =
        alerts.as_array().unwrap().iter().filter(|a| a["kind"] == "payment_succeeded").collect();
    assert_eq!(receipts.len(), 1, "{alerts:#}");
    let message = receipts[0]["message"].as_str().unwrap();
    assert!(message.contains("$464.00") && message.contains("receipt"), "{message}");
}
