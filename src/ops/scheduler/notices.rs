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
//! catch-up misses none, and each alert's cause makes it once. A pass goes
//! a page of accounts per transaction (`pass`), reading the page's rate
//! periods (and plain totals) in one query each.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};

use super::{Scheduler, CHUNK};
use crate::core::alert::{self, coverage_alerts, nothing_late, paid_through, NewAlert, NotCovered};
use crate::core::autopay::as_known_on;
use crate::core::billing::{plan_bills, Line, RatePeriod};
use crate::core::coverage::{evaluate, BillState, CoverageState, Snapshot};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::policy::Policy;
use crate::ledger::autopay::{self as store, Autopay};
use crate::ledger::methods::Method;
use crate::ledger::scheduler as runs;
use crate::ledger::{accounts, methods, payments, plans, reminders};

/// What the rate periods bill for `month`, every line together.
fn billed(periods: &[RatePeriod], policy: &Policy, month: Month) -> Money {
    Line::ALL
        .iter()
        .flat_map(|&line| plan_bills(periods, line, policy, month))
        .filter(|b| b.month == month)
        .map(|b| b.amount)
        .sum()
}

/// What a pass reads of its page of accounts at once, inside the
/// transaction that raises the page's alerts.
struct Page {
    periods: HashMap<i64, Vec<RatePeriod>>,
    /// `payments::plain_total` of each account (read when the pass asks).
    plain: HashMap<i64, (bool, Money)>,
}

impl Page {
    fn read(tx: &Connection, ids: &[i64], plain: bool) -> Result<Page> {
        let plain = if plain { payments::plain_totals(tx, ids)? } else { HashMap::new() };
        Ok(Page { periods: plans::for_accounts(tx, ids)?, plain })
    }

    fn periods(&self, account_id: i64) -> &[RatePeriod] {
        self.periods.get(&account_id).map_or(&[][..], Vec::as_slice)
    }

    fn plain(&self, account_id: i64) -> (bool, Money) {
        self.plain.get(&account_id).copied().unwrap_or((true, Money::ZERO))
    }

    /// Whether the account's plain money pays every bill due before `day`.
    fn nothing_late(&self, policy: &Policy, account_id: i64, day: NaiveDate) -> bool {
        let (plain, paid) = self.plain(account_id);
        plain && nothing_late(self.periods(account_id), policy, day, paid)
    }

    /// The account as known now, seen on `day` of the run: the replay.
    fn snapshot(&self, tx: &Connection, policy: &Policy, account_id: i64, day: NaiveDate) -> Result<Snapshot> {
        let mut facts = payments::facts_for(tx, account_id)?;
        as_known_on(&mut facts, day);
        Ok(evaluate(self.periods(account_id), &facts, policy, day))
    }
}

/// A page source over a list read whole (sorted by account id): the next
/// `CHUNK` entries after account `after`.
fn after_in<T: Clone>(list: &[T], id: impl Fn(&T) -> i64, after: i64) -> Vec<T> {
    let from = list.partition_point(|t| id(t) <= after);
    list[from..].iter().take(CHUNK).cloned().collect()
}

/// A page's account id and handle, as most page queries give them.
fn id_of(entry: &(i64, String)) -> i64 {
    entry.0
}

