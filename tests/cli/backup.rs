//! `backup FILE`: a consistent copy while other commands write.

use std::fs;

use crate::common::{mode, Env};

/// Opens a copy with SQLite itself: its integrity check, and how many
/// payments and audit entries it holds.
fn inspect(path: &std::path::Path) -> (String, i64, i64) {
    let conn = rusqlite::Connection::open(path).expect("open the copy");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let count = |table: &str| conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
    (check, count("payments"), count("audit"))
}

#[test]
fn a_backup_while_payments_are_recorded_is_whole_and_readable() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let audit_before = inspect(&env.ledger()).2;
    // A writer: payments recorded one after the other, each its own transaction.
    let payments = 40;
    let writer = {
        let ledger = env.ledger();
        let config = env.config();
        let bin = env!("CARGO_BIN_EXE_hcpay");
        std::thread::spawn(move || {
            for i in 0..payments {
                let out = std::process::Command::new(bin)
                    .args(["--ledger".as_ref(), ledger.as_os_str(), "--config".as_ref(), config.as_os_str()])
                    .args(["--as-of", "2026-11-20", "pay", "--record", "1.00", "--paid-on", "2026-11-20"])
                    .args(["--confirmation", &format!("W{i}")])
                    .env_remove("HCPAY_LEDGER")
                    .output()
                    .unwrap();
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            }
        })
    };
    let mut copies = Vec::new();
    while !writer.is_finished() || copies.is_empty() {
        let copy = env.path(&format!("copy-{}.db", copies.len()));
        env.run(&["backup"]).arg(&copy).as_of("2026-11-20").ok();
        copies.push(copy);
    }
    writer.join().unwrap();
    let mut seen = Vec::new();
    for copy in &copies {
        assert_eq!(mode(copy), 0o600, "{}", copy.display());
        assert!(!env.path(&format!("{}-wal", copy.display())).exists(), "the file alone is the copy");
        let (check, paid, audit) = inspect(copy);
        assert_eq!(check, "ok");
        // One moment of the ledger: each payment came with its audit entry.
        assert_eq!(audit - audit_before, paid, "{}", copy.display());
        seen.push(paid);
        let status = env.run(&["status", "--json"]).ledger(copy).as_of("2026-11-20").json();
        assert_eq!(status["credit"].as_str().unwrap(), format!("{}.00", paid.max(202) - 202));
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "copies in order: {seen:?}");
    // Restore: the copy put in place of a ledger is that ledger.
    let restored = env.path("restored.db");
    fs::copy(copies.last().unwrap(), &restored).unwrap();
    let history = env.run(&["history", "--kind", "payment", "--json"]).ledger(&restored).as_of("2026-11-20").json();
    assert_eq!(history.as_array().unwrap().len() as i64, *seen.last().unwrap());
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let file = env.write_file("old.db", "keep me");
    env.run(&["backup"]).arg(&file).as_of("2026-11-20").rejected(&["already exists"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");
    fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let done = env.run(&["backup", "--force", "--json"]).arg(&file).as_of("2026-11-20").json();
    assert_eq!(done["bytes"].as_u64().unwrap(), fs::metadata(&file).unwrap().len());
    assert_eq!(mode(&file), 0o600);
    assert_eq!(inspect(&file).0, "ok");
    let text = env.run(&["backup", "--force"]).arg(&file).as_of("2026-11-20").ok();
    assert!(text.starts_with("backed up "), "{text}");
}

#[test]
fn bad_destinations_exit_2_and_write_nothing() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.run(&["backup", "--force"]).arg(env.ledger()).as_of("2026-11-20").rejected(&["the ledger itself"]);
    env.run(&["backup"]).arg(env.path("no/such/dir/copy.db")).as_of("2026-11-20").rejected(&["no directory"]);
    env.run(&["backup", "--force"]).arg(env.root()).as_of("2026-11-20").rejected(&["directory"]);
    // A database in use (a -wal beside it) is not replaced.
    let busy = env.write_file("busy.db", "");
    env.write_file("busy.db-wal", "");
    env.run(&["backup", "--force"]).arg(&busy).as_of("2026-11-20").rejected(&["in use"]);
    // No ledger, or a file that is not one.
    env.run(&["backup"]).arg(env.path("c.db")).ledger(env.path("none.db")).as_of("2026-11-20").rejected(&["no ledger"]);
    let other = env.write_file("notes.txt", &"x".repeat(200));
    env.run(&["backup"]).arg(env.path("c.db")).ledger(&other).as_of("2026-11-20").fails(2, &["not an hcpay ledger"]);
    assert!(!env.path("c.db").exists());
    let leftovers: Vec<_> = fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("hcpay-backup"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_ledger_of_another_schema_version_is_copied_as_it_is() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let now = env.schema_version();
    for version in [now - 1, now + 1] {
        env.set_schema_version(version);
        let copy = env.path(&format!("v{version}.db"));
        env.run(&["backup"]).arg(&copy).as_of("2026-11-20").ok();
        let conn = rusqlite::Connection::open(&copy).unwrap();
        assert_eq!(conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).unwrap(), version);
        assert_eq!(inspect(&copy).0, "ok");
    }
}

#[test]
fn a_backup_during_a_scheduler_catch_up_is_whole_and_readable() {
    let env = crate::common::household();
    let card = crate::common::add_card(&env, crate::common::VISA).to_string();
    env.run(&["autopay", "enable", "--method", &card]).as_of("2026-12-01").ok();
    // Three years caught up in one run, day by day, while copies are taken.
    let mut run = env.run(&["scheduler", "run"]).as_of("2029-12-31").spawn();
    let mut copies = Vec::new();
    while run.try_wait().unwrap().is_none() || copies.is_empty() {
        let copy = env.path(&format!("during-{}.db", copies.len()));
        env.run(&["backup"]).arg(&copy).as_of("2029-12-31").ok();
        copies.push(copy);
    }
    assert!(run.wait().unwrap().success());
    let mut drafted = Vec::new();
    for copy in &copies {
        let (check, payments, _) = inspect(copy);
        assert_eq!(check, "ok", "{}", copy.display());
        drafted.push(payments);
        // A copy is a ledger: it opens, and tells where the run had got to.
        env.run(&["status", "--json"]).ledger(copy).as_of("2029-12-31").json();
        env.run(&["scheduler", "status"]).ledger(copy).as_of("2029-12-31").ok();
    }
    assert!(drafted.windows(2).all(|w| w[0] <= w[1]), "copies in order: {drafted:?}");
}
