//! The sandbox: a deterministic gateway for trying hcpay and for tests.
//! Its state lives in the ledger file (its own tables, its own commits), so a
//! charge made before a crash can be looked up by its key afterwards.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::{Charge, ChargeRequest, Gateway, GatewayError, Instrument, Outcome, RefundRequest, Tokenized};
use crate::core::dates::add_business_days;
use crate::core::method::check_microdeposits;
use crate::core::money::Money;
use crate::error::invalid;
use crate::ledger::sandbox::{self as store, ChargeRow};

/// The micro-deposits the sandbox "sends" to every bank account.
pub const MICRO_DEPOSITS: (Money, Money) = (Money::from_cents(32), Money::from_cents(45));

/// A bank charge to a returning test account is returned this many business days later.
const RETURN_AFTER_BUSINESS_DAYS: u32 = 2;

/// Failures injected with `HCPAY_SANDBOX_FAULT`, for fault tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The process dies as it is about to charge: the gateway never receives it.
    CrashBeforeCharge,
    /// The process dies right after the charge is made, before hcpay records it.
    CrashAfterCharge,
    /// The charge is made but its answer never arrives.
    Timeout,
}

impl Fault {
    /// The fault `HCPAY_SANDBOX_FAULT` names (read by the context), if any.
    pub fn parse(name: Option<&str>) -> Result<Option<Fault>> {
        match name.unwrap_or_default() {
            "" => Ok(None),
            "crash_before_charge" => Ok(Some(Fault::CrashBeforeCharge)),
            "crash_after_charge" => Ok(Some(Fault::CrashAfterCharge)),
            "timeout" => Ok(Some(Fault::Timeout)),
            other => Err(invalid(format!(
                "HCPAY_SANDBOX_FAULT=`{}` is not a fault (crash_before_charge, crash_after_charge or timeout)",
                crate::core::text::excerpt(other)
            ))
            .into()),
        }
    }
}

pub struct Sandbox {
    conn: Connection,
    fault: Option<Fault>,
}

/// What a test number does when charged.
fn behaviour(instrument: &Instrument) -> &'static str {
    match instrument {
        Instrument::Card { number, .. } => match *number {
            "4000000000000002" => "fail:card_declined",
            "4000000000009995" => "fail:insufficient_funds",
            "4000000000000069" => "fail:expired_card",
            _ => "approve",
        },
        Instrument::Bank { routing: "110000000", account_number, .. } => match *account_number {
            "000222222227" => "return:R01",
            "000111111113" => "fail:account_closed",
            "000111111116" => "fail:no_account",
            _ => "approve",
        },
        Instrument::Bank { .. } => "approve",
    }
}

impl Sandbox {
    pub fn open(ledger: &Path, fault: Option<Fault>) -> Result<Sandbox> {
        let mut conn =
            Connection::open(ledger).with_context(|| format!("sandbox: cannot open {}", ledger.display()))?;
        crate::ledger::wait_for_writers(&mut conn)?;
        // The sandbox stands in for a processor's own books; hcpay's pending
        // row, written with a full sync before the charge, is what recovery needs.
        conn.pragma_update(None, "synchronous", "normal")?;
        Ok(Sandbox { conn, fault })
    }

    fn store_error(e: anyhow::Error) -> GatewayError {
        GatewayError::NoReply(format!("sandbox storage: {e:#}"))
    }

    fn reply(row: &ChargeRow) -> Charge {
        Charge {
            outcome: match &row.failure_code {
                None => Outcome::Succeeded,
                Some(code) => Outcome::Failed { code: code.clone() },
            },
            reference: row.reference.clone(),
            returns_on: row.returns_on,
        }
    }

    /// Records a charge or refund under its key (once), then applies the fault.
    fn record(&self, row: ChargeRow) -> Result<Charge, GatewayError> {
        Ok(self.record_new(row)?.0)
    }

    /// `record`, saying too whether this row was recorded (its reference's
    /// number is taken) or the key's earlier one answered.
    fn record_new(&self, row: ChargeRow) -> Result<(Charge, bool), GatewayError> {
        // One statement, so two commands sending one key at once record it once.
        if !store::insert_charge(&self.conn, &row).map_err(Self::store_error)? {
            let existing = store::charge_by_key(&self.conn, &row.idempotency_key).map_err(Self::store_error)?;
            return Ok((Self::reply(&existing.expect("a key that was just refused is recorded")), false));
        }
        let charge = match self.fault {
            Some(Fault::CrashAfterCharge) => std::process::abort(),
            // A refund goes through; the fault is for charges.
            Some(Fault::CrashBeforeCharge) => Ok(Self::reply(&row)),
            Some(Fault::Timeout) => Err(GatewayError::Timeout(0)),
            None => Ok(Self::reply(&row)),
        };
        Ok((charge?, true))
    }

