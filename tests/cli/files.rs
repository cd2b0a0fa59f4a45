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
    let junk = env.write_file(
        "notes.txt",
        "not a database, but long enough to have a header: 100 bytes or more of text here, truly\n",
    );
    let before = Snapshot::of(&junk);
    for cmd in [&["status"][..], &["account", "add", "smith", "--name", "Jo"], &["init"]] {
        let err =
            env.run(cmd).ledger(&junk).as_of("2026-11-01").fails(2, &["not an hcpay ledger", "not a SQLite database"]);
        assert!(err.contains(&junk.display().to_string()), "the error names the file: {err}");
    }
    assert_eq!(Snapshot::of(&junk), before);
    assert!(!env.config().exists(), "init wrote nothing");
}

/// A file as found: its bytes, its mode, and the names beside it (a `-wal`,
/// a `-shm` or a backup copy would show there).
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    bytes: Vec<u8>,
    mode: u32,
    siblings: Vec<String>,
}

impl Snapshot {
    fn of(path: &std::path::Path) -> Snapshot {
        let mut siblings: Vec<String> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        siblings.sort();
        Snapshot { bytes: std::fs::read(path).unwrap(), mode: mode(path), siblings }
    }
}

/// `PRAGMA application_id` of a SQLite file.
fn application_id(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap()
}

/// hcpay's mark: "hcpy".
const HCPAY_APPLICATION_ID: i64 = 0x6863_7079;

#[test]
fn another_applications_database_is_refused_byte_for_byte() {
    let env = Env::new();
    // One with an application_id of its own, one without (and a schema version, as many set).
    let marked = env.path("photos.db");
    let unmarked = env.path("notes.db");
    for (path, id) in [(&marked, 0x1234_5678), (&unmarked, 0)] {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
        conn.pragma_update(None, "application_id", id).unwrap();
        drop(conn);
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    }
    // WAL mode too: a reader of it would leave a -wal and a -shm beside it.
    rusqlite::Connection::open(&unmarked).unwrap().pragma_update(None, "journal_mode", "wal").unwrap();
    for path in [&marked, &unmarked] {
        let before = Snapshot::of(path);
        let commands: &[&[&str]] = &[
            &["status"],
            &["account", "list"],
            &["bills"],
            &["account", "add", "smith", "--name", "Jo"],
            &["plan", "set", "--from", "2027-01", "--premium", "100"],
            &["init"],
        ];
        for cmd in commands {
            let err = env.run(cmd).ledger(path).as_of("2026-11-01").rejected(&[
                "not an hcpay ledger",
                "another application's SQLite database",
                "left untouched",
            ]);
            assert!(err.contains(&path.display().to_string()), "the error names the file: {err}");
        }
        assert_eq!(Snapshot::of(path), before, "{} was touched", path.display());
    }
}

