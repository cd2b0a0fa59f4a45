//! `alerts [list] [--all]` and `alerts ack`: raised once per cause by the
//! commands and the scheduler, delivered on stdout by `scheduler run`.

use crate::autopay::enable;
use crate::common::{add_card, assert_has_keys, household, Env, VISA};
use crate::scheduler::run;

#[test]
fn coverage_alerts_are_raised_once_the_day_after_a_due_date_and_delivered_once() {
    // smith's January bill, due 2026-12-23, is not paid.
    let env = household();
    assert_eq!(run(&env, "2026-12-20").stdout, "", "nothing to say");
    let soon = run(&env, "2026-12-23");
    assert!(!soon.stdout.contains("past_due"), "due today is not late yet: {soon}");
    assert!(soon.stdout.contains("due_soon: smith: $232.00 for 2027-01 is due 2026-12-23 (in 2 days)"), "{soon}");
    let out = run(&env, "2026-12-24");
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stdout.contains(
            "past_due: smith: $232.00 for 2027-01 was due 2026-12-23 and is unpaid; pay it now: hcpay --account smith pay 232.00"
        ),
        "{out}"
    );
    assert!(out.stdout.contains("grace_started: smith: health coverage is in its grace period"), "{out}");
    assert!(out.stdout.contains("grace_started: smith: dental coverage"), "{out}");
    let alerts = env.json("2026-12-24", &["alerts"]);
    assert_eq!(alerts.as_array().unwrap().len(), 4, "{alerts:#}");
    for alert in alerts.as_array().unwrap() {
        assert_has_keys(alert, &["id", "account", "kind", "created", "message", "acked", "deliveries"]);
        let created = if alert["kind"] == "due_soon" { "2026-12-21" } else { "2026-12-24" };
        assert_eq!(alert["created"], created);
        assert_eq!(alert["acked"], false);
        assert_eq!(alert["deliveries"][0]["state"], "delivered");
        assert_eq!(alert["deliveries"][0]["attempts"], 1);
    }
    // Once per cause: a month later dental is terminated, the rest is not raised again.
    let later = run(&env, "2027-01-24");
    assert!(later.stdout.contains("coverage_terminated: smith: dental coverage was terminated"), "{later}");
    assert!(!later.stdout.contains("past_due: smith: $232.00 for 2027-01"), "{later}");
}

#[test]
fn acknowledged_alerts_leave_the_list() {
    let env = household();
    run(&env, "2026-12-24");
    let alerts = env.json("2026-12-24", &["alerts", "list"]);
    let id = alerts[0]["id"].to_string();
    let text = env.run(&["alerts", "ack", &id]).as_of("2026-12-25").ok();
    assert!(text.contains(&format!("acknowledged alert {id}")), "{text}");
    assert_eq!(env.json("2026-12-25", &["alerts"]).as_array().unwrap().len(), 2);
    let all = env.json("2026-12-25", &["alerts", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all.as_array().unwrap().iter().filter(|a| a["acked"] == true).count(), 1);
    let again = env.run(&["alerts", "ack", &id]).as_of("2026-12-25").ok();
    assert!(again.contains("already"), "{again}");
    env.run(&["alerts", "ack", "999"]).as_of("2026-12-25").rejected(&["no alert 999"]);
    env.run(&["alerts", "ack"]).as_of("2026-12-25").rejected(&["ID"]);
    let text = env.run(&["alerts", "ack", "--all"]).as_of("2026-12-25").ok();
    assert!(text.contains("acknowledged 2 alerts"), "{text}");
    assert_eq!(env.run(&["alerts"]).as_of("2026-12-25").ok().trim(), "no open alerts");
    // CSV, as for any list.
    let csv = env.run(&["alerts", "--all", "--format", "csv"]).as_of("2026-12-25").ok();
    assert!(csv.starts_with("id,account,kind,created,message,acked,deliveries\n"), "{csv}");
}

#[test]
fn alerts_of_one_account_with_account() {
    let env = household();
    env.enroll("jones", "2026-11-01", "2027-01", "300", "0");
    env.run(&["pay", "--record", "300", "--paid-on", "2026-12-01", "--confirmation", "J1"])
        .account("jones")
        .as_of("2026-12-01")
        .ok();
    run(&env, "2026-12-24");
    let all = env.json("2026-12-24", &["alerts"]);
    let accounts: Vec<&str> = all.as_array().unwrap().iter().map(|a| a["account"].as_str().unwrap()).collect();
    assert!(accounts.contains(&"smith") && !accounts.contains(&"jones"), "{all:#}");
    let jones = env.run(&["alerts", "--json"]).account("jones").as_of("2026-12-24").json();
    assert_eq!(jones.as_array().unwrap().len(), 0);
    let smith = env.run(&["alerts", "--json"]).account("smith").as_of("2026-12-24").json();
    assert_eq!(smith.as_array().unwrap().len(), 3);
}

/// `alerts --all --json` of `kind`, oldest first: (created, cause-free message).
fn of_kind(env: &Env, as_of: &str, kind: &str) -> Vec<(String, String)> {
    let all = env.json(as_of, &["alerts", "--all"]);
    let mut rows: Vec<(String, String)> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == kind)
        .map(|a| (a["created"].as_str().unwrap().to_string(), a["message"].as_str().unwrap().to_string()))
        .collect();
    rows.reverse();
    rows
}

