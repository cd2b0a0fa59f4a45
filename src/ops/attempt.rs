//! The steps every attempt to move money shares, a charge or a refund (and
//! next an autopay draft):
//!
//! 1. the attempt is committed as `pending`, with its idempotency key, before
//!    its gateway is asked (by the caller, which decides what to send inside
//!    that transaction);
//! 2. the gateway is asked under that key ([`send`]);
//! 3. its answer is committed ([`record`]): `succeeded`, `failed`, or
//!    `unknown` when none came.
//!
//! An attempt left `pending` or `unknown` is settled by looking its key up
//! ([`settle`]), never by sending it as a new one.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Transaction;

use crate::clock::Clock;
use crate::core::payment::PaymentStatus;
use crate::gateway::{Charge, Gateway, GatewayError, Outcome};
use crate::ledger::payments::{self, Answer, AttemptKind, Payment, Refund, Settlement, NOT_RECEIVED};
use crate::ledger::{audit, Ledger};

/// One attempt, as the steps need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub kind: AttemptKind,
    pub id: i64,
    pub account_id: i64,
    pub key: String,
    pub status: PaymentStatus,
    /// Wall-clock seconds when it was sent.
    pub started_at: Option<i64>,
}

impl Attempt {
    pub fn of_payment(p: &Payment) -> Attempt {
        Attempt {
            kind: AttemptKind::Charge,
            id: p.id,
            account_id: p.account_id,
            key: p.idempotency_key.clone().expect("every charge has a key"),
            status: p.status,
            started_at: p.started_at,
        }
    }

    pub fn of_refund(r: &Refund, account_id: i64) -> Attempt {
        Attempt {
            kind: AttemptKind::Refund,
            id: r.id,
            account_id,
            key: r.idempotency_key.clone(),
            status: r.status,
            started_at: r.started_at,
        }
    }

    /// `pending` and young enough that the command that sent it may still be
    /// waiting for its answer. (An `unknown` one was given up by its command.)
    pub fn in_answer_window(&self, gateway: &dyn Gateway, clock: Clock) -> bool {
        let window = gateway.answer_window().as_secs() as i64;
        self.status == PaymentStatus::Pending
            && self.started_at.is_some_and(|started| clock.unix_seconds() - started < window)
    }
}

/// What the gateway said, or did not: `Ok(None)` is a lookup that found no
/// attempt under the key, so no money moved.
pub type GatewayAnswer = Result<Option<Charge>, GatewayError>;

/// What a command adds to the transaction that records an attempt's
/// answer, when that answer is written (`pay`'s receipt alert).
pub type Then<'a> = &'a dyn Fn(&Transaction, &Attempt) -> Result<()>;

/// Adds nothing to the transaction that records an answer.
fn nothing(_: &Transaction, _: &Attempt) -> Result<()> {
    Ok(())
}

/// Step 2 and 3: asks the gateway with `op` and records its answer.
pub fn send(
    ledger: &mut Ledger,
    attempt: &Attempt,
    clock: Clock,
    command: &str,
    op: impl FnOnce() -> Result<Charge, GatewayError>,
) -> Result<()> {
    send_then(ledger, attempt, clock, command, op, &nothing)
}

/// `send`, with `then` in the transaction that records the answer.
pub fn send_then(
    ledger: &mut Ledger,
    attempt: &Attempt,
    clock: Clock,
    command: &str,
    op: impl FnOnce() -> Result<Charge, GatewayError>,
    then: Then,
) -> Result<()> {
    let answer = op().map(Some);
    record(ledger, attempt, answer.clone(), clock, command, then)?;
    // Nothing was sent: an error that names the program and why, not a decline.
    if let Err(e @ GatewayError::NotStarted(_)) = &answer {
        anyhow::bail!("{e}; {} {} was not sent, nothing moved", attempt.kind.noun(), attempt.id);
    }
    Ok(())
}

/// Looks an attempt's key up. A lookup that could not even start says
/// nothing of the attempt: an error, and the attempt stays as it is.
pub fn lookup(gateway: &dyn Gateway, attempt: &Attempt) -> Result<GatewayAnswer> {
    let answer = gateway.lookup(&attempt.key);
    if let Err(e @ GatewayError::NotStarted(_)) = &answer {
        anyhow::bail!("{e}: {} {} cannot be looked up, and stays {}", attempt.kind.noun(), attempt.id, attempt.status);
    }
    Ok(answer)
}

/// Sends again, under its own key, an attempt its gateway has no record of
/// (the gateway honours the key, so an attempt another command is still
/// sending is made once), if `still_wanted` says so inside the transaction
/// that restarts it (what it paid may have been paid meanwhile). Says
/// whether it was sent.
pub fn resend(
    ledger: &mut Ledger,
    attempt: &Attempt,
    clock: Clock,
    command: &str,
    still_wanted: impl FnOnce(&Transaction) -> Result<bool>,
    op: impl FnOnce() -> Result<Charge, GatewayError>,
    then: Then,
) -> Result<bool> {
    let restarted = ledger.write(|tx| {
        if !still_wanted(tx)? {
            return Ok(false);
        }
        payments::restart(tx, attempt.kind, attempt.id, clock)?;
        let detail = format!(
            "{} {}: never received by the gateway; sent again under key {}",
            attempt.kind.noun(),
            attempt.id,
            attempt.key
        );
        audit::append(tx, clock, Some(attempt.account_id), command, &detail)?;
        Ok(true)
    })?;
    if restarted {
        send_then(ledger, attempt, clock, command, op, then)?;
    }
    Ok(restarted)
}

