//! config.toml (DESIGN §2, §7): optional, every key a setting, and a mistake
//! named by file, line and key.

use crate::common::{line, Env};

/// smith: unsubsidized from 2026-12, December paid, January missed.
fn missed_january(env: &Env) {
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,202,C1,portal"]);
}

#[test]
fn a_missing_config_means_the_defaults() {
    let env = Env::new();
    assert!(!env.config().exists());
    missed_january(&env);
    let status = env.json("2026-12-24", &["status"]);
    assert_eq!(line(&status, "health")["grace_deadline"], "2027-01-23");
}

#[test]
fn an_unknown_key_names_the_file_the_line_and_the_key() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let config = env.write_config("# my settings\n[policy]\ndue_day = 20\ngrace_month = 2\n");
    let err =
        env.run(&["status"]).as_of("2026-11-01").rejected(&[&config.display().to_string(), "line 4", "grace_month"]);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_unknown_table_is_named_too() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let config = env.write_config("[polcy]\ndue_day = 20\n");
    env.run(&["status"]).as_of("2026-11-01").rejected(&[&config.display().to_string(), "line 1", "polcy"]);
}

#[test]
fn a_bad_value_names_the_file_the_line_and_the_key() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let config = env.write_config("[policy]\nstatement_day = 10\n\ndue_day = 31\n");
    env.run(&["status"]).as_of("2026-11-01").rejected(&[&config.display().to_string(), "line 4", "due_day"]);

    env.write_config("[policy]\ngrace_months_subsidized = \"three\"\n");
    env.run(&["status"]).as_of("2026-11-01").rejected(&["line 2", "grace_months_subsidized"]);

    env.write_config("[alerts]\nchannels = [\"stdout\", \"pager\"]\n");
    env.run(&["status"]).as_of("2026-11-01").rejected(&["line 2", "channels"]);
}

#[test]
fn a_bad_config_stops_writing_commands_too() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.write_config("[policy]\ndue_day = 0\n");
    env.run(&["account", "add", "jones", "--name", "Al Jones"]).as_of("2026-11-01").rejected(&["due_day"]);
}

#[test]
fn a_config_that_is_not_toml_is_named() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let config = env.write_config("[policy\ndue_day = 20\n");
    env.run(&["status"]).as_of("2026-11-01").rejected(&[&config.display().to_string(), "line 1"]);
}

#[test]
fn grace_months_unsubsidized_moves_the_deadline() {
    let env = Env::new();
    env.write_config("[policy]\ngrace_months_unsubsidized = 2\n");
    missed_january(&env);
    let status = env.json("2026-12-24", &["status"]);
    let health = line(&status, "health");
    assert_eq!(health["grace_deadline"], "2027-02-23");
    assert_eq!(env.json("2027-01-24", &["status"])["coverage_state"], "grace", "still in grace a month in");
    assert_eq!(env.json("2027-02-24", &["status"])["coverage_state"], "terminated");
}

#[test]
fn the_due_and_statement_days_are_settings() {
    let env = Env::new();
    env.write_config("[policy]\nstatement_day = 1\ndue_day = 15\nautopay_draft_day = 14\n");
    env.enroll("smith", "2026-10-01", "2026-12", "202", "0");
    env.import_payments("2026-11-15", &["smith,2026-11-15,202,C1,portal"]);
    let bills = env.json("2026-12-01", &["bills"]);
    assert_eq!(bills[0]["due_date"], "2026-11-15");
    assert_eq!(bills[1]["statement_date"], "2026-12-01");
    assert_eq!(bills[1]["due_date"], "2026-12-15");
    assert_eq!(env.json("2026-12-16", &["status"])["coverage_state"], "grace");
}

#[test]
fn hcpay_config_names_the_config_file() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let other = env.write_file("elsewhere.toml", "[policy]\nbogus = 1\n");
    env.run(&["status"])
        .default_paths()
        .env("HCPAY_LEDGER", env.ledger())
        .env("HCPAY_CONFIG", &other)
        .as_of("2026-11-01")
        .fails(2, &["elsewhere.toml", "bogus"]);
}

#[test]
fn a_reminder_too_far_ahead_is_refused_not_a_crash_of_the_run() {
    // A day count beyond any calendar used to panic the scheduler (exit 101).
    let env = Env::new();
    missed_january(&env);
    env.write_config("[alerts]\nremind_days_before_due = [7, 4000000000]\n");
    env.run(&["scheduler", "run"]).as_of("2027-01-01").rejected(&["line 2", "remind_days_before_due", "at most 60"]);
    env.write_config("[alerts]\ncard_expiry_days = 4000000000\n");
    env.run(&["scheduler", "run"]).as_of("2027-01-01").rejected(&["line 2", "card_expiry_days"]);
}
