//! The report: the replayed account as of the clock, as a `Snapshot`.

use chrono::Days;

use super::replay::{BillFate, LineReplay, OwedFill, Phase, Replay};
use super::types::{Bill, BillState, CoverageState, GapRisk, LineStatus, PaidTo, Snapshot};
use crate::core::billing::Line;
use crate::core::dates::Month;
use crate::core::money::Money;

impl Replay<'_> {
    pub(super) fn report(&mut self) -> Snapshot {
        let as_of = self.as_of;
        self.owed_fill(as_of);
        let OwedFill { index, slots, fill, .. } = &self.owed;
        let issued = |i: usize| self.bills[i].plan.statement_date <= as_of;
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
            .filter(|&i| issued(i) && !matches!(self.bills[i].fate, BillFate::NeverIssued(_)))
            .map(|i| self.bill_view(i, paid[i]))
            .collect();
        let live = || bills.iter().filter(|b| b.state != BillState::Void);
        let amount_due: Money = live().map(|b| b.open).sum();
        let past_due: Money = live().filter(|b| b.due_date < as_of).map(|b| b.open).sum();

        // Projection: the credit also pays bills not issued yet.
        let (pindex, pslots, pfill) = self.fill(as_of, |i| self.bills[i].fate == BillFate::Owed);
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

        let lines = (0..self.lines.len()).map(|li| self.line_status(li, &projected_open)).collect();
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

    fn bill_view(&self, i: usize, paid: Money) -> Bill {
        let plan = &self.bills[i].plan;
        let void = self.bills[i].fate != BillFate::Owed;
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
            covered: !void && !self.awaits_binder(i),
        }
    }

    /// The bill is of an enrollment whose first month is not paid yet.
    fn awaits_binder(&self, i: usize) -> bool {
        let plan = &self.bills[i].plan;
        self.lines.iter().any(|l| match l.phase {
            Phase::Pending { binder } => l.line == plan.line && plan.month >= self.bills[binder].plan.month,
            _ => false,
        })
    }

    fn line_status(&self, li: usize, projected_open: &[Option<Money>]) -> LineStatus {
        let as_of = self.as_of;
        let l: &LineReplay = &self.lines[li];
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
        // The last month of an unbroken run of paid bills from `first_month`.
        let paid_through = |first_month: Month, cap: Option<Month>| {
            let mut through = None;
            for &i in &l.bills {
                let month = self.bills[i].plan.month;
                if month < first_month || cap.is_some_and(|c| month > c) {
                    continue;
                }
                match projected_open[i] {
                    Some(o) if o.is_zero() => through = Some(month),
                    _ => break,
                }
            }
            through
        };
        match l.phase {
            Phase::NotEnrolled | Phase::Pending { .. } => {}
            Phase::NotEffective { .. } => status.state = CoverageState::NotEffective,
            Phase::Active { first_month } => match self.coverage_end(li, first_month) {
                Some(last) if Month::of(as_of) > last => {
                    status.state = CoverageState::Ended;
                    status.paid_through = paid_through(first_month, Some(last));
                }
                _ => {
                    status.state = CoverageState::Active;
                    status.paid_through = paid_through(first_month, None);
                }
            },
            Phase::Grace { first_month, deadline, last_covered } => {
                status.state = CoverageState::Grace;
                status.paid_through = paid_through(first_month, None);
                status.grace_deadline = Some(deadline);
                status.cure_amount = Some(
                    l.bills
                        .iter()
                        .filter(|&&i| self.bills[i].plan.due_date <= deadline)
                        .filter_map(|&i| projected_open[i])
                        .sum(),
                );
                status.terminates_on = Some(last_covered.last_day());
            }
            Phase::Terminated { first_month, last_covered, grace_deadline, ending } => {
                status.state = CoverageState::Terminated;
                status.paid_through = paid_through(first_month, Some(last_covered));
                status.terminates_on = Some(last_covered.last_day());
                let by = self.reinstate_by(grace_deadline);
                if as_of <= by {
                    status.reinstate_by = Some(by);
                    status.reinstate_amount = Some(self.reinstatement_owed(li, ending, as_of));
                }
            }
        }
        status
    }

    /// The mandate asks for health coverage: a lapse of the health line (or of
    /// the only line) longer than the policy's gap is a tax risk.
    fn gap_risk(&self) -> Option<GapRisk> {
        let l = self.lines.iter().find(|l| l.line == Line::Health).or(self.lines.first())?;
        let lapse_from = match l.phase {
            Phase::Terminated { last_covered, .. } | Phase::Grace { last_covered, .. } => last_covered.next(),
            Phase::NotEffective { month } => l.coverage_ended.map_or(month, Month::next),
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
