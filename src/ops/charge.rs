//! Charging a method: record the attempt, ask the gateway, record the answer.
//!
//! 1. `pending` is committed with its idempotency key before the gateway is asked;
//! 2. the gateway charges under that key (it remembers keys, too);
//! 3. the answer is committed: `succeeded`, `failed`, or `unknown` when none came.
//!
//! A `pending` or `unknown` attempt is settled by looking its key up, never
//! by charging again.

use anyhow::Result;
use chrono::NaiveDate;

use crate::core::billing::Line;
use crate::core::money::Money;
use crate::error::invalid;
use crate::gateway::{ChargeRequest, Gateway, GatewayError, Outcome};
use crate::ledger::accounts::Account;
use crate::ledger::methods::Method;
use crate::ledger::payments::{self, NewCharge, Payment};
use crate::ledger::{audit, Ledger};

/// What the user asked to charge.
pub struct ChargeSpec<'a> {
    pub account: &'a Account,
    pub method: &'a Method,
    pub amount: Money,
    pub line: Option<Line>,
    pub idempotency_key: Option<&'a str>,
    pub memo: Option<&'a str>,
    /// The command, for the audit log.
    pub command: &'a str,
}

/// An attempt as it stands after the flow, and whether it was an earlier one.
pub struct Charged {
    pub payment: Payment,
    pub replayed: bool,
}

/// The payment an idempotency key already names, if it is the same request.
/// The same key for a different request is an input error.
pub fn replay(ledger: &Ledger, spec: &ChargeSpec) -> Result<Option<Payment>> {
    let Some(key) = spec.idempotency_key else {
        return Ok(None);
    };
    let Some(earlier) = payments::by_key(ledger.conn(), key)? else {
        return Ok(None);
    };
    let same = earlier.account_id == spec.account.rowid
        && earlier.amount == spec.amount
        && earlier.method_id == Some(spec.method.id)
        && earlier.line == spec.line;
    if !same {
        return Err(invalid(format!(
            "idempotency key `{key}` was used for a different payment (payment {}: {} from method {})",
            earlier.id,
            earlier.amount.dollars(),
            earlier.method_id.map_or("-".to_string(), |m| m.to_string())
        ))
        .hint("use a new key for a new payment")
        .into());
    }
    Ok(Some(earlier))
}

/// Charges under `spec`, or returns the earlier result for the same key.
pub fn charge(ledger: &mut Ledger, gateway: &dyn Gateway, spec: &ChargeSpec, today: NaiveDate) -> Result<Charged> {
    if let Some(earlier) = replay(ledger, spec)? {
        let payment = if earlier.unsettled() {
            settle(ledger, gateway, &earlier, today)?
        } else {
            earlier
        };
        return Ok(Charged {
            payment,
            replayed: true,
        });
    }
    let pending = begin(ledger, spec, today)?;
    let payment = send(ledger, gateway, spec, &pending, today)?;
    Ok(Charged {
        payment,
        replayed: false,
    })
}

/// Step 1: the attempt, committed as `pending` with its key.
pub fn begin(ledger: &mut Ledger, spec: &ChargeSpec, today: NaiveDate) -> Result<Payment> {
    ledger.write(|tx| {
        let new = NewCharge {
            account_id: spec.account.rowid,
            account: &spec.account.handle,
            amount: spec.amount,
            line: spec.line,
            method_id: spec.method.id,
            idempotency_key: spec.idempotency_key,
            memo: spec.memo,
        };
        let payment = payments::insert_pending(tx, &new, today)?;
        let detail = format!(
            "payment {}: charging {} to method {} ({} ending {}), key {}",
            payment.id,
            spec.amount.dollars(),
            spec.method.id,
            spec.method.brand,
            spec.method.last4,
            payment.idempotency_key.as_deref().unwrap_or("-")
        );
        audit::append(tx, today, Some(spec.account.rowid), spec.command, &detail)?;
        Ok(payment)
    })
}

/// Steps 2 and 3: ask the gateway, record its answer.
pub fn send(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    spec: &ChargeSpec,
    pending: &Payment,
    today: NaiveDate,
) -> Result<Payment> {
    let key = pending.idempotency_key.as_deref().expect("every charge has a key");
    let description = format!("hcpay premium payment {} for {}", pending.id, spec.account.handle);
    let request = ChargeRequest {
        idempotency_key: key,
        token: &spec.method.token,
        amount: spec.amount,
        account: &spec.account.handle,
        description: &description,
        on: today,
    };
    let answer = gateway.charge(&request).map(Some);
    record_answer(ledger, pending, answer, today, spec.command)
}

/// Settles a `pending` or `unknown` attempt by looking its key up.
pub fn settle(ledger: &mut Ledger, gateway: &dyn Gateway, payment: &Payment, today: NaiveDate) -> Result<Payment> {
    let key = payment.idempotency_key.as_deref().expect("every charge has a key");
    let answer = gateway.lookup(key);
    record_answer(ledger, payment, answer, today, "settle")
}

/// Settles every unsettled attempt of an account; returns those still unknown.
pub fn settle_account(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    account_id: i64,
    today: NaiveDate,
) -> Result<Vec<Payment>> {
    let mut still_unknown = Vec::new();
    for payment in payments::unsettled(ledger.conn(), account_id)? {
        let settled = settle(ledger, gateway, &payment, today)?;
        if settled.unsettled() {
            still_unknown.push(settled);
        }
    }
    Ok(still_unknown)
}

/// Writes what the gateway said. `Ok(None)` from a lookup means the gateway
/// never received the attempt: no money moved, so it failed.
fn record_answer(
    ledger: &mut Ledger,
    payment: &Payment,
    answer: Result<Option<crate::gateway::Charge>, GatewayError>,
    today: NaiveDate,
    command: &str,
) -> Result<Payment> {
    let (status, code, reference, note) = match &answer {
        Ok(Some(charge)) => match &charge.outcome {
            Outcome::Succeeded => (
                "succeeded",
                None,
                Some(charge.reference.as_str()),
                "succeeded".to_string(),
            ),
            Outcome::Failed { code } => (
                "failed",
                Some(code.as_str()),
                Some(charge.reference.as_str()),
                format!("failed: {code}"),
            ),
        },
        Ok(None) => (
            "failed",
            Some("not_received"),
            None,
            "failed: the gateway never received it".into(),
        ),
        Err(GatewayError::Refused(why)) => (
            "failed",
            Some("refused"),
            None,
            format!("refused by the gateway: {why}"),
        ),
        Err(e @ (GatewayError::Timeout(_) | GatewayError::NoReply(_))) => {
            ("unknown", None, None, format!("unknown: {e}"))
        }
    };
    let settled_on = (status != "unknown").then_some(today);
    ledger.write(|tx| {
        payments::settle(tx, payment.id, status, code, reference, settled_on)?;
        audit::append(
            tx,
            today,
            Some(payment.account_id),
            command,
            &format!("payment {}: {note}", payment.id),
        )?;
        Ok(payments::get(tx, payment.id)?.expect("payment exists"))
    })
}
