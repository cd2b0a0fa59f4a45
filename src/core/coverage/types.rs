//! What the coverage rules take in (a payment's facts) and give out (an
//! account as of the clock).

use chrono::NaiveDate;
use serde::Serialize;

use crate::core::billing::Line;
use crate::core::dates::Month;
use crate::core::money::Money;

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
    pub(super) fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        std::iter::once(self.paid_on).chain(self.reversed_on).chain(self.refunds.iter().map(|(d, _)| *d))
    }
}

#[cfg(test)]
impl PaymentFacts {
    /// A payment for every line, never returned or refunded.
    pub(crate) fn plain(id: i64, paid_on: NaiveDate, cents: i64) -> PaymentFacts {
        PaymentFacts { id, paid_on, amount: Money::from_cents(cents), line: None, reversed_on: None, refunds: vec![] }
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
    /// Coverage is in force for the month: the bill is owed and its
    /// enrollment took effect (a first month still unpaid covers nothing yet).
    /// Coverage starts on a month's first day and ends on a month's last,
    /// so a month is covered whole or not at all.
    pub covered: bool,
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
