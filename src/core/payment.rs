//! Payments as people describe them.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use super::billing::Line;
use super::coverage::Snapshot;
use super::dates::Month;
use super::money::Money;

/// How a payment made elsewhere was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Via {
    Check,
    Portal,
    Phone,
    InPerson,
    MoneyOrder,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Where a payment (or a refund) stands, DESIGN §5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaymentStatus {
    /// Recorded before its gateway was asked; the answer has not come yet.
    Pending,
    Succeeded,
    Failed,
    /// The gateway did not answer: settled later by looking its key up.
    Unknown,
    /// A bank payment that the bank sent back (an ACH return).
    Returned,
    /// Every cent of it was given back.
    Refunded,
    /// A recorded payment entered by mistake.
    Void,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Sent, with no answer yet: money that may be on its way.
    pub fn in_flight(self) -> bool {
        matches!(self, PaymentStatus::Pending | PaymentStatus::Unknown)
    }

    /// Money that counts toward bills (until a return or a refund moves it
    /// out, from its date): `ledger::payments::COUNTED`.
    pub fn counts(self) -> bool {
        matches!(self, PaymentStatus::Succeeded | PaymentStatus::Returned | PaymentStatus::Refunded)
    }

    /// Went through: money that can be given back.
    pub fn went_through(self) -> bool {
        matches!(self, PaymentStatus::Succeeded | PaymentStatus::Refunded)
    }
}

/// Parses one of an enum's names, saying which names there are when it is not one.
pub fn parse_choice<T: FromStr + VariantNames>(text: &str, what: &str) -> Result<T, String> {
    let text = text.trim();
    text.parse()
        .map_err(|_| format!("`{}` is not {what} (expected {})", super::text::excerpt(text), T::VARIANTS.join(", ")))
}

/// The longest confirmation number taken.
pub const CONFIRMATION_MAX: usize = 64;

/// A confirmation number as the exchange prints it: printable, no spaces inside.
pub fn check_confirmation(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the confirmation is empty".into());
    }
    if text.len() > CONFIRMATION_MAX || !text.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!(
            "`{}` is not a confirmation number (up to {CONFIRMATION_MAX} letters, digits or marks, no spaces)",
            super::text::excerpt(text)
        ));
    }
    Ok(text.to_string())
}

/// What `pay` was asked to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayRequest {
    /// Every issued bill still open.
    Due,
    /// That, and next month's bill before it is issued.
    Ahead,
    Exactly(Money),
}

impl PayRequest {
    pub fn parse(text: &str) -> Result<PayRequest, String> {
        match text.trim() {
            "due" => Ok(PayRequest::Due),
            "ahead" => Ok(PayRequest::Ahead),
            other => Money::parse_payment(other)
                .map(PayRequest::Exactly)
                .map_err(|e| format!("{e} (expected an amount, `due` or `ahead`)")),
        }
    }

    /// The amount the request names itself, if any (`due` and `ahead` are
    /// decided from the ledger at the moment of paying).
    pub fn fixed(self) -> Option<Money> {
        match self {
            PayRequest::Exactly(amount) => Some(amount),
            PayRequest::Due | PayRequest::Ahead => None,
        }
    }

    /// What to charge, given the account as it stands with every payment
    /// still in flight counted as paid: money on its way is not asked twice.
    pub fn amount(self, line: Option<Line>, snap: &Snapshot) -> Money {
        let on_line = |l: Line| line.is_none_or(|want| want == l);
        let due: Money = snap.bills.iter().filter(|b| on_line(b.line)).map(|b| b.open).sum();
        match self {
            PayRequest::Exactly(amount) => amount,
            PayRequest::Due => due,
            PayRequest::Ahead => {
                let next = snap.upcoming.iter().filter(|b| on_line(b.line)).map(|b| b.month).min();
                let ahead: Money =
                    snap.upcoming.iter().filter(|b| Some(b.month) == next && on_line(b.line)).map(|b| b.open).sum();
                due + ahead
            }
        }
    }
}

/// A payment that would leave more credit than the member's share of three months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overpay {
    pub credit_after: Money,
    pub limit: Money,
}

