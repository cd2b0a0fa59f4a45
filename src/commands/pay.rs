//! `pay`: a one-time payment through the gateway, or `pay --record` for one
//! made elsewhere.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use rusqlite::{Connection, Transaction};
use serde::Serialize;

use super::history::{allocation_lines, payment_event, Allocation, Event};
use super::method::label;
use super::{snapshot_counting, Counting, Outcome};
use crate::cli::{choice, date_arg, key_arg, memo_arg, payment_arg};
use crate::context::Context;
use crate::core::billing::Line;
use crate::core::coverage::{evaluate, preview_payment, Snapshot};
use crate::core::method::MethodState;
use crate::core::money::Money;
use crate::core::payment::{
    check_confirmation, check_overpay, check_user_key, Overpay, PayRequest, PaymentStatus, Via,
};
use crate::error::{bail_invalid, invalid, unavailable, ExitCode};
use crate::ledger::accounts::{self, Account};
use crate::ledger::methods::{self, Method};
use crate::ledger::payments::{self, InsertError, Payment, RecordedPayment};
use crate::ledger::{audit, plans, Ledger};
use crate::ops::charge::{self, ChargeSpec, Decision, Settled};
use crate::prompt;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct PayArgs {
    /// An amount, `due` (every issued bill still open) or `ahead` (that and next month's bill before it is issued)
    #[arg(value_name = "AMOUNT|due|ahead", default_value = "due", conflicts_with = "record")]
    pub what: String,
    /// Pay this line's bills first
    #[arg(long, value_parser = choice::<Line>())]
    pub line: Option<Line>,
    /// The method to charge [default: the account's default method]
    #[arg(long, value_name = "ID")]
    pub method: Option<i64>,
    /// A key of yours: the same key again returns the first result and charges nothing (keys starting `pay:`, `autopay:` or `refund:` are hcpay's own)
    #[arg(long, value_name = "K", value_parser = key_arg)]
    pub idempotency_key: Option<String>,
    /// Show what would happen; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A note kept with the payment
    #[arg(long, value_name = "T", value_parser = memo_arg)]
    pub memo: Option<String>,
    /// Allow a payment that leaves more credit than three months of premiums
    #[arg(long)]
    pub allow_overpay: bool,
    /// Record a payment made elsewhere (check, portal, phone...) instead of charging
    #[arg(long, value_name = "AMOUNT", value_parser = payment_arg, requires_all = ["paid_on", "confirmation"])]
    pub record: Option<Money>,
    /// With --record: the day it was paid
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg, requires = "record")]
    pub paid_on: Option<NaiveDate>,
    /// With --record: the exchange's confirmation number
    #[arg(long, value_name = "C", requires = "record")]
    pub confirmation: Option<String>,
    /// With --record: how it was paid
    #[arg(long, value_name = "HOW", value_parser = choice::<Via>(), requires = "record")]
    pub via: Option<Via>,
}

