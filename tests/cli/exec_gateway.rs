//! The exec gateway's program that cannot be started (missing, not
//! executable): it received nothing, so the attempt fails at once, the error
//! names the program and why, and nothing is left unknown to block later payments.

use std::path::Path;

use crate::common::{adapter, Env};
use crate::common::{gateway_payments, household, VISA};

fn use_program(env: &Env, program: &Path) {
    use_program_for(env, program, 5);
}

fn use_program_for(env: &Env, program: &Path, timeout_secs: u32) {
    env.write_config(&format!(
        "[gateway]\nkind = \"exec\"\nprogram = \"{}\"\ntimeout_secs = {timeout_secs}\n",
        program.display()
    ));
}

/// The household with a card added through the working adapter.
fn with_card() -> Env {
    let env = household();
    use_program(&env, &adapter());
    env.run(&["method", "add", "card", "--number", VISA, "--exp", "12/30", "--holder", "Jo Smith"])
        .env("HCPAY_ADAPTER_STATE", env.path("adapter-state.json"))
        .as_of("2026-11-01")
        .ok();
    env
}

fn pay<'e>(env: &'e Env, amount: &str) -> crate::common::Run<'e> {
    env.run(&["pay", amount, "--yes", "--allow-overpay"])
        .env("HCPAY_ADAPTER_STATE", env.path("adapter-state.json"))
        .as_of("2027-01-15")
}

#[test]
fn a_program_that_does_not_exist_fails_the_payment_at_once_and_blocks_nothing() {
    let env = with_card();
    let missing = env.path("no/such/adapter");
    use_program(&env, &missing);
    for _ in 0..2 {
        let err = pay(&env, "10").fails(1, &[&missing.display().to_string(), "No such file or directory", "not sent"]);
        assert!(!err.contains("unknown"), "{err}");
    }
    let attempts = gateway_payments(&env, "2027-01-15");
    assert_eq!(attempts.len(), 2, "{attempts:#?}");
    for attempt in &attempts {
        assert_eq!(attempt["status"], "failed", "{attempt:#}");
        assert_eq!(attempt["failure_code"], "not_sent", "{attempt:#}");
    }
    // With the program back, the next payment goes through at once.
    use_program(&env, &adapter());
    pay(&env, "10").ok();
}

#[test]
fn a_program_that_is_not_executable_says_so() {
    let env = with_card();
    let script = env.write_file("adapter.py", &std::fs::read_to_string(adapter()).unwrap());
    use_program(&env, &script);
    pay(&env, "10").fails(1, &[&script.display().to_string(), "Permission denied"]);
    let err = env
        .run(&["method", "add", "card", "--number", VISA, "--exp", "12/30", "--holder", "Jo Smith"])
        .as_of("2026-11-01")
        .fails(1, &[&script.display().to_string(), "Permission denied", "nothing was saved"]);
    assert!(!err.contains("try again"), "{err}");
}

#[test]
fn an_unknown_payment_is_not_settled_by_a_program_that_cannot_start() {
    // The adapter took the charge but never answered: unknown. The program then
    // goes missing: that says nothing of the charge, which stays unknown.
    let env = with_card();
    // Long enough for the adapter to record the charge on a loaded machine before it hangs.
    use_program_for(&env, &adapter(), 4);
    pay(&env, "10").env("HCPAY_ADAPTER_MODE", "charge-then-hang").code(75);
    let missing = env.path("gone");
    use_program(&env, &missing);
    pay(&env, "10").fails(1, &[&missing.display().to_string(), "cannot be looked up", "stays unknown"]);
    assert_eq!(gateway_payments(&env, "2027-01-15")[0]["status"], "unknown");
    use_program(&env, &adapter());
    let settled = pay(&env, "10").ok();
    assert!(settled.contains("succeeded"), "{settled}");
    let attempts = gateway_payments(&env, "2027-01-15");
    assert!(attempts.iter().all(|p| p["status"] == "succeeded"), "{attempts:#?}");
}
