//! Charging a method, by the steps of `ops::attempt`: what to charge is
//! decided inside the transaction that records the attempt as `pending`, then
//! the gateway is asked under the attempt's key and its answer recorded.

use anyhow::Result;

use rusqlite::{Connection, Transaction};

use crate::clock::Clock;
use crate::config::AlertsConfig;
use crate::core::billing::Line;
use crate::core::money::Money;
use crate::error::invalid;
use crate::gateway::{Charge, ChargeRequest, Gateway, GatewayError};
use crate::ledger::accounts::Account;
use crate::ledger::methods::Method;
use crate::ledger::payments::{self, NewCharge, Payment};
use crate::ledger::{audit, Ledger};
use crate::ops::answered::answered;
use crate::ops::attempt::{self, Attempt};

/// What the user asked to charge.
pub struct ChargeSpec<'a> {
    pub account: &'a Account,
    pub method: &'a Method,
    /// The amount the request names; `None` when it is decided inside the
    /// write transaction that starts the charge (`pay due`, a draft).
    pub amount: Option<Money>,
    pub line: Option<Line>,
    pub idempotency_key: Option<&'a str>,
    pub memo: Option<&'a str>,
    /// The command, for the audit log.
    pub command: &'a str,
    /// Where a one-time payment's answer raises its alert (the receipt, or
    /// the decline), in the transaction that records it; drafts raise their own.
    pub alerts: Option<&'a AlertsConfig>,
}

impl<'a> ChargeSpec<'a> {
    /// An autopay draft: every line, under its derived key, for what is
    /// decided when it is sent.
    pub fn draft(account: &'a Account, method: &'a Method, key: &'a str, command: &'a str) -> ChargeSpec<'a> {
        ChargeSpec {
            account,
            method,
            amount: None,
            line: None,
            idempotency_key: Some(key),
            memo: None,
            command,
            alerts: None,
        }
    }
}

/// What the decision taken inside the write transaction came to.
pub enum Decision<T> {
    Charge(Money),
    /// Nothing to charge, and why.
    Skip(T),
}

/// An attempt as it stands after the flow, and whether it was an earlier one.
pub struct Charged {
    pub payment: Payment,
    pub replayed: bool,
}

