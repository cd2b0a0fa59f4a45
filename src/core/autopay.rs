//! Autopay's rules (DESIGN §3, §6, §7): which day a coverage month is
//! drafted, how much, and when a declined draft is tried again. Plain data
//! in, plain data out; the scheduler (`ops::scheduler`) acts on the answers.

use chrono::{Days, NaiveDate};

use super::coverage::{BillState, PaymentFacts, Snapshot};
use super::dates::{add_days, Month};
use super::money::Money;

/// What autopay drafts (`--amount`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountMode {
    /// Every issued bill still open, after credit: never more.
    Due,
    /// The drafted month's member share (less what is already paid of it).
    Premium,
    /// This amount, whatever the bill (the member's choice).
    Fixed(Money),
}

impl AmountMode {
    /// `due`, `premium` or an amount above zero.
    pub fn parse(text: &str) -> Result<AmountMode, String> {
        match text.trim() {
            "due" => Ok(AmountMode::Due),
            "premium" => Ok(AmountMode::Premium),
            other => Money::parse_payment(other)
                .map(AmountMode::Fixed)
                .map_err(|e| format!("{e} (expected `due`, `premium` or an amount)")),
        }
    }

    /// The name stored in the ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            AmountMode::Due => "due",
            AmountMode::Premium => "premium",
            AmountMode::Fixed(_) => "fixed",
        }
    }

    pub fn fixed(self) -> Option<Money> {
        match self {
            AmountMode::Fixed(amount) => Some(amount),
            AmountMode::Due | AmountMode::Premium => None,
        }
    }

    /// How a person reads it: "what is due", "$100.00".
    pub fn describe(self) -> String {
        match self {
            AmountMode::Due => "what is due".into(),
            AmountMode::Premium => "the month's premium".into(),
            AmountMode::Fixed(amount) => amount.dollars(),
        }
    }
}

/// An account's autopay, as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The day of month M-1 on which month M is drafted.
    pub draft_day: u32,
    pub amount: AmountMode,
    /// The first coverage month autopay pays.
    pub start: Month,
    /// No draft before this day.
    pub first_draft_on: NaiveDate,
}

/// The regular draft date of coverage month `month`: the draft day of the month before.
pub fn regular_draft_date(draft_day: u32, month: Month) -> NaiveDate {
    month.prev().day(draft_day)
}

/// The first draft of autopay enabled on `today` for months from `start`:
/// on `start`'s draft day, or the next day when that day has come (cron
/// may already have run today: a draft day that is today is never promised).
pub fn first_draft_on(draft_day: u32, start: Month, today: NaiveDate) -> NaiveDate {
    let regular = regular_draft_date(draft_day, start);
    if regular <= today {
        today + Days::new(1)
    } else {
        regular
    }
}

impl Schedule {
    /// The day `month` is drafted: none before the start month.
    pub fn draft_date(&self, month: Month) -> Option<NaiveDate> {
        (month >= self.start).then(|| regular_draft_date(self.draft_day, month).max(self.first_draft_on))
    }

    /// The first draft taken after `day` (drafts come monthly, so one does).
    pub fn first_draft_after(&self, day: NaiveDate) -> NaiveDate {
        let mut month = self.start.max(Month::of(day));
        loop {
            let on = regular_draft_date(self.draft_day, month).max(self.first_draft_on);
            if on > day {
                return on;
            }
            month = month.next();
        }
    }

    /// The coverage months drafted on `day`, oldest first: the month after
    /// on its draft day, and on the first draft day every month from the
    /// start whose own day had passed.
    pub fn months_drafted_on(&self, day: NaiveDate) -> Vec<Month> {
        let last = Month::of(day).next();
        let first = if day == self.first_draft_on { self.start } else { last };
        let mut months = Vec::new();
        let mut month = first.max(self.start);
        while month <= last {
            if self.draft_date(month) == Some(day) {
                months.push(month);
            }
            month = month.next();
        }
        months
    }
}

/// The month autopay starts from by default: the oldest with a bill open
/// (issued or not yet, money in flight counted as paid), else next month.
pub fn default_start(snap: &Snapshot, today: NaiveDate) -> Month {
    snap.bills
        .iter()
        .chain(&snap.upcoming)
        .filter(|b| b.state != BillState::Void && b.open.is_positive())
        .map(|b| b.month)
        .min()
        .unwrap_or_else(|| Month::of(today).next())
}

