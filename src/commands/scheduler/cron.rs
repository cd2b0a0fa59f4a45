//! `scheduler cron-line`: a crontab line for this ledger and config. No
//! `flock` around it: the run takes its own lock.

use std::path::Path;

use anyhow::{Context as _, Result};
use clap::Args;
use serde::Serialize;

use crate::commands::Outcome;
use crate::context::Context;
use crate::error::invalid;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct CronArgs {
    /// The time of day to run, HH:MM in the machine's local time (drafts go by the local date)
    #[arg(long, value_name = "HH:MM", default_value = "06:17")]
    pub at: String,
}

#[derive(Debug, Serialize)]
struct CronView {
    line: String,
    schedule: String,
    binary: String,
    ledger: String,
    config: String,
}

/// `'text'` for /bin/sh, with `%` escaped for cron (which reads it as a newline).
fn quoted(path: &Path) -> String {
    let text = path.display().to_string().replace('\'', r"'\''").replace('%', r"\%");
    format!("'{text}'")
}

fn at(text: &str) -> Result<(u32, u32)> {
    let parsed = text.split_once(':').and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)));
    match parsed {
        Some((h, m)) if h < 24 && m < 60 => Ok((h, m)),
        _ => Err(invalid(format!("--at `{text}` is not a time of day (HH:MM, e.g. 06:17)")).into()),
    }
}

pub fn run(ctx: &Context, args: &CronArgs) -> Result<Outcome> {
    let (hour, minute) = at(&args.at)?;
    let binary = std::env::current_exe().context("cannot find the hcpay binary's own path")?;
    let ledger = std::path::absolute(&ctx.ledger_path)?;
    let config = std::path::absolute(&ctx.config_path)?;
    let schedule = format!("{minute} {hour} * * *");
    let line = format!(
        "{schedule} {} --ledger {} --config {} scheduler run --wait 3600",
        quoted(&binary),
        quoted(&ledger),
        quoted(&config)
    );
    let text = format!(
        "# hcpay: autopay drafts, retries, bank returns and alerts, daily at {hour:02}:{minute:02}.\n\
         # The run locks the ledger itself (no flock needed); cron mails what it prints, and it prints only news.\n{line}"
    );
    let view = CronView {
        line,
        schedule,
        binary: binary.display().to_string(),
        ledger: ledger.display().to_string(),
        config: config.display().to_string(),
    };
    Ok(Output::Doc { text, json: serde_json::to_value(view)? }.into())
}
