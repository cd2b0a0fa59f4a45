//! The one integration-test binary: it drives the real `hcpay` executable.
//! `common` is the test environment; each other module is one topic.

mod common;

mod accounts;
mod alerts;
mod autopay;
mod bills;
mod config;
mod coverage;
mod crash;
mod demo;
mod docs;
mod faults;
mod files;
mod history;
mod import;
mod methods;
mod pay;
mod plans;
mod prompt;
mod scheduler;
mod secrets;
mod status;
mod validation;
