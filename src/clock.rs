//! The clock: the only place hcpay reads the time. A command gets its
//! `Clock` from the context; everything below takes it as a value.

use chrono::NaiveDate;

/// When something happens: the business date every rule sees (`--as-of`),
/// and the wall clock, for what is no business date (audit stamps, and how
/// long an attempt has waited for its gateway's answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub today: NaiveDate,
}

impl Clock {
    /// The clock of a command whose business date is `today`.
    pub fn on(today: NaiveDate) -> Clock {
        Clock { today }
    }

    /// Wall-clock seconds since the Unix epoch, read now.
    pub fn unix_seconds(self) -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    }

    /// The wall-clock time in UTC, for the audit log.
    pub fn stamp(self) -> String {
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// Today's local date: the default business date.
    pub fn local_today() -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}
