//! Alerts the calendar calls for: on a statement day, the draft ahead
//! (`autopay_scheduled`) and a premium that changes (`premium_changed`, and
//! a fixed autopay amount that no longer covers the bill); the day after a
//! due date, what coverage calls for (`past_due`, `grace_started`,
//! `coverage_terminated`).

use std::collections::BTreeSet;

use anyhow::Result;
use chrono::NaiveDate;

use super::{raise, snapshot_on, Scheduler, CHUNK};
use crate::core::alert::{coverage_alerts, AlertKind, NewAlert};
use crate::core::autopay::draft_amount;
use crate::core::billing::{plan_bills, Line};
use crate::core::coverage::BillState;
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::policy::Policy;
use crate::ledger::autopay as store;
use crate::ledger::scheduler as runs;
use crate::ledger::{methods, plans};

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
                    let snap = snapshot_on(tx, policy, autopay.account_id, day, true)?;
                    let method = methods::get(tx, autopay.method_id)?
                        .map_or_else(|| "-".into(), |m| format!("{} ending {}", m.brand, m.last4));
                    let share: Money = snap
                        .bills
                        .iter()
                        .filter(|b| b.month == month && b.state != BillState::Void)
                        .map(|b| b.amount)
                        .sum();
                    if let Some(fixed) = autopay.amount.fixed().filter(|f| *f < share) {
                        let message = format!(
                            "{}: the {month} bill is {}, more than autopay's fixed amount of {}: the rest stays due; draft what is due with `hcpay autopay enable --amount due`",
                            autopay.handle,
                            share.dollars(),
                            fixed.dollars()
                        );
                        let alert = NewAlert::new(AlertKind::PremiumChanged, &[&autopay.handle, &month], message);
                        raise(tx, env, autopay.account_id, &alert, day, &mut raised)?;
                    }
                    if let Ok(amount) = draft_amount(autopay.amount, month, &snap) {
                        let message = format!(
                            "{}: autopay will draft {} from {method} on {draft_on} for {month}",
                            autopay.handle,
                            amount.dollars()
                        );
                        let alert = NewAlert::new(AlertKind::AutopayScheduled, &[&autopay.handle, &month], message);
                        raise(tx, env, autopay.account_id, &alert, day, &mut raised)?;
                    }
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

    /// What coverage calls for on `day`, for every enrolled account (or only `only`).
    pub(super) fn coverage(&mut self, day: NaiveDate, only: Option<&BTreeSet<i64>>) -> Result<()> {
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
