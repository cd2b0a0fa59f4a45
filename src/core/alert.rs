//! Alerts (DESIGN §7): their kinds, and the ones an account's coverage
//! calls for on a day. Each is raised once per cause: the cause is a key
//! that names what happened (`past_due:smith:2027-02`), unique in the ledger.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use super::autopay::{AmountMode, Schedule};
use super::billing::{plan_bills, Line, RatePeriod};
use super::coverage::{BillState, CoverageState, GapRisk, LineStatus, Snapshot};
use super::dates::Month;
use super::method::Expiry;
use super::money::Money;
use super::policy::Policy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AlertKind {
    DueSoon,
    PremiumChanged,
    AutopayScheduled,
    AutopayEnabled,
    AutopayDisabled,
    PaymentSucceeded,
    PaymentFailed,
    PaymentReturned,
    PastDue,
    GraceStarted,
    GraceEnding,
    CoverageTerminated,
    GapRisk,
    MethodExpiring,
    MethodChanged,
    RenewalReview,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// An alert to raise: raising one whose cause is already in the ledger does nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAlert {
    pub kind: AlertKind,
    pub cause: String,
    pub message: String,
}

impl NewAlert {
    /// An alert whose cause is its kind followed by `parts`, joined by `:`.
    pub fn new(kind: AlertKind, parts: &[&dyn std::fmt::Display], message: String) -> NewAlert {
        use std::fmt::Write;
        let mut cause = String::with_capacity(64);
        cause.push_str(kind.as_str());
        for part in parts {
            write!(cause, ":{part}").expect("a String takes any text");
        }
        NewAlert { kind, cause, message }
    }
}

/// The exact command that does something for `account`: the account flag
/// is always given, so it is right whatever else the ledger holds.
pub fn command(account: &str, args: &str) -> String {
    format!("hcpay --account {account} {args}")
}

/// `pay AMOUNT` for `account`, the fix most alerts name.
fn pay(account: &str, amount: Money) -> String {
    command(account, &format!("pay {amount}"))
}

/// What the coverage of `account` calls for as of `snap.as_of`: a bill
/// unpaid after its due date, a line that entered grace, a line terminated,
/// a lapse longer than the mandate allows (`gap_months`).
pub fn coverage_alerts(account: &str, snap: &Snapshot, gap_months: u32) -> Vec<NewAlert> {
    let mut alerts = Vec::new();
    let mut months: Vec<Month> = snap
        .bills
        .iter()
        .filter(|b| b.state != BillState::Void && b.open.is_positive() && b.due_date < snap.as_of)
        .map(|b| b.month)
        .collect();
    months.dedup();
    for month in months {
        let bills = snap.bills.iter().filter(|b| b.month == month && b.state != BillState::Void);
        let (open, due) = bills.fold((Money::ZERO, None), |(open, _), b| (open + b.open, Some(b.due_date)));
        let due = due.expect("a month with an open bill");
        alerts.push(NewAlert::new(
            AlertKind::PastDue,
            &[&account, &month],
            format!(
                "{account}: {} for {month} was due {due} and is unpaid; pay it now: {}",
                open.dollars(),
                pay(account, open)
            ),
        ));
    }
    for line in &snap.lines {
        match line.state {
            CoverageState::Grace => {
                let deadline = line.grace_deadline.expect("a line in grace has a deadline");
                let cure = line.cure_amount.unwrap_or_default();
                alerts.push(NewAlert::new(
                    AlertKind::GraceStarted,
                    &[&account, &line.line, &deadline],
                    format!(
                        "{account}: {} coverage is in its grace period: pay {} by {deadline} or it ends on {}: {}",
                        line.line,
                        cure.dollars(),
                        line.terminates_on.map_or_else(|| "-".into(), |d| d.to_string()),
                        pay(account, cure)
                    ),
                ));
            }
            CoverageState::Terminated => {
                let on = line.terminates_on.expect("a terminated line has its date");
                let next = match (line.reinstate_by, line.reinstate_amount) {
                    (Some(by), Some(amount)) => format!(
                        "; to reinstate it with no gap, pay {} by {by}: {}",
                        amount.dollars(),
                        pay(account, amount)
                    ),
                    _ => format!(
                        "; the reinstatement window has closed: enroll again with the exchange and record it with `{}`",
                        command(account, &format!("plan set --line {} --from MONTH --premium AMOUNT", line.line))
                    ),
                };
                alerts.push(NewAlert::new(
                    AlertKind::CoverageTerminated,
                    &[&account, &line.line, &on],
                    format!("{account}: {} coverage was terminated for non-payment as of {on}{next}", line.line),
                ));
            }
            _ => {}
        }
    }
    if let Some(risk) = &snap.gap_risk {
        let restart = risk.from.plus(risk.months as i32);
        alerts.push(NewAlert::new(
            AlertKind::GapRisk,
            &[&account, &risk.line, &risk.from],
            format!(
                "{account}: {}; enroll again as soon as you can (open enrollment or a special enrollment period) and record it: {}",
                gap_warning(risk, gap_months),
                command(account, &format!("plan set --line {} --from {restart} --premium AMOUNT", risk.line))
            ),
        ));
    }
    alerts
}

