//! `scheduler run --dry-run`: the days a run would do and the drafts and
//! returns it would make, each draft assumed to go through. Nothing is
//! written, nothing is sent, no alert is delivered.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use chrono::NaiveDate;

use super::{first_day, Action, ActionKind, Report, Summary};
use crate::core::autopay::{as_known_on, draft_amount};
use crate::core::coverage::{evaluate, PaymentFacts};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::policy::Policy;
use crate::ledger::autopay::{self as store, Autopay};
use crate::ledger::{payments, plans, Ledger};

pub fn dry_run(ledger: &Ledger, policy: &Policy, as_of: NaiveDate, report: &mut dyn Report) -> Result<Summary> {
    let conn = ledger.conn();
    let (first, _) = first_day(conn, as_of)?;
    let mut summary = Summary { dry_run: true, ..Summary::default() };
    // Drafts this dry run assumes made, as payments of their day.
    let mut assumed: HashMap<i64, Vec<PaymentFacts>> = HashMap::new();
    let mut drafted: BTreeSet<(i64, Month)> = BTreeSet::new();
    let mut returned = BTreeSet::new();
    let days = (as_of - first).num_days().max(-1) + 1;
    for (index, day) in first.iter_days().take(days as usize).enumerate() {
        report.day(day, index as u64, days as u64);
        summary.first_day.get_or_insert(day);
        summary.through = Some(day);
        for r in payments::returning_by(conn, day)? {
            if !returned.insert(r.payment.id) {
                continue;
            }
            let handle =
                crate::ledger::accounts::get(conn, r.payment.account_id)?.map(|a| a.handle).unwrap_or_default();
            let detail = format!(
                "payment {} of {} would be returned by the bank (R01) on {}",
                r.payment.id,
                r.payment.amount.dollars(),
                r.returns_on
            );
            let mut action = Action::new(day, &handle, ActionKind::WouldReturn, detail);
            action.payment_id = Some(r.payment.id);
            action.amount = Some(r.payment.amount);
            report.action(&action)?;
            summary.counts.returned += 1;
        }
        let mut due: Vec<(Autopay, Month, &str)> = Vec::new();
        let mut after = 0;
        loop {
            let page = store::drafting_on(conn, day, policy.autopay_draft_day, after, 500)?;
            let Some(last) = page.last() else { break };
            after = last.account_id;
            for autopay in page {
                for month in autopay.schedule(policy).months_drafted_on(day) {
                    if store::draft(conn, autopay.account_id, month)?.is_none() {
                        due.push((autopay.clone(), month, "draft"));
                    }
                }
            }
        }
        for draft in store::retries_due(conn, day)? {
            let retry_today = draft.next_try_on == Some(day) || index == 0;
            if let Some(autopay) = store::get(conn, draft.account_id)?.filter(|a| a.enabled && retry_today) {
                due.push((autopay, draft.month, "retry"));
            }
        }
        for (autopay, month, what) in due {
            if !drafted.insert((autopay.account_id, month)) && what == "draft" {
                continue;
            }
            let periods = plans::for_account(conn, autopay.account_id)?;
            let mut facts = payments::facts_with_in_flight(conn, autopay.account_id)?;
            facts.extend(assumed.get(&autopay.account_id).cloned().unwrap_or_default());
            as_known_on(&mut facts, day);
            let snap = evaluate(&periods, &facts, policy, day);
            let (kind, detail, amount) = match draft_amount(autopay.amount, month, &snap) {
                Ok(amount) => {
                    let list = assumed.entry(autopay.account_id).or_default();
                    let id = -(list.len() as i64) - 1;
                    list.push(PaymentFacts {
                        id,
                        paid_on: day,
                        amount,
                        line: None,
                        reversed_on: None,
                        refunds: vec![],
                    });
                    summary.counts.drafts += 1;
                    (ActionKind::WouldDraft, format!("would {what} {} for {month}", amount.dollars()), Some(amount))
                }
                Err(why) => {
                    (ActionKind::Skipped, format!("would draft nothing for {month}: {}", why.as_str()), None::<Money>)
                }
            };
            let mut action = Action::new(day, &autopay.handle, kind, detail);
            action.coverage_month = Some(month);
            action.amount = amount;
            report.action(&action)?;
        }
    }
    Ok(summary)
}
