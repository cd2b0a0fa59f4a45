//! The replay: each line's life, day by day, from its first bill to the clock.
//!
//! A line moves between these phases (DESIGN §7, "Coverage rules"):
//!
//! - **not enrolled** → **pending** when a rate period starts an enrollment;
//! - **pending** → **active** when the first month (the binder) is paid, or
//!   **not effective** when its due date passes unpaid: every bill from that
//!   month on is void;
//! - **active** → **grace** when a due date passes with a bill of this
//!   enrollment unpaid; the deadline is fixed then;
//! - **grace** → **active** once every bill due by the day is paid, or
//!   **terminated** when the deadline passes first: coverage ends
//!   retroactively and the later bills are void;
//! - **terminated** → **active** again (reinstated) when what reinstating
//!   costs is paid within the window: the voided bills are owed again;
//! - **not effective** or **terminated** → **pending** when the member
//!   enrolls again, and **active** → **pending** when a voluntary end is
//!   over and a later enrollment begins.
//!
//! Only the past days on which something can change are replayed: payment
//! dates (paid, returned, refunded), due dates and grace deadlines.

use chrono::{Days, NaiveDate};

use super::types::PaymentFacts;
use crate::core::allocation::{allocate, allocate_into, Fill, Funds, Slot};
use crate::core::billing::{first_statement_date, plan_bills, Line, PlannedBill, RatePeriod};
use crate::core::dates::{add_days, Month};
use crate::core::money::Money;
use crate::core::policy::Policy;

/// One ending of coverage (a termination, or a binder never paid), numbered
/// in replay order: reinstating a termination restores exactly the bills it voided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct EndingId(usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BillFate {
    /// Owed once issued.
    Owed,
    /// Issued, then voided when coverage ended.
    Voided(EndingId),
    /// Coverage ended before its statement date: never issued.
    NeverIssued(EndingId),
}

impl BillFate {
    fn voided_by(self) -> Option<EndingId> {
        match self {
            BillFate::Owed => None,
            BillFate::Voided(ending) | BillFate::NeverIssued(ending) => Some(ending),
        }
    }
}

pub(super) struct ReplayBill {
    /// As the schedule calls for it; enrolling again after a termination
    /// makes a month a first month (`starts_enrollment`, issued at once).
    pub(super) plan: PlannedBill,
    pub(super) fate: BillFate,
}

impl ReplayBill {
    /// Issued by `day` and not void.
    fn owed_at(&self, day: NaiveDate) -> bool {
        self.fate == BillFate::Owed && self.plan.statement_date <= day
    }

    fn slot(&self) -> Slot {
        Slot { line: self.plan.line, month: self.plan.month, amount: self.plan.amount }
    }
}

/// The money counting at the end of `day`, from `payments` oldest first
/// (those made later count for nothing yet).
fn funds_at<'p>(payments: &'p [&PaymentFacts], day: NaiveDate) -> impl Iterator<Item = Funds> + 'p {
    payments
        .iter()
        .take_while(move |p| p.paid_on <= day)
        .map(move |p| Funds { payment_id: p.id, amount: p.amount_at(day), line: p.line })
        .filter(|f| f.amount.is_positive())
}

/// The allocation over the bills owed at a day, kept while nothing that
/// feeds it changes: most replayed days (a due date the day after its draft,
/// each line's turn, each move) reuse it rather than allocate again.
#[derive(Default)]
pub(super) struct OwedFill {
    /// Every date on which what is owed or what counts can change, in order:
    /// statement dates (also those a new enrollment may move a bill's to) and
    /// payment dates.
    changes: Vec<NaiveDate>,
    /// The days it holds for: from the first up to, not including, the
    /// second (the next change). `None` once a bill's fate or statement date changed.
    holds: Option<(NaiveDate, NaiveDate)>,
    /// The bills owed, as indices into `Replay::bills`, and their slots, index for index.
    pub(super) index: Vec<usize>,
    pub(super) slots: Vec<Slot>,
    funds: Vec<Funds>,
    pub(super) fill: Fill,
    /// Open amount per bill index; `None` for a bill not owed.
    pub(super) open: Vec<Option<Money>>,
    /// The bills owed and not fully paid, oldest first.
    pub(super) unpaid: Vec<usize>,
}

