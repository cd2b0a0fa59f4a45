//! Payment methods checked before they reach a gateway: card numbers (brand,
//! length, Luhn), card expiry, bank routing numbers (ABA checksum), bank
//! account numbers, and micro-deposit verification.
//!
//! Full card and account numbers are secrets (DESIGN.md §8): no `Display`, no
//! `Serialize`, a `Debug` that shows only the last four digits, and errors that
//! name at most the last four. A caller that must hand the number to a gateway
//! asks for it by name with `expose_digits()`. Routing numbers identify a bank,
//! not a person, and are shown in full.
//!
//! There is deliberately no `FromStr` for `CardNumber` or `AccountNumber`: clap
//! repeats a rejected value in its own error message ("invalid value '…' for
//! '--number'"), which would print the full number. Take the text as a `String`
//! and call `parse_card_number` / `parse_account_number` instead.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::policy::MethodKind;

/// Wrong micro-deposit confirmations allowed before a bank method is locked
/// (`verification_failed`).
pub const MAX_VERIFY_ATTEMPTS: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MethodError {
    #[error("card number may contain only digits, spaces and dashes (found `{0}`)")]
    CardNotDigits(char),
    #[error("card number is empty")]
    CardEmpty,
    #[error("card number{} is not a Visa, Mastercard, American Express or Discover number", ending(.last4))]
    UnknownBrand { last4: Option<String> },
    #[error("card number has {digits} digits; {} has {}", .brand.with_article(), .brand.lengths_text())]
    CardLength { brand: CardBrand, digits: usize },
    #[error("card number fails the checksum (ending {last4})")]
    CardChecksum { last4: String },

    #[error("`{0}` is not a card expiry (expected MM/YY or MM/YYYY, e.g. 01/28)")]
    ExpiryMalformed(String),
    #[error("`{0}` has no such month (months are 01 to 12)")]
    ExpiryMonth(String),
    #[error("expiry {0} is in the past")]
    ExpiryPast(Expiry),

    // The text is not echoed: something that is not 9 digits may well be an
    // account number typed into the wrong field.
    #[error("routing number may contain only digits (found `{0}`)")]
    RoutingNotDigits(char),
    #[error("routing number must be 9 digits (it has {0})")]
    RoutingLength(usize),
    // Not echoed either: nine digits may be an account number in the wrong field.
    #[error("routing number ending {last4} fails the ABA checksum")]
    RoutingChecksum { last4: String },

    #[error("account number may contain only digits, spaces and dashes (found `{0}`)")]
    AccountNotDigits(char),
    #[error("account number must be 4 to 17 digits (it has {0})")]
    AccountLength(usize),
}

/// ` ending 1234`, or nothing when the number is too short for its last four
/// digits to be anything but the whole number.
fn ending(last4: &Option<String>) -> String {
    last4.as_ref().map(|l| format!(" ending {l}")).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Shared digit helpers

/// The last four digits of `text`, ignoring anything that is not a digit
/// (separators); fewer if it has fewer.
pub fn last4(text: &str) -> String {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].iter().collect()
}

/// `****1234`, for `Debug` and tables.
fn masked(digits: &str) -> String {
    format!("****{}", last4(digits))
}

/// `text` fit to be echoed in an error about some other field: a run of more
/// than five digits (a card or account number typed into the wrong place) is
/// masked but for its last four, `12/************4242`.
pub fn echo_safe(text: &str) -> String {
    super::text::excerpt(&mask_digit_runs(text, 5))
}