/// What step 1 found: a new attempt, the one this key already made, or a
/// decision to charge nothing.
pub enum Begun<T> {
    New(Payment),
    Earlier(Payment),
    Skipped(T),
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
    // `due` and `ahead` mean what was owed when the key was first used:
    // once that payment counts, less is owed, yet a retry is the same request.
    let same = earlier.account_id == spec.account.rowid
        && spec.amount.is_none_or(|amount| amount == earlier.amount)
        && earlier.method_id == Some(spec.method.id)
        && earlier.line == spec.line;
    if earlier.account_id != spec.account.rowid {
        // Another household's payment: say nothing of it.
        return Err(invalid(format!("idempotency key `{key}` was used for another account's payment"))
            .hint("use a new key for a new payment")
            .into());
    }
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
/// `decide` runs inside the write transaction that records the attempt, so
/// what it reads (what is owed, what is in flight) cannot change before the
/// attempt is recorded.
pub fn charge<T>(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    spec: &ChargeSpec,
    clock: Clock,
    decide: impl Fn(&Transaction) -> Result<Decision<T>>,
) -> Result<Result<Charged, T>> {
    Ok(Ok(match begin(ledger, spec, clock, &decide)? {
        Begun::Skipped(why) => return Ok(Err(why)),
        Begun::Earlier(earlier) => {
            let payment = if earlier.unsettled() || earlier.never_received() {
                resume(ledger, gateway, spec, &earlier, clock, &decide)?
            } else {
                earlier
            };
            Charged { payment, replayed: true }
        }
        Begun::New(pending) => Charged { payment: send(ledger, gateway, spec, &pending, clock)?, replayed: false },
    }))
}

/// Charges the amount `spec` names, with no decision to take.
#[cfg(test)]
pub fn charge_exactly(ledger: &mut Ledger, gateway: &dyn Gateway, spec: &ChargeSpec, clock: Clock) -> Result<Charged> {
    let amount = spec.amount.expect("charge_exactly needs an amount");
    let charged = charge(ledger, gateway, spec, clock, |_| Ok(Decision::<std::convert::Infallible>::Charge(amount)))?;
    Ok(charged.unwrap_or_else(|never| match never {}))
}

/// Step 1: the attempt, committed as `pending` with its key. The key is
/// checked, and the amount decided, inside the same write transaction, so
/// two commands at once behave as if run one after the other.
pub fn begin<T>(
    ledger: &mut Ledger,
    spec: &ChargeSpec,
    clock: Clock,
    decide: impl FnOnce(&Transaction) -> Result<Decision<T>>,
) -> Result<Begun<T>> {
    ledger.write(|tx| begin_in(tx, spec, clock, decide))
}

/// Step 1 inside a transaction of the caller's (a scheduler run begins a
/// chunk of drafts in one, committed before any is sent).
pub fn begin_in<T>(
    tx: &Transaction,
    spec: &ChargeSpec,
    clock: Clock,
    decide: impl FnOnce(&Transaction) -> Result<Decision<T>>,
) -> Result<Begun<T>> {
    if let Some(earlier) = replay(tx, spec)? {
        return Ok(Begun::Earlier(earlier));
    }
    let amount = match decide(tx)? {
        Decision::Charge(amount) => amount,
        Decision::Skip(why) => return Ok(Begun::Skipped(why)),
    };
    let new = NewCharge {
        account_id: spec.account.rowid,
        account: &spec.account.handle,
        amount,
        line: spec.line,
        method_id: spec.method.id,
        idempotency_key: spec.idempotency_key,
        memo: spec.memo,
    };
    let payment = payments::insert_pending(tx, &new, clock)?;
    let detail = format!(
        "payment {}: charging {} to method {} ({} ending {}), key {}",
        payment.id,
        amount.dollars(),
        spec.method.id,
        spec.method.brand,
        spec.method.last4,
        payment.idempotency_key.as_deref().unwrap_or("-")
    );
    audit::append(tx, clock, Some(spec.account.rowid), spec.command, &detail)?;
    Ok(Begun::New(payment))
}

/// Steps 2 and 3: ask the gateway, record its answer.
pub fn send(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    spec: &ChargeSpec,
    pending: &Payment,
    clock: Clock,
) -> Result<Payment> {
    let attempt = Attempt::of_payment(pending);
    let op = || charge_under_key(gateway, spec, pending, clock);
    attempt::send_then(ledger, &attempt, clock, spec.command, op, &|tx, a| answered(tx, spec.alerts, a, clock))?;
    reload(ledger, pending)
}

/// Asks the gateway to charge an attempt, under its key.
pub fn charge_under_key(
    gateway: &dyn Gateway,
    spec: &ChargeSpec,
    pending: &Payment,
    clock: Clock,
) -> Result<Charge, GatewayError> {
    let description = description(spec, pending);
    gateway.charge(&request(spec, pending, &description, clock))
}

/// Asks the gateway to charge a batch of attempts, each under its key: one
/// answer per attempt, in order.
pub fn charge_all_under_keys(
    gateway: &dyn Gateway,
    attempts: &[(ChargeSpec, &Payment)],
    clock: Clock,
) -> Vec<Result<Charge, GatewayError>> {
    let descriptions: Vec<String> = attempts.iter().map(|(spec, p)| description(spec, p)).collect();
    let requests: Vec<ChargeRequest> =
        attempts.iter().zip(&descriptions).map(|((spec, p), d)| request(spec, p, d, clock)).collect();
    gateway.charge_all(&requests)
}

fn description(spec: &ChargeSpec, pending: &Payment) -> String {
    format!("hcpay premium payment {} for {}", pending.id, spec.account.handle)
}

fn request<'a>(spec: &'a ChargeSpec, pending: &'a Payment, description: &'a str, clock: Clock) -> ChargeRequest<'a> {
    ChargeRequest {
        idempotency_key: pending.idempotency_key.as_deref().expect("every charge has a key"),
        token: &spec.method.token,
        amount: pending.amount,
        account: &spec.account.handle,
        description,
        on: clock.today,
    }
}

fn reload(ledger: &Ledger, payment: &Payment) -> Result<Payment> {
    Ok(payments::get(ledger.conn(), payment.id)?.expect("a payment is never deleted"))
}

/// The same key again for an attempt that is unsettled, or that its gateway
/// never received: looked up first; if the gateway has no charge under the
/// key, it is sent again under that key. A key is never lost to a crash.
/// One that failed as never received no longer counted as money on its
/// way: it is sent again only if `decide`, inside the transaction that
/// restarts it, still asks for the same amount (nothing else paid those
/// bills meanwhile, and the overpay cap still holds).
fn resume<T>(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    spec: &ChargeSpec,
    earlier: &Payment,
    clock: Clock,
    decide: impl Fn(&Transaction) -> Result<Decision<T>>,
) -> Result<Payment> {
    let attempt = Attempt::of_payment(earlier);
    let then = &|tx: &Transaction, a: &Attempt| answered(tx, spec.alerts, a, clock);
    match attempt::lookup(gateway, &attempt)? {
        Ok(None) => {
            let still_wanted = |tx: &Transaction| -> Result<bool> {
                if !earlier.never_received() {
                    // Still counted as on its way: nobody else paid for it.
                    return Ok(true);
                }
                Ok(matches!(decide(tx)?, Decision::Charge(amount) if amount == earlier.amount))
            };
            let send = || charge_under_key(gateway, spec, earlier, clock);
            attempt::resend(ledger, &attempt, clock, spec.command, still_wanted, send, then)?;
        }
        answer => attempt::record(ledger, &attempt, answer, clock, spec.command, then)?,
    }
    reload(ledger, earlier)
}

