//! Drafts: by the steps of `ops::charge`, a chunk at a time. Each chunk's
//! attempts are decided and committed `pending` in one transaction (the
//! decision counts attempts in flight, so a draft never charges what a
//! `pay` at the same moment covers), then sent under their keys
//! `autopay:ACCOUNT:MONTH:TRY`, then their answers and what follows from
//! them (paid, a fallback at once, a retry day, given up) are committed in
//! one more. A run that dies between any two steps is completed by the
//! next one (`recover`): a key is looked up before it is ever sent again.

use std::collections::{BTreeSet, HashMap, HashSet};

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};

use super::{raise, Action, ActionKind, Env, Scheduler, CHUNK};
use crate::clock::Clock;
use crate::core::alert::{self, command, AlertKind, NewAlert};
use crate::core::autopay::{as_known_on, decline, draft_amount, next_retry, Decline, Methods, Skip};
use crate::core::billing::RatePeriod;
use crate::core::coverage::{evaluate, PaymentFacts, Snapshot};
use crate::core::dates::Month;
use crate::core::method::MethodState;
use crate::core::payment::PaymentStatus;
use crate::core::policy::Policy;
use crate::ledger::accounts::{self, Account};
use crate::ledger::audit;
use crate::ledger::autopay::{self as store, Autopay, Draft, DraftState};
use crate::ledger::methods::{self, Method};
use crate::ledger::payments::{self, Payment};
use crate::ledger::plans;
use crate::ops::attempt::{self, GatewayAnswer};
use crate::ops::charge::{self, Begun, ChargeSpec, Decision};
use crate::ops::refund;

const COMMAND: &str = "scheduler";

/// Why a try is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The month's draft day.
    New,
    /// A retry day.
    Retry,
    /// The fallback, at once after a decline.
    Fallback(i64),
}

/// One try to make today.
#[derive(Debug, Clone)]
pub(super) struct Item {
    autopay: Autopay,
    month: Month,
    kind: Kind,
}

/// A try committed `pending`, to send, with what its answer's transaction
/// needs from the one that began it (only a scheduler run, which holds the
/// lock, writes a draft that is `sending`).
struct Sending {
    item: Item,
    account: Account,
    method: Method,
    payment: Payment,
    draft: Draft,
}

/// What a chunk's tries read (accounts, the methods autopay names, and for
/// the replays rate periods and payments with those in flight), read once
/// inside the transaction that begins the chunk's tries, which changes no
/// account or method. An attempt begun there joins its account's payments,
/// so a later try in the same chunk counts it as money on its way.
struct Inputs {
    accounts: HashMap<i64, Account>,
    methods: HashMap<i64, Method>,
    periods: HashMap<i64, Vec<RatePeriod>>,
    facts: HashMap<i64, Vec<PaymentFacts>>,
    /// The chunk's drafts as read, each handed out once (`draft`).
    drafts: HashMap<(i64, Month), Draft>,
    handed_out: HashSet<(i64, Month)>,
}

impl Inputs {
    fn read(tx: &Connection, chunk: &[Item]) -> Result<Inputs> {
        let mut ids: Vec<i64> = chunk.iter().map(|i| i.autopay.account_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let method_ids: Vec<i64> =
            chunk.iter().flat_map(|i| [i.autopay.method_id].into_iter().chain(i.autopay.fallback_id)).collect();
        let from = chunk.iter().map(|i| i.month).min().expect("a chunk has items");
        Ok(Inputs {
            drafts: store::drafts_of(tx, &ids, from)?,
            handed_out: HashSet::new(),
            accounts: store::accounts_of(tx, &ids)?,
            methods: store::methods_of(tx, &method_ids)?,
            periods: plans::for_accounts(tx, &ids)?,
            facts: payments::facts_with_in_flight_of(tx, &ids)?,
        })
    }

    /// The account as known now, seen on `day`, money in flight counted as paid.
    /// Its facts are seen on `day` in place, not copied: a chunk is read
    /// for one day, and seeing a fact on the same day again changes nothing.
    fn snapshot(&mut self, policy: &Policy, account_id: i64, day: NaiveDate) -> Snapshot {
        let periods = self.periods.get(&account_id).map_or(&[][..], Vec::as_slice);
        let facts = self.facts.get_mut(&account_id).map_or(&mut [][..], Vec::as_mut_slice);
        as_known_on(facts, day);
        evaluate(periods, facts, policy, day)
    }

    /// An account's draft for a month as it stands in this transaction: as
    /// read with the chunk the first time, read again after (it may have
    /// been written since).
    fn draft(&mut self, tx: &Connection, account_id: i64, month: Month) -> Result<Option<Draft>> {
        if self.handed_out.insert((account_id, month)) {
            return Ok(self.drafts.remove(&(account_id, month)));
        }
        store::draft(tx, account_id, month)
    }

    fn begun(&mut self, p: &Payment) {
        let fact = PaymentFacts {
            id: p.id,
            paid_on: p.paid_on,
            amount: p.amount,
            line: p.line,
            reversed_on: None,
            refunds: Vec::new(),
        };
        self.facts.entry(p.account_id).or_default().push(fact);
    }
}

impl Sending {
    fn spec(&self) -> ChargeSpec<'_> {
        let key = self.payment.idempotency_key.as_deref().expect("every charge has a key");
        ChargeSpec::draft(&self.account, &self.method, key, COMMAND)
    }
}

