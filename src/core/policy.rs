//! The rules an exchange sets, with the Massachusetts Health Connector's
//! values as defaults. Every one can be changed in config.toml.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use super::dates::Month;
use super::payment::parse_choice;

/// A kind of payment method; config.toml's `accepted_methods` uses the same names.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Display, EnumString, IntoStaticStr, VariantNames,
)]
#[serde(try_from = "String", into = "&'static str")]
#[strum(serialize_all = "snake_case")]
pub enum MethodKind {
    Bank,
    Card,
}

impl MethodKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl TryFrom<String> for MethodKind {
    type Error = String;
    fn try_from(text: String) -> Result<MethodKind, String> {
        parse_choice(&text, "a kind of payment method")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// The bill for month M is issued on this day of month M-1.
    pub statement_day: u32,
    /// The bill for month M is due on this day of month M-1.
    pub due_day: u32,
    /// Autopay drafts on this day of month M-1.
    pub autopay_draft_day: u32,
    /// A change reported by this day applies from next month, later the month after.
    pub change_cutoff_day: u32,
    pub accepted_methods: Vec<MethodKind>,
    pub grace_months_subsidized: u32,
    pub grace_months_unsubsidized: u32,
    pub reinstatement_days: u32,
    pub retry_days: Vec<u32>,
    pub mandate_gap_months: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            statement_day: 10,
            due_day: 23,
            autopay_draft_day: 22,
            change_cutoff_day: 23,
            accepted_methods: vec![MethodKind::Bank, MethodKind::Card],
            grace_months_subsidized: 3,
            grace_months_unsubsidized: 1,
            reinstatement_days: 35,
            retry_days: vec![3, 7],
            mandate_gap_months: 3,
        }
    }
}

/// A policy value that makes no sense: the key and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    pub key: &'static str,
    pub message: String,
}

impl PolicyProblem {
    /// The current value of the problem's day key, for messages.
    pub fn value(&self, policy: &Policy) -> u32 {
        match self.key {
            "statement_day" => policy.statement_day,
            "autopay_draft_day" => policy.autopay_draft_day,
            "change_cutoff_day" => policy.change_cutoff_day,
            _ => policy.due_day,
        }
    }
}

impl Policy {
    /// A day autopay may draft on: a bill is drafted in the month before its
    /// coverage month, so it must be issued by then (the statement day) and
    /// not yet due (the due day). Both days themselves are fine.
    pub fn check_draft_day(&self, day: u32) -> Result<(), String> {
        if !(1..=28).contains(&day) || day < self.statement_day || day > self.due_day {
            return Err(format!(
                "{day} is not a day from {} (the statement day: the bill is out) to {} (the due day)",
                self.statement_day, self.due_day
            ));
        }
        Ok(())
    }

    /// Checks the values that serde cannot: ranges and how days relate.
    pub fn validate(&self) -> Result<(), PolicyProblem> {
        let problem = |key, message: String| Err(PolicyProblem { key, message });
        for (key, day) in [
            ("statement_day", self.statement_day),
            ("due_day", self.due_day),
            ("autopay_draft_day", self.autopay_draft_day),
            ("change_cutoff_day", self.change_cutoff_day),
        ] {
            if !(1..=28).contains(&day) {
                return problem(key, format!("{day} is not a day from 1 to 28 (every month has it)"));
            }
        }
        if self.statement_day > self.due_day {
            return problem("statement_day", "a bill cannot be issued after it is due".into());
        }
        if let Err(why) = self.check_draft_day(self.autopay_draft_day) {
            return problem("autopay_draft_day", why);
        }
        if self.accepted_methods.is_empty() {
            return problem("accepted_methods", "at least one of \"bank\" or \"card\" is needed".into());
        }
        for (key, months) in [
            ("grace_months_subsidized", self.grace_months_subsidized),
            ("grace_months_unsubsidized", self.grace_months_unsubsidized),
        ] {
            if !(1..=12).contains(&months) {
                return problem(key, format!("{months} is not a number of months from 1 to 12"));
            }
        }
        if self.reinstatement_days > 365 {
            return problem("reinstatement_days", "at most 365 days".into());
        }
        if self.retry_days.iter().any(|d| !(1..=28).contains(d)) || self.retry_days.windows(2).any(|w| w[0] >= w[1]) {
            return problem("retry_days", "days from 1 to 28, in increasing order".into());
        }
        if self.mandate_gap_months > 12 {
            return problem("mandate_gap_months", "at most 12 months".into());
        }
        Ok(())
    }

    pub fn statement_date(&self, month: Month) -> NaiveDate {
        month.prev().day(self.statement_day)
    }

    pub fn due_date(&self, month: Month) -> NaiveDate {
        month.prev().day(self.due_day)
    }

    pub fn grace_months(&self, subsidized: bool) -> u32 {
        if subsidized {
            self.grace_months_subsidized
        } else {
            self.grace_months_unsubsidized
        }
    }

    /// The first month a change reported on `date` applies to.
    pub fn change_applies_from(&self, reported_on: NaiveDate) -> Month {
        let month = Month::of(reported_on);
        if reported_on.day() <= self.change_cutoff_day {
            month.next()
        } else {
            month.plus(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_date;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Policy::default().validate(), Ok(()));
    }

    #[test]
    fn change_rule_uses_the_cutoff() {
        let p = Policy::default();
        let from = |d| p.change_applies_from(parse_date(d).unwrap()).to_string();
        assert_eq!(from("2027-03-23"), "2027-04");
        assert_eq!(from("2027-03-24"), "2027-05");
        assert_eq!(from("2027-12-01"), "2028-01");
    }

    #[test]
    fn bad_days_name_their_key() {
        let p = Policy { due_day: 31, ..Policy::default() };
        assert_eq!(p.validate().unwrap_err().key, "due_day");
        let p = Policy { statement_day: 25, ..Policy::default() };
        assert_eq!(p.validate().unwrap_err().key, "statement_day");
    }

    #[test]
    fn accepted_methods_use_the_kinds_own_names() {
        let p: Policy = toml::from_str("accepted_methods = [\"card\"]").unwrap();
        assert_eq!(p.accepted_methods, [MethodKind::Card]);
        let err = toml::from_str::<Policy>("accepted_methods = [\"bank\", \"cash\"]").unwrap_err();
        assert!(err.message().contains("`cash` is not a kind of payment method (expected bank, card)"), "{err}");
        assert_eq!(serde_json::to_value(MethodKind::Bank).unwrap(), "bank");
    }

    #[test]
    fn statement_and_due_dates_fall_in_the_month_before() {
        let p = Policy::default();
        let jan = Month::parse("2027-01").unwrap();
        assert_eq!(p.statement_date(jan).to_string(), "2026-12-10");
        assert_eq!(p.due_date(jan).to_string(), "2026-12-23");
    }
}
