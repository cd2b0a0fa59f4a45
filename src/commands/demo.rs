//! `demo`: a sample household in a fresh sandbox ledger and a year on
//! autopay, run by the real scheduler: a soft decline and its retry, a bank
//! draft that comes back (the fallback charged at once), a one-time payment
//! while autopay is on; then `status`, `history` and `alerts`.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::alerts::AlertView;
use super::autopay::{self, AutopayCommand, EnableArgs};
use super::history::{self, HistoryArgs, Kind};
use super::pay::PayArgs;
use super::{bills, snapshot, status, Outcome};
use crate::clock::Clock;
use crate::commands::method::add::{bank_method, card_method, BankArgs, CardArgs};
use crate::config::{Config, GatewayConfig};
use crate::context::Context;
use crate::core::alert::AlertKind;
use crate::core::autopay::AmountMode;
use crate::core::billing::{Line, PeriodKind, Program, Rate, RatePeriod};
use crate::core::dates::Month;
use crate::core::method::{BankKind, MethodState};
use crate::core::money::Money;
use crate::error::invalid;
use crate::gateway::sandbox::Sandbox;
use crate::ledger::accounts::{self, NewAccount};
use crate::ledger::alerts::{self as alert_store, Alert};
use crate::ledger::methods::{self, Method};
use crate::ledger::{audit, plans, Ledger};
use crate::ops;
use crate::ops::scheduler::{Action, Env, Report};
use crate::render::Output;
use strum::VariantNames;

const HANDLE: &str = "smith";

pub fn run(ctx: &Context) -> Result<Outcome> {
    let path = demo_ledger_path(ctx)?;
    let mut ledger = Ledger::open_or_create(&path)?;
    let start = Month::of(ctx.as_of).plus(2);
    let mut story = vec![format!("demo ledger: {}\n", path.display())];
    // Always the sandbox, whatever the config names: the demo moves no real money.
    let config = Config { gateway: GatewayConfig::default(), ..ctx.config.clone() };
    let at = |day: NaiveDate| Context {
        ledger_path: path.clone(),
        ledger_named: true,
        config: config.clone(),
        as_of: day,
        account: Some(HANDLE.into()),
        yes: true,
        quiet: true,
        ..ctx.clone()
    };

    let enrolled_on = ctx.as_of;
    ledger.write(|tx| {
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
        audit::append(tx, Clock::on(enrolled_on), Some(id), "demo", "sample household smith enrolled")
    })?;
    story.push(format!(
        "{enrolled_on}  enrolled smith from {start}: health $612.00 - APTC $410.00 = $202.00, dental $38.00"
    ));
    let sandbox = Sandbox::open(&path, None)?;
    let setup = at(enrolled_on);
    let account = accounts::find(ledger.conn(), HANDLE)?.expect("just added");
    let everyday = add_card(&setup, &mut ledger, &sandbox, account.rowid, "4242424242424242", "everyday")?;
    let low = add_card(&setup, &mut ledger, &sandbox, account.rowid, "4000000000009995", "low balance")?;
    let bank = add_bank(&setup, &mut ledger, &sandbox, account.rowid)?;
    story.push(format!(
        "{enrolled_on}  methods: Visa ending 4242 (default), Visa ending 9995 (sandbox: insufficient funds), \
         checking ending 2227 (sandbox: drafts come back, R01)"
    ));
    let enable = |day: NaiveDate, method: &Method, fallback: Option<&Method>, story: &mut Vec<String>| -> Result<()> {
        let args = EnableArgs {
            method: Some(method.id),
            fallback: fallback.map(|f| f.id),
            draft_on: None,
            amount: AmountMode::Due,
            start: None,
        };
        let done = autopay::run(&at(day), AutopayCommand::Enable(args))?;
        if let Output::Done { text, .. } = done.output {
            story.push(format!("{day}  {}", text.replace('\n', "; ")));
        }
        Ok(())
    };
    enable(enrolled_on, &everyday, None, &mut story)?;

    let draft_day = ctx.policy().autopay_draft_day;
    let mut through = enrolled_on;
    for k in 0..12 {
        let month = start.plus(k);
        let draft_on = month.prev().day(draft_day);
        match k {
            // A soft decline and its retry: the draft from the low-balance
            // card fails; autopay goes back to the everyday card before the retry day.
            2 => {
                enable(draft_on.pred_opt().expect("a day"), &low, None, &mut story)?;
                scheduler(&mut ledger, &sandbox, &config, &mut through, draft_on, &mut story)?;
                enable(draft_on.succ_opt().expect("a day"), &everyday, None, &mut story)?;
            }
            // A returned bank draft: the fallback card is charged at once.
            5 => {
                enable(draft_on.pred_opt().expect("a day"), &bank, Some(&everyday), &mut story)?;
                scheduler(&mut ledger, &sandbox, &config, &mut through, draft_on + Days::new(6), &mut story)?;
                enable(draft_on + Days::new(7), &everyday, None, &mut story)?;
            }
            // A one-time payment while autopay is on: the draft finds nothing due.
            8 => {
                let day = draft_on - Days::new(5);
                scheduler(&mut ledger, &sandbox, &config, &mut through, day, &mut story)?;
                let args = pay_args(everyday.id);
                super::pay::run(&at(day), &args)?;
                story.push(format!("{day}  paid the {month} bill by hand with `hcpay pay` before its draft day"));
            }
            _ => {}
        }
        scheduler(&mut ledger, &sandbox, &config, &mut through, draft_on, &mut story)?;
    }

    // The view at the end of the year.
    let end = start.plus(11).day(15);
    scheduler(&mut ledger, &sandbox, &config, &mut through, end, &mut story)?;
    let view = at(end);
    let ledger = view.ledger()?;
    let account = accounts::resolve(ledger.conn(), view.account())?;
    let snap = snapshot(&view, ledger.conn(), &account)?;
    let (autopay_view, _) = autopay::view(&view, ledger.conn(), &account, Some(&snap))?;
    let (status_text, status_json) = status::document(&view, &account, &snap, autopay_view).parts(view.color);
    let history_args = HistoryArgs {
        since: None,
        until: None,
        kind: Some(Kind::Payment),
        status: None,
        limit: Some(10),
        upcoming: false,
    };
    let history = Output::List(history::listing(&view, ledger.conn(), &account, &snap, &history_args)?);
    let (history_text, history_json) = history.parts(view.color);
    // The alerts a member acts on; the routine ones (drafts ahead, drafts paid) are counted.
    let raised = alert_store::list(ledger.conn(), Some(account.rowid), true)?;
    let alerts_text = by_kind(&raised);
    let alerts_json = serde_json::to_value(raised.iter().map(AlertView::from).collect::<Vec<_>>())?;
    let text = format!(
        "{}\n\n== status as of {end} ==\n{status_text}\n\n== latest payments (history) ==\n{}\n\n== the year's {} alerts, by kind: how many, and the latest (all of them: `hcpay alerts --all`) ==\n{}\n\nexplore it:  hcpay --ledger {} --as-of {end} status   (or history, bills, alerts, autopay status)",
        story.join("\n"),
        history_text,
        raised.len(),
        alerts_text,
        path.display()
    );
    let view = DemoView {
        ledger: path.display().to_string(),
        as_of: end,
        status: status_json,
        bills: Output::List(bills::listing(&snap, false)).parts(false).1,
        history: history_json,
        alerts: alerts_json,
    };
    Ok(Output::doc(text, &view).into())
}

