//! `refund PAYMENT_ID [AMOUNT]` (credit no longer needed, back to the method)
//! and `void PAYMENT_ID --reason T` (a recorded payment entered by mistake).

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{snapshot, Outcome};
use crate::cli::payment_arg;
use crate::context::Context;
use crate::core::money::Money;
use crate::core::payment::{PaymentStatus, Via};
use crate::error::{bail_invalid, invalid, unavailable, ExitCode};
use crate::ledger::accounts::Account;
use crate::ledger::payments::{self, Payment};
use crate::ledger::{audit, methods};
use crate::prompt;
use crate::render::Output;
use crate::{core, ops};

#[derive(Debug, Args)]
pub struct RefundArgs {
    /// The payment to refund (see `hcpay history`)
    pub payment_id: i64,
    /// How much [default: all the credit this payment can give back]
    #[arg(value_parser = payment_arg)]
    pub amount: Option<Money>,
}

#[derive(Debug, Args)]
pub struct VoidArgs {
    /// The recorded payment to void
    pub payment_id: i64,
    /// Why (kept in the history)
    #[arg(long, value_name = "T", value_parser = crate::cli::memo_arg)]
    pub reason: String,
}

/// A payment of the account in context (or of its own account when none is named).
pub fn find_payment(ctx: &Context, conn: &rusqlite::Connection, id: i64) -> Result<(Account, Payment)> {
    let Some(payment) = payments::get(conn, id)? else {
        return Err(invalid(format!("no payment {id}")).hint("`hcpay history --kind payment` lists payments").into());
    };
    let account = super::owning_account(ctx, conn, payment.account_id, "payment", id)?;
    Ok((account, payment))
}

/// What `refund --json` prints.
#[derive(Debug, Serialize)]
struct RefundView<'a> {
    id: i64,
    payment_id: i64,
    date: NaiveDate,
    amount: Money,
    status: PaymentStatus,
    failure_code: Option<&'a str>,
    reference: &'a str,
}

/// What `refund --json` prints when the person said no.
#[derive(Debug, Serialize)]
struct NotRefunded {
    refunded: bool,
}

pub fn refund(ctx: &Context, args: &RefundArgs) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let (account, payment) = find_payment(ctx, ledger.conn(), args.payment_id)?;
    let method = match payment.method_id {
        Some(id) => methods::get(ledger.conn(), id)?
            .ok_or_else(|| anyhow::anyhow!("payment {} names method {id}, which is not in the ledger", payment.id))?,
        None => bail_invalid!(
            "payment {} was made elsewhere ({}): ask the exchange for its refund",
            payment.id,
            payment.via.map_or("recorded", Via::as_str)
        ),
    };
    if !payment.status.went_through() {
        bail_invalid!("payment {} is {}: only a payment that went through can be refunded", payment.id, payment.status);
    }
    let gateway = ctx.gateway(&ledger)?;
    // A refund whose answer never came is looked up by its key, never sent again.
    if let Some(open) = ops::refund::settle_open(&mut ledger, gateway.as_ref(), &payment, ctx.clock())?.first() {
        return Err(unavailable(format!(
            "refund {} of payment {} is still {}: the gateway has not said whether it went through",
            open.id, payment.id, open.status
        ))
        .hint("try again later; it will be looked up by its key, never sent twice")
        .into());
    }
    // What to ask about; decided again, for good, inside the write transaction.
    let amount = refundable(ctx, ledger.conn(), &account, &payment, args.amount)?;
    let question =
        format!("Refund {} of payment {} to {}?", amount.dollars(), payment.id, super::method::label(&method));
    if !prompt::confirm(ctx.yes, &question)? {
        return Ok(Output::done("not refunded", &NotRefunded { refunded: false }).into());
    }
    // Only an amount a person agreed to is given back.
    let confirmed = (!ctx.yes).then_some(amount);
    let pending = ops::refund::begin(&mut ledger, &payment, ctx.clock(), |tx| {
        // The payment as it stands now: a run may have seen it returned meanwhile.
        let current = payments::get(tx, payment.id)?.map(|p| p.status);
        if !current.is_some_and(PaymentStatus::went_through) {
            bail_invalid!("payment {} is no longer one that went through: nothing was refunded", payment.id);
        }
        let now = refundable(ctx, tx, &account, &payment, args.amount)?;
        if confirmed.is_some_and(|c| c != now) {
            return Err(unavailable(format!(
                "what payment {} can give back changed to {} while you were confirming; nothing was refunded",
                payment.id,
                now.dollars()
            ))
            .hint("run `hcpay refund` again")
            .into());
        }
        Ok(now)
    })?;
    let refund = ops::refund::send(&mut ledger, gateway.as_ref(), &payment, &method, &pending, ctx.clock())?;
    let amount = refund.amount;
    let view = RefundView {
        id: refund.id,
        payment_id: payment.id,
        date: refund.refunded_on,
        amount,
        status: refund.status,
        failure_code: refund.failure_code.as_deref(),
        reference: refund.reference.as_deref().unwrap_or(&refund.idempotency_key),
    };
    let (text, code) = match refund.status {
        PaymentStatus::Succeeded => (
            format!("refunded {} of payment {} to {}", amount.dollars(), payment.id, super::method::label(&method)),
            ExitCode::Done,
        ),
        PaymentStatus::Failed => (
            format!(
                "refund {} of {} failed: {}",
                refund.id,
                amount.dollars(),
                refund.failure_code.as_deref().unwrap_or("failed")
            ),
            ExitCode::Declined,
        ),
        _ => (
            format!("refund {} of {} is unknown: the gateway did not answer", refund.id, amount.dollars()),
            ExitCode::Unavailable,
        ),
    };
    let output = Output::doc(text.clone(), &view);
    Ok(match code {
        ExitCode::Done => output.into(),
        _ => Outcome::failed(output, code, text),
    })
}

