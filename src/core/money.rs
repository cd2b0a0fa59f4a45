//! Money as integer cents. Parsing goes through `rust_decimal` so that the
//! accepted forms (`202`, `202.5`, `$1,202.50`) are checked exactly, with no
//! floating point anywhere.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::method::mask_digit_runs;
use super::text::excerpt;
use serde::{Serialize, Serializer};

/// The largest amount the tool accepts anywhere: $1,000,000.00.
pub const MAX_CENTS: i64 = 100_000_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{0}` is not an amount (use digits like 202.50)")]
    Malformed(String),
    #[error("`{0}` has more than two decimals")]
    TooPrecise(String),
    #[error("`{0}` is negative")]
    Negative(String),
    /// Echoed only when it looks like an amount: a long run of digits is
    /// more likely a card number, and is not shown masked as if it were one.
    #[error("{} too large (over the limit of $1,000,000.00)", .0.as_ref().map_or("the amount is".into(), |t| format!("`{t}` is")))]
    TooLarge(Option<String>),
    #[error("the amount must be above zero")]
    Zero,
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn max(self, other: Money) -> Money {
        Money(self.0.max(other.0))
    }

    pub fn min(self, other: Money) -> Money {
        Money(self.0.min(other.0))
    }

    /// `self - other`, but never below zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money((self.0 - other.0).max(0))
    }

    pub fn times(self, n: i64) -> Money {
        Money(self.0 * n)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// `$1,202.50`, for tables.
    pub fn dollars(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        format!("{sign}${grouped}.{:02}", abs % 100)
    }

    /// Parses an amount that may be zero (a premium, an APTC).
    pub fn parse_amount(text: &str) -> Result<Money, MoneyError> {
        // Errors echo a short excerpt of the text, but never a card or account
        // number typed into an amount: no real amount has more than eight digits in a row.
        let shown = excerpt(&mask_digit_runs(text, 8));
        let original = shown.as_str();
        let trimmed = text.trim();
        if trimmed.starts_with('-') || trimmed.starts_with("$-") {
            return Err(MoneyError::Negative(original.to_string()));
        }
        let body = trimmed.strip_prefix('$').unwrap_or(trimmed);
        let body = strip_grouping(body).ok_or_else(|| MoneyError::Malformed(original.into()))?;
        let (whole, frac) = match body.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (body.as_str(), None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || frac.is_some_and(|f| !digits(f)) {
            return Err(MoneyError::Malformed(original.into()));
        }
        if frac.is_some_and(|f| f.len() > 2) {
            return Err(MoneyError::TooPrecise(original.into()));
        }
        let too_large = || MoneyError::TooLarge((shown == text).then(|| shown.clone()));
        let value = Decimal::from_str(&body).map_err(|_| too_large())?;
        let cents = (value * Decimal::ONE_HUNDRED).trunc();
        let cents: i64 = cents.try_into().map_err(|_| too_large())?;
        if cents > MAX_CENTS {
            return Err(too_large());
        }
        Ok(Money(cents))
    }

    /// Parses an amount that must be above zero (a payment).
    pub fn parse_payment(text: &str) -> Result<Money, MoneyError> {
        let amount = Money::parse_amount(text)?;
        if amount.is_zero() {
            return Err(MoneyError::Zero);
        }
        Ok(amount)
    }
}

/// Removes thousands separators, accepting them only in groups of three.
fn strip_grouping(body: &str) -> Option<String> {
    if !body.contains(',') {
        return Some(body.to_string());
    }
    let whole = body.split('.').next().unwrap_or("");
    let mut groups = whole.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    if groups.any(|g| g.len() != 3) {
        return None;
    }
    Some(body.replace(',', ""))
}

impl fmt::Display for Money {
    /// `1202.50`: the plain form used in JSON, CSV and `balance`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_decimal())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(text: &str) -> i64 {
        Money::parse_amount(text).unwrap().cents()
    }

    #[test]
    fn accepts_the_forms_people_type() {
        assert_eq!(cents("202"), 20200);
        assert_eq!(cents("202.5"), 20250);
        assert_eq!(cents("202.50"), 20250);
        assert_eq!(cents("$1,202.50"), 120_250);
        assert_eq!(cents("1,000,000"), MAX_CENTS);
        assert_eq!(cents("0"), 0);
        assert_eq!(cents(" 12.30 "), 1230);
    }

    #[test]
    fn rejects_what_is_not_money() {
        for bad in ["12.345", "1e3", "NaN", "inf", "", ".5", "5.", "1,20", "12,34.00", "abc", "1.2.3", "+5"] {
            assert!(Money::parse_amount(bad).is_err(), "{bad} should be rejected");
        }
        assert_eq!(Money::parse_amount("-5"), Err(MoneyError::Negative("-5".into())));
        assert_eq!(Money::parse_amount("1000000.01"), Err(MoneyError::TooLarge(Some("1000000.01".into()))));
        assert!(matches!(Money::parse_amount("99999999999999999999999999"), Err(MoneyError::TooLarge(None))));
        assert_eq!(Money::parse_payment("0.00"), Err(MoneyError::Zero));
    }

    #[test]
    fn a_card_number_typed_as_an_amount_is_not_echoed() {
        let err = Money::parse_amount("4242424242424242").unwrap_err();
        assert_eq!(err, MoneyError::TooLarge(None), "an absurd amount is too large, whatever it looks like");
        assert!(!err.to_string().contains("4242"), "{err}");
        let err = Money::parse_amount("4242424242424242x").unwrap_err().to_string();
        assert!(!err.contains("4242424242424242"), "{err}");
        assert!(err.contains("4242"), "{err}");
        assert!(Money::parse_amount("12.345").unwrap_err().to_string().contains("12.345"));
    }

    #[test]
    fn an_error_shows_a_short_excerpt_of_the_amount() {
        let err = Money::parse_amount(&format!("{}x", "a".repeat(100_000))).unwrap_err().to_string();
        assert!(err.len() < 120, "{err}");
        assert_eq!(Money::parse_amount(&"9".repeat(100_000)), Err(MoneyError::TooLarge(None)));
    }

    #[test]
    fn prints_two_decimals() {
        assert_eq!(Money::from_cents(20200).to_string(), "202.00");
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(Money::from_cents(-1250).to_string(), "-12.50");
        assert_eq!(Money::from_cents(120_250).dollars(), "$1,202.50");
        assert_eq!(Money::from_cents(100_000_000).dollars(), "$1,000,000.00");
        assert_eq!(Money::from_cents(7).dollars(), "$0.07");
    }
}
