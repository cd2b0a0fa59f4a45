//! `bills`: invoices as of the clock, as a table, JSON and CSV.

use crate::common::{amount, assert_has_keys, bill_rows, Env};

/// smith: health $202.00 a month from 2026-12, December and January paid.
fn household() -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "612", "410");
    env.import_payments("2026-11-20", &["smith,2026-11-20,404,C1,portal"]);
    env
}

#[test]
fn bills_json_has_the_documented_fields() {
    let env = household();
    let bills = env.json("2027-01-15", &["bills"]);
    let rows = bills.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{bills:#}");
    for row in rows {
        assert_has_keys(
            row,
            &["line", "coverage_month", "statement_date", "due_date", "amount", "paid", "open", "state"],
        );
        for key in ["amount", "paid", "open"] {
            amount(&row[key]);
        }
    }
    let feb = &rows[2];
    assert_eq!(feb["line"], "health");
    assert_eq!(feb["coverage_month"], "2027-02");
    assert_eq!(feb["statement_date"], "2027-01-10");
    assert_eq!(feb["due_date"], "2027-01-23");
    assert_eq!(feb["amount"], "202.00");
    assert_eq!(feb["paid"], "0.00");
    assert_eq!(feb["open"], "202.00");
    assert_eq!(feb["state"], "open");
    assert_eq!(rows[0]["state"], "paid");
    assert_eq!(rows[0]["paid"], "202.00");
    assert_eq!(rows[0]["open"], "0.00");
}

#[test]
fn a_part_payment_leaves_a_partial_bill() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-20", &["smith,2026-11-20,252.50,C1,portal"]);
    let bills = env.json("2026-12-15", &["bills"]);
    assert_eq!(bills[1]["state"], "partial");
    assert_eq!(bills[1]["paid"], "50.50");
    assert_eq!(bills[1]["open"], "151.50");
}

#[test]
fn bills_open_lists_only_what_is_left_to_pay() {
    let env = household();
    let open = bill_rows(&env.json("2027-01-15", &["bills", "--open"]));
    assert_eq!(open, [("2027-02".into(), "health".into(), "open".into(), "202.00".into())]);
    let none = env.run(&["bills", "--open"]).as_of("2026-12-15").ok();
    assert!(none.contains("nothing open"), "{none}");
}

#[test]
fn bills_as_csv_have_a_header_and_plain_amounts() {
    let env = household();
    let csv = env.run(&["bills", "--format", "csv"]).as_of("2027-01-15").ok();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for column in ["line", "coverage_month", "statement_date", "due_date", "amount", "paid", "open", "state"] {
        assert!(header.contains(&column), "no {column} in {header:?}");
    }
    let feb: Vec<&str> = lines.nth(2).unwrap().split(',').collect();
    let at = |name: &str| feb[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(at("coverage_month"), "2027-02");
    assert_eq!(at("amount"), "202.00");
    assert_eq!(at("state"), "open");
}

#[test]
fn the_table_shows_dollars() {
    let env = household();
    let table = env.run(&["bills"]).as_of("2027-01-15").ok();
    assert!(table.contains("$202.00"), "{table}");
    assert!(table.contains("2027-01-23"), "{table}");
}

#[test]
fn reading_commands_show_bills_as_of_the_clock_with_nothing_run_between() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.import_payments("2026-11-01", &["smith,2026-11-01,1010,C1,portal"]);

    let months = |as_of: &str| -> Vec<String> {
        bill_rows(&env.json(as_of, &["bills"])).into_iter().map(|(month, ..)| month).collect()
    };
    assert_eq!(months("2027-03-15"), ["2026-12", "2027-01", "2027-02", "2027-03", "2027-04"]);
    // Looking ahead stored nothing: an earlier clock sees fewer bills again.
    assert_eq!(months("2026-12-15"), ["2026-12", "2027-01"]);
    // The first bill is issued when the enrollment is recorded, the next on the statement day.
    assert_eq!(months("2026-11-01"), ["2026-12"]);
    assert_eq!(months("2026-12-09"), ["2026-12"]);
    assert_eq!(months("2026-12-10"), ["2026-12", "2027-01"]);
    let status = env.json("2027-03-15", &["status"]);
    assert_eq!(status["coverage_state"], "active");
    assert_eq!(status["credit"], "0.00");
}

#[test]
fn no_bills_yet_is_said_in_words_and_is_an_empty_list() {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    let text = env.run(&["bills"]).as_of("2026-11-01").ok();
    assert!(text.contains("no bills"), "{text}");
    assert_eq!(env.json("2026-11-01", &["bills"]), serde_json::json!([]));
}

#[test]
fn a_first_month_is_billed_when_enrolled_or_on_its_statement_day_if_earlier() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    let bills = env.json("2026-11-01", &["bills"]);
    assert_eq!(bills[0]["statement_date"], "2026-11-01");
    assert_eq!(bills[0]["due_date"], "2026-11-23");
    assert_eq!(env.run(&["balance"]).as_of("2026-11-01").ok(), "202.00\n");

    env.enroll("jones", "2026-11-15", "2026-12", "202", "0");
    let bills = env.run(&["bills", "--json"]).account("jones").as_of("2026-11-15").json();
    assert_eq!(bills[0]["statement_date"], "2026-11-10");
}
