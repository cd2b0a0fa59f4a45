//! `autopay enable`: which method drafts, how much, from which month; prints
//! the first draft, the confirmation a member expects.

use anyhow::Result;
use clap::Args;

use super::{planned, view, StatusView};
use crate::cli::month_arg;
use crate::commands::method::label;
use crate::commands::pay::choose_method;
use crate::commands::Outcome;
use crate::context::Context;
use crate::core::alert::{card_expiring, AlertKind, NewAlert};
use crate::core::autopay::{default_start, first_draft_on, AmountMode};
use crate::core::coverage::evaluate;
use crate::core::dates::Month;
use crate::error::{bail_invalid, UserError};
use crate::ledger::accounts::{self, Account};
use crate::ledger::autopay::{self as store, Autopay, DraftState};
use crate::ledger::methods::Method;
use crate::ledger::{audit, payments, plans};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct EnableArgs {
    /// The method to draft: verified, of a kind the exchange takes [default: the account's default method]
    #[arg(long, value_name = "ID")]
    pub method: Option<i64>,
    /// Charged at once, in the same run, when a draft from --method is declined
    #[arg(long, value_name = "ID")]
    pub fallback: Option<i64>,
    /// Draft on this day of the month before each coverage month (from the statement day, when the bill is out, to the due day) [default: policy autopay_draft_day, 22]
    #[arg(long, value_name = "DAY")]
    pub draft_on: Option<u32>,
    /// `due`: every bill still open, after credit; `premium`: the month's member share; or a fixed amount
    #[arg(long, value_name = "due|premium|AMT", default_value = "due", value_parser = amount_arg)]
    pub amount: AmountMode,
    /// The first coverage month to draft [default: the oldest month with a bill open]
    #[arg(long, value_name = "YYYY-MM", value_parser = month_arg)]
    pub start: Option<Month>,
}

fn amount_arg(text: &str) -> Result<AmountMode, String> {
    AmountMode::parse(text)
}

pub fn run(ctx: &Context, args: &EnableArgs) -> Result<Outcome> {
    let policy = ctx.policy();
    if let Some(day) = args.draft_on {
        policy.check_draft_day(day).map_err(|why| crate::error::invalid(format!("--draft-on {why}")))?;
    }
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    // Everything the instruction is made of (the methods, the first month,
    // the version) is read inside the transaction that stores it: an enable
    // or a payment at the same moment cannot leave it built on stale facts.
    let text = ledger.write(|tx| {
        let method = draftable(ctx, tx, &account, args.method)?;
        let fallback = args.fallback.map(|id| draftable(ctx, tx, &account, Some(id))).transpose()?;
        if fallback.as_ref().is_some_and(|f| f.id == method.id) {
            bail_invalid!("--fallback {} is the method autopay drafts: name another method", method.id);
        }
        let periods = plans::for_account(tx, account.rowid)?;
        let facts = payments::facts_with_in_flight(tx, account.rowid)?;
        let snap = evaluate(&periods, &facts, policy, ctx.as_of);
        let start = args.start.unwrap_or_else(|| default_start(&snap, ctx.as_of));
        let draft_day = args.draft_on.unwrap_or(policy.autopay_draft_day);
        let earlier = store::get(tx, account.rowid)?;
        let autopay = Autopay {
            account_id: account.rowid,
            handle: account.handle.clone(),
            enabled: true,
            method_id: method.id,
            fallback_id: fallback.as_ref().map(|f| f.id),
            draft_day: args.draft_on,
            amount: args.amount,
            start,
            first_draft_on: first_draft_on(draft_day, start, ctx.as_of),
            version: earlier.map_or(1, |e| e.version + 1),
            changed_on: ctx.as_of,
        };
        store::put(tx, &autopay)?;
        // A month whose draft gave up (or was cancelled) is drafted again
        // by the new instruction, on the first draft day, under a new key.
        for mut draft in store::drafts_for(tx, account.rowid)? {
            if draft.month >= start && matches!(draft.state, DraftState::Failed | DraftState::Cancelled) {
                draft.state = DraftState::Retry;
                draft.next_try_on = Some(autopay.first_draft_on);
                draft.retries = 0;
                draft.first_failed_on = None;
                draft.note = Some("autopay enabled again".into());
                store::put_draft(tx, &draft, ctx.as_of)?;
            }
        }
        let first = planned(ctx, tx, &autopay, &snap)?.into_iter().next();
        let from = match &fallback {
            Some(f) => format!("{} (fallback {})", label(&method), label(f)),
            None => label(&method),
        };
        let mut text = format!(
            "autopay is on for {}: {} drafts {} on day {draft_day} of the month before each month, from {start}",
            account.handle,
            from,
            args.amount.describe()
        );
        match first {
            Some(first) => text.push_str(&format!(
                "\nfirst draft: {} on {} for {}",
                first.amount.dollars(),
                first.date,
                first.month
            )),
            None => text.push_str("\nno draft ahead: nothing is open yet"),
        }
        let alert =
            NewAlert::new(AlertKind::AutopayEnabled, &[&account.handle, &autopay.version], text.replace('\n', "; "));
        crate::alerts::raise(tx, &ctx.config.alerts, Some(account.rowid), &alert, ctx.as_of)?;
        // A card that runs out before a draft, past the day the scheduler would have said so.
        let schedule = autopay.schedule(policy);
        for card in [Some(&method), fallback.as_ref()].into_iter().flatten() {
            let Some(exp) = card.exp else { continue };
            let days = ctx.config.alerts.card_expiry_days;
            if let Some(alert) = card_expiring(&account.handle, card.id, &label(card), exp, &schedule, ctx.as_of, days)
            {
                crate::alerts::raise(tx, &ctx.config.alerts, Some(account.rowid), &alert, ctx.as_of)?;
            }
        }
        let detail = format!(
            "autopay on: method {}{}, {} on day {draft_day}, from {start}, first draft {}",
            method.id,
            fallback.as_ref().map(|f| format!(", fallback {}", f.id)).unwrap_or_default(),
            args.amount.describe(),
            autopay.first_draft_on
        );
        audit::append(tx, ctx.clock(), Some(account.rowid), "autopay enable", &detail)?;
        Ok(text)
    })?;
    let (autopay, upcoming) = view(ctx, ledger.conn(), &account, None)?;
    let json = serde_json::to_value(StatusView { account: account.handle.clone(), autopay, upcoming })?;
    Ok(Output::Done { text, json }.into())
}

/// A method autopay may draft: the account's, verified, of a kind the
/// exchange takes (the checks `pay` makes), with a hint when it is not.
fn draftable(ctx: &Context, conn: &rusqlite::Connection, account: &Account, id: Option<i64>) -> Result<Method> {
    choose_method(ctx, conn, account, id).map_err(|err| match err.downcast::<UserError>() {
        Ok(e) if e.hint.is_none() => e
            .hint("autopay needs a verified method the exchange takes: see `hcpay method list`, or add one with `hcpay method add`")
            .into(),
        Ok(e) => e.into(),
        Err(other) => other,
    })
}