/// The household with January recorded as paid (portal, 2026-12-20), and a
/// first run on 2027-01-15: February ($232.00) is due 2027-01-23.
fn january_paid() -> Env {
    let env = household();
    env.import_payments("2026-12-20", &["smith,2026-12-20,232,JAN,portal"]);
    assert_eq!(run(&env, "2027-01-15").code, 0);
    env
}

#[test]
fn due_soon_comes_7_and_2_days_before_a_due_date_once_each() {
    let env = january_paid();
    assert_eq!(run(&env, "2027-01-15").stdout, "", "nothing more on the same day");
    let out = run(&env, "2027-01-16");
    let expected = "due_soon: smith: $232.00 for 2027-02 is due 2027-01-23 (in 7 days) and autopay is off: pay it by then: hcpay --account smith pay 232.00";
    assert!(out.stdout.contains(expected), "{out}");
    assert_eq!(run(&env, "2027-01-16").stdout, "", "once per cause");
    assert_eq!(run(&env, "2027-01-20").stdout, "");
    let out = run(&env, "2027-01-21");
    assert!(out.stdout.contains("for 2027-02 is due 2027-01-23 (in 2 days)"), "{out}");
    assert_eq!(run(&env, "2027-01-23").stdout, "", "the day of: nothing new");
    let rows = of_kind(&env, "2027-01-23", "due_soon");
    assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["2027-01-16", "2027-01-21"]);
}

#[test]
fn a_catch_up_raises_each_reminder_on_its_day_and_none_for_a_bill_paid_meanwhile() {
    let env = january_paid();
    run(&env, "2027-01-22");
    let rows = of_kind(&env, "2027-01-22", "due_soon");
    assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["2027-01-16", "2027-01-21"], "{rows:?}");

    // February paid on the 17th, before the run that catches the 16th up: no reminder.
    let paid = january_paid();
    paid.import_payments("2027-01-17", &["smith,2027-01-17,232,FEB,portal"]);
    run(&paid, "2027-01-22");
    assert_eq!(of_kind(&paid, "2027-01-22", "due_soon"), []);
}

#[test]
fn no_reminder_for_a_bill_autopay_drafts_but_one_when_its_fixed_amount_is_short() {
    let env = household();
    env.import_payments("2026-12-20", &["smith,2026-12-20,232,JAN,portal"]);
    let card = add_card(&env, VISA).to_string();
    enable(&env, "2027-01-02", &["--method", &card]);
    run(&env, "2027-01-22");
    assert_eq!(of_kind(&env, "2027-01-22", "due_soon"), []);

    let short = household();
    short.import_payments("2026-12-20", &["smith,2026-12-20,232,JAN,portal"]);
    let card = add_card(&short, VISA).to_string();
    enable(&short, "2027-01-02", &["--method", &card, "--amount", "200"]);
    run(&short, "2027-01-16");
    let rows = of_kind(&short, "2027-01-16", "due_soon");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].1.contains("$232.00 for 2027-02 is due 2027-01-23 (in 7 days) and autopay drafts only $200.00"));
}

