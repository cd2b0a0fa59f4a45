//! The Health Connector's own examples, and the corners around them.

use super::*;
use crate::core::billing::{PeriodKind, Program, Rate};
use crate::core::dates::parse_date;

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

fn rate_period(id: i64, line: Line, from: &str, share: i64, program: Program) -> RatePeriod {
    RatePeriod {
        id,
        line,
        from: m(from),
        kind: PeriodKind::Rate(Rate {
            premium: Money::from_cents(share + if program.subsidized() { 30_000 } else { 0 }),
            aptc: Money::from_cents(if program.subsidized() { 30_000 } else { 0 }),
            slcsp: None,
            program,
            plan: None,
            carrier: None,
        }),
        recorded_on: d("2026-11-01"),
    }
}

fn pay(id: i64, on: &str, cents: i64) -> PaymentFacts {
    PaymentFacts {
        id,
        paid_on: d(on),
        amount: Money::from_cents(cents),
        line: None,
        reversed_on: None,
        refunds: vec![],
    }
}

fn at(periods: &[RatePeriod], payments: &[PaymentFacts], on: &str) -> Snapshot {
    evaluate(periods, payments, &Policy::default(), d(on))
}

fn health(s: &Snapshot) -> &LineStatus {
    s.lines.iter().find(|l| l.line == Line::Health).unwrap()
}

/// Enrolled from December 2026, December paid: January is the first month
/// that can be missed.
fn enrolled(program: Program) -> (Vec<RatePeriod>, Vec<PaymentFacts>) {
    (vec![rate_period(1, Line::Health, "2026-12", 10_000, program)], vec![pay(1, "2026-11-20", 10_000)])
}

#[test]
fn unsubsidized_january_missed_has_until_january_23_then_ends_december_31() {
    let (periods, payments) = enrolled(Program::Unsubsidized);
    let s = at(&periods, &payments, "2026-12-23");
    assert_eq!(health(&s).state, CoverageState::Active, "due today is not late yet");

    let s = at(&periods, &payments, "2026-12-24");
    let h = health(&s);
    assert_eq!(h.state, CoverageState::Grace);
    assert_eq!(h.grace_deadline, Some(d("2027-01-23")));
    assert_eq!(h.terminates_on, Some(d("2026-12-31")));
    // January and February (due January 23) cure it.
    assert_eq!(h.cure_amount, Some(Money::from_cents(20_000)));
    assert_eq!(s.past_due, Money::from_cents(10_000));
    assert!(s.needs_attention());

    let s = at(&periods, &payments, "2027-01-24");
    let h = health(&s);
    assert_eq!(h.state, CoverageState::Terminated);
    assert_eq!(h.terminates_on, Some(d("2026-12-31")));
    assert_eq!(h.paid_through, Some(m("2026-12")));
    assert_eq!(h.reinstate_by, Some(d("2027-02-27")));
    // Nothing covered is owed; every later bill is void.
    assert!(s.bills.iter().filter(|b| b.month >= m("2027-01")).all(|b| b.state == BillState::Void));
    assert_eq!(s.amount_due, Money::ZERO);
}

#[test]
fn subsidized_january_missed_has_until_march_23_else_ends_january_31() {
    let (periods, payments) = enrolled(Program::Aptc);
    let s = at(&periods, &payments, "2026-12-24");
    let h = health(&s);
    assert_eq!(h.state, CoverageState::Grace);
    assert_eq!(h.grace_deadline, Some(d("2027-03-23")));
    assert_eq!(h.terminates_on, Some(d("2027-01-31")));
    // Paying January to April cures it.
    assert_eq!(h.cure_amount, Some(Money::from_cents(40_000)));

    let s = at(&periods, &payments, "2027-03-23");
    assert_eq!(health(&s).state, CoverageState::Grace, "deadline day itself is still grace");

    let s = at(&periods, &payments, "2027-03-24");
    let h = health(&s);
    assert_eq!(h.state, CoverageState::Terminated);
    assert_eq!(h.terminates_on, Some(d("2027-01-31")));
    // January was covered and stays owed; February on is void.
    let jan = s.bills.iter().find(|b| b.month == m("2027-01")).unwrap();
    assert_eq!(jan.state, BillState::Open);
    assert!(s.bills.iter().filter(|b| b.month > m("2027-01")).all(|b| b.state == BillState::Void));
    assert_eq!(s.amount_due, Money::from_cents(10_000));
}

