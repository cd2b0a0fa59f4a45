//! `method verify ID --amounts A,B`: a bank account's micro-deposits.

use anyhow::Result;
use clap::Args;

use super::{find, gateway_failed, label, method_view};
use crate::commands::Outcome;
use crate::context::Context;
use crate::core::method::{before_try, BeforeTry, TryOutcome, MAX_VERIFY_ATTEMPTS};
use crate::core::money::Money;
use crate::core::policy::MethodKind;
use crate::error::{bail_invalid, invalid};
use crate::ledger::{audit, methods};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The method's id
    pub id: i64,
    /// The two deposits as they appear on the statement, e.g. 0.32,0.45
    #[arg(long, value_name = "A,B")]
    pub amounts: String,
}

fn parse_amounts(text: &str) -> Result<(Money, Money)> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [a, b] = parts.as_slice() else {
        bail_invalid!("--amounts takes two amounts separated by a comma, e.g. 0.32,0.45");
    };
    let parse = |t: &str| -> Result<Money> {
        let m = Money::parse_payment(t).map_err(|e| invalid(format!("--amounts: {e}")))?;
        if m >= Money::from_cents(100) {
            bail_invalid!("--amounts: micro-deposits are under $1.00 ({} is not)", m.dollars());
        }
        Ok(m)
    };
    Ok((parse(a)?, parse(b)?))
}

pub fn run(ctx: &Context, args: &VerifyArgs) -> Result<Outcome> {
    let amounts = parse_amounts(&args.amounts)?;
    let mut ledger = ctx.ledger()?;
    let (account, method) = find(ctx, ledger.conn(), args.id)?;
    if method.kind() == MethodKind::Card {
        bail_invalid!("method {} is a card: cards are verified when added", method.id);
    }
    let attempt = match before_try(method.state, method.verify_attempts) {
        BeforeTry::Try(attempt) => attempt,
        BeforeTry::AlreadyVerified => {
            let text = format!("method {} ({}) is already verified", method.id, label(&method));
            return Ok(Output::done(text, &method_view(&method, ctx.as_of)).into());
        }
        BeforeTry::Locked => {
            return Err(invalid(format!("method {} is locked after {MAX_VERIFY_ATTEMPTS} wrong tries", method.id))
                .hint("remove it and add the account again")
                .into())
        }
    };
    let gateway = ctx.gateway(&ledger)?;
    // Per token: a new account number starts its tries (and keys) afresh.
    let key = format!("verify:{}:{attempt}", method.token);
    let matched = gateway.verify(&method.token, amounts, &key).map_err(gateway_failed)?;
    let outcome = TryOutcome::of(attempt, matched);
    let detail = format!("method {}: micro-deposit try {attempt}: {}", method.id, outcome.state());
    // A wrong try is counted (and kept) even though the command fails: three lock the method.
    ledger.write(|tx| {
        methods::set_state(tx, method.id, outcome.state(), attempt, ctx.as_of)?;
        audit::append(tx, ctx.clock(), Some(account.rowid), "method verify", &detail)
    })?;
    let method = methods::get(ledger.conn(), method.id)?.expect("exists");
    match outcome {
        TryOutcome::Verified => {
            let text = format!("method {} ({}) is verified", method.id, label(&method));
            Ok(Output::done(text, &method_view(&method, ctx.as_of)).into())
        }
        TryOutcome::Locked => Err(invalid(format!(
            "the amounts do not match; method {} is locked after {MAX_VERIFY_ATTEMPTS} wrong tries",
            method.id
        ))
        .into()),
        TryOutcome::Wrong { tries_left } => Err(invalid(format!(
            "the amounts do not match ({tries_left} {} left)",
            if tries_left == 1 { "try" } else { "tries" }
        ))
        .into()),
    }
}