/// How `status` and the `gap_risk` alert say a lapse is longer than the
/// mandate's gap of `gap_months`.
pub fn gap_warning(risk: &GapRisk, gap_months: u32) -> String {
    format!(
        "{} coverage lapses from {}: {} months without coverage before it could start again, more than the mandate's {gap_months}-month gap (a tax penalty risk)",
        risk.line, risk.from, risk.months
    )
}

/// `autopay_scheduled`: `month`'s bill of `share` is out, and autopay drafts
/// it (as `amount` says) from `method` on `draft_on`.
pub fn autopay_scheduled(
    account: &str,
    month: Month,
    share: Money,
    amount: AmountMode,
    method: &str,
    draft_on: NaiveDate,
) -> NewAlert {
    let what = match amount {
        AmountMode::Due => "what is due then".to_string(),
        AmountMode::Premium => share.dollars(),
        AmountMode::Fixed(amount) => amount.dollars(),
    };
    NewAlert::new(
        AlertKind::AutopayScheduled,
        &[&account, &month],
        format!(
            "{account}: the {month} bill of {} is out; autopay drafts {what} from {method} on {draft_on}, nothing for you to do (to see what is ahead: {})",
            share.dollars(),
            command(account, "autopay status")
        ),
    )
}

/// `premium_changed`: `month`'s bill of `share` is more than autopay's
/// fixed amount: the rest stays due after the draft on `draft_on`.
pub fn fixed_short(account: &str, month: Month, share: Money, fixed: Money, draft_on: NaiveDate) -> NewAlert {
    NewAlert::new(
        AlertKind::PremiumChanged,
        &[&account, &month],
        format!(
            "{account}: the {month} bill is {}, more than autopay's fixed amount of {}: {} stays due after the draft on {draft_on}; draft what is due instead: {}",
            share.dollars(),
            fixed.dollars(),
            (share - fixed).dollars(),
            command(account, "autopay enable --amount due")
        ),
    )
}

/// `premium_changed`: what the member pays a month changes from `month`.
pub fn premium_changed(account: &str, month: Month, before: Money, now: Money) -> NewAlert {
    NewAlert::new(
        AlertKind::PremiumChanged,
        &[&account, &month, &"rate"],
        format!(
            "{account}: the premium you pay changes from {} to {} a month from {month}; the rate periods: {}",
            before.dollars(),
            now.dollars(),
            command(account, "plan show")
        ),
    )
}

/// Why autopay will not pay a bill a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCovered {
    /// No autopay, or it is off.
    NoAutopay,
    /// Autopay drafts a fixed amount, less than the bill.
    FixedShort(Money),
    /// Autopay starts from a later month.
    StartsLater(Month),
}

impl NotCovered {
    /// Why autopay leaves a bill of `open` for `month` to the member, if it does:
    /// `autopay` is its amount and first month when it is on.
    pub fn of(autopay: Option<(AmountMode, Month)>, month: Month, open: Money) -> Option<NotCovered> {
        match autopay {
            None => Some(NotCovered::NoAutopay),
            Some((_, start)) if start > month => Some(NotCovered::StartsLater(start)),
            Some((AmountMode::Fixed(fixed), _)) if fixed < open => Some(NotCovered::FixedShort(fixed)),
            Some(_) => None,
        }
    }

    fn says(self) -> String {
        match self {
            NotCovered::NoAutopay => "autopay is off".into(),
            NotCovered::FixedShort(fixed) => format!("autopay drafts only {}", fixed.dollars()),
            NotCovered::StartsLater(start) => format!("autopay starts from {start}"),
        }
    }
}