#[test]
fn grace_ending_comes_7_days_before_the_deadline_with_the_cure_amount() {
    // January unpaid: dental (unsubsidized) has one month of grace, until 2027-01-23.
    let env = household();
    run(&env, "2026-12-24");
    assert_eq!(of_kind(&env, "2027-01-15", "grace_ending"), []);
    run(&env, "2027-01-15");
    assert_eq!(of_kind(&env, "2027-01-15", "grace_ending"), []);
    let out = run(&env, "2027-01-16");
    assert!(
        out.stdout.contains("grace_ending: smith: the grace period of dental coverage ends 2027-01-23: pay $"),
        "{out}"
    );
    assert!(
        out.stdout.contains(
            "by 2027-01-23 to keep coverage, or it ends retroactively on 2026-12-31: hcpay --account smith pay "
        ),
        "{out}"
    );
    run(&env, "2027-01-17");
    assert_eq!(of_kind(&env, "2027-01-17", "grace_ending").len(), 1);
    // Termination the day after the deadline says how to reinstate, and by when.
    let out = run(&env, "2027-01-24");
    assert!(out.stdout.contains("coverage_terminated: smith: dental coverage was terminated for non-payment as of 2026-12-31; to reinstate it with no gap, pay $"), "{out}");
    assert!(out.stdout.contains("by 2027-02-27: hcpay --account smith pay "), "{out}");
}

#[test]
fn a_lapse_longer_than_the_mandate_gap_raises_gap_risk_once() {
    // January unpaid: health (subsidized) is terminated back to 2027-01-31
    // after its grace; from 2027-04-24 it could start again in June at the
    // earliest: four months without coverage, more than the mandate's three.
    let env = household();
    run(&env, "2027-04-23");
    assert_eq!(of_kind(&env, "2027-04-23", "gap_risk"), []);
    run(&env, "2027-04-24");
    run(&env, "2027-06-30");
    let rows = of_kind(&env, "2027-06-30", "gap_risk");
    assert_eq!(
        rows,
        [(
            "2027-04-24".to_string(),
            "smith: health coverage lapses from 2027-02: 4 months without coverage before it could start again, more than the mandate's 3-month gap (a tax penalty risk); enroll again as soon as you can (open enrollment or a special enrollment period) and record it: hcpay --account smith plan set --line health --from 2027-06 --premium AMOUNT".to_string()
        )]
    );
    // The same words as status's warning, from one rule.
    let text = env.run(&["status"]).as_of("2027-04-24").ok();
    assert!(text.contains("health coverage lapses from 2027-02: 4 months without coverage before it could start again, more than the mandate's 3-month gap (a tax penalty risk)"), "{text}");
}

#[test]
fn a_card_autopay_drafts_is_told_about_card_expiry_days_before_it_expires() {
    let env = household();
    let card = crate::common::card_added(&env, "2026-11-01", VISA, "02/27")["id"].as_i64().unwrap().to_string();
    enable(&env, "2026-12-01", &["--method", &card]);
    run(&env, "2027-01-28");
    assert_eq!(of_kind(&env, "2027-01-28", "method_expiring"), []);
    run(&env, "2027-01-29");
    let rows = of_kind(&env, "2027-01-29", "method_expiring");
    assert_eq!(
        rows,
        [(
            "2027-01-29".to_string(),
            format!("smith: Visa ending 4242 (method {card}) expires 2027-02-28, before autopay's draft on 2027-03-22: give its new expiry (hcpay --account smith method update {card} --exp MM/YY), or add another card and point autopay at it")
        )]
    );
    run(&env, "2027-02-27");
    assert_eq!(of_kind(&env, "2027-02-27", "method_expiring").len(), 1);
}

#[test]
fn a_card_autopay_takes_up_after_the_schedulers_day_is_told_about_at_once() {
    // Good through 2027-02-28: the scheduler's day to say so was 2027-01-29;
    // autopay enabled on 2027-02-01 hears it from `autopay enable`, once.
    let env = household();
    let card = crate::common::card_added(&env, "2026-11-01", VISA, "02/27")["id"].as_i64().unwrap().to_string();
    env.run(&["pay", "--yes"]).as_of("2027-02-01").ok();
    enable(&env, "2027-02-01", &["--method", &card]);
    let rows = of_kind(&env, "2027-02-01", "method_expiring");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].0, "2027-02-01");
    assert!(rows[0].1.contains("expires 2027-02-28, before autopay's draft on 2027-03-22"), "{rows:#?}");
    run(&env, "2027-02-27");
    assert_eq!(of_kind(&env, "2027-02-27", "method_expiring").len(), 1);
    // A card good for long is not mentioned.
    let env = household();
    let card = crate::common::card_added(&env, "2026-11-01", VISA, "12/30")["id"].as_i64().unwrap().to_string();
    enable(&env, "2026-12-01", &["--method", &card]);
    assert_eq!(of_kind(&env, "2026-12-01", "method_expiring"), []);
}