/// Why a draft charges nothing on its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// No bill for the month (not enrolled, ended, not issued).
    NotBilled,
    /// The month's bills are void (coverage ended for non-payment).
    Void,
    /// Paid already: by an earlier draft, a one-time payment or credit.
    Covered,
}

impl Skip {
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::NotBilled => "no bill for the month",
            Skip::Void => "the month's bills are void",
            Skip::Covered => "already paid",
        }
    }
}

/// What the draft for `month` charges, with the account as it stands on the
/// draft day (money in flight counted as paid). A month whose bills are
/// paid, void or covered is never charged.
pub fn draft_amount(mode: AmountMode, month: Month, snap: &Snapshot) -> Result<Money, Skip> {
    let bills: Vec<_> = snap.bills.iter().filter(|b| b.month == month).collect();
    if bills.is_empty() {
        return Err(Skip::NotBilled);
    }
    if bills.iter().all(|b| b.state == BillState::Void) {
        return Err(Skip::Void);
    }
    let open: Money = bills.iter().map(|b| b.open).sum();
    if open.is_zero() {
        return Err(Skip::Covered);
    }
    Ok(match mode {
        AmountMode::Due => snap.amount_due,
        AmountMode::Premium => open,
        AmountMode::Fixed(amount) => amount,
    })
}

/// A declined draft's class (DESIGN §7 Retries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decline {
    /// Retried on the retry days.
    Soft,
    /// Never retried on the same method, only alerted.
    Hard,
}

/// Soft: insufficient funds, a plain card decline, an R01 return. Anything
/// else (a closed account, no account, an expired card, a code this version
/// does not know) is hard: charging again will not help.
pub fn decline(code: &str) -> Decline {
    match code {
        "insufficient_funds" | "card_declined" | "R01" => Decline::Soft,
        _ => Decline::Hard,
    }
}

/// The next retry of a draft that failed on `after`: the first retry day
/// (counted from the first failure, or the return) from the `used`-th on
/// that falls after it. Gives its date and how many retry days come before
/// it (a return late in the cycle can skip a day that has passed).
pub fn next_retry(
    first_failed: NaiveDate,
    used: u32,
    retry_days: &[u32],
    after: NaiveDate,
) -> Option<(NaiveDate, u32)> {
    retry_days
        .iter()
        .enumerate()
        .skip(used as usize)
        .map(|(i, &days)| (add_days(first_failed, days), i as u32))
        .find(|(on, _)| *on > after)
}

/// The methods of one draft, and those it may no longer charge (hard
/// declined in this draft, or not usable: unverified, expired, removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Methods {
    pub primary: i64,
    pub fallback: Option<i64>,
    pub barred: Vec<i64>,
}

impl Methods {
    fn open(&self, id: i64) -> bool {
        !self.barred.contains(&id)
    }

    /// The method a new try charges: the primary, else the fallback.
    pub fn next_try(&self) -> Option<i64> {
        std::iter::once(self.primary).chain(self.fallback).find(|&m| self.open(m))
    }

    /// After `failed` declined: the fallback, charged at once in the same
    /// run, unless the fallback itself is what failed.
    pub fn fallback_after(&self, failed: i64) -> Option<i64> {
        self.fallback.filter(|&f| f != failed && self.open(f))
    }
}

/// Payments as known now, seen from an earlier day of a catch-up: money
/// that came since counts as already there (a one-time payment made
/// meanwhile is never charged again), money returned or refunded since no
/// longer counts.
pub fn as_known_on(facts: &mut [PaymentFacts], day: NaiveDate) {
    for f in facts {
        f.paid_on = f.paid_on.min(day);
        f.reversed_on = f.reversed_on.map(|r| r.min(day));
        for refund in &mut f.refunds {
            refund.0 = refund.0.min(day);
        }
    }
}

/// Where a coverage month's draft stands, for the projection below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafted {
    NotYet,
    /// A try failed; the next is due on this day.
    RetryOn(NaiveDate),
    /// Paid, given up, skipped, or being sent.
    Done,
}

/// A draft ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDraft {
    pub date: NaiveDate,
    pub month: Month,
    pub amount: Money,
}

