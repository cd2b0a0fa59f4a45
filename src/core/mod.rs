//! The pure core: money, dates, the policy, bills, allocation and coverage
//! rules. Plain data in, plain data out: no SQLite, no terminal, no clock.

pub mod alert;
pub mod allocation;
pub mod autopay;
pub mod billing;
pub mod coverage;
pub mod dates;
pub mod method;
pub mod money;
pub mod payment;
pub mod policy;
pub mod reconcile;
pub mod report;
#[cfg(test)]
pub mod testing;
pub mod text;