impl Scheduler<'_> {
    /// Attempts whose answer never came (a crash, a timeout) are settled by
    /// lookup first; those of `pay` are reported here, drafts by `recover`.
    pub(super) fn settle_in_flight(&mut self, day: NaiveDate) -> Result<()> {
        for account_id in payments::accounts_in_flight(self.ledger.conn())? {
            // A one-time payment settled here gets its receipt (or decline) as
            // `pay` would have given it; a draft's is raised by `recover`.
            let clock = Clock::on(day);
            let found =
                charge::settle_account(self.ledger, self.env.gateway, account_id, clock, Some(self.env.alerts))?;
            let Some(account) = accounts::get(self.ledger.conn(), account_id)? else { continue };
            let mut actions = Vec::new();
            for p in found.settled.iter().filter(|p| !store::is_draft(p)) {
                let how = p.failure_code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
                let mut action = Action::new(
                    day,
                    &account.handle,
                    ActionKind::Settled,
                    format!("payment {} of {}, left unsettled, {}{how}", p.id, p.amount.dollars(), p.status),
                );
                action.payment_id = Some(p.id);
                action.amount = Some(p.amount);
                action.status = Some(p.status);
                action.failure_code = p.failure_code.clone();
                actions.push(action);
            }
            if found.unknown.iter().any(store::is_draft) {
                self.summary.unknown = true;
            }
            self.emit(actions)?;
        }
        self.settle_refunds(day)
    }

    /// Refunds whose answer never came are settled by lookup too, never sent again.
    fn settle_refunds(&mut self, day: NaiveDate) -> Result<()> {
        for payment in payments::with_refunds_in_flight(self.ledger.conn())? {
            let open: Vec<i64> = payments::refunds_for_payment(self.ledger.conn(), payment.id)?
                .iter()
                .filter(|r| !r.settled())
                .map(|r| r.id)
                .collect();
            refund::settle_open(self.ledger, self.env.gateway, &payment, Clock::on(day))?;
            let Some(account) = accounts::get(self.ledger.conn(), payment.account_id)? else { continue };
            let now = payments::refunds_for_payment(self.ledger.conn(), payment.id)?;
            let settled = now.iter().filter(|r| open.contains(&r.id) && r.settled());
            let actions = settled
                .map(|r| {
                    let text = format!(
                        "refund {} of {} (payment {}), left unsettled, {}",
                        r.id,
                        r.amount.dollars(),
                        payment.id,
                        r.status
                    );
                    let mut action = Action::new(day, &account.handle, ActionKind::Settled, text);
                    action.payment_id = Some(payment.id);
                    action.amount = Some(r.amount);
                    action.status = Some(r.status);
                    action
                })
                .collect();
            self.emit(actions)?;
        }
        Ok(())
    }

    /// Completes the drafts a run left `sending` (it died, or the gateway
    /// did not answer): the last try is looked up under its key (and sent
    /// again under that key only if the gateway never got it), then what
    /// follows from its answer is done.
    pub(super) fn recover(&mut self, day: NaiveDate) -> Result<()> {
        let mut next = Vec::new();
        for draft in store::sending(self.ledger.conn())? {
            let conn = self.ledger.conn();
            let (Some(autopay), Some(account)) =
                (store::get(conn, draft.account_id)?, accounts::get(conn, draft.account_id)?)
            else {
                continue;
            };
            let key = store::key(&account.handle, draft.month, draft.tries);
            let Some(mut payment) = payments::by_key(conn, &key)? else { continue };
            if payment.unsettled() || payment.never_received() {
                let Some(method) = payment.method_id.map(|id| methods::get(conn, id)).transpose()?.flatten() else {
                    continue;
                };
                let spec = ChargeSpec::draft(&account, &method, &key, COMMAND);
                // The key names this draft: nothing new is begun, and the draft
                // is sent again (if its gateway never got it) for its own amount.
                let amount = payment.amount;
                let same = |_: &Transaction| Ok(Decision::<()>::Charge(amount));
                if let Ok(charged) = charge::charge(self.ledger, self.env.gateway, &spec, Clock::on(day), same)? {
                    payment = charged.payment;
                }
            }
            let env = self.env;
            let item = Item { autopay, month: draft.month, kind: Kind::New };
            let (actions, fallback) = self.ledger.write_recoverable(|tx| {
                let Some(draft) = store::draft(tx, account.rowid, item.month)? else {
                    return Ok(((vec![], 0), None));
                };
                let mut alerts = Vec::new();
                let (actions, fallback) = outcome(tx, env, &item, (&account, None), draft, &payment, day, &mut alerts)?;
                Ok(((actions, raise_all(tx, env, &alerts, day)?), fallback))
            })?;
            self.counts.alerts += actions.1;
            self.emit(actions.0)?;
            next.extend(fallback);
        }
        self.rounds(day, next, &mut BTreeSet::new())
    }

    /// Bank payments whose return date has come: `returned` (R01), their
    /// money leaves the bills it paid, and a returned draft is retried like
    /// a soft decline (the fallback at once, else on the retry days).
    pub(super) fn returns(&mut self, day: NaiveDate, touched: &mut BTreeSet<i64>) -> Result<()> {
        let due = payments::returning_by(self.ledger.conn(), day)?;
        for chunk in due.chunks(CHUNK) {
            let env = self.env;
            let (actions, alerts, next) = self.ledger.write_recoverable(|tx| {
                let (mut actions, mut alerts, mut next) = (Vec::new(), 0, Vec::new());
                for r in chunk {
                    let p = &r.payment;
                    if !payments::mark_returned(tx, p.id, "R01", r.returns_on)? {
                        continue;
                    }
                    let Some(account) = accounts::get(tx, p.account_id)? else { continue };
                    let method = method_label(tx, p.method_id)?;
                    let mut detail = format!(
                        "payment {} of {} ({method}) was returned by the bank (R01) on {}: the bills it paid are open again",
                        p.id,
                        p.amount.dollars(),
                        r.returns_on
                    );
                    audit::append(tx, Clock::on(day), Some(p.account_id), COMMAND, &detail)?;
                    // A returned draft is tried again, like a soft decline.
                    if let Some((item, draft)) = returned_draft(tx, p)? {
                        let method_id = p.method_id.unwrap_or_default();
                        let (next_step, fallback) =
                            failure(tx, env, &item, &account, draft, method_id, "R01", r.returns_on, day)?;
                        detail.push_str(&format!("; {next_step}"));
                        next.extend(fallback);
                    }
                    let alert =
                        NewAlert::new(AlertKind::PaymentReturned, &[&p.id], format!("{}: {detail}", account.handle));
                    raise(tx, env, p.account_id, &alert, day, &mut alerts)?;
                    let mut action = Action::new(day, &account.handle, ActionKind::Returned, detail);
                    action.coverage_month = p.idempotency_key.as_deref().and_then(store::parse_key).map(|(m, _)| m);
                    action.payment_id = Some(p.id);
                    action.amount = Some(p.amount);
                    action.status = Some(PaymentStatus::Returned);
                    action.failure_code = Some("R01".into());
                    action.method = Some(method);
                    action.reference = p.idempotency_key.clone();
                    actions.push((p.account_id, action));
                }
                Ok((actions, alerts, next))
            })?;
            touched.extend(actions.iter().map(|(id, _)| *id));
            self.counts.alerts += alerts;
            self.emit(actions.into_iter().map(|(_, a)| a).collect())?;
            self.rounds(day, next, touched)?;
        }
        Ok(())
    }

    /// The day's drafts: months whose draft day it is, and retries due.
    pub(super) fn drafts(&mut self, day: NaiveDate, touched: &mut BTreeSet<i64>) -> Result<()> {
        let policy = self.env.policy;
        // A page of accounts at a time: memory stays flat however many draft today.
        let mut after = 0;
        loop {
            let page = store::drafting_on(self.ledger.conn(), day, policy.autopay_draft_day, after, CHUNK)?;
            let Some(last) = page.last() else { break };
            after = last.account_id;
            let mut items = Vec::new();
            for autopay in page {
                for month in autopay.schedule(policy).months_drafted_on(day) {
                    items.push(Item { autopay: autopay.clone(), month, kind: Kind::New });
                }
            }
            self.report.working(&format!("{day}: drafts, account {after}"));
            self.rounds(day, items, touched)?;
        }
        let mut items = Vec::new();
        for draft in store::retries_due(self.ledger.conn(), day)? {
            if let Some(autopay) = store::get(self.ledger.conn(), draft.account_id)?.filter(|a| a.enabled) {
                items.push(Item { autopay, month: draft.month, kind: Kind::Retry });
            }
        }
        self.rounds(day, items, touched)
    }

    /// Tries in chunks; the fallbacks they call for are tried at once, in
    /// another round.
    fn rounds(&mut self, day: NaiveDate, mut items: Vec<Item>, touched: &mut BTreeSet<i64>) -> Result<()> {
        while !items.is_empty() {
            let mut next = Vec::new();
            for chunk in items.chunks(CHUNK) {
                next.extend(self.round(day, chunk, touched)?);
            }
            items = next;
        }
        Ok(())
    }

    fn round(&mut self, day: NaiveDate, chunk: &[Item], touched: &mut BTreeSet<i64>) -> Result<Vec<Item>> {
        let env = self.env;
        // Step 1: decided and committed, durably, before anything is sent.
        let (sending, mut actions, mut alerts) = self.ledger.write(|tx| {
            let (mut sending, mut actions, mut alerts) = (Vec::new(), Vec::new(), 0);
            let mut inputs = Inputs::read(tx, chunk)?;
            for item in chunk {
                match begin(tx, env, &mut inputs, item, day)? {
                    Began::Sending(s) => sending.push(*s),
                    Began::Done(action, raised) => {
                        alerts += raised;
                        actions.extend(action);
                    }
                }
            }
            Ok((sending, actions, alerts))
        })?;
        self.counts.drafts += sending.len() as u32;
        // Step 2: each sent under its key, the chunk at once.
        let attempts: Vec<(ChargeSpec, &Payment)> = sending.iter().map(|s| (s.spec(), &s.payment)).collect();
        let answers: Vec<GatewayAnswer> = charge::charge_all_under_keys(env.gateway, &attempts, Clock::on(day))
            .into_iter()
            .map(|answer| answer.map(Some))
            .collect();
        // Step 3: the answers, and what follows from them; the chunk's
        // alerts raised together at the end, in the order of its tries.
        let (more, next) = self.ledger.write_recoverable(|tx| {
            let (mut more, mut next, mut raised) = ((Vec::new(), 0), Vec::new(), Vec::new());
            for (s, answer) in sending.into_iter().zip(&answers) {
                let payment = attempt::record_payment(tx, &s.payment, answer, Clock::on(day), COMMAND)?;
                let charged = (&s.account, Some(&s.method));
                let (a, fallback) = outcome(tx, env, &s.item, charged, s.draft, &payment, day, &mut raised)?;
                more.0.extend(a);
                next.extend(fallback);
            }
            more.1 = raise_all(tx, env, &raised, day)?;
            Ok((more, next))
        })?;
        actions.extend(more.0);
        alerts += more.1;
        for a in actions.iter().filter(|a| matches!(a.action, ActionKind::Declined | ActionKind::Unknown)) {
            if let Some(item) = chunk.iter().find(|i| i.autopay.handle == a.account) {
                touched.insert(item.autopay.account_id);
            }
        }
        self.counts.alerts += alerts;
        self.emit(actions)?;
        Ok(next)
    }
}

