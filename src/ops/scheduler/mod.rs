//! `scheduler run` (DESIGN §6): brings the ledger up to the clock, day by
//! day, each day with its own date:
//!
//! 1. (the caller holds the scheduler lock);
//! 2. attempts left unsettled are settled by lookup, a run that died is
//!    completed, and bank payments whose return date has come are returned;
//! 3. bills need no issuing (they follow from rate periods), but their
//!    statement day raises `autopay_scheduled` and `premium_changed`;
//! 4. autopay drafts on the draft day, retries on the retry days, the
//!    fallback at once on a decline (`drafts`);
//! 5. coverage moves by itself (it is a replay); the day after a due date
//!    raises `past_due`, `grace_started`, `coverage_terminated` and
//!    `gap_risk`, and the reminders come on their days (`due_soon`,
//!    `grace_ending`, `method_expiring`, `renewal_review`: `notices`);
//! 6. alerts are delivered on every configured channel and 7. the caller
//!    prints the summary.
//!
//! Work is chunked: one transaction per chunk of accounts, and a day only
//! touches the accounts with something to do that day (found by index).
//! A run that dies at any point leaves a ledger the next run completes:
//! each draft's attempt is committed before it is sent, under its key.

mod drafts;
mod dry;
mod notices;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::alerts::stdout::{Sink, Stdout};
use crate::alerts::{self, AlertView, Delivered};
use crate::config::{AlertsConfig, Channel as ChannelKind};
use crate::core::alert::{coverage_day, NewAlert};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::payment::PaymentStatus;
use crate::core::policy::Policy;
use crate::gateway::Gateway;
use crate::ledger::scheduler::{self as runs, Counts};
use crate::ledger::{autopay as store, Ledger};

pub use dry::dry_run;

/// Accounts (or drafts) per transaction.
const CHUNK: usize = 2000;

/// What the run works with.
pub struct Env<'a> {
    pub policy: &'a Policy,
    pub alerts: &'a AlertsConfig,
    pub gateway: &'a dyn Gateway,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// A draft went through.
    Drafted,
    /// A draft was declined (what happens next is in the detail).
    Declined,
    /// A draft's gateway did not answer: looked up by its key next run.
    Unknown,
    /// Nothing drafted for a month (paid, covered, void), or nothing left to draft from.
    Skipped,
    /// A bank payment came back.
    Returned,
    /// An attempt left unsettled by an earlier command, settled by lookup.
    Settled,
    /// What a dry run would draft.
    WouldDraft,
    /// What a dry run would return.
    WouldReturn,
}

/// One thing the run did, for the summary (`--json`: `actions`).
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub date: NaiveDate,
    pub account: String,
    pub action: ActionKind,
    pub coverage_month: Option<Month>,
    pub amount: Option<Money>,
    pub payment_id: Option<i64>,
    pub status: Option<PaymentStatus>,
    pub failure_code: Option<String>,
    pub method: Option<String>,
    pub reference: Option<String>,
    pub detail: String,
}

impl Action {
    fn new(date: NaiveDate, account: &str, action: ActionKind, detail: String) -> Action {
        Action {
            date,
            account: account.to_string(),
            action,
            coverage_month: None,
            amount: None,
            payment_id: None,
            status: None,
            failure_code: None,
            method: None,
            reference: None,
            detail,
        }
    }

    /// The summary line: `2027-01-22  smith  drafted $232.00 for 2027-02 ...`.
    pub fn line(&self) -> String {
        format!("{}  {}  {}", self.date, self.account, self.detail)
    }
}

/// Where the run says what it did, as it goes.
pub trait Report {
    fn action(&mut self, action: &Action) -> Result<()>;
    /// An alert delivered on the stdout channel.
    fn alert(&mut self, alert: &AlertView) -> Result<()>;
    /// Writes out what was reported so far (a report may buffer it until then).
    fn flush(&mut self) -> Result<()> {
        Ok(())
    }
    /// A channel failed to deliver some alerts this run.
    fn undelivered(&mut self, _: &Delivered) -> Result<()> {
        Ok(())
    }
    /// Day `index` (from 0) of `days` begins.
    fn day(&mut self, day: NaiveDate, index: u64, days: u64);
    /// Progress within a day's long pass.
    fn working(&mut self, note: &str);
}

/// What a run came to.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub first_day: Option<NaiveDate>,
    pub through: Option<NaiveDate>,
    pub counts: Counts,
    /// A draft was declined: exit 3.
    pub declined: bool,
    /// A draft's fate is unknown: exit 75 (unless one was declined).
    pub unknown: bool,
    /// Alert deliveries that failed (kept for the next run, or given up
    /// after 7 days): exit 1.
    pub undelivered: u32,
    /// Of those, the ones given up on this run.
    pub given_up: u32,
    /// The channels that failed, with what they found.
    pub channels_failed: Vec<Delivered>,
    pub dry_run: bool,
}

impl Summary {
    pub fn outcome(&self) -> &'static str {
        if self.declined {
            "declined"
        } else if self.unknown {
            "unknown"
        } else {
            "ok"
        }
    }
}

/// The first day a run does: the day after the last one done, or, on the
/// first run, the earliest first draft of an autopay (so none is missed).
pub fn first_day(conn: &Connection, as_of: NaiveDate) -> Result<(NaiveDate, bool)> {
    Ok(match runs::through(conn)? {
        Some(through) => (through + Days::new(1), false),
        None => (store::earliest_first_draft(conn)?.map_or(as_of, |d| d.min(as_of)), true),
    })
}

