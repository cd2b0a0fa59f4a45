//! An exchange's payment history against the ledger's, for one account:
//! which payments each side lacks, and where the two disagree.
//!
//! Payments are paired by confirmation first (the ledger's confirmation or
//! its gateway's reference), then by the same amount within a few days,
//! nearest date first.

use chrono::NaiveDate;
use serde::Serialize;
use strum::{Display, IntoStaticStr};

use super::money::Money;
use super::payment::PaymentStatus;

/// A payment as the exchange's statement lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub confirmation: String,
}

/// A payment as the ledger has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub id: i64,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub status: PaymentStatus,
    /// Its confirmation and its gateway's reference, the numbers a statement may quote.
    pub references: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Display, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Finding {
    Agrees,
    /// Paired, but the amount, the date or the ledger's status disagrees.
    Differs,
    MissingFromLedger,
    MissingFromStatement,
    /// Missing from the ledger, and now recorded (`--record-missing`).
    Recorded,
}

impl Finding {
    /// The two sides do not agree on this payment.
    pub fn is_difference(self) -> bool {
        matches!(self, Finding::Differs | Finding::MissingFromLedger | Finding::MissingFromStatement)
    }
}

/// One payment of either side, or a pair, with what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Index into the statement's payments.
    pub listed: Option<usize>,
    /// Index into the ledger's payments.
    pub kept: Option<usize>,
    pub finding: Finding,
    /// What disagrees, in words.
    pub problems: Vec<String>,
}

/// Compares the statement's payments with the ledger's. A ledger payment
/// that went through (succeeded, or refunded later) and falls within
/// `window` should be on the statement; one that failed, was voided or
/// returned should not, and is only paired when the statement quotes its
/// confirmation. Dates `days` apart or less agree.
pub fn reconcile(listed: &[Listed], kept: &[Kept], window: (NaiveDate, NaiveDate), days: u32) -> Vec<Outcome> {
    let near = |a: NaiveDate, b: NaiveDate| (a - b).num_days().unsigned_abs() <= u64::from(days);
    let expected = |k: &Kept| k.status.went_through() && (window.0..=window.1).contains(&k.paid_on);
    let mut pair_of: Vec<Option<usize>> = vec![None; listed.len()];
    let mut taken = vec![false; kept.len()];
    // By confirmation.
    for (i, l) in listed.iter().enumerate() {
        if let Some(k) = (0..kept.len()).find(|&k| !taken[k] && kept[k].references.contains(&l.confirmation)) {
            pair_of[i] = Some(k);
            taken[k] = true;
        }
    }
    // By amount, the nearest date first, statement payments in date order.
    let mut order: Vec<usize> = (0..listed.len()).filter(|&i| pair_of[i].is_none()).collect();
    order.sort_by_key(|&i| (listed[i].paid_on, i));
    for i in order {
        let l = &listed[i];
        let best = (0..kept.len())
            .filter(|&k| {
                // A ledger payment just outside the window may still be the
                // one a payment on the window's edge stands for.
                !taken[k]
                    && kept[k].status.went_through()
                    && kept[k].amount == l.amount
                    && near(kept[k].paid_on, l.paid_on)
            })
            .min_by_key(|&k| ((kept[k].paid_on - l.paid_on).num_days().abs(), kept[k].paid_on, kept[k].id));
        if let Some(k) = best {
            pair_of[i] = Some(k);
            taken[k] = true;
        }
    }
    let mut found: Vec<Outcome> = listed
        .iter()
        .zip(&pair_of)
        .enumerate()
        .map(|(i, (l, pair))| match pair {
            Some(k) => {
                let problems = disagreements(l, &kept[*k], near(l.paid_on, kept[*k].paid_on));
                let finding = if problems.is_empty() { Finding::Agrees } else { Finding::Differs };
                Outcome { listed: Some(i), kept: Some(*k), finding, problems }
            }
            None => Outcome {
                listed: Some(i),
                kept: None,
                finding: Finding::MissingFromLedger,
                problems: vec!["the ledger has no such payment".into()],
            },
        })
        .collect();
    found.extend((0..kept.len()).filter(|&k| !taken[k] && expected(&kept[k])).map(|k| Outcome {
        listed: None,
        kept: Some(k),
        finding: Finding::MissingFromStatement,
        problems: vec!["the exchange does not list this payment".into()],
    }));
    found
}