pub fn run(ctx: &Context, args: &PayArgs) -> Result<Outcome> {
    if let Some(amount) = args.record {
        return record(ctx, args, amount);
    }
    let request = PayRequest::parse(&args.what).map_err(invalid)?;
    let key = args.idempotency_key.as_deref().map(check_user_key).transpose().map_err(invalid)?;
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let method = choose_method(ctx, ledger.conn(), &account, args.method)?;
    let gateway = ctx.gateway(&ledger)?;
    let spec = ChargeSpec {
        account: &account,
        method: &method,
        amount: request.fixed(),
        line: args.line,
        idempotency_key: key.as_deref(),
        memo: args.memo.as_deref(),
        command: "pay",
        alerts: Some(&ctx.config.alerts),
    };

    // The same key again returns the first result and asks nothing.
    let earlier = charge::replay(ledger.conn(), &spec)?;
    if args.dry_run {
        return dry_run(ctx, ledger.conn(), &account, &spec, request, earlier.as_ref());
    }
    let mut found = Settled::default();
    let mut confirmed = None;
    if earlier.is_none() {
        // Attempts whose answer never came are settled first, never charged again.
        found = charge::settle_account(
            &mut ledger,
            gateway.as_ref(),
            account.rowid,
            ctx.clock(),
            Some(&ctx.config.alerts),
        )?;
        if let Some(p) = found.unknown.first() {
            return Err(unavailable(format!(
                "payment {} ({}) is still unknown: the gateway has not said whether it went through; nothing new was charged",
                p.id,
                p.amount.dollars()
            ))
            .hint("try again later; it will be looked up by its key, never charged twice")
            .into());
        }
        // What to ask about; decided again, for good, inside the write
        // transaction. With --yes nobody is asked: the decision there is all.
        if !ctx.yes {
            let snap = in_flight_snapshot(ctx, ledger.conn(), &account)?;
            let amount = request.amount(args.line, &snap);
            if !amount.is_zero() {
                if !args.allow_overpay {
                    check_overpay(&snap, ctx.as_of, amount).map_err(overpay_error)?;
                }
                let question =
                    format!("Pay {} to {} from {} ({})?", amount.dollars(), account.handle, label(&method), method.id);
                if !prompt::confirm(false, &question)? {
                    return Ok(Output::done("not paid", &NotCharged { charged: false }).into());
                }
                // Only an amount a person agreed to is charged.
                confirmed = Some(amount);
            }
        }
    }
    let decide = |tx: &Transaction| decide(ctx, tx, &account, request, args, confirmed);
    Ok(match charge::charge(&mut ledger, gateway.as_ref(), &spec, ctx.clock(), decide)? {
        Ok(charged) => shown(ctx, &ledger, &account, &charged.payment, charged.replayed, &found.settled)?,
        Err(Skip::NothingDue { in_flight }) => nothing_due(&account, &in_flight, &found.settled),
        Err(Skip::Changed { now }) => {
            return Err(unavailable(format!(
                "the amount to pay changed to {} while you were confirming (another command paid or billed); nothing was charged",
                now.dollars()
            ))
            .hint("run `hcpay pay` again")
            .into())
        }
    })
}

/// What `pay --json` prints when the person said no.
#[derive(Debug, Serialize)]
pub struct NotCharged {
    pub charged: bool,
}

/// Why `pay` charged nothing after all.
enum Skip {
    /// Every bill asked for is paid, or being paid by an attempt in flight.
    NothingDue { in_flight: Vec<Payment> },
    /// The amount is no longer the one confirmed at the prompt.
    Changed { now: Money },
}

/// The amount to charge, decided inside the write transaction that records
/// the attempt: attempts in flight count as paid, and the overpay guard sees
/// them too, so commands at once behave as if run one after the other.
fn decide(
    ctx: &Context,
    tx: &Transaction,
    account: &Account,
    request: PayRequest,
    args: &PayArgs,
    confirmed: Option<Money>,
) -> Result<Decision<Skip>> {
    let snap = in_flight_snapshot(ctx, tx, account)?;
    let amount = request.amount(args.line, &snap);
    if amount.is_zero() {
        return Ok(Decision::Skip(Skip::NothingDue { in_flight: payments::unsettled(tx, account.rowid)? }));
    }
    if !args.allow_overpay {
        check_overpay(&snap, ctx.as_of, amount).map_err(overpay_error)?;
    }
    if confirmed.is_some_and(|c| c != amount) {
        return Ok(Decision::Skip(Skip::Changed { now: amount }));
    }
    Ok(Decision::Charge(amount))
}

/// One account with every attempt in flight counted as paid.
fn in_flight_snapshot(ctx: &Context, conn: &Connection, account: &Account) -> Result<Snapshot> {
    snapshot_counting(ctx, conn, account, Counting::WithInFlight)
}

fn overpay_error(over: Overpay) -> anyhow::Error {
    invalid(format!(
        "this payment would leave {} of credit, more than three months of premiums ({})",
        over.credit_after.dollars(),
        over.limit.dollars()
    ))
    .hint("pass --allow-overpay if that is what you want")
    .into()
}

/// A payment named in passing: one in flight, or one an earlier command left unsettled.
#[derive(Debug, Serialize)]
struct Brief {
    id: i64,
    amount: Money,
    status: PaymentStatus,
    failure_code: Option<String>,
}

impl From<&Payment> for Brief {
    fn from(p: &Payment) -> Brief {
        Brief { id: p.id, amount: p.amount, status: p.status, failure_code: p.failure_code.clone() }
    }
}

/// What `pay --json` prints when nothing was charged.
#[derive(Debug, Serialize)]
struct NothingDue<'a> {
    account: &'a str,
    amount: Money,
    charged: bool,
    in_flight: Vec<Brief>,
    settled_earlier: Vec<Brief>,
}

