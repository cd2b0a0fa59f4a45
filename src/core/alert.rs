//! Alerts (DESIGN §7): their kinds, and the ones an account's coverage
//! calls for on a day. Each is raised once per cause: the cause is a key
//! that names what happened (`past_due:smith:2027-02`), unique in the ledger.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use super::billing::{plan_bills, Line, RatePeriod};
use super::coverage::{BillState, CoverageState, Snapshot};
use super::dates::Month;
use super::money::Money;
use super::policy::Policy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AlertKind {
    DueSoon,
    PremiumChanged,
    AutopayScheduled,
    AutopayEnabled,
    AutopayDisabled,
    PaymentSucceeded,
    PaymentFailed,
    PaymentReturned,
    PastDue,
    GraceStarted,
    GraceEnding,
    CoverageTerminated,
    GapRisk,
    MethodExpiring,
    MethodChanged,
    RenewalReview,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// An alert to raise: raising one whose cause is already in the ledger does nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAlert {
    pub kind: AlertKind,
    pub cause: String,
    pub message: String,
}

impl NewAlert {
    /// An alert whose cause is its kind followed by `parts`, joined by `:`.
    pub fn new(kind: AlertKind, parts: &[&dyn std::fmt::Display], message: String) -> NewAlert {
        let mut cause = kind.as_str().to_string();
        for part in parts {
            cause.push(':');
            cause.push_str(&part.to_string());
        }
        NewAlert { kind, cause, message }
    }
}

/// What the coverage of `account` calls for as of `snap.as_of`: a bill
/// unpaid after its due date, a line that entered grace, a line terminated.
pub fn coverage_alerts(account: &str, snap: &Snapshot) -> Vec<NewAlert> {
    let mut alerts = Vec::new();
    let mut months: Vec<Month> = snap
        .bills
        .iter()
        .filter(|b| b.state != BillState::Void && b.open.is_positive() && b.due_date < snap.as_of)
        .map(|b| b.month)
        .collect();
    months.dedup();
    for month in months {
        let bills = snap.bills.iter().filter(|b| b.month == month && b.state != BillState::Void);
        let (open, due) = bills.fold((Money::ZERO, None), |(open, _), b| (open + b.open, Some(b.due_date)));
        let due = due.expect("a month with an open bill");
        alerts.push(NewAlert::new(
            AlertKind::PastDue,
            &[&account, &month],
            format!("{account}: {} for {month} was due {due} and is unpaid", open.dollars()),
        ));
    }
    for line in &snap.lines {
        match line.state {
            CoverageState::Grace => {
                let deadline = line.grace_deadline.expect("a line in grace has a deadline");
                alerts.push(NewAlert::new(
                    AlertKind::GraceStarted,
                    &[&account, &line.line, &deadline],
                    format!(
                        "{account}: {} coverage is in its grace period: pay {} by {deadline} or it ends on {}",
                        line.line,
                        line.cure_amount.unwrap_or_default().dollars(),
                        line.terminates_on.map_or_else(|| "-".into(), |d| d.to_string())
                    ),
                ));
            }
            CoverageState::Terminated => {
                let on = line.terminates_on.expect("a terminated line has its date");
                let reinstate = match (line.reinstate_by, line.reinstate_amount) {
                    (Some(by), Some(amount)) => format!("; pay {} by {by} to reinstate it", amount.dollars()),
                    _ => String::new(),
                };
                alerts.push(NewAlert::new(
                    AlertKind::CoverageTerminated,
                    &[&account, &line.line, &on],
                    format!("{account}: {} coverage was terminated for non-payment as of {on}{reinstate}", line.line),
                ));
            }
            _ => {}
        }
    }
    alerts
}

