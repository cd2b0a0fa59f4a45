//! Lines, rate periods and the bill schedule they produce.

use chrono::NaiveDate;
use serde::Serialize;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use super::dates::Month;
use super::money::Money;
use super::policy::Policy;

/// A billed coverage. Health sorts before dental, so it is paid first within a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[derive(Display, EnumString, IntoStaticStr, VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum Line {
    Health,
    Dental,
}

impl Line {
    pub const ALL: [Line; 2] = [Line::Health, Line::Dental];

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Program {
    Connectorcare,
    Aptc,
    Unsubsidized,
}

impl Program {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Subsidized programs get the longer grace period.
    pub fn subsidized(self) -> bool {
        !matches!(self, Program::Unsubsidized)
    }
}

/// What one line costs per month from a rate period on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    pub premium: Money,
    pub aptc: Money,
    pub slcsp: Option<Money>,
    pub program: Program,
    pub plan: Option<String>,
    pub carrier: Option<String>,
}

impl Rate {
    /// Checks a rate as entered. The program defaults to `aptc` when there is a
    /// subsidy and `unsubsidized` when there is none.
    pub fn new(
        premium: Money,
        aptc: Money,
        slcsp: Option<Money>,
        program: Option<Program>,
        plan: Option<String>,
        carrier: Option<String>,
    ) -> Result<Rate, String> {
        if aptc > premium {
            return Err(format!("the APTC ({}) is more than the premium ({})", aptc.dollars(), premium.dollars()));
        }
        let program = program.unwrap_or(if aptc.is_positive() { Program::Aptc } else { Program::Unsubsidized });
        if program == Program::Unsubsidized && aptc.is_positive() {
            return Err("an unsubsidized plan has no APTC".into());
        }
        let tidy = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Rate { premium, aptc, slcsp, program, plan: tidy(plan), carrier: tidy(carrier) })
    }

    /// Gross premium less the subsidy, never below zero.
    pub fn member_share(&self) -> Money {
        self.premium.saturating_sub(self.aptc)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodKind {
    Rate(Rate),
    /// Voluntary end: no coverage from `from` on, until a later rate period.
    End,
}

/// One row of a line's history. Rows are only ever added; for the same month
/// the one recorded last wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatePeriod {
    pub id: i64,
    pub line: Line,
    pub from: Month,
    pub kind: PeriodKind,
    pub recorded_on: NaiveDate,
}

/// A bill the schedule calls for, before payments and coverage rules decide its fate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedBill {
    pub line: Line,
    pub month: Month,
    pub gross: Money,
    pub aptc: Money,
    pub slcsp: Option<Money>,
    pub amount: Money,
    pub subsidized: bool,
    pub statement_date: NaiveDate,
    pub due_date: NaiveDate,
    /// The first month of an enrollment (after nothing, or after a voluntary end).
    pub starts_enrollment: bool,
    /// When the rate period that prices this month was recorded.
    pub priced_on: NaiveDate,
    pub period_id: i64,
    /// This month is the first of its rate period (where a new enrollment can begin).
    pub opens_period: bool,
}

/// The bills one line's rate periods call for, from its first month through `through`.
/// `periods` may hold any lines; only `line`'s are used.
pub fn plan_bills(periods: &[RatePeriod], line: Line, policy: &Policy, through: Month) -> Vec<PlannedBill> {
    let mut mine: Vec<&RatePeriod> = periods.iter().filter(|p| p.line == line).collect();
    mine.sort_by_key(|p| (p.from, p.id));
    let Some(first) = mine.first() else {
        return Vec::new();
    };
    let mut bills = Vec::new();
    let mut covered_before = false;
    let mut next = 0;
    let mut current: Option<&RatePeriod> = None;
    let mut month = first.from;
    while month <= through {
        while next < mine.len() && mine[next].from <= month {
            current = Some(mine[next]);
            next += 1;
        }
        match current.map(|p| (p, &p.kind)) {
            Some((period, PeriodKind::Rate(rate))) => {
                let starts = !covered_before;
                // A first bill is issued when its month was first given a rate:
                // re-pricing it later does not issue it again.
                let enrolled_on = || {
                    mine.iter()
                        .filter(|p| p.from == month && matches!(p.kind, PeriodKind::Rate(_)))
                        .map(|p| p.recorded_on)
                        .min()
                        .unwrap_or(period.recorded_on)
                };
                bills.push(PlannedBill {
                    line,
                    month,
                    gross: rate.premium,
                    aptc: rate.aptc,
                    slcsp: rate.slcsp,
                    amount: rate.member_share(),
                    subsidized: rate.program.subsidized(),
                    statement_date: if starts {
                        first_statement_date(policy, month, enrolled_on())
                    } else {
                        policy.statement_date(month)
                    },
                    due_date: policy.due_date(month),
                    starts_enrollment: starts,
                    priced_on: period.recorded_on,
                    period_id: period.id,
                    opens_period: period.from == month,
                });
                covered_before = true;
            }
            _ => covered_before = false,
        }
        month = month.next();
    }
    bills
}