#[test]
fn every_change_to_a_method_raises_a_security_notice_with_no_secret() {
    let env = household();
    let visa = add_card(&env, VISA).to_string();
    let other = add_card(&env, crate::common::MASTERCARD).to_string();
    env.run(&["method", "update", &other, "--nickname", "spare"]).as_of("2026-11-02").ok();
    env.run(&["method", "default", &other]).as_of("2026-11-02").ok();
    env.run(&["method", "remove", &visa]).as_of("2026-11-03").ok();
    let rows = of_kind(&env, "2026-11-03", "method_changed");
    let said: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(said.len(), 5, "{said:#?}");
    assert_eq!(
        said[0],
        format!("smith: security notice: Visa ending 4242 (method {visa}) was added on 2026-11-01; if this was not you, remove it: hcpay --account smith method remove {visa}")
    );
    assert!(said[2].contains(&format!("(method {other}) was changed on 2026-11-02")), "{said:#?}");
    assert!(said[3].contains("is now the default payment method"), "{said:#?}");
    assert!(said[4].contains("was removed on 2026-11-03; if this was not you, check your methods"), "{said:#?}");
    let all = env.json("2026-11-03", &["alerts", "--all"]).to_string();
    assert!(!all.contains(VISA) && !all.contains(crate::common::MASTERCARD), "a full number in an alert");
    // Queued by the commands, delivered by the run.
    let out = run(&env, "2026-11-03");
    assert_eq!(out.stdout.matches("method_changed: ").count(), 5, "{out}");
}

#[test]
fn a_one_time_payment_raises_its_receipt_or_its_decline() {
    let env = household();
    let visa = add_card(&env, VISA).to_string();
    let declined = add_card(&env, crate::common::DECLINED).to_string();
    let failed = env.run(&["pay", "--yes", "--method", &declined, "--json"]).as_of("2027-01-15").code(3);
    let failed: serde_json::Value = serde_json::from_str(&failed.stdout).unwrap();
    let paid = env.run(&["pay", "--yes", "--method", &visa, "--json"]).as_of("2027-01-15").json();
    let rows = of_kind(&env, "2027-01-15", "payment_failed");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].1.contains(&format!("payment {} of $464.00 from Visa ending 0002 was declined (card_declined) on 2027-01-15: nothing was paid; pay with Visa ending 4242: hcpay --account smith pay 464.00 --method {visa}", failed["id"])), "{rows:?}");
    let rows = of_kind(&env, "2027-01-15", "payment_succeeded");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].1.starts_with(&format!(
            "smith: receipt: payment {} of $464.00 from Visa ending 4242 went through on 2027-01-15",
            paid["id"]
        )),
        "{rows:?}"
    );
    assert!(
        rows[0].1.ends_with(&format!("the full receipt: hcpay --account smith receipt {}", paid["id"])),
        "{rows:?}"
    );
    // The same key again is the same answer: no second receipt.
    env.run(&["pay", "--yes", "--method", &visa, "--idempotency-key", "k1", "5"]).as_of("2027-01-16").code(0);
    env.run(&["pay", "--yes", "--method", &visa, "--idempotency-key", "k1", "5"]).as_of("2027-01-16").code(0);
    assert_eq!(of_kind(&env, "2027-01-16", "payment_succeeded").len(), 2);
}