#[test]
fn paying_everything_past_due_ends_grace_and_later_payments_never_move_the_deadline() {
    let (periods, mut payments) = enrolled(Program::Aptc);
    payments.push(pay(2, "2027-01-30", 5_000));
    let s = at(&periods, &payments, "2027-02-01");
    assert_eq!(health(&s).grace_deadline, Some(d("2027-03-23")));
    payments.push(pay(3, "2027-02-02", 15_000));
    let s = at(&periods, &payments, "2027-02-03");
    assert_eq!(health(&s).state, CoverageState::Active);
    assert_eq!(s.past_due, Money::ZERO);
    assert_eq!(health(&s).paid_through, Some(m("2027-02")));
}

#[test]
fn grace_cured_on_the_deadline_day_keeps_coverage() {
    let (periods, mut payments) = enrolled(Program::Unsubsidized);
    payments.push(pay(2, "2027-01-23", 20_000));
    let s = at(&periods, &payments, "2027-02-01");
    assert_eq!(health(&s).state, CoverageState::Active);
}

#[test]
fn a_first_month_unpaid_by_its_due_date_never_takes_effect() {
    let periods = vec![rate_period(1, Line::Health, "2027-01", 10_000, Program::Unsubsidized)];
    let s = at(&periods, &[], "2026-12-15");
    assert_eq!(health(&s).state, CoverageState::Pending);
    assert_eq!(s.amount_due, Money::from_cents(10_000));
    assert_eq!(s.next_due_date, Some(d("2026-12-23")));

    let s = at(&periods, &[], "2026-12-24");
    assert_eq!(health(&s).state, CoverageState::NotEffective);
    assert_eq!(s.bills[0].state, BillState::Void);
    assert_eq!(s.amount_due, Money::ZERO);
    assert!(s.bills.iter().all(|b| b.state == BillState::Void));
    // A late payment becomes credit; it does not revive the enrollment.
    let s = at(&periods, &[pay(1, "2026-12-28", 10_000)], "2027-01-05");
    assert_eq!(health(&s).state, CoverageState::NotEffective);
    assert_eq!(s.credit, Money::from_cents(10_000));
}

#[test]
fn a_paid_binder_makes_the_line_active() {
    let periods = vec![rate_period(1, Line::Health, "2027-01", 10_000, Program::Unsubsidized)];
    let s = at(&periods, &[pay(1, "2026-12-20", 10_000)], "2026-12-21");
    assert_eq!(health(&s).state, CoverageState::Active);
    assert_eq!(health(&s).paid_through, Some(m("2027-01")));
}

#[test]
fn enrolling_again_after_a_termination_starts_a_new_first_month() {
    let (mut periods, payments) = enrolled(Program::Unsubsidized);
    let mut again = rate_period(2, Line::Health, "2027-04", 12_000, Program::Unsubsidized);
    again.recorded_on = d("2027-03-01");
    periods.push(again);
    let s = at(&periods, &payments, "2027-03-05");
    assert_eq!(health(&s).state, CoverageState::Pending);
    assert_eq!(s.next_due_date, Some(d("2027-03-23")));
    assert_eq!(s.next_due_amount, Some(Money::from_cents(12_000)));
}

#[test]
fn paying_the_reinstatement_amount_in_the_window_restores_coverage() {
    let (periods, mut payments) = enrolled(Program::Unsubsidized);
    let s = at(&periods, &payments, "2027-01-25");
    let h = health(&s);
    assert_eq!(h.state, CoverageState::Terminated);
    // January and February (due Jan 23, voided) plus March (due Feb 23, the next one).
    assert_eq!(h.reinstate_amount, Some(Money::from_cents(30_000)));
    payments.push(pay(2, "2027-01-26", 30_000));
    let s = at(&periods, &payments, "2027-01-27");
    let h = health(&s);
    assert_eq!(h.state, CoverageState::Active);
    assert_eq!(h.paid_through, Some(m("2027-03")));
    assert!(s.bills.iter().all(|b| b.state != BillState::Void));
}