/// `Visa ending 4242`, as the summary and the alerts name a method.
pub(super) fn method_label(conn: &Connection, id: Option<i64>) -> Result<String> {
    label_of(conn, id, None)
}

/// As `method_label`, without reading the method again when it is `known`.
fn label_of(conn: &Connection, id: Option<i64>, known: Option<&Method>) -> Result<String> {
    let label = Method::label;
    if let Some(m) = known.filter(|m| Some(m.id) == id) {
        return Ok(label(m));
    }
    Ok(id.map(|id| methods::get(conn, id)).transpose()?.flatten().map_or_else(|| "-".into(), |m| label(&m)))
}

/// Why a method cannot be drafted now, if it cannot.
fn unusable(method: Option<&Method>, policy: &Policy, day: NaiveDate) -> Option<String> {
    let Some(m) = method else {
        return Some("it no longer exists".into());
    };
    match m.shown_state(day) {
        MethodState::Verified => {}
        state => return Some(format!("it is {state}")),
    }
    if !policy.accepted_methods.contains(&m.kind()) {
        return Some(format!("the exchange does not take {} payments", m.kind()));
    }
    None
}

/// The draft's methods, and those it may not charge: hard declined in
/// this draft, or unusable now (with why, for the message); and the
/// methods as read (by `method`), so that the one charged is not read again.
fn draft_methods(
    tx: &Connection,
    env: &Env,
    autopay: &Autopay,
    draft: &Draft,
    handle: &str,
    day: NaiveDate,
    method: &dyn Fn(i64) -> Result<Option<Method>>,
) -> Result<(Methods, Vec<String>, Vec<Method>)> {
    let mut barred = Vec::new();
    let mut why = Vec::new();
    for n in 1..=draft.tries {
        let Some(p) = payments::by_key(tx, &store::key(handle, draft.month, n))? else { continue };
        let code = p.failure_code.as_deref().unwrap_or_default();
        if p.status == PaymentStatus::Failed && !p.never_received() && decline(code) == Decline::Hard {
            barred.extend(p.method_id);
        }
    }
    let mut read = Vec::new();
    for id in std::iter::once(autopay.method_id).chain(autopay.fallback_id) {
        let method = method(id)?;
        if let Some(reason) = unusable(method.as_ref(), env.policy, day) {
            barred.push(id);
            why.push(format!("method {id}: {reason}"));
        }
        read.extend(method);
    }
    Ok((Methods { primary: autopay.method_id, fallback: autopay.fallback_id, barred }, why, read))
}