/// A reminder, `days` before `due`, of `open` still owed for `month`.
pub fn due_soon(account: &str, month: Month, due: NaiveDate, days: u32, open: Money, why: NotCovered) -> NewAlert {
    let plural = if days == 1 { "" } else { "s" };
    NewAlert::new(
        AlertKind::DueSoon,
        &[&account, &month, &days],
        format!(
            "{account}: {} for {month} is due {due} (in {days} day{plural}) and {}: pay it by then: {}",
            open.dollars(),
            why.says(),
            pay(account, open)
        ),
    )
}

/// How many days before a grace deadline `grace_ending` is raised.
pub const GRACE_ENDING_DAYS: u32 = 7;

/// The grace of `line` ends on `deadline`: `cure` pays every bill due by then.
pub fn grace_ending(account: &str, line: &LineStatus) -> Option<NewAlert> {
    let (deadline, cure) = (line.grace_deadline?, line.cure_amount?);
    let ends = line.terminates_on.map_or_else(String::new, |d| format!(", or it ends retroactively on {d}"));
    Some(NewAlert::new(
        AlertKind::GraceEnding,
        &[&account, &line.line, &deadline],
        format!(
            "{account}: the grace period of {} coverage ends {deadline}: pay {} by {deadline} to keep coverage{ends}: {}",
            line.line,
            cure.dollars(),
            pay(account, cure)
        ),
    ))
}

/// The bill a reminder raised on `day`, `days` before its due date, is
/// about: its month and due date, when `day` is such a day.
pub fn due_in(policy: &Policy, day: NaiveDate, days: u32) -> Option<(Month, NaiveDate)> {
    let due = day + Days::new(u64::from(days));
    let month = Month::of(due).next();
    (policy.due_date(month) == due).then_some((month, due))
}

/// The grace deadline whose `grace_ending` is raised on `day`, if any (a
/// deadline is always a due date).
pub fn grace_ending_on(policy: &Policy, day: NaiveDate) -> Option<NaiveDate> {
    due_in(policy, day, GRACE_ENDING_DAYS).map(|(_, due)| due)
}

/// The expiry whose cards `method_expiring` looks at on `day`: cards are
/// good through the last day of their month, and are told about `days` before.
pub fn expiring_on(day: NaiveDate, days: u32) -> Option<Expiry> {
    use chrono::Datelike;
    let last = day + Days::new(u64::from(days));
    (last == Month::of(last).last_day()).then(|| Expiry::new(last.year(), last.month()).expect("a month"))
}

/// A card (`label`, e.g. `Visa ending 4242`, method `id`) that expires
/// before autopay's next draft on `next_draft`.
pub fn method_expiring(account: &str, id: i64, label: &str, exp: Expiry, next_draft: NaiveDate) -> NewAlert {
    NewAlert::new(
        AlertKind::MethodExpiring,
        &[&account, &id, &Month::new(exp.year(), exp.month()).expect("a card's month")],
        format!(
            "{account}: {label} (method {id}) expires {}, before autopay's draft on {next_draft}: give its new expiry ({}), or add another card and point autopay at it",
            exp.last_day(),
            command(account, &format!("method update {id} --exp MM/YY"))
        ),
    )
}

/// `method_expiring` for a card autopay drafts from, once it is time to
/// say so on `day`: `days` (or fewer) before the card's last day, naming the
/// first draft after it. Before then, nothing: the scheduler tells on the day.
pub fn card_expiring(
    account: &str,
    id: i64,
    label: &str,
    exp: Expiry,
    schedule: &Schedule,
    day: NaiveDate,
    days: u32,
) -> Option<NewAlert> {
    let end = exp.last_day();
    (day + Days::new(u64::from(days)) >= end)
        .then(|| method_expiring(account, id, label, exp, schedule.first_draft_after(end)))
}

/// What was done to a method, for its security notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Display, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum MethodChange {
    Added,
    Updated,
    Removed,
    Default,
}

/// A security notice: a method was added, updated, removed or made the
/// default on `on`. `seq` tells one change from the next of the same kind.
pub fn method_changed(account: &str, id: i64, label: &str, change: MethodChange, on: NaiveDate, seq: i64) -> NewAlert {
    let what = match change {
        MethodChange::Added => "was added",
        MethodChange::Updated => "was changed",
        MethodChange::Removed => "was removed",
        MethodChange::Default => "is now the default payment method",
    };
    let fix = match change {
        MethodChange::Removed => format!("check your methods: {}", command(account, "method list")),
        _ => format!("remove it: {}", command(account, &format!("method remove {id}"))),
    };
    NewAlert::new(
        AlertKind::MethodChanged,
        &[&account, &id, &change, &seq],
        format!("{account}: security notice: {label} (method {id}) {what} on {on}; if this was not you, {fix}"),
    )
}