fn disagreements(l: &Listed, k: &Kept, near: bool) -> Vec<String> {
    let mut problems = Vec::new();
    if !k.status.went_through() {
        problems.push(format!("the ledger has it {}", k.status));
    }
    if l.amount != k.amount {
        problems.push(format!("amount: {} listed, {} in the ledger", l.amount.dollars(), k.amount.dollars()));
    }
    if !near {
        problems.push(format!("date: {} listed, {} in the ledger", l.paid_on, k.paid_on));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn listed(on: &str, cents: i64, confirmation: &str) -> Listed {
        Listed { paid_on: d(on), amount: Money::from_cents(cents), confirmation: confirmation.into() }
    }

    fn kept(id: i64, on: &str, cents: i64, status: PaymentStatus, reference: &str) -> Kept {
        let references = if reference.is_empty() { vec![] } else { vec![reference.to_string()] };
        Kept { id, paid_on: d(on), amount: Money::from_cents(cents), status, references }
    }

    fn findings(found: &[Outcome]) -> Vec<(Option<usize>, Option<usize>, Finding)> {
        found.iter().map(|o| (o.listed, o.kept, o.finding)).collect()
    }

    const YEAR: (&str, &str) = ("2027-01-01", "2027-12-31");

    fn run(listed: &[Listed], kept: &[Kept]) -> Vec<Outcome> {
        reconcile(listed, kept, (d(YEAR.0), d(YEAR.1)), 3)
    }

    #[test]
    fn a_confirmation_pairs_first_whatever_the_date_and_then_an_amount_within_days() {
        use PaymentStatus::Succeeded;
        let statement = [listed("2027-01-20", 20_000, "EX-1"), listed("2027-02-21", 20_000, "EX-2")];
        // The ledger's second payment was recorded with the exchange's number; the first by amount, 3 days off.
        let ledger = [kept(1, "2027-01-23", 20_000, Succeeded, ""), kept(2, "2027-02-10", 20_000, Succeeded, "EX-2")];
        let found = run(&statement, &ledger);
        assert_eq!(findings(&found), [(Some(0), Some(0), Finding::Agrees), (Some(1), Some(1), Finding::Differs)]);
        assert_eq!(found[1].problems, ["date: 2027-02-21 listed, 2027-02-10 in the ledger"]);
    }

    #[test]
    fn what_either_side_lacks_is_missing_and_a_ledger_payment_that_failed_is_not_expected() {
        use PaymentStatus::{Failed, Succeeded, Void};
        let statement = [listed("2027-03-20", 20_000, "EX-3"), listed("2027-04-20", 15_000, "EX-4")];
        let ledger = [
            kept(1, "2027-03-16", 20_000, Succeeded, ""),   // four days off: no pair
            kept(2, "2027-04-20", 15_000, Failed, ""),      // failed: never expected
            kept(3, "2027-05-20", 15_000, Succeeded, "C9"), // the exchange lost it
            kept(4, "2027-05-21", 15_000, Void, "EX-5"),
            kept(5, "2026-12-20", 15_000, Succeeded, ""), // before the window
        ];
        let found = run(&statement, &ledger);
        assert_eq!(
            findings(&found),
            [
                (Some(0), None, Finding::MissingFromLedger),
                (Some(1), None, Finding::MissingFromLedger),
                (None, Some(0), Finding::MissingFromStatement),
                (None, Some(2), Finding::MissingFromStatement),
            ]
        );
    }

    #[test]
    fn a_quoted_confirmation_of_a_voided_payment_differs_and_says_why() {
        let statement = [listed("2027-05-21", 15_500, "EX-5")];
        let ledger = [kept(4, "2027-05-21", 15_000, PaymentStatus::Void, "EX-5")];
        let found = run(&statement, &ledger);
        assert_eq!(found[0].finding, Finding::Differs);
        assert_eq!(found[0].problems, ["the ledger has it void", "amount: $155.00 listed, $150.00 in the ledger"]);
    }

    #[test]
    fn the_same_amount_twice_pairs_each_with_its_nearest_date() {
        use PaymentStatus::Succeeded;
        let statement = [listed("2027-06-22", 100, "A"), listed("2027-06-20", 100, "B")];
        let ledger = [kept(1, "2027-06-22", 100, Succeeded, ""), kept(2, "2027-06-20", 100, Succeeded, "")];
        let found = run(&statement, &ledger);
        assert_eq!(findings(&found), [(Some(0), Some(0), Finding::Agrees), (Some(1), Some(1), Finding::Agrees)]);
    }
}
