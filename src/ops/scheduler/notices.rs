//! Alerts the calendar calls for: on a statement day, the draft ahead
//! (`autopay_scheduled`) and a premium that changes (`premium_changed`, and
//! a fixed autopay amount that no longer covers the bill); the day after a
//! due date, what coverage calls for (`past_due`, `grace_started`,
//! `coverage_terminated`).

use std::collections::BTreeSet;

use anyhow::Result;
use chrono::NaiveDate;

use super::drafts::method_label;
use super::{raise, snapshot_on, Scheduler, CHUNK};
use crate::core::alert::{coverage_alerts, nothing_late, AlertKind, NewAlert};
use crate::core::autopay::AmountMode;
use crate::core::billing::{plan_bills, Line};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::policy::Policy;
use crate::ledger::autopay as store;
use crate::ledger::scheduler as runs;
use crate::ledger::{payments, plans};

/// What the rate periods bill for `month`, every line together.
fn billed(periods: &[crate::core::billing::RatePeriod], policy: &Policy, month: Month) -> Money {
    Line::ALL
        .iter()
        .flat_map(|&line| plan_bills(periods, line, policy, month))
        .filter(|b| b.month == month)
        .map(|b| b.amount)
        .sum()
}

impl Scheduler<'_> {
    /// The statement day of next month's bill.
    pub(super) fn statement_notices(&mut self, day: NaiveDate) -> Result<()> {
        let env = self.env;
        let policy = env.policy;
        let month = Month::of(day).next();
        let mut after = 0;
        loop {
            let page = store::enabled_page(self.ledger.conn(), after, CHUNK)?;
            let Some(last) = page.last() else { break };
            after = last.account_id;
            self.report.working(&format!("{day}: statements, autopay account {after}"));
            let raised = self.ledger.write_recoverable(|tx| {
                let mut raised = 0;
                for autopay in &page {
                    let Some(draft_on) = autopay.schedule(policy).draft_date(month).filter(|d| *d >= day) else {
                        continue;
                    };
                    // What the rate periods bill: no replay needed (the draft decides for good).
                    let share = billed(&plans::for_account(tx, autopay.account_id)?, policy, month);
                    if share.is_zero() {
                        continue;
                    }
                    let method = method_label(tx, Some(autopay.method_id))?;
                    let (handle, id) = (&autopay.handle, autopay.account_id);
                    if let Some(fixed) = autopay.amount.fixed().filter(|f| *f < share) {
                        let message = format!(
                            "{handle}: the {month} bill is {}, more than autopay's fixed amount of {}: the rest stays due; draft what is due with `hcpay autopay enable --amount due`",
                            share.dollars(),
                            fixed.dollars()
                        );
                        let alert = NewAlert::new(AlertKind::PremiumChanged, &[handle, &month], message);
                        raise(tx, env, id, &alert, day, &mut raised)?;
                    }
                    let what = match autopay.amount {
                        AmountMode::Due => "what is due then".to_string(),
                        AmountMode::Premium => share.dollars(),
                        AmountMode::Fixed(amount) => amount.dollars(),
                    };
                    let message = format!(
                        "{handle}: the {month} bill of {} is out; autopay drafts {what} from {method} on {draft_on}",
                        share.dollars()
                    );
                    let alert = NewAlert::new(AlertKind::AutopayScheduled, &[handle, &month], message);
                    raise(tx, env, id, &alert, day, &mut raised)?;
                }
                Ok(raised)
            })?;
            self.counts.alerts += raised;
        }
        // A rate period from next month (a renewal, a life event) that changes what is billed.
        let changes = runs::rate_changes_from(self.ledger.conn(), month)?;
        let raised = self.ledger.write_recoverable(|tx| {
            let mut raised = 0;
            for (account_id, handle) in &changes {
                let periods = plans::for_account(tx, *account_id)?;
                let (before, now) = (billed(&periods, policy, month.prev()), billed(&periods, policy, month));
                if before == now || before.is_zero() || now.is_zero() {
                    continue;
                }
                let message = format!(
                    "{handle}: the premium you pay changes from {} to {} a month from {month}",
                    before.dollars(),
                    now.dollars()
                );
                let alert = NewAlert::new(AlertKind::PremiumChanged, &[handle, &month, &"rate"], message);
                raise(tx, env, *account_id, &alert, day, &mut raised)?;
            }
            Ok(raised)
        })?;
        self.counts.alerts += raised;
        Ok(())
    }

    /// What coverage calls for on `day`, for every enrolled account (or only
    /// `only`). An account whose plain money covers every bill due is passed
    /// over without a replay, unless `thorough` (a first run).
    pub(super) fn coverage(&mut self, day: NaiveDate, only: Option<&BTreeSet<i64>>, thorough: bool) -> Result<()> {
        let env = self.env;
        let mut after = 0;
        loop {
            let page: Vec<(i64, String)> = match only {
                Some(ids) => {
                    let page: Vec<i64> = ids.range(after + 1..).take(CHUNK).copied().collect();
                    let conn = self.ledger.conn();
                    let mut found = Vec::new();
                    for id in page {
                        if let Some(a) = crate::ledger::accounts::get(conn, id)? {
                            found.push((id, a.handle));
                        }
                    }
                    found
                }
                None => runs::enrolled_page(self.ledger.conn(), after, CHUNK)?,
            };
            let Some((last, _)) = page.last() else { break };
            after = *last;
            if only.is_none() {
                self.report.working(&format!("{day}: coverage, account {after}"));
            }
            let raised = self.ledger.write_recoverable(|tx| {
                let mut raised = 0;
                for (account_id, handle) in &page {
                    if !thorough {
                        let (plain, paid) = payments::plain_total(tx, *account_id)?;
                        if plain && nothing_late(&plans::for_account(tx, *account_id)?, env.policy, day, paid) {
                            continue;
                        }
                    }
                    let snap = snapshot_on(tx, env.policy, *account_id, day, false)?;
                    for alert in coverage_alerts(handle, &snap) {
                        raise(tx, env, *account_id, &alert, day, &mut raised)?;
                    }
                }
                Ok(raised)
            })?;
            self.counts.alerts += raised;
        }
        Ok(())
    }
}
