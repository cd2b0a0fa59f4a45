//! `alerts [list] [--all]` and `alerts ack ID|--all`: the outbox as a list.
//! Alerts are raised by other commands and delivered by `scheduler run`.

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Outcome;
use crate::context::Context;
use crate::core::alert::AlertKind;
use crate::error::invalid;
use crate::ledger::accounts;
use crate::ledger::alerts::{self as store, Alert};
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
    }
}

/// An alert as `alerts` rows show it (DESIGN §3).
#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    pub id: i64,
    pub account: Option<String>,
    pub kind: AlertKind,
    pub created: NaiveDate,
    pub message: String,
    pub acked: bool,
    pub deliveries: Vec<DeliveryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliveryView {
    pub channel: String,
    pub state: String,
    pub attempts: u32,
}

impl From<&Alert> for AlertView {
    fn from(a: &Alert) -> AlertView {
        AlertView {
            id: a.id,
            account: a.account.clone(),
            kind: a.kind,
            created: a.created_on,
            message: a.message.clone(),
            acked: a.acked,
            deliveries: a
                .deliveries
                .iter()
                .map(|d| DeliveryView { channel: d.channel.clone(), state: d.state.clone(), attempts: d.attempts })
                .collect(),
        }
    }
}

impl Row for AlertView {
    const COLUMNS: &'static [Column] = &[
        Column::text("id", "ID"),
        Column::text("account", "Account"),
        Column::text("kind", "Kind"),
        Column::text("created", "Created"),
        Column::text("message", "Message"),
        Column::text("acked", "Acked"),
        // Each channel's state and attempts: `stdout delivered 1`.
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