#[test]
fn renewal_review_comes_on_october_first_for_enrolled_accounts_once() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    enable(&env, "2026-12-01", &["--method", &card]);
    run(&env, "2027-09-30");
    assert_eq!(of_kind(&env, "2027-09-30", "renewal_review"), []);
    let out = run(&env, "2027-10-01");
    assert!(out.stdout.contains("renewal_review: smith: open enrollment for 2028 starts 2027-11-01: review your plan, premium and subsidy for 2028 with the exchange, then record the new rates: hcpay --account smith plan set --from 2028-01 --premium AMOUNT --aptc AMOUNT"), "{out}");
    run(&env, "2027-10-02");
    assert_eq!(of_kind(&env, "2027-10-02", "renewal_review").len(), 1);
    // Terminated since the spring: nothing to renew.
    let lapsed = household();
    run(&lapsed, "2027-10-02");
    assert_eq!(of_kind(&lapsed, "2027-10-02", "renewal_review"), []);
}

/// A year of `scheduler run`s over the household, every `every` days (and
/// on the day before each thing the member does): autopay from a card, a
/// month drafted from a card short of funds (the fallback pays), a month
/// drafted from a bank account that returns it (the fallback pays), then
/// a fallback card that expires, then autopay turned off and nothing
/// paid: grace, termination, the gap.
/// Gives the alerts raised, counted per kind.
fn a_year(every: u64) -> std::collections::BTreeMap<String, usize> {
    use chrono::{Days, NaiveDate};
    let env = household();
    let visa = add_card(&env, VISA).to_string();
    let low = add_card(&env, crate::common::INSUFFICIENT).to_string();
    let bank = crate::common::add_bank(&env, "000222222227", true).to_string();
    let spare = crate::common::card_added(&env, "2026-11-01", crate::common::MASTERCARD, "06/27")["id"].to_string();
    let steps: Vec<(&str, Vec<&str>)> = vec![
        ("2026-12-01", vec!["autopay", "enable", "--method", &visa]),
        ("2027-02-20", vec!["autopay", "enable", "--method", &low, "--fallback", &visa]),
        ("2027-02-24", vec!["autopay", "enable", "--method", &visa]),
        ("2027-04-20", vec!["autopay", "enable", "--method", &bank, "--fallback", &visa]),
        ("2027-04-28", vec!["autopay", "enable", "--method", &visa, "--fallback", &spare]),
        ("2027-07-01", vec!["autopay", "disable"]),
    ];
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let (start, end) = (date("2026-12-01"), date("2027-11-30"));
    let mut ran = None;
    let run_to = |day: NaiveDate, ran: &mut Option<NaiveDate>| {
        if ran.is_none_or(|r| r < day) {
            let out = run(&env, &day.to_string());
            assert!(matches!(out.code, 0 | 3), "{out}");
            *ran = Some(day);
        }
    };
    for day in start.iter_days().take_while(|d| *d <= end) {
        for (_, args) in steps.iter().filter(|(on, _)| date(on) == day) {
            if day > start {
                run_to(day - Days::new(1), &mut ran);
            }
            env.run(args).as_of(&day.to_string()).ok();
        }
        if ((day - start).num_days() as u64).is_multiple_of(every) || day == end {
            run_to(day, &mut ran);
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for alert in env.json("2027-11-30", &["alerts", "--all"]).as_array().unwrap() {
        *counts.entry(alert["kind"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn a_year_of_runs_raises_each_alert_once_daily_or_with_days_skipped() {
    let expected = [
        // Four methods added; five enables (visa, low, visa, bank, visa) and the disable.
        ("method_changed", 4),
        ("autopay_enabled", 5),
        ("autopay_disabled", 1),
        // Statement days from 2026-12-10 to 2027-06-10: January to July drafted.
        ("autopay_scheduled", 7),
        // Seven months drafted, March by the fallback after the decline, May
        // by the fallback after the bank's return.
        ("payment_succeeded", 8),
        ("payment_failed", 1),
        ("payment_returned", 1),
        // The fallback card, good through 2027-06-30, told on 2027-05-31.
        ("method_expiring", 1),
        // Autopay off: August to November's bills, 7 and 2 days before each.
        ("due_soon", 8),
        // August, September, October (before health's termination voids the months from September).
        ("past_due", 3),
        ("grace_started", 2),
        ("grace_ending", 2),
        ("coverage_terminated", 2),
        ("gap_risk", 1),
        // Health still in its grace on 2027-10-01.
        ("renewal_review", 1),
    ];
    let expected: std::collections::BTreeMap<String, usize> =
        expected.iter().map(|(kind, n)| (kind.to_string(), *n)).collect();
    assert_eq!(a_year(1), expected, "daily");
    assert_eq!(a_year(9), expected, "days skipped");
}
