//! The replay's money as it was computed before `OwedFill`: every allocation
//! afresh, on every question. The property tests pin the replay to it.

use chrono::NaiveDate;

use super::replay::{OwedFill, Replay};
use super::PaymentFacts;
use crate::core::billing::RatePeriod;
use crate::core::policy::Policy;

/// The replay through `as_of`, with every allocation afresh.
pub(super) fn replay<'a>(
    periods: &[RatePeriod],
    payments: &'a [PaymentFacts],
    policy: &'a Policy,
    as_of: NaiveDate,
) -> Replay<'a> {
    let mut replay = super::replay::start(periods, payments, policy, as_of);
    replay.reference = true;
    replay.run();
    replay
}

/// The allocation over the bills owed at `day`, from nothing.
pub(super) fn owed_fill(replay: &Replay, day: NaiveDate) -> OwedFill {
    let (index, slots, fill) = replay.fill(day, |i| replay.owed_at(i, day));
    let mut open = vec![None; replay.bills.len()];
    for (k, &i) in index.iter().enumerate() {
        open[i] = Some(fill.open(&slots, k));
    }
    let mut owed = OwedFill::default();
    owed.unpaid = (0..open.len()).filter(|&i| open[i].is_some_and(|o| o.is_positive())).collect();
    (owed.index, owed.slots, owed.fill, owed.open) = (index, slots, fill, open);
    owed
}