impl OwedFill {
    fn new(bills: &[ReplayBill], payments: &[&PaymentFacts]) -> OwedFill {
        let mut changes: Vec<NaiveDate> = bills
            .iter()
            .flat_map(|b| [Some(b.plan.statement_date), b.plan.opens_period.then_some(b.plan.priced_on)])
            .flatten()
            .chain(payments.iter().flat_map(|p| p.dates()))
            .collect();
        changes.sort_unstable();
        changes.dedup();
        OwedFill { changes, ..OwedFill::default() }
    }

    /// A bill's fate or statement date changed: compute it again when next asked.
    fn forget(&mut self) {
        self.holds = None;
    }

    fn holds_at(&self, day: NaiveDate) -> bool {
        self.holds.is_some_and(|(from, until)| from <= day && day < until)
    }

    /// Allocates the money counting at `day` over the bills owed then, in the buffers kept.
    fn compute(&mut self, bills: &[ReplayBill], payments: &[&PaymentFacts], day: NaiveDate) {
        self.index.clear();
        self.index.extend((0..bills.len()).filter(|&i| bills[i].owed_at(day)));
        self.slots.clear();
        self.slots.extend(self.index.iter().map(|&i| bills[i].slot()));
        self.funds.clear();
        self.funds.extend(funds_at(payments, day));
        allocate_into(&self.slots, &self.funds, &mut self.fill);
        self.open.clear();
        self.open.resize(bills.len(), None);
        self.unpaid.clear();
        for (k, &i) in self.index.iter().enumerate() {
            let open = self.fill.open(&self.slots, k);
            self.open[i] = Some(open);
            if open.is_positive() {
                self.unpaid.push(i);
            }
        }
        let next = self.changes.partition_point(|&d| d <= day);
        self.holds = Some((day, self.changes.get(next).copied().unwrap_or(NaiveDate::MAX)));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Before the line's first enrollment.
    NotEnrolled,
    /// Enrolled; coverage starts when this bill, the first month's, is paid.
    Pending {
        binder: usize,
    },
    Active {
        first_month: Month,
    },
    Grace {
        first_month: Month,
        /// Fixed when grace began; later payments never move it.
        deadline: NaiveDate,
        /// Where coverage ends if the deadline passes unpaid.
        last_covered: Month,
    },
    Terminated {
        first_month: Month,
        last_covered: Month,
        grace_deadline: NaiveDate,
        ending: EndingId,
    },
    /// The binder of `month` was never paid.
    NotEffective {
        month: Month,
    },
}

pub(super) struct LineReplay {
    pub(super) line: Line,
    pub(super) phase: Phase,
    /// This line's bills, as indices into `Replay::bills`, oldest first.
    pub(super) bills: Vec<usize>,
    /// Those that start an enrollment (`starts_enrollment`), oldest first:
    /// few, and looked for every day.
    binders: Vec<usize>,
    /// After coverage ended: the earliest month a new enrollment may start.
    next_start_from: Option<Month>,
    /// The last month of the line's latest coverage, once that ended (the
    /// mandate's gap runs from the month after).
    pub(super) coverage_ended: Option<Month>,
}

/// The most moves one enrollment makes in a day: pending → active → grace →
/// terminated → active (reinstated). Active and grace cannot alternate, as no
/// money moves between them; any other move enters a later enrollment, which
/// has a first bill of its own.
const MOVES_PER_ENROLLMENT: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// The end of a past day: due dates and deadlines that passed take effect.
    EndOfPastDay,
    /// The clock's own day: payments count, a bill due today is not late yet
    /// (though a line in grace must pay it to leave grace).
    Today,
}