/// The overpay guard: credit after paying `amount` may be at most three
/// months of next month's member share (an account with nothing billed next
/// month has a limit of zero).
pub fn check_overpay(snap: &Snapshot, today: NaiveDate, amount: Money) -> Result<(), Overpay> {
    let next = Month::of(today).next();
    let monthly: Money = snap.bills.iter().chain(&snap.upcoming).filter(|b| b.month == next).map(|b| b.amount).sum();
    let limit = monthly.times(3);
    let credit_after = snap.credit + amount.saturating_sub(snap.amount_due);
    if credit_after > limit {
        return Err(Overpay { credit_after, limit });
    }
    Ok(())
}

/// What a refund of one payment may give back: the account's credit, less
/// refunds still in flight (so two at once cannot give the same credit back
/// twice), and no more than what is left of the payment after what was
/// given back or is being given back (`given`).
pub fn refundable(credit: Money, in_flight: Money, payment: Money, given: Money) -> Money {
    credit.saturating_sub(in_flight).min(payment.saturating_sub(given))
}

/// Idempotency keys that hcpay derives itself (`pay:ACCOUNT:ID`,
/// `autopay:ACCOUNT:MONTH:TRY`, `refund:PAYMENT:N`): a user's key may not
/// start with one, so the two can never collide.
pub const DERIVED_KEY_PREFIXES: [&str; 3] = ["pay:", "autopay:", "refund:"];

/// The longest idempotency key taken.
pub const MAX_KEY_LEN: usize = 255;

