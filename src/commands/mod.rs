//! One module per command group: read the arguments, call the core and the
//! ledger, return what to show. Rules live in `core`, SQL in `ledger`.

pub mod account;
pub mod alerts;
pub mod autopay;
pub mod backup;
pub mod balance;
pub mod bills;
pub mod demo;
pub mod docs;
pub mod export;
pub mod history;
pub mod import;
pub mod init;
pub mod method;
pub mod pay;
pub mod plan;
pub mod receipt;
pub mod reconcile;
pub mod refund;
pub mod report;
pub mod scheduler;
pub mod status;
pub mod status_all;

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::core::coverage::{evaluate, Snapshot};
use crate::error::ExitCode;
use crate::ledger::accounts::{self, Account};
use crate::ledger::{payments, plans};
use crate::render::{self, Output};

/// What a command produced: something to show and how to exit.
pub struct Outcome {
    pub output: Output,
    pub code: ExitCode,
    /// Why the command did not succeed, for stderr, when it still has
    /// something to show (a declined payment is shown, then reported).
    pub problem: Option<String>,
}

impl Outcome {
    pub fn failed(output: Output, code: ExitCode, problem: String) -> Outcome {
        Outcome { output, code, problem: Some(problem) }
    }
}

impl From<Output> for Outcome {
    fn from(output: Output) -> Outcome {
        Outcome { output, code: ExitCode::Done, problem: None }
    }
}

/// Runs a command; gives its exit code and, when it failed after showing its
/// result, the one line that says why.
pub fn run(cli: Cli) -> Result<(ExitCode, Option<String>)> {
    // Completions and the man page need neither config nor ledger.
    match &cli.command {
        Command::Completions { shell } => return docs::completions(*shell).map(|()| (ExitCode::Done, None)),
        Command::Man { dir } => return docs::man(dir.as_deref()).map(|()| (ExitCode::Done, None)),
        _ => {}
    }
    let ctx = Context::new(&cli.global)?;
    let outcome = match cli.command {
        Command::Init => init::run(&ctx)?,
        Command::Demo => demo::run(&ctx)?,
        Command::Account(cmd) => account::run(&ctx, cmd)?,
        Command::Plan(cmd) => plan::run(&ctx, cmd)?,
        Command::Import(cmd) => import::run(&ctx, cmd)?,
        Command::Status(args) => status::run(&ctx, &args)?,
        Command::Balance => balance::run(&ctx)?,
        Command::Method(cmd) => method::run(&ctx, cmd)?,
        Command::Pay(args) => pay::run(&ctx, &args)?,
        Command::Refund(args) => refund::refund(&ctx, &args)?,
        Command::Void(args) => refund::void(&ctx, &args)?,
        Command::Receipt(args) => receipt::run(&ctx, &args)?,
        Command::History(args) => history::run(&ctx, &args)?,
        Command::Bills(args) => bills::run(&ctx, &args)?,
        Command::Autopay(cmd) => autopay::run(&ctx, cmd)?,
        Command::Scheduler(cmd) => scheduler::run(&ctx, cmd)?,
        Command::Alerts(args) => alerts::run(&ctx, args)?,
        Command::Report(cmd) => report::run(&ctx, &cmd)?,
        Command::Reconcile(args) => reconcile::run(&ctx, &args)?,
        Command::Export(cmd) => export::run(&ctx, &cmd)?,
        Command::Backup(args) => backup::run(&ctx, &args)?,
        Command::Completions { .. } | Command::Man { .. } => unreachable!("handled above"),
    };
    render::emit(&outcome.output, ctx.format, ctx.quiet, ctx.color)?;
    Ok((outcome.code, outcome.problem))
}

/// The account a method or payment `what id` belongs to, checked against
/// `--account` when one is named (another account's id is unknown to it).
pub fn owning_account(ctx: &Context, conn: &Connection, owner: i64, what: &str, id: i64) -> Result<Account> {
    let account = match ctx.account() {
        Some(handle) => accounts::resolve(conn, Some(handle))?,
        None => accounts::get(conn, owner)?.ok_or_else(|| anyhow::anyhow!("{what} {id} has no account"))?,
    };
    if owner != account.rowid {
        return Err(crate::error::invalid(format!("no {what} {id} for account {}", account.handle)).into());
    }
    Ok(account)
}

/// One account as of the clock: its bills, balances and coverage.
pub fn snapshot(ctx: &Context, conn: &Connection, account: &Account) -> Result<Snapshot> {
    snapshot_counting(ctx, conn, account, Counting::Settled)
}

/// Which payments a snapshot counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Those that went through: what the account stands at.
    Settled,
    /// Those and every attempt still in flight, as if it went through: what a
    /// new payment must not ask for again.
    WithInFlight,
}

pub fn snapshot_counting(ctx: &Context, conn: &Connection, account: &Account, counting: Counting) -> Result<Snapshot> {
    let periods = plans::for_account(conn, account.rowid)
        .with_context(|| format!("reading the rate periods of {}", account.handle))?;
    let payments = match counting {
        Counting::Settled => payments::facts_for(conn, account.rowid),
        Counting::WithInFlight => payments::facts_with_in_flight(conn, account.rowid),
    }
    .with_context(|| format!("reading the payments of {}", account.handle))?;
    Ok(evaluate(&periods, &payments, ctx.policy(), ctx.as_of))
}
