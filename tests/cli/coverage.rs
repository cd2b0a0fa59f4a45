//! DESIGN §7 coverage rules, end to end, on the Health Connector's own
//! examples: payments come in through `import payments`, and every look is a
//! reading command with its own `--as-of`.

use crate::common::{bill_rows, line, Env};

/// A member enrolled from 2026-12 at $202.00 a month (gross `premium`, APTC
/// `aptc`) who paid December on time and then misses January (due 2026-12-23).
fn missed_january(premium: &str, aptc: &str) -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", premium, aptc);
    env.import_payments("2026-11-20", &["smith,2026-11-20,202,C1,portal"]);
    env
}

fn unsubsidized() -> Env {
    missed_january("202", "0")
}

fn subsidized() -> Env {
    missed_january("612", "410")
}

#[test]
fn unsubsidized_grace_starts_the_day_after_the_due_date() {
    let env = unsubsidized();
    let before = env.json("2026-12-23", &["status"]);
    assert_eq!(before["coverage_state"], "active");

    let status = env.json("2026-12-24", &["status"]);
    assert_eq!(status["coverage_state"], "grace");
    assert_eq!(status["past_due"], "202.00");
    let health = line(&status, "health");
    assert_eq!(health["coverage_state"], "grace");
    assert_eq!(health["paid_through"], "2026-12");
    assert_eq!(health["grace_deadline"], "2027-01-23");
    assert_eq!(health["terminates_on"], "2026-12-31");
    // January and February (due 2027-01-23, on the deadline), February not yet issued.
    assert_eq!(health["cure_amount"], "404.00");
}

#[test]
fn unsubsidized_coverage_is_terminated_the_day_after_the_deadline() {
    let env = unsubsidized();
    let last_day = env.json("2027-01-23", &["status"]);
    assert_eq!(last_day["coverage_state"], "grace");

    let status = env.json("2027-01-24", &["status"]);
    assert_eq!(status["coverage_state"], "terminated");
    let health = line(&status, "health");
    assert_eq!(health["terminates_on"], "2026-12-31");
    assert_eq!(health["paid_through"], "2026-12");
    // Coverage ended with December: January on is void, December stays paid.
    let bills = bill_rows(&env.json("2027-01-24", &["bills"]));
    let states: Vec<(&str, &str)> = bills.iter().map(|(m, _, s, _)| (m.as_str(), s.as_str())).collect();
    assert_eq!(states, [("2026-12", "paid"), ("2027-01", "void"), ("2027-02", "void")]);
    assert_eq!(status["amount_due"], "0.00", "void bills count in no total");
}

#[test]
fn a_terminated_line_can_be_reinstated_within_the_window() {
    let env = unsubsidized();
    let health = line(&env.json("2027-01-24", &["status"]), "health").clone();
    // The deadline plus 35 days.
    assert_eq!(health["reinstate_by"], "2027-02-27");
    assert!(health["reinstate_amount"].as_str().is_some(), "{health}");
}

#[test]
fn subsidized_grace_runs_three_months() {
    let env = subsidized();
    let status = env.json("2026-12-24", &["status"]);
    let health = line(&status, "health");
    assert_eq!(health["coverage_state"], "grace");
    assert_eq!(health["grace_deadline"], "2027-03-23");
    // January to April: every bill due on or before the deadline.
    assert_eq!(health["cure_amount"], "808.00");
    assert_eq!(health["terminates_on"], "2027-01-31");

    let last_day = env.json("2027-03-23", &["status"]);
    assert_eq!(line(&last_day, "health")["coverage_state"], "grace");
    assert_eq!(line(&last_day, "health")["grace_deadline"], "2027-03-23");
}

