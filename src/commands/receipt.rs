//! `receipt PAYMENT_ID`: one payment in full, the proof a member keeps.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::history::{allocation_lines, payment_event, Allocation, Event};
use super::refund::find_payment;
use super::{snapshot, Outcome};
use crate::context::Context;
use crate::core::money::Money;
use crate::core::payment::PaymentStatus;
use crate::ledger::{methods, payments};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// The payment (see `hcpay history`)
    pub payment_id: i64,
}

/// What `receipt --json` prints: the payment as `history` shows it, and the
/// rest a member keeps as proof.
#[derive(Debug, Serialize)]
struct ReceiptView<'a> {
    #[serde(flatten)]
    event: Event,
    account: &'a str,
    name: &'a str,
    recorded_on: NaiveDate,
    settled_on: Option<NaiveDate>,
    idempotency_key: Option<&'a str>,
    confirmation: Option<&'a str>,
    gateway_reference: Option<&'a str>,
    allocations: Vec<Allocation>,
    refunds: Vec<RefundBrief>,
}

#[derive(Debug, Serialize)]
struct RefundBrief {
    id: i64,
    date: NaiveDate,
    amount: Money,
    status: PaymentStatus,
}

pub fn run(ctx: &Context, args: &ReceiptArgs) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let conn = ledger.conn();
    let (account, payment) = find_payment(ctx, conn, args.payment_id)?;
    let snap = snapshot(ctx, conn, &account)?;
    let method = payment.method_id.map(|id| methods::get(conn, id)).transpose()?.flatten();
    let refunds = payments::refunds_for_payment(conn, payment.id)?;
    let view = ReceiptView {
        event: payment_event(conn, &payment, &snap)?,
        account: &account.handle,
        name: &account.name,
        recorded_on: payment.created_on,
        settled_on: payment.settled_on,
        idempotency_key: payment.idempotency_key.as_deref(),
        confirmation: payment.confirmation.as_deref(),
        gateway_reference: payment.reference.as_deref(),
        allocations: Allocation::of(&snap, payment.id),
        refunds: refunds
            .iter()
            .map(|r| RefundBrief { id: r.id, date: r.refunded_on, amount: r.amount, status: r.status })
            .collect(),
    };

    let how = match &method {
        Some(m) => super::method::label(m),
        None => format!("made elsewhere ({})", payment.via.map_or("recorded", crate::core::payment::Via::as_str)),
    };
    let mut text = format!(
        "RECEIPT — payment {}\naccount       {} ({})\namount        {}\nstatus        {}{}\npaid on       {}\nmethod        {}",
        payment.id,
        account.handle,
        account.name,
        payment.amount.dollars(),
        payment.status,
        payment.failure_code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
        payment.paid_on,
        how,
    );
    let mut field = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            text.push_str(&format!("\n{name:<13} {value}"));
        }
    };
    field("confirmation", payment.confirmation.clone());
    field("reference", payment.reference.clone());
    field("key", payment.idempotency_key.clone());
    field("settled on", payment.settled_on.map(|d| d.to_string()));
    field("memo", payment.memo.clone());
    field("void", payment.void_reason.clone());
    if !view.allocations.is_empty() {
        text.push_str("\npaid:");
        text.push_str(&allocation_lines(&view.allocations));
    }
    for r in &refunds {
        text.push_str(&format!("\nrefund {}: {} on {} ({})", r.id, r.amount.dollars(), r.refunded_on, r.status));
    }
    Ok(Output::doc(text, &view).into())
}
