//! DESIGN §4 and §8: bad input exits 2, says what was wrong, changes nothing;
//! errors are one `error: ` line (and a hint), never a backtrace.

use serde_json::Value;

use crate::common::{assert_one_line_error, single_line, Env};

fn views(env: &Env) -> (Value, Value, Value) {
    (
        env.json("2026-11-15", &["account", "list"]),
        env.json("2026-11-15", &["plan", "show"]),
        env.json("2026-11-15", &["status"]),
    )
}

#[test]
fn bad_amounts_are_refused() {
    let env = single_line();
    let before = views(&env);
    let cases = [
        ("12.345", "more than two decimals"),
        ("-5", "negative"),
        ("1e3", "1e3"),
        ("NaN", "NaN"),
        ("inf", "inf"),
        ("1000000.01", "over the limit"),
        ("12,34", "12,34"),
        ("", "amount"),
    ];
    for (bad, says) in cases {
        let premium = format!("--premium={bad}");
        env.run(&["plan", "set", "--from", "2027-01", &premium]).as_of("2026-11-15").rejected(&[says]);
        let aptc = format!("--aptc={bad}");
        env.run(&["plan", "set", "--from", "2027-01", "--premium", "300", &aptc]).as_of("2026-11-15").rejected(&[says]);
    }
    assert_eq!(views(&env), before);
}

#[test]
fn amounts_are_accepted_as_people_type_them() {
    let env = single_line();
    for (typed, stored) in
        [("1202", "1202.00"), ("1202.5", "1202.50"), ("$1,202.50", "1202.50"), ("1000000", "1000000.00")]
    {
        let out =
            env.run(&["plan", "set", "--from", "2027-01", "--premium", typed, "--json"]).as_of("2026-11-15").json();
        assert_eq!(out["premium"], stored, "{typed}");
    }
}

#[test]
fn a_leap_day_is_a_date() {
    let env = single_line();
    assert_eq!(env.json("2028-02-29", &["status"])["as_of"], "2028-02-29");
    env.run(&["status"]).as_of("2027-02-29").rejected(&["2027-02-29"]);
}

#[test]
fn a_premium_or_aptc_may_be_zero() {
    let env = single_line();
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "0", "--aptc", "0"]).as_of("2026-11-15").ok();
}

#[test]
fn bad_months_are_refused() {
    let env = single_line();
    let before = views(&env);
    for bad in ["2027-13", "2027-00", "2027-1", "27-01", "2027/01", "2027-01-01", "January"] {
        env.run(&["plan", "set", "--from", bad, "--premium", "300"]).as_of("2026-11-15").rejected(&[bad]);
    }
    assert_eq!(views(&env), before);
}

#[test]
fn bad_dates_are_refused() {
    let env = single_line();
    let before = views(&env);
    for bad in ["2027-02-30", "2027-13-01", "2027-1-5", "05/01/2027", "tomorrow"] {
        env.run(&["status"]).as_of(bad).rejected(&[bad]);
        env.run(&["plan", "set", "--reported-on", bad, "--premium", "300"]).as_of("2026-11-15").rejected(&[bad]);
    }
    let err = env.run(&["bills"]).as_of("2027-02-30").rejected(&["2027-02-30"]);
    assert!(err.contains("--as-of"), "the error names the flag: {err}");
    env.run(&["status"]).no_clock().env("HCPAY_TODAY", "2027-02-30").rejected(&["2027-02-30"]);
    assert_eq!(views(&env), before);
}

#[test]
fn a_bad_format_or_unknown_command_is_a_usage_error() {
    let env = single_line();
    env.run(&["status", "--format", "yaml"]).as_of("2026-11-15").rejected(&["yaml"]);
    env.run(&["stauts"]).as_of("2026-11-15").rejected(&["stauts"]);
    env.run(&["status", "--format", "csv"]).as_of("2026-11-15").rejected(&["csv"]);
}

#[test]
fn our_errors_are_one_line_with_a_hint_and_no_backtrace() {
    let env = single_line();
    let out = env.run(&["status"]).account("nobody").env("RUST_BACKTRACE", "1").as_of("2026-11-15").code(2);
    assert_one_line_error(&out.stderr);
    assert!(out.stderr.starts_with("error: no account `nobody`"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", out.stdout);

    let out = env
        .run(&["plan", "set", "--from", "2027-01", "--premium", "100", "--aptc", "200"])
        .env("RUST_BACKTRACE", "1")
        .as_of("2026-11-15")
        .code(2);
    assert_one_line_error(&out.stderr);

    let file = env.payments_csv("p.csv", &["smith,2026-11-20,0,C1,portal"]);
    let out = env.run(&["import", "payments"]).arg(&file).env("RUST_BACKTRACE", "1").as_of("2026-11-20").code(2);
    assert_one_line_error(&out.stderr);
}

#[test]
fn a_failure_that_is_not_the_users_exits_1_with_one_line() {
    let env = single_line();
    // The ledger path is a directory: hcpay cannot open it.
    std::fs::create_dir(env.path("dir.db")).unwrap();
    let out = env.run(&["status"]).ledger(env.path("dir.db")).env("RUST_BACKTRACE", "1").as_of("2026-11-15").code(1);
    assert_one_line_error(&out.stderr);
    assert!(out.stderr.contains("dir.db"), "{}", out.stderr);
}