#[test]
fn subsidized_coverage_ends_with_the_first_grace_month() {
    let env = subsidized();
    let status = env.json("2027-03-24", &["status"]);
    let health = line(&status, "health");
    assert_eq!(health["coverage_state"], "terminated");
    assert_eq!(health["terminates_on"], "2027-01-31");
    env.run(&["status", "--check"]).as_of("2027-03-24").code(4);

    // January was covered and stays owed; February on is void.
    let bills = bill_rows(&env.json("2027-03-24", &["bills"]));
    let states: Vec<(&str, &str)> = bills.iter().map(|(m, _, s, _)| (m.as_str(), s.as_str())).collect();
    assert_eq!(
        states,
        [("2026-12", "paid"), ("2027-01", "open"), ("2027-02", "void"), ("2027-03", "void"), ("2027-04", "void"),]
    );
    assert_eq!(status["amount_due"], "202.00");
}

#[test]
fn paying_what_is_past_due_ends_grace() {
    let env = subsidized();
    env.import_payments("2027-03-20", &["smith,2027-03-20,808,C2,portal"]);
    let status = env.json("2027-03-24", &["status"]);
    assert_eq!(status["coverage_state"], "active");
    assert_eq!(line(&status, "health")["paid_through"], "2027-04");
    assert!(line(&status, "health")["grace_deadline"].is_null());
    env.run(&["status", "--check"]).as_of("2027-03-24").code(0);
}

#[test]
fn a_part_payment_in_grace_does_not_move_the_deadline() {
    let env = subsidized();
    // January paid late, but February is past due by then.
    env.import_payments("2027-02-25", &["smith,2027-02-25,202,C2,portal"]);
    let status = env.json("2027-02-26", &["status"]);
    let health = line(&status, "health");
    assert_eq!(health["coverage_state"], "grace");
    assert_eq!(health["grace_deadline"], "2027-03-23");
    assert_eq!(health["paid_through"], "2027-01");
    assert_eq!(health["cure_amount"], "606.00");
}

#[test]
fn binder_first_month_unpaid_after_its_due_date_is_not_effective() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let pending = env.json("2026-11-23", &["status"]);
    assert_eq!(pending["coverage_state"], "pending");
    assert_eq!(pending["amount_due"], "202.00");

    let status = env.json("2026-11-24", &["status"]);
    assert_eq!(status["coverage_state"], "not_effective");
    assert_eq!(line(&status, "health")["coverage_state"], "not_effective");
    assert_eq!(status["amount_due"], "0.00");
    let bills = bill_rows(&env.json("2027-03-15", &["bills"]));
    assert_eq!(
        bills,
        [("2026-12".into(), "health".into(), "void".into(), "0.00".into())],
        "the first bill is void and no more are issued"
    );
}

#[test]
fn binder_paid_by_its_due_date_starts_coverage() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-23", &["smith,2026-11-23,202,C1,portal"]);
    let status = env.json("2026-11-24", &["status"]);
    assert_eq!(status["coverage_state"], "active");
    assert_eq!(line(&status, "health")["paid_through"], "2026-12");
}

#[test]
fn binder_paid_in_part_is_not_enough() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,201.99,C1,portal"]);
    assert_eq!(env.json("2026-11-24", &["status"])["coverage_state"], "not_effective");
}

#[test]
fn after_not_effective_a_later_enrollment_starts_again() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "202"]).as_of("2026-11-25").ok();
    let status = env.json("2026-12-15", &["status"]);
    assert_eq!(status["coverage_state"], "pending");
    assert_eq!(status["amount_due"], "202.00");
    assert_eq!(status["next_due_date"], "2026-12-23");
}

#[test]
fn paying_the_reinstatement_amount_in_time_restores_coverage_without_a_gap() {
    let env = unsubsidized();
    let health = line(&env.json("2027-01-24", &["status"]), "health").clone();
    // January and February (voided) and March, the next bill due.
    assert_eq!(health["reinstate_amount"], "606.00");
    env.import_payments("2027-01-30", &["smith,2027-01-30,606,C2,portal"]);
    let status = env.json("2027-01-31", &["status"]);
    assert_eq!(status["coverage_state"], "active");
    let health = line(&status, "health");
    assert_eq!(health["paid_through"], "2027-03");
    assert!(health["terminates_on"].is_null(), "{health}");
    let states: Vec<String> =
        bill_rows(&env.json("2027-01-31", &["bills"])).into_iter().map(|(_, _, state, _)| state).collect();
    assert_eq!(states, ["paid", "paid", "paid"]);
}

