//! The scheduler against any schedule of runs: days skipped, runs repeated,
//! runs that die between steps (after a commit, or with a charge's answer
//! lost before or after the gateway made it) make the same drafts, on the
//! same days, as one run a day.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::OnceLock;

use anyhow::{bail, Result};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::{run, Action, Env, Report};
use crate::config::AlertsConfig;
use crate::core::autopay::AmountMode;
use crate::core::billing::{Line, PeriodKind, Program, Rate, RatePeriod};
use crate::core::dates::{parse_date, Month};
use crate::core::method::{BankKind, Brand, CardBrand, Expiry, MethodState};
use crate::core::money::Money;
use crate::core::policy::Policy;
use crate::gateway::sandbox::Sandbox;
use crate::gateway::{Charge, ChargeRequest, Gateway, GatewayError, Instrument, RefundRequest, Tokenized};
use crate::ledger::autopay::{self as store, Autopay};
use crate::ledger::methods::{self, Method};
use crate::ledger::payments::{self, RecordedPayment};
use crate::ledger::{accounts, plans, Ledger};

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

const START: &str = "2026-12-15";
const END: &str = "2027-03-31";

/// Four households on autopay from January: a card that approves; one short
/// of funds (retries); one short of funds with a card to fall back on; a
/// bank account whose drafts come back (returns, then retries).
fn fixture() -> (tempfile::TempDir, Ledger, Sandbox) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let mut ledger = Ledger::open_or_create(&path).unwrap();
    let sandbox = Sandbox::open(&path, None).unwrap();
    let on = d("2026-11-01");
    let card = |number| Instrument::Card { number, exp: "12/30", holder: "H", zip: None };
    let bank = Instrument::Bank { routing: "110000000", account_number: "000222222227", kind: "checking", holder: "H" };
    let households: [(&str, Vec<Instrument>); 4] = [
        ("visa", vec![card("4242424242424242")]),
        ("short", vec![card("4000000000009995")]),
        ("fallback", vec![card("4000000000009995"), card("4242424242424242")]),
        ("returns", vec![bank]),
    ];
    for (handle, instruments) in &households {
        let tokens: Vec<Tokenized> = instruments.iter().map(|i| sandbox.tokenize(i, handle).unwrap()).collect();
        ledger
            .write(|tx| {
                let new = accounts::NewAccount { handle: handle.to_string(), name: "H".into(), ..Default::default() };
                let id = accounts::insert(tx, &new, on)?;
                let rate = Rate {
                    premium: Money::from_cents(61_200),
                    aptc: Money::from_cents(41_000),
                    slcsp: None,
                    program: Program::Aptc,
                    plan: None,
                    carrier: None,
                };
                let from = Month::parse("2026-12").unwrap();
                plans::insert(
                    tx,
                    id,
                    &RatePeriod { id: 0, line: Line::Health, from, kind: PeriodKind::Rate(rate), recorded_on: on },
                )?;
                let binder = RecordedPayment {
                    account_id: id,
                    paid_on: d("2026-11-15"),
                    amount: Money::from_cents(20_200),
                    line: None,
                    confirmation: format!("B-{handle}"),
                    via: None,
                    memo: None,
                };
                payments::insert_recorded(tx, &binder, on).map_err(|_| anyhow::anyhow!("binder"))?;
                let mut ids = Vec::new();
                for (instrument, token) in instruments.iter().zip(&tokens) {
                    let is_bank = matches!(instrument, Instrument::Bank { .. });
                    let method = Method {
                        id: 0,
                        account_id: id,
                        nickname: None,
                        brand: if is_bank { Brand::Bank(BankKind::Checking) } else { Brand::Card(CardBrand::Visa) },
                        last4: "0000".into(),
                        exp: if is_bank { None } else { Expiry::new(2030, 12) },
                        holder: "H".into(),
                        zip: None,
                        routing: None,
                        state: MethodState::Verified,
                        token: token.token.clone(),
                        is_default: false,
                        verify_attempts: 0,
                    };
                    ids.push(methods::insert(tx, &method, on)?.id);
                }
                let autopay = Autopay {
                    account_id: id,
                    handle: handle.to_string(),
                    enabled: true,
                    method_id: ids[0],
                    fallback_id: ids.get(1).copied(),
                    draft_day: None,
                    amount: AmountMode::Due,
                    start: Month::parse("2027-01").unwrap(),
                    first_draft_on: d("2026-12-22"),
                    version: 1,
                    changed_on: on,
                };
                store::put(tx, &autopay)
            })
            .unwrap();
    }
    (dir, ledger, sandbox)
}

/// A gateway whose `lose`-th charge loses its answer (made or not by the
/// gateway), after which the run dies at its next report.
struct Faulty<'a> {
    inner: &'a Sandbox,
    lose: Cell<Option<u32>>,
    made: bool,
    died: Rc<Cell<bool>>,
}

impl Gateway for Faulty<'_> {
    fn tokenize(&self, instrument: &Instrument, key: &str) -> Result<Tokenized, GatewayError> {
        self.inner.tokenize(instrument, key)
    }

    fn verify(&self, token: &str, amounts: (Money, Money), key: &str) -> Result<bool, GatewayError> {
        self.inner.verify(token, amounts, key)
    }

    fn charge(&self, request: &ChargeRequest) -> Result<Charge, GatewayError> {
        match self.lose.get() {
            Some(0) => {
                self.lose.set(None);
                if self.made {
                    self.inner.charge(request)?;
                }
                self.died.set(true);
                Err(GatewayError::NoReply("the process died".into()))
            }
            Some(n) => {
                self.lose.set(Some(n - 1));
                self.inner.charge(request)
            }
            None => self.inner.charge(request),
        }
    }

    fn lookup(&self, key: &str) -> Result<Option<Charge>, GatewayError> {
        self.inner.lookup(key)
    }

    fn refund(&self, request: &RefundRequest) -> Result<Charge, GatewayError> {
        self.inner.refund(request)
    }

    fn answer_window(&self) -> std::time::Duration {
        self.inner.answer_window()
    }
}