/// A bill re-priced after it was issued: a rate period recorded after the
/// statement date of a month it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub line: Line,
    pub month: Month,
    pub on: NaiveDate,
    pub from: Money,
    pub to: Money,
}

/// Every re-pricing of an issued bill, in the order the rate periods were recorded.
pub fn adjustments(periods: &[RatePeriod], policy: &Policy) -> Vec<Adjustment> {
    let mut sorted: Vec<&RatePeriod> = periods.iter().collect();
    sorted.sort_by_key(|p| p.id);
    let mut found = Vec::new();
    for (k, period) in sorted.iter().enumerate() {
        // Months this row may re-price: billed already when it was recorded
        // (the next month on its statement day, a first month at once).
        let through = Month::of(period.recorded_on).next().max(period.from);
        let before: Vec<RatePeriod> = sorted[..k].iter().map(|p| (*p).clone()).collect();
        let old = plan_bills(&before, period.line, policy, through);
        if !old.iter().any(|o| o.month >= period.from && o.statement_date <= period.recorded_on) {
            continue;
        }
        let after: Vec<RatePeriod> = sorted[..=k].iter().map(|p| (*p).clone()).collect();
        let new = plan_bills(&after, period.line, policy, through);
        for bill in new.iter().filter(|b| b.month >= period.from) {
            // Only a bill that was issued is re-priced: a first enrollment is not.
            let Some(was) = old.iter().find(|o| o.month == bill.month && o.statement_date <= period.recorded_on) else {
                continue;
            };
            if was.amount != bill.amount {
                found.push(Adjustment {
                    line: period.line,
                    month: bill.month,
                    on: period.recorded_on,
                    from: was.amount,
                    to: bill.amount,
                });
            }
        }
    }
    found
}

/// A new enrollment's first bill is issued the day the enrollment is recorded,
/// or on its regular statement day if that is earlier (an enrollment recorded
/// late, such as an imported history, keeps the regular schedule).
pub fn first_statement_date(policy: &Policy, month: Month, enrolled_on: NaiveDate) -> NaiveDate {
    enrolled_on.min(policy.statement_date(month))
}