/// `text` with every run of more than `longest` digits masked but for its last four.
pub fn mask_digit_runs(text: &str, longest: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() > longest {
            out.extend(std::iter::repeat_n('*', run.len() - 4));
            out.push_str(&run[run.len() - 4..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The digits of `text` with spaces and dashes (as printed on cards and
/// statements) removed, or the first other character found.
fn strip_separators(text: &str) -> Result<String, char> {
    let mut digits = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            ' ' | '-' => {}
            other => return Err(other),
        }
    }
    Ok(digits)
}

fn digit_values(digits: &str) -> Option<Vec<u32>> {
    digits.chars().map(|c| c.to_digit(10)).collect()
}

/// The Luhn (mod 10) check over a string of ASCII digits, check digit last.
/// False for an empty string or any non-digit.
pub fn luhn_valid(digits: &str) -> bool {
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && luhn_sum(digits, false).is_multiple_of(10)
}

#[cfg(test)]
/// The digit that, appended to `payload`, makes it pass the Luhn check; `None`
/// unless `payload` is ASCII digits.
pub fn luhn_check_digit(payload: &str) -> Option<u32> {
    payload.bytes().all(|b| b.is_ascii_digit()).then(|| (10 - luhn_sum(payload, true) % 10) % 10)
}

/// Sums digits from the right, doubling every second one (subtracting 9 when
/// the double exceeds 9). `doubling_first` is true when the rightmost digit of
/// `digits` is itself to be doubled, i.e. a check digit is yet to be appended.
/// The caller makes sure `digits` is ASCII digits.
fn luhn_sum(digits: &str, doubling_first: bool) -> u32 {
    digits
        .bytes()
        .rev()
        .map(|b| u32::from(b - b'0'))
        .enumerate()
        .map(|(i, d)| {
            if (i % 2 == 0) == doubling_first {
                let twice = d * 2;
                if twice > 9 {
                    twice - 9
                } else {
                    twice
                }
            } else {
                d
            }
        })
        .sum()
}

/// The ABA routing-number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9)
/// ≡ 0 (mod 10). False unless `digits` is exactly 9 ASCII digits.
pub fn aba_valid(digits: &str) -> bool {
    match digit_values(digits) {
        Some(d) if d.len() == 9 => {
            let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
            sum % 10 == 0
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Cards

/// A card network. Its one text form is the name people know (`Visa`,
/// `American Express`): stored, shown and in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(into = "&'static str")]
pub enum CardBrand {
    Visa,
    Mastercard,
    #[strum(serialize = "American Express")]
    Amex,
    Discover,
}

impl CardBrand {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The brand a card number belongs to, from its leading digits (the issuer
    /// identification number ranges each network publishes).
    pub fn detect(digits: &str) -> Option<CardBrand> {
        // A prefix of `n` digits as a number, if the number has that many.
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
        let within = |n: usize, lo: u32, hi: u32| prefix(n).is_some_and(|p| (lo..=hi).contains(&p));
        if within(1, 4, 4) {
            Some(CardBrand::Visa)
        } else if within(2, 51, 55) || within(4, 2221, 2720) {
            Some(CardBrand::Mastercard)
        } else if within(2, 34, 34) || within(2, 37, 37) {
            Some(CardBrand::Amex)
        } else if within(4, 6011, 6011) || within(3, 644, 649) || within(2, 65, 65) {
            Some(CardBrand::Discover)
        } else {
            None
        }
    }

    /// The number lengths the brand issues.
    pub fn lengths(self) -> &'static [usize] {
        match self {
            CardBrand::Visa => &[13, 16, 19],
            CardBrand::Mastercard => &[16],
            CardBrand::Amex => &[15],
            CardBrand::Discover => &[16, 17, 18, 19],
        }
    }

    fn lengths_text(self) -> &'static str {
        match self {
            CardBrand::Visa => "13, 16 or 19",
            CardBrand::Mastercard => "16",
            CardBrand::Amex => "15",
            CardBrand::Discover => "16 to 19",
        }
    }

    fn with_article(self) -> &'static str {
        match self {
            CardBrand::Visa => "a Visa",
            CardBrand::Mastercard => "a Mastercard",
            CardBrand::Amex => "an American Express card",
            CardBrand::Discover => "a Discover card",
        }
    }
}

/// A card number that has passed every check. Holds the full digits, so it
/// never prints them: see the module comment.
#[derive(Clone, PartialEq, Eq)]
pub struct CardNumber {
    digits: String,
    brand: CardBrand,
}

impl CardNumber {
    pub fn brand(&self) -> CardBrand {
        self.brand
    }

    pub fn last4(&self) -> &str {
        &self.digits[self.digits.len() - 4..]
    }

    /// The full number, digits only, for the gateway and nothing else.
    pub fn expose_digits(&self) -> &str {
        &self.digits
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber({:?}, {})", self.brand, masked(&self.digits))
    }
}

/// Parses a card number typed with or without spaces or dashes. Checks, in
/// order: characters, brand, length for the brand, Luhn checksum.
pub fn parse_card_number(text: &str) -> Result<CardNumber, MethodError> {
    let digits = strip_separators(text).map_err(MethodError::CardNotDigits)?;
    if digits.is_empty() {
        return Err(MethodError::CardEmpty);
    }
    let Some(brand) = CardBrand::detect(&digits) else {
        // Name the last four only when they are not (nearly) the whole input.
        let last4 = (digits.len() > 4).then(|| last4(&digits));
        return Err(MethodError::UnknownBrand { last4 });
    };
    if !brand.lengths().contains(&digits.len()) {
        return Err(MethodError::CardLength { brand, digits: digits.len() });
    }
    if !luhn_valid(&digits) {
        return Err(MethodError::CardChecksum { last4: last4(&digits) });
    }
    Ok(CardNumber { digits, brand })
}

// ---------------------------------------------------------------------------
// Expiry

/// The month a card expires. A card is good through the last day of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Expiry(Month);

impl Expiry {
    pub fn new(year: i32, month: u32) -> Option<Expiry> {
        Month::new(year, month).map(Expiry)
    }

    /// Parses `MM/YY`, `MM/YYYY` (a one-digit month like `1/27` is accepted:
    /// it is unambiguous and how many people write it) without judging whether
    /// it has passed: for reading a stored expiry back. New input goes through
    /// `parse_expiry`. A two-digit year is 20YY.
    pub fn parse(text: &str) -> Result<Expiry, MethodError> {
        let malformed = || MethodError::ExpiryMalformed(echo_safe(text));
        let (mm, yy) = text.trim().split_once('/').ok_or_else(malformed)?;
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(1..=2).contains(&mm.len()) || !matches!(yy.len(), 2 | 4) || !all_digits(mm) || !all_digits(yy) {
            return Err(malformed());
        }
        let month: u32 = mm.parse().map_err(|_| malformed())?;
        let mut year: i32 = yy.parse().map_err(|_| malformed())?;
        if yy.len() == 2 {
            year += 2000;
        }
        if !(1..=12).contains(&month) {
            return Err(MethodError::ExpiryMonth(echo_safe(text.trim())));
        }
        // Only a four-digit year before 1900 can fail here.
        Expiry::new(year, month).ok_or_else(malformed)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The last day the card can be used: the day alerts count towards.
    pub fn last_day(self) -> NaiveDate {
        self.0.last_day()
    }

    /// True once the expiry month is over; a card expiring this month is
    /// still good.
    pub fn is_past(self, today: NaiveDate) -> bool {
        self.0 < Month::of(today)
    }
}

impl fmt::Display for Expiry {
    /// `MM/YY`, as printed on the card.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}", self.month(), self.year().rem_euclid(100))
    }
}

impl Serialize for Expiry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for Expiry {
    type Err = MethodError;
    /// Reads a stored expiry back (see `Expiry::parse`).
    fn from_str(s: &str) -> Result<Expiry, MethodError> {
        Expiry::parse(s)
    }
}

/// Parses a new card's expiry and refuses one already past as of `today`.
pub fn parse_expiry(text: &str, today: NaiveDate) -> Result<Expiry, MethodError> {
    let expiry = Expiry::parse(text)?;
    if expiry.is_past(today) {
        return Err(MethodError::ExpiryPast(expiry));
    }
    Ok(expiry)
}

// ---------------------------------------------------------------------------
// Banks

/// A bank account's kind (typed in either case on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(into = "&'static str")]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum BankKind {
    Checking,
    Savings,
}

impl BankKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A nine-digit ABA routing number that passes its checksum. Not a secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RoutingNumber(String);

impl RoutingNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoutingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for RoutingNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl FromStr for RoutingNumber {
    type Err = MethodError;
    fn from_str(s: &str) -> Result<RoutingNumber, MethodError> {
        parse_routing(s)
    }
}

/// Parses a routing number: exactly 9 digits (surrounding spaces ignored)
/// passing the ABA checksum.
pub fn parse_routing(text: &str) -> Result<RoutingNumber, MethodError> {
    let digits = text.trim();
    if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(MethodError::RoutingNotDigits(bad));
    }
    if digits.len() != 9 {
        return Err(MethodError::RoutingLength(digits.len()));
    }
    if !aba_valid(digits) {
        return Err(MethodError::RoutingChecksum { last4: last4(digits) });
    }
    Ok(RoutingNumber(digits.to_string()))
}

/// A bank account number of 4 to 17 digits, leading zeros kept. A secret
/// like a card number: see the module comment.
#[derive(Clone, PartialEq, Eq)]
pub struct AccountNumber(String);

impl AccountNumber {
    pub fn last4(&self) -> &str {
        &self.0[self.0.len() - 4..]
    }

    /// The full number, for the gateway and nothing else.
    pub fn expose_digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountNumber({})", masked(&self.0))
    }
}

/// The shortest and longest account numbers accepted (the NACHA field holds 17).
const ACCOUNT_DIGITS: std::ops::RangeInclusive<usize> = 4..=17;

/// Parses a bank account number: 4 to 17 digits, spaces and dashes ignored.
pub fn parse_account_number(text: &str) -> Result<AccountNumber, MethodError> {
    let digits = strip_separators(text).map_err(MethodError::AccountNotDigits)?;
    if !ACCOUNT_DIGITS.contains(&digits.len()) {
        return Err(MethodError::AccountLength(digits.len()));
    }
    Ok(AccountNumber(digits))
}

// ---------------------------------------------------------------------------
// Methods on file

/// What the ledger's `brand` column holds: a card's network, or a bank
/// account's kind. Which one it is says the method's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Brand {
    Card(CardBrand),
    Bank(BankKind),
}

