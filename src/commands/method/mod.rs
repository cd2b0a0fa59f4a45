//! `method add|list|show|verify|update|default|remove`: bank accounts and cards.

pub mod add;
mod update;
mod verify;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::Connection;
use serde::Serialize;

use super::Outcome;
use crate::context::Context;
use crate::core::alert::{method_changed, MethodChange};
use crate::core::method::{Brand, Expiry, MethodState};
use crate::core::policy::MethodKind;
use crate::error::invalid;
use crate::gateway::GatewayError;
use crate::ledger::accounts::{self, Account};
use crate::ledger::audit;
use crate::ledger::methods::{self, Method};
use crate::render::{Column, Listing, Output, Row};

#[derive(Debug, Subcommand)]
pub enum MethodCommand {
    /// Add a bank account or a card; numbers can come from a hidden prompt or `-` (stdin)
    #[command(subcommand)]
    Add(add::AddCommand),
    /// The account's methods
    List,
    /// One method in full
    Show(IdArg),
    /// Confirm a bank account's two micro-deposit amounts (three wrong tries lock it)
    Verify(verify::VerifyArgs),
    /// Change a method, keeping its id (autopay follows it); new numbers mean a new token
    Update(update::UpdateArgs),
    /// Make a method the one payments use unless told otherwise
    Default(IdArg),
    /// Remove a method (its past payments keep naming it)
    Remove(IdArg),
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// The method's id (see `hcpay method list`)
    pub id: i64,
}

pub fn run(ctx: &Context, cmd: MethodCommand) -> Result<Outcome> {
    match cmd {
        MethodCommand::Add(cmd) => add::run(ctx, cmd),
        MethodCommand::List => list(ctx),
        MethodCommand::Show(arg) => show(ctx, arg.id),
        MethodCommand::Verify(args) => verify::run(ctx, &args),
        MethodCommand::Update(args) => update::run(ctx, args),
        MethodCommand::Default(arg) => make_default(ctx, arg.id),
        MethodCommand::Remove(arg) => remove(ctx, arg.id),
    }
}

/// `Visa ending 4242`, `checking ending 6789`.
pub fn label(method: &Method) -> String {
    method.label()
}

/// The security notice (`method_changed`) of a change to `method`, raised
/// inside the transaction that makes it, right after its audit entry: that
/// entry's id tells this change from the next one of the same kind.
pub fn notify(ctx: &Context, tx: &Connection, account: &Account, method: &Method, change: MethodChange) -> Result<()> {
    let seq = tx.last_insert_rowid();
    let alert = method_changed(&account.handle, method.id, &label(method), change, ctx.as_of, seq);
    crate::alerts::raise(tx, &ctx.config.alerts, Some(account.rowid), &alert, ctx.as_of)?;
    Ok(())
}

/// One method in `method list` (DESIGN §3).
#[derive(Debug, Serialize)]
pub struct MethodRow<'a> {
    id: i64,
    kind: MethodKind,
    nickname: Option<&'a str>,
    brand: Brand,
    last4: &'a str,
    exp: Option<Expiry>,
    state: MethodState,
    default: bool,
}

impl Row for MethodRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("id", "ID"),
        Column::text("kind", "Kind"),
        Column::text("nickname", "Nickname"),
        Column::text("brand", "Brand"),
        Column::text("last4", "Last 4"),
        Column::text("exp", "Expires"),
        Column::state("state", "State"),
        Column::text("default", "Default"),
    ];
}

impl<'a> MethodRow<'a> {
    pub fn new(m: &'a Method, today: NaiveDate) -> MethodRow<'a> {
        MethodRow {
            id: m.id,
            kind: m.kind(),
            nickname: m.nickname.as_deref(),
            brand: m.brand,
            last4: &m.last4,
            exp: m.exp,
            state: m.shown_state(today),
            default: m.is_default,
        }
    }
}

/// One method in full (`method add`, `show` and the others that change one).
#[derive(Debug, Serialize)]
pub struct MethodView<'a> {
    #[serde(flatten)]
    row: MethodRow<'a>,
    holder: &'a str,
    routing: Option<&'a str>,
}

