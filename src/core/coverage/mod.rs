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
use super::money::Money;
use super::policy::Policy;

/// Replays one account's rate periods and payments and reports it as of `as_of`.
pub fn evaluate(periods: &[RatePeriod], payments: &[PaymentFacts], policy: &Policy, as_of: NaiveDate) -> Snapshot {
    replay::replay(periods, payments, policy, as_of).report()
}

/// What a new payment of `amount` made on `as_of` would pay, and the credit
/// left after it, without making it (`pay --dry-run`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub paid: Vec<PaidTo>,
    pub credit_after: Money,
}

/// Replays the account with one more payment, after every payment it has
/// (those of the same day too), and says what that payment would pay.
pub fn preview_payment(
    periods: &[RatePeriod],
    payments: &[PaymentFacts],
    policy: &Policy,
    as_of: NaiveDate,
    amount: Money,
    line: Option<Line>,
) -> Preview {
    // Allocation goes by date, then id: the next id comes after them all.
    let id = payments.iter().map(|p| p.id).max().unwrap_or(0) + 1;
    let new = PaymentFacts { id, paid_on: as_of, amount, line, reversed_on: None, refunds: vec![] };
    let with_new: Vec<PaymentFacts> = payments.iter().cloned().chain([new]).collect();
    let after = evaluate(periods, &with_new, policy, as_of);
    Preview { paid: after.allocations.into_iter().filter(|a| a.payment_id == id).collect(), credit_after: after.credit }
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
mod reference;
#[cfg(test)]
mod tests;