#[test]
fn after_the_reinstatement_window_only_a_new_enrollment_restarts_coverage() {
    let env = unsubsidized();
    let status = env.json("2027-02-28", &["status"]);
    assert_eq!(status["coverage_state"], "terminated");
    assert!(line(&status, "health")["reinstate_by"].is_null(), "{status}");
    // No bills while terminated.
    assert_eq!(bill_rows(&env.json("2027-06-15", &["bills"])).len(), 3);

    env.run(&["plan", "set", "--from", "2027-04", "--premium", "202"]).as_of("2027-03-01").ok();
    let status = env.json("2027-03-15", &["status"]);
    assert_eq!(line(&status, "health")["coverage_state"], "pending");
    assert_eq!(status["next_due_date"], "2027-03-23");
}

#[test]
fn a_lapse_longer_than_the_mandate_gap_is_warned_about() {
    let env = unsubsidized();
    // Terminated from January; coverage could start again in March: 2 months.
    let text = env.run(&["status"]).as_of("2027-02-15").ok();
    assert!(!text.contains("warning"), "{text}");
    // Reported now, coverage could start in May: 4 months without.
    let text = env.run(&["status"]).as_of("2027-03-24").ok();
    assert!(text.contains("warning") && text.contains("mandate"), "{text}");
}

#[test]
fn a_new_rate_for_a_billed_month_reprices_it_and_the_excess_is_credit() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,404,C1,portal"]);
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "150"]).as_of("2026-12-15").ok();
    let bills = env.json("2026-12-16", &["bills"]);
    assert_eq!(bills[1]["coverage_month"], "2027-01");
    assert_eq!(bills[1]["amount"], "150.00");
    assert_eq!(bills[1]["state"], "paid");
    assert_eq!(env.json("2026-12-16", &["status"])["credit"], "52.00");
}

// ----- grace on due dates and deadlines (issue 6) -----

/// Enrolled 2026-12-01 from 2027-01 at $202.00 (APTC); January paid on
/// 2026-12-20; February (due 2027-01-23) missed: grace to 2027-04-23.
fn missed_february() -> Env {
    let env = Env::new();
    env.add_account("smith", "2026-12-01");
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "612", "--aptc", "410", "--program", "aptc"])
        .as_of("2026-12-01")
        .ok();
    record(&env, "2026-12-20", "202", "A");
    env
}

fn record(env: &Env, on: &str, amount: &str, confirmation: &str) {
    env.run(&["pay", "--record", amount, "--paid-on", on, "--via", "check", "--confirmation", confirmation, "--yes"])
        .as_of(on)
        .ok();
}

/// The health line's state and cure amount as of `day`, checked against
/// `status --check`'s exit code.
#[track_caller]
fn state_on(env: &Env, day: &str) -> (String, Option<String>) {
    let status = env.json(day, &["status"]);
    let health = line(&status, "health");
    let state = health["coverage_state"].as_str().unwrap().to_string();
    let code = if ["active", "pending"].contains(&state.as_str()) { 0 } else { 4 };
    env.run(&["status", "--check"]).as_of(day).code(code);
    (state, health["cure_amount"].as_str().map(str::to_string))
}

#[track_caller]
fn expect(env: &Env, days: &[(&str, &str, Option<&str>)]) {
    for (day, state, cure) in days {
        let expected = (state.to_string(), cure.map(str::to_string));
        assert_eq!(state_on(env, day), expected, "as of {day}");
    }
}

