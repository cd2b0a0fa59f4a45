//! `demo`: a sample household in a fresh sandbox ledger and a year of bills
//! and payments: card payments through the sandbox gateway, a declined card
//! and its retry, a mid-year subsidy change, a month missed and cured in
//! grace, a check recorded paying ahead; then `status` and `bills`.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::history::{self, HistoryArgs, Kind};
use super::{bills, snapshot, status, Outcome};
use crate::commands::method::add::{card_fields, CardArgs};
use crate::context::Context;
use crate::core::billing::{Line, PeriodKind, Program, Rate, RatePeriod};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::payment::Via;
use crate::error::invalid;
use crate::gateway::sandbox::Sandbox;
use crate::ledger::accounts::{self, Account, NewAccount};
use crate::ledger::methods::{self, Method};
use crate::ledger::payments::Payment;
use crate::ledger::payments::{self, RecordedPayment};
use crate::ledger::{audit, plans, Ledger};
use crate::ops::charge::{self, ChargeSpec};
use crate::render::Output;

const HANDLE: &str = "smith";

pub fn run(ctx: &Context) -> Result<Outcome> {
    let path = demo_ledger_path(ctx)?;
    let mut ledger = Ledger::open_or_create(&path)?;
    let start = Month::of(ctx.as_of).plus(2);
    let mut story = vec![format!("demo ledger: {}\n", path.display())];

    let enrolled_on = ctx.as_of;
    let account_id = ledger.write(|tx| {
        let account = NewAccount {
            handle: HANDLE.into(),
            name: "Jordan Smith".into(),
            member_id: Some("MA1234567".into()),
            email: Some("jordan@example.org".into()),
            phone: None,
        };
        let id = accounts::insert(tx, &account, enrolled_on)?;
        let health = rate(61_200, 41_000, Some(64_000), Program::Aptc, "Silver 2000", "Harvard Pilgrim");
        let dental = rate(3_800, 0, None, Program::Unsubsidized, "Dental Basic", "Altus Dental");
        plans::insert(tx, id, &period(Line::Health, start, health, enrolled_on))?;
        plans::insert(tx, id, &period(Line::Dental, start, dental, enrolled_on))?;
        audit::append(tx, enrolled_on, Some(id), "demo", "sample household smith enrolled")?;
        Ok(id)
    })?;
    story.push(format!(
        "{enrolled_on}  enrolled smith from {start}: health $612.00 - APTC $410.00 = $202.00, dental $38.00"
    ));
    let sandbox = Sandbox::open(&path, None)?;
    let setup = Context { as_of: enrolled_on, ..ctx.clone() };
    let good = add_card(&setup, &mut ledger, &sandbox, account_id, "4242424242424242", "everyday")?;
    let declining = add_card(&setup, &mut ledger, &sandbox, account_id, "4000000000000002", "old card")?;
    story.push(format!(
        "{enrolled_on}  cards added: Visa ending 4242 (default) and Visa ending 0002 (sandbox: declines)"
    ));
    let account = accounts::find(ledger.conn(), HANDLE)?.expect("just added");

    let mut share = Money::from_cents(24_000);
    for k in 0..12 {
        let month = start.plus(k);
        let usual_day = month.prev().day(20);
        match k {
            // A raise reported mid-month lowers the subsidy from the month after next.
            3 => {
                let reported = month.prev().day(25);
                let from = ctx.policy().change_applies_from(reported);
                let health = rate(61_200, 38_000, Some(64_000), Program::Aptc, "Silver 2000", "Harvard Pilgrim");
                card_payment(&mut ledger, &sandbox, &account, &good, share, usual_day)?;
                story.push(format!("{usual_day}  paid {} for {month} (card ending 4242)", share.dollars()));
                ledger.write(|tx| {
                    plans::insert(tx, account_id, &period(Line::Health, from, health, reported))?;
                    audit::append(tx, reported, Some(account_id), "demo", "income change reported")
                })?;
                story
                    .push(format!("{reported}  income change reported after the cutoff day: APTC $380.00 from {from}"));
                share = Money::from_cents(27_000);
            }
            // Missed: both lines go into grace, and a payment after the due date cures it.
            6 => {
                let due = ctx.policy().due_date(month);
                let late = month.day(5);
                story
                    .push(format!("{due}  {month} not paid by its due date: grace starts (health 3 months, dental 1)"));
                record(&mut ledger, account_id, late, share, month, Via::Phone)?;
                story.push(format!("{late}  paid {} late by phone: grace cured", share.dollars()));
            }
            // A check that pays this month and the next: the rest waits as credit.
            8 => {
                record(&mut ledger, account_id, usual_day, share.times(2), month, Via::Check)?;
                story.push(format!(
                    "{usual_day}  check for {} covers {month} and {}",
                    share.times(2).dollars(),
                    month.next()
                ));
            }
            9 => story.push(format!("{}  {month} paid from credit", ctx.policy().due_date(month))),
            // A declined card, then the retry with the good one.
            1 => {
                let failed = card_payment(&mut ledger, &sandbox, &account, &declining, share, usual_day)?;
                story.push(format!(
                    "{usual_day}  card ending 0002 declined ({}) for {month}",
                    failed.failure_code.as_deref().unwrap_or("failed")
                ));
                card_payment(&mut ledger, &sandbox, &account, &good, share, usual_day)?;
                story.push(format!("{usual_day}  retried with card ending 4242: paid {}", share.dollars()));
            }
            _ => {
                card_payment(&mut ledger, &sandbox, &account, &good, share, usual_day)?;
                story.push(format!("{usual_day}  paid {} for {month} (card ending 4242)", share.dollars()));
            }
        }
    }

    // The view at the end of the year: next year's first bill is issued, not yet due.
    let end = start.plus(11).day(15);
    let view = Context {
        ledger_path: path.clone(),
        ledger_named: true,
        as_of: end,
        account: Some(HANDLE.into()),
        ..ctx.clone()
    };
    let ledger = view.ledger()?;
    let account = accounts::resolve(ledger.conn(), view.account())?;
    let snap = snapshot(&view, ledger.conn(), &account)?;
    let (status_text, status_json) = status::document(&view, &account, &snap, &Default::default());
    let bills = bills::listing(&snap, false);
    let history_args = HistoryArgs {
        since: None,
        until: None,
        kind: Some(Kind::Payment),
        status: None,
        limit: Some(8),
        upcoming: false,
    };
    let history = history::listing(&view, ledger.conn(), &account, &snap, &history_args)?;
    let (bills_text, bills_json) = (bills.table(), bills.to_json());
    let (history_text, history_json) = (history.table(), history.to_json());
    let text = format!(
        "{}\n\n== status as of {end} ==\n{status_text}\n\n== bills ==\n{bills_text}\n\n== latest payments (history) ==\n{history_text}\n\nexplore it:  hcpay --ledger {} --as-of {end} status",
        story.join("\n"),
        path.display()
    );
    let json = json!({"ledger": path.display().to_string(), "as_of": end, "status": status_json, "bills": bills_json, "history": history_json});
    Ok(Output::Doc { text, json }.into())
}