/// The drafts ahead as the account stands (money in flight counted as
/// paid), soonest first: every month the snapshot bills or plans from the
/// start on that is not drafted yet, on its draft day, or a retry on its
/// day. Each assumes the ones before it go through.
pub fn upcoming(schedule: &Schedule, snap: &Snapshot, drafted: impl Fn(Month) -> Drafted) -> Vec<PlannedDraft> {
    let bills: Vec<_> = snap.bills.iter().chain(&snap.upcoming).filter(|b| b.state != BillState::Void).collect();
    let mut months: Vec<Month> = bills.iter().map(|b| b.month).filter(|&m| m >= schedule.start).collect();
    months.sort_unstable();
    months.dedup();
    let mut planned = Vec::new();
    // `due` drafts every bill issued by its day, less earlier drafts.
    let mut before = Money::ZERO;
    for month in months {
        let date = match drafted(month) {
            Drafted::Done => continue,
            Drafted::RetryOn(date) => date,
            Drafted::NotYet => schedule.draft_date(month).expect("a month from the start on"),
        };
        let issued_by: Money = bills.iter().filter(|b| b.statement_date <= date).map(|b| b.open).sum();
        let open: Money = bills.iter().filter(|b| b.month == month).map(|b| b.open).sum();
        if open.is_zero() {
            continue;
        }
        let amount = match schedule.amount {
            AmountMode::Due => issued_by.saturating_sub(before),
            AmountMode::Premium => open,
            AmountMode::Fixed(amount) => amount,
        };
        before += amount;
        if amount.is_positive() {
            planned.push(PlannedDraft { date, month, amount });
        }
    }
    planned.sort_by_key(|p| (p.date, p.month));
    planned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::billing::{Line, Program, RatePeriod};
    use crate::core::coverage::evaluate;
    use crate::core::policy::Policy;
    use crate::core::testing::{d, m, paid, priced};

    fn c(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn schedule(start: &str, first: &str) -> Schedule {
        Schedule { draft_day: 22, amount: AmountMode::Due, start: m(start), first_draft_on: d(first) }
    }

    #[test]
    fn amount_modes_parse() {
        assert_eq!(AmountMode::parse(" due "), Ok(AmountMode::Due));
        assert_eq!(AmountMode::parse("premium"), Ok(AmountMode::Premium));
        assert_eq!(AmountMode::parse("$1,202.50"), Ok(AmountMode::Fixed(c(120_250))));
        assert!(AmountMode::parse("0").is_err());
        assert!(AmountMode::parse("all").unwrap_err().contains("`due`, `premium` or an amount"));
        assert_eq!(AmountMode::Fixed(c(5)).as_str(), "fixed");
    }

    #[test]
    fn a_month_is_drafted_on_the_draft_day_of_the_month_before() {
        assert_eq!(regular_draft_date(22, m("2027-02")), d("2027-01-22"));
        assert_eq!(regular_draft_date(22, m("2027-01")), d("2026-12-22"));
        let s = schedule("2027-02", "2027-01-22");
        assert_eq!(s.draft_date(m("2027-01")), None, "before the start month");
        assert_eq!(s.draft_date(m("2027-02")), Some(d("2027-01-22")));
        assert_eq!(s.draft_date(m("2027-03")), Some(d("2027-02-22")));
        // The day before, of and after the draft day.
        assert_eq!(s.months_drafted_on(d("2027-02-21")), vec![]);
        assert_eq!(s.months_drafted_on(d("2027-02-22")), vec![m("2027-03")]);
        assert_eq!(s.months_drafted_on(d("2027-02-23")), vec![]);
    }

    #[test]
    fn enabled_after_the_draft_day_the_first_draft_is_the_next_day() {
        let feb = m("2027-02");
        assert_eq!(first_draft_on(22, feb, d("2027-01-21")), d("2027-01-22"), "the day before");
        // On the draft day itself the day's run may be over: the next day.
        assert_eq!(first_draft_on(22, feb, d("2027-01-22")), d("2027-01-23"), "the day itself");
        assert_eq!(first_draft_on(22, feb, d("2027-01-23")), d("2027-01-24"), "the day after");
        assert_eq!(first_draft_on(22, feb, d("2027-01-31")), d("2027-02-01"));
        // Late: February's draft moves to the next day, March's stays on its day.
        let s = schedule("2027-02", "2027-01-24");
        assert_eq!(s.draft_date(feb), Some(d("2027-01-24")));
        assert_eq!(s.months_drafted_on(d("2027-01-22")), vec![]);
        assert_eq!(s.months_drafted_on(d("2027-01-24")), vec![feb]);
        assert_eq!(s.months_drafted_on(d("2027-02-22")), vec![m("2027-03")]);
    }

    #[test]
    fn a_start_months_back_drafts_every_month_since_on_the_first_day() {
        let s = schedule("2026-12", "2027-01-24");
        assert_eq!(s.months_drafted_on(d("2027-01-24")), vec![m("2026-12"), m("2027-01"), m("2027-02")]);
        assert_eq!(s.months_drafted_on(d("2027-01-22")), vec![]);
    }

    #[test]
    fn retries_count_from_the_first_failure() {
        let days = [3, 7];
        let first = d("2027-01-22");
        assert_eq!(next_retry(first, 0, &days, first), Some((d("2027-01-25"), 0)));
        assert_eq!(next_retry(first, 1, &days, d("2027-01-25")), Some((d("2027-01-29"), 1)));
        assert_eq!(next_retry(first, 2, &days, d("2027-01-29")), None);
        assert_eq!(
            next_retry(d("2027-01-30"), 0, &days, d("2027-01-30")),
            Some((d("2027-02-02"), 0)),
            "across a month"
        );
        assert_eq!(next_retry(first, 0, &[], first), None);
        // A return on the 26th: the 25th has passed, the 29th is next; on
        // the 29th itself, none is left (never twice in a day).
        assert_eq!(next_retry(first, 0, &days, d("2027-01-26")), Some((d("2027-01-29"), 1)));
        assert_eq!(next_retry(first, 0, &days, d("2027-01-28")), Some((d("2027-01-29"), 1)), "the day before");
        assert_eq!(next_retry(first, 0, &days, d("2027-01-29")), None, "the day of");
    }

    #[test]
    fn soft_declines_are_retried_and_hard_ones_are_not() {
        for soft in ["insufficient_funds", "card_declined", "R01"] {
            assert_eq!(decline(soft), Decline::Soft, "{soft}");
        }
        for hard in ["account_closed", "no_account", "expired_card", "refused", "stolen_card"] {
            assert_eq!(decline(hard), Decline::Hard, "{hard}");
        }
    }

    #[test]
    fn the_fallback_is_charged_at_once_unless_it_is_what_failed_or_is_barred() {
        let both = Methods { primary: 1, fallback: Some(2), barred: vec![] };
        assert_eq!(both.next_try(), Some(1));
        assert_eq!(both.fallback_after(1), Some(2));
        assert_eq!(both.fallback_after(2), None);
        let primary_hard = Methods { barred: vec![1], ..both.clone() };
        assert_eq!(primary_hard.next_try(), Some(2));
        let both_hard = Methods { barred: vec![1, 2], ..both.clone() };
        assert_eq!(both_hard.next_try(), None);
        assert_eq!(both_hard.fallback_after(1), None);
        let alone = Methods { primary: 1, fallback: None, barred: vec![] };
        assert_eq!(alone.fallback_after(1), None);
    }

    // ----- amounts, over a real replay -----

    /// Health $202.00 (612 less 410 APTC) and dental $30.00 from 2027-01.
    fn periods() -> Vec<RatePeriod> {
        vec![
            priced(1, Line::Health, "2027-01", 61_200, 41_000, Program::Aptc),
            priced(2, Line::Dental, "2027-01", 3_000, 0, Program::Unsubsidized),
        ]
    }

    /// January (the binder) paid; as of `on`.
    fn snap(on: &str, extra: &[PaymentFacts]) -> Snapshot {
        let mut facts = vec![paid(1, "2026-12-01", 23_200)];
        facts.extend_from_slice(extra);
        evaluate(&periods(), &facts, &Policy::default(), d(on))
    }

    #[test]
    fn due_drafts_every_open_bill_after_credit_and_never_more() {
        let feb = m("2027-02");
        // February's bill is issued 2027-01-10 and open.
        assert_eq!(draft_amount(AmountMode::Due, feb, &snap("2027-01-22", &[])), Ok(c(23_200)));
        // $50.00 of credit toward it: the rest.
        assert_eq!(
            draft_amount(AmountMode::Due, feb, &snap("2027-01-22", &[paid(2, "2027-01-15", 5_000)])),
            Ok(c(18_200))
        );
        // An older month still open is drafted with it.
        let march = m("2027-03");
        assert_eq!(draft_amount(AmountMode::Due, march, &snap("2027-02-22", &[])), Ok(c(46_400)));
        assert_eq!(draft_amount(AmountMode::Premium, march, &snap("2027-02-22", &[])), Ok(c(23_200)));
        assert_eq!(draft_amount(AmountMode::Fixed(c(25_000)), march, &snap("2027-02-22", &[])), Ok(c(25_000)));
    }

    #[test]
    fn a_paid_covered_or_unbilled_month_is_never_drafted() {
        let feb = m("2027-02");
        let covered = snap("2027-01-22", &[paid(2, "2027-01-20", 23_200)]);
        for mode in [AmountMode::Due, AmountMode::Premium, AmountMode::Fixed(c(100))] {
            assert_eq!(draft_amount(mode, feb, &covered), Err(Skip::Covered));
        }
        // Not issued yet (the day before its statement day), or not enrolled.
        assert_eq!(draft_amount(AmountMode::Due, m("2027-03"), &snap("2027-02-09", &[])), Err(Skip::NotBilled));
        assert_eq!(draft_amount(AmountMode::Due, m("2026-12"), &snap("2027-01-22", &[])), Err(Skip::NotBilled));
    }

    #[test]
    fn void_months_are_never_drafted() {
        // Nothing paid after January: dental (1 month of grace) ends, then
        // health (3 months, deadline April 23). May was issued before that
        // and is void; June is never issued.
        let s = snap("2027-05-25", &[]);
        assert_eq!(draft_amount(AmountMode::Due, m("2027-06"), &s), Err(Skip::NotBilled));
        let may: Vec<_> = s.bills.iter().filter(|b| b.month == m("2027-05")).map(|b| b.state).collect();
        assert!(!may.is_empty() && may.iter().all(|st| *st == BillState::Void), "{may:?}");
        assert_eq!(draft_amount(AmountMode::Due, m("2027-05"), &s), Err(Skip::Void));
    }

    #[test]
    fn the_default_start_is_the_oldest_open_month() {
        assert_eq!(default_start(&snap("2027-01-05", &[]), d("2027-01-05")), m("2027-02"));
        assert_eq!(default_start(&snap("2027-02-25", &[]), d("2027-02-25")), m("2027-02"), "February past due");
        let ahead = snap("2027-01-05", &[paid(2, "2027-01-04", 23_200)]);
        assert_eq!(default_start(&ahead, d("2027-01-05")), m("2027-03"), "February paid ahead");
    }

    #[test]
    fn money_that_came_later_counts_on_an_earlier_day_and_money_returned_since_does_not() {
        let mut facts = vec![
            paid(1, "2027-01-25", 100),
            PaymentFacts { reversed_on: Some(d("2027-01-26")), ..paid(2, "2027-01-10", 200) },
        ];
        as_known_on(&mut facts, d("2027-01-22"));
        assert_eq!(facts[0].amount_at(d("2027-01-22")), c(100));
        assert_eq!(facts[1].amount_at(d("2027-01-22")), Money::ZERO);
    }

    #[test]
    fn upcoming_drafts_assume_the_ones_before_go_through() {
        let s = snap("2027-01-15", &[]);
        let schedule = schedule("2027-02", "2027-01-22");
        let planned = upcoming(&schedule, &s, |_| Drafted::NotYet);
        let first: Vec<_> = planned.iter().take(3).map(|p| (p.date, p.month, p.amount)).collect();
        assert_eq!(
            first,
            vec![
                (d("2027-01-22"), m("2027-02"), c(23_200)),
                (d("2027-02-22"), m("2027-03"), c(23_200)),
                (d("2027-03-22"), m("2027-04"), c(23_200)),
            ]
        );
        // February drafted and declined, retried on the 25th: it comes first and March follows.
        let retry = upcoming(&schedule, &s, |month| {
            if month == m("2027-02") {
                Drafted::RetryOn(d("2027-01-25"))
            } else {
                Drafted::NotYet
            }
        });
        assert_eq!((retry[0].date, retry[0].month), (d("2027-01-25"), m("2027-02")));
        // Done months are not shown.
        let done = upcoming(&schedule, &s, |month| if month == m("2027-02") { Drafted::Done } else { Drafted::NotYet });
        assert_eq!(done[0].month, m("2027-03"));
    }
}