#[test]
fn a_line_in_grace_stays_in_grace_on_a_due_date_until_that_bill_is_paid_too() {
    let env = missed_february();
    expect(
        &env,
        &[
            ("2026-12-19", "pending", None),
            ("2026-12-22", "active", None),
            ("2026-12-23", "active", None),
            ("2026-12-24", "active", None),
            ("2027-01-22", "active", None),
            ("2027-01-23", "active", None),
            // February, March, April and May: every bill due by the deadline.
            ("2027-01-24", "grace", Some("808.00")),
            ("2027-02-22", "grace", Some("808.00")),
        ],
    );
    let status = env.json("2027-01-24", &["status"]);
    assert_eq!(line(&status, "health")["grace_deadline"], "2027-04-23");
    assert_eq!(line(&status, "health")["terminates_on"], "2027-02-28");

    // February paid on March's due date: March is part of the cure.
    record(&env, "2027-02-23", "202", "B");
    expect(
        &env,
        &[
            ("2027-02-23", "grace", Some("606.00")),
            ("2027-02-24", "grace", Some("606.00")),
            ("2027-03-22", "grace", Some("606.00")),
            ("2027-03-23", "grace", Some("606.00")),
            ("2027-03-24", "grace", Some("606.00")),
            ("2027-04-22", "grace", Some("606.00")),
        ],
    );
    let status = env.json("2027-02-24", &["status"]);
    assert_eq!(line(&status, "health")["grace_deadline"], "2027-04-23", "the same grace goes on");

    // March and April paid on the deadline; May, due that day, is not.
    record(&env, "2027-04-23", "404", "C");
    expect(&env, &[("2027-04-23", "grace", Some("202.00")), ("2027-04-24", "terminated", None)]);
    let status = env.json("2027-04-24", &["status"]);
    assert_eq!(line(&status, "health")["terminates_on"], "2027-02-28");
    assert_eq!(line(&status, "health")["paid_through"], "2027-02");
}

#[test]
fn paying_every_bill_due_by_a_day_ends_grace_that_day() {
    let env = missed_february();
    record(&env, "2027-02-23", "404", "B");
    expect(
        &env,
        &[("2027-02-22", "grace", Some("808.00")), ("2027-02-23", "active", None), ("2027-02-24", "active", None)],
    );

    let env = missed_february();
    record(&env, "2027-04-23", "808", "C");
    expect(
        &env,
        &[
            ("2027-04-22", "grace", Some("808.00")),
            ("2027-04-23", "active", None),
            ("2027-04-24", "active", None),
            ("2027-05-23", "active", None),
            // June missed: a new grace, June to September.
            ("2027-05-24", "grace", Some("808.00")),
        ],
    );
}

// ----- enrollments recorded after their first month was due (issue 6) -----

#[test]
fn a_first_month_imported_after_its_due_date_is_void_and_nothing_more_is_billed() {
    let env = Env::new();
    let roster = env.enrollments_csv("roster.csv", &["smith,Pat Smith,,,health,2027-01,500,,,,,"]);
    env.run(&["import", "enrollments"]).arg(&roster).as_of("2026-12-28").ok();
    let status = env.json("2027-03-01", &["status"]);
    assert_eq!(status["coverage_state"], "not_effective");
    assert_eq!((&status["amount_due"], &status["past_due"]), (&"0.00".into(), &"0.00".into()));
    assert!(status["next_due_date"].is_null(), "{status}");
    let bills = bill_rows(&env.json("2027-03-01", &["bills"]));
    assert_eq!(bills, [("2027-01".into(), "health".into(), "void".into(), "0.00".into())]);

    // Money sent now is credit: it does not make the enrollment effective.
    record(&env, "2026-12-28", "500", "LATE");
    let status = env.json("2027-03-01", &["status"]);
    assert_eq!(status["coverage_state"], "not_effective");
    assert_eq!(status["credit"], "500.00");
    assert_eq!(status["amount_due"], "0.00");
}

#[test]
fn an_enrollment_years_back_without_payments_is_one_void_bill() {
    let env = Env::new();
    let roster = env.enrollments_csv("roster.csv", &["smith,Pat Smith,,,health,2020-01,500,,,,,"]);
    env.run(&["import", "enrollments"]).arg(&roster).as_of("2026-12-28").ok();
    let bills = bill_rows(&env.json("2026-12-28", &["bills"]));
    assert_eq!(bills, [("2020-01".into(), "health".into(), "void".into(), "0.00".into())]);
    assert_eq!(env.json("2026-12-28", &["status"])["amount_due"], "0.00");
}