impl Brand {
    pub fn kind(self) -> MethodKind {
        match self {
            Brand::Card(_) => MethodKind::Card,
            Brand::Bank(_) => MethodKind::Bank,
        }
    }

    /// `Visa`, `American Express`, `checking`: stored, shown and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Brand::Card(brand) => brand.as_str(),
            Brand::Bank(kind) => kind.as_str(),
        }
    }
}

impl fmt::Display for Brand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a method stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(into = "&'static str")]
#[strum(serialize_all = "snake_case")]
pub enum MethodState {
    /// A bank account whose micro-deposits are not confirmed yet (or a card the gateway did not verify).
    Unverified,
    Verified,
    /// Locked after `MAX_VERIFY_ATTEMPTS` wrong micro-deposit tries.
    VerificationFailed,
    Removed,
    /// A card past its expiry month: worked out from the clock (`shown_state`), never stored.
    Expired,
}

impl MethodState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The state to show and act on as of `today`: a card is good through the
    /// last day of its expiry month and `expired` from the next day on
    /// (unless removed, which it stays).
    pub fn shown(self, exp: Option<Expiry>, today: NaiveDate) -> MethodState {
        match self {
            MethodState::Removed => self,
            _ if exp.is_some_and(|e| e.is_past(today)) => MethodState::Expired,
            _ => self,
        }
    }
}