#[test]
fn a_reversed_payment_reopens_its_bills() {
    let (periods, mut payments) = enrolled(Program::Aptc);
    let mut jan = pay(2, "2026-12-20", 10_000);
    jan.reversed_on = Some(d("2026-12-27"));
    payments.push(jan);
    assert_eq!(health(&at(&periods, &payments, "2026-12-26")).state, CoverageState::Active);
    let s = at(&periods, &payments, "2026-12-28");
    assert_eq!(health(&s).state, CoverageState::Grace);
    assert_eq!(health(&s).grace_deadline, Some(d("2027-03-23")));
}

#[test]
fn a_voluntary_end_stops_bills_and_ends_the_line() {
    let (mut periods, mut payments) = enrolled(Program::Unsubsidized);
    periods.push(RatePeriod {
        id: 2,
        line: Line::Health,
        from: m("2027-02"),
        kind: PeriodKind::End,
        recorded_on: d("2026-12-01"),
    });
    payments.push(pay(2, "2026-12-20", 10_000));
    let s = at(&periods, &payments, "2027-01-15");
    assert_eq!(health(&s).state, CoverageState::Active);
    let s = at(&periods, &payments, "2027-02-15");
    assert_eq!(health(&s).state, CoverageState::Ended);
    assert_eq!(s.bills.len(), 2);
    assert_eq!(s.next_due_date, None);
}

#[test]
fn money_is_shared_oldest_first_across_lines_with_credit_for_the_rest() {
    let periods = vec![
        rate_period(1, Line::Health, "2027-01", 10_000, Program::Aptc),
        rate_period(2, Line::Dental, "2027-01", 3_000, Program::Unsubsidized),
    ];
    let s = at(&periods, &[pay(1, "2026-12-20", 14_000)], "2026-12-21");
    assert_eq!(s.amount_due, Money::ZERO);
    assert_eq!(s.credit, Money::from_cents(1_000));
    // The credit counts toward February's bills.
    assert_eq!(s.next_due_date, Some(d("2027-01-23")));
    assert_eq!(s.next_due_amount, Some(Money::from_cents(12_000)));
    assert_eq!(s.coverage_state(), Some(CoverageState::Active));
}

#[test]
fn the_account_state_is_the_worst_line() {
    let periods = vec![
        rate_period(1, Line::Health, "2027-01", 10_000, Program::Aptc),
        rate_period(2, Line::Dental, "2027-01", 3_000, Program::Unsubsidized),
    ];
    // Only health paid: dental's binder fails.
    let s = at(&periods, &[PaymentFacts { line: Some(Line::Health), ..pay(1, "2026-12-20", 10_000) }], "2026-12-24");
    let dental = s.lines.iter().find(|l| l.line == Line::Dental).unwrap();
    assert_eq!(dental.state, CoverageState::NotEffective);
    assert_eq!(health(&s).state, CoverageState::Active);
    assert_eq!(s.coverage_state(), Some(CoverageState::NotEffective));
}

#[test]
fn a_long_lapse_is_a_mandate_risk() {
    let (periods, payments) = enrolled(Program::Unsubsidized);
    // Terminated back to Dec 31; by June, coverage could start in July at the earliest.
    let s = at(&periods, &payments, "2027-06-01");
    let risk = s.gap_risk.expect("gap risk");
    assert_eq!(risk.from, m("2027-01"));
    assert_eq!(risk.months, 6);
    assert!(at(&periods, &payments, "2027-01-24").gap_risk.is_none());
}

#[test]
fn a_rate_change_reprices_a_billed_month_and_overpaid_money_becomes_credit() {
    let mut periods = vec![rate_period(1, Line::Health, "2027-01", 10_000, Program::Unsubsidized)];
    let payments = vec![pay(1, "2026-12-20", 10_000)];
    let mut cheaper = rate_period(2, Line::Health, "2027-01", 8_000, Program::Unsubsidized);
    cheaper.recorded_on = d("2026-12-22");
    periods.push(cheaper);
    let s = at(&periods, &payments, "2026-12-22");
    assert_eq!(s.bills[0].amount, Money::from_cents(8_000));
    assert_eq!(s.credit, Money::from_cents(2_000));
}
