//! `alerts [list] [--all]` and `alerts ack ID|--all`: the outbox as a list.
//! Alerts are raised by other commands and delivered by `scheduler run`.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Outcome;
use crate::alerts::{self as channels, stdout::Stdout, Channel};
use crate::config::Channel as ChannelKind;
use crate::context::Context;
use crate::error::invalid;
use crate::error::ExitCode;
use crate::ledger::accounts;
use crate::ledger::alerts as store;
use crate::ledger::audit;
use crate::render::{Column, Listing, Output, Row};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub command: Option<AlertsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Open alerts, newest first, of every account (or --account's) [the default]
    List(ListArgs),
    /// Acknowledge an alert, which hides it from the list (--all: every open one)
    Ack(AckArgs),
    /// Send a test alert through each configured channel (or --channel's): delivered, or why not
    #[command(long_about = "Send one test alert through each configured channel (or only --channel's) and say, per \
                      channel, whether it was delivered or why not. The test alert is never stored: it has id 0 and \
                      kind `test`, so a receiver can tell it from a real alert. Exits 1 when any channel failed. A \
                      channel with a table in the config but not listed in `channels` can be tested with --channel \
                      before it is turned on.")]
    Test(TestArgs),
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Only this channel
    #[arg(long, value_enum, value_name = "CHANNEL")]
    pub channel: Option<ChannelKind>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Acknowledged alerts too
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct AckArgs {
    /// The alert's id (see `hcpay alerts`)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub id: Option<i64>,
    /// Every open alert (of --account, when named)
    #[arg(long)]
    pub all: bool,
}

pub fn run(ctx: &Context, args: AlertsArgs) -> Result<Outcome> {
    match args.command {
        None => list(ctx, &args.list),
        Some(AlertsCommand::List(list_args)) => list(ctx, &list_args),
        Some(AlertsCommand::Ack(ack_args)) => ack(ctx, &ack_args),
        Some(AlertsCommand::Test(test_args)) => test(ctx, &test_args),
    }
}

pub use crate::alerts::AlertView;

impl Row for AlertView {
    const COLUMNS: &'static [Column] = &[
        Column::text("id", "ID"),
        Column::text("account", "Account"),
        Column::text("kind", "Kind"),
        Column::text("created", "Created"),
        Column::text("message", "Message"),
        Column::text("acked", "Acked"),
        // Each channel's state, attempts and last error: `webhook pending 2 ...`.
        Column::text("deliveries", "Deliveries"),
    ];
}

/// What `alerts ack --all --json` prints.
#[derive(Debug, Serialize)]
struct Acknowledged {
    acknowledged: usize,
}

/// The alerts of `--account` (or of every account when none is named).
fn account_filter(ctx: &Context, conn: &rusqlite::Connection) -> Result<Option<i64>> {
    ctx.account().map(|handle| accounts::resolve(conn, Some(handle)).map(|a| a.rowid)).transpose()
}

fn list(ctx: &Context, args: &ListArgs) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let account = account_filter(ctx, ledger.conn())?;
    let views: Vec<AlertView> = store::list(ledger.conn(), account, args.all)?.iter().map(AlertView::from).collect();
    Ok(Output::List(listing(&views, if args.all { "no alerts" } else { "no open alerts" })).into())
}

/// Alerts as `alerts` rows.
pub fn listing(views: &[AlertView], empty: &str) -> Listing {
    Listing::of(views, empty)
}

fn ack(ctx: &Context, args: &AckArgs) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let account = account_filter(ctx, ledger.conn())?;
    let Some(id) = args.id else {
        let n = ledger.write(|tx| {
            let n = store::ack_all(tx, account, ctx.as_of)?;
            audit::append(tx, ctx.clock(), account, "alerts ack", &format!("{n} alerts acknowledged"))?;
            Ok(n)
        })?;
        let text = format!("acknowledged {n} alert{}", if n == 1 { "" } else { "s" });
        return Ok(Output::done(text, &Acknowledged { acknowledged: n }).into());
    };
    let alert = store::get(ledger.conn(), id)?;
    let alert = match alert {
        Some(a) if account.is_none() || a.account.as_deref() == ctx.account() => a,
        _ => return Err(invalid(format!("no alert {id}")).hint("`hcpay alerts --all` lists them").into()),
    };
    let owner = match &alert.account {
        Some(handle) => accounts::find(ledger.conn(), handle)?.map(|a| a.rowid),
        None => None,
    };
    let newly = ledger.write(|tx| {
        let newly = store::ack(tx, id, ctx.as_of)?;
        if newly {
            audit::append(tx, ctx.clock(), owner, "alerts ack", &format!("alert {id} acknowledged"))?;
        }
        Ok(newly)
    })?;
    let text = if newly { format!("acknowledged alert {id}") } else { format!("alert {id} was already acknowledged") };
    let view = AlertView::from(&store::get(ledger.conn(), id)?.expect("an alert is never deleted"));
    Ok(Output::Done { text, json: serde_json::to_value(view)? }.into())
}

/// One channel's answer to `alerts test`.
#[derive(Debug, Serialize)]
struct TestedView {
    channel: &'static str,
    /// `delivered` or `failed`.
    state: &'static str,
    /// What the channel did, or why it failed.
    detail: String,
}

impl Row for TestedView {
    const COLUMNS: &'static [Column] =
        &[Column::text("channel", "Channel"), Column::text("state", "State"), Column::text("detail", "Detail")];
}

/// Sends the test alert (never stored) through each configured channel, or
/// the one named: which needs its table, but not to be listed yet.
fn test(ctx: &Context, args: &TestArgs) -> Result<Outcome> {
    let config = &ctx.config.alerts;
    let kinds = match args.channel {
        Some(kind) => {
            let configured = match kind {
                ChannelKind::Stdout => true,
                ChannelKind::Email => config.email.is_some(),
                ChannelKind::Webhook => config.webhook.is_some(),
                ChannelKind::Command => config.command.is_some(),
            };
            if !configured {
                let name = channels::channel_name(kind);
                return Err(invalid(format!("the {name} channel is not configured"))
                    .hint(format!("add an [alerts.{name}] table to {}", ctx.config_path.display()))
                    .into());
            }
            vec![kind]
        }
        None => config.channels.clone(),
    };
    let alert = AlertView::test(None, ctx.as_of);
    let mut rows = Vec::new();
    for kind in kinds {
        let mut line = None;
        let outcome = if kind == ChannelKind::Stdout {
            // Its line is the row's detail: printed with the others.
            let mut sink = |a: &AlertView| {
                line = Some(format!("alert {} {}: {}", a.id, a.kind, a.message));
                Ok(())
            };
            Stdout { sink: &mut sink }.deliver(&alert)
        } else {
            channels::open(kind, config).deliver(&alert)
        };
        let (state, detail) = match outcome {
            Ok(()) => ("delivered", line.unwrap_or_else(|| "the test alert was accepted".to_string())),
            Err(why) => ("failed", why),
        };
        rows.push(TestedView { channel: channels::channel_name(kind), state, detail });
    }
    let failed = rows.iter().filter(|r| r.state == "failed").count();
    let output = Output::List(Listing::of(&rows, "no channel is configured"));
    if failed == 0 {
        return Ok(output.into());
    }
    let problem = format!("{failed} of {} channels failed to deliver the test alert", rows.len());
    Ok(Outcome::failed(output, ExitCode::Failed, problem))
}