/// Whether an account's coverage surely calls for nothing on `day`: the
/// money that counts (`paid`, none of it tied to a line, returned or
/// refunded) covers every bill due before the day, so, paid oldest first,
/// none is late. A quick look that spares the replay for most accounts;
/// anything else is replayed.
pub fn nothing_late(periods: &[RatePeriod], policy: &Policy, day: NaiveDate, paid: Money) -> bool {
    let billed: Money = Line::ALL
        .iter()
        .flat_map(|&line| plan_bills(periods, line, policy, Month::of(day).next()))
        .filter(|b| b.due_date < day)
        .map(|b| b.amount)
        .sum();
    paid >= billed
}

/// Whether `day` is one on which coverage can move for everyone: the day
/// after a due date (a bill becomes past due, a grace starts or ends).
pub fn coverage_day(day: NaiveDate, due_day: u32) -> bool {
    use chrono::Datelike;
    (day - Days::new(1)).day() == due_day
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::billing::{Line, Program};
    use crate::core::coverage::evaluate;
    use crate::core::policy::Policy;
    use crate::core::testing::{d, paid, priced};

    fn snap(on: &str) -> Snapshot {
        let period = priced(1, Line::Health, "2027-01", 20_000, 0, Program::Unsubsidized);
        evaluate(&[period], &[paid(1, "2026-12-01", 20_000)], &Policy::default(), d(on))
    }

    #[test]
    fn kinds_round_trip() {
        for name in AlertKind::VARIANTS {
            assert_eq!(name.parse::<AlertKind>().unwrap().as_str(), *name);
        }
    }

    #[test]
    fn a_bill_unpaid_after_its_due_date_is_past_due_and_starts_grace() {
        // February is due 2027-01-23: the day of, nothing; the day after, both.
        assert_eq!(coverage_alerts("smith", &snap("2027-01-23")), vec![]);
        let alerts = coverage_alerts("smith", &snap("2027-01-24"));
        let causes: Vec<&str> = alerts.iter().map(|a| a.cause.as_str()).collect();
        assert_eq!(causes, ["past_due:smith:2027-02", "grace_started:smith:health:2027-02-23"]);
        assert!(alerts[0].message.contains("$200.00 for 2027-02 was due 2027-01-23"), "{}", alerts[0].message);
    }

    #[test]
    fn a_grace_deadline_passed_terminates() {
        // Unsubsidized: one month of grace, until February's due day; the
        // day after, coverage ends as of the last month paid.
        assert!(coverage_alerts("smith", &snap("2027-02-23")).iter().all(|a| a.kind != AlertKind::CoverageTerminated));
        let alerts = coverage_alerts("smith", &snap("2027-02-24"));
        let kinds: Vec<AlertKind> = alerts.iter().map(|a| a.kind).collect();
        assert!(kinds.contains(&AlertKind::CoverageTerminated), "{alerts:#?}");
        let terminated = alerts.iter().find(|a| a.kind == AlertKind::CoverageTerminated).unwrap();
        assert_eq!(terminated.cause, "coverage_terminated:smith:health:2027-01-31");
    }

    #[test]
    fn nothing_is_late_while_the_money_covers_every_bill_due_before_the_day() {
        let period = priced(1, Line::Health, "2027-01", 20_000, 0, Program::Unsubsidized);
        let p = Policy::default();
        let periods = [period];
        // January is due 2026-12-23, February 2027-01-23.
        assert!(nothing_late(&periods, &p, d("2027-01-23"), Money::from_cents(20_000)), "the day of");
        assert!(!nothing_late(&periods, &p, d("2027-01-24"), Money::from_cents(20_000)), "the day after");
        assert!(nothing_late(&periods, &p, d("2027-01-24"), Money::from_cents(40_000)));
        // The replay agrees: with January and February paid nothing is raised.
        assert!(coverage_alerts("smith", &snap("2027-01-24")).iter().any(|a| a.kind == AlertKind::PastDue));
    }

    #[test]
    fn coverage_moves_the_day_after_a_due_date() {
        assert!(!coverage_day(d("2027-01-23"), 23));
        assert!(coverage_day(d("2027-01-24"), 23));
        assert!(!coverage_day(d("2027-01-25"), 23));
        assert!(coverage_day(d("2027-03-01"), 28));
    }
}
