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
        use chrono::Timelike;
        // Written directly, not through a format string parsed each time: a
        // scheduler run stamps two audit lines per draft.
        let now = chrono::Utc::now();
        let (date, h, m, s) = (now.date_naive(), now.hour(), now.minute(), now.second());
        format!("{}T{h:02}:{m:02}:{s:02}Z", crate::core::dates::iso(date))
    }

    /// Today's local date: the default business date.
    pub fn local_today() -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_utc_to_the_second() {
        let before = chrono::Utc::now().timestamp();
        let stamp = Clock::on(NaiveDate::MIN).stamp();
        let read = chrono::NaiveDateTime::parse_from_str(&stamp, "%Y-%m-%dT%H:%M:%SZ").unwrap().and_utc().timestamp();
        assert!(stamp.len() == 20 && (before..=before + 1).contains(&read), "{stamp}");
    }
}
