//! Giving credit back to the method a payment came from, by the steps of
//! `ops::attempt`: how much is decided inside the transaction that records
//! the refund as `pending`, then the gateway is asked under its key.

use anyhow::Result;

use rusqlite::Transaction;

use crate::clock::Clock;
use crate::core::money::Money;
use crate::gateway::{Gateway, RefundRequest};
use crate::ledger::methods::Method;
use crate::ledger::payments::{self, Payment, Refund};
use crate::ledger::{audit, Ledger};
use crate::ops::attempt::{self, Attempt};

const COMMAND: &str = "refund";

/// Settles the refunds of `payment` whose answer never came, by looking
/// their keys up; returns those whose gateway still gives no answer. One
/// another command is sending right now is left to it: it counts as money
/// on its way when the next refund is decided.
pub fn settle_open(ledger: &mut Ledger, gateway: &dyn Gateway, payment: &Payment, clock: Clock) -> Result<Vec<Refund>> {
    let mut still_unknown = Vec::new();
    for open in payments::refunds_for_payment(ledger.conn(), payment.id)?.into_iter().filter(|r| !r.settled()) {
        if attempt::settle(ledger, gateway, &Attempt::of_refund(&open, payment.account_id), clock, COMMAND)? {
            let now = reload(ledger, payment, open.id)?;
            if !now.settled() {
                still_unknown.push(now);
            }
        }
    }
    Ok(still_unknown)
}

fn reload(ledger: &Ledger, payment: &Payment, refund_id: i64) -> Result<Refund> {
    let now = payments::refunds_for_payment(ledger.conn(), payment.id)?.into_iter().find(|r| r.id == refund_id);
    Ok(now.expect("a refund is never deleted"))
}

/// Step 1: the refund, committed as `pending` with its key, for the amount
/// `decide` gives inside the same write transaction.
pub fn begin(
    ledger: &mut Ledger,
    payment: &Payment,
    clock: Clock,
    decide: impl FnOnce(&Transaction) -> Result<Money>,
) -> Result<Refund> {
    ledger.write(|tx| {
        let amount = decide(tx)?;
        let refund = payments::insert_refund(tx, payment.id, amount, clock)?;
        let detail = format!(
            "refund {}: sending {} of payment {} back, key {}",
            refund.id,
            amount.dollars(),
            payment.id,
            refund.idempotency_key
        );
        audit::append(tx, clock, Some(payment.account_id), COMMAND, &detail)?;
        Ok(refund)
    })
}

/// Steps 2 and 3: asks the gateway to give the money back, records its answer.
pub fn send(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    payment: &Payment,
    method: &Method,
    refund: &Refund,
    clock: Clock,
) -> Result<Refund> {
    let charge_key = payment.idempotency_key.clone().unwrap_or_default();
    let request = RefundRequest {
        idempotency_key: &refund.idempotency_key,
        charge_key: &charge_key,
        token: &method.token,
        amount: refund.amount,
        on: clock.today,
    };
    let attempt = Attempt::of_refund(refund, payment.account_id);
    attempt::send(ledger, &attempt, clock, COMMAND, || gateway.refund(&request))?;
    reload(ledger, payment, refund.id)
}
