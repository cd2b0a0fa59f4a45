//! `refund PAYMENT_ID [AMOUNT]` (credit no longer needed, back to the method)
//! and `void PAYMENT_ID --reason T` (a recorded payment entered by mistake).

use anyhow::Result;
use clap::Args;
use serde_json::json;

use super::{snapshot, Outcome};
use crate::cli::payment_arg;
use crate::context::Context;
use crate::core::money::Money;
use crate::error::{bail_invalid, invalid, ExitCode};
use crate::gateway::{self, GatewayError, Outcome as GatewayOutcome, RefundRequest};
use crate::ledger::accounts::Account;
use crate::ledger::payments::{self, Payment};
use crate::ledger::{audit, methods};
use crate::prompt;
use crate::render::Output;

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

pub fn refund(ctx: &Context, args: &RefundArgs) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let (account, payment) = find_payment(ctx, ledger.conn(), args.payment_id)?;
    let Some(method) = payment.method_id.and_then(|id| methods::get(ledger.conn(), id).ok().flatten()) else {
        bail_invalid!(
            "payment {} was made elsewhere ({}): ask the exchange for its refund",
            payment.id,
            payment.via.as_deref().unwrap_or("recorded")
        );
    };
    if !matches!(payment.status.as_str(), "succeeded" | "refunded") {
        bail_invalid!("payment {} is {}: only a payment that went through can be refunded", payment.id, payment.status);
    }
    let gateway = gateway::from_config(&ctx.config.gateway, ledger.path())?;
    // A refund whose answer never came is looked up by its key, never sent again.
    for open in payments::refunds_for_payment(ledger.conn(), payment.id)?.iter().filter(|r| !r.settled()) {
        let status = match gateway.lookup(&open.idempotency_key) {
            Ok(Some(answer)) if answer.outcome == GatewayOutcome::Succeeded => "succeeded",
            Ok(_) => "failed",
            Err(GatewayError::Refused(_)) => "failed",
            Err(e) => {
                return Err(crate::error::unavailable(format!(
                    "refund {} of this payment is still unknown: {e}",
                    open.id
                ))
                .hint("try again later")
                .into())
            }
        };
        ledger.write(|tx| {
            payments::settle_refund(tx, open.id, status, None)?;
            audit::append(
                tx,
                ctx.as_of,
                Some(account.rowid),
                "refund",
                &format!("refund {}: settled {status}", open.id),
            )
        })?;
    }
    let earlier = payments::refunds_for_payment(ledger.conn(), payment.id)?;
    let refunded: Money = earlier.iter().filter(|r| r.status == "succeeded").map(|r| r.amount).sum();
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let refundable = snap.credit.min(payment.amount - refunded);
    if !refundable.is_positive() {
        bail_invalid!(
            "nothing to refund from payment {}: credit is {}, and {} of it was already refunded",
            payment.id,
            snap.credit.dollars(),
            refunded.dollars()
        );
    }
    let amount = args.amount.unwrap_or(refundable);
    if amount > refundable {
        bail_invalid!(
            "{} is more than payment {} can give back: {} (credit {}, already refunded {})",
            amount.dollars(),
            payment.id,
            refundable.dollars(),
            snap.credit.dollars(),
            refunded.dollars()
        );
    }
    let question =
        format!("Refund {} of payment {} to {}?", amount.dollars(), payment.id, super::method::label(&method));
    if !prompt::confirm(ctx.yes, &question)? {
        return Ok(Output::Done { text: "not refunded".into(), json: json!({"refunded": false}) }.into());
    }
    let key = format!("refund:{}:{}", payment.id, earlier.len() + 1);
    let refund_id = ledger.write(|tx| {
        let id = payments::insert_refund(tx, payment.id, amount, &key, ctx.as_of)?;
        let detail = format!("refund {id}: sending {} of payment {} back, key {key}", amount.dollars(), payment.id);
        audit::append(tx, ctx.as_of, Some(account.rowid), "refund", &detail)?;
        Ok(id)
    })?;
    let charge_key = payment.idempotency_key.clone().unwrap_or_default();
    let request =
        RefundRequest { idempotency_key: &key, charge_key: &charge_key, token: &method.token, amount, on: ctx.as_of };
    let (status, reference) = match gateway.refund(&request) {
        Ok(answer) => match answer.outcome {
            GatewayOutcome::Succeeded => ("succeeded", Some(answer.reference)),
            GatewayOutcome::Failed { .. } => ("failed", Some(answer.reference)),
        },
        Err(GatewayError::Refused(_)) => ("failed", None),
        Err(_) => ("unknown", None),
    };
    ledger.write(|tx| {
        payments::settle_refund(tx, refund_id, status, reference.as_deref())?;
        if status == "succeeded" && refunded + amount == payment.amount {
            payments::settle(tx, payment.id, "refunded", None, None, payment.settled_on)?;
        }
        audit::append(tx, ctx.as_of, Some(account.rowid), "refund", &format!("refund {refund_id}: {status}"))
    })?;
    let json = json!({
        "id": refund_id, "payment_id": payment.id, "date": ctx.as_of, "amount": amount,
        "status": status, "reference": reference.clone().unwrap_or(key),
    });
    let (text, code) = match status {
        "succeeded" => (
            format!("refunded {} of payment {} to {}", amount.dollars(), payment.id, super::method::label(&method)),
            ExitCode::Done,
        ),
        "failed" => (format!("refund {refund_id} of {} failed", amount.dollars()), ExitCode::Declined),
        _ => (
            format!("refund {refund_id} of {} is unknown: the gateway did not answer", amount.dollars()),
            ExitCode::Unavailable,
        ),
    };
    let output = Output::Doc { text: text.clone(), json };
    Ok(match code {
        ExitCode::Done => output.into(),
        _ => Outcome::failed(output, code, text),
    })
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
    if payment.status == "void" {
        bail_invalid!("payment {} is already void", payment.id);
    }
    let text = format!("voided payment {} ({} of {}): {reason}", payment.id, payment.amount.dollars(), payment.paid_on);
    ledger.write(|tx| {
        payments::void(tx, payment.id, reason)?;
        audit::append(tx, ctx.as_of, Some(account.rowid), "void", &text)
    })?;
    let payment = payments::get(ledger.conn(), payment.id)?.expect("exists");
    super::pay::shown(ctx, &ledger, &account, &payment, false).map(|mut o| {
        if let Output::Doc { json, .. } = o.output {
            o.output = Output::Done { text: text.clone(), json };
        }
        o
    })
}
