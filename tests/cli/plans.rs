//! `plan set|end|show`: rate periods, the change rule, voluntary ends.

use serde_json::Value;

use crate::common::{bill_rows, Env};

fn periods(env: &Env, as_of: &str) -> Vec<Value> {
    env.json(as_of, &["plan", "show"]).as_array().expect("plan show is a list").clone()
}

#[test]
fn plan_set_from_a_month() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.run(&[
        "plan",
        "set",
        "--from",
        "2026-12",
        "--premium",
        "612",
        "--aptc",
        "410",
        "--slcsp",
        "640.00",
        "--plan",
        "Silver 2000",
        "--carrier",
        "Harvard Pilgrim",
    ])
    .as_of("2026-11-01")
    .ok();
    let p = &periods(&env, "2026-11-01")[0];
    assert_eq!(p["line"], "health");
    assert_eq!(p["from"], "2026-12");
    assert_eq!(p["premium"], "612.00");
    assert_eq!(p["aptc"], "410.00");
    assert_eq!(p["member_share"], "202.00");
    assert_eq!(p["slcsp"], "640.00");
    assert_eq!(p["program"], "aptc", "a subsidy means the aptc program by default");
    assert_eq!(p["plan"], "Silver 2000");
    assert_eq!(p["carrier"], "Harvard Pilgrim");
}

#[test]
fn a_change_reported_by_the_23rd_applies_from_next_month() {
    let env = Env::new();
    env.add_account("smith", "2027-03-01");
    env.run(&["plan", "set", "--reported-on", "2027-03-23", "--premium", "300"]).as_of("2027-03-23").ok();
    assert_eq!(periods(&env, "2027-03-23")[0]["from"], "2027-04");
}

#[test]
fn a_change_reported_after_the_23rd_applies_from_the_month_after_next() {
    let env = Env::new();
    env.add_account("smith", "2027-03-01");
    env.run(&["plan", "set", "--reported-on", "2027-03-24", "--premium", "300"]).as_of("2027-03-24").ok();
    assert_eq!(periods(&env, "2027-03-24")[0]["from"], "2027-05");
}

#[test]
fn the_cutoff_day_is_a_setting() {
    let env = Env::new();
    env.write_config("[policy]\nchange_cutoff_day = 15\n");
    env.add_account("smith", "2027-03-01");
    env.run(&["plan", "set", "--reported-on", "2027-03-16", "--premium", "300"]).as_of("2027-03-16").ok();
    assert_eq!(periods(&env, "2027-03-16")[0]["from"], "2027-05");
}

#[test]
fn from_and_reported_on_are_exclusive_and_one_is_needed() {
    let env = Env::new();
    env.add_account("smith", "2027-03-01");
    env.run(&["plan", "set", "--premium", "300"]).as_of("2027-03-01").rejected(&["--from"]);
    env.run(&["plan", "set", "--from", "2027-04", "--reported-on", "2027-03-01", "--premium", "300"])
        .as_of("2027-03-01")
        .rejected(&["--reported-on"]);
}

#[test]
fn aptc_above_the_premium_is_refused() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let before = periods(&env, "2026-11-01");
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "100", "--aptc", "100.01"])
        .as_of("2026-11-01")
        .rejected(&["APTC", "more than the premium"]);
    assert_eq!(periods(&env, "2026-11-01"), before);
}

#[test]
fn aptc_equal_to_the_premium_leaves_nothing_to_pay() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "400", "400");
    assert_eq!(periods(&env, "2026-11-01")[0]["member_share"], "0.00");
}

#[test]
fn an_unsubsidized_program_takes_no_aptc() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.run(&["plan", "set", "--from", "2026-12", "--premium", "612", "--aptc", "410", "--program", "unsubsidized"])
        .as_of("2026-11-01")
        .rejected(&["unsubsidized"]);
    assert!(periods(&env, "2026-11-01").is_empty());
}

#[test]
fn an_unknown_program_or_line_is_refused() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.run(&["plan", "set", "--from", "2026-12", "--premium", "1", "--program", "gold"])
        .as_of("2026-11-01")
        .rejected(&["gold"]);
    env.run(&["plan", "set", "--from", "2026-12", "--premium", "1", "--line", "vision"])
        .as_of("2026-11-01")
        .rejected(&["vision"]);
}

#[test]
fn a_later_rate_period_changes_later_bills_only() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "612", "410");
    env.import_payments("2026-11-20", &["smith,2026-11-20,606,C1,portal"]);
    env.run(&["plan", "set", "--from", "2027-02", "--premium", "612", "--aptc", "380"]).as_of("2026-12-01").ok();
    let bills = env.json("2027-01-15", &["bills"]);
    let amounts: Vec<&str> = bills.as_array().unwrap().iter().map(|b| b["amount"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["202.00", "202.00", "232.00"]);
    assert_eq!(periods(&env, "2027-01-15").len(), 2, "nothing is rewritten");
}