/// The day each year `renewal_review` is raised: a month before open
/// enrollment starts on November 1.
pub fn renewal_review_day(day: NaiveDate) -> bool {
    use chrono::Datelike;
    day.month() == 10 && day.day() == 1
}

/// Open enrollment for next year is a month away.
pub fn renewal_review(account: &str, day: NaiveDate) -> NewAlert {
    use chrono::Datelike;
    let next = day.year() + 1;
    NewAlert::new(
        AlertKind::RenewalReview,
        &[&account, &next],
        format!(
            "{account}: open enrollment for {next} starts {}-11-01: review your plan, premium and subsidy for {next} with the exchange, then record the new rates: {}",
            day.year(),
            command(account, &format!("plan set --from {next}-01 --premium AMOUNT --aptc AMOUNT"))
        ),
    )
}

/// The answer to a one-time payment: its receipt, or why it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentAnswer<'a> {
    pub id: i64,
    pub amount: Money,
    /// `Visa ending 4242`.
    pub method: &'a str,
    pub on: NaiveDate,
    /// The gateway's reference (succeeded) or failure code (failed).
    pub reference: Option<String>,
}

/// `payment_succeeded`: the receipt of a one-time payment.
pub fn payment_succeeded(account: &str, p: &PaymentAnswer) -> NewAlert {
    let reference = p.reference.as_ref().map_or_else(String::new, |r| format!(", confirmation {r}"));
    NewAlert::new(
        AlertKind::PaymentSucceeded,
        &[&p.id],
        format!(
            "{account}: receipt: payment {} of {} from {} went through on {}{reference}; the full receipt: {}",
            p.id,
            p.amount.dollars(),
            p.method,
            p.on,
            command(account, &format!("receipt {}", p.id))
        ),
    )
}

/// `payment_succeeded`: the receipt of an autopay draft for `month`.
pub fn draft_paid(account: &str, payment_id: i64, amount: Money, month: Month, method: &str) -> NewAlert {
    NewAlert::new(
        AlertKind::PaymentSucceeded,
        &[&payment_id],
        format!(
            "{account}: autopay paid {} for {month} from {method} (payment {payment_id}); the receipt: {}",
            amount.dollars(),
            command(account, &format!("receipt {payment_id}"))
        ),
    )
}

/// `payment_failed`: a one-time payment was declined; nothing was paid.
/// `other` is another method that can pay (its id and label), if any.
pub fn payment_failed(account: &str, p: &PaymentAnswer, other: Option<(i64, &str)>) -> NewAlert {
    let fix = match other {
        Some((id, label)) => {
            format!("pay with {label}: {}", command(account, &format!("pay {} --method {id}", p.amount)))
        }
        None => format!("add another method, then pay: {}", command(account, "method add card")),
    };
    NewAlert::new(
        AlertKind::PaymentFailed,
        &[&p.id],
        format!(
            "{account}: payment {} of {} from {} was declined ({}) on {}: nothing was paid; {fix}",
            p.id,
            p.amount.dollars(),
            p.method,
            p.reference.as_deref().unwrap_or("failed"),
            p.on,
        ),
    )
}

/// Whether an account's coverage surely calls for nothing on `day`: the
/// money that counts (`paid`, none of it tied to a line, returned or
/// refunded) covers every bill due before the day, so, paid oldest first,
/// none is late. A quick look that spares the replay for most accounts;
/// anything else is replayed.
pub fn nothing_late(periods: &[RatePeriod], policy: &Policy, day: NaiveDate, paid: Money) -> bool {
    day.pred_opt().is_none_or(|before| paid_through(periods, policy, before, paid))
}

/// Whether `paid` (counted as `nothing_late` does) covers every bill due on
/// or before `by`: then no reminder is owed for a bill due that day.
pub fn paid_through(periods: &[RatePeriod], policy: &Policy, by: NaiveDate, paid: Money) -> bool {
    let billed: Money = Line::ALL
        .iter()
        .flat_map(|&line| plan_bills(periods, line, policy, Month::of(by).next()))
        .filter(|b| b.due_date <= by)
        .map(|b| b.amount)
        .sum();
    paid >= billed
}