/// Nothing charged: say so, and name the payments in flight that pay the bills.
fn nothing_due(account: &Account, in_flight: &[Payment], settled: &[Payment]) -> Outcome {
    let mut text = settled_lines(settled);
    text.push_str(&format!("nothing is due for {}: no payment made", account.handle));
    for p in in_flight {
        text.push_str(&format!(
            "\npayment {} of {} is {} and pays what is due; see `hcpay receipt {}`",
            p.id,
            p.amount.dollars(),
            p.status,
            p.id
        ));
    }
    let view = NothingDue {
        account: &account.handle,
        amount: Money::ZERO,
        charged: false,
        in_flight: in_flight.iter().map(Brief::from).collect(),
        settled_earlier: settled.iter().map(Brief::from).collect(),
    };
    Output::doc(text, &view).into()
}

/// Names the attempts of earlier commands that this one found settled (a
/// crash after the charge, a timeout), so a rerun says what became of them.
fn settled_lines(settled: &[Payment]) -> String {
    settled
        .iter()
        .map(|p| {
            let how = p.failure_code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
            format!("earlier payment {} of {}, left unsettled, {}{how}\n", p.id, p.amount.dollars(), p.status)
        })
        .collect()
}

/// The method to charge: the one named, else the default; it must be usable.
pub fn choose_method(ctx: &Context, conn: &Connection, account: &Account, id: Option<i64>) -> Result<Method> {
    let method = match id {
        Some(id) => {
            let (owner, method) = super::method::find(ctx, conn, id)?;
            if owner.rowid != account.rowid {
                bail_invalid!("no method {id} for account {}", account.handle);
            }
            method
        }
        None => methods::default_for(conn, account.rowid)?.ok_or_else(|| {
            invalid(format!("account {} has no payment method", account.handle))
                .hint("add one with `hcpay method add card` or `hcpay method add bank`, or record a payment made elsewhere with `pay --record`")
        })?,
    };
    match method.shown_state(ctx.as_of) {
        MethodState::Verified => {}
        MethodState::Unverified => {
            return Err(invalid(format!("method {} ({}) is not verified yet", method.id, label(&method)))
                .hint(format!("confirm its micro-deposits with `hcpay method verify {} --amounts A,B`", method.id))
                .into())
        }
        state => bail_invalid!("method {} ({}) cannot be charged: it is {state}", method.id, label(&method)),
    }
    if !ctx.policy().accepted_methods.contains(&method.kind()) {
        bail_invalid!("this exchange does not take {} payments", method.kind());
    }
    Ok(method)
}

/// What `pay --dry-run --json` prints.
#[derive(Debug, Serialize)]
struct DryRun<'a> {
    dry_run: bool,
    account: &'a str,
    amount: Money,
    method: String,
    allocations: Vec<Allocation>,
    credit_after: Money,
}

/// What `pay --dry-run --json` prints when the key already names a payment.
#[derive(Debug, Serialize)]
struct DryRunReplay {
    dry_run: bool,
    replayed: bool,
    payment_id: i64,
}

/// What the payment would charge and pay today, without making it.
fn dry_run(
    ctx: &Context,
    conn: &Connection,
    account: &Account,
    spec: &ChargeSpec,
    request: PayRequest,
    earlier: Option<&Payment>,
) -> Result<Outcome> {
    let periods = plans::for_account(conn, account.rowid)?;
    let facts = payments::facts_with_in_flight(conn, account.rowid)?;
    let now = evaluate(&periods, &facts, ctx.policy(), ctx.as_of);
    let mut view = DryRun {
        dry_run: true,
        account: &account.handle,
        amount: Money::ZERO,
        method: label(spec.method),
        allocations: Vec::new(),
        credit_after: now.credit,
    };
    if let Some(earlier) = earlier {
        let text = format!("payment {} already made under this key; nothing would be charged", earlier.id);
        return Ok(Output::doc(text, &DryRunReplay { dry_run: true, replayed: true, payment_id: earlier.id }).into());
    }
    view.amount = request.amount(spec.line, &now);
    let preview = preview_payment(&periods, &facts, ctx.policy(), ctx.as_of, view.amount, spec.line);
    view.allocations = preview.paid.iter().map(Allocation::from).collect();
    view.credit_after = preview.credit_after;
    let mut text = format!(
        "would pay {} to {} from {} (nothing charged: dry run)",
        view.amount.dollars(),
        account.handle,
        view.method
    );
    text.push_str(&allocation_lines(&view.allocations));
    text.push_str(&format!("\ncredit after: {} (now {})", view.credit_after.dollars(), now.credit.dollars()));
    Ok(Output::doc(text, &view).into())
}