#[test]
fn plan_end_stops_the_bills_after_the_month() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,404,C1,portal"]);
    env.run(&["plan", "end", "--after", "2027-01"]).as_of("2026-12-01").ok();

    let months: Vec<String> =
        bill_rows(&env.json("2027-06-15", &["bills"])).into_iter().map(|(month, ..)| month).collect();
    assert_eq!(months, ["2026-12", "2027-01"]);
    let status = env.json("2027-02-15", &["status"]);
    assert_eq!(status["coverage_state"], "ended");
    assert_eq!(status["amount_due"], "0.00");
    assert!(status["next_due_date"].is_null(), "{status}");
    let end = periods(&env, "2027-02-15").into_iter().find(|p| p["kind"] == "end").expect("an end period");
    assert_eq!(end["from"], "2027-02");
}

#[test]
fn plan_end_of_one_line_keeps_the_other() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.run(&["plan", "set", "--line", "dental", "--from", "2026-12", "--premium", "38"]).as_of("2026-11-01").ok();
    env.import_payments("2026-11-20", &["smith,2026-11-20,480,C1,portal"]);
    env.run(&["plan", "end", "--line", "dental", "--after", "2026-12"]).as_of("2026-11-21").ok();
    let lines: Vec<(String, String)> =
        bill_rows(&env.json("2027-01-15", &["bills"])).into_iter().map(|(month, line, ..)| (month, line)).collect();
    let expect = |m: &str, l: &str| (m.to_string(), l.to_string());
    assert_eq!(
        lines,
        [
            expect("2026-12", "health"),
            expect("2026-12", "dental"),
            expect("2027-01", "health"),
            expect("2027-02", "health"),
        ]
    );
}

#[test]
fn plan_end_of_a_line_not_enrolled_is_refused() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.run(&["plan", "end", "--line", "dental", "--after", "2027-01"]).as_of("2026-11-01").rejected(&["dental"]);
    env.run(&["plan", "end", "--after", "2027-13"]).as_of("2026-11-01").rejected(&["2027-13"]);
}

// ----- a first month must still be payable (issue 6) -----

#[test]
fn a_first_month_already_due_is_refused_with_the_earliest_start() {
    let env = Env::new();
    env.add_account("smith", "2026-12-01");
    let set = |from: &str| env.run(&["plan", "set", "--from", from, "--premium", "500"]).as_of("2026-12-28");
    set("2027-01").rejected(&["the first month 2027-01 was due 2026-12-23", "the earliest start is 2027-02"]);
    set("2020-01").rejected(&["2020-01", "2019-12-23", "2027-02"]);
    env.run(&["plan", "set", "--reported-on", "2026-12-01", "--premium", "500"])
        .as_of("2026-12-28")
        .rejected(&["2027-01", "2027-02"]);
    set("2027-02").ok();
    assert_eq!(periods(&env, "2026-12-28").len(), 1);
}

#[test]
fn a_first_month_due_today_can_still_be_paid() {
    let env = Env::new();
    env.add_account("smith", "2026-12-23");
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "500"]).as_of("2026-12-23").ok();
    assert_eq!(env.run(&["balance"]).as_of("2026-12-23").ok(), "500.00\n");
}

#[test]
fn enrolling_again_after_a_termination_or_an_end_needs_a_first_month_not_yet_due() {
    // December paid, January missed: terminated back to December on 2027-01-24.
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,202,C1,portal"]);
    let set = |from: &str| env.run(&["plan", "set", "--from", from, "--premium", "202"]).as_of("2027-02-01");
    set("2027-02").rejected(&["the first month 2027-02 was due 2027-01-23", "the earliest start is 2027-03"]);
    set("2027-03").ok();

    // Ended after January: March is a new first month, due 2027-02-23.
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,404,C1,portal"]);
    env.run(&["plan", "end", "--after", "2027-01"]).as_of("2026-12-01").ok();
    let set = |from: &str| env.run(&["plan", "set", "--from", from, "--premium", "202"]).as_of("2027-03-01");
    set("2027-03").rejected(&["2027-03", "2027-02-23", "the earliest start is 2027-04"]);
    set("2027-04").ok();
}

#[test]
fn a_change_to_a_month_already_due_is_a_repricing_and_allowed() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,404,C1,portal"]);
    let out = env.run(&["plan", "set", "--from", "2026-12", "--premium", "180"]).as_of("2027-01-05").ok();
    assert!(out.contains("the bill for 2026-12 was already issued: it is re-priced"), "{out}");
    assert_eq!(env.json("2027-01-05", &["status"])["coverage_state"], "active");
}

#[test]
fn a_first_enrollment_is_not_a_repricing() {
    let env = Env::new();
    env.add_account("smith", "2026-12-15");
    // After January's statement day: the bill is issued now, not re-priced.
    let out = env.run(&["plan", "set", "--from", "2027-01", "--premium", "500"]).as_of("2026-12-15").ok();
    assert!(!out.contains("re-priced"), "{out}");
    let adjustments = |as_of: &str| {
        let rows = env.json(as_of, &["history"]);
        rows.as_array().unwrap().iter().filter(|r| r["kind"] == "adjustment").cloned().collect::<Vec<Value>>()
    };
    assert_eq!(adjustments("2026-12-15"), Vec::<Value>::new());

    // A change of that bill the next day is one.
    let out = env.run(&["plan", "set", "--from", "2027-01", "--premium", "450"]).as_of("2026-12-16").ok();
    assert!(out.contains("the bill for 2027-01 was already issued: it is re-priced"), "{out}");
    let found = adjustments("2026-12-16");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["amount"], "-50.00");
}
