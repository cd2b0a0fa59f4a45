//! `scheduler run [--dry-run] [--wait SECS]`: one line per thing done, as it
//! is done; alerts delivered on stdout; a closing summary. Nothing at all
//! when nothing happened.

use std::fmt::Write as _;
use std::time::Duration;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::alerts::{AlertView, Delivered};
use crate::cli::Format;
use crate::commands::Outcome;
use crate::context::Context;
use crate::error::ExitCode;
use crate::ledger::lock::SchedulerLock;
use crate::ops::scheduler::{self, Action, Env, Report, Summary};
use crate::render::{self, Output};

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Show the days, drafts and returns a run would do; change nothing, charge nothing
    #[arg(long)]
    pub dry_run: bool,
    /// When another run holds the lock, wait for it up to this many seconds (then exit 75)
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    pub wait: u64,
}

pub fn run(ctx: &Context, args: &RunArgs) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let mut printer = Printer::new(ctx);
    if args.dry_run {
        let summary = scheduler::dry_run(&ledger, ctx.policy(), ctx.as_of, &mut printer)?;
        printer.finish()?;
        return Ok(printer.outcome(summary));
    }
    // Held until the run is over; the kernel lets go if the process dies.
    let _lock = SchedulerLock::acquire(ledger.path(), Duration::from_secs(args.wait))?;
    let gateway = ctx.gateway(&ledger)?;
    let env = Env { policy: ctx.policy(), alerts: &ctx.config.alerts, gateway: gateway.as_ref() };
    let result = scheduler::run(&mut ledger, &env, ctx.as_of, &mut printer);
    let printed = printer.finish();
    let summary = result?;
    printed?;
    Ok(printer.outcome(summary))
}

/// The run's JSON document.
#[derive(Debug, Serialize)]
struct RunView {
    dry_run: bool,
    first_day: Option<NaiveDate>,
    through: Option<NaiveDate>,
    outcome: &'static str,
    counts: crate::ledger::scheduler::Counts,
    actions: Vec<Action>,
    alerts: Vec<AlertView>,
    /// The channels that failed to deliver some alerts, and the alerts given up.
    undelivered: Vec<Delivered>,
}

/// Prints each action and alert as it comes (tables), or keeps them for the
/// JSON document; shows progress on a terminal only. Lines are buffered
/// until the run flushes (a chunk's actions, a batch of alerts before it is
/// recorded as delivered), except on a terminal, where they show at once.
struct Printer {
    json: bool,
    actions: Vec<Action>,
    alerts: Vec<AlertView>,
    printed: usize,
    terminal: bool,
    bar: Option<ProgressBar>,
    out: render::Stream,
    /// An alert's line, made here without an allocation each.
    line: String,
}

impl Printer {
    fn new(ctx: &Context) -> Printer {
        Printer {
            json: ctx.format == Format::Json,
            actions: Vec::new(),
            alerts: Vec::new(),
            printed: 0,
            terminal: crate::progress::watched(ctx),
            bar: None,
            out: render::Stream::stdout(),
            line: String::new(),
        }
    }

    fn print(&mut self, text: &str) -> Result<()> {
        self.printed += 1;
        let out = &mut self.out;
        if !self.terminal {
            return Ok(out.line(text)?);
        }
        let mut show = || out.line(text).and_then(|()| out.flush());
        Ok(match &self.bar {
            Some(bar) => bar.suspend(show),
            None => show(),
        }?)
    }

    fn bar(&mut self, days: u64) -> &ProgressBar {
        self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::new(days.max(1));
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} days {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        })
    }

    fn finish(&mut self) -> Result<()> {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        Ok(self.out.flush()?)
    }

    fn outcome(self, summary: Summary) -> Outcome {
        let c = summary.counts;
        let declined = summary.declined && !summary.dry_run;
        let (code, problem) = if declined {
            let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            let why = format!(
                "{} declined, {} returned",
                plural(c.declined, "draft", "drafts"),
                plural(c.returned, "payment", "payments")
            );
            (ExitCode::Declined, Some(why))
        } else if summary.undelivered > 0 {
            let retrying = summary.undelivered - summary.given_up;
            let mut why = format!("{} alert deliveries failed", summary.undelivered);
            if retrying > 0 {
                why.push_str(&format!("; the next run tries {retrying} again"));
            }
            if summary.given_up > 0 {
                why.push_str(&format!("; {} given up after 7 days of failures", summary.given_up));
            }
            (ExitCode::Failed, Some(why))
        } else if summary.unknown {
            let why = "a draft's gateway did not answer; the next run looks it up by its key, never charging twice";
            (ExitCode::Unavailable, Some(why.to_string()))
        } else {
            (ExitCode::Done, None)
        };
        let days = match (summary.first_day, summary.through) {
            (Some(first), Some(through)) if first == through => format!("{through}"),
            (Some(first), Some(through)) => format!("{first} to {through}"),
            _ => "no day to do".into(),
        };
        // Quiet when nothing happened: cron mails only news.
        let text = if self.printed == 0 && !summary.dry_run {
            String::new()
        } else if summary.dry_run {
            format!(
                "dry run, {days}: would draft {} and return {}; nothing was changed or charged",
                c.drafts, c.returned
            )
        } else {
            let mut text = format!(
                "scheduler, {days}: {} drafts ({} paid, {} declined), {} returned, {} settled, {} alerts raised, {} delivered",
                c.drafts, c.succeeded, c.declined, c.returned, c.settled, c.alerts, c.delivered
            );
            if summary.undelivered > 0 {
                text.push_str(&format!(", {} not delivered", summary.undelivered));
            }
            text
        };
        let view = RunView {
            dry_run: summary.dry_run,
            first_day: summary.first_day,
            through: summary.through,
            outcome: if summary.dry_run { "dry_run" } else { summary.outcome() },
            counts: c,
            actions: self.actions,
            alerts: self.alerts,
            undelivered: summary.channels_failed,
        };
        let json = serde_json::to_value(view).unwrap_or_default();
        Outcome { output: Output::Done { text, json }, code, problem }
    }
}

impl Report for Printer {
    fn action(&mut self, action: &Action) -> Result<()> {
        if self.json {
            self.actions.push(action.clone());
            return Ok(());
        }
        self.print(&action.line())
    }

    fn alert(&mut self, alert: &AlertView) -> Result<()> {
        if self.json {
            self.alerts.push(alert.clone());
            return Ok(());
        }
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        write!(line, "alert {} {}: {}", alert.id, alert.kind, alert.message)?;
        let printed = self.print(&line);
        self.line = line;
        printed
    }

    fn flush(&mut self) -> Result<()> {
        Ok(self.out.flush()?)
    }

    fn undelivered(&mut self, found: &Delivered) -> Result<()> {
        if self.json {
            return Ok(());
        }
        let channel = found.channel;
        let error = found.error.as_deref().unwrap_or("-");
        if found.retrying > 0 {
            self.print(&format!("{channel}: {} alerts not delivered, tried again next run ({error})", found.retrying))?;
        }
        for id in &found.given_up {
            self.print(&format!(
                "{channel}: alert {id} not delivered after 7 days of failures: given up, marked failed ({error})"
            ))?;
        }
        Ok(())
    }

    fn day(&mut self, day: NaiveDate, index: u64, days: u64) {
        if self.terminal && days > 1 {
            let bar = self.bar(days);
            bar.set_position(index);
            bar.set_message(day.to_string());
        }
    }

    fn working(&mut self, note: &str) {
        if self.terminal {
            self.bar(1).set_message(note.to_string());
        }
    }
}
