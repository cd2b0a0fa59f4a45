//! Payments as people describe them.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// How a payment made elsewhere was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    Check,
    Portal,
    Phone,
    InPerson,
    MoneyOrder,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Check => "check",
            Via::Portal => "portal",
            Via::Phone => "phone",
            Via::InPerson => "in-person",
            Via::MoneyOrder => "money-order",
        }
    }
}

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Via {
    type Err = String;
    fn from_str(s: &str) -> Result<Via, String> {
        match s.trim() {
            "check" => Ok(Via::Check),
            "portal" => Ok(Via::Portal),
            "phone" => Ok(Via::Phone),
            "in-person" => Ok(Via::InPerson),
            "money-order" => Ok(Via::MoneyOrder),
            other => Err(format!(
                "`{}` is not a way to pay (check, portal, phone, in-person or money-order)",
                super::text::excerpt(other)
            )),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn via_round_trips() {
        for via in [Via::Check, Via::Portal, Via::Phone, Via::InPerson, Via::MoneyOrder] {
            assert_eq!(via.as_str().parse::<Via>(), Ok(via));
        }
        assert!("wire".parse::<Via>().is_err());
    }

    #[test]
    fn confirmations_are_printable() {
        assert_eq!(check_confirmation(" HC-123 "), Ok("HC-123".into()));
        assert!(check_confirmation("").is_err());
        assert!(check_confirmation("a b").is_err());
    }
}
