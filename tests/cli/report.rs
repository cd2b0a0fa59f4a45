//! `report year`: the tax year month by month.

use serde_json::Value;

use crate::common::Env;

/// A year worked by hand. Health from 2027-01 at $500.00 with $300.00 APTC
/// (a $200.00 share; SLCSP $520.00); from May the APTC is $350.00 (a $150.00
/// share). January to May are paid on time. June to August go unpaid: grace
/// from May 24 with its deadline on August 23 (subsidized: three months), so
/// coverage ends on June 30 (the first grace month stays covered) and July
/// on is void. On September 10, within the 35 days to reinstate, $750.00
/// pays June and the voided July to October: coverage is back with no gap.
/// November and December are paid on time.
fn hand_worked_year() -> Env {
    let env = Env::new();
    env.add_account("smith", "2026-11-01");
    env.run(&["plan", "set", "--from", "2027-01", "--premium", "500", "--aptc", "300", "--slcsp", "520"])
        .as_of("2026-11-01")
        .ok();
    env.import_payments(
        "2027-04-20",
        &[
            "smith,2026-12-20,200,C01,portal",
            "smith,2027-01-20,200,C02,portal",
            "smith,2027-02-20,200,C03,portal",
            "smith,2027-03-20,200,C04,portal",
        ],
    );
    env.run(&["plan", "set", "--from", "2027-05", "--premium", "500", "--aptc", "350", "--slcsp", "520"])
        .as_of("2027-04-05")
        .ok();
    let record = |amount: &str, on: &str, confirmation: &str| {
        env.run(&["pay", "--record", amount, "--paid-on", on, "--confirmation", confirmation]).as_of(on).ok();
    };
    record("150", "2027-04-20", "C05");
    record("750", "2027-09-10", "C06");
    record("150", "2027-10-20", "C07");
    record("150", "2027-11-20", "C08");
    env
}

fn rows(report: &Value) -> Vec<String> {
    report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| match &r[k] {
                Value::Null => "-".to_string(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            [
                s("month"),
                s("line"),
                s("gross_premium"),
                s("aptc"),
                s("slcsp"),
                s("member_share"),
                s("paid"),
                s("covered"),
            ]
            .join(" ")
        })
        .collect()
}

#[test]
fn the_hand_worked_year_after_it_ended() {
    let env = hand_worked_year();
    let report = env.run(&["report", "year", "2027", "--json"]).as_of("2028-02-01").json();
    let mut expected = Vec::new();
    for month in 1..=12 {
        let (aptc, share) = if month < 5 { ("300.00", "200.00") } else { ("350.00", "150.00") };
        expected.push(format!("2027-{month:02} health 500.00 {aptc} 520.00 {share} {share} true"));
    }
    assert_eq!(rows(&report), expected);

    let table = env.run(&["report", "year", "2027"]).as_of("2028-02-01").ok();
    let total = table.lines().find(|l| l.contains("total")).unwrap_or_else(|| panic!("no totals:\n{table}"));
    for figure in ["$6,000.00", "$4,000.00", "$6,240.00", "$2,000.00", "12 of 12 months"] {
        assert!(total.contains(figure), "totals lack {figure}: {total}");
    }
    let chart: Vec<&str> = table.lines().filter(|l| l.starts_with("2027-")).collect();
    assert_eq!(chart.len(), 12, "{table}");
    assert!(!chart.iter().any(|l| l.contains('✗')), "every month was covered:\n{table}");
    assert_eq!(chart[0], format!("2027-01  {}  $200.00 of $200.00", "█".repeat(24)));
    assert_eq!(chart[5], format!("2027-06  {}{}  $150.00 of $150.00", "█".repeat(18), " ".repeat(6)));
}

#[test]
fn during_the_lapse_the_voided_months_are_not_covered() {
    let env = hand_worked_year();
    // As of September 1: terminated on August 24 back to June 30; September's bill was issued (void).
    let report = env.run(&["report", "year", "--json"]).as_of("2027-09-01").json();
    let rows = rows(&report);
    assert_eq!(rows.len(), 9, "{rows:#?}");
    assert_eq!(rows[4], "2027-05 health 500.00 350.00 520.00 150.00 150.00 true");
    // June stays covered and owed; July on was never owed.
    assert_eq!(rows[5], "2027-06 health 500.00 350.00 520.00 150.00 0.00 true");
    for (i, month) in ["2027-07", "2027-08", "2027-09"].iter().enumerate() {
        assert_eq!(rows[6 + i], format!("{month} health 0.00 0.00 - 0.00 0.00 false"));
    }
    let table = env.run(&["report", "year"]).as_of("2027-09-01").ok();
    assert!(table.contains("6 of 9 months"), "{table}");
    assert!(table.contains(&format!("2027-06  {}{}  $0.00 of $150.00", "░".repeat(18), " ".repeat(6))), "{table}");
    assert!(table.contains("2027-07  ✗ not covered"), "{table}");
    let csv = env.run(&["report", "year", "--format", "csv"]).as_of("2027-09-01").ok();
    assert_eq!(csv.lines().next(), Some("month,line,gross_premium,aptc,slcsp,member_share,paid,covered"));
    assert_eq!(csv.lines().nth(7), Some("2027-07,health,0.00,0.00,,0.00,0.00,false"));
    assert_eq!(csv.lines().count(), 10, "no totals in CSV:\n{csv}");
}

#[test]
fn a_year_without_coverage_and_bad_years() {
    let env = hand_worked_year();
    let text = env.run(&["report", "year", "2025"]).as_of("2028-02-01").ok();
    assert!(text.contains("account smith has no coverage billed in 2025"), "{text}");
    assert_eq!(env.run(&["report", "year", "2025", "--json"]).as_of("2028-02-01").json(), serde_json::json!([]));
    for bad in ["27", "20277", "year", "0999", "-2027"] {
        env.run(&["report", "year", bad]).as_of("2028-02-01").rejected(&["year"]);
    }
    env.run(&["report", "year"]).account("nobody").as_of("2028-02-01").rejected(&["no account `nobody`"]);
}
