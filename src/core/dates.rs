//! Coverage months and calendar dates, parsed strictly.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Serialize, Serializer};

use super::text::excerpt;

/// A coverage month, e.g. `2027-01`. Stored as a month index so that ordering
/// and arithmetic are plain integer operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a month (expected YYYY-MM, e.g. 2027-01)")]
    BadMonth(String),
    #[error("`{0}` is not a date (expected YYYY-MM-DD, e.g. 2027-01-23)")]
    BadDate(String),
    #[error("`{0}` is not a day of the calendar")]
    ImpossibleDate(String),
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year)).then(|| Month(year * 12 + month as i32 - 1))
    }

    #[cfg(test)]
    pub fn from_index(index: i32) -> Month {
        Month(index)
    }

    pub fn index(self) -> i32 {
        self.0
    }

    pub fn of(date: NaiveDate) -> Month {
        Month(date.year() * 12 + date.month0() as i32)
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    pub fn plus(self, months: i32) -> Month {
        Month(self.0 + months)
    }

    pub fn next(self) -> Month {
        self.plus(1)
    }

    pub fn prev(self) -> Month {
        self.plus(-1)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).expect("valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Days::new(1)
    }

    /// The given day of this month, clamped to the month's last day.
    pub fn day(self, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), day).unwrap_or_else(|| self.last_day())
    }

    pub fn parse(text: &str) -> Result<Month, DateError> {
        let bad = || DateError::BadMonth(excerpt(text));
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !is_digits(y) || !is_digits(m) {
            return Err(bad());
        }
        Month::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses `YYYY-MM-DD`, telling a malformed date from an impossible one.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    // Read byte by byte, with no allocation: a scheduler run reads a date
    // from every payment row of the accounts it drafts.
    let t = text.trim().as_bytes();
    let shaped = t.len() == 10
        && t.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return Err(DateError::BadDate(excerpt(text)));
    }
    let n = |from: usize, to: usize| t[from..to].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    NaiveDate::from_ymd_opt(n(0, 4) as i32, n(5, 7), n(8, 10))
        .filter(|d| (1900..=9999).contains(&d.year()))
        .ok_or_else(|| DateError::ImpossibleDate(excerpt(text)))
}

/// `YYYY-MM-DD`, written directly: bulk imports format a date per row, and
/// chrono's formatter is made for flexibility, not for that.
pub fn iso(date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let mut out = String::with_capacity(10);
    for digit in [y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10] {
        out.push(char::from(b'0' + digit as u8));
    }
    out.push('-');
    out.push(char::from(b'0' + (m / 10) as u8));
    out.push(char::from(b'0' + (m % 10) as u8));
    out.push('-');
    out.push(char::from(b'0' + (d / 10) as u8));
    out.push(char::from(b'0' + (d % 10) as u8));
    out
}

pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date + Days::new(u64::from(days))
}

/// `days` business days (Monday to Friday) after `date`.
pub fn add_business_days(date: NaiveDate, days: u32) -> NaiveDate {
    let mut day = date;
    let mut left = days;
    while left > 0 {
        day = day + Days::new(1);
        if day.weekday().number_from_monday() <= 5 {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_matches_chrono() {
        for text in ["2027-01-07", "1999-12-31", "2028-02-29", "9999-09-09"] {
            let date = parse_date(text).unwrap();
            assert_eq!(iso(date), date.to_string());
        }
    }

    #[test]
    fn business_days_skip_weekends() {
        // 2027-01-07 is a Thursday.
        assert_eq!(add_business_days(parse_date("2027-01-07").unwrap(), 2).to_string(), "2027-01-11");
        assert_eq!(add_business_days(parse_date("2027-01-04").unwrap(), 2).to_string(), "2027-01-06");
        assert_eq!(add_business_days(parse_date("2027-01-09").unwrap(), 2).to_string(), "2027-01-12");
    }

    #[test]
    fn months_parse_strictly() {
        assert_eq!(Month::parse("2027-01").unwrap().to_string(), "2027-01");
        for bad in ["2027-13", "2027-00", "2027-1", "27-01", "2027/01", "", "2027-01-01"] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        let jan = Month::parse("2027-01").unwrap();
        assert_eq!(jan.prev().to_string(), "2026-12");
        assert_eq!(jan.plus(14).to_string(), "2028-03");
        assert_eq!(jan.last_day().to_string(), "2027-01-31");
        assert_eq!(Month::parse("2027-02").unwrap().day(30).to_string(), "2027-02-28");
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date("2027-02-28").unwrap().to_string(), "2027-02-28");
        assert!(matches!(parse_date("2027-02-30"), Err(DateError::ImpossibleDate(_))));
        assert!(matches!(parse_date("2027-2-3"), Err(DateError::BadDate(_))));
        assert!(matches!(parse_date("tomorrow"), Err(DateError::BadDate(_))));
    }
}
