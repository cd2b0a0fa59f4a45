//! The coverage rules of DESIGN §7, as a replay of one account's history.
//!
//! Bills are not stored: they follow from rate periods, payments and the
//! policy. `evaluate` walks the dates on which something can change (a payment,
//! a due date, a grace deadline) in order, deciding at each the fate of bills
//! (void when never owed) and the state of every line, then reports the
//! account as of the clock. The same inputs always give the same answer, so
//! reading commands are right whether or not cron ran.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::allocation::{allocate, Fill, Funds, Slot};
use super::billing::{first_statement_date, plan_bills, Line, PlannedBill, RatePeriod};
use super::dates::{add_days, Month};
use super::money::Money;
use super::policy::Policy;

/// A payment as the rules see it: money that counts from `paid_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentFacts {
    pub id: i64,
    pub paid_on: NaiveDate,
    pub amount: Money,
    /// Pays this line's bills first.
    pub line: Option<Line>,
    /// From this date the money no longer counts (a bank return).
    pub reversed_on: Option<NaiveDate>,
    /// Credit given back, each from its date.
    pub refunds: Vec<(NaiveDate, Money)>,
}

impl PaymentFacts {
    /// How much of this payment counts at the end of `date`.
    pub fn amount_at(&self, date: NaiveDate) -> Money {
        if self.paid_on > date || self.reversed_on.is_some_and(|r| r <= date) {
            return Money::ZERO;
        }
        let refunded: Money = self.refunds.iter().filter(|(on, _)| *on <= date).map(|(_, m)| *m).sum();
        self.amount.saturating_sub(refunded)
    }

    /// Dates on which this payment changes what counts.
    fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        std::iter::once(self.paid_on).chain(self.reversed_on).chain(self.refunds.iter().map(|(d, _)| *d))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageState {
    // Declared worst first: an account's state is its lines' minimum.
    Terminated,
    NotEffective,
    Grace,
    Pending,
    Active,
    Ended,
}

impl CoverageState {
    pub fn as_str(self) -> &'static str {
        match self {
            CoverageState::Terminated => "terminated",
            CoverageState::NotEffective => "not_effective",
            CoverageState::Grace => "grace",
            CoverageState::Pending => "pending",
            CoverageState::Active => "active",
            CoverageState::Ended => "ended",
        }
    }

    /// Something a member must act on (`status --check` exits 4).
    pub fn needs_attention(self) -> bool {
        matches!(self, CoverageState::Terminated | CoverageState::NotEffective | CoverageState::Grace)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BillState {
    Open,
    Partial,
    Paid,
    Void,
}

impl BillState {
    pub fn as_str(self) -> &'static str {
        match self {
            BillState::Open => "open",
            BillState::Partial => "partial",
            BillState::Paid => "paid",
            BillState::Void => "void",
        }
    }
}

/// A bill as of the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub line: Line,
    pub month: Month,
    pub statement_date: NaiveDate,
    pub due_date: NaiveDate,
    pub gross: Money,
    pub aptc: Money,
    pub slcsp: Option<Money>,
    pub amount: Money,
    pub paid: Money,
    pub open: Money,
    pub state: BillState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineStatus {
    pub line: Line,
    pub state: CoverageState,
    pub paid_through: Option<Month>,
    pub grace_deadline: Option<NaiveDate>,
    pub cure_amount: Option<Money>,
    pub terminates_on: Option<NaiveDate>,
    pub reinstate_by: Option<NaiveDate>,
    pub reinstate_amount: Option<Money>,
}

/// Money from one payment to one bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidTo {
    pub payment_id: i64,
    pub line: Line,
    pub month: Month,
    pub amount: Money,
}

/// A lapse that would be longer than the mandate allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRisk {
    pub line: Line,
    /// First month without coverage.
    pub from: Month,
    /// Months without coverage before coverage could start again.
    pub months: u32,
}

/// One account as of the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub as_of: NaiveDate,
    /// Issued bills, void ones included, oldest first.
    pub bills: Vec<Bill>,
    /// Bills not issued yet, with what credit already pays of them.
    pub upcoming: Vec<Bill>,
    pub credit: Money,
    pub amount_due: Money,
    pub past_due: Money,
    pub next_due_date: Option<NaiveDate>,
    pub next_due_amount: Option<Money>,
    pub lines: Vec<LineStatus>,
    pub allocations: Vec<PaidTo>,
    pub gap_risk: Option<GapRisk>,
}