#[test]
fn an_empty_file_is_not_read_and_becomes_a_private_ledger_when_written() {
    let env = Env::new();
    let empty = env.write_file("ledger.db", "");
    std::fs::set_permissions(&empty, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let before = Snapshot::of(&empty);
    for cmd in [&["status"][..], &["account", "list"], &["balance"]] {
        env.run(cmd).as_of("2026-11-01").rejected(&["empty", "hcpay init"]);
    }
    assert_eq!(Snapshot::of(&empty), before, "a reading command changed the empty file");

    env.add_account("smith", "2026-11-01");
    assert_eq!(mode(&empty), 0o600, "a ledger is owner-only");
    assert_eq!(application_id(&empty), HCPAY_APPLICATION_ID);
    assert_eq!(env.json("2026-11-01", &["account", "list"])[0]["account"], "smith");
}

#[test]
fn a_new_ledger_is_marked_as_hcpays() {
    let env = Env::new();
    env.run(&["init"]).as_of("2026-11-01").ok();
    assert_eq!(application_id(&env.ledger()), HCPAY_APPLICATION_ID);
    // In the file's header itself, not only in its write-ahead log.
    let header = std::fs::read(env.ledger()).unwrap();
    assert_eq!(&header[68..72], b"hcpy");
}

#[test]
fn a_ledger_from_before_the_mark_is_read_as_it_is_and_marked_by_the_first_write() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    // As hcpay wrote ledgers before the mark.
    rusqlite::Connection::open(env.ledger()).unwrap().pragma_update(None, "application_id", 0).unwrap();
    let before = Snapshot::of(&env.ledger());
    assert_eq!(env.json("2026-11-15", &["status"])["amount_due"], "202.00");
    assert_eq!(env.json("2026-11-15", &["account", "list"])[0]["account"], "smith");
    assert_eq!(std::fs::read(env.ledger()).unwrap(), before.bytes, "a reading command changed the ledger");
    assert_eq!(application_id(&env.ledger()), 0, "reading marks nothing");

    env.add_account("jones", "2026-11-15");
    assert_eq!(application_id(&env.ledger()), HCPAY_APPLICATION_ID);
    assert_eq!(env.json("2026-11-15", &["account", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn reading_commands_never_migrate_an_older_ledger() {
    let env = Env::new();
    version_one_ledger(&env);
    let before = Snapshot::of(&env.ledger());
    for cmd in [&["status"][..], &["account", "list"], &["history"]] {
        let err = env.run(cmd).as_of("2026-11-02").rejected(&["schema version 1", "older"]);
        assert!(err.contains("hcpay init"), "it says how to upgrade: {err}");
    }
    assert_eq!(Snapshot::of(&env.ledger()), before, "a reading command migrated or touched the ledger");
}

/// A version-1 ledger, as the first release wrote it: only migration 001, no mark.
fn version_one_ledger(env: &Env) {
    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    conn.execute_batch(include_str!("../../migrations/001_initial.sql")).unwrap();
    conn.execute("INSERT INTO accounts (handle, name, created_on) VALUES ('smith', 'Jo Smith', '2026-11-01')", [])
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

#[test]
fn a_ledger_from_an_older_hcpay_is_migrated_after_a_backup_copy() {
    let env = Env::new();
    version_one_ledger(&env);
    // Any command that writes migrates it; `init` is the one the error names.
    let init = env.run(&["init"]).as_of("2026-11-02").ok();
    assert!(init.contains("exists"), "{init}");
    assert_eq!(application_id(&env.ledger()), HCPAY_APPLICATION_ID);
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

#[test]
fn reading_commands_work_on_a_read_only_ledger_in_a_read_only_directory() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;

    let env = Env::new();
    let dir = env.path("readonly");
    let ledger = dir.join("ledger.db");
    env.run(&["account", "add", "smith", "--name", "Jo"]).ledger(&ledger).as_of("2026-11-01").ok();
    env.run(&["plan", "set", "--from", "2026-12", "--premium", "202"]).ledger(&ledger).as_of("2026-11-01").ok();
    // Permissions do not stop root: as root, the commands run as `nobody`,
    // who owns the ledger and may read it but write neither it nor its directory.
    const NOBODY: u32 = 65534;
    let root = std::fs::metadata(env.root()).unwrap().uid() == 0;
    let set_mode = |path: &std::path::Path, mode: u32| std::fs::set_permissions(path, PermissionsExt::from_mode(mode));
    if root {
        std::os::unix::fs::chown(&dir, Some(NOBODY), Some(NOBODY)).unwrap();
        std::os::unix::fs::chown(&ledger, Some(NOBODY), Some(NOBODY)).unwrap();
        set_mode(env.root(), 0o711).unwrap();
    }
    set_mode(&ledger, 0o400).unwrap();
    set_mode(&dir, 0o500).unwrap();
    let before = Snapshot::of(&ledger);
    let run = |args: &[&str]| {
        let mut cmd = env.run(args).ledger(&ledger).as_of("2026-11-15").command();
        if root {
            cmd.uid(NOBODY).gid(NOBODY);
        }
        let out = cmd.stdin(std::process::Stdio::null()).output().expect("run hcpay");
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };

    let (code, stdout, stderr) = run(&["status", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let status: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(status["amount_due"], "202.00");
    for cmd in [&["bills"][..], &["account", "list"], &["balance"], &["plan", "show"], &["history"]] {
        let (code, _, stderr) = run(cmd);
        assert_eq!(code, 0, "{cmd:?}: {stderr}");
    }
    let (code, _, stderr) = run(&["account", "add", "jones", "--name", "Al"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("read-only") && stderr.contains(&ledger.display().to_string()), "{stderr}");

    set_mode(&dir, 0o700).unwrap();
    set_mode(&ledger, 0o600).unwrap();
    assert_eq!(
        Snapshot::of(&ledger),
        Snapshot { mode: 0o600, ..before },
        "nothing was written, nothing created beside it"
    );
}

#[test]
fn a_writer_waiting_for_another_gives_up_with_75_and_says_why() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.write_config("[ledger]\nlock_wait_secs = 1\n");
    // Another command in the middle of a long write (an import, say).
    let other = rusqlite::Connection::open(env.ledger()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();

    let started = std::time::Instant::now();
    let out = env.run(&["account", "add", "jones", "--name", "Al"]).as_of("2026-11-01").code(75);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "it waited {:?}", started.elapsed());
    crate::common::assert_one_line_error(&out.stderr);
    let ledger = env.ledger().display().to_string();
    assert!(
        out.stderr.starts_with(&format!("error: another hcpay command is writing to {ledger}; try again")),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("locked"), "{}", out.stderr);
    assert!(!out.stderr.contains("waiting"), "not on a terminal: no progress line\n{}", out.stderr);
    // Reading goes on meanwhile.
    assert_eq!(env.json("2026-11-01", &["account", "list"]).as_array().unwrap().len(), 1);

    other.execute_batch("ROLLBACK").unwrap();
    env.add_account("jones", "2026-11-01");
}

#[test]
fn on_a_terminal_a_waiting_writer_says_it_waits() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.write_config("[ledger]\nlock_wait_secs = 2\n");
    let other = rusqlite::Connection::open(env.ledger()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let run = env.run(&["account", "add", "jones", "--name", "Al"]).as_of("2026-11-01");
    let session = crate::prompt::on_terminal(&run.command(), &[]);
    assert_eq!(session.code, 75, "{}", session.screen);
    assert_eq!(
        session.screen.matches("waiting for another hcpay command to finish writing").count(),
        1,
        "{}",
        session.screen
    );
    assert!(session.screen.contains("another hcpay command is writing to"), "{}", session.screen);
    assert!(!session.screen.contains("locked"), "{}", session.screen);
}

/// Migrations 006 and 007 copy the `drafts` and `alert_deliveries` tables
/// (a new state check): a version-5 ledger's rows come through whole, and the
/// check still refuses a state that is not one.
#[test]
fn a_version_five_ledger_keeps_its_drafts_and_deliveries_when_migrated() {
    let env = Env::new();
    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    for step in [
        include_str!("../../migrations/001_initial.sql"),
        include_str!("../../migrations/002_methods_gateways.sql"),
        include_str!("../../migrations/003_refund_attempts.sql"),
        include_str!("../../migrations/004_autopay_scheduler.sql"),
        include_str!("../../migrations/005_alert_delivery.sql"),
    ] {
        conn.execute_batch(step).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO accounts (id, handle, name, created_on) VALUES (1, 'smith', 'Jo Smith', '2026-11-01');
         INSERT INTO drafts (id, account_id, month, state, tries, retries, first_failed_on, next_try_on, note,
                             created_on, updated_on)
             VALUES (3, 1, '2027-02', 'retry', 2, 1, '2027-01-22', '2027-01-25', 'insufficient_funds on 2027-01-22',
                     '2027-01-22', '2027-01-23'),
                    (4, 1, '2027-03', 'paid', 1, 0, NULL, NULL, NULL, '2027-02-22', '2027-02-22');
         INSERT INTO alerts (id, account_id, kind, cause, created_on, message)
             VALUES (9, 1, 'past_due', 'past_due:smith:2027-02', '2027-01-24', 'smith: $1.00 is past due');
         INSERT INTO alert_deliveries (alert_id, channel, state, attempts, last_error, delivered_at, first_failed_on)
             VALUES (9, 'stdout', 'delivered', 1, NULL, '2027-01-24T06:00:00Z', NULL),
                    (9, 'email', 'pending', 2, 'connection refused', NULL, '2027-01-24');",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 5).unwrap();
    let rows = |conn: &rusqlite::Connection, sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect())
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let drafts = "SELECT id, account_id, month, state, tries, retries, first_failed_on, next_try_on, note, created_on, updated_on FROM drafts ORDER BY id";
    let deliveries = "SELECT alert_id, channel, state, attempts, last_error, delivered_at, first_failed_on FROM alert_deliveries ORDER BY alert_id, channel";
    let before = (rows(&conn, drafts), rows(&conn, deliveries));
    drop(conn);

    env.run(&["init"]).as_of("2027-01-25").ok();
    assert!(env.schema_version() >= 7, "migrated");
    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    assert_eq!((rows(&conn, drafts), rows(&conn, deliveries)), before, "every row as it was");
    for bad in [
        "UPDATE drafts SET state = 'lost' WHERE id = 3",
        "UPDATE alert_deliveries SET state = 'lost' WHERE channel = 'email'",
    ] {
        assert!(conn.execute(bad, []).is_err(), "the state check holds: {bad}");
    }
}