enum Began {
    Sending(Box<Sending>),
    /// Nothing to send: an action to report (none when there was nothing
    /// to do), and the alerts it raised.
    Done(Option<Action>, u32),
}

/// Step 1 for one try, inside the chunk's transaction.
fn begin(tx: &Transaction, env: &Env, inputs: &mut Inputs, item: &Item, day: NaiveDate) -> Result<Began> {
    let a = &item.autopay;
    let existing = inputs.draft(tx, a.account_id, item.month)?;
    // Only what is still to do: a second run (or a crash's rerun) finds it done.
    let due = match (&item.kind, &existing) {
        (Kind::New, None) => true,
        (Kind::Retry, Some(d)) => d.state == DraftState::Retry && d.next_try_on.is_some_and(|on| on <= day),
        (Kind::Fallback(_), Some(d)) => d.state == DraftState::Sending,
        _ => false,
    };
    if !due {
        return Ok(Began::Done(None, 0));
    }
    // A month's first try inserts its row (read just above, in this transaction).
    let first = existing.is_none();
    let save =
        |draft: &Draft| if first { store::insert_draft(tx, draft, day) } else { store::put_draft(tx, draft, day) };
    let mut draft = existing.unwrap_or_else(|| Draft::new(a.account_id, item.month));
    if item.kind == Kind::Retry && draft.first_failed_on.is_some() {
        draft.retries += 1;
    }
    let Some(account) = inputs.accounts.get(&a.account_id).cloned() else {
        return Ok(Began::Done(None, 0));
    };
    let known = |id| Ok(inputs.methods.get(&id).cloned());
    let (methods, why, read) = draft_methods(tx, env, a, &draft, &account.handle, day, &known)?;
    let method_id = match item.kind {
        Kind::Fallback(id) => Some(id).filter(|id| !methods.barred.contains(id)),
        Kind::New | Kind::Retry => methods.next_try(),
    };
    let Some(method) = method_id.and_then(|id| read.into_iter().find(|m| m.id == id)) else {
        draft.state = DraftState::Failed;
        draft.next_try_on = None;
        draft.note = Some(format!("no method left to draft from ({})", why.join("; ")));
        save(&draft)?;
        let detail = format!(
            "nothing drafted for {}: no method autopay may charge ({}); pay with `{}` and choose a method for autopay with `{}`",
            item.month,
            if why.is_empty() { "each was declined for good".to_string() } else { why.join("; ") },
            command(&account.handle, "pay due"),
            command(&account.handle, "autopay enable --method ID")
        );
        let mut raised = 0;
        let alert = NewAlert::new(
            AlertKind::PaymentFailed,
            &[&account.handle, &item.month, &"no-method", &draft.tries],
            format!("{}: {detail}", account.handle),
        );
        raise(tx, env, a.account_id, &alert, day, &mut raised)?;
        let mut action = Action::new(day, &account.handle, ActionKind::Declined, detail);
        action.coverage_month = Some(item.month);
        return Ok(Began::Done(Some(action), raised));
    };
    let n = draft.tries + 1;
    let key = store::key(&account.handle, item.month, n);
    let spec = ChargeSpec::draft(&account, &method, &key, COMMAND);
    let decide = |_: &Transaction| -> Result<Decision<Skip>> {
        let snap = inputs.snapshot(env.policy, a.account_id, day);
        Ok(match draft_amount(a.amount, item.month, &snap) {
            Ok(amount) => Decision::Charge(amount),
            Err(why) => Decision::Skip(why),
        })
    };
    let begun = charge::begin_in(tx, &spec, Clock::on(day), decide)?;
    if let Begun::New(payment) = &begun {
        inputs.begun(payment);
    }
    match begun {
        Begun::New(payment) | Begun::Earlier(payment) => {
            draft.tries = n;
            draft.state = DraftState::Sending;
            draft.next_try_on = None;
            save(&draft)?;
            Ok(Began::Sending(Box::new(Sending { item: item.clone(), account, method, payment, draft })))
        }
        Begun::Skipped(why) => {
            draft.state = DraftState::Skipped;
            draft.next_try_on = None;
            draft.note = Some(why.as_str().into());
            save(&draft)?;
            let detail = format!("nothing drafted for {}: {}", item.month, why.as_str());
            let mut action = Action::new(day, &account.handle, ActionKind::Skipped, detail);
            action.coverage_month = Some(item.month);
            Ok(Began::Done(Some(action), 0))
        }
    }
}

