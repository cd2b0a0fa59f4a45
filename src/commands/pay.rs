//! `pay`: a one-time payment through the gateway, or `pay --record` for one
//! made elsewhere.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use rusqlite::Connection;
use serde_json::{json, Value};

use super::history::payment_json;
use super::method::{effective_state, label};
use super::{snapshot, Outcome};
use crate::cli::{date_arg, key_arg, line_arg, memo_arg, payment_arg};
use crate::context::Context;
use crate::core::billing::Line;
use crate::core::coverage::{evaluate, PaymentFacts, Snapshot};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::payment::{check_confirmation, Via};
use crate::error::{bail_invalid, invalid, unavailable, ExitCode};
use crate::gateway;
use crate::ledger::accounts::{self, Account};
use crate::ledger::methods::{self, Method};
use crate::ledger::payments::{self, InsertError, Payment, RecordedPayment};
use crate::ledger::{audit, plans, Ledger};
use crate::ops::charge::{self, ChargeSpec};
use crate::prompt;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct PayArgs {
    /// An amount, `due` (every issued bill still open) or `ahead` (that and next month's bill before it is issued)
    #[arg(value_name = "AMOUNT|due|ahead", default_value = "due", conflicts_with = "record")]
    pub what: String,
    /// Pay this line's bills first
    #[arg(long, value_parser = line_arg)]
    pub line: Option<Line>,
    /// The method to charge [default: the account's default method]
    #[arg(long, value_name = "ID")]
    pub method: Option<i64>,
    /// A key of yours: the same key again returns the first result and charges nothing
    #[arg(long, value_name = "K", value_parser = key_arg)]
    pub idempotency_key: Option<String>,
    /// Show what would happen; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A note kept with the payment
    #[arg(long, value_name = "T", value_parser = memo_arg)]
    pub memo: Option<String>,
    /// Allow a payment that leaves more credit than three months of premiums
    #[arg(long)]
    pub allow_overpay: bool,
    /// Record a payment made elsewhere (check, portal, phone...) instead of charging
    #[arg(long, value_name = "AMOUNT", value_parser = payment_arg, requires_all = ["paid_on", "confirmation"])]
    pub record: Option<Money>,
    /// With --record: the day it was paid
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg, requires = "record")]
    pub paid_on: Option<NaiveDate>,
    /// With --record: the exchange's confirmation number
    #[arg(long, value_name = "C", requires = "record")]
    pub confirmation: Option<String>,
    /// With --record: check, portal, phone, in-person or money-order
    #[arg(long, value_name = "HOW", value_parser = |s: &str| s.parse::<Via>(), requires = "record")]
    pub via: Option<Via>,
}

pub fn run(ctx: &Context, args: &PayArgs) -> Result<Outcome> {
    if let Some(amount) = args.record {
        return record(ctx, args, amount);
    }
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let method = choose_method(ctx, ledger.conn(), &account, args.method)?;
    let gateway = gateway::from_config(&ctx.config.gateway, ledger.path())?;
    let key = match args.idempotency_key.as_deref().map(str::trim) {
        Some("") => bail_invalid!("--idempotency-key is empty"),
        other => other,
    };

    // The same key again: the first result, nothing charged.
    if let Some(k) = key {
        let snap = snapshot(ctx, ledger.conn(), &account)?;
        let amount = match payments::by_key(ledger.conn(), k)? {
            // `due` and `ahead` mean what was owed when the key was first
            // used: once that payment counts, less is owed, yet a retry of
            // it is the same request.
            Some(earlier) if matches!(args.what.trim(), "due" | "ahead") => earlier.amount,
            _ => amount_for(args, &snap)?,
        };
        let spec = spec(&account, &method, amount, args, key);
        if let Some(earlier) = charge::replay(ledger.conn(), &spec)? {
            if args.dry_run {
                return Ok(Output::Doc {
                    text: format!("payment {} already made under this key; nothing would be charged", earlier.id),
                    json: json!({"dry_run": true, "replayed": true, "payment_id": earlier.id}),
                }
                .into());
            }
            let charged = charge::charge(&mut ledger, gateway.as_ref(), &spec, ctx.as_of)?;
            return shown(ctx, &ledger, &account, &charged.payment, true);
        }
    }

    // An attempt whose answer never came is settled first, never charged again.
    if !args.dry_run {
        let unknown = charge::settle_account(&mut ledger, gateway.as_ref(), account.rowid, ctx.as_of)?;
        if let Some(p) = unknown.first() {
            return Err(unavailable(format!(
                "payment {} ({}) is still unknown: another command may be charging it, or the gateway has not said whether it went through; nothing new was charged",
                p.id,
                p.amount.dollars()
            ))
            .hint("try again later; it will be looked up by its key, never charged twice")
            .into());
        }
    }

    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let amount = amount_for(args, &snap)?;
    if amount.is_zero() {
        let text = format!("nothing is due for {}: no payment made", account.handle);
        return Ok(
            Output::Doc { text, json: json!({"account": account.handle, "amount": amount, "charged": false}) }.into()
        );
    }
    check_overpay(ctx, args, &snap, amount)?;
    let spec = spec(&account, &method, amount, args, key);
    if args.dry_run {
        return dry_run(ctx, ledger.conn(), &account, &snap, &spec);
    }
    let question = format!("Pay {} to {} from {} ({})?", amount.dollars(), account.handle, label(&method), method.id);
    if !prompt::confirm(ctx.yes, &question)? {
        return Ok(Output::Done { text: "not paid".into(), json: json!({"charged": false}) }.into());
    }
    let charged = charge::charge(&mut ledger, gateway.as_ref(), &spec, ctx.as_of)?;
    shown(ctx, &ledger, &account, &charged.payment, charged.replayed)
}