/// True when `given` is exactly the two micro-deposit amounts, in either order.
pub fn check_microdeposits(expected: (Money, Money), given: &[Money]) -> bool {
    let (a, b) = expected;
    matches!(given, [x, y] if (*x == a && *y == b) || (*x == b && *y == a))
}

/// Whether a bank method may try its micro-deposit amounts (again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeforeTry {
    /// Nothing to do.
    AlreadyVerified,
    /// `MAX_VERIFY_ATTEMPTS` wrong tries were made: no more.
    Locked,
    /// This is try number `n` (1 for the first).
    Try(u32),
}

/// Where a method in `state` after `tries` counted tries stands.
pub fn before_try(state: MethodState, tries: u32) -> BeforeTry {
    match state {
        MethodState::Verified => BeforeTry::AlreadyVerified,
        MethodState::VerificationFailed => BeforeTry::Locked,
        _ if tries >= MAX_VERIFY_ATTEMPTS => BeforeTry::Locked,
        _ => BeforeTry::Try(tries + 1),
    }
}

/// What one micro-deposit try did. Every try counts, the right one too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryOutcome {
    Verified,
    Wrong {
        tries_left: u32,
    },
    /// The last allowed try was wrong: the method is locked.
    Locked,
}

impl TryOutcome {
    /// Try number `attempt` (from `BeforeTry::Try`), right or wrong.
    pub fn of(attempt: u32, matched: bool) -> TryOutcome {
        match (matched, MAX_VERIFY_ATTEMPTS.saturating_sub(attempt)) {
            (true, _) => TryOutcome::Verified,
            (false, 0) => TryOutcome::Locked,
            (false, tries_left) => TryOutcome::Wrong { tries_left },
        }
    }