impl Scheduler<'_> {
    /// The statement day of next month's bill.
    pub(super) fn statement_notices(&mut self, day: NaiveDate) -> Result<()> {
        let env = self.env;
        let policy = env.policy;
        let month = Month::of(day).next();
        // A page's autopays and the labels of their methods, read together.
        let page = |conn: &Connection, after| {
            let autopays = store::enabled_page(conn, after, CHUNK)?;
            let ids: Vec<i64> = autopays.iter().map(|a| a.method_id).collect();
            let methods = store::methods_of(conn, &ids)?;
            let label = |id| methods.get(&id).map_or_else(|| "-".to_string(), Method::label);
            Ok(autopays.into_iter().map(|a| (label(a.method_id), a)).collect())
        };
        self.pass(
            day,
            "statements",
            page,
            |(_, a): &(String, Autopay)| a.account_id,
            false,
            |_, page, (method, autopay)| {
                let Some(draft_on) = autopay.schedule(policy).draft_date(month).filter(|d| *d >= day) else {
                    return Ok(vec![]);
                };
                // What the rate periods bill: no replay needed (the draft decides for good).
                let share = billed(page.periods(autopay.account_id), policy, month);
                if share.is_zero() {
                    return Ok(vec![]);
                }
                let handle = &autopay.handle;
                let short = autopay.amount.fixed().filter(|f| *f < share);
                let short = short.map(|fixed| alert::fixed_short(handle, month, share, fixed, draft_on));
                let scheduled = alert::autopay_scheduled(handle, month, share, autopay.amount, method, draft_on);
                Ok(short.into_iter().chain([scheduled]).collect())
            },
        )?;
        // A rate period from next month (a renewal, a life event) that changes what is billed.
        let changes = runs::rate_changes_from(self.ledger.conn(), month)?;
        let page = |_: &Connection, after| Ok(after_in(&changes, id_of, after));
        self.pass(day, "premium changes", page, id_of, false, |_, page, (account_id, handle)| {
            let periods = page.periods(*account_id);
            let (before, now) = (billed(periods, policy, month.prev()), billed(periods, policy, month));
            Ok(if before == now || before.is_zero() || now.is_zero() {
                vec![]
            } else {
                vec![alert::premium_changed(handle, month, before, now)]
            })
        })
    }

    /// What coverage calls for on `day`, for every enrolled account (or only
    /// `only`). An account whose plain money covers every bill due is passed
    /// over without a replay, unless `thorough` (a first run).
    pub(super) fn coverage(&mut self, day: NaiveDate, only: Option<&BTreeSet<i64>>, thorough: bool) -> Result<()> {
        let policy = self.env.policy;
        let page = |conn: &Connection, after: i64| match only {
            Some(ids) => {
                let mut found = Vec::new();
                for &id in ids.range(after + 1..).take(CHUNK) {
                    found.extend(accounts::get(conn, id)?.map(|a| (id, a.handle)));
                }
                Ok(found)
            }
            None => runs::enrolled_page(conn, after, CHUNK),
        };
        self.pass(day, "coverage", page, id_of, !thorough, |tx, page, (account_id, handle)| {
            if !thorough && page.nothing_late(policy, *account_id, day) {
                return Ok(vec![]);
            }
            let snap = page.snapshot(tx, policy, *account_id, day)?;
            Ok(coverage_alerts(handle, &snap, policy.mandate_gap_months))
        })
    }

    /// `due_soon`: each bill due `remind_days_before_due` days from `day`
    /// that is still open (money paid since counts: no reminder for a bill
    /// already paid) and that autopay will not pay.
    pub(super) fn due_soon(&mut self, day: NaiveDate) -> Result<()> {
        let policy = self.env.policy;
        let reminders_days: BTreeSet<u32> = self.env.alerts.remind_days_before_due.iter().copied().collect();
        for days in reminders_days {
            let Some((month, due)) = alert::due_in(policy, day, days) else { continue };
            let page = |conn: &Connection, after| reminders::not_autopaid_page(conn, month, due, after, CHUNK);
            self.pass(day, "reminders", page, id_of, true, |tx, page, (account_id, handle)| {
                let (plain, paid) = page.plain(*account_id);
                if plain && paid_through(page.periods(*account_id), policy, due, paid) {
                    return Ok(vec![]);
                }
                let snap = page.snapshot(tx, policy, *account_id, day)?;
                let open: Money = snap
                    .bills
                    .iter()
                    .chain(&snap.upcoming)
                    .filter(|b| b.month == month && b.state != BillState::Void)
                    .map(|b| b.open)
                    .sum();
                if !open.is_positive() {
                    return Ok(vec![]);
                }
                let autopay = store::get(tx, *account_id)?.filter(|a| a.enabled).map(|a| (a.amount, a.start));
                let Some(why) = NotCovered::of(autopay, month, open) else { return Ok(vec![]) };
                Ok(vec![alert::due_soon(handle, month, due, days, open, why)])
            })?;
        }
        Ok(())
    }

    /// `grace_ending`: lines whose grace deadline is `GRACE_ENDING_DAYS`
    /// from `day` (a deadline is always a due date), with what cures them,
    /// unless paid meanwhile. Only the accounts whose grace has that deadline are read.
    pub(super) fn grace_ending(&mut self, day: NaiveDate) -> Result<()> {
        let policy = self.env.policy;
        let Some(deadline) = alert::grace_ending_on(policy, day) else { return Ok(()) };
        let accounts = reminders::grace_until(self.ledger.conn(), deadline)?;
        let page = |_: &Connection, after| Ok(after_in(&accounts, id_of, after));
        self.pass(day, "grace ending", page, id_of, false, |tx, page, (account_id, handle)| {
            let snap = page.snapshot(tx, policy, *account_id, day)?;
            let ending =
                snap.lines.iter().filter(|l| l.state == CoverageState::Grace && l.grace_deadline == Some(deadline));
            Ok(ending.filter_map(|l| alert::grace_ending(handle, l)).collect())
        })
    }

    /// `renewal_review`, on its day each year, for every account with
    /// coverage in force or about to start.
    pub(super) fn renewal_review(&mut self, day: NaiveDate) -> Result<()> {
        if !alert::renewal_review_day(day) {
            return Ok(());
        }
        let policy = self.env.policy;
        let page = |conn: &Connection, after| runs::enrolled_page(conn, after, CHUNK);
        self.pass(day, "renewal", page, id_of, true, |tx, page, (account_id, handle)| {
            let enrolled = if page.nothing_late(policy, *account_id, day) {
                // In good standing (no replay needed): enrolled while next month is billed.
                let (periods, next) = (page.periods(*account_id), Month::of(day).next());
                Line::ALL.iter().any(|&line| plan_bills(periods, line, policy, next).iter().any(|b| b.month == next))
            } else {
                let snap = page.snapshot(tx, policy, *account_id, day)?;
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
        let policy = self.env.policy;
        let days = self.env.alerts.card_expiry_days;
        let Some(exp) = alert::expiring_on(day, days) else { return Ok(()) };
        // By account (a page never splits one account's cards): its cards expiring.
        let mut cards: Vec<(i64, Vec<i64>)> = Vec::new();
        for (account_id, method_id) in reminders::autopay_cards_expiring(self.ledger.conn(), exp)? {
            match cards.last_mut() {
                Some((last, ids)) if *last == account_id => ids.push(method_id),
                _ => cards.push((account_id, vec![method_id])),
            }
        }
        let page = |_: &Connection, after| Ok(after_in(&cards, |c| c.0, after));
        self.pass(
            day,
            "cards expiring",
            page,
            |c| c.0,
            false,
            |tx, _, (account_id, method_ids)| {
                let Some(autopay) = store::get(tx, *account_id)? else { return Ok(vec![]) };
                let schedule = autopay.schedule(policy);
                let mut alerts = Vec::new();
                for &id in method_ids {
                    let Some(method) = methods::get(tx, id)? else { continue };
                    let label = method.label();
                    alerts.extend(alert::card_expiring(&autopay.handle, method.id, &label, exp, &schedule, day, days));
                }
                Ok(alerts)
            },
        )
    }

    /// A pass over pages of accounts, a page per transaction: `next_page`
    /// gives the page after account `after` (ordered by account id, `id`
    /// names an entry's account), `alerts` what to raise for one entry.
    /// `plain`: the page's plain totals are read too.
    fn pass<T>(
        &mut self,
        day: NaiveDate,
        what: &str,
        mut next_page: impl FnMut(&Connection, i64) -> Result<Vec<T>>,
        id: impl Fn(&T) -> i64,
        plain: bool,
        mut alerts: impl FnMut(&Transaction, &Page, &T) -> Result<Vec<NewAlert>>,
    ) -> Result<()> {
        let env = self.env;
        let mut after = 0;
        loop {
            let entries = next_page(self.ledger.conn(), after)?;
            let Some(last) = entries.last() else { break };
            after = id(last);
            self.report.working(&format!("{day}: {what}, account {after}"));
            let raised = self.ledger.write_recoverable(|tx| {
                let ids: Vec<i64> = entries.iter().map(&id).collect();
                let page = Page::read(tx, &ids, plain)?;
                let mut raised = Vec::new();
                for entry in &entries {
                    raised.extend(alerts(tx, &page, entry)?.into_iter().map(|a| (Some(id(entry)), a)));
                }
                crate::alerts::raise_all(tx, env.alerts, raised.iter().map(|(id, a)| (*id, a)), day)
            })?;
            self.counts.alerts += raised;
        }
        Ok(())
    }
}