fn spec<'a>(
    account: &'a Account,
    method: &'a Method,
    amount: Money,
    args: &'a PayArgs,
    key: Option<&'a str>,
) -> ChargeSpec<'a> {
    ChargeSpec {
        account,
        method,
        amount,
        line: args.line,
        idempotency_key: key,
        memo: args.memo.as_deref(),
        command: "pay",
    }
}

/// The method to charge: the one named, else the default; it must be usable.
fn choose_method(ctx: &Context, conn: &Connection, account: &Account, id: Option<i64>) -> Result<Method> {
    let method = match id {
        Some(id) => {
            let (owner, method) = super::method::find(ctx, conn, id)?;
            if owner.rowid != account.rowid {
                bail_invalid!("no method {id} for account {}", account.handle);
            }
            method
        }
        None => methods::default_for(conn, account.rowid)?.ok_or_else(|| {
            invalid(format!("account {} has no payment method", account.handle))
                .hint("add one with `hcpay method add card` or `hcpay method add bank`, or record a payment made elsewhere with `pay --record`")
        })?,
    };
    match effective_state(&method, ctx.as_of) {
        "verified" => {}
        "unverified" => {
            return Err(invalid(format!("method {} ({}) is not verified yet", method.id, label(&method)))
                .hint(format!("confirm its micro-deposits with `hcpay method verify {} --amounts A,B`", method.id))
                .into())
        }
        state => bail_invalid!("method {} ({}) cannot be charged: it is {state}", method.id, label(&method)),
    }
    if !ctx.policy().accepted_methods.contains(&method.kind) {
        bail_invalid!("this exchange does not take {} payments", methods::kind_str(method.kind));
    }
    Ok(method)
}

/// `due`, `ahead` or an amount, as money.
fn amount_for(args: &PayArgs, snap: &Snapshot) -> Result<Money> {
    let on_line = |line: Line| args.line.is_none_or(|l| l == line);
    let due: Money = snap.bills.iter().filter(|b| on_line(b.line)).map(|b| b.open).sum();
    match args.what.trim() {
        "due" => Ok(due),
        "ahead" => {
            let next = snap.upcoming.iter().filter(|b| on_line(b.line)).map(|b| b.month).min();
            let ahead: Money =
                snap.upcoming.iter().filter(|b| Some(b.month) == next && on_line(b.line)).map(|b| b.open).sum();
            Ok(due + ahead)
        }
        text => Money::parse_payment(text)
            .map_err(|e| invalid(format!("{e} (expected an amount, `due` or `ahead`)")).into()),
    }
}

/// Three months of the member's share: more credit than that needs --allow-overpay.
fn check_overpay(ctx: &Context, args: &PayArgs, snap: &Snapshot, amount: Money) -> Result<()> {
    if args.allow_overpay {
        return Ok(());
    }
    let next = Month::of(ctx.as_of).next();
    let monthly: Money = snap.bills.iter().chain(&snap.upcoming).filter(|b| b.month == next).map(|b| b.amount).sum();
    let limit = monthly.times(3);
    let credit_after = snap.credit + amount.saturating_sub(snap.amount_due);
    if credit_after > limit {
        return Err(invalid(format!(
            "paying {} would leave {} of credit, more than three months of premiums ({})",
            amount.dollars(),
            credit_after.dollars(),
            limit.dollars()
        ))
        .hint("pass --allow-overpay if that is what you want")
        .into());
    }
    Ok(())
}