/// A report that dies (the run stops where it stands) at its `left`-th
/// line, or at the first line after the gateway lost an answer.
struct Dying {
    left: Option<u32>,
    died: Rc<Cell<bool>>,
}

impl Dying {
    fn line(&mut self) -> Result<()> {
        if self.died.get() {
            bail!("died after a lost answer");
        }
        match self.left {
            Some(0) => bail!("died"),
            Some(n) => self.left = Some(n - 1),
            None => {}
        }
        Ok(())
    }
}

impl Report for Dying {
    fn action(&mut self, _: &Action) -> Result<()> {
        self.line()
    }

    fn alert(&mut self, _: &crate::alerts::AlertView) -> Result<()> {
        self.line()
    }

    fn day(&mut self, _: NaiveDate, _: u64, _: u64) {}

    fn working(&mut self, _: &str) {}
}

/// One run: a day, and how it may die.
#[derive(Debug, Clone)]
struct Step {
    /// Days after the run before (0: the same day again).
    advance: u64,
    death: Death,
}

#[derive(Debug, Clone, Copy)]
enum Death {
    None,
    /// At its n-th line of output (after the commit it reports).
    AtLine(u32),
    /// The n-th charge's answer is lost, made by the gateway or not.
    LostAnswer {
        nth: u32,
        made: bool,
    },
}

fn runs(ledger: &mut Ledger, sandbox: &Sandbox, steps: &[(NaiveDate, Death)]) {
    let policy = Policy::default();
    let alerts = AlertsConfig::default();
    for &(day, death) in steps {
        let died = Rc::new(Cell::new(false));
        let (lose, made, left) = match death {
            Death::None => (None, false, None),
            Death::AtLine(n) => (None, false, Some(n)),
            Death::LostAnswer { nth, made } => (Some(nth), made, None),
        };
        let gateway = Faulty { inner: sandbox, lose: Cell::new(lose), made, died: died.clone() };
        let env = Env { policy: &policy, alerts: &alerts, gateway: &gateway };
        let mut report = Dying { left, died };
        // A death is an error that stops the run where it stands.
        let result = run(ledger, &env, day, &mut report);
        if matches!(death, Death::None) {
            result.unwrap();
        }
    }
}

/// The drafts made: account, key, day, amount, status, failure.
fn drafts(ledger: &Ledger) -> Vec<String> {
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT a.handle, p.idempotency_key, p.paid_on, p.amount_cents, p.status, coalesce(p.failure_code, '-')
             FROM payments p JOIN accounts a ON a.id = p.account_id WHERE p.method_id IS NOT NULL
             ORDER BY p.idempotency_key",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(format!(
            "{} {} {} {} {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// One run a day, from START to END.
fn daily() -> &'static Vec<String> {
    static DAILY: OnceLock<Vec<String>> = OnceLock::new();
    DAILY.get_or_init(|| {
        let (_dir, mut ledger, sandbox) = fixture();
        let days: Vec<(NaiveDate, Death)> =
            d(START).iter_days().take_while(|day| *day <= d(END)).map(|day| (day, Death::None)).collect();
        runs(&mut ledger, &sandbox, &days);
        drafts(&ledger)
    })
}

fn step() -> impl Strategy<Value = Step> {
    let death = prop_oneof![
        3 => Just(Death::None),
        1 => (0u32..6).prop_map(Death::AtLine),
        1 => (0u32..3, any::<bool>()).prop_map(|(nth, made)| Death::LostAnswer { nth, made }),
    ];
    (prop_oneof![Just(0u64), 1u64..4, 4u64..30], death).prop_map(|(advance, death)| Step { advance, death })
}

#[test]
fn the_daily_schedule_drafts_what_the_rules_say() {
    let made = daily();
    let line = |h: &str, key: &str| made.iter().find(|l| l.starts_with(&format!("{h} {key} "))).cloned();
    assert_eq!(
        line("visa", "autopay:visa:2027-01:1").as_deref(),
        Some("visa autopay:visa:2027-01:1 2026-12-22 20200 succeeded -")
    );
    assert_eq!(
        line("fallback", "autopay:fallback:2027-01:2").as_deref(),
        Some("fallback autopay:fallback:2027-01:2 2026-12-22 20200 succeeded -"),
        "the fallback at once"
    );
    assert_eq!(
        line("short", "autopay:short:2027-01:2").as_deref(),
        Some("short autopay:short:2027-01:2 2026-12-25 20200 failed insufficient_funds"),
        "retried three days later"
    );
    assert!(line("returns", "autopay:returns:2027-01:1").unwrap().ends_with("returned R01"), "{made:#?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn any_schedule_of_runs_makes_the_drafts_of_one_run_a_day(steps in prop::collection::vec(step(), 1..24)) {
        let (_dir, mut ledger, sandbox) = fixture();
        let mut day = d(START);
        let mut plan = Vec::new();
        for s in &steps {
            day = (day + Days::new(s.advance)).min(d(END));
            plan.push((day, s.death));
        }
        // Then cron comes back: a run on the last day, which must complete it all.
        plan.push((d(END), Death::None));
        runs(&mut ledger, &sandbox, &plan);
        prop_assert_eq!(&drafts(&ledger), daily());
    }
}
