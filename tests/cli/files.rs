//! DESIGN §2 and §8: where the ledger and config live, who may read them,
//! and a ledger from a newer hcpay left alone.

use crate::common::{mode, Env};

#[test]
fn init_creates_a_private_config_and_ledger() {
    let env = Env::new();
    let ledger = env.path("data/hcpay/ledger.db");
    let out = env.run(&["init"]).ledger(&ledger).as_of("2026-11-01").ok();
    assert!(out.contains(&ledger.display().to_string()), "{out}");
    assert!(out.contains(&env.config().display().to_string()), "{out}");
    assert_eq!(mode(&env.config()), 0o600, "config mode");
    assert_eq!(mode(&ledger), 0o600, "ledger mode");
    assert_eq!(mode(&env.path("data/hcpay")), 0o700, "ledger directory mode");
}

#[test]
fn init_a_second_time_says_both_exist_and_keeps_them() {
    let env = Env::new();
    env.run(&["init"]).as_of("2026-11-01").ok();
    env.add_account("smith", "2026-11-01");
    let config = std::fs::read_to_string(env.config()).unwrap();

    let again = env.run(&["init", "--json"]).as_of("2026-11-02").json();
    assert_eq!(again["config_created"], false);
    assert_eq!(again["ledger_created"], false);
    let text = env.run(&["init"]).as_of("2026-11-02").ok();
    assert_eq!(text.matches("exists").count(), 2, "{text}");
    assert_eq!(std::fs::read_to_string(env.config()).unwrap(), config);
    assert_eq!(env.json("2026-11-02", &["account", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn the_config_init_writes_is_read_back_as_the_defaults() {
    let env = Env::new();
    env.run(&["init"]).as_of("2026-11-01").ok();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let bills = env.json("2026-11-15", &["bills"]);
    assert_eq!(bills[0]["due_date"], "2026-11-23");
}

#[test]
fn without_flags_the_files_are_under_the_xdg_directories() {
    let env = Env::new();
    env.run(&["init"]).default_paths().as_of("2026-11-01").ok();
    let config = env.xdg_config_home().join("hcpay/config.toml");
    let ledger = env.xdg_data_home().join("hcpay/ledger.db");
    assert_eq!(mode(&config), 0o600);
    assert_eq!(mode(&ledger), 0o600);
    assert_eq!(mode(&env.xdg_data_home().join("hcpay")), 0o700);
    assert_eq!(mode(&env.xdg_config_home().join("hcpay")), 0o700);
}

#[test]
fn hcpay_ledger_and_hcpay_today_stand_in_for_the_flags() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let status = env
        .run(&["status", "--json"])
        .default_paths()
        .no_clock()
        .env("HCPAY_LEDGER", env.ledger())
        .env("HCPAY_TODAY", "2027-01-05")
        .json();
    assert_eq!(status["account"], "smith");
    assert_eq!(status["as_of"], "2027-01-05");
}

#[test]
fn the_first_write_creates_the_ledger_privately() {
    let env = Env::new();
    let ledger = env.path("new/dir/ledger.db");
    env.run(&["account", "add", "smith", "--name", "Jo Smith"]).ledger(&ledger).as_of("2026-11-01").ok();
    assert_eq!(mode(&ledger), 0o600);
    assert_eq!(mode(&env.path("new/dir")), 0o700);
}

#[test]
fn a_reading_command_without_a_ledger_says_so_and_creates_none() {
    let env = Env::new();
    env.run(&["status"]).as_of("2026-11-01").rejected(&["no ledger", "ledger.db"]);
    assert!(!env.ledger().exists());
}

#[test]
fn a_ledger_from_a_newer_hcpay_is_refused_and_left_untouched() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let current = env.schema_version();
    assert!(current >= 1, "a ledger has a schema version");
    env.set_schema_version(current + 1);
    let bytes = std::fs::read(env.ledger()).unwrap();

    env.run(&["status"]).as_of("2026-11-02").rejected(&["newer"]);
    env.run(&["account", "add", "jones", "--name", "Al Jones"]).as_of("2026-11-02").rejected(&["newer"]);
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "300"]).as_of("2026-11-02").rejected(&["newer"]);

    assert_eq!(std::fs::read(env.ledger()).unwrap(), bytes, "the ledger file changed");
    assert_eq!(env.schema_version(), current + 1);
    let stray: Vec<String> = std::fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak"))
        .collect();
    assert!(stray.is_empty(), "no backup or migration was attempted: {stray:?}");
}

#[test]
fn a_file_that_is_not_a_ledger_is_named_and_left_alone() {
    let env = Env::new();
    let junk = env.write_file("notes.txt", "not a database\n");
    for cmd in [&["status"][..], &["account", "add", "smith", "--name", "Jo"]] {
        let err = env.run(cmd).ledger(&junk).as_of("2026-11-01").fails(1, &[]);
        assert!(err.contains(&junk.display().to_string()), "the error names the file: {err}");
    }
    assert_eq!(std::fs::read_to_string(&junk).unwrap(), "not a database\n");
}

#[test]
fn a_ledger_from_an_older_hcpay_is_migrated_after_a_backup_copy() {
    // A version-1 ledger, as the first release wrote it: only migration 001.
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(env.ledger()).unwrap();
        conn.execute_batch(include_str!("../../migrations/001_initial.sql")).unwrap();
        conn.execute("INSERT INTO accounts (handle, name, created_on) VALUES ('smith', 'Jo Smith', '2026-11-01')", [])
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let accounts = env.json("2026-11-02", &["account", "list"]);
    assert_eq!(accounts[0]["account"], "smith", "the data survives: {accounts:#}");
    assert!(env.schema_version() > 1, "migrated");
    let backup = env.path("ledger.v1.bak");
    let conn = rusqlite::Connection::open(&backup).expect("a backup copy next to the ledger");
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "the copy is the ledger as it was");
    let name: String = conn.query_row("SELECT name FROM accounts", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "Jo Smith");
    // The new tables are there: methods can be added.
    env.run(&["method", "add", "card", "--number", "4242424242424242", "--exp", "12/30", "--holder", "Jo"])
        .as_of("2026-11-02")
        .ok();
}

#[test]
fn commands_writing_at_once_wait_for_each_other_instead_of_failing() {
    let env = Env::new();
    env.run(&["init"]).as_of("2026-11-01").ok();
    let children: Vec<_> = (0..8)
        .map(|i| {
            let id = format!("house{i}");
            env.run(&["account", "add", &id, "--name", "Household"]).as_of("2026-11-01").spawn()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let accounts = env.json("2026-11-01", &["account", "list"]);
    assert_eq!(accounts.as_array().unwrap().len(), 8);
}