/// The earliest first month of an enrollment recorded on `today`: the change
/// rule's month, or a later one if the policy's days put its due date past.
pub fn earliest_first_month(policy: &Policy, today: NaiveDate) -> Month {
    let mut month = policy.change_applies_from(today);
    while policy.due_date(month) < today {
        month = month.next();
    }
    month
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_date;
    use crate::core::testing::rate;

    #[test]
    fn lines_and_programs_have_one_text_form() {
        for line in Line::ALL {
            assert_eq!(line.as_str().parse::<Line>(), Ok(line));
        }
        assert_eq!(Line::VARIANTS, ["health", "dental"]);
        assert_eq!(Program::VARIANTS, ["connectorcare", "aptc", "unsubsidized"]);
        assert_eq!(Program::Connectorcare.to_string(), "connectorcare");
        assert_eq!(serde_json::to_string(&Line::Dental).unwrap(), "\"dental\"");
        assert!("vision".parse::<Line>().is_err() && "Health".parse::<Line>().is_err());
    }

    fn period(id: i64, line: Line, from: &str, kind: PeriodKind, on: &str) -> RatePeriod {
        RatePeriod { id, line, from: Month::parse(from).unwrap(), kind, recorded_on: parse_date(on).unwrap() }
    }

    #[test]
    fn a_rate_is_checked_as_entered() {
        let m = Money::from_cents;
        assert!(Rate::new(m(100), m(101), None, None, None, None).unwrap_err().contains("more than the premium"));
        assert_eq!(Rate::new(m(100), m(40), None, None, None, None).unwrap().program, Program::Aptc);
        assert_eq!(Rate::new(m(100), m(0), None, None, None, None).unwrap().program, Program::Unsubsidized);
        assert!(Rate::new(m(100), m(40), None, Some(Program::Unsubsidized), None, None).is_err());
        assert_eq!(Rate::new(m(100), m(100), None, None, None, None).unwrap().member_share(), Money::ZERO);
    }

    #[test]
    fn monthly_bills_follow_the_latest_rate() {
        let periods = vec![
            period(1, Line::Health, "2027-01", rate(50_000, 30_000, Program::Aptc), "2026-11-01"),
            period(2, Line::Health, "2027-03", rate(50_000, 10_000, Program::Aptc), "2027-02-01"),
            period(3, Line::Dental, "2027-01", rate(4_000, 0, Program::Unsubsidized), "2026-11-01"),
        ];
        let bills = plan_bills(&periods, Line::Health, &Policy::default(), Month::parse("2027-04").unwrap());
        let amounts: Vec<i64> = bills.iter().map(|b| b.amount.cents()).collect();
        assert_eq!(amounts, vec![20_000, 20_000, 40_000, 40_000]);
        assert!(bills[0].starts_enrollment && !bills[1].starts_enrollment);
        // The first bill is issued at once, the next ones on the statement day.
        assert_eq!(bills[0].statement_date.to_string(), "2026-11-01");
        assert_eq!(bills[0].due_date.to_string(), "2026-12-23");
        assert_eq!(bills[1].statement_date.to_string(), "2027-01-10");
    }

    #[test]
    fn the_same_month_recorded_twice_takes_the_later_row() {
        let periods = vec![
            period(1, Line::Health, "2027-01", rate(50_000, 0, Program::Unsubsidized), "2026-11-01"),
            period(2, Line::Health, "2027-01", rate(45_000, 0, Program::Unsubsidized), "2026-11-02"),
        ];
        let bills = plan_bills(&periods, Line::Health, &Policy::default(), Month::parse("2027-01").unwrap());
        assert_eq!(bills[0].amount.cents(), 45_000);
    }

    #[test]
    fn an_end_stops_bills_and_a_later_rate_starts_a_new_enrollment() {
        let periods = vec![
            period(1, Line::Health, "2027-01", rate(10_000, 0, Program::Unsubsidized), "2026-11-01"),
            period(2, Line::Health, "2027-03", PeriodKind::End, "2027-02-01"),
            period(3, Line::Health, "2027-06", rate(10_000, 0, Program::Unsubsidized), "2027-05-01"),
        ];
        let bills = plan_bills(&periods, Line::Health, &Policy::default(), Month::parse("2027-07").unwrap());
        let months: Vec<String> = bills.iter().map(|b| b.month.to_string()).collect();
        assert_eq!(months, ["2027-01", "2027-02", "2027-06", "2027-07"]);
        assert!(bills[2].starts_enrollment);
        // Enrolled again on May 1 for June: billed at once.
        assert_eq!(bills[2].statement_date.to_string(), "2027-05-01");
    }

    #[test]
    fn a_late_change_shows_as_an_adjustment_of_the_issued_bill() {
        let periods = vec![
            period(1, Line::Health, "2027-01", rate(50_000, 30_000, Program::Aptc), "2026-11-01"),
            period(2, Line::Health, "2027-01", rate(50_000, 35_000, Program::Aptc), "2026-12-15"),
        ];
        let found = adjustments(&periods, &Policy::default());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].from.cents(), found[0].to.cents()), (20_000, 15_000));
        assert_eq!(found[0].month.to_string(), "2027-01");
    }

    #[test]
    fn a_first_bill_is_issued_when_enrolled_or_on_its_statement_day_if_earlier() {
        let p = Policy::default();
        let jan = Month::parse("2027-01").unwrap();
        let issued = |on: &str| first_statement_date(&p, jan, parse_date(on).unwrap()).to_string();
        assert_eq!(issued("2026-12-01"), "2026-12-01");
        assert_eq!(issued("2026-12-15"), "2026-12-10");
        // History loaded late keeps the regular schedule.
        assert_eq!(issued("2027-06-01"), "2026-12-10");
    }

    #[test]
    fn a_first_enrollment_is_no_adjustment_but_repricing_a_first_bill_is() {
        let first = period(1, Line::Health, "2027-01", rate(50_000, 0, Program::Unsubsidized), "2026-12-28");
        assert_eq!(adjustments(std::slice::from_ref(&first), &Policy::default()), vec![]);
        // Recorded on 12-01, January's bill was issued at once: a change on 12-05 re-prices it.
        let periods = vec![
            period(1, Line::Health, "2027-01", rate(50_000, 0, Program::Unsubsidized), "2026-12-01"),
            period(2, Line::Health, "2027-01", rate(45_000, 0, Program::Unsubsidized), "2026-12-05"),
        ];
        let found = adjustments(&periods, &Policy::default());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].from.cents(), found[0].to.cents()), (50_000, 45_000));
    }

    #[test]
    fn the_earliest_first_month_follows_the_change_rule_and_is_never_past_due() {
        let p = Policy::default();
        let earliest = |on: &str| earliest_first_month(&p, parse_date(on).unwrap()).to_string();
        assert_eq!(earliest("2026-12-23"), "2027-01");
        assert_eq!(earliest("2026-12-28"), "2027-02");
        // Due on the 15th, changes cut off on the 23rd: reported on the 20th,
        // next month was due on the 15th, so the month after.
        let p = Policy { due_day: 15, ..Policy::default() };
        assert_eq!(earliest_first_month(&p, parse_date("2026-12-20").unwrap()).to_string(), "2027-02");
    }
}