pub(super) struct Replay<'a> {
    pub(super) policy: &'a Policy,
    pub(super) as_of: NaiveDate,
    /// Every line's bills, oldest first (health before dental within a month),
    /// the order in which money pays them. Changing a fate or a statement
    /// date must `forget` the owed fill.
    pub(super) bills: Vec<ReplayBill>,
    /// Oldest first: the order in which money is spent.
    payments: Vec<&'a PaymentFacts>,
    pub(super) lines: Vec<LineReplay>,
    /// Past days still to replay, each once, latest first (the next is the last).
    days: Vec<NaiveDate>,
    /// Coverage endings so far: the next one's number.
    endings: usize,
    /// The allocation over the bills owed, as of the day last asked for.
    pub(super) owed: OwedFill,
    /// Compute every allocation afresh, as the replay did before `OwedFill`.
    #[cfg(test)]
    pub(super) reference: bool,
}

/// How many months past the clock the schedule is planned, enough for the
/// longest grace period's cure amount.
fn horizon(policy: &Policy, as_of: NaiveDate) -> Month {
    let grace = policy.grace_months_subsidized.max(policy.grace_months_unsubsidized);
    Month::of(as_of).plus(grace as i32 + 2)
}

/// The termination-month rule: when grace for `missed` runs out, coverage ends
/// retroactively on the last day of `missed` if subsidized (the first grace
/// month stays covered), else of the month before (the last one fully paid).
fn last_covered_month(missed: &PlannedBill) -> Month {
    if missed.subsidized {
        missed.month
    } else {
        missed.month.prev()
    }
}

/// Replays the account's life through the clock's day.
pub(super) fn replay<'a>(
    periods: &[RatePeriod],
    payments: &'a [PaymentFacts],
    policy: &'a Policy,
    as_of: NaiveDate,
) -> Replay<'a> {
    let mut replay = start(periods, payments, policy, as_of);
    replay.run();
    replay
}

/// The account before its first day replayed.
pub(super) fn start<'a>(
    periods: &[RatePeriod],
    payments: &'a [PaymentFacts],
    policy: &'a Policy,
    as_of: NaiveDate,
) -> Replay<'a> {
    let through = horizon(policy, as_of);
    let mut bills: Vec<ReplayBill> = Vec::new();
    for line in Line::ALL {
        bills.extend(
            plan_bills(periods, line, policy, through)
                .into_iter()
                .map(|plan| ReplayBill { plan, fate: BillFate::Owed }),
        );
    }
    // One bill per line and month: no ties to keep in order.
    bills.sort_unstable_by_key(|b| (b.plan.month, b.plan.line));
    let mut ordered: Vec<&PaymentFacts> = payments.iter().collect();
    ordered.sort_by_key(|p| (p.paid_on, p.id));
    let lines = Line::ALL
        .iter()
        .map(|&line| {
            let mine: Vec<usize> = (0..bills.len()).filter(|&i| bills[i].plan.line == line).collect();
            LineReplay {
                line,
                phase: Phase::NotEnrolled,
                binders: mine.iter().copied().filter(|&i| bills[i].plan.starts_enrollment).collect(),
                bills: mine,
                next_start_from: None,
                coverage_ended: None,
            }
        })
        .filter(|l| !l.bills.is_empty())
        .collect();
    let mut days: Vec<NaiveDate> = bills
        .iter()
        .map(|b| b.plan.due_date)
        .chain(ordered.iter().flat_map(|p| p.dates()))
        .filter(|d| *d < as_of)
        .collect();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    Replay {
        policy,
        as_of,
        owed: OwedFill::new(&bills, &ordered),
        bills,
        payments: ordered,
        lines,
        days,
        endings: 0,
        #[cfg(test)]
        reference: false,
    }
}