/// A named ledger must be new; otherwise a fresh one in the temp directory.
fn demo_ledger_path(ctx: &Context) -> Result<PathBuf> {
    if ctx.ledger_named {
        if ctx.ledger_path.exists() {
            return Err(invalid(format!("{} exists: the demo builds a fresh ledger", ctx.ledger_path.display()))
                .hint("name a new file with --ledger, or leave --ledger out to use a temporary one")
                .into());
        }
        return Ok(ctx.ledger_path.clone());
    }
    let dir = std::env::temp_dir().join(format!("hcpay-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("ledger.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(path)
}

fn rate(premium: i64, aptc: i64, slcsp: Option<i64>, program: Program, plan: &str, carrier: &str) -> Rate {
    Rate {
        premium: Money::from_cents(premium),
        aptc: Money::from_cents(aptc),
        slcsp: slcsp.map(Money::from_cents),
        program,
        plan: Some(plan.into()),
        carrier: Some(carrier.into()),
    }
}

fn period(line: Line, from: Month, rate: Rate, recorded_on: NaiveDate) -> RatePeriod {
    RatePeriod { id: 0, line, from, kind: PeriodKind::Rate(rate), recorded_on }
}

fn record(
    ledger: &mut Ledger,
    account_id: i64,
    paid_on: NaiveDate,
    amount: Money,
    month: Month,
    via: Via,
) -> Result<()> {
    let payment = RecordedPayment {
        account_id,
        paid_on,
        amount,
        line: None,
        confirmation: format!("HC-{}{:02}", month.year(), month.month()),
        via: Some(via),
        memo: None,
    };
    ledger.write(|tx| {
        payments::insert_recorded(tx, &payment, paid_on).map_err(|e| match e {
            payments::InsertError::DuplicateConfirmation => {
                anyhow::anyhow!("duplicate demo confirmation")
            }
            payments::InsertError::Other(e) => e,
        })?;
        audit::append(tx, paid_on, Some(account_id), "demo", &format!("recorded payment {}", payment.confirmation))
    })
}

fn add_card(
    ctx: &Context,
    ledger: &mut Ledger,
    sandbox: &Sandbox,
    account_id: i64,
    number: &str,
    nickname: &str,
) -> Result<Method> {
    let args = CardArgs {
        number: Some(number.into()),
        exp: format!("12/{:02}", (ctx.as_of.year() + 3) % 100),
        holder: "Jordan Smith".into(),
        zip: Some("02108".into()),
        nickname: Some(nickname.into()),
    };
    let fields = card_fields(ctx, args, sandbox, &format!("demo:{nickname}"))?;
    let id = ledger.write(|tx| {
        let id = methods::insert(tx, account_id, &fields, ctx.as_of)?;
        audit::append(tx, ctx.as_of, Some(account_id), "demo", &format!("added card ending {}", fields.last4))?;
        Ok(id)
    })?;
    Ok(methods::get(ledger.conn(), id)?.expect("just added"))
}

/// A one-time payment through the sandbox, as `pay` makes it.
fn card_payment(
    ledger: &mut Ledger,
    sandbox: &Sandbox,
    account: &Account,
    method: &Method,
    amount: Money,
    on: NaiveDate,
) -> Result<Payment> {
    let spec = ChargeSpec {
        account,
        method,
        amount: Some(amount),
        line: None,
        idempotency_key: None,
        memo: None,
        command: "demo",
    };
    Ok(charge::charge_exactly(ledger, sandbox, &spec, on)?.payment)
}