/// Settles an unsettled attempt by looking its key up. One the gateway does
/// not know failed (no money moved), unless it is still in its answer window:
/// then it is left as it is and this says `false`.
pub fn settle(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    attempt: &Attempt,
    clock: Clock,
    command: &str,
) -> Result<bool> {
    settle_then(ledger, gateway, attempt, clock, command, &nothing)
}

/// `settle`, with `then` in the transaction that records the answer.
pub fn settle_then(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    attempt: &Attempt,
    clock: Clock,
    command: &str,
    then: Then,
) -> Result<bool> {
    let answer = lookup(gateway, attempt)?;
    if matches!(answer, Ok(None)) && attempt.in_answer_window(gateway, clock) {
        return Ok(false);
    }
    record(ledger, attempt, answer, clock, command, then)?;
    Ok(true)
}

/// Step 3: writes what the gateway said, unless a surer answer is already
/// there (another command settled it meanwhile), and `then` with it.
pub fn record(
    ledger: &mut Ledger,
    attempt: &Attempt,
    answer: GatewayAnswer,
    clock: Clock,
    command: &str,
    then: Then,
) -> Result<()> {
    // Lost to a power cut, this answer is found again by looking the key up.
    ledger.write_recoverable(|tx| {
        if record_in(tx, attempt, &answer, clock, command)? {
            then(tx, attempt)?;
        }
        Ok(())
    })
}

/// Step 3 inside a transaction of the caller's (a scheduler run records a
/// chunk of answers in one): says whether this answer was written.
pub fn record_in(
    tx: &Transaction,
    attempt: &Attempt,
    answer: &GatewayAnswer,
    clock: Clock,
    command: &str,
) -> Result<bool> {
    let (settlement, note) = settlement(answer, clock.today);
    write(tx, attempt, &settlement, &note, clock, command)
}

/// `record_in` for a charge whose row the caller holds (a scheduler run's
/// draft): gives the payment as it stands now, read again only when a
/// surer answer was already there.
pub fn record_payment(
    tx: &Transaction,
    payment: &Payment,
    answer: &GatewayAnswer,
    clock: Clock,
    command: &str,
) -> Result<Payment> {
    let attempt = Attempt::of_payment(payment);
    let (settlement, note) = settlement(answer, clock.today);
    if write(tx, &attempt, &settlement, &note, clock, command)? {
        return Ok(payment.settled(&settlement));
    }
    Ok(payments::get(tx, payment.id)?.expect("a payment is never deleted"))
}

/// Writes an answer and its audit line, unless a surer answer is there.
fn write(
    tx: &Transaction,
    attempt: &Attempt,
    settlement: &Settlement,
    note: &str,
    clock: Clock,
    command: &str,
) -> Result<bool> {
    let written = payments::settle(tx, attempt.kind, attempt.id, settlement)?;
    if written {
        let detail = format!("{} {}: {note}", attempt.kind.noun(), attempt.id);
        audit::append(tx, clock, Some(attempt.account_id), command, &detail)?;
    }
    Ok(written)
}

/// How the ledger records a gateway's answer, and how the audit log says it.
fn settlement(answer: &GatewayAnswer, today: NaiveDate) -> (Settlement<'_>, String) {
    let settled = |answer, status, failure_code, reference| Settlement {
        answer,
        status,
        failure_code,
        reference,
        settled_on: (status != PaymentStatus::Unknown).then_some(today),
        returns_on: None,
    };
    match answer {
        Ok(Some(charge)) => match &charge.outcome {
            Outcome::Succeeded => (
                Settlement {
                    returns_on: charge.returns_on,
                    ..settled(Answer::Gateway, PaymentStatus::Succeeded, None, Some(charge.reference.as_str()))
                },
                "succeeded".to_string(),
            ),
            Outcome::Failed { code } => (
                settled(Answer::Gateway, PaymentStatus::Failed, Some(code.as_str()), Some(charge.reference.as_str())),
                format!("failed: {code}"),
            ),
        },
        Ok(None) => (
            settled(Answer::NotReceived, PaymentStatus::Failed, Some(NOT_RECEIVED), None),
            "failed: the gateway never received it".to_string(),
        ),
        Err(GatewayError::Refused(why)) => (
            settled(Answer::NotReceived, PaymentStatus::Failed, Some("refused"), None),
            format!("refused by the gateway: {why}"),
        ),
        Err(e @ (GatewayError::Timeout(_) | GatewayError::NoReply(_))) => {
            (settled(Answer::Unknown, PaymentStatus::Unknown, None, None), format!("unknown: {e}"))
        }
        // The program could not be started: it received nothing.
        Err(e @ GatewayError::NotStarted(_)) => {
            (settled(Answer::NotReceived, PaymentStatus::Failed, Some("not_sent"), None), format!("not sent: {e}"))
        }
    }
}