/// A user's `--idempotency-key`: printable, not empty, not in hcpay's own namespace.
pub fn check_user_key(text: &str) -> Result<String, String> {
    let key = text.trim();
    if key.is_empty() {
        return Err("--idempotency-key is empty".into());
    }
    if key.chars().count() > MAX_KEY_LEN || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!(
            "--idempotency-key must be up to {MAX_KEY_LEN} letters, digits or marks, with no spaces or control characters"
        ));
    }
    if let Some(prefix) = DERIVED_KEY_PREFIXES.iter().find(|p| key.starts_with(**p)) {
        return Err(format!("idempotency keys starting with `{prefix}` are hcpay's own; choose another key"));
    }
    Ok(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn via_round_trips() {
        for via in [Via::Check, Via::Portal, Via::Phone, Via::InPerson, Via::MoneyOrder] {
            assert_eq!(via.as_str().parse::<Via>(), Ok(via));
        }
        assert_eq!(Via::InPerson.as_str(), "in-person");
        assert_eq!(
            parse_choice::<Via>(" wire ", "a way to pay"),
            Err("`wire` is not a way to pay (expected check, portal, phone, in-person, money-order)".into())
        );
    }

    #[test]
    fn statuses_round_trip_and_say_what_they_mean() {
        for name in PaymentStatus::VARIANTS {
            let status: PaymentStatus = name.parse().unwrap();
            assert_eq!(status.as_str(), *name);
            assert_eq!(status.to_string(), *name);
        }
        assert!(PaymentStatus::Pending.in_flight() && PaymentStatus::Unknown.in_flight());
        assert!(!PaymentStatus::Failed.in_flight());
        assert!(PaymentStatus::Refunded.went_through() && !PaymentStatus::Returned.went_through());
    }

    #[test]
    fn confirmations_are_printable() {
        assert_eq!(check_confirmation(" HC-123 "), Ok("HC-123".into()));
        assert!(check_confirmation("").is_err());
        assert!(check_confirmation("a b").is_err());
    }

    #[test]
    fn user_keys_stay_out_of_the_derived_namespace() {
        assert_eq!(check_user_key(" rent-2027-01 "), Ok("rent-2027-01".into()));
        for reserved in ["pay:smith:2", "autopay:smith:2027-02:1", "refund:1:1"] {
            assert!(check_user_key(reserved).unwrap_err().contains("hcpay's own"), "{reserved}");
        }
        assert!(check_user_key("").is_err());
        assert!(check_user_key("a\u{1b}[2J").is_err());
        assert!(check_user_key(&"k".repeat(MAX_KEY_LEN + 1)).is_err());
        assert!(check_user_key(&"k".repeat(MAX_KEY_LEN)).is_ok());
    }

    #[test]
    fn a_refund_gives_back_credit_once() {
        let c = Money::from_cents;
        assert_eq!(refundable(c(40_000), Money::ZERO, c(86_400), Money::ZERO), c(40_000));
        // Another refund of $200.00 on its way: only the rest.
        assert_eq!(refundable(c(40_000), c(20_000), c(86_400), c(20_000)), c(20_000));
        // Never more than the payment itself, less what it gave back.
        assert_eq!(refundable(c(40_000), Money::ZERO, c(10_000), c(5_000)), c(5_000));
        assert_eq!(refundable(c(10_000), c(20_000), c(86_400), Money::ZERO), Money::ZERO);
    }

    #[test]
    fn pay_requests_parse() {
        assert_eq!(PayRequest::parse(" due "), Ok(PayRequest::Due));
        assert_eq!(PayRequest::parse("ahead"), Ok(PayRequest::Ahead));
        assert_eq!(PayRequest::parse("$1,202.50"), Ok(PayRequest::Exactly(Money::from_cents(120_250))));
        assert!(PayRequest::parse("0").is_err());
        assert!(PayRequest::parse("lots").unwrap_err().contains("`due` or `ahead`"));
    }

    mod paying {
        use super::super::*;
        use crate::core::billing::Program;
        use crate::core::coverage::evaluate;
        use crate::core::policy::Policy;
        use crate::core::testing::{d, paid, priced};

        /// Health $200.00 and dental $30.00 from December, December paid:
        /// on 2027-01-15 January and February are issued and open.
        fn account(extra: &[crate::core::coverage::PaymentFacts]) -> Snapshot {
            let periods = [
                priced(1, Line::Health, "2026-12", 20_000, 0, Program::Unsubsidized),
                priced(2, Line::Dental, "2026-12", 3_000, 0, Program::Unsubsidized),
            ];
            let mut facts = vec![paid(1, "2026-11-20", 23_000)];
            facts.extend_from_slice(extra);
            evaluate(&periods, &facts, &Policy::default(), d("2027-01-15"))
        }

        fn cents(c: i64) -> Money {
            Money::from_cents(c)
        }

        #[test]
        fn due_is_every_open_issued_bill_and_ahead_adds_the_next_month() {
            let snap = account(&[]);
            assert_eq!(PayRequest::Due.amount(None, &snap), cents(46_000));
            assert_eq!(PayRequest::Due.amount(Some(Line::Dental), &snap), cents(6_000));
            assert_eq!(PayRequest::Ahead.amount(None, &snap), cents(69_000));
            assert_eq!(PayRequest::Ahead.amount(Some(Line::Health), &snap), cents(60_000));
            assert_eq!(PayRequest::Exactly(cents(1)).amount(None, &snap), cents(1));
        }

        #[test]
        fn money_in_flight_is_not_asked_for_again() {
            // An attempt in flight counts as paid: part of it, or all of it.
            assert_eq!(PayRequest::Due.amount(None, &account(&[paid(2, "2027-01-15", 10_000)])), cents(36_000));
            assert_eq!(PayRequest::Due.amount(None, &account(&[paid(2, "2027-01-15", 46_000)])), Money::ZERO);
        }

        #[test]
        fn credit_is_capped_at_three_months_of_next_months_share() {
            // Next month (February) is $230.00: the cap is $690.00 of credit.
            let snap = account(&[]);
            assert_eq!(check_overpay(&snap, d("2027-01-15"), cents(46_000 + 69_000)), Ok(()));
            assert_eq!(
                check_overpay(&snap, d("2027-01-15"), cents(46_000 + 69_001)),
                Err(Overpay { credit_after: cents(69_001), limit: cents(69_000) })
            );
            // Credit already held, or on its way, counts toward the cap.
            let snap = account(&[paid(2, "2027-01-15", 46_000 + 60_000)]);
            assert!(check_overpay(&snap, d("2027-01-15"), cents(9_000)).is_ok());
            assert!(check_overpay(&snap, d("2027-01-15"), cents(9_001)).is_err());
        }
    }
}
