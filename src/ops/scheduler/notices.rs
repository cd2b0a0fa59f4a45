//! Alerts the calendar calls for: on a statement day, the draft ahead
//! (`autopay_scheduled`) and a premium that changes (`premium_changed`, and
//! a fixed autopay amount that no longer covers the bill); the day after a
//! due date (or after the change cutoff), what coverage calls for
//! (`past_due`, `grace_started`, `coverage_terminated`, `gap_risk`);
//! `remind_days_before_due` days before a due date, `due_soon` for bills
//! autopay leaves to the member; 7 days before a grace deadline,
//! `grace_ending`; `card_expiry_days` before the end of a month, autopay's
//! cards expiring then (`method_expiring`); on October 1, `renewal_review`.
//! Each pass runs on its calendar day only and finds its accounts by query
//! or passes most over with a quick look; the run does every day, so a
//! catch-up misses none, and each alert's cause makes it once.

use std::collections::BTreeSet;

use anyhow::Result;
use chrono::NaiveDate;

use super::drafts::method_label;
use super::{raise, snapshot_on, Scheduler, CHUNK};
use crate::core::alert::{self, coverage_alerts, nothing_late, paid_through, NewAlert, NotCovered};
use crate::core::billing::{plan_bills, Line};
use crate::core::coverage::{BillState, CoverageState};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::policy::Policy;
use crate::ledger::autopay as store;
use crate::ledger::scheduler as runs;
use crate::ledger::{methods, payments, plans, reminders};

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
                        let alert = alert::fixed_short(handle, month, share, fixed, draft_on);
                        raise(tx, env, id, &alert, day, &mut raised)?;
                    }
                    let alert = alert::autopay_scheduled(handle, month, share, autopay.amount, &method, draft_on);
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
                let alert = alert::premium_changed(handle, month, before, now);
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
                    for alert in coverage_alerts(handle, &snap, env.policy.mandate_gap_months) {
                        raise(tx, env, *account_id, &alert, day, &mut raised)?;
                    }
                }
                Ok(raised)
            })?;
            self.counts.alerts += raised;
        }
        Ok(())
    }

    /// `due_soon`: each bill due `remind_days_before_due` days from `day`
    /// that is still open (money paid since counts: no reminder for a bill
    /// already paid) and that autopay will not pay.
    pub(super) fn due_soon(&mut self, day: NaiveDate) -> Result<()> {
        let env = self.env;
        let policy = env.policy;
        let reminders_days: BTreeSet<u32> = env.alerts.remind_days_before_due.iter().copied().collect();
        for days in reminders_days {
            let Some((month, due)) = alert::due_in(policy, day, days) else { continue };
            let mut after = 0;
            loop {
                let page = reminders::not_autopaid_page(self.ledger.conn(), month, due, after, CHUNK)?;
                let Some((last, _)) = page.last() else { break };
                after = *last;
                self.report.working(&format!("{day}: reminders, account {after}"));
                let raised = self.ledger.write_recoverable(|tx| {
                    let mut raised = 0;
                    for (account_id, handle) in &page {
                        let (plain, paid) = payments::plain_total(tx, *account_id)?;
                        if plain && paid_through(&plans::for_account(tx, *account_id)?, policy, due, paid) {
                            continue;
                        }
                        let snap = snapshot_on(tx, policy, *account_id, day, false)?;
                        let open: Money = snap
                            .bills
                            .iter()
                            .chain(&snap.upcoming)
                            .filter(|b| b.month == month && b.state != BillState::Void)
                            .map(|b| b.open)
                            .sum();
                        if !open.is_positive() {
                            continue;
                        }
                        let autopay = store::get(tx, *account_id)?.filter(|a| a.enabled).map(|a| (a.amount, a.start));
                        let Some(why) = NotCovered::of(autopay, month, open) else { continue };
                        let alert = alert::due_soon(handle, month, due, days, open, why);
                        raise(tx, env, *account_id, &alert, day, &mut raised)?;
                    }
                    Ok(raised)
                })?;
                self.counts.alerts += raised;
            }
        }
        Ok(())
    }

    /// `grace_ending`: lines whose grace deadline is `GRACE_ENDING_DAYS`
    /// from `day` (a deadline is always a due date), with what cures them,
    /// unless paid meanwhile. Only the accounts whose grace has that deadline are read.
    pub(super) fn grace_ending(&mut self, day: NaiveDate) -> Result<()> {
        let env = self.env;
        let Some(deadline) = alert::grace_ending_on(env.policy, day) else { return Ok(()) };
        let accounts = reminders::grace_until(self.ledger.conn(), deadline)?;
        for chunk in accounts.chunks(CHUNK) {
            let raised = self.ledger.write_recoverable(|tx| {
                let mut raised = 0;
                for (account_id, handle) in chunk {
                    let snap = snapshot_on(tx, env.policy, *account_id, day, false)?;
                    let ending = snap
                        .lines
                        .iter()
                        .filter(|l| l.state == CoverageState::Grace && l.grace_deadline == Some(deadline));
                    for alert in ending.filter_map(|l| alert::grace_ending(handle, l)) {
                        raise(tx, env, *account_id, &alert, day, &mut raised)?;
                    }
                }
                Ok(raised)
            })?;
            self.counts.alerts += raised;
        }
        Ok(())
    }

    /// `renewal_review`, on its day each year, for every account with
    /// coverage in force or about to start.
    pub(super) fn renewal_review(&mut self, day: NaiveDate) -> Result<()> {
        if !alert::renewal_review_day(day) {
            return Ok(());
        }
        let policy = self.env.policy;
        self.enrolled_pass(day, "renewal", |tx, account_id, handle| {
            let periods = plans::for_account(tx, account_id)?;
            let (plain, paid) = payments::plain_total(tx, account_id)?;
            let enrolled = if plain && nothing_late(&periods, policy, day, paid) {
                // In good standing (no replay needed): enrolled while next month is billed.
                let next = Month::of(day).next();
                Line::ALL.iter().any(|&line| plan_bills(&periods, line, policy, next).iter().any(|b| b.month == next))
            } else {
                let snap = snapshot_on(tx, policy, account_id, day, false)?;
                snap.lines
                    .iter()
                    .any(|l| matches!(l.state, CoverageState::Active | CoverageState::Pending | CoverageState::Grace))
            };
            Ok(if enrolled { vec![alert::renewal_review(handle, day)] } else { vec![] })
        })
    }

    /// `method_expiring`: `card_expiry_days` before the end of a month, the
    /// cards autopay drafts (or falls back to) that expire with it, so
    /// before the next draft.
    pub(super) fn method_expiring(&mut self, day: NaiveDate) -> Result<()> {
        let env = self.env;
        let Some(exp) = alert::expiring_on(day, env.alerts.card_expiry_days) else { return Ok(()) };
        let cards = reminders::autopay_cards_expiring(self.ledger.conn(), exp)?;
        let raised = self.ledger.write_recoverable(|tx| {
            let mut raised = 0;
            for (account_id, method_id) in &cards {
                let (Some(autopay), Some(method)) = (store::get(tx, *account_id)?, methods::get(tx, *method_id)?)
                else {
                    continue;
                };
                let label = format!("{} ending {}", method.brand, method.last4);
                let schedule = autopay.schedule(env.policy);
                let days = env.alerts.card_expiry_days;
                if let Some(alert) = alert::card_expiring(&autopay.handle, method.id, &label, exp, &schedule, day, days)
                {
                    raise(tx, env, *account_id, &alert, day, &mut raised)?;
                }
            }
            Ok(raised)
        })?;
        self.counts.alerts += raised;
        Ok(())
    }

    /// Every enrolled account, a chunk per transaction: `alerts` says what
    /// to raise for one.
    fn enrolled_pass(
        &mut self,
        day: NaiveDate,
        what: &str,
        alerts: impl Fn(&rusqlite::Transaction, i64, &str) -> Result<Vec<NewAlert>>,
    ) -> Result<()> {
        let env = self.env;
        let mut after = 0;
        loop {
            let page = runs::enrolled_page(self.ledger.conn(), after, CHUNK)?;
            let Some((last, _)) = page.last() else { break };
            after = *last;
            self.report.working(&format!("{day}: {what}, account {after}"));
            let raised = self.ledger.write_recoverable(|tx| {
                let mut raised = 0;
                for (account_id, handle) in &page {
                    for alert in alerts(tx, *account_id, handle)? {
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