/// What settling an account's attempts found.
#[derive(Default)]
pub struct Settled {
    /// Attempts left by earlier commands that are now settled either way.
    pub settled: Vec<Payment>,
    /// Attempts another command is sending right now.
    pub in_flight: Vec<Payment>,
    /// Attempts whose gateway still gives no answer.
    pub unknown: Vec<Payment>,
}

/// Settles every unsettled charge of an account by looking its key up,
/// raising each one-time payment's answer on `alerts` (when given).
pub fn settle_account(
    ledger: &mut Ledger,
    gateway: &dyn Gateway,
    account_id: i64,
    clock: Clock,
    alerts: Option<&AlertsConfig>,
) -> Result<Settled> {
    let mut found = Settled::default();
    let then = &|tx: &Transaction, a: &Attempt| answered(tx, alerts, a, clock);
    for payment in payments::unsettled(ledger.conn(), account_id)? {
        if !attempt::settle_then(ledger, gateway, &Attempt::of_payment(&payment), clock, "settle", then)? {
            found.in_flight.push(payment);
            continue;
        }
        let now = reload(ledger, &payment)?;
        if now.unsettled() {
            found.unknown.push(now);
        } else {
            found.settled.push(now);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_date;
    use crate::core::method::{Brand, CardBrand, Expiry, MethodState};
    use crate::core::payment::PaymentStatus;
    use crate::gateway::sandbox::Sandbox;
    use crate::gateway::Instrument;
    use crate::ledger::methods;
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
        let method = ledger
            .write(|tx| {
                let new = accounts::NewAccount { handle: "a".into(), name: "A".into(), ..Default::default() };
                let account_id = accounts::insert(tx, &new, today)?;
                let card = Method {
                    id: 0,
                    account_id,
                    nickname: None,
                    brand: Brand::Card(CardBrand::Visa),
                    last4: "4242".into(),
                    exp: Expiry::new(2030, 12),
                    holder: "A".into(),
                    zip: None,
                    routing: None,
                    state: MethodState::Verified,
                    token,
                    is_default: false,
                    verify_attempts: 0,
                };
                methods::insert(tx, &card, today)
            })
            .unwrap();
        let account = accounts::find(ledger.conn(), "a").unwrap().unwrap();
        Fixture { _dir: dir, ledger, sandbox, account, method }
    }

    fn begin_exactly(ledger: &mut Ledger, spec: &ChargeSpec, clock: Clock) -> Begun<()> {
        let amount = spec.amount.unwrap();
        begin(ledger, spec, clock, |_| Ok(Decision::Charge(amount))).unwrap()
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
            let clock = Clock::on(today);
            for c in &calls {
                let (key, cents) = match c {
                    Call::Pay { key, cents } | Call::DieBeforeCharge { key, cents } | Call::DieAfterCharge { key, cents } => (*key, *cents),
                    Call::Settle => {
                        settle_account(&mut f.ledger, &f.sandbox, f.account.rowid, clock, None).unwrap();
                        continue;
                    }
                };
                let key_text = format!("k{key}");
                let spec = ChargeSpec {
                    account: &f.account, method: &f.method, amount: Some(Money::from_cents(cents)), line: None,
                    idempotency_key: Some(&key_text), memo: None, command: "test", alerts: None,
                };
                // The same key for another amount is refused before anything moves.
                let Ok(earlier) = replay(f.ledger.conn(), &spec) else { continue };
                match c {
                    Call::Pay { .. } => { charge_exactly(&mut f.ledger, &f.sandbox, &spec, clock).unwrap(); }
                    _ if earlier.is_some() => {}
                    Call::DieBeforeCharge { .. } => { begin_exactly(&mut f.ledger, &spec, clock); }
                    Call::DieAfterCharge { .. } => {
                        let Begun::New(pending) = begin_exactly(&mut f.ledger, &spec, clock) else {
                            unreachable!("no earlier payment under this key")
                        };
                        let request = ChargeRequest {
                            idempotency_key: &key_text, token: &f.method.token, amount: Money::from_cents(cents),
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
            settle_account(&mut f.ledger, &f.sandbox, f.account.rowid, clock, None).unwrap();
            let conn = f.ledger.conn();
            let rows = payments::for_account(conn, f.account.rowid).unwrap();
            let mut keys: Vec<&str> = rows.iter().filter_map(|p| p.idempotency_key.as_deref()).collect();
            let total = keys.len();
            keys.sort_unstable();
            keys.dedup();
            prop_assert_eq!(keys.len(), total, "two payments share a key");
            prop_assert!(rows.iter().all(|p| !p.unsettled()), "left unsettled after settling");
            let paid: i64 = rows.iter().filter(|p| p.status == PaymentStatus::Succeeded).map(|p| p.amount.cents()).sum();
            let charged: i64 = conn
                .query_row("SELECT coalesce(sum(amount_cents), 0) FROM sandbox_charges WHERE status = 'succeeded'", [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(paid, charged, "ledger and gateway disagree");
            prop_assert_eq!(store::count_charges(conn).unwrap() as usize, rows.iter().filter(|p| p.status != PaymentStatus::Failed).count());
        }
    }
}