/// Whether `day` is one on which coverage can move for everyone: the day
/// after a due date (a bill becomes past due, a grace starts or ends).
pub fn coverage_day(day: NaiveDate, due_day: u32) -> bool {
    use chrono::Datelike;
    (day - Days::new(1)).day() == due_day
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::billing::{Line, Program};
    use crate::core::coverage::evaluate;
    use crate::core::policy::Policy;
    use crate::core::testing::{d, m, paid, priced};

    fn snap(on: &str) -> Snapshot {
        let period = priced(1, Line::Health, "2027-01", 20_000, 0, Program::Unsubsidized);
        evaluate(&[period], &[paid(1, "2026-12-01", 20_000)], &Policy::default(), d(on))
    }

    #[test]
    fn kinds_round_trip() {
        for name in AlertKind::VARIANTS {
            assert_eq!(name.parse::<AlertKind>().unwrap().as_str(), *name);
        }
    }

    #[test]
    fn a_bill_unpaid_after_its_due_date_is_past_due_and_starts_grace() {
        // February is due 2027-01-23: the day of, nothing; the day after, both.
        assert_eq!(coverage_alerts("smith", &snap("2027-01-23"), 3), vec![]);
        let alerts = coverage_alerts("smith", &snap("2027-01-24"), 3);
        let causes: Vec<&str> = alerts.iter().map(|a| a.cause.as_str()).collect();
        assert_eq!(causes, ["past_due:smith:2027-02", "grace_started:smith:health:2027-02-23"]);
        assert!(alerts[0].message.contains("$200.00 for 2027-02 was due 2027-01-23"), "{}", alerts[0].message);
    }

    #[test]
    fn a_grace_deadline_passed_terminates() {
        // Unsubsidized: one month of grace, until February's due day; the
        // day after, coverage ends as of the last month paid.
        assert!(coverage_alerts("smith", &snap("2027-02-23"), 3)
            .iter()
            .all(|a| a.kind != AlertKind::CoverageTerminated));
        let alerts = coverage_alerts("smith", &snap("2027-02-24"), 3);
        let kinds: Vec<AlertKind> = alerts.iter().map(|a| a.kind).collect();
        assert!(kinds.contains(&AlertKind::CoverageTerminated), "{alerts:#?}");
        let terminated = alerts.iter().find(|a| a.kind == AlertKind::CoverageTerminated).unwrap();
        assert_eq!(terminated.cause, "coverage_terminated:smith:health:2027-01-31");
    }

    #[test]
    fn nothing_is_late_while_the_money_covers_every_bill_due_before_the_day() {
        let period = priced(1, Line::Health, "2027-01", 20_000, 0, Program::Unsubsidized);
        let p = Policy::default();
        let periods = [period];
        // January is due 2026-12-23, February 2027-01-23.
        assert!(nothing_late(&periods, &p, d("2027-01-23"), Money::from_cents(20_000)), "the day of");
        assert!(!nothing_late(&periods, &p, d("2027-01-24"), Money::from_cents(20_000)), "the day after");
        assert!(nothing_late(&periods, &p, d("2027-01-24"), Money::from_cents(40_000)));
        // The replay agrees: with January and February paid nothing is raised.
        assert!(coverage_alerts("smith", &snap("2027-01-24"), 3).iter().any(|a| a.kind == AlertKind::PastDue));
    }

    fn cause_of(alerts: &[NewAlert], kind: AlertKind) -> Option<&NewAlert> {
        alerts.iter().find(|a| a.kind == kind)
    }

    #[test]
    fn past_due_and_grace_name_the_command_that_pays() {
        let alerts = coverage_alerts("smith", &snap("2027-01-24"), 3);
        assert!(alerts[0].message.ends_with("; pay it now: hcpay --account smith pay 200.00"), "{}", alerts[0].message);
        assert!(
            alerts[1]
                .message
                .contains("pay $400.00 by 2027-02-23 or it ends on 2027-01-31: hcpay --account smith pay 400.00"),
            "{}",
            alerts[1].message
        );
    }

    #[test]
    fn a_reminder_falls_its_days_before_a_due_date() {
        let p = Policy::default();
        // February is due 2027-01-23: reminded on the 16th (7 days) and the 21st (2).
        assert_eq!(due_in(&p, d("2027-01-15"), 7), None);
        assert_eq!(due_in(&p, d("2027-01-16"), 7), Some((m("2027-02"), d("2027-01-23"))));
        assert_eq!(due_in(&p, d("2027-01-17"), 7), None);
        assert_eq!(due_in(&p, d("2027-01-20"), 2), None);
        assert_eq!(due_in(&p, d("2027-01-21"), 2), Some((m("2027-02"), d("2027-01-23"))));
        assert_eq!(due_in(&p, d("2027-01-22"), 2), None);
        // Across a month's end: January is due 2026-12-23, 30 days after 2026-11-23.
        assert_eq!(due_in(&p, d("2026-11-23"), 30), Some((m("2027-01"), d("2026-12-23"))));
    }

    #[test]
    fn a_reminder_says_how_much_by_when_and_the_command() {
        let alert =
            due_soon("smith", m("2027-02"), d("2027-01-23"), 7, Money::from_cents(40_400), NotCovered::NoAutopay);
        assert_eq!(alert.cause, "due_soon:smith:2027-02:7");
        assert_eq!(
            alert.message,
            "smith: $404.00 for 2027-02 is due 2027-01-23 (in 7 days) and autopay is off: pay it by then: hcpay --account smith pay 404.00"
        );
        let short = due_soon(
            "smith",
            m("2027-02"),
            d("2027-01-23"),
            1,
            Money::from_cents(100),
            NotCovered::FixedShort(Money::from_cents(50)),
        );
        assert!(short.message.contains("(in 1 day) and autopay drafts only $0.50"), "{}", short.message);
    }

    #[test]
    fn autopay_leaves_a_bill_to_the_member_when_off_short_or_not_started() {
        let feb = m("2027-02");
        let open = Money::from_cents(20_000);
        assert_eq!(NotCovered::of(None, feb, open), Some(NotCovered::NoAutopay));
        assert_eq!(NotCovered::of(Some((AmountMode::Due, feb)), feb, open), None);
        assert_eq!(NotCovered::of(Some((AmountMode::Premium, feb)), feb, open), None);
        assert_eq!(
            NotCovered::of(Some((AmountMode::Due, m("2027-03"))), feb, open),
            Some(NotCovered::StartsLater(m("2027-03")))
        );
        let fixed = |cents| Some((AmountMode::Fixed(Money::from_cents(cents)), feb));
        assert_eq!(NotCovered::of(fixed(19_999), feb, open), Some(NotCovered::FixedShort(Money::from_cents(19_999))));
        assert_eq!(NotCovered::of(fixed(20_000), feb, open), None);
    }

    #[test]
    fn no_reminder_for_a_bill_the_money_already_pays() {
        let period = priced(1, Line::Health, "2027-01", 20_000, 0, Program::Unsubsidized);
        let p = Policy::default();
        let periods = [period];
        // January (due 2026-12-23) is paid; February is due 2027-01-23.
        assert!(paid_through(&periods, &p, d("2027-01-22"), Money::from_cents(20_000)));
        assert!(!paid_through(&periods, &p, d("2027-01-23"), Money::from_cents(20_000)));
        assert!(paid_through(&periods, &p, d("2027-01-23"), Money::from_cents(40_000)));
    }

    #[test]
    fn grace_ending_falls_seven_days_before_the_deadline_with_the_cure() {
        let p = Policy::default();
        assert_eq!(grace_ending_on(&p, d("2027-02-15")), None);
        assert_eq!(grace_ending_on(&p, d("2027-02-16")), Some(d("2027-02-23")));
        assert_eq!(grace_ending_on(&p, d("2027-02-17")), None);
        let s = snap("2027-02-16");
        let line = &s.lines[0];
        assert_eq!(line.grace_deadline, Some(d("2027-02-23")));
        let alert = grace_ending("smith", line).expect("in grace");
        assert_eq!(alert.cause, "grace_ending:smith:health:2027-02-23");
        assert_eq!(
            alert.message,
            "smith: the grace period of health coverage ends 2027-02-23: pay $400.00 by 2027-02-23 to keep coverage, or it ends retroactively on 2027-01-31: hcpay --account smith pay 400.00"
        );
    }

    #[test]
    fn termination_says_how_to_reinstate_until_the_window_closes() {
        // The deadline was 2027-02-23: reinstatement until 35 days later, 2027-03-30.
        let alerts = coverage_alerts("smith", &snap("2027-02-24"), 3);
        let ended = cause_of(&alerts, AlertKind::CoverageTerminated).unwrap();
        assert!(ended.message.contains("to reinstate it with no gap, pay $"), "{}", ended.message);
        assert!(ended.message.contains("by 2027-03-30: hcpay --account smith pay "), "{}", ended.message);
        let alerts = coverage_alerts("smith", &snap("2027-03-31"), 3);
        let ended = cause_of(&alerts, AlertKind::CoverageTerminated).unwrap();
        assert!(ended.message.contains("the reinstatement window has closed"), "{}", ended.message);
    }

    #[test]
    fn a_lapse_longer_than_the_mandate_gap_raises_gap_risk_as_status_warns() {
        // Coverage ended 2027-01-31: from 2027-04-24 it could start again in
        // June at the earliest, four months without, more than three.
        assert!(cause_of(&coverage_alerts("smith", &snap("2027-04-23"), 3), AlertKind::GapRisk).is_none());
        let s = snap("2027-04-24");
        let alerts = coverage_alerts("smith", &s, 3);
        let gap = cause_of(&alerts, AlertKind::GapRisk).expect("gap risk");
        assert_eq!(gap.cause, "gap_risk:smith:health:2027-02");
        let warning = gap_warning(s.gap_risk.as_ref().unwrap(), 3);
        assert!(gap.message.contains(&warning), "{}", gap.message);
        assert!(gap.message.ends_with("hcpay --account smith plan set --line health --from 2027-06 --premium AMOUNT"));
        // The same cause the day after: raised once.
        let later = coverage_alerts("smith", &snap("2027-04-25"), 3);
        assert_eq!(cause_of(&later, AlertKind::GapRisk).unwrap().cause, gap.cause);
    }

    #[test]
    fn a_card_is_told_about_its_days_before_its_last_day() {
        // Good through 2027-04-30: told 30 days before, on 2027-03-31.
        assert_eq!(expiring_on(d("2027-03-30"), 30), None);
        assert_eq!(expiring_on(d("2027-03-31"), 30), Expiry::new(2027, 4));
        assert_eq!(expiring_on(d("2027-04-01"), 30), None);
        let exp = Expiry::new(2027, 4).unwrap();
        let alert = method_expiring("smith", 3, "Visa ending 4242", exp, d("2027-05-22"));
        assert_eq!(alert.cause, "method_expiring:smith:3:2027-04");
        assert_eq!(
            alert.message,
            "smith: Visa ending 4242 (method 3) expires 2027-04-30, before autopay's draft on 2027-05-22: give its new expiry (hcpay --account smith method update 3 --exp MM/YY), or add another card and point autopay at it"
        );
    }

    #[test]
    fn a_card_autopay_takes_up_late_is_told_at_once_naming_the_first_draft_it_misses() {
        use crate::core::autopay::{AmountMode, Schedule};
        let schedule =
            Schedule { draft_day: 22, amount: AmountMode::Due, start: m("2027-02"), first_draft_on: d("2027-01-22") };
        let exp = Expiry::new(2027, 4).unwrap();
        // Good through 2027-04-30: the day before the scheduler's day, nothing yet.
        assert_eq!(card_expiring("smith", 3, "Visa ending 4242", exp, &schedule, d("2027-03-30"), 30), None);
        for day in ["2027-03-31", "2027-04-01", "2027-04-29"] {
            let alert = card_expiring("smith", 3, "Visa ending 4242", exp, &schedule, d(day), 30).unwrap();
            assert_eq!(alert.cause, "method_expiring:smith:3:2027-04", "{day}");
            assert!(alert.message.contains("before autopay's draft on 2027-05-22"), "{}", alert.message);
        }
        // The first draft after a day: the same day's draft is not after it.
        assert_eq!(schedule.first_draft_after(d("2027-04-21")), d("2027-04-22"));
        assert_eq!(schedule.first_draft_after(d("2027-04-22")), d("2027-05-22"));
        assert_eq!(schedule.first_draft_after(d("2026-12-01")), d("2027-01-22"));
    }

    #[test]
    fn a_method_change_is_a_notice_per_change_with_no_secret() {
        let added = method_changed("smith", 3, "Visa ending 4242", MethodChange::Added, d("2027-01-02"), 17);
        assert_eq!(added.cause, "method_changed:smith:3:added:17");
        assert_eq!(
            added.message,
            "smith: security notice: Visa ending 4242 (method 3) was added on 2027-01-02; if this was not you, remove it: hcpay --account smith method remove 3"
        );
        let again = method_changed("smith", 3, "Visa ending 4242", MethodChange::Updated, d("2027-01-02"), 18);
        assert_ne!(again.cause, added.cause);
        let removed = method_changed("smith", 3, "Visa ending 4242", MethodChange::Removed, d("2027-01-02"), 19);
        assert!(removed.message.ends_with("check your methods: hcpay --account smith method list"));
    }

    #[test]
    fn renewal_review_comes_on_october_first_once_a_year() {
        assert!(!renewal_review_day(d("2027-09-30")));
        assert!(renewal_review_day(d("2027-10-01")));
        assert!(!renewal_review_day(d("2027-10-02")));
        let alert = renewal_review("smith", d("2027-10-01"));
        assert_eq!(alert.cause, "renewal_review:smith:2028");
        assert!(alert.message.contains("open enrollment for 2028 starts 2027-11-01"), "{}", alert.message);
        assert!(alert
            .message
            .ends_with("hcpay --account smith plan set --from 2028-01 --premium AMOUNT --aptc AMOUNT"));
    }

    #[test]
    fn a_one_time_payment_gets_its_receipt_or_its_decline() {
        let answer = |reference: &str| PaymentAnswer {
            id: 12,
            amount: Money::from_cents(23_200),
            method: "Visa ending 4242",
            on: d("2027-01-20"),
            reference: Some(reference.into()),
        };
        let ok = payment_succeeded("smith", &answer("sb_ch_1"));
        assert_eq!(ok.cause, "payment_succeeded:12");
        assert_eq!(
            ok.message,
            "smith: receipt: payment 12 of $232.00 from Visa ending 4242 went through on 2027-01-20, confirmation sb_ch_1; the full receipt: hcpay --account smith receipt 12"
        );
        let failed = payment_failed("smith", &answer("card_declined"), Some((4, "Mastercard ending 4444")));
        assert_eq!(failed.cause, "payment_failed:12");
        assert!(failed.message.contains("was declined (card_declined) on 2027-01-20: nothing was paid"));
        assert!(
            failed.message.ends_with("pay with Mastercard ending 4444: hcpay --account smith pay 232.00 --method 4"),
            "{}",
            failed.message
        );
        let alone = payment_failed("smith", &answer("card_declined"), None);
        assert!(
            alone.message.ends_with("add another method, then pay: hcpay --account smith method add card"),
            "{}",
            alone.message
        );
    }

    #[test]
    fn an_autopay_draft_gets_its_receipt_under_its_payment() {
        let month = Month::parse("2027-02").unwrap();
        let paid = draft_paid("smith", 14, Money::from_cents(23_200), month, "Visa ending 4242");
        assert_eq!(paid.cause, "payment_succeeded:14");
        assert_eq!(
            paid.message,
            "smith: autopay paid $232.00 for 2027-02 from Visa ending 4242 (payment 14); the receipt: hcpay --account smith receipt 14"
        );
    }

    #[test]
    fn statement_day_notices_say_what_autopay_does_and_what_is_left() {
        let (feb, on) = (m("2027-02"), d("2027-01-22"));
        let share = Money::from_cents(23_200);
        let ahead = autopay_scheduled("smith", feb, share, AmountMode::Due, "Visa ending 4242", on);
        assert_eq!(ahead.cause, "autopay_scheduled:smith:2027-02");
        assert_eq!(
            ahead.message,
            "smith: the 2027-02 bill of $232.00 is out; autopay drafts what is due then from Visa ending 4242 on 2027-01-22, nothing for you to do (to see what is ahead: hcpay --account smith autopay status)"
        );
        let short = fixed_short("smith", feb, share, Money::from_cents(20_000), on);
        assert_eq!(short.cause, "premium_changed:smith:2027-02");
        assert!(short.message.contains("$32.00 stays due after the draft on 2027-01-22"), "{}", short.message);
        assert!(short.message.ends_with("hcpay --account smith autopay enable --amount due"));
        let rate = premium_changed("smith", feb, Money::from_cents(20_200), share);
        assert_eq!(rate.cause, "premium_changed:smith:2027-02:rate");
        assert!(rate.message.contains("from $202.00 to $232.00 a month from 2027-02"), "{}", rate.message);
    }

    #[test]
    fn coverage_moves_the_day_after_a_due_date() {
        assert!(!coverage_day(d("2027-01-23"), 23));
        assert!(coverage_day(d("2027-01-24"), 23));
        assert!(!coverage_day(d("2027-01-25"), 23));
        assert!(coverage_day(d("2027-03-01"), 28));
    }
}
