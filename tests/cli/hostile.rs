//! DESIGN §8: text from users and files never reaches a terminal with its
//! control characters; input is bounded, and an error shows at most a short
//! excerpt of what it refuses; a CSV says what it means or is refused.

use crate::common::{assert_one_line_error, single_line, Env, ENROLLMENTS_HEADER, PAYMENTS_HEADER};
use crate::prompt::on_terminal;

/// Clears the screen of whoever prints it.
const CLEAR: &str = "\x1b[2J";
/// Shows what follows right to left ("Pat" reads "taP").
const RLO: &str = "\u{202E}";

/// Nothing a terminal would act on: no ESC, no NUL, no bidi override.
#[track_caller]
fn inert(text: &str) {
    assert!(!text.contains('\x1b') && !text.contains('\0') && !text.contains(RLO), "raw control characters:\n{text:?}");
}

#[test]
fn control_characters_are_refused_at_input_naming_the_field() {
    let env = single_line();
    for bad in [format!("Pat{CLEAR}"), format!("Pat{RLO}"), "Pat\u{7}".to_string(), "Pat\ttab".to_string()] {
        let refused: Vec<(Vec<&str>, &str)> = vec![
            (vec!["account", "add", "jones", "--name", &bad], "--name"),
            (vec!["account", "add", "jones", "--name", "Al", "--member-id", &bad], "--member-id"),
            (vec!["plan", "set", "--from", "2027-01", "--premium", "300", "--plan", &bad], "--plan"),
            (vec!["plan", "set", "--from", "2027-01", "--premium", "300", "--carrier", &bad], "--carrier"),
            (vec!["pay", "--record", "10", "--paid-on", "2026-11-02", "--confirmation", &bad], "confirmation"),
            (
                vec!["pay", "--record", "10", "--paid-on", "2026-11-02", "--confirmation", "C1", "--memo", &bad],
                "--memo",
            ),
            (vec!["pay", "10", "--yes", "--idempotency-key", &bad], "--idempotency-key"),
            (vec!["void", "1", "--reason", &bad], "--reason"),
            (
                vec!["method", "add", "card", "--number", "4242424242424242", "--exp", "12/30", "--holder", &bad],
                "--holder",
            ),
            (
                vec![
                    "method",
                    "add",
                    "card",
                    "--number",
                    "4242424242424242",
                    "--exp",
                    "12/30",
                    "--holder",
                    "Jo",
                    "--nickname",
                    &bad,
                ],
                "--nickname",
            ),
        ];
        for (args, field) in refused {
            let err = env.run(&args).as_of("2026-11-15").rejected(&[field]);
            inert(&err);
        }
    }
    env.run(&["account", "add", "jones", "--name", "Pat\u{1b}[2J"])
        .as_of("2026-11-15")
        .rejected(&["control character", "\\x1b"]);
}

#[test]
fn control_characters_in_a_csv_are_refused_naming_row_and_column() {
    let env = single_line();
    for bad in [format!("Pat{CLEAR}"), "Pat\0".to_string(), format!("Pat{RLO}")] {
        let file = env.enrollments_csv("roster.csv", &[&format!("jones,{bad},,,health,2027-01,300,,,,,")]);
        let err = env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").rejected(&[
            "row 1",
            ", name: ",
            "control character",
        ]);
        inert(&err);
        let file = env.enrollments_csv("roster.csv", &[&format!("jones,Al,,,health,2027-01,300,,,,{bad},")]);
        env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").rejected(&["row 1", ", plan: "]);
        let file = env.payments_csv("p.csv", &[&format!("smith,2026-11-02,10,{bad},portal")]);
        let err =
            env.run(&["import", "payments"]).arg(&file).as_of("2026-11-15").rejected(&["row 1", ", confirmation: "]);
        inert(&err);
    }
}

/// A ledger written before input was checked: smith's name clears the screen.
fn hostile_ledger() -> Env {
    let env = single_line();
    let conn = rusqlite::Connection::open(env.ledger()).unwrap();
    conn.execute("UPDATE accounts SET name = ?1 WHERE handle = 'smith'", [format!("Pat{CLEAR}{RLO}\u{9b}Smith\x7f")])
        .unwrap();
    env
}

