//! Operations that span the ledger and a gateway: the steps of a charge,
//! each in its own transaction, so that a crash between any two leaves a
//! ledger the next command completes.

pub mod answered;
pub mod attempt;
pub mod charge;
pub mod refund;
pub mod scheduler;