/// What a payment of `spec.amount` today would pay, without making it.
fn dry_run(ctx: &Context, conn: &Connection, account: &Account, snap: &Snapshot, spec: &ChargeSpec) -> Result<Outcome> {
    let periods = plans::for_account(conn, account.rowid)?;
    let mut facts = payments::facts_for(conn, account.rowid)?;
    // After every real payment, those of the same day included.
    const PREVIEW: i64 = i64::MAX;
    facts.push(PaymentFacts {
        id: PREVIEW,
        paid_on: ctx.as_of,
        amount: spec.amount,
        line: spec.line,
        reversed_on: None,
        refunds: vec![],
    });
    let after = evaluate(&periods, &facts, ctx.policy(), ctx.as_of);
    let allocations = allocations_json(&after, PREVIEW);
    let mut text = format!(
        "would pay {} to {} from {} (nothing charged: dry run)",
        spec.amount.dollars(),
        account.handle,
        label(spec.method)
    );
    for a in after.allocations.iter().filter(|a| a.payment_id == PREVIEW) {
        text.push_str(&format!("\n  {} {:<6} {}", a.month, a.line, a.amount.dollars()));
    }
    text.push_str(&format!("\ncredit after: {} (now {})", after.credit.dollars(), snap.credit.dollars()));
    let json = json!({
        "dry_run": true,
        "account": account.handle,
        "amount": spec.amount,
        "method": label(spec.method),
        "allocations": allocations,
        "credit_after": after.credit,
    });
    Ok(Output::Doc { text, json }.into())
}

fn allocations_json(snap: &Snapshot, payment_id: i64) -> Value {
    Value::Array(
        snap.allocations
            .iter()
            .filter(|a| a.payment_id == payment_id)
            .map(|a| json!({"coverage_month": a.month, "line": a.line, "amount": a.amount}))
            .collect(),
    )
}

/// The payment as `history` shows it, with what it paid; exits 3 when
/// declined and 75 when its fate is unknown.
pub fn shown(ctx: &Context, ledger: &Ledger, account: &Account, payment: &Payment, replayed: bool) -> Result<Outcome> {
    let snap = snapshot(ctx, ledger.conn(), account)?;
    let mut json = payment_json(ledger.conn(), payment, &snap)?;
    json["replayed"] = json!(replayed);
    json["allocations"] = allocations_json(&snap, payment.id);
    let what = if replayed { "already made (same idempotency key): nothing charged" } else { "" };
    let (text, code) = match payment.status.as_str() {
        "failed" => (
            format!("payment {} of {} failed: {}", payment.id, payment.amount.dollars(), payment.failure_code.as_deref().unwrap_or("failed")),
            ExitCode::Declined,
        ),
        "unknown" | "pending" => (
            format!("payment {} of {} is unknown: the gateway did not answer; it will be looked up by its key, never charged twice. Try again later.", payment.id, payment.amount.dollars()),
            ExitCode::Unavailable,
        ),
        status => {
            let mut text = format!("payment {} of {} {status}", payment.id, payment.amount.dollars());
            for a in snap.allocations.iter().filter(|a| a.payment_id == payment.id) {
                text.push_str(&format!("\n  {} {:<6} {}", a.month, a.line, a.amount.dollars()));
            }
            text.push_str(&format!("\ncredit now {}, due now {}", snap.credit.dollars(), snap.amount_due.dollars()));
            (text, ExitCode::Done)
        }
    };
    let text = if what.is_empty() { text } else { format!("{text}\n{what}") };
    let output = Output::Doc { text: text.clone(), json };
    Ok(match code {
        ExitCode::Done => output.into(),
        _ => Outcome::failed(output, code, text.lines().next().unwrap_or_default().to_string()),
    })
}

/// `pay --record`: a payment made elsewhere, kept as proof.
fn record(ctx: &Context, args: &PayArgs, amount: Money) -> Result<Outcome> {
    let paid_on = args.paid_on.expect("clap requires --paid-on with --record");
    if paid_on > ctx.as_of {
        bail_invalid!("--paid-on {paid_on} is after today ({})", ctx.as_of);
    }
    let confirmation = check_confirmation(args.confirmation.as_deref().unwrap_or_default()).map_err(invalid)?;
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let payment = RecordedPayment {
        account_id: account.rowid,
        paid_on,
        amount,
        line: args.line,
        confirmation: confirmation.clone(),
        via: args.via,
        memo: args.memo.clone(),
    };
    let id = ledger.write(|tx| {
        let id = payments::insert_recorded(tx, &payment, ctx.as_of).map_err(|e| match e {
            InsertError::DuplicateConfirmation => anyhow::Error::from(invalid(format!(
                "confirmation {confirmation} is already recorded for {}",
                account.handle
            ))),
            InsertError::Other(e) => e,
        })?;
        let detail = format!("recorded payment {id}: {} paid {paid_on}, confirmation {confirmation}", amount.dollars());
        audit::append(tx, ctx.as_of, Some(account.rowid), "pay --record", &detail)?;
        Ok(id)
    })?;
    let payment = payments::get(ledger.conn(), id)?.expect("just inserted");
    shown(ctx, &ledger, &account, &payment, false)
}