/// Alerts to raise at the end of a transaction, by account.
type ToRaise = Vec<(Option<i64>, NewAlert)>;

/// Raises `alerts` in their order (their delivery rows in one statement);
/// gives how many were new.
fn raise_all(tx: &Connection, env: &Env, alerts: &ToRaise, day: NaiveDate) -> Result<u32> {
    crate::alerts::raise_all(tx, env.alerts, alerts.iter().map(|(id, a)| (*id, a)), day)
}

/// What follows from a try's answer: paid, or the failure's next step.
/// Gives the action and the fallback to try at once; its alert goes to
/// `alerts`, for the caller to raise in the same transaction.
#[allow(clippy::too_many_arguments)]
fn outcome(
    tx: &Transaction,
    env: &Env,
    item: &Item,
    (account, charged): (&Account, Option<&Method>),
    mut draft: Draft,
    payment: &Payment,
    day: NaiveDate,
    alerts: &mut ToRaise,
) -> Result<(Vec<Action>, Option<Item>)> {
    let method = label_of(tx, payment.method_id, charged)?;
    let mut action = Action::new(day, &account.handle, ActionKind::Drafted, String::new());
    action.coverage_month = Some(item.month);
    action.amount = Some(payment.amount);
    action.payment_id = Some(payment.id);
    action.status = Some(payment.status);
    action.failure_code = payment.failure_code.clone();
    action.method = Some(method.clone());
    action.reference = payment.idempotency_key.clone();
    match payment.status {
        PaymentStatus::Succeeded | PaymentStatus::Returned | PaymentStatus::Refunded => {
            draft.state = DraftState::Paid;
            draft.next_try_on = None;
            store::put_draft(tx, &draft, day)?;
            action.detail = format!(
                "drafted {} for {} from {method}: {} (payment {})",
                payment.amount.dollars(),
                item.month,
                payment.status,
                payment.id
            );
            let alert = alert::draft_paid(&account.handle, payment.id, payment.amount, item.month, &method);
            alerts.push((Some(account.rowid), alert));
            Ok((vec![action], None))
        }
        PaymentStatus::Failed if !payment.never_received() => {
            let code = payment.failure_code.as_deref().unwrap_or("failed");
            let method_id = payment.method_id.unwrap_or_default();
            let (next, fallback) = failure(tx, env, item, account, draft, method_id, code, payment.paid_on, day)?;
            action.action = ActionKind::Declined;
            action.detail = format!(
                "draft of {} for {} from {method} was declined ({code}); {next}",
                payment.amount.dollars(),
                item.month
            );
            let message = format!("{}: {}", account.handle, action.detail);
            alerts.push((Some(account.rowid), NewAlert::new(AlertKind::PaymentFailed, &[&payment.id], message)));
            Ok((vec![action], fallback))
        }
        _ => {
            action.action = ActionKind::Unknown;
            action.detail = format!(
                "draft of {} for {} from {method} is {}: the gateway has not answered; it will be looked up by its key, never charged twice",
                payment.amount.dollars(),
                item.month,
                payment.status
            );
            Ok((vec![action], None))
        }
    }
}