impl Snapshot {
    /// The worst line's state; `None` for an account with no enrollment.
    pub fn coverage_state(&self) -> Option<CoverageState> {
        self.lines.iter().map(|l| l.state).min()
    }

    /// Past due, or a line in grace, terminated or not effective.
    pub fn needs_attention(&self) -> bool {
        self.past_due.is_positive() || self.lines.iter().any(|l| l.state.needs_attention())
    }
}

// ---------------------------------------------------------------------------
// The replay.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Live,
    /// Issued, then found never owed. Tagged with the decision that voided it.
    Void(usize),
    /// Never issued because of a decision.
    Dropped(usize),
}

struct SimBill {
    plan: PlannedBill,
    fate: Fate,
    starts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Nothing enrolled yet, or between enrollments.
    Idle,
    Pending {
        first: usize,
    },
    Active {
        start: Month,
    },
    Grace {
        start: Month,
        missed: Month,
        deadline: NaiveDate,
        subsidized: bool,
    },
    Terminated {
        start: Month,
        through: Month,
        deadline: NaiveDate,
        tag: usize,
    },
    NotEffective {
        month: Month,
    },
}

struct LineSim {
    line: Line,
    phase: Phase,
    /// A new enrollment can start from this month on.
    floor: Month,
    /// Months with coverage, for the mandate's gap: (first, last or open).
    covered: Vec<(Month, Option<Month>)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The end of a past day: due dates and deadlines that passed take effect.
    EndOfDay,
    /// The clock's own day: payments count, a bill due today is not late yet
    /// (though a line in grace must pay it to leave grace).
    Observe,
}

struct Sim<'a> {
    policy: &'a Policy,
    as_of: NaiveDate,
    bills: Vec<SimBill>,
    payments: Vec<&'a PaymentFacts>,
    lines: Vec<LineSim>,
    checkpoints: BTreeSet<NaiveDate>,
    decisions: usize,
}

/// How many months past the clock the schedule is planned, enough for the
/// longest grace period's cure amount.
fn horizon(policy: &Policy, as_of: NaiveDate) -> Month {
    let grace = policy.grace_months_subsidized.max(policy.grace_months_unsubsidized);
    Month::of(as_of).plus(grace as i32 + 2)
}

/// Replays one account's rate periods and payments and reports it as of `as_of`.
pub fn evaluate(periods: &[RatePeriod], payments: &[PaymentFacts], policy: &Policy, as_of: NaiveDate) -> Snapshot {
    replay(periods, payments, policy, as_of).report()
}

/// Whether a rate period for `line` from `from`, recorded on `as_of`, would
/// start a new enrollment (whose first month is a binder) rather than change
/// the one in force: a first enrollment, an earlier start, or enrolling again
/// after a termination, a first month never paid or a voluntary end.
pub fn starts_enrollment(
    periods: &[RatePeriod],
    payments: &[PaymentFacts],
    policy: &Policy,
    as_of: NaiveDate,
    line: Line,
    from: Month,
) -> bool {
    let sim = replay(periods, payments, policy, as_of);
    let Some(l) = sim.lines.iter().find(|l| l.line == line) else {
        return true;
    };
    let start = match l.phase {
        Phase::Idle | Phase::NotEffective { .. } => return true,
        Phase::Terminated { start, through, .. } => return from < start || from > through,
        Phase::Pending { first } => sim.bills[first].plan.month,
        Phase::Active { start } | Phase::Grace { start, .. } => start,
    };
    // A rate from the month after a voluntary end continues the coverage.
    from < start || sim.coverage_end(line, start).is_some_and(|last| from > last.next())
}

fn replay<'a>(periods: &[RatePeriod], payments: &'a [PaymentFacts], policy: &'a Policy, as_of: NaiveDate) -> Sim<'a> {
    let through = horizon(policy, as_of);
    let mut bills: Vec<SimBill> = Line::ALL
        .iter()
        .flat_map(|&line| plan_bills(periods, line, policy, through))
        .map(|plan| SimBill { starts: plan.starts_enrollment, plan, fate: Fate::Live })
        .collect();
    bills.sort_by_key(|b| (b.plan.month, b.plan.line));
    let mut ordered: Vec<&PaymentFacts> = payments.iter().collect();
    ordered.sort_by_key(|p| (p.paid_on, p.id));
    let lines = Line::ALL
        .iter()
        .filter(|&&line| bills.iter().any(|b| b.plan.line == line))
        .map(|&line| LineSim { line, phase: Phase::Idle, floor: Month::from_index(i32::MIN), covered: Vec::new() })
        .collect();
    let checkpoints = bills
        .iter()
        .map(|b| b.plan.due_date)
        .chain(ordered.iter().flat_map(|p| p.dates()))
        .filter(|d| *d < as_of)
        .collect();
    let mut sim = Sim { policy, as_of, bills, payments: ordered, lines, checkpoints, decisions: 0 };
    while let Some(day) = sim.checkpoints.pop_first() {
        sim.step(day, Mode::EndOfDay);
    }
    sim.step(as_of, Mode::Observe);
    sim
}