impl Replay<'_> {
    /// Replays the past days, then the clock's.
    pub(super) fn run(&mut self) {
        while let Some(day) = self.days.pop() {
            self.replay_day(day, Moment::EndOfPastDay);
        }
        self.replay_day(self.as_of, Moment::Today);
    }

    /// Moves each line, in turn, until it settles: a line can move more than
    /// once in a day (a binder paid, then a later bill found late). Money that
    /// a later line's voided bills set free reaches an earlier line on the
    /// next day replayed.
    fn replay_day(&mut self, day: NaiveDate, moment: Moment) {
        for li in 0..self.lines.len() {
            // At most one enrollment per bill, plus the one the day began in.
            let bound = MOVES_PER_ENROLLMENT * (self.lines[li].bills.len() + 1);
            let mut moves = 0;
            while self.move_line(li, day, moment) {
                moves += 1;
                assert!(moves <= bound, "the {} line did not settle on {day}", self.lines[li].line);
            }
        }
    }

    /// Moves one line by the rules; true when its phase changed.
    fn move_line(&mut self, li: usize, day: NaiveDate, moment: Moment) -> bool {
        match self.lines[li].phase {
            Phase::NotEnrolled | Phase::NotEffective { .. } => self.enroll(li),
            Phase::Pending { binder } => self.take_effect(li, binder, day, moment),
            Phase::Active { first_month } => {
                self.enroll_after_voluntary_end(li, first_month, day) || self.begin_grace(li, first_month, day, moment)
            }
            Phase::Grace { first_month, deadline, last_covered } => {
                self.end_grace(li, first_month, deadline, last_covered, day, moment)
            }
            Phase::Terminated { first_month, grace_deadline, ending, .. } => {
                self.reinstate(li, first_month, grace_deadline, ending, day) || self.enroll(li)
            }
        }
    }

    /// Starts the line's next enrollment, if it has one.
    fn enroll(&mut self, li: usize) -> bool {
        let from = self.lines[li].next_start_from;
        let Some(binder) = self.first_binder(li, |b| from.is_none_or(|from| b.month >= from)) else {
            return false;
        };
        self.lines[li].phase = Phase::Pending { binder };
        true
    }

    /// The binder paid, coverage starts; unpaid at the end of its due date,
    /// the enrollment never takes effect.
    fn take_effect(&mut self, li: usize, binder: usize, day: NaiveDate, moment: Moment) -> bool {
        let month = self.bills[binder].plan.month;
        if self.owed_fill(day).open[binder].is_some_and(|o| o.is_zero()) {
            let line = &mut self.lines[li];
            line.phase = Phase::Active { first_month: month };
            line.coverage_ended = None;
            return true;
        }
        if moment == Moment::Today || day < self.bills[binder].plan.due_date {
            return false;
        }
        self.end_coverage(li, month.prev(), day);
        let line = &mut self.lines[li];
        line.phase = Phase::NotEffective { month };
        // The binder's own month cannot start again.
        line.next_start_from = Some(month.next());
        true
    }

    /// After a voluntary end, a later enrollment's first bill is a new binder
    /// once the old coverage is over: the member is enrolling again.
    fn enroll_after_voluntary_end(&mut self, li: usize, first_month: Month, day: NaiveDate) -> bool {
        // The binder first: the end is costlier to find, and rarely needed.
        let Some(binder) = self.first_binder(li, |b| b.month > first_month && b.statement_date <= day) else {
            return false;
        };
        let Some(ended) = self.coverage_end(li, first_month).filter(|last| day > last.last_day()) else {
            return false;
        };
        let line = &mut self.lines[li];
        line.coverage_ended = Some(ended);
        line.phase = Phase::Pending { binder };
        true
    }

    /// The line's first bill, among those `accept` takes, that starts an
    /// enrollment and is still owed.
    fn first_binder(&self, li: usize, accept: impl Fn(&PlannedBill) -> bool) -> Option<usize> {
        let line = &self.lines[li];
        debug_assert!(line.binders.iter().copied().eq(line
            .bills
            .iter()
            .copied()
            .filter(|&i| self.bills[i].plan.starts_enrollment)));
        line.binders.iter().copied().find(|&i| self.bills[i].fate == BillFate::Owed && accept(&self.bills[i].plan))
    }

    /// Good standing is lost once a due date has passed unpaid: at the end of
    /// that day, or today for a bill reopened today (a return). The deadline
    /// is fixed then.
    fn begin_grace(&mut self, li: usize, first_month: Month, day: NaiveDate, moment: Moment) -> bool {
        let through = match moment {
            Moment::EndOfPastDay => day,
            Moment::Today => day - Days::new(1),
        };
        self.owed_fill(day);
        let Some(i) = self.first_unpaid_due_by(li, first_month, through) else {
            return false;
        };
        let missed = &self.bills[i].plan;
        let grace_months = self.policy.grace_months(missed.subsidized) as i32;
        let deadline = missed.month.plus(grace_months - 1).day(self.policy.due_day);
        let last_covered = last_covered_month(missed);
        self.lines[li].phase = Phase::Grace { first_month, deadline, last_covered };
        if deadline < self.as_of {
            let day = deadline.max(day);
            if let Err(at) = self.days.binary_search_by(|d| day.cmp(d)) {
                self.days.insert(at, day);
            }
        }
        true
    }

    /// Grace ends only when every bill due on or before the day is paid (one
    /// due that very day is part of the cure); if the deadline passes first,
    /// the line is terminated back to `last_covered`.
    fn end_grace(
        &mut self,
        li: usize,
        first_month: Month,
        deadline: NaiveDate,
        last_covered: Month,
        day: NaiveDate,
        moment: Moment,
    ) -> bool {
        self.owed_fill(day);
        if self.first_unpaid_due_by(li, first_month, day).is_none() {
            self.lines[li].phase = Phase::Active { first_month };
            return true;
        }
        // The deadline day is still payable; a grace found today with its
        // deadline long past (a payment returned) is over already.
        let passed = day > deadline || moment == Moment::EndOfPastDay && day == deadline;
        if !passed {
            return false;
        }
        let ending = self.end_coverage(li, last_covered, day);
        let line = &mut self.lines[li];
        line.phase = Phase::Terminated { first_month, last_covered, grace_deadline: deadline, ending };
        line.coverage_ended = Some(last_covered);
        true
    }

    /// Paying what reinstating costs, within the window, restores the
    /// terminated coverage with no gap: the bills its ending voided are owed again.
    fn reinstate(
        &mut self,
        li: usize,
        first_month: Month,
        grace_deadline: NaiveDate,
        ending: EndingId,
        day: NaiveDate,
    ) -> bool {
        if day > self.reinstate_by(grace_deadline) || !self.reinstatement_owed(li, ending, day).is_zero() {
            return false;
        }
        self.owed.forget();
        for &i in &self.lines[li].bills {
            if self.bills[i].fate.voided_by() == Some(ending) {
                self.bills[i].fate = BillFate::Owed;
            }
        }
        let line = &mut self.lines[li];
        line.phase = Phase::Active { first_month };
        line.coverage_ended = None;
        true
    }

    /// The enrollment's first bill due on or before `through` and unpaid, by
    /// the owed fill (debts of an earlier, terminated enrollment stay owed but
    /// start no grace).
    fn first_unpaid_due_by(&self, li: usize, first_month: Month, through: NaiveDate) -> Option<usize> {
        self.owed.unpaid.iter().copied().find(|&i| {
            let b = &self.bills[i].plan;
            b.line == self.lines[li].line && b.month >= first_month && b.due_date <= through
        })
    }

    /// Coverage of the line ended after `last_covered` (a termination, or a
    /// binder never paid): its later bills are void, up to the first rate
    /// period recorded after `day` and by its due date (the member enrolled again).
    fn end_coverage(&mut self, li: usize, last_covered: Month, day: NaiveDate) -> EndingId {
        self.owed.forget();
        self.endings += 1;
        let ending = EndingId(self.endings);
        let line = &mut self.lines[li];
        let mut again = None;
        for &i in &line.bills {
            let b = &mut self.bills[i];
            if b.plan.month <= last_covered || b.fate != BillFate::Owed {
                continue;
            }
            // Enrolling again: a rate period recorded after the ending, in
            // time for its first month. One recorded later (a history loaded
            // late) changes nothing: that month is void like the others.
            if b.plan.opens_period && b.plan.priced_on > day && b.plan.priced_on <= b.plan.due_date {
                again = Some(i);
                break;
            }
            b.fate =
                if b.plan.statement_date <= day { BillFate::Voided(ending) } else { BillFate::NeverIssued(ending) };
        }
        if let Some(i) = again {
            if let Err(at) = line.binders.binary_search(&i) {
                line.binders.insert(at, i);
            }
            let first = &mut self.bills[i].plan;
            first.starts_enrollment = true;
            first.statement_date = first_statement_date(self.policy, first.month, first.priced_on);
        }
        line.next_start_from = line.next_start_from.max(Some(last_covered.next()));
        ending
    }

    /// The last day on which a line terminated after `grace_deadline` can be reinstated.
    pub(super) fn reinstate_by(&self, grace_deadline: NaiveDate) -> NaiveDate {
        add_days(grace_deadline, self.policy.reinstatement_days)
    }

    /// What it would take at `day` to restore a terminated line with no gap:
    /// everything still owed plus the voided months through the next due date.
    pub(super) fn reinstatement_owed(&self, li: usize, ending: EndingId, day: NaiveDate) -> Money {
        let line = self.lines[li].line;
        let through = self.next_due_on_or_after(day);
        let restored = |i: usize| {
            let b = &self.bills[i];
            b.plan.line == line && b.fate.voided_by() == Some(ending) && b.plan.due_date <= through
        };
        let (index, slots, fill) = self.fill(day, |i| self.owed_at(i, day) || restored(i));
        index
            .iter()
            .enumerate()
            .filter(|(_, &i)| self.bills[i].plan.line == line && self.bills[i].plan.due_date <= through)
            .map(|(k, _)| fill.open(&slots, k))
            .sum()
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

    /// The last month of the enrollment that started at `first_month`, if it
    /// ends (a voluntary end with no rate period after it).
    pub(super) fn coverage_end(&self, li: usize, first_month: Month) -> Option<Month> {
        let mut months = self.lines[li]
            .bills
            .iter()
            .map(|&i| &self.bills[i])
            .filter(|b| b.plan.month >= first_month && b.fate == BillFate::Owed)
            .map(|b| b.plan.month);
        let mut last = months.next()?;
        for month in months {
            if month != last.next() {
                return Some(last);
            }
            last = month;
        }
        (last < horizon(self.policy, self.as_of)).then_some(last)
    }

    /// Whether a rate period for `line` from `from` would start a new
    /// enrollment rather than change the one in force.
    pub(super) fn would_start_enrollment(&self, line: Line, from: Month) -> bool {
        let Some(li) = self.lines.iter().position(|l| l.line == line) else {
            return true;
        };
        let first_month = match self.lines[li].phase {
            Phase::NotEnrolled | Phase::NotEffective { .. } => return true,
            Phase::Terminated { first_month, last_covered, .. } => {
                return from < first_month || from > last_covered;
            }
            Phase::Pending { binder } => self.bills[binder].plan.month,
            Phase::Active { first_month } | Phase::Grace { first_month, .. } => first_month,
        };
        // A rate from the month after a voluntary end continues the coverage.
        from < first_month || self.coverage_end(li, first_month).is_some_and(|last| from > last.next())
    }

    // -----------------------------------------------------------------------
    // Money: who pays what, as of a day.

    /// Issued by `day` and not void.
    pub(super) fn owed_at(&self, i: usize, day: NaiveDate) -> bool {
        self.bills[i].owed_at(day)
    }

    /// Allocates the money counting at `day` over the bills `include` selects;
    /// returns their indices and slots, index for index, and the fill.
    pub(super) fn fill(&self, day: NaiveDate, include: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<Slot>, Fill) {
        let index: Vec<usize> = (0..self.bills.len()).filter(|&i| include(i)).collect();
        let slots: Vec<Slot> = index.iter().map(|&i| self.bills[i].slot()).collect();
        let funds: Vec<Funds> = funds_at(&self.payments, day).collect();
        let fill = allocate(&slots, &funds);
        (index, slots, fill)
    }

    /// The allocation over the bills owed at `day`, computed again only when
    /// something that feeds it changed.
    pub(super) fn owed_fill(&mut self, day: NaiveDate) -> &OwedFill {
        #[cfg(test)]
        if self.reference {
            self.owed = super::reference::owed_fill(self, day);
            return &self.owed;
        }
        if !self.owed.holds_at(day) {
            self.owed.compute(&self.bills, &self.payments, day);
        }
        &self.owed
    }
}