/// What `demo --json` prints: the sandbox ledger and, as their own commands
/// print them, its status, bills, latest payments and alerts.
/// One line per alert kind raised, in the order of DESIGN §7: how many,
/// and the latest one's day and message.
fn by_kind(alerts: &[Alert]) -> String {
    let mut lines = Vec::new();
    for name in AlertKind::VARIANTS {
        let mine: Vec<&Alert> = alerts.iter().filter(|a| a.kind.as_str() == *name).collect();
        // Newest first: the first is the latest.
        if let Some(latest) = mine.first() {
            lines.push(format!("{name:<20}{:>3}  {}  {}", mine.len(), latest.created_on, latest.message));
        }
    }
    lines.join("\n")
}

#[derive(Debug, Serialize)]
struct DemoView {
    ledger: String,
    as_of: NaiveDate,
    status: Value,
    bills: Value,
    history: Value,
    alerts: Value,
}

/// `pay due` with this card, as a member types it.
fn pay_args(method: i64) -> PayArgs {
    PayArgs {
        what: "due".into(),
        line: None,
        method: Some(method),
        idempotency_key: None,
        dry_run: false,
        memo: None,
        allow_overpay: false,
        record: None,
        paid_on: None,
        confirmation: None,
        via: None,
    }
}

/// `scheduler run` as cron would, through `to` (a day at a time from the
/// last day done); what it did joins the story.
fn scheduler(
    ledger: &mut Ledger,
    sandbox: &Sandbox,
    config: &Config,
    through: &mut NaiveDate,
    to: NaiveDate,
    story: &mut Vec<String>,
) -> Result<()> {
    if to <= *through {
        return Ok(());
    }
    let env = Env { policy: &config.policy, alerts: &config.alerts, gateway: sandbox };
    let mut told = Story { lines: story };
    ops::scheduler::run(ledger, &env, to, &mut told)?;
    *through = to;
    Ok(())
}

/// The scheduler's lines, into the story (alerts are shown at the end).
struct Story<'a> {
    lines: &'a mut Vec<String>,
}

impl Report for Story<'_> {
    fn action(&mut self, action: &Action) -> Result<()> {
        self.lines.push(action.line().replacen(&format!("  {HANDLE}  "), "  ", 1));
        Ok(())
    }

    fn alert(&mut self, _: &AlertView) -> Result<()> {
        Ok(())
    }

    fn day(&mut self, _: NaiveDate, _: u64, _: u64) {}

    fn working(&mut self, _: &str) {}
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
    let card = card_method(ctx, account_id, args, sandbox, &format!("demo:{nickname}"))?;
    ledger.write(|tx| {
        let card = methods::insert(tx, &card, ctx.as_of)?;
        audit::append(tx, ctx.clock(), Some(account_id), "demo", &format!("added card ending {}", card.last4))?;
        Ok(card)
    })
}

/// A checking account at the sandbox bank whose drafts come back, its
/// micro-deposits confirmed (the sandbox's can be at once).
fn add_bank(ctx: &Context, ledger: &mut Ledger, sandbox: &Sandbox, account_id: i64) -> Result<Method> {
    let args = BankArgs {
        routing: "110000000".into(),
        account_number: Some("000222222227".into()),
        kind: BankKind::Checking,
        holder: "Jordan Smith".into(),
        nickname: Some("returns".into()),
    };
    let bank = Method { state: MethodState::Verified, ..bank_method(account_id, args, sandbox, "demo:bank")? };
    ledger.write(|tx| {
        let bank = methods::insert(tx, &bank, ctx.as_of)?;
        audit::append(tx, ctx.clock(), Some(account_id), "demo", "added bank account ending 2227, verified")?;
        Ok(bank)
    })
}