pub fn method_view(m: &Method, today: NaiveDate) -> MethodView<'_> {
    MethodView { row: MethodRow::new(m, today), holder: &m.holder, routing: m.routing.as_deref() }
}

fn method_text(method: &Method, today: NaiveDate) -> String {
    format!(
        "method {}: {}{}\nstate    {}{}\nholder   {}{}",
        method.id,
        label(method),
        method.nickname.as_deref().map(|n| format!(" \"{n}\"")).unwrap_or_default(),
        method.shown_state(today),
        if method.is_default { " (default)" } else { "" },
        method.holder,
        method.exp.map(|e| format!("\nexpires  {e}")).unwrap_or_default(),
    )
}

/// A method of the account in context (or of whichever account owns it when
/// none is named). Unknown or removed ids are input errors.
pub fn find(ctx: &Context, conn: &Connection, id: i64) -> Result<(Account, Method)> {
    let method = methods::get(conn, id)?.filter(|m| m.state != MethodState::Removed);
    let Some(method) = method else {
        return Err(invalid(format!("no method {id}")).hint("`hcpay method list` shows the methods").into());
    };
    let account = super::owning_account(ctx, conn, method.account_id, "method", id)?;
    Ok((account, method))
}

/// A gateway that could not answer a method operation: nothing was saved.
pub fn gateway_failed(e: GatewayError) -> anyhow::Error {
    match e {
        GatewayError::Refused(why) => invalid(format!("the gateway refused the method: {why}")).into(),
        e @ GatewayError::NotStarted(_) => anyhow::anyhow!("{e}; nothing was saved"),
        other => crate::error::unavailable(format!("{other}; nothing was saved, try again")).into(),
    }
}

fn list(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let all = methods::list(ledger.conn(), account.rowid)?;
    let rows: Vec<MethodRow> = all.iter().map(|m| MethodRow::new(m, ctx.as_of)).collect();
    let empty =
        format!("no methods for {}: add one with `hcpay method add card` or `hcpay method add bank`", account.handle);
    Ok(Output::List(Listing::of(&rows, empty)).into())
}

fn show(ctx: &Context, id: i64) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let (_, method) = find(ctx, ledger.conn(), id)?;
    Ok(Output::doc(method_text(&method, ctx.as_of), &method_view(&method, ctx.as_of)).into())
}

fn make_default(ctx: &Context, id: i64) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let (account, method) = find(ctx, ledger.conn(), id)?;
    let text = format!("method {id} ({}) is now the default for {}", label(&method), account.handle);
    ledger.write(|tx| {
        methods::set_default(tx, account.rowid, id)?;
        audit::append(tx, ctx.clock(), Some(account.rowid), "method default", &text)?;
        notify(ctx, tx, &account, &method, MethodChange::Default)
    })?;
    let method = methods::get(ledger.conn(), id)?.expect("exists");
    Ok(Output::done(text, &method_view(&method, ctx.as_of)).into())
}

fn remove(ctx: &Context, id: i64) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let (account, method) = find(ctx, ledger.conn(), id)?;
    if let Some(autopay) = crate::ledger::autopay::using_method(ledger.conn(), id)? {
        let role = if autopay.method_id == id { "drafts from" } else { "falls back to" };
        return Err(invalid(format!("method {id} ({}) cannot be removed: autopay {role} it", label(&method)))
            .hint("choose another method with `hcpay autopay enable --method ID`, or turn autopay off with `hcpay autopay disable`")
            .into());
    }
    let text = format!("removed method {id} ({}) from {}", label(&method), account.handle);
    ledger.write(|tx| {
        methods::remove(tx, id, ctx.as_of)?;
        audit::append(tx, ctx.clock(), Some(account.rowid), "method remove", &text)?;
        notify(ctx, tx, &account, &method, MethodChange::Removed)
    })?;
    let removed = methods::get(ledger.conn(), id)?.expect("exists");
    let mut text = text;
    // Which card or bank pays is the member's choice: never picked for them.
    if method.is_default && !methods::list(ledger.conn(), account.rowid)?.is_empty() {
        text.push_str(
            "
it was the default: choose the next one with `hcpay method default ID`",
        );
    }
    Ok(Output::done(text, &method_view(&removed, ctx.as_of)).into())
}
