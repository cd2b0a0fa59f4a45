//! The coverage rules of DESIGN §7, as a replay of one account's history.
//!
//! Bills are not stored: they follow from rate periods, payments and the
//! policy. `evaluate` replays each line's life over the days on which
//! something can change (a payment, a due date, a grace deadline), voiding the
//! bills that turn out never owed, then reports the account as of the clock.
//! The same inputs always give the same answer, so reading commands are right
//! whether or not cron ran.
//!
//! - `types`: what goes in (`PaymentFacts`) and comes out (`Snapshot`);
//! - `replay`: a line's life, from pending to terminated and back;
//! - `report`: the replayed account as of the clock.

mod replay;
mod report;
mod types;

use chrono::NaiveDate;

pub use self::types::*;
use super::billing::{Line, RatePeriod};
use super::dates::Month;
use super::policy::Policy;

/// Replays one account's rate periods and payments and reports it as of `as_of`.
pub fn evaluate(periods: &[RatePeriod], payments: &[PaymentFacts], policy: &Policy, as_of: NaiveDate) -> Snapshot {
    replay::replay(periods, payments, policy, as_of).report()
}

/// Whether a rate period for `line` from `from`, recorded on `as_of`, would
/// start a new enrollment (whose first month is a binder) rather than change
/// the one in force: a first enrollment, an earlier start, or enrolling again
/// after a termination, a first month never paid or a voluntary end.
pub fn starts_enrollment(
    periods: &[RatePeriod],
    payments: &[PaymentFacts],
    policy: &Policy,
    as_of: NaiveDate,
    line: Line,
    from: Month,
) -> bool {
    replay::replay(periods, payments, policy, as_of).would_start_enrollment(line, from)
}

#[cfg(test)]
mod tests;
