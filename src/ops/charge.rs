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
use rusqlite::Connection;

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
pub fn replay(conn: &Connection, spec: &ChargeSpec) -> Result<Option<Payment>> {
    let Some(key) = spec.idempotency_key else {
        return Ok(None);
    };
    let Some(earlier) = payments::by_key(conn, key)? else {
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

/// What step 1 found: a new attempt, or the one this key already made.
pub enum Begun {
    New(Payment),
    Earlier(Payment),
}

/// Charges under `spec`, or returns the earlier result for the same key.
pub fn charge(ledger: &mut Ledger, gateway: &dyn Gateway, spec: &ChargeSpec, today: NaiveDate) -> Result<Charged> {
    match begin(ledger, spec, today)? {
        Begun::Earlier(earlier) => {
            let payment = if earlier.unsettled() { settle(ledger, gateway, &earlier, today)? } else { earlier };
            Ok(Charged { payment, replayed: true })
        }
        Begun::New(pending) => {
            let payment = send(ledger, gateway, spec, &pending, today)?;
            Ok(Charged { payment, replayed: false })
        }
    }
}

/// Step 1: the attempt, committed as `pending` with its key. The key is
/// checked inside the same write transaction, so two commands with one key
/// cannot both start a charge.
pub fn begin(ledger: &mut Ledger, spec: &ChargeSpec, today: NaiveDate) -> Result<Begun> {
    ledger.write(|tx| {
        if let Some(earlier) = replay(tx, spec)? {
            return Ok(Begun::Earlier(earlier));
        }
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
        Ok(Begun::New(payment))
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

/// Settles a `pending` or `unknown` attempt by looking its key up. An
/// attempt the gateway does not know is failed (no money moved), unless it is
/// `pending` and young enough to be on its way from a command still running:
/// then it stays as it is. (An `unknown` one was given up by its command,
/// whose gateway program was stopped.)
pub fn settle(ledger: &mut Ledger, gateway: &dyn Gateway, payment: &Payment, today: NaiveDate) -> Result<Payment> {
    let key = payment.idempotency_key.as_deref().expect("every charge has a key");
    let answer = gateway.lookup(key);
    // A lookup that never ran says nothing of the attempt: it stays as it is.
    if let Err(e @ GatewayError::NotStarted(_)) = &answer {
        anyhow::bail!("{e}: payment {} cannot be looked up, and stays {}", payment.id, payment.status);
    }
    let window = gateway.answer_window().as_secs() as i64;
    let in_flight = payment.status == "pending"
        && payment.started_at.is_some_and(|started| payments::unix_now() - started < window);
    if matches!(answer, Ok(None)) && in_flight {
        return Ok(payment.clone());
    }
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
            Outcome::Succeeded => ("succeeded", None, Some(charge.reference.as_str()), "succeeded".to_string()),
            Outcome::Failed { code } => {
                ("failed", Some(code.as_str()), Some(charge.reference.as_str()), format!("failed: {code}"))
            }
        },
        Ok(None) => ("failed", Some("not_received"), None, "failed: the gateway never received it".into()),
        Err(GatewayError::Refused(why)) => ("failed", Some("refused"), None, format!("refused by the gateway: {why}")),
        Err(e @ (GatewayError::Timeout(_) | GatewayError::NoReply(_))) => {
            ("unknown", None, None, format!("unknown: {e}"))
        }
        Err(e @ GatewayError::NotStarted(_)) => ("failed", Some("not_sent"), None, format!("not sent: {e}")),
    };
    let settled_on = (status != "unknown").then_some(today);
    // Lost to a power cut, this answer is found again by looking the key up.
    let recorded = ledger.write_recoverable(|tx| {
        payments::settle(tx, payment.id, status, code, reference, settled_on)?;
        audit::append(tx, today, Some(payment.account_id), command, &format!("payment {}: {note}", payment.id))?;
        Ok(payments::get(tx, payment.id)?.expect("payment exists"))
    })?;
    // Nothing was sent: an error that names the program and why, not a decline.
    if let Err(e @ GatewayError::NotStarted(_)) = &answer {
        anyhow::bail!("{e}; payment {} was not sent, nothing was charged", payment.id);
    }
    Ok(recorded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_date;
    use crate::core::policy::MethodKind;
    use crate::gateway::sandbox::Sandbox;
    use crate::gateway::Instrument;
    use crate::ledger::methods::{self, MethodFields};
    use crate::ledger::{accounts, sandbox as store};
    use proptest::prelude::*;

    struct Fixture {
        _dir: tempfile::TempDir,
        ledger: Ledger,
        sandbox: Sandbox,
        account: Account,
        method: Method,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open_or_create(&path).unwrap();
        let today = parse_date("2027-01-05").unwrap();
        let sandbox = Sandbox::open(&path, None).unwrap();
        let card = Instrument::Card { number: "4242424242424242", exp: "12/30", holder: "A", zip: None };
        let token = sandbox.tokenize(&card, "t").unwrap().token;
        let method_id = ledger
            .write(|tx| {
                let new = accounts::NewAccount { handle: "a".into(), name: "A".into(), ..Default::default() };
                let id = accounts::insert(tx, &new, today)?;
                let fields = MethodFields {
                    kind: MethodKind::Card,
                    nickname: None,
                    brand: "Visa".into(),
                    last4: "4242".into(),
                    exp: Some("12/30".into()),
                    holder: "A".into(),
                    zip: None,
                    routing: None,
                    state: "verified".into(),
                    token,
                };
                methods::insert(tx, id, &fields, today)
            })
            .unwrap();
        let account = accounts::find(ledger.conn(), "a").unwrap().unwrap();
        let method = methods::get(ledger.conn(), method_id).unwrap().unwrap();
        Fixture { _dir: dir, ledger, sandbox, account, method }
    }

    /// What a caller can do, including dying at each point of the flow.
    #[derive(Debug, Clone)]
    enum Call {
        Pay {
            key: u8,
            cents: i64,
        },
        /// Dies after committing `pending`, before the gateway is asked.
        DieBeforeCharge {
            key: u8,
            cents: i64,
        },
        /// Dies after the gateway charged, before the answer is committed.
        DieAfterCharge {
            key: u8,
            cents: i64,
        },
        /// A later command settles what is unsettled.
        Settle,
    }

    fn call() -> impl Strategy<Value = Call> {
        let key = 0u8..3;
        let cents = prop_oneof![Just(1_000i64), Just(2_000i64)];
        prop_oneof![
            (key.clone(), cents.clone()).prop_map(|(key, cents)| Call::Pay { key, cents }),
            (key.clone(), cents.clone()).prop_map(|(key, cents)| Call::DieBeforeCharge { key, cents }),
            (key, cents).prop_map(|(key, cents)| Call::DieAfterCharge { key, cents }),
            Just(Call::Settle),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the sequence of calls and crashes, once settled the ledger
        /// holds one payment per key, and the money it records as paid is
        /// exactly what the gateway charged: none lost, none taken twice.
        #[test]
        fn a_key_is_charged_at_most_once(calls in prop::collection::vec(call(), 1..12)) {
            let mut f = fixture();
            let today = parse_date("2027-01-05").unwrap();
            for c in &calls {
                let (key, cents) = match c {
                    Call::Pay { key, cents } | Call::DieBeforeCharge { key, cents } | Call::DieAfterCharge { key, cents } => (*key, *cents),
                    Call::Settle => {
                        settle_account(&mut f.ledger, &f.sandbox, f.account.rowid, today).unwrap();
                        continue;
                    }
                };
                let key_text = format!("k{key}");
                let spec = ChargeSpec {
                    account: &f.account, method: &f.method, amount: Money::from_cents(cents), line: None,
                    idempotency_key: Some(&key_text), memo: None, command: "test",
                };
                // The same key for another amount is refused before anything moves.
                let Ok(earlier) = replay(f.ledger.conn(), &spec) else { continue };
                match c {
                    Call::Pay { .. } => { charge(&mut f.ledger, &f.sandbox, &spec, today).unwrap(); }
                    _ if earlier.is_some() => {}
                    Call::DieBeforeCharge { .. } => { begin(&mut f.ledger, &spec, today).unwrap(); }
                    Call::DieAfterCharge { .. } => {
                        let Begun::New(pending) = begin(&mut f.ledger, &spec, today).unwrap() else {
                            unreachable!("no earlier payment under this key")
                        };
                        let request = ChargeRequest {
                            idempotency_key: &key_text, token: &f.method.token, amount: spec.amount,
                            account: "a", description: "", on: today,
                        };
                        f.sandbox.charge(&request).unwrap();
                        prop_assert!(payments::get(f.ledger.conn(), pending.id).unwrap().unwrap().unsettled());
                    }
                    Call::Settle => unreachable!(),
                }
            }
            // Later, once every attempt is past the gateway's answer window.
            f.ledger.conn().execute("UPDATE payments SET started_at = started_at - 3600", []).unwrap();
            settle_account(&mut f.ledger, &f.sandbox, f.account.rowid, today).unwrap();
            let conn = f.ledger.conn();
            let rows = payments::for_account(conn, f.account.rowid).unwrap();
            let mut keys: Vec<&str> = rows.iter().filter_map(|p| p.idempotency_key.as_deref()).collect();
            let total = keys.len();
            keys.sort_unstable();
            keys.dedup();
            prop_assert_eq!(keys.len(), total, "two payments share a key");
            prop_assert!(rows.iter().all(|p| !p.unsettled()), "left unsettled after settling");
            let paid: i64 = rows.iter().filter(|p| p.status == "succeeded").map(|p| p.amount.cents()).sum();
            let charged: i64 = conn
                .query_row("SELECT coalesce(sum(amount_cents), 0) FROM sandbox_charges WHERE status = 'succeeded'", [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(paid, charged, "ledger and gateway disagree");
            prop_assert_eq!(store::count_charges(conn).unwrap() as usize, rows.iter().filter(|p| p.status != "failed").count());
        }
    }
}
