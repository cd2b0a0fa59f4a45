//! The one integration-test binary: it drives the real `hcpay` executable.
//! `common` is the test environment; each other module is one topic.

mod common;

mod accounts;
mod alerts;
mod autopay;
mod backup;
mod bills;
mod channels;
mod choices;
mod config;
mod coverage;
mod crash;
mod demo;
mod docs;
mod exec_gateway;
mod export;
mod faults;
mod files;
mod history;
mod hostile;
mod import;
mod methods;
mod pay;
mod plans;
mod prompt;
mod reconcile;
mod report;
mod scheduler;
mod secrets;
mod servers;
mod status;
mod status_all;
mod validation;