#[test]
fn text_already_in_a_ledger_is_shown_escaped() {
    let env = hostile_ledger();
    for cmd in [&["status"][..], &["account", "list"], &["account", "show"], &["account", "list", "--format", "csv"]] {
        let out = env.run(cmd).as_of("2026-11-15").ok();
        inert(&out);
        assert!(!out.contains('\u{9b}') && !out.contains('\x7f'), "{out:?}");
        assert!(out.contains("Pat\\x1b[2J\\u{202e}\\u{9b}Smith\\x7f"), "escaped, not dropped: {out}");
    }
    // `--no-color` changes nothing to that.
    inert(&env.run(&["status", "--no-color"]).as_of("2026-11-15").ok());
    // JSON keeps the text exactly, as JSON escapes: `\u001b`, `\u202e`.
    let json = env.run(&["account", "list", "--json"]).as_of("2026-11-15").ok();
    inert(&json);
    assert!(json.contains("\\u001b[2J\\u202e\\u009bSmith\\u007f"), "{json}");
    let accounts: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(accounts[0]["name"], format!("Pat{CLEAR}{RLO}\u{9b}Smith\x7f"));
    // An error that quotes it, too.
    let err = env.run(&["status"]).account(&format!("x{CLEAR}")).as_of("2026-11-15").rejected(&["no account"]);
    inert(&err);
}

#[test]
fn on_a_colour_terminal_only_our_own_colours_get_through() {
    let env = hostile_ledger();
    let mut cmd = env.run(&["status"]).as_of("2026-11-15").command();
    cmd.env_remove("NO_COLOR");
    let session = on_terminal(&cmd, &[]);
    assert_eq!(session.code, 0, "{}", session.screen);
    assert!(!session.screen.contains(CLEAR) && !session.screen.contains(RLO), "{:?}", session.screen);
    assert!(session.screen.contains("Pat\\x1b[2J"), "{}", session.screen);
    assert!(session.screen.contains("\x1b[33mpending\x1b[0m"), "the state is still coloured: {:?}", session.screen);
}

#[test]
fn lengths_are_bounded() {
    let env = single_line();
    let name = |n: usize| "x".repeat(n);
    env.run(&["account", "add", "jones", "--name", &name(200)]).as_of("2026-11-15").ok();
    env.run(&["account", "add", "lee", "--name", &name(201)])
        .as_of("2026-11-15")
        .rejected(&["--name", "longer than 200"]);
    let memo = format!("--memo={}", name(501));
    env.run(&["pay", "--record", "10", "--paid-on", "2026-11-02", "--confirmation", "C1", &memo])
        .account("smith")
        .as_of("2026-11-15")
        .rejected(&["--memo", "longer than 500"]);
    env.run(&["pay", "--record", "10", "--paid-on", "2026-11-02", "--confirmation", &name(65)])
        .account("smith")
        .as_of("2026-11-15")
        .rejected(&["confirmation", "up to 64"]);
    let key = format!("--idempotency-key={}", name(256));
    env.run(&["pay", "10", "--yes", &key]).account("smith").as_of("2026-11-15").rejected(&["longer than 255"]);
    let plan = format!("--plan={}", name(201));
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "300", &plan])
        .account("smith")
        .as_of("2026-11-15")
        .rejected(&["longer than 200"]);
}

#[test]
fn a_huge_field_is_refused_quickly_with_a_short_excerpt() {
    let env = single_line();
    let huge = "x".repeat(3_000_000);
    let started = std::time::Instant::now();
    let file = env.enrollments_csv("roster.csv", &[&format!("jones,{huge},,,health,2027-01,300,,,,,")]);
    let err = env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").rejected(&["row 1", ", name: "]);
    assert!(err.len() < 400, "{} bytes of error", err.len());
    for row in [
        format!("smith,2026-11-02,{huge},C1,portal"),
        format!("smith,{huge},10,C1,portal"),
        format!("{huge},2026-11-02,10,C1,portal"),
        format!("smith,2026-11-02,10,C1,{huge}"),
    ] {
        let file = env.payments_csv("p.csv", &[&row]);
        let err = env.run(&["import", "payments"]).arg(&file).as_of("2026-11-15").rejected(&["row 1"]);
        assert!(err.len() < 400, "{} bytes of error: {}…", err.len(), &err[..200]);
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "took {:?}", started.elapsed());
}

