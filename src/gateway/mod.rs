//! Gateways move money: the built-in `sandbox` and `exec` (a user's program
//! speaking a small JSON protocol). Both implement `Gateway`.
//!
//! Every operation that can move money carries an idempotency key, so that
//! an attempt whose answer was lost is settled by `lookup`, never by
//! charging again.

pub mod exec;
pub mod sandbox;

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use chrono::NaiveDate;

use crate::config::{GatewayConfig, GatewayKind};
use crate::core::money::Money;

/// Card or bank details on their way to the gateway. Never stored or logged.
pub enum Instrument<'a> {
    Card { number: &'a str, exp: &'a str, holder: &'a str, zip: Option<&'a str> },
    Bank { routing: &'a str, account_number: &'a str, kind: &'a str, holder: &'a str },
}

/// What tokenizing returned: the token to keep, and whether the method is
/// already verified (a card's zero-amount check) or awaits micro-deposits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenized {
    pub token: String,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeRequest<'a> {
    pub idempotency_key: &'a str,
    pub token: &'a str,
    pub amount: Money,
    pub account: &'a str,
    pub description: &'a str,
    /// The day the charge is made (the clock), for the gateway's records.
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Succeeded,
    Failed { code: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub outcome: Outcome,
    pub reference: String,
    /// A bank charge that the bank will return (ACH R01) on this date.
    pub returns_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest<'a> {
    pub idempotency_key: &'a str,
    pub charge_key: &'a str,
    pub token: &'a str,
    pub amount: Money,
    pub on: NaiveDate,
}

/// A gateway that did not give a usable answer: the attempt's fate is unknown.
#[derive(Debug, Clone, thiserror::Error)]
pub enum GatewayError {
    #[error("the gateway did not answer within {0} seconds")]
    Timeout(u64),
    #[error("the gateway gave no usable answer: {0}")]
    NoReply(String),
    /// The gateway answered and refused the request (bad token, say).
    #[error("the gateway refused: {0}")]
    Refused(String),
    /// The exec gateway's program could not be started (no such file, not
    /// executable): it received nothing, so nothing moved.
    #[error("cannot run the gateway program {0}")]
    NotStarted(String),
}

pub trait Gateway {
    /// Exchanges full numbers for a token; cards get their zero-amount check.
    fn tokenize(&self, instrument: &Instrument, idempotency_key: &str) -> Result<Tokenized, GatewayError>;
    /// Confirms a bank account's micro-deposit amounts.
    fn verify(&self, token: &str, amounts: (Money, Money), idempotency_key: &str) -> Result<bool, GatewayError>;
    fn charge(&self, request: &ChargeRequest) -> Result<Charge, GatewayError>;
    /// Charges a batch, one answer per request in order. By default one at
    /// a time; a gateway that can record a batch at once (the sandbox, in
    /// one of its own transactions) overrides it.
    fn charge_all(&self, requests: &[ChargeRequest]) -> Vec<Result<Charge, GatewayError>> {
        requests.iter().map(|r| self.charge(r)).collect()
    }
    /// The charge made under this key, if the gateway ever received it.
    fn lookup(&self, idempotency_key: &str) -> Result<Option<Charge>, GatewayError>;
    fn refund(&self, request: &RefundRequest) -> Result<Charge, GatewayError>;
    /// How long a charge may wait for its answer. An attempt younger than
    /// this that the gateway does not know yet may still be on its way.
    fn answer_window(&self) -> Duration;
}

/// The gateway the config names.
/// `fault` is what `HCPAY_SANDBOX_FAULT` says, for the sandbox's fault tests.
pub fn from_config(config: &GatewayConfig, ledger: &Path, fault: Option<&str>) -> Result<Box<dyn Gateway>> {
    Ok(match config.kind {
        GatewayKind::Sandbox => Box::new(sandbox::Sandbox::open(ledger, sandbox::Fault::parse(fault)?)?),
        GatewayKind::Exec => Box::new(exec::Exec::new(config)?),
    })
}