    fn next_number(&self) -> Result<i64, GatewayError> {
        store::next_charge_number(&self.conn).map_err(Self::store_error)
    }

    fn reference(prefix: &str, n: i64) -> String {
        format!("{prefix}_sbx_{n:06}")
    }

    /// Charges under reference number `n`; says whether `n` was taken.
    fn charge_numbered(&self, request: &ChargeRequest, n: i64) -> Result<(Charge, bool), GatewayError> {
        if self.fault == Some(Fault::CrashBeforeCharge) {
            std::process::abort();
        }
        let behaviour = store::token_behaviour(&self.conn, request.token)
            .map_err(Self::store_error)?
            .ok_or_else(|| GatewayError::Refused(format!("unknown token {}", request.token)))?;
        let (failure_code, returns_on) = match behaviour.split_once(':') {
            Some(("fail", code)) => (Some(code.to_string()), None),
            Some(("return", _)) => (None, Some(add_business_days(request.on, RETURN_AFTER_BUSINESS_DAYS))),
            _ => (None, None),
        };
        let row = ChargeRow {
            idempotency_key: request.idempotency_key.to_string(),
            token: request.token.to_string(),
            amount_cents: request.amount.cents(),
            kind: "charge",
            status: if failure_code.is_some() { "failed" } else { "succeeded" }.to_string(),
            failure_code,
            reference: Self::reference("ch", n),
            charged_on: request.on,
            returns_on,
        };
        self.record_new(row)
    }
}

impl Gateway for Sandbox {
    fn answer_window(&self) -> Duration {
        Duration::from_secs(5)
    }

    fn tokenize(&self, instrument: &Instrument, _key: &str) -> Result<Tokenized, GatewayError> {
        let n = store::count_tokens(&self.conn).map_err(Self::store_error)?;
        let (kind, verified) = match instrument {
            // Cards pass the zero-amount check, even the declining test cards.
            Instrument::Card { .. } => ("card", true),
            Instrument::Bank { .. } => ("bank", false),
        };
        let token = format!("tok_sbx_{kind}_{:06}", n + 1);
        store::insert_token(&self.conn, &token, kind, behaviour(instrument)).map_err(Self::store_error)?;
        Ok(Tokenized { token, verified })
    }

    fn verify(&self, token: &str, amounts: (Money, Money), _key: &str) -> Result<bool, GatewayError> {
        if store::token_behaviour(&self.conn, token).map_err(Self::store_error)?.is_none() {
            return Err(GatewayError::Refused(format!("unknown token {token}")));
        }
        Ok(check_microdeposits(MICRO_DEPOSITS, &[amounts.0, amounts.1]))
    }

    fn charge(&self, request: &ChargeRequest) -> Result<Charge, GatewayError> {
        Ok(self.charge_numbered(request, self.next_number()?)?.0)
    }

    /// A batch in one transaction of the sandbox's own: one commit, not one
    /// per charge. All or none are recorded; if the commit fails, none was
    /// received (each answer says its fate is unknown, and a lookup finds
    /// none). Under a fault, one at a time, as the fault tests expect.
    fn charge_all(&self, requests: &[ChargeRequest]) -> Vec<Result<Charge, GatewayError>> {
        if self.fault.is_some() || requests.len() < 2 {
            return requests.iter().map(|r| self.charge(r)).collect();
        }
        let batch = || -> Result<Vec<Result<Charge, GatewayError>>> {
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
            // The references' numbers, counted on inside this transaction.
            let mut n = self.next_number()?;
            let mut charge = |r| {
                let (charge, taken) = self.charge_numbered(r, n)?;
                n += i64::from(taken);
                Ok(charge)
            };
            let answers = requests.iter().map(&mut charge).collect();
            tx.commit()?;
            Ok(answers)
        };
        batch().unwrap_or_else(|e| {
            let e = Self::store_error(e);
            requests.iter().map(|_| Err(e.clone())).collect()
        })
    }

    fn lookup(&self, key: &str) -> Result<Option<Charge>, GatewayError> {
        Ok(store::charge_by_key(&self.conn, key).map_err(Self::store_error)?.map(|row| Self::reply(&row)))
    }

    fn refund(&self, request: &RefundRequest) -> Result<Charge, GatewayError> {
        let row = ChargeRow {
            idempotency_key: request.idempotency_key.to_string(),
            token: request.token.to_string(),
            amount_cents: request.amount.cents(),
            kind: "refund",
            status: "succeeded".into(),
            failure_code: None,
            reference: Self::reference("re", self.next_number()?),
            charged_on: request.on,
            returns_on: None,
        };
        self.record(row)
    }
}
