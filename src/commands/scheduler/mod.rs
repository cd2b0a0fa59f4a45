//! `scheduler run|status|cron-line`: the unattended half, run from cron.

mod cron;
mod run;

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;

use super::Outcome;
use crate::context::Context;
use crate::ledger::lock::SchedulerLock;
use crate::ledger::scheduler::{self as runs, Counts, Waiting};
use crate::render::Output;

pub use run::RunArgs;

#[derive(Debug, Subcommand)]
pub enum SchedulerCommand {
    /// Bring the ledger up to today, day by day: settle, bank returns, drafts, retries, alerts
    #[command(long_about = "Bring the ledger up to today, day by day, each with its own date: settle \
        attempts whose answer never came, return bank payments whose return date has come, draft autopay \
        on the draft day (the fallback at once on a decline, retries on the retry days), raise alerts and \
        deliver them on stdout. Days missed since the last run are caught up in order; a second run on \
        the same day changes nothing.\n\n\
        Quiet when nothing happened, so cron mails only news. Exits 3 when a draft was declined or a \
        payment returned, 75 when another run holds the lock (or a gateway did not answer), 1 on failure.")]
    Run(RunArgs),
    /// The last run (its days, outcome and counts), what is waiting, and whether a run holds the lock
    Status,
    /// Print a crontab line that runs `scheduler run` daily for this ledger and config
    CronLine(cron::CronArgs),
}

pub fn run(ctx: &Context, cmd: SchedulerCommand) -> Result<Outcome> {
    match cmd {
        SchedulerCommand::Run(args) => run::run(ctx, &args),
        SchedulerCommand::Status => status(ctx),
        SchedulerCommand::CronLine(args) => cron::run(ctx, &args),
    }
}

#[derive(Debug, Serialize)]
struct LastRun {
    id: i64,
    started_at: String,
    finished_at: Option<String>,
    as_of: chrono::NaiveDate,
    first_day: Option<chrono::NaiveDate>,
    through: Option<chrono::NaiveDate>,
    /// `ok`, `declined`, `unknown`, `failed`, or `running` (`died` when no run holds the lock).
    outcome: String,
    counts: Counts,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct StatusView {
    ledger: String,
    /// The last day done: the next run starts the day after.
    through: Option<chrono::NaiveDate>,
    locked: bool,
    last_run: Option<LastRun>,
    waiting: Waiting,
}

fn status(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger()?;
    let conn = ledger.conn();
    let locked = SchedulerLock::held(ledger.path())?;
    let last = runs::last(conn)?.map(|r| LastRun {
        id: r.id,
        started_at: r.started_at,
        finished_at: r.finished_at,
        as_of: r.as_of,
        first_day: r.first_day,
        through: r.through,
        outcome: if r.outcome == "running" && !locked { "died".into() } else { r.outcome },
        counts: r.counts,
        error: r.error,
    });
    let view = StatusView {
        ledger: ledger.path().display().to_string(),
        through: runs::through(conn)?,
        locked,
        last_run: last,
        waiting: runs::waiting(conn)?,
    };
    let mut text = match &view.last_run {
        None => "the scheduler has never run on this ledger".to_string(),
        Some(r) => {
            let days = match (r.first_day, r.through) {
                (Some(first), Some(through)) if first == through => format!("did {through}"),
                (Some(first), Some(through)) => format!("did {first} to {through}"),
                _ => "had no day to do".into(),
            };
            let c = &r.counts;
            format!(
                "last run {} (as of {}): {}, {days}; {} drafts ({} paid, {} declined), {} returned, {} settled, {} alerts raised, {} delivered{}",
                r.started_at,
                r.as_of,
                r.outcome,
                c.drafts,
                c.succeeded,
                c.declined,
                c.returned,
                c.settled,
                c.alerts,
                c.delivered,
                r.error.as_deref().map(|e| format!("\nerror: {e}")).unwrap_or_default()
            )
        }
    };
    if let Some(through) = view.through {
        text.push_str(&format!("\nthe ledger is up to date through {through}"));
    }
    text.push_str(&format!(
        "\nlock: {}\nwaiting: {} alerts to deliver, {} drafts being sent, {} retries scheduled",
        if locked { "held by a run now" } else { "free" },
        view.waiting.alerts_undelivered,
        view.waiting.drafts_sending,
        view.waiting.drafts_retry
    ));
    Ok(Output::Doc { text, json: serde_json::to_value(&view)? }.into())
}
