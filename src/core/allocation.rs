//! Allocation: money goes to bills oldest first; what is left over is credit.

use super::billing::Line;
use super::dates::Month;
use super::money::Money;

/// A bill as allocation sees it. Slots must be ordered oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub line: Line,
    pub month: Month,
    pub amount: Money,
}

/// Money available to allocate: one payment's amount as it stands.
/// A payment for one line fills that line's bills first; the rest is credit
/// like any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Funds {
    pub payment_id: i64,
    pub amount: Money,
    pub line: Option<Line>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    pub payment_id: i64,
    pub slot: usize,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fill {
    /// What each slot received, index for index.
    pub paid: Vec<Money>,
    pub credit: Money,
    pub allocations: Vec<Allocation>,
}

impl Fill {
    pub fn open(&self, slots: &[Slot], index: usize) -> Money {
        slots[index].amount - self.paid[index]
    }
}

/// Allocates `funds` in order over `slots` (oldest first).
pub fn allocate(slots: &[Slot], funds: &[Funds]) -> Fill {
    let mut fill = Fill::default();
    allocate_into(slots, funds, &mut fill);
    fill
}

/// `allocate`, into `fill`'s buffers (what it held before is replaced): the
/// replay allocates again on many days and need not allocate memory each time.
pub fn allocate_into(slots: &[Slot], funds: &[Funds], fill: &mut Fill) {
    debug_assert!(slots.windows(2).all(|w| (w[0].month, w[0].line) <= (w[1].month, w[1].line)));
    let Fill { paid, credit, allocations } = fill;
    paid.clear();
    paid.resize(slots.len(), Money::ZERO);
    allocations.clear();
    *credit = Money::ZERO;
    // Every slot before the cursor is fully paid.
    let mut cursor = 0;
    for fund in funds {
        let mut left = fund.amount.max(Money::ZERO);
        let mut take = |i: usize, left: &mut Money, paid: &mut Vec<Money>| {
            let share = (slots[i].amount - paid[i]).min(*left);
            if share.is_positive() {
                paid[i] += share;
                *left -= share;
                allocations.push(Allocation { payment_id: fund.payment_id, slot: i, amount: share });
            }
        };
        if let Some(line) = fund.line {
            for i in (cursor..slots.len()).filter(|&i| slots[i].line == line) {
                if left.is_zero() {
                    break;
                }
                take(i, &mut left, paid);
            }
        }
        while left.is_positive() && cursor < slots.len() {
            take(cursor, &mut left, paid);
            if paid[cursor] >= slots[cursor].amount {
                cursor += 1;
            }
        }
        *credit += left;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slot(line: Line, month: i32, cents: i64) -> Slot {
        Slot { line, month: Month::from_index(month), amount: Money::from_cents(cents) }
    }

    fn funds(id: i64, cents: i64, line: Option<Line>) -> Funds {
        Funds { payment_id: id, amount: Money::from_cents(cents), line }
    }

    #[test]
    fn oldest_bill_first_then_credit() {
        let slots = [slot(Line::Health, 1, 100), slot(Line::Dental, 1, 50), slot(Line::Health, 2, 100)];
        let fill = allocate(&slots, &[funds(1, 120, None), funds(2, 200, None)]);
        assert_eq!(fill.paid, vec![Money::from_cents(100), Money::from_cents(50), Money::from_cents(100)]);
        assert_eq!(fill.credit, Money::from_cents(70));
        assert_eq!(fill.allocations.len(), 4);
    }

    #[test]
    fn a_line_payment_fills_its_line_first() {
        let slots = [slot(Line::Health, 1, 100), slot(Line::Dental, 1, 50)];
        let fill = allocate(&slots, &[funds(1, 60, Some(Line::Dental))]);
        assert_eq!(fill.paid, vec![Money::from_cents(10), Money::from_cents(50)]);
        assert_eq!(fill.credit, Money::ZERO);
    }

    fn arb_slots() -> impl Strategy<Value = Vec<Slot>> {
        prop::collection::vec((any::<bool>(), 0i64..50_000), 0..24).prop_map(|raw| {
            let mut slots: Vec<Slot> = raw
                .into_iter()
                .enumerate()
                .map(|(i, (dental, cents))| {
                    slot(if dental { Line::Dental } else { Line::Health }, (i / 2) as i32, cents)
                })
                .collect();
            slots.sort_by_key(|s| (s.month, s.line));
            slots.dedup_by_key(|s| (s.month, s.line));
            slots
        })
    }

    fn arb_funds(restricted: bool) -> impl Strategy<Value = Vec<Funds>> {
        prop::collection::vec((0i64..80_000, 0u8..3), 0..12).prop_map(move |raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (cents, l))| {
                    let line = match (restricted, l) {
                        (true, 1) => Some(Line::Health),
                        (true, 2) => Some(Line::Dental),
                        _ => None,
                    };
                    funds(i as i64, cents, line)
                })
                .collect()
        })
    }

    /// The rule as plainly as it can be said, slot by slot from the oldest
    /// for every fund (paid slots take nothing): what `allocate` must match.
    fn reference(slots: &[Slot], funds: &[Funds]) -> Fill {
        let mut fill = Fill { paid: vec![Money::ZERO; slots.len()], ..Fill::default() };
        for fund in funds {
            let mut left = fund.amount.max(Money::ZERO);
            let first = (0..slots.len()).filter(|&i| fund.line.is_some_and(|line| slots[i].line == line));
            for i in first.chain(0..slots.len()) {
                let share = (slots[i].amount - fill.paid[i]).min(left);
                if share.is_positive() {
                    fill.paid[i] += share;
                    left -= share;
                    fill.allocations.push(Allocation { payment_id: fund.payment_id, slot: i, amount: share });
                }
            }
            fill.credit += left;
        }
        fill
    }

    proptest! {
        /// Into a fill left over from other slots and funds, as the replay does.
        #[test]
        fn allocating_into_a_used_fill_matches_the_plain_rule(
            slots in arb_slots(),
            funds in arb_funds(true),
            before in (arb_slots(), arb_funds(true)),
        ) {
            let mut fill = allocate(&before.0, &before.1);
            allocate_into(&slots, &funds, &mut fill);
            prop_assert_eq!(&fill, &reference(&slots, &funds));
            prop_assert_eq!(allocate(&slots, &funds), fill);
        }

        #[test]
        fn money_in_equals_money_allocated_plus_credit(slots in arb_slots(), funds in arb_funds(true)) {
            let fill = allocate(&slots, &funds);
            let money_in: Money = funds.iter().map(|f| f.amount).sum();
            let allocated: Money = fill.paid.iter().copied().sum();
            prop_assert_eq!(money_in, allocated + fill.credit);
            let by_allocation: Money = fill.allocations.iter().map(|a| a.amount).sum();
            prop_assert_eq!(by_allocation, allocated);
            for (i, s) in slots.iter().enumerate() {
                prop_assert!(fill.paid[i] >= Money::ZERO, "negative paid");
                prop_assert!(fill.open(&slots, i) >= Money::ZERO, "negative open amount");
                prop_assert!(fill.paid[i] <= s.amount);
            }
            // Credit only remains when every bill is paid.
            if fill.credit.is_positive() {
                prop_assert!((0..slots.len()).all(|i| fill.open(&slots, i).is_zero()));
            }
        }

        #[test]
        fn unrestricted_money_pays_oldest_first(slots in arb_slots(), funds in arb_funds(false)) {
            let fill = allocate(&slots, &funds);
            // Paid slots form a prefix: no bill is paid while an older one stays open.
            let first_open = (0..slots.len()).find(|&i| fill.open(&slots, i).is_positive());
            if let Some(first_open) = first_open {
                for i in first_open + 1..slots.len() {
                    prop_assert!(fill.paid[i].is_zero(), "slot {} paid while {} open", i, first_open);
                }
            }
        }
    }
}