#[test]
fn an_argument_is_echoed_as_a_short_excerpt() {
    let env = single_line();
    // Just under the kernel's limit for one argument (128 KiB).
    let huge = format!("{CLEAR}{}", "9x".repeat(60_000));
    let cases: Vec<Vec<String>> = vec![
        vec!["plan".into(), "set".into(), "--from".into(), "2027-01".into(), format!("--premium={huge}")],
        vec!["plan".into(), "set".into(), "--from".into(), huge.clone(), "--premium=300".into()],
        vec!["plan".into(), "set".into(), "--line".into(), huge.clone(), "--from=2027-01".into(), "--premium=3".into()],
        vec!["pay".into(), huge.clone(), "--yes".into()],
        vec!["status".into(), "--account".into(), huge.clone()],
        vec![huge.clone()],
        vec!["status".into(), format!("--{huge}")],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = env.run(&args).as_of("2026-11-15").rejected(&[]);
        inert(&err);
        assert!(err.len() < 700, "{} bytes of error:\n{}", err.len(), &err[..700.min(err.len())]);
    }
    let err = env.run(&["status"]).as_of(&huge).rejected(&["--as-of"]);
    assert!(err.len() < 700, "{} bytes", err.len());
}

#[test]
fn an_absurd_amount_is_too_large_and_not_shown_as_a_masked_number() {
    let env = single_line();
    for amount in ["4242424242424242", "99999999999999999999999999999999999", "123456789012.50"] {
        let premium = format!("--premium={amount}");
        let err = env.run(&["plan", "set", "--from", "2027-01", &premium]).as_of("2026-11-15").rejected(&["too large"]);
        assert!(!err.contains('*') && !err.contains("4242"), "{err}");
        let record = format!("--record={amount}");
        let err = env
            .run(&["pay", &record, "--paid-on", "2026-11-02", "--confirmation", "C1"])
            .as_of("2026-11-15")
            .rejected(&["too large"]);
        assert!(!err.contains('*'), "{err}");
        let file = env.payments_csv("p.csv", &[&format!("smith,2026-11-02,{amount},C1,portal")]);
        env.run(&["import", "payments"]).arg(&file).as_of("2026-11-15").rejected(&["row 1", ", amount: ", "too large"]);
    }
    // An amount a person might mean is named.
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "2000000"])
        .as_of("2026-11-15")
        .rejected(&["`2000000` is too large"]);
}

#[test]
fn a_csv_with_a_column_twice_is_refused() {
    let env = single_line();
    let file = env.write_file("p.csv", &format!("{PAYMENTS_HEADER},amount\nsmith,2026-11-02,10,C1,portal,5000\n"));
    let err = env
        .run(&["import", "payments"])
        .arg(&file)
        .as_of("2026-11-15")
        .rejected(&["`amount` twice", "columns 3 and 6"]);
    assert_one_line_error(&err);
    let file = env.write_file("r.csv", &format!("{ENROLLMENTS_HEADER},name\njones,Al,,,health,2027-01,300,,,,,,Bo\n"));
    env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").rejected(&["`name` twice"]);
}

#[test]
fn a_new_account_in_a_roster_needs_a_name_and_a_known_one_does_not() {
    let env = single_line();
    let file =
        env.enrollments_csv("roster.csv", &["smith,,,,dental,2027-01,30,,,,,", "jones,,,,health,2027-01,300,,,,,"]);
    let err =
        env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").rejected(&["row 2", ", name: ", "jones"]);
    assert_one_line_error(&err);
    let file = env.enrollments_csv(
        "roster.csv",
        &["smith,,,,dental,2027-01,30,,,,,", "jones,Al Jones,,,health,2027-01,300,,,,,"],
    );
    env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").ok();
    assert_eq!(env.json("2026-11-15", &["account", "show", "jones"])["name"], "Al Jones");
}

#[test]
fn a_bad_email_is_reported_under_email() {
    let env = single_line();
    let file = env.enrollments_csv("roster.csv", &["jones,Al Jones,,not-an-email,health,2027-01,300,,,,,"]);
    env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").rejected(&[
        "row 1",
        ", email: ",
        "not-an-email",
    ]);
    // Also on a row of an account the ledger has.
    let file = env.enrollments_csv("roster.csv", &["smith,Household smith,,a b@c.org,dental,2027-01,30,,,,,"]);
    env.run(&["import", "enrollments"]).arg(&file).as_of("2026-11-15").rejected(&["row 1", ", email: "]);
    env.run(&["account", "add", "jones", "--name", "Al", "--email", "al@nowhere"])
        .as_of("2026-11-15")
        .rejected(&["--email", "`al@nowhere` is not an email address"]);
}