/// The draft a returned payment paid, if it was a draft's last try.
fn returned_draft(tx: &Transaction, p: &Payment) -> Result<Option<(Item, Draft)>> {
    let Some((month, n)) = p.idempotency_key.as_deref().and_then(store::parse_key) else {
        return Ok(None);
    };
    let (Some(draft), Some(autopay)) = (store::draft(tx, p.account_id, month)?, store::get(tx, p.account_id)?) else {
        return Ok(None);
    };
    if draft.state != DraftState::Paid || draft.tries != n {
        return Ok(None);
    }
    Ok(Some((Item { autopay, month, kind: Kind::New }, draft)))
}

/// A try of `method_id` failed with `code` on `on` (a decline, or a
/// return): the fallback at once, else a retry day, else the draft gives
/// up. Gives what happens next, in words, and the fallback to try.
#[allow(clippy::too_many_arguments)]
fn failure(
    tx: &Transaction,
    env: &Env,
    item: &Item,
    account: &Account,
    mut draft: Draft,
    method_id: i64,
    code: &str,
    on: NaiveDate,
    day: NaiveDate,
) -> Result<(String, Option<Item>)> {
    let autopay = &item.autopay;
    let first_failed = *draft.first_failed_on.get_or_insert(on);
    let (methods, _, _) = draft_methods(tx, env, autopay, &draft, &account.handle, day, &|id| methods::get(tx, id))?;
    let mut fallback = None;
    let retry =
        || methods.next_try().and_then(|_| next_retry(first_failed, draft.retries, &env.policy.retry_days, day));
    let next = if let Some(f) = autopay.enabled.then(|| methods.fallback_after(method_id)).flatten() {
        draft.state = DraftState::Sending;
        draft.next_try_on = None;
        fallback = Some(Item { autopay: autopay.clone(), month: item.month, kind: Kind::Fallback(f) });
        format!("the fallback, {}, is charged at once", method_label(tx, Some(f))?)
    } else if let Some((on, used)) = autopay.enabled.then(retry).flatten() {
        draft.state = DraftState::Retry;
        draft.next_try_on = Some(on);
        draft.retries = used;
        format!("it is tried again on {on}")
    } else {
        draft.state = DraftState::Failed;
        draft.next_try_on = None;
        let pay = command(&account.handle, "pay due");
        if !autopay.enabled {
            format!("autopay is off: pay it with `{pay}`")
        } else if decline(code) == Decline::Hard {
            format!(
                "it is not tried again on this method: pay with `{pay}`, or fix the method (`{}`)",
                command(&account.handle, &format!("method update {method_id}"))
            )
        } else {
            format!("no retry is left: pay it with `{pay}`")
        }
    };
    draft.note = Some(format!("{code} on {on}"));
    store::put_draft(tx, &draft, day)?;
    Ok((next, fallback))
}
