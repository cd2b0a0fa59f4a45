//! `receipt PAYMENT_ID`: one payment in full, the proof a member keeps.

use anyhow::Result;
use clap::Args;
use serde_json::json;

use super::history::payment_json;
use super::refund::find_payment;
use super::{snapshot, Outcome};
use crate::context::Context;
use crate::ledger::{methods, payments};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// The payment (see `hcpay history`)
    pub payment_id: i64,
}

pub fn run(ctx: &Context, args: &ReceiptArgs) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let conn = ledger.conn();
    let (account, payment) = find_payment(ctx, conn, args.payment_id)?;
    let snap = snapshot(ctx, conn, &account)?;
    let method = payment.method_id.map(|id| methods::get(conn, id)).transpose()?.flatten();
    let refunds = payments::refunds_for_payment(conn, payment.id)?;
    let paid: Vec<_> = snap.allocations.iter().filter(|a| a.payment_id == payment.id).collect();

    let mut json = payment_json(conn, &payment, &snap)?;
    json["account"] = json!(account.handle);
    json["name"] = json!(account.name);
    json["recorded_on"] = json!(payment.created_on);
    json["settled_on"] = json!(payment.settled_on);
    json["idempotency_key"] = json!(payment.idempotency_key);
    json["confirmation"] = json!(payment.confirmation);
    json["gateway_reference"] = json!(payment.reference);
    json["allocations"] = json!(paid
        .iter()
        .map(|a| json!({"coverage_month": a.month, "line": a.line, "amount": a.amount}))
        .collect::<Vec<_>>());
    json["refunds"] = json!(refunds
        .iter()
        .map(|r| json!({"id": r.id, "date": r.refunded_on, "amount": r.amount, "status": r.status}))
        .collect::<Vec<_>>());

    let how = match &method {
        Some(m) => super::method::label(m),
        None => format!("made elsewhere ({})", payment.via.as_deref().unwrap_or("recorded")),
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
    if !paid.is_empty() {
        text.push_str("\npaid:");
        for a in &paid {
            text.push_str(&format!("\n  {} {:<6} {}", a.month, a.line, a.amount.dollars()));
        }
    }
    for r in &refunds {
        text.push_str(&format!("\nrefund {}: {} on {} ({})", r.id, r.amount.dollars(), r.refunded_on, r.status));
    }
    Ok(Output::Doc { text, json }.into())
}
