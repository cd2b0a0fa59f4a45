//! The alert a one-time payment's answer raises: its receipt
//! (`payment_succeeded`) or its decline (`payment_failed`), inside the
//! transaction that records the answer, so neither is lost nor raised twice.
//! Autopay drafts raise their own (with the month and what happens next).

use anyhow::Result;
use rusqlite::Transaction;

use crate::clock::Clock;
use crate::config::AlertsConfig;
use crate::core::alert::{payment_failed, payment_succeeded, PaymentAnswer};
use crate::core::method::MethodState;
use crate::core::payment::PaymentStatus;
use crate::ledger::{accounts, methods, payments};
use crate::ops::attempt::Attempt;

/// Raises what the answer just recorded for `attempt` calls for, if any.
pub fn answered(tx: &Transaction, alerts: Option<&AlertsConfig>, attempt: &Attempt, clock: Clock) -> Result<()> {
    let Some(alerts) = alerts else { return Ok(()) };
    let Some(p) = payments::get(tx, attempt.id)? else { return Ok(()) };
    if crate::ledger::autopay::is_draft(&p) {
        // A draft's alerts name its month and what happens next: the scheduler raises them.
        return Ok(());
    }
    let Some(account) = accounts::get(tx, p.account_id)? else { return Ok(()) };
    let method = match p.method_id.map(|id| methods::get(tx, id)).transpose()?.flatten() {
        Some(m) => m.label(),
        None => "-".into(),
    };
    let answer = |reference: Option<&str>| PaymentAnswer {
        id: p.id,
        amount: p.amount,
        method: &method,
        on: p.settled_on.unwrap_or(clock.today),
        reference: reference.map(str::to_string),
    };
    let alert = match p.status {
        PaymentStatus::Succeeded => payment_succeeded(&account.handle, &answer(p.reference.as_deref())),
        // One its gateway never received moved nothing and declined nothing: it is sent again.
        PaymentStatus::Failed if !p.never_received() => {
            // Another method that can pay now, for the command that fixes it.
            let other = methods::list(tx, account.rowid)?
                .into_iter()
                .find(|m| Some(m.id) != p.method_id && m.state.shown(m.exp, clock.today) == MethodState::Verified);
            let other = other.as_ref().map(|m| (m.id, m.label()));
            let other = other.as_ref().map(|(id, label)| (*id, label.as_str()));
            payment_failed(&account.handle, &answer(p.failure_code.as_deref()), other)
        }
        _ => return Ok(()),
    };
    crate::alerts::raise(tx, alerts, Some(account.rowid), &alert, clock.today)?;
    Ok(())
}