    /// The method's state after the try.
    pub fn state(self) -> MethodState {
        match self {
            TryOutcome::Verified => MethodState::Verified,
            TryOutcome::Wrong { .. } => MethodState::Unverified,
            TryOutcome::Locked => MethodState::VerificationFailed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn card_err(text: &str) -> String {
        parse_card_number(text).unwrap_err().to_string()
    }

    #[test]
    fn sandbox_cards_are_valid() {
        for (number, brand) in [
            ("4242424242424242", CardBrand::Visa),
            ("5555555555554444", CardBrand::Mastercard),
            ("4000000000000002", CardBrand::Visa),
            ("4000000000009995", CardBrand::Visa),
            ("4000000000000069", CardBrand::Visa),
        ] {
            let card = parse_card_number(number).unwrap_or_else(|e| panic!("{number}: {e}"));
            assert_eq!(card.brand(), brand);
            assert_eq!(card.last4(), &number[12..]);
            assert_eq!(card.expose_digits(), number);
        }
    }

    #[test]
    fn other_brands_and_lengths() {
        assert_eq!(parse_card_number("378282246310005").unwrap().brand(), CardBrand::Amex);
        assert_eq!(parse_card_number("371449635398431").unwrap().brand(), CardBrand::Amex);
        assert_eq!(parse_card_number("6011111111111117").unwrap().brand(), CardBrand::Discover);
        assert_eq!(parse_card_number("2223003122003222").unwrap().brand(), CardBrand::Mastercard);
        assert_eq!(parse_card_number("4222222222222").unwrap().brand(), CardBrand::Visa);
        // 13 digits
    }

    #[test]
    fn brand_ranges_edges() {
        let b = CardBrand::detect;
        assert_eq!(b("2221000000000000"), Some(CardBrand::Mastercard));
        assert_eq!(b("2720990000000000"), Some(CardBrand::Mastercard));
        assert_eq!(b("2220990000000000"), None);
        assert_eq!(b("2721000000000000"), None);
        assert_eq!(b("5100000000000000"), Some(CardBrand::Mastercard));
        assert_eq!(b("5600000000000000"), None);
        assert_eq!(b("5000000000000000"), None);
        assert_eq!(b("3400000000000000"), Some(CardBrand::Amex));
        assert_eq!(b("3500000000000000"), None);
        assert_eq!(b("6440000000000000"), Some(CardBrand::Discover));
        assert_eq!(b("6490000000000000"), Some(CardBrand::Discover));
        assert_eq!(b("6430000000000000"), None);
        assert_eq!(b("6500000000000000"), Some(CardBrand::Discover));
        assert_eq!(b("6012000000000000"), None);
        assert_eq!(b("222"), None);
        assert_eq!(b(""), None);
    }

    #[test]
    fn separators_are_spaces_and_dashes_only() {
        for ok in ["4242 4242 4242 4242", "4242-4242-4242-4242", "  4242424242424242 ", "3782 822463 10005"] {
            assert!(parse_card_number(ok).is_ok(), "{ok}");
        }
        for bad in ["4242.4242.4242.4242", "4242_4242_4242_4242", "4242424242424242x", "４242424242424242"] {
            assert!(matches!(parse_card_number(bad), Err(MethodError::CardNotDigits(_))), "{bad}");
        }
        assert_eq!(parse_card_number("  - "), Err(MethodError::CardEmpty));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(card_err("4242424242424243"), "card number fails the checksum (ending 4243)");
        assert_eq!(card_err("424242424242424"), "card number has 15 digits; a Visa has 13, 16 or 19");
        assert_eq!(card_err("55555555555544"), "card number has 14 digits; a Mastercard has 16");
        assert_eq!(card_err("3782822463100050"), "card number has 16 digits; an American Express card has 15");
        assert_eq!(card_err("601111111111111"), "card number has 15 digits; a Discover card has 16 to 19");
        assert_eq!(
            card_err("9999888877776666"),
            "card number ending 6666 is not a Visa, Mastercard, American Express or Discover number"
        );
        assert_eq!(card_err("9999"), "card number is not a Visa, Mastercard, American Express or Discover number");
        assert_eq!(card_err("4242 4242 424x"), "card number may contain only digits, spaces and dashes (found `x`)");
    }

    #[test]
    fn nothing_shows_a_full_number() {
        let card = parse_card_number("4242 4242 4242 4242").unwrap();
        assert_eq!(format!("{card:?}"), "CardNumber(Visa, ****4242)");
        assert!(!format!("{card:#?}").contains("4242424242424242"));
        let account = parse_account_number("000123456789").unwrap();
        assert_eq!(format!("{account:?}"), "AccountNumber(****6789)");
        assert_eq!(account.last4(), "6789");
        for bad in ["4242424242424243", "424242424242424", "9999888877776666", "4242424242424242424242"] {
            let err = parse_card_number(bad).unwrap_err();
            assert!(!err.to_string().contains(bad), "{err}");
            assert!(!format!("{err:?}").contains(bad), "{err:?}");
        }
        let err = parse_account_number("123456789012345678").unwrap_err();
        assert!(!err.to_string().contains("123456789012345678"));
    }

    #[test]
    fn last4_ignores_separators() {
        assert_eq!(last4("4242-4242-4242-1234"), "1234");
        assert_eq!(last4("12"), "12");
        assert_eq!(last4(""), "");
    }

    #[test]
    fn luhn_helpers() {
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("4242x"));
        assert_eq!(luhn_check_digit("7992739871"), Some(3));
        assert_eq!(luhn_check_digit("424242424242424"), Some(2));
        assert_eq!(luhn_check_digit("42x"), None);
    }

    #[test]
    fn expiry_this_month_is_good_last_month_is_not() {
        let today = day(2027, 3, 31);
        assert_eq!(parse_expiry("03/27", today).unwrap().to_string(), "03/27");
        assert_eq!(parse_expiry("03/2027", today).unwrap().to_string(), "03/27");
        assert_eq!(parse_expiry("02/27", today), Err(MethodError::ExpiryPast(Expiry::new(2027, 2).unwrap())));
        assert_eq!(parse_expiry("02/27", today).unwrap_err().to_string(), "expiry 02/27 is in the past");
        assert_eq!(parse_expiry("12/26", day(2027, 1, 1)).unwrap_err().to_string(), "expiry 12/26 is in the past");
        assert!(parse_expiry("01/28", day(2027, 12, 31)).is_ok());
    }

    #[test]
    fn expiry_shapes() {
        let today = day(2026, 6, 15);
        // A one-digit month is accepted.
        assert_eq!(parse_expiry("1/27", today).unwrap().to_string(), "01/27");
        assert_eq!(parse_expiry(" 1/2027 ", today).unwrap(), Expiry::new(2027, 1).unwrap());
        assert_eq!(
            parse_expiry("13/27", today).unwrap_err().to_string(),
            "`13/27` has no such month (months are 01 to 12)"
        );
        assert!(matches!(parse_expiry("00/27", today), Err(MethodError::ExpiryMonth(_))));
        for bad in ["", "0127", "01-27", "01/7", "01/027", "001/27", "ab/cd", "01/27/01", "/27", "01/", "+1/27"] {
            assert!(matches!(parse_expiry(bad, today), Err(MethodError::ExpiryMalformed(_))), "{bad}");
        }
    }

    #[test]
    fn expiry_last_day_and_serialization() {
        let feb28 = Expiry::parse("02/27").unwrap();
        assert_eq!(feb28.last_day(), day(2027, 2, 28));
        assert_eq!(Expiry::parse("02/28").unwrap().last_day(), day(2028, 2, 29));
        assert_eq!(Expiry::parse("12/30").unwrap().last_day(), day(2030, 12, 31));
        assert_eq!(feb28.year(), 2027);
        assert_eq!(feb28.month(), 2);
        // Reading back a stored expiry does not judge it.
        assert!(Expiry::parse("01/20").unwrap().is_past(day(2026, 1, 1)));
        let json = serde_json::to_string(&Expiry::parse("7/2029").unwrap()).unwrap();
        assert_eq!(json, "\"07/29\"");
    }

    #[test]
    fn errors_do_not_echo_a_number_typed_into_the_wrong_field() {
        assert_eq!(echo_safe("12/30"), "12/30");
        assert_eq!(echo_safe("02108-1234"), "02108-1234");
        assert_eq!(echo_safe("4242424242424242"), "************4242");
        assert_eq!(echo_safe("12/4242424242424242 x"), "12/************4242 x");
        assert_eq!(echo_safe("123456"), "**3456");
        let text = parse_expiry("4242424242424242", day(2027, 1, 5)).unwrap_err().to_string();
        assert!(!text.contains("4242424242424242") && text.contains("4242"), "{text}");
    }

    #[test]
    fn routing_numbers() {
        assert_eq!(parse_routing("110000000").unwrap().to_string(), "110000000");
        assert_eq!(parse_routing(" 021000021 ").unwrap().as_str(), "021000021");
        assert_eq!(
            parse_routing("110000001").unwrap_err().to_string(),
            "routing number ending 0001 fails the ABA checksum"
        );
        assert_eq!(
            parse_routing("123456789").unwrap_err().to_string(),
            "routing number ending 6789 fails the ABA checksum"
        );
        assert_eq!(parse_routing("11000000"), Err(MethodError::RoutingLength(8)));
        assert_eq!(parse_routing("1100000000"), Err(MethodError::RoutingLength(10)));
        assert_eq!(parse_routing("11000-0000"), Err(MethodError::RoutingNotDigits('-')));
        assert_eq!(parse_routing(""), Err(MethodError::RoutingLength(0)));
    }

    #[test]
    fn account_numbers() {
        for ok in ["000123456789", "000222222227", "000111111113", "000111111116", "1234", "12345678901234567"] {
            assert_eq!(parse_account_number(ok).unwrap().expose_digits(), ok);
        }
        assert_eq!(parse_account_number("0001-2345 6789").unwrap().expose_digits(), "000123456789");
        assert_eq!(
            parse_account_number("123").unwrap_err().to_string(),
            "account number must be 4 to 17 digits (it has 3)"
        );
        assert_eq!(parse_account_number("123456789012345678"), Err(MethodError::AccountLength(18)));
        assert_eq!(parse_account_number(""), Err(MethodError::AccountLength(0)));
        assert_eq!(parse_account_number("12345a"), Err(MethodError::AccountNotDigits('a')));
    }

    #[test]
    fn kinds_and_brands_have_one_text_form() {
        assert_eq!("checking".parse::<BankKind>(), Ok(BankKind::Checking));
        assert_eq!("Savings".parse::<BankKind>(), Ok(BankKind::Savings));
        assert!("credit".parse::<BankKind>().is_err());
        for name in CardBrand::VARIANTS {
            let brand: CardBrand = name.parse().unwrap();
            assert_eq!((brand.as_str(), brand.to_string()), (*name, name.to_string()));
        }
        assert_eq!(CardBrand::VARIANTS, ["Visa", "Mastercard", "American Express", "Discover"]);
        assert!("amex".parse::<CardBrand>().is_err() && "Diners".parse::<CardBrand>().is_err());
        assert_eq!(serde_json::to_string(&CardBrand::Amex).unwrap(), "\"American Express\"");
        assert_eq!(serde_json::to_string(&BankKind::Savings).unwrap(), "\"savings\"");
        assert_eq!(Brand::Card(CardBrand::Visa).to_string(), "Visa");
        assert_eq!(
            (Brand::Bank(BankKind::Checking).as_str(), Brand::Bank(BankKind::Checking).kind()),
            ("checking", MethodKind::Bank)
        );
        assert_eq!(Brand::Card(CardBrand::Amex).kind(), MethodKind::Card);
        for name in MethodState::VARIANTS {
            assert_eq!(name.parse::<MethodState>().unwrap().as_str(), *name);
        }
        assert_eq!(MethodState::VerificationFailed.as_str(), "verification_failed");
    }

    #[test]
    fn a_card_is_good_through_the_last_day_of_its_expiry_month() {
        let exp = Expiry::parse("02/27").ok();
        for state in [MethodState::Verified, MethodState::Unverified, MethodState::VerificationFailed] {
            assert_eq!(state.shown(exp, day(2027, 2, 28)), state, "last day of the month");
            assert_eq!(state.shown(exp, day(2027, 3, 1)), MethodState::Expired, "the next day");
        }
        assert_eq!(MethodState::Verified.shown(exp, day(2026, 12, 31)), MethodState::Verified);
        // A leap year's February ends on the 29th.
        let leap = Expiry::parse("02/28").ok();
        assert_eq!(MethodState::Verified.shown(leap, day(2028, 2, 29)), MethodState::Verified);
        assert_eq!(MethodState::Verified.shown(leap, day(2028, 3, 1)), MethodState::Expired);
        // Removed stays removed; a bank account has no expiry.
        assert_eq!(MethodState::Removed.shown(exp, day(2030, 1, 1)), MethodState::Removed);
        assert_eq!(MethodState::Verified.shown(None, day(2099, 1, 1)), MethodState::Verified);
    }

    #[test]
    fn three_wrong_micro_deposit_tries_lock_the_method() {
        use MethodState::*;
        assert_eq!(MAX_VERIFY_ATTEMPTS, 3);
        assert_eq!(before_try(Unverified, 0), BeforeTry::Try(1));
        // The first and second wrong tries leave it unverified, with fewer tries left.
        assert_eq!(TryOutcome::of(1, false), TryOutcome::Wrong { tries_left: 2 });
        assert_eq!(TryOutcome::of(1, false).state(), Unverified);
        assert_eq!(before_try(Unverified, 1), BeforeTry::Try(2));
        assert_eq!(TryOutcome::of(2, false), TryOutcome::Wrong { tries_left: 1 });
        // The third wrong try locks it.
        assert_eq!(before_try(Unverified, 2), BeforeTry::Try(3));
        assert_eq!(TryOutcome::of(3, false), TryOutcome::Locked);
        assert_eq!(TryOutcome::of(3, false).state(), VerificationFailed);
        // The right amounts after wrong tries verify it, the last try too.
        assert_eq!(TryOutcome::of(2, true), TryOutcome::Verified);
        assert_eq!(TryOutcome::of(3, true).state(), Verified);
        assert_eq!(TryOutcome::of(1, true).state(), Verified);
        // Locked stays locked, however many tries are counted; verified stays verified.
        assert_eq!(before_try(VerificationFailed, 3), BeforeTry::Locked);
        assert_eq!(before_try(VerificationFailed, 0), BeforeTry::Locked);
        assert_eq!(before_try(Unverified, 3), BeforeTry::Locked);
        assert_eq!(before_try(Verified, 1), BeforeTry::AlreadyVerified);
    }

    #[test]
    fn microdeposits_in_either_order() {
        let c = Money::from_cents;
        let expected = (c(32), c(45));
        assert!(check_microdeposits(expected, &[c(32), c(45)]));
        assert!(check_microdeposits(expected, &[c(45), c(32)]));
        assert!(!check_microdeposits(expected, &[c(32), c(32)]));
        assert!(!check_microdeposits(expected, &[c(32)]));
        assert!(!check_microdeposits(expected, &[c(32), c(45), c(45)]));
        assert!(!check_microdeposits(expected, &[]));
        assert!(check_microdeposits((c(7), c(7)), &[c(7), c(7)]));
        assert!(!check_microdeposits((c(7), c(7)), &[c(7), c(8)]));
    }

    /// A number with `payload` and its Luhn check digit appended.
    fn with_check_digit(payload: &str) -> String {
        format!("{payload}{}", luhn_check_digit(payload).unwrap())
    }

    proptest! {
        #[test]
        fn appended_check_digit_passes_and_one_changed_digit_fails(
            payload in "[0-9]{12,18}",
            pos in any::<prop::sample::Index>(),
            bump in 1u8..10,
        ) {
            let number = with_check_digit(&payload);
            prop_assert!(luhn_valid(&number));
            // Luhn catches every single-digit error.
            let mut bytes = number.into_bytes();
            let i = pos.index(bytes.len());
            bytes[i] = b'0' + (bytes[i] - b'0' + bump) % 10;
            prop_assert!(!luhn_valid(&String::from_utf8(bytes).unwrap()));
        }

        #[test]
        fn generated_visa_numbers_parse(body in "[0-9]{14}") {
            let number = with_check_digit(&format!("4{body}"));
            let card = parse_card_number(&number).unwrap();
            prop_assert_eq!(card.brand(), CardBrand::Visa);
            let shown = format!("{card:?}");
            prop_assert!(!shown.contains(&number));
        }

        #[test]
        fn errors_never_hold_the_full_number(number in "[0-9]{5,22}") {
            if let Err(e) = parse_card_number(&number) {
                prop_assert!(!e.to_string().contains(&number));
                let debug = format!("{e:?}");
                prop_assert!(!debug.contains(&number));
            }
            if let Err(e) = parse_account_number(&number) {
                prop_assert!(!e.to_string().contains(&number));
            }
        }

        #[test]
        fn aba_check_digit_catches_one_changed_digit(
            payload in "[0-9]{8}",
            pos in 0usize..9,
            bump in 1u32..10,
        ) {
            let d: Vec<u32> = payload.chars().map(|c| c.to_digit(10).unwrap()).collect();
            let partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5];
            let number = format!("{payload}{}", (10 - partial % 10) % 10);
            prop_assert!(parse_routing(&number).is_ok());
            let mut digits: Vec<u32> = number.chars().map(|c| c.to_digit(10).unwrap()).collect();
            digits[pos] = (digits[pos] + bump) % 10;
            let changed: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
            prop_assert!(!aba_valid(&changed));
        }
    }
}
