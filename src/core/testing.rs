//! Builders the core's unit tests share: dates, months, rate periods and
//! payments, written once.

use chrono::NaiveDate;

use super::billing::{Line, PeriodKind, Program, Rate, RatePeriod};
use super::coverage::PaymentFacts;
use super::dates::{parse_date, Month};
use super::money::Money;

pub fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

pub fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

/// A rate: `premium` less `aptc` (cents), in `program`, no SLCSP, no names.
pub fn rate(premium: i64, aptc: i64, program: Program) -> PeriodKind {
    PeriodKind::Rate(Rate {
        premium: Money::from_cents(premium),
        aptc: Money::from_cents(aptc),
        slcsp: None,
        program,
        plan: None,
        carrier: None,
    })
}

/// A rate period of `line` from `from` at that rate, recorded on 2026-11-01.
pub fn priced(id: i64, line: Line, from: &str, premium: i64, aptc: i64, program: Program) -> RatePeriod {
    RatePeriod { id, line, from: m(from), kind: rate(premium, aptc, program), recorded_on: d("2026-11-01") }
}

/// A payment of `cents` for every line, made on `on`.
pub fn paid(id: i64, on: &str, cents: i64) -> PaymentFacts {
    PaymentFacts::plain(id, d(on), cents)
}