impl Sim<'_> {
    fn is_live_at(&self, i: usize, day: NaiveDate) -> bool {
        self.bills[i].fate == Fate::Live && self.bills[i].plan.statement_date <= day
    }

    fn funds_at(&self, day: NaiveDate) -> Vec<Funds> {
        self.payments
            .iter()
            .map(|p| Funds { payment_id: p.id, amount: p.amount_at(day), line: p.line })
            .filter(|f| f.amount.is_positive())
            .collect()
    }

    /// Allocates the money counting at `day` over the bills `include` selects.
    fn fill(&self, day: NaiveDate, include: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<Slot>, Fill) {
        let index: Vec<usize> = (0..self.bills.len()).filter(|&i| include(i)).collect();
        let slots: Vec<Slot> = index
            .iter()
            .map(|&i| Slot {
                line: self.bills[i].plan.line,
                month: self.bills[i].plan.month,
                amount: self.bills[i].plan.amount,
            })
            .collect();
        let fill = allocate(&slots, &self.funds_at(day));
        (index, slots, fill)
    }

    /// Open amount per bill index, over issued live bills.
    fn open_at(&self, day: NaiveDate) -> Vec<Option<Money>> {
        let (index, slots, fill) = self.fill(day, |i| self.is_live_at(i, day));
        let mut open = vec![None; self.bills.len()];
        for (k, &i) in index.iter().enumerate() {
            open[i] = Some(fill.open(&slots, k));
        }
        open
    }

    fn step(&mut self, day: NaiveDate, mode: Mode) {
        for li in 0..self.lines.len() {
            // A line can move more than once in a day (paid binder, then late bill).
            for _ in 0..4 {
                let open = self.open_at(day);
                if !self.advance(li, day, mode, &open) {
                    break;
                }
            }
        }
    }

    /// Moves one line by the rules; true when something changed.
    fn advance(&mut self, li: usize, day: NaiveDate, mode: Mode, open: &[Option<Money>]) -> bool {
        let line = self.lines[li].line;
        let end_of_day = mode == Mode::EndOfDay;
        // This enrollment's bills that are late at this point of the day (debts
        // of an earlier, terminated enrollment stay owed but start no grace).
        let start = match self.lines[li].phase {
            Phase::Active { start } | Phase::Grace { start, .. } => start,
            _ => Month::from_index(i32::MAX),
        };
        // This enrollment's first bill due on or before `through` and unpaid.
        let unpaid_due_by = |through: NaiveDate| {
            (0..self.bills.len()).find(|&i| {
                let b = &self.bills[i];
                b.plan.line == line
                    && b.plan.month >= start
                    && b.plan.due_date <= through
                    && open[i].is_some_and(Money::is_positive)
            })
        };
        match self.lines[li].phase {
            Phase::Idle | Phase::NotEffective { .. } | Phase::Terminated { .. } => {
                if let Phase::Terminated { tag, deadline, .. } = self.lines[li].phase {
                    if day <= add_days(deadline, self.policy.reinstatement_days)
                        && self.reinstatement_owed(li, tag, day).is_zero()
                    {
                        self.reinstate(li, tag);
                        return true;
                    }
                }
                let floor = self.lines[li].floor;
                let next = (0..self.bills.len()).find(|&i| {
                    let b = &self.bills[i];
                    b.plan.line == line && b.starts && b.fate == Fate::Live && b.plan.month >= floor
                });
                match next {
                    Some(first) => {
                        self.lines[li].phase = Phase::Pending { first };
                        true
                    }
                    None => false,
                }
            }
            Phase::Pending { first } => {
                let month = self.bills[first].plan.month;
                if open[first].is_some_and(|o| o.is_zero()) {
                    self.lines[li].phase = Phase::Active { start: month };
                    self.lines[li].covered.push((month, None));
                    true
                } else if end_of_day && day >= self.bills[first].plan.due_date {
                    // The binder was not paid: the enrollment never took effect,
                    // and the earliest new start is the month after.
                    self.decide(li, month.prev(), day);
                    self.lines[li].phase = Phase::NotEffective { month };
                    self.lines[li].floor = month.next();
                    true
                } else {
                    false
                }
            }
            Phase::Active { start } => {
                // After a voluntary end, a later enrollment's first bill is a new
                // binder once the old coverage is over: the member is enrolling again.
                let ended = self.coverage_end(line, start).filter(|last| day > last.last_day());
                let again = (0..self.bills.len()).find(|&i| {
                    let b = &self.bills[i];
                    b.plan.line == line
                        && b.starts
                        && b.fate == Fate::Live
                        && b.plan.month > start
                        && b.plan.statement_date <= day
                });
                if let Some(first) = again.filter(|_| ended.is_some()) {
                    if let Some(last) = self.lines[li].covered.last_mut() {
                        last.1 = ended;
                    }
                    self.lines[li].phase = Phase::Pending { first };
                    return true;
                }
                // Good standing is lost once a due date has passed unpaid: at the
                // end of that day, or today for a bill reopened today (a return).
                let through = if end_of_day { day } else { day - Days::new(1) };
                let Some(i) = unpaid_due_by(through) else {
                    return false;
                };
                let missed = self.bills[i].plan.month;
                let subsidized = self.bills[i].plan.subsidized;
                let last_month = missed.plus(self.policy.grace_months(subsidized) as i32 - 1);
                let deadline = last_month.day(self.policy.due_day);
                self.lines[li].phase = Phase::Grace { start, missed, deadline, subsidized };
                if deadline < self.as_of {
                    self.checkpoints.insert(deadline.max(day));
                }
                true
            }
            Phase::Grace { start, missed, deadline, subsidized } => {
                // Grace ends only when every bill due on or before the day is paid:
                // one due that very day is part of the cure.
                if unpaid_due_by(day).is_none() {
                    self.lines[li].phase = Phase::Active { start };
                    return true;
                }
                // The deadline day is still payable; a grace found today with its
                // deadline long past (a payment returned) is over already.
                if !(day > deadline || end_of_day && day == deadline) {
                    return false;
                }
                // The deadline passed with bills unpaid: coverage ends retroactively.
                let through = if subsidized { missed } else { missed.prev() };
                let tag = self.decide(li, through, day);
                self.lines[li].phase = Phase::Terminated { start, through, deadline, tag };
                if let Some(last) = self.lines[li].covered.last_mut() {
                    last.1 = Some(through);
                }
                true
            }
        }
    }

    /// Voids this line's bills after `through`, up to the first rate period that
    /// was recorded after `day` and by its due date (the member enrolled again).
    /// Returns the tag.
    fn decide(&mut self, li: usize, through: Month, day: NaiveDate) -> usize {
        let line = self.lines[li].line;
        self.decisions += 1;
        let tag = self.decisions;
        let mut restart = None;
        for b in self.bills.iter_mut().filter(|b| b.plan.line == line && b.plan.month > through) {
            if b.fate != Fate::Live {
                continue;
            }
            // Enrolling again: a rate period recorded after the decision, in
            // time for its first month. One recorded later (a history loaded
            // late) changes nothing: that month is void like the others.
            if b.plan.opens_period && b.plan.priced_on > day && b.plan.priced_on <= b.plan.due_date {
                restart = Some(b.plan.month);
                break;
            }
            b.fate = if b.plan.statement_date <= day { Fate::Void(tag) } else { Fate::Dropped(tag) };
        }
        if let Some(month) = restart {
            let policy = self.policy;
            if let Some(b) = self.bills.iter_mut().find(|b| b.plan.line == line && b.plan.month == month) {
                b.starts = true;
                b.plan.statement_date = first_statement_date(policy, month, b.plan.priced_on);
            }
        }
        self.lines[li].floor = through.next().max(self.lines[li].floor);
        tag
    }

    /// The last due date on or after `day`: reinstating pays through that bill.
    fn next_due_on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let month = Month::of(day).next();
        let due = self.policy.due_date(month);
        if due >= day {
            due
        } else {
            self.policy.due_date(month.next())
        }
    }

    /// What it would take at `day` to restore a terminated line with no gap:
    /// everything still owed plus the voided months through the next due date.
    fn reinstatement_owed(&self, li: usize, tag: usize, day: NaiveDate) -> Money {
        let line = self.lines[li].line;
        let through = self.next_due_on_or_after(day);
        let restored = |i: usize| {
            let b = &self.bills[i];
            b.plan.line == line
                && matches!(b.fate, Fate::Void(t) | Fate::Dropped(t) if t == tag)
                && b.plan.due_date <= through
        };
        let (index, slots, fill) = self.fill(day, |i| self.is_live_at(i, day) || restored(i));
        index
            .iter()
            .enumerate()
            .filter(|(_, &i)| self.bills[i].plan.line == line && self.bills[i].plan.due_date <= through)
            .map(|(k, _)| fill.open(&slots, k))
            .sum()
    }

    fn reinstate(&mut self, li: usize, tag: usize) {
        let Phase::Terminated { start, .. } = self.lines[li].phase else {
            return;
        };
        for b in &mut self.bills {
            if matches!(b.fate, Fate::Void(t) | Fate::Dropped(t) if t == tag) {
                b.fate = Fate::Live;
            }
        }
        self.lines[li].phase = Phase::Active { start };
        if let Some(last) = self.lines[li].covered.last_mut() {
            last.1 = None;
        }
    }

    // -----------------------------------------------------------------------
    // Reporting.

    fn bill_view(&self, i: usize, paid: Money) -> Bill {
        let plan = &self.bills[i].plan;
        let void = self.bills[i].fate != Fate::Live;
        let (paid, open) = if void { (Money::ZERO, Money::ZERO) } else { (paid, plan.amount - paid) };
        let state = if void {
            BillState::Void
        } else if open.is_zero() {
            BillState::Paid
        } else if paid.is_positive() {
            BillState::Partial
        } else {
            BillState::Open
        };
        Bill {
            line: plan.line,
            month: plan.month,
            statement_date: plan.statement_date,
            due_date: plan.due_date,
            gross: plan.gross,
            aptc: plan.aptc,
            slcsp: plan.slcsp,
            amount: plan.amount,
            paid,
            open,
            state,
        }
    }

    fn report(&self) -> Snapshot {
        let as_of = self.as_of;
        let issued = |i: usize| self.bills[i].plan.statement_date <= as_of;
        let (index, slots, fill) = self.fill(as_of, |i| self.is_live_at(i, as_of));
        let mut paid = vec![Money::ZERO; self.bills.len()];
        for (k, &i) in index.iter().enumerate() {
            paid[i] = fill.paid[k];
        }
        let allocations = fill
            .allocations
            .iter()
            .map(|a| PaidTo {
                payment_id: a.payment_id,
                line: slots[a.slot].line,
                month: slots[a.slot].month,
                amount: a.amount,
            })
            .collect();
        let bills: Vec<Bill> = (0..self.bills.len())
            .filter(|&i| issued(i) && !matches!(self.bills[i].fate, Fate::Dropped(_)))
            .map(|i| self.bill_view(i, paid[i]))
            .collect();
        let live: Vec<&Bill> = bills.iter().filter(|b| b.state != BillState::Void).collect();
        let amount_due: Money = live.iter().map(|b| b.open).sum();
        let past_due: Money = live.iter().filter(|b| b.due_date < as_of).map(|b| b.open).sum();

        // Projection: the credit also pays bills not issued yet.
        let (pindex, pslots, pfill) = self.fill(as_of, |i| self.bills[i].fate == Fate::Live);
        let mut projected_open = vec![None; self.bills.len()];
        let mut projected_paid = vec![Money::ZERO; self.bills.len()];
        for (k, &i) in pindex.iter().enumerate() {
            projected_open[i] = Some(pfill.open(&pslots, k));
            projected_paid[i] = pfill.paid[k];
        }
        let upcoming: Vec<Bill> =
            pindex.iter().filter(|&&i| !issued(i)).map(|&i| self.bill_view(i, projected_paid[i])).collect();
        let next_due_date = pindex
            .iter()
            .filter(|&&i| self.bills[i].plan.due_date >= as_of && projected_open[i].is_some_and(Money::is_positive))
            .map(|&i| self.bills[i].plan.due_date)
            .min();
        let next_due_amount = next_due_date.map(|due| {
            pindex.iter().filter(|&&i| self.bills[i].plan.due_date == due).filter_map(|&i| projected_open[i]).sum()
        });

        let lines = self.lines.iter().enumerate().map(|(li, l)| self.line_status(li, l, &projected_open)).collect();
        Snapshot {
            as_of,
            bills,
            upcoming,
            credit: fill.credit,
            amount_due,
            past_due,
            next_due_date,
            next_due_amount,
            lines,
            allocations,
            gap_risk: self.gap_risk(),
        }
    }

    fn line_status(&self, li: usize, l: &LineSim, projected_open: &[Option<Money>]) -> LineStatus {
        let as_of = self.as_of;
        let mut status = LineStatus {
            line: l.line,
            state: CoverageState::Pending,
            paid_through: None,
            grace_deadline: None,
            cure_amount: None,
            terminates_on: None,
            reinstate_by: None,
            reinstate_amount: None,
        };
        let mine = |i: &usize| self.bills[*i].plan.line == l.line;
        // The last month of an unbroken run of paid bills from `start`.
        let paid_through = |start: Month, cap: Option<Month>| {
            let mut through = None;
            for i in (0..self.bills.len()).filter(mine) {
                let b = &self.bills[i];
                if b.plan.month < start || cap.is_some_and(|c| b.plan.month > c) {
                    continue;
                }
                match projected_open[i] {
                    Some(o) if o.is_zero() => through = Some(b.plan.month),
                    _ => break,
                }
            }
            through
        };
        match l.phase {
            Phase::Idle => {}
            Phase::Pending { .. } => {}
            Phase::NotEffective { .. } => status.state = CoverageState::NotEffective,
            Phase::Active { start } => {
                let ended = self.coverage_end(l.line, start);
                match ended {
                    Some(last) if Month::of(as_of) > last => {
                        status.state = CoverageState::Ended;
                        status.paid_through = paid_through(start, Some(last));
                    }
                    _ => {
                        status.state = CoverageState::Active;
                        status.paid_through = paid_through(start, None);
                    }
                }
            }
            Phase::Grace { start, missed, deadline, subsidized } => {
                status.state = CoverageState::Grace;
                status.paid_through = paid_through(start, None);
                status.grace_deadline = Some(deadline);
                status.cure_amount = Some(
                    (0..self.bills.len())
                        .filter(mine)
                        .filter(|&i| self.bills[i].plan.due_date <= deadline)
                        .filter_map(|i| projected_open[i])
                        .sum(),
                );
                let through = if subsidized { missed } else { missed.prev() };
                status.terminates_on = Some(through.last_day());
            }
            Phase::Terminated { start, through, deadline, tag } => {
                status.state = CoverageState::Terminated;
                status.paid_through = paid_through(start, Some(through));
                status.terminates_on = Some(through.last_day());
                let by = add_days(deadline, self.policy.reinstatement_days);
                if as_of <= by {
                    status.reinstate_by = Some(by);
                    status.reinstate_amount = Some(self.reinstatement_owed(li, tag, as_of));
                }
            }
        }
        status
    }

    /// The last month of the enrollment that started at `start`, if it ends
    /// (a voluntary end with no rate period after it).
    fn coverage_end(&self, line: Line, start: Month) -> Option<Month> {
        let months: Vec<Month> = self
            .bills
            .iter()
            .filter(|b| b.plan.line == line && b.plan.month >= start && b.fate == Fate::Live)
            .map(|b| b.plan.month)
            .collect();
        let horizon = horizon(self.policy, self.as_of);
        let mut last = *months.first()?;
        for &m in &months[1..] {
            if m != last.next() {
                return Some(last);
            }
            last = m;
        }
        (last < horizon).then_some(last)
    }

    /// The mandate asks for health coverage: a lapse of the health line (or of
    /// the only line) longer than the policy's gap is a tax risk.
    fn gap_risk(&self) -> Option<GapRisk> {
        let l = self.lines.iter().find(|l| l.line == Line::Health).or(self.lines.first())?;
        let lapse_from = match l.phase {
            Phase::Terminated { through, .. } => through.next(),
            Phase::NotEffective { month } => l.covered.last().and_then(|c| c.1).map_or(month, Month::next),
            Phase::Grace { missed, subsidized, .. } => {
                if subsidized {
                    missed.next()
                } else {
                    missed
                }
            }
            _ => return None,
        };
        // Coverage can start again, at the earliest, by the change rule from
        // today (or from the day after the deadline, for a line still in grace).
        let restart_from = match l.phase {
            Phase::Grace { deadline, .. } => deadline.max(self.as_of) + Days::new(1),
            _ => self.as_of,
        };
        let restart = self.policy.change_applies_from(restart_from);
        let months = (restart.index() - lapse_from.index()).max(0) as u32;
        (months > self.policy.mandate_gap_months).then_some(GapRisk { line: l.line, from: lapse_from, months })
    }
}

#[cfg(test)]
mod tests;
