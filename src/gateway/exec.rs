//! The exec gateway: the user's own program, run directly (never through a
//! shell) once per operation, with one JSON request on stdin and one JSON
//! reply on stdout. No reply, garbage, a non-zero exit or a timeout leaves the
//! attempt unknown, to be settled later by `lookup`. A program that cannot be
//! started received nothing: that is `NotStarted`, never unknown.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::Result;
use serde_json::{json, Value};
use wait_timeout::ChildExt;

use super::{Charge, ChargeRequest, Gateway, GatewayError, Instrument, Outcome, RefundRequest, Tokenized};
use crate::config::GatewayConfig;
use crate::core::dates::parse_date;
use crate::core::money::Money;
use crate::error::invalid;

pub struct Exec {
    program: PathBuf,
    timeout: Duration,
}

impl Exec {
    pub fn new(config: &GatewayConfig) -> Result<Exec> {
        let program = config.program.clone().ok_or_else(|| {
            invalid("the exec gateway needs a program").hint("set `program = \"/path/to/adapter\"` under [gateway]")
        })?;
        Ok(Exec { program, timeout: Duration::from_secs(config.timeout_secs.max(1)) })
    }

    /// Runs the program once with `request` and returns its reply.
    fn call(&self, request: &Value) -> Result<Value, GatewayError> {
        let mut child = Command::new(&self.program)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| GatewayError::NotStarted(format!("{}: {e}", self.program.display())))?;
        if let Some(mut stdin) = child.stdin.take() {
            // A program that exits without reading is judged by its reply below.
            let _ = stdin.write_all(request.to_string().as_bytes());
        }
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            stdout.read_to_end(&mut out).map(|_| out)
        });
        let status = match child.wait_timeout(self.timeout) {
            Ok(Some(status)) => status,
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(GatewayError::Timeout(self.timeout.as_secs()));
            }
            Err(e) => return Err(GatewayError::NoReply(e.to_string())),
        };
        if !status.success() {
            return Err(GatewayError::NoReply(format!("the program exited with {status}")));
        }
        let out = reader
            .join()
            .map_err(|_| GatewayError::NoReply("reading the reply failed".into()))?
            .map_err(|e| GatewayError::NoReply(e.to_string()))?;
        let reply: Value =
            serde_json::from_slice(&out).map_err(|_| GatewayError::NoReply("the reply is not JSON".into()))?;
        if let Some(error) = reply.get("error").and_then(Value::as_str) {
            return Err(GatewayError::Refused(error.to_string()));
        }
        Ok(reply)
    }
}

fn garbage(what: &str) -> GatewayError {
    GatewayError::NoReply(format!("the reply has no valid `{what}`"))
}

/// Reads a charge or refund reply: `status`, `reference`, `failure_code`, `returns_on`.
fn charge_reply(reply: &Value) -> Result<Charge, GatewayError> {
    let reference = reply.get("reference").and_then(Value::as_str).ok_or_else(|| garbage("reference"))?;
    let outcome = match reply.get("status").and_then(Value::as_str) {
        Some("succeeded") => Outcome::Succeeded,
        Some("failed") => {
            Outcome::Failed { code: reply.get("failure_code").and_then(Value::as_str).unwrap_or("failed").to_string() }
        }
        _ => return Err(garbage("status")),
    };
    let returns_on = match reply.get("returns_on").and_then(Value::as_str) {
        Some(date) => Some(parse_date(date).map_err(|_| garbage("returns_on"))?),
        None => None,
    };
    Ok(Charge { outcome, reference: reference.to_string(), returns_on })
}

impl Gateway for Exec {
    fn answer_window(&self) -> Duration {
        // The program is killed at its timeout; a little more for hcpay itself.
        self.timeout + Duration::from_secs(5)
    }

    fn tokenize(&self, instrument: &Instrument, key: &str) -> Result<Tokenized, GatewayError> {
        let request = match instrument {
            Instrument::Card { number, exp, holder, zip } => json!({
                "op": "tokenize", "idempotency_key": key, "kind": "card",
                "number": number, "exp": exp, "holder": holder, "zip": zip,
            }),
            Instrument::Bank { routing, account_number, kind, holder } => json!({
                "op": "tokenize", "idempotency_key": key, "kind": "bank",
                "routing": routing, "account_number": account_number, "account_kind": kind, "holder": holder,
            }),
        };
        let reply = self.call(&request)?;
        let token = reply.get("token").and_then(Value::as_str).ok_or_else(|| garbage("token"))?;
        let verified = reply.get("verified").and_then(Value::as_bool).ok_or_else(|| garbage("verified"))?;
        Ok(Tokenized { token: token.to_string(), verified })
    }

    fn verify(&self, token: &str, amounts: (Money, Money), key: &str) -> Result<bool, GatewayError> {
        let request = json!({
            "op": "verify", "idempotency_key": key, "token": token,
            "amounts": [amounts.0, amounts.1],
        });
        self.call(&request)?.get("verified").and_then(Value::as_bool).ok_or_else(|| garbage("verified"))
    }

    fn charge(&self, r: &ChargeRequest) -> Result<Charge, GatewayError> {
        let request = json!({
            "op": "charge", "idempotency_key": r.idempotency_key, "token": r.token,
            "amount": r.amount, "currency": "USD", "account": r.account,
            "description": r.description, "date": r.on,
        });
        charge_reply(&self.call(&request)?)
    }

    fn lookup(&self, key: &str) -> Result<Option<Charge>, GatewayError> {
        let reply = self.call(&json!({"op": "lookup", "idempotency_key": key}))?;
        match reply.get("found").and_then(Value::as_bool) {
            Some(true) => charge_reply(&reply).map(Some),
            Some(false) => Ok(None),
            None => Err(garbage("found")),
        }
    }

    fn refund(&self, r: &RefundRequest) -> Result<Charge, GatewayError> {
        let request = json!({
            "op": "refund", "idempotency_key": r.idempotency_key, "charge_key": r.charge_key,
            "token": r.token, "amount": r.amount, "currency": "USD", "date": r.on,
        });
        charge_reply(&self.call(&request)?)
    }
}
