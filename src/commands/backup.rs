//! `backup FILE`: a consistent copy of the ledger while other commands run.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::Outcome;
use crate::context::Context;
use crate::ledger::backup;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write (owner-only); restore by copying it back in place of the ledger
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

/// What `backup --json` prints.
#[derive(Debug, Serialize)]
struct BackedUp {
    ledger: String,
    file: String,
    bytes: u64,
}

pub fn run(ctx: &Context, args: &BackupArgs) -> Result<Outcome> {
    // A reader: the copy is one read transaction, and writers go on meanwhile.
    // Any version: a ledger waiting for its upgrade (or from a newer hcpay) is copied as it is.
    let ledger = crate::ledger::Ledger::open_to_copy(&ctx.ledger_path)?;
    let copied = backup::copy(&ledger, &args.file, args.force)?;
    let view = BackedUp {
        ledger: ledger.path().display().to_string(),
        file: args.file.display().to_string(),
        bytes: copied.bytes,
    };
    let text = format!("backed up {} to {} ({} bytes)", view.ledger, view.file, view.bytes);
    Ok(Output::done(text, &view).into())
}