/// What `pay --json` prints for a payment: the payment as `history` shows
/// it, whether an idempotency key replayed it, and what it paid.
#[derive(Debug, Serialize)]
struct PaymentView {
    #[serde(flatten)]
    event: Event,
    replayed: bool,
    allocations: Vec<Allocation>,
    settled_earlier: Vec<Brief>,
}

/// The payment as `history` shows it, with what it paid; exits 3 when
/// declined and 75 when its fate is unknown.
pub fn shown(
    ctx: &Context,
    ledger: &Ledger,
    account: &Account,
    payment: &Payment,
    replayed: bool,
    settled: &[Payment],
) -> Result<Outcome> {
    // Payments still in flight take their place in the allocation as they
    // will once they settle, so what is printed here is what `receipt` shows.
    let snap = in_flight_snapshot(ctx, ledger.conn(), account)?;
    let view = PaymentView {
        event: payment_event(ledger.conn(), payment, &snap)?,
        replayed,
        allocations: Allocation::of(&snap, payment.id),
        settled_earlier: settled.iter().map(Brief::from).collect(),
    };
    let (id, amount) = (payment.id, payment.amount.dollars());
    let (text, code) = match payment.status {
        PaymentStatus::Failed => (
            format!("payment {id} of {amount} failed: {}", payment.failure_code.as_deref().unwrap_or("failed")),
            ExitCode::Declined,
        ),
        PaymentStatus::Unknown => (
            format!("payment {id} of {amount} is unknown: the gateway did not answer; it will be looked up by its key, never charged twice. Try again later."),
            ExitCode::Unavailable,
        ),
        PaymentStatus::Pending => (
            format!("payment {id} of {amount} is pending: another command is sending it and its answer has not come yet; it will be looked up by its key, never charged twice. Try again later."),
            ExitCode::Unavailable,
        ),
        status => {
            let mut text = format!("payment {id} of {amount} {status}");
            text.push_str(&allocation_lines(&view.allocations));
            text.push_str(&format!("\ncredit now {}, due now {}", snap.credit.dollars(), snap.amount_due.dollars()));
            (text, ExitCode::Done)
        }
    };
    let first_line = text.clone();
    let mut text = format!("{}{text}", settled_lines(settled));
    if replayed {
        text.push_str("\nalready made (same idempotency key): nothing charged");
    }
    let output = Output::doc(text, &view);
    Ok(match code {
        ExitCode::Done => output.into(),
        _ => Outcome::failed(output, code, first_line),
    })
}

/// `pay --record`: a payment made elsewhere, kept as proof.
fn record(ctx: &Context, args: &PayArgs, amount: Money) -> Result<Outcome> {
    let paid_on = args.paid_on.expect("clap requires --paid-on with --record");
    if paid_on > ctx.as_of {
        bail_invalid!("--paid-on {paid_on} is after today ({})", ctx.as_of);
    }
    let confirmation = check_confirmation(args.confirmation.as_deref().unwrap_or_default()).map_err(invalid)?;
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let payment = RecordedPayment {
        account_id: account.rowid,
        paid_on,
        amount,
        line: args.line,
        confirmation: confirmation.clone(),
        via: args.via,
        memo: args.memo.clone(),
    };
    let id = ledger.write(|tx| {
        let id = payments::insert_recorded(tx, &payment, ctx.as_of).map_err(|e| match e {
            InsertError::DuplicateConfirmation => anyhow::Error::from(invalid(format!(
                "confirmation {confirmation} is already recorded for {}",
                account.handle
            ))),
            InsertError::Other(e) => e,
        })?;
        let detail = format!("recorded payment {id}: {} paid {paid_on}, confirmation {confirmation}", amount.dollars());
        audit::append(tx, ctx.clock(), Some(account.rowid), "pay --record", &detail)?;
        Ok(id)
    })?;
    let payment = payments::get(ledger.conn(), id)?.expect("just inserted");
    shown(ctx, &ledger, &account, &payment, false, &[])
}