/// What a refund of `payment` may give back now (see `core::payment::refundable`);
/// `asked`, if given, must not be more.
fn refundable(
    ctx: &Context,
    conn: &rusqlite::Connection,
    account: &Account,
    payment: &Payment,
    asked: Option<Money>,
) -> Result<Money> {
    let refunds = payments::refunds_for_account(conn, account.rowid)?;
    let in_flight: Money = refunds.iter().filter(|r| !r.settled()).map(|r| r.amount).sum();
    let given: Money = refunds
        .iter()
        .filter(|r| r.payment_id == payment.id && r.status != PaymentStatus::Failed)
        .map(|r| r.amount)
        .sum();
    let credit = snapshot(ctx, conn, account)?.credit;
    let refundable = core::payment::refundable(credit, in_flight, payment.amount, given);
    if !refundable.is_positive() {
        bail_invalid!(
            "nothing to refund from payment {}: credit is {}, and {} of it was already refunded or is being refunded",
            payment.id,
            credit.saturating_sub(in_flight).dollars(),
            given.dollars()
        );
    }
    let amount = asked.unwrap_or(refundable);
    if amount > refundable {
        bail_invalid!(
            "{} is more than payment {} can give back: {} (credit {}, already refunded {})",
            amount.dollars(),
            payment.id,
            refundable.dollars(),
            credit.saturating_sub(in_flight).dollars(),
            given.dollars()
        );
    }
    Ok(amount)
}

pub fn void(ctx: &Context, args: &VoidArgs) -> Result<Outcome> {
    let reason = args.reason.trim();
    if reason.is_empty() {
        bail_invalid!("--reason is empty: say why the payment is void");
    }
    let mut ledger = ctx.ledger()?;
    let (account, payment) = find_payment(ctx, ledger.conn(), args.payment_id)?;
    if payment.method_id.is_some() {
        bail_invalid!(
            "payment {} went through the gateway: refund it instead (`hcpay refund {}`)",
            payment.id,
            payment.id
        );
    }
    if payment.status == PaymentStatus::Void {
        bail_invalid!("payment {} is already void", payment.id);
    }
    let text = format!("voided payment {} ({} of {}): {reason}", payment.id, payment.amount.dollars(), payment.paid_on);
    ledger.write(|tx| {
        payments::void(tx, payment.id, reason)?;
        audit::append(tx, ctx.clock(), Some(account.rowid), "void", &text)
    })?;
    let payment = payments::get(ledger.conn(), payment.id)?.expect("exists");
    super::pay::shown(ctx, &ledger, &account, &payment, false, &[]).map(|mut o| {
        if let Output::Doc { json, .. } = o.output {
            o.output = Output::Done { text: text.clone(), json };
        }
        o
    })
}