/// The run: every day from the first one not done through `as_of`.
pub fn run(ledger: &mut Ledger, env: &Env, as_of: NaiveDate, report: &mut dyn Report) -> Result<Summary> {
    ledger.stable_plans()?;
    // A chunk's pages stay cached from the transaction that begins its drafts
    // to the one that records their answers (well under the 64 MB a run may use).
    ledger.conn().pragma_update(None, "cache_size", -16_384)?;
    // Fewer, larger checkpoints: a page written by every chunk goes back to the file less often.
    ledger.conn().pragma_update(None, "wal_autocheckpoint", 8_192)?;
    let run_id = ledger.write(|tx| runs::start(tx, as_of))?;
    let mut run = Scheduler { ledger, env, report, counts: Counts::default(), summary: Summary::default() };
    let result = run.days(run_id, as_of);
    let Scheduler { ledger, counts, mut summary, .. } = run;
    summary.counts = counts;
    let (outcome, error) = match &result {
        Ok(()) => (summary.outcome(), None),
        Err(e) => ("failed", Some(format!("{e:#}"))),
    };
    // Best effort: the run's own record must not hide the error that ended it.
    let recorded = ledger.write(|tx| runs::finish(tx, run_id, outcome, &summary.counts, error.as_deref()));
    result?;
    recorded?;
    Ok(summary)
}

struct Scheduler<'a> {
    ledger: &'a mut Ledger,
    env: &'a Env<'a>,
    report: &'a mut dyn Report,
    counts: Counts,
    summary: Summary,
}

impl Scheduler<'_> {
    fn days(&mut self, run_id: i64, as_of: NaiveDate) -> Result<()> {
        let (first, first_ever) = first_day(self.ledger.conn(), as_of)?;
        // What earlier commands (or a run that died) left, on the first day to do.
        let today = first.min(as_of);
        self.settle_in_flight(today)?;
        self.recover(today)?;
        let days = (as_of - first).num_days().max(-1) + 1;
        for (index, day) in first.iter_days().take(days as usize).enumerate() {
            self.report.day(day, index as u64, days as u64);
            self.day(day, first_ever && index == 0)?;
            self.ledger.write_recoverable(|tx| runs::day_done(tx, run_id, day))?;
            self.summary.first_day.get_or_insert(day);
            self.summary.through = Some(day);
        }
        self.deliver(as_of)
    }

    /// One day's work, with that day's date.
    fn day(&mut self, day: NaiveDate, everyone: bool) -> Result<()> {
        let policy = self.env.policy;
        let mut touched = BTreeSet::new();
        self.returns(day, &mut touched)?;
        if day.day() == policy.statement_day {
            self.statement_notices(day)?;
        }
        self.drafts(day, &mut touched)?;
        self.due_soon(day)?;
        self.grace_ending(day)?;
        self.method_expiring(day)?;
        self.renewal_review(day)?;
        // Coverage moves the day after a due date; a lapse's gap grows the day after the change cutoff.
        if everyone || coverage_day(day, policy.due_day) || coverage_day(day, policy.change_cutoff_day) {
            self.coverage(day, None, everyone)?;
        } else if !touched.is_empty() {
            // A return or a decline may have made a bill late at once.
            self.coverage(day, Some(&touched), true)?;
        }
        Ok(())
    }

    fn emit(&mut self, actions: Vec<Action>) -> Result<()> {
        for action in &actions {
            match action.action {
                ActionKind::Drafted => self.counts.succeeded += 1,
                ActionKind::Declined => {
                    self.counts.declined += 1;
                    self.summary.declined = true;
                }
                ActionKind::Unknown => self.summary.unknown = true,
                // A payment that came back failed after all.
                ActionKind::Returned => {
                    self.counts.returned += 1;
                    self.summary.declined = true;
                }
                ActionKind::Settled => self.counts.settled += 1,
                _ => {}
            }
            self.report.action(action)?;
        }
        self.report.flush()
    }

    /// Step 6: alerts waiting on each configured channel are delivered
    /// (stdout: lines of the output); failures are kept for the next run,
    /// until 7 days of them (by the clock) give an alert up.
    fn deliver(&mut self, today: NaiveDate) -> Result<()> {
        for &kind in &self.env.alerts.channels {
            let found = if kind == ChannelKind::Stdout {
                alerts::deliver(self.ledger, &mut Stdout { sink: &mut Lines(&mut *self.report) }, today)?
            } else {
                alerts::deliver(self.ledger, alerts::open(kind, self.env.alerts).as_mut(), today)?
            };
            self.counts.delivered += found.delivered;
            if found.failed() > 0 {
                self.summary.undelivered += found.failed();
                self.summary.given_up += found.given_up.len() as u32;
                self.report.undelivered(&found)?;
                self.summary.channels_failed.push(found);
            }
        }
        Ok(())
    }
}

/// The stdout channel writes into the run's report.
struct Lines<'a>(&'a mut dyn Report);

impl Sink for Lines<'_> {
    fn alert(&mut self, alert: &AlertView) -> Result<()> {
        self.0.alert(alert)
    }

    fn flush(&mut self) -> Result<()> {
        self.0.flush()
    }
}

/// Raises an alert for an account inside the caller's transaction; counts it when new.
fn raise(
    tx: &Connection,
    env: &Env,
    account_id: i64,
    alert: &NewAlert,
    day: NaiveDate,
    counts: &mut u32,
) -> Result<()> {
    if alerts::raise(tx, env.alerts, Some(account_id), alert, day)?.is_some() {
        *counts += 1;
    }
    Ok(())
}
