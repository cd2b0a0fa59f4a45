//! The tax year of one account: per coverage month and line, what Form
//! 1095-A Part III shows (premium, SLCSP, APTC), what the member owed and
//! paid, and whether the month was covered (MA Form 1099-HC).

use super::billing::Line;
use super::coverage::{Bill, Snapshot};
use super::dates::Month;
use super::money::Money;

/// One coverage month of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthLine {
    pub month: Month,
    pub line: Line,
    /// The bill's gross premium, APTC, SLCSP and member share: zero (SLCSP
    /// none) for a month with no bill owed (before an enrollment, after it
    /// ended, a void bill).
    pub gross_premium: Money,
    pub aptc: Money,
    pub slcsp: Option<Money>,
    pub member_share: Money,
    pub paid: Money,
    pub covered: bool,
}

/// One line's year, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTotal {
    pub line: Line,
    pub gross_premium: Money,
    pub aptc: Money,
    pub slcsp: Money,
    pub member_share: Money,
    pub paid: Money,
    pub covered_months: usize,
    pub months: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearReport {
    pub year: i32,
    /// Month by month, each line in turn within a month.
    pub rows: Vec<MonthLine>,
    pub totals: Vec<LineTotal>,
}

/// The months of `year` through the clock (or through the latest bill
/// issued, a month ahead of it), for every line billed in the year.
pub fn year(snap: &Snapshot, year: i32) -> YearReport {
    let in_year = |b: &&Bill| b.month.year() == year;
    let bills: Vec<&Bill> = snap.bills.iter().filter(in_year).collect();
    let mut lines: Vec<Line> = bills.iter().map(|b| b.line).collect();
    lines.sort();
    lines.dedup();
    let clock = Month::of(snap.as_of);
    let last = bills.iter().map(|b| b.month).chain([clock]).max().map_or(clock, |m| m.min(december(year)));
    let mut rows = Vec::new();
    let mut month = january(year);
    while month <= last {
        for &line in &lines {
            let bill = bills.iter().find(|b| b.month == month && b.line == line);
            rows.push(month_line(month, line, bill.copied(), clock));
        }
        month = month.next();
    }
    let totals = lines.iter().map(|&line| total(line, rows.iter().filter(|r| r.line == line))).collect();
    YearReport { year, rows, totals }
}

fn january(year: i32) -> Month {
    Month::new(year, 1).expect("a year hcpay takes")
}

fn december(year: i32) -> Month {
    Month::new(year, 12).expect("a year hcpay takes")
}

/// A month not yet begun counts as covered only once it is paid in full:
/// until then it is a bill, not coverage the member can show.
fn month_line(month: Month, line: Line, bill: Option<&Bill>, clock: Month) -> MonthLine {
    let zero = MonthLine {
        month,
        line,
        gross_premium: Money::ZERO,
        aptc: Money::ZERO,
        slcsp: None,
        member_share: Money::ZERO,
        paid: Money::ZERO,
        covered: false,
    };
    match bill {
        // A void bill was never owed: the month shows as one without coverage.
        Some(b) if b.state != super::coverage::BillState::Void => MonthLine {
            gross_premium: b.gross,
            aptc: b.aptc,
            slcsp: b.slcsp,
            member_share: b.amount,
            paid: b.paid,
            covered: b.covered && (month <= clock || !b.open.is_positive()),
            ..zero
        },
        _ => zero,
    }
}

fn total<'a>(line: Line, rows: impl Iterator<Item = &'a MonthLine>) -> LineTotal {
    let mut t = LineTotal {
        line,
        gross_premium: Money::ZERO,
        aptc: Money::ZERO,
        slcsp: Money::ZERO,
        member_share: Money::ZERO,
        paid: Money::ZERO,
        covered_months: 0,
        months: 0,
    };
    for r in rows {
        t.gross_premium += r.gross_premium;
        t.aptc += r.aptc;
        t.slcsp += r.slcsp.unwrap_or(Money::ZERO);
        t.member_share += r.member_share;
        t.paid += r.paid;
        t.covered_months += usize::from(r.covered);
        t.months += 1;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::billing::{PeriodKind, Program, Rate, RatePeriod};
    use crate::core::coverage::{evaluate, PaymentFacts};
    use crate::core::dates::parse_date;
    use crate::core::policy::Policy;

    fn period(from: &str, premium: i64, aptc: i64) -> RatePeriod {
        let rate = Rate::new(
            Money::from_cents(premium),
            Money::from_cents(aptc),
            Some(Money::from_cents(premium + 1_000)),
            Some(Program::Aptc),
            None,
            None,
        )
        .unwrap();
        RatePeriod {
            id: 1,
            line: Line::Health,
            from: Month::parse(from).unwrap(),
            kind: PeriodKind::Rate(rate),
            recorded_on: parse_date("2026-11-01").unwrap(),
        }
    }

    #[test]
    fn months_before_an_enrollment_are_rows_without_coverage_and_the_year_stops_at_the_clock() {
        let periods = [period("2027-03", 50_000, 30_000)];
        let paid = [PaymentFacts::plain(1, parse_date("2027-02-20").unwrap(), 20_000)];
        let snap = evaluate(&periods, &paid, &Policy::default(), parse_date("2027-03-15").unwrap());
        let report = year(&snap, 2027);
        // April's bill was issued on March 10: the year runs through April.
        let months: Vec<String> = report.rows.iter().map(|r| r.month.to_string()).collect();
        assert_eq!(months, ["2027-01", "2027-02", "2027-03", "2027-04"]);
        assert!(!report.rows[0].covered && report.rows[0].gross_premium.is_zero() && report.rows[0].slcsp.is_none());
        let march = &report.rows[2];
        assert!(march.covered);
        assert_eq!(
            (march.gross_premium.cents(), march.aptc.cents(), march.member_share.cents()),
            (50_000, 30_000, 20_000)
        );
        assert_eq!(march.slcsp, Some(Money::from_cents(51_000)));
        assert_eq!(march.paid.cents(), 20_000);
        let total = &report.totals[0];
        // April, not begun and unpaid, is not yet a covered month.
        assert!(!report.rows[3].covered);
        assert_eq!((total.covered_months, total.months), (1, 4));
        assert_eq!((total.member_share.cents(), total.paid.cents(), total.slcsp.cents()), (40_000, 20_000, 102_000));
    }
}
