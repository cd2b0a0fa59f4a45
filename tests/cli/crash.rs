//! kill -9 at random moments of a multi-year catch-up: whatever the moment,
//! the next run completes the ledger with no draft made twice, no money lost
//! or doubled, and a sound SQLite file.

use std::time::Duration;

use crate::common::Env;
use crate::scheduler::run;

/// A small deterministic generator (no extra crate for one test).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const END: &str = "2029-12-31";

/// Four households on autopay from 2026-12, each binder paid: two on cards
/// that approve, one on a bank account whose drafts come back (returns,
/// retries), one on a card short of funds with a fallback (declines).
fn households() -> Env {
    let env = Env::new();
    let methods: [&[&str]; 4] = [
        &["card", "--number", "4242424242424242", "--exp", "12/30"],
        &["card", "--number", "5555555555554444", "--exp", "12/30"],
        &["bank", "--routing", "110000000", "--account-number", "000222222227", "--kind", "checking"],
        &["card", "--number", "4000000000009995", "--exp", "12/30"],
    ];
    for (i, method) in methods.iter().enumerate() {
        let id = format!("h{i}");
        env.enroll(&id, "2026-11-01", "2026-12", "612", "410");
        env.run(&["pay", "--record", "202", "--paid-on", "2026-11-15", "--confirmation", &format!("B{i}")])
            .account(&id)
            .as_of("2026-11-15")
            .ok();
        let mut add = vec!["method", "add"];
        add.extend_from_slice(method);
        add.extend_from_slice(&["--holder", "H", "--json"]);
        let method_id = env.run(&add).account(&id).as_of("2026-11-16").json()["id"].to_string();
        if method[0] == "bank" {
            env.run(&["method", "verify", &method_id, "--amounts", "0.32,0.45"]).account(&id).as_of("2026-11-16").ok();
        }
        let mut autopay = vec!["autopay", "enable", "--method", &method_id];
        let fallback;
        if i == 3 {
            let card =
                ["method", "add", "card", "--number", "4242424242424242", "--exp", "12/30", "--holder", "H", "--json"];
            fallback = env.run(&card).account(&id).as_of("2026-11-16").json()["id"].to_string();
            autopay.extend_from_slice(&["--fallback", &fallback]);
        }
        env.run(&autopay).account(&id).as_of("2026-11-16").ok();
    }
    env
}

fn query(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn kill_9_at_random_moments_of_a_catch_up_loses_and_doubles_nothing() {
    let env = households();
    let mut rng = Lcg(0x5eed_0008);
    let (mut kills, mut tries) = (0, 0);
    while kills < 50 && tries < 400 {
        tries += 1;
        let mut child = env.run(&["scheduler", "run"]).as_of(END).spawn();
        std::thread::sleep(Duration::from_millis(1 + rng.below(50)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
    }
    assert!(kills >= 50, "only {kills} runs were killed while working");
    let last = run(&env, END);
    assert!(matches!(last.code, 0 | 3), "{last}");
    let again = run(&env, END);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""), "the ledger was not complete: {again}");

    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert_eq!(query(&conn, "SELECT count(*) FROM payments WHERE status IN ('pending', 'unknown')"), 0);
    // Every bill drafted successfully at most once: one try per month went through.
    let doubled = query(
        &conn,
        "SELECT count(*) FROM (SELECT d.account_id, d.month FROM drafts d JOIN accounts a ON a.id = d.account_id
                               JOIN payments p ON p.account_id = d.account_id
                                AND p.idempotency_key GLOB 'autopay:' || a.handle || ':' || d.month || ':*'
                               WHERE p.status = 'succeeded' GROUP BY d.account_id, d.month HAVING count(*) > 1)",
    );
    assert_eq!(doubled, 0, "a month drafted successfully twice");
    // The approving cards paid every month from January 2027 on, once.
    for h in ["h0", "h1"] {
        let paid = query(
            &conn,
            &format!(
                "SELECT count(*) FROM payments p JOIN accounts a ON a.id = p.account_id
                 WHERE a.handle = '{h}' AND p.status = 'succeeded' AND p.idempotency_key LIKE 'autopay:%'"
            ),
        );
        assert_eq!(paid, 37, "{h}: 2027-01 through 2030-01");
    }
    // The gateway and the ledger agree on every charge and every cent.
    let ledger = query(
        &conn,
        "SELECT count(*) * 1000000000 + coalesce(sum(amount_cents), 0) FROM payments
         WHERE method_id IS NOT NULL AND status IN ('succeeded', 'returned')",
    );
    let gateway = query(
        &conn,
        "SELECT count(*) * 1000000000 + coalesce(sum(amount_cents), 0) FROM sandbox_charges
         WHERE kind = 'charge' AND status = 'succeeded'",
    );
    assert_eq!(ledger, gateway, "ledger and gateway disagree");
    assert_eq!(
        query(&conn, "SELECT count(*) FROM sandbox_charges WHERE idempotency_key NOT IN (SELECT idempotency_key FROM payments WHERE idempotency_key IS NOT NULL)"),
        0,
        "a charge the ledger does not know"
    );
    // Payments, what they paid and the credit add up, account by account.
    for h in ["h0", "h1", "h2", "h3"] {
        let status = env.run(&["status", "--json"]).account(h).as_of(END).json();
        let bills = env.run(&["bills", "--json"]).account(h).as_of(END).json();
        let cents = |v: &serde_json::Value| -> i64 {
            let text = v.as_str().unwrap();
            let (whole, frac) = text.split_once('.').unwrap();
            whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
        };
        let allocated: i64 = bills.as_array().unwrap().iter().map(|b| cents(&b["paid"])).sum();
        let paid = query(
            &conn,
            &format!(
                "SELECT coalesce(sum(p.amount_cents), 0) FROM payments p JOIN accounts a ON a.id = p.account_id
                 WHERE a.handle = '{h}' AND p.status = 'succeeded'"
            ),
        );
        assert_eq!(allocated + cents(&status["credit"]), paid, "{h}: money does not add up");
    }
}
