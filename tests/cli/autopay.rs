//! `autopay enable|disable|status`: which methods, the first draft, what
//! `status` and `history --upcoming` show, and what `method remove` refuses.

use serde_json::Value;

use crate::common::Env;
use crate::common::{add_bank, add_card, household, DECLINED, VISA};

/// smith (see `common::household`): December paid; January's bill ($232.00)
/// is issued 2026-12-10, drafted 2026-12-22, due 2026-12-23.
pub fn enable(env: &Env, as_of: &str, args: &[&str]) -> String {
    let mut all = vec!["autopay", "enable"];
    all.extend_from_slice(args);
    env.run(&all).as_of(as_of).ok()
}

/// `status --json`'s autopay object.
pub fn autopay(env: &Env, as_of: &str) -> Value {
    env.json(as_of, &["status"])["autopay"].clone()
}

/// `alerts --all --json` kinds, oldest first.
pub fn alert_kinds(env: &Env, as_of: &str) -> Vec<String> {
    let alerts = env.json(as_of, &["alerts", "--all"]);
    let mut kinds: Vec<String> =
        alerts.as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap().to_string()).collect();
    kinds.reverse();
    kinds
}

#[test]
fn enabling_prints_the_first_draft_and_status_shows_it() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    env.run(&["pay", "--yes"]).as_of("2026-12-01").ok();
    let text = enable(&env, "2026-12-01", &["--method", &card]);
    assert!(text.contains("first draft: $232.00 on 2026-12-22 for 2027-01"), "{text}");
    let auto = autopay(&env, "2026-12-01");
    assert_eq!(auto["enabled"], true);
    assert_eq!(auto["method"], "Visa ending 4242");
    assert_eq!(auto["next_draft_date"], "2026-12-22");
    assert_eq!(auto["next_draft_amount"], "232.00");
    assert_eq!(auto["amount"], "due");
    let status = env.run(&["status"]).as_of("2026-12-01").ok();
    assert!(status.contains("autopay    on: Visa ending 4242"), "{status}");
    assert!(status.contains("next draft 2026-12-22: $232.00 for 2027-01"), "{status}");
    // The confirmation is an alert too, queued for the scheduler to deliver.
    let alerts = env.json("2026-12-01", &["alerts"]);
    assert_eq!(alerts[0]["kind"], "autopay_enabled", "{alerts:#}");
    assert_eq!(alerts[0]["account"], "smith");
    assert_eq!(alerts[0]["deliveries"][0]["channel"], "stdout");
    assert_eq!(alerts[0]["deliveries"][0]["state"], "pending");
    // `autopay status` lists the drafts ahead with the keys they will use.
    let doc = env.json("2026-12-01", &["autopay", "status"]);
    assert_eq!(doc["upcoming"][0]["reference"], "autopay:smith:2027-01:1", "{doc:#}");
    assert_eq!(doc["upcoming"][1]["date"], "2027-01-22");
}

#[test]
fn enabled_after_the_draft_day_with_a_bill_open_the_first_draft_is_the_next_day() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    env.run(&["pay", "--yes"]).as_of("2026-12-01").ok();
    // January's bill is open from 2026-12-10; its draft day is the 22nd.
    // On the draft day itself the day's run may be over: the next day.
    for (on, first) in [("2026-12-21", "2026-12-22"), ("2026-12-22", "2026-12-23"), ("2026-12-23", "2026-12-24")] {
        let text = enable(&env, on, &["--method", &card]);
        assert!(text.contains(&format!("first draft: $232.00 on {first} for 2027-01")), "{on}: {text}");
        assert_eq!(autopay(&env, on)["next_draft_date"], first, "{on}");
    }
}

#[test]
fn the_amount_is_due_premium_or_fixed() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    // As of 2027-01-15 January is past due and February open: due is both.
    enable(&env, "2027-01-15", &["--method", &card]);
    let auto = autopay(&env, "2027-01-15");
    assert_eq!(
        (auto["next_draft_date"].as_str(), auto["next_draft_amount"].as_str()),
        (Some("2027-01-16"), Some("464.00"))
    );
    enable(&env, "2027-01-15", &["--method", &card, "--amount", "premium"]);
    let doc = env.json("2027-01-15", &["autopay", "status"]);
    let firsts: Vec<(&str, &str)> = doc["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|u| (u["coverage_month"].as_str().unwrap(), u["amount"].as_str().unwrap()))
        .collect();
    assert_eq!(firsts, [("2027-01", "232.00"), ("2027-02", "232.00")]);
    enable(&env, "2027-01-15", &["--method", &card, "--amount", "250", "--start", "2027-02"]);
    let auto = autopay(&env, "2027-01-15");
    assert_eq!(auto["amount"], "fixed");
    assert_eq!(auto["fixed_amount"], "250.00");
    assert_eq!(
        (auto["next_draft_date"].as_str(), auto["next_draft_amount"].as_str()),
        (Some("2027-01-22"), Some("250.00"))
    );
}

#[test]
fn only_a_verified_accepted_method_can_draft() {
    let env = household();
    env.run(&["autopay", "enable"]).as_of("2026-12-01").rejected(&["no payment method", "method add"]);
    let unverified = add_bank(&env, "000123456789", false).to_string();
    env.run(&["autopay", "enable", "--method", &unverified])
        .as_of("2026-12-01")
        .rejected(&["not verified", "method verify"]);
    env.run(&["autopay", "enable", "--method", "99"]).as_of("2026-12-01").rejected(&["no method 99"]);
    let card = add_card(&env, VISA).to_string();
    env.run(&["autopay", "enable", "--method", &card, "--fallback", &card])
        .as_of("2026-12-01")
        .rejected(&["--fallback"]);
    // From the statement day (the bill is out) to the due day, both included.
    for day in ["0", "9", "24", "29"] {
        env.run(&["autopay", "enable", "--method", &card, "--draft-on", day])
            .as_of("2026-12-01")
            .rejected(&["--draft-on"]);
    }
    for day in ["10", "23"] {
        env.run(&["autopay", "enable", "--method", &card, "--draft-on", day]).as_of("2026-12-01").ok();
    }
    env.run(&["autopay", "enable", "--method", &card, "--amount", "0"]).as_of("2026-12-01").rejected(&["--amount"]);
    // The Health Connector takes bank accounts only.
    env.write_config("[policy]\naccepted_methods = [\"bank\"]\n");
    let stderr = env.run(&["autopay", "enable", "--method", &card]).as_of("2026-12-01").rejected(&["card"]);
    assert!(stderr.contains("hint: "), "{stderr}");
}

#[test]
fn disabling_stops_drafts_and_raises_an_alert() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    enable(&env, "2026-12-01", &["--method", &card]);
    let text = env.run(&["autopay", "disable"]).as_of("2026-12-02").ok();
    assert!(text.contains("autopay is off"), "{text}");
    assert_eq!(autopay(&env, "2026-12-02")["enabled"], false);
    assert_eq!(alert_kinds(&env, "2026-12-02"), ["method_changed", "autopay_enabled", "autopay_disabled"]);
    let again = env.run(&["autopay", "disable"]).as_of("2026-12-02").ok();
    assert!(again.contains("already off"), "{again}");
    assert_eq!(alert_kinds(&env, "2026-12-02").len(), 3);
    // Nothing is drafted on the draft day.
    let out = env.run(&["scheduler", "run"]).as_of("2026-12-22").code(0);
    assert!(!out.stdout.contains("drafted"), "{out}");
    assert_eq!(crate::common::sandbox_charges(&env), (0, 0));
}

#[test]
fn the_method_autopay_uses_cannot_be_removed() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    let fallback = add_card(&env, DECLINED).to_string();
    enable(&env, "2026-12-01", &["--method", &card, "--fallback", &fallback]);
    for id in [&card, &fallback] {
        let stderr = env.run(&["method", "remove", id]).as_of("2026-12-01").rejected(&["autopay"]);
        assert!(stderr.contains("autopay enable --method") && stderr.contains("autopay disable"), "{stderr}");
    }
    env.run(&["autopay", "disable"]).as_of("2026-12-01").ok();
    env.run(&["method", "remove", &fallback]).as_of("2026-12-01").ok();
}

#[test]
fn history_upcoming_lists_the_drafts_ahead() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    env.run(&["pay", "--yes"]).as_of("2026-12-01").ok();
    enable(&env, "2026-12-01", &["--method", &card]);
    let rows = env.json("2026-12-01", &["history", "--upcoming"]);
    let drafts: Vec<&Value> = rows.as_array().unwrap().iter().filter(|r| r["kind"] == "draft").collect();
    assert_eq!(drafts[0]["date"], "2026-12-22");
    assert_eq!(drafts[0]["amount"], "232.00");
    assert_eq!(drafts[0]["reference"], "autopay:smith:2027-01:1");
    assert_eq!(drafts[0]["method"], "Visa ending 4242");
    // Soonest first: the draft comes the day before its bill is due.
    let kinds: Vec<&str> = rows.as_array().unwrap().iter().take(3).map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["draft", "due", "due"]);
}

#[test]
fn enabled_on_the_draft_day_after_its_run_the_month_is_still_drafted() {
    let env = household();
    let card = add_card(&env, VISA).to_string();
    env.run(&["pay", "--yes"]).as_of("2026-12-01").ok();
    // The day's run is over when autopay is enabled on the draft day.
    env.run(&["scheduler", "run"]).as_of("2026-12-22").ok();
    enable(&env, "2026-12-22", &["--method", &card]);
    env.run(&["scheduler", "run"]).as_of("2026-12-23").ok();
    let drafted = env.json("2026-12-23", &["history", "--kind", "payment"]);
    let draft = drafted.as_array().unwrap().iter().find(|p| p["reference"] == "autopay:smith:2027-01:1");
    assert!(draft.is_some_and(|d| d["status"] == "succeeded"), "{drafted:#}");
    assert_eq!(env.json("2026-12-23", &["status"])["amount_due"], "0.00");
}

#[test]
fn enables_at_once_each_get_their_own_version_and_confirmation() {
    // Each enable reads the version it follows inside its own write: run at
    // once, they behave as if one after the other, and no confirmation is lost.
    let env = household();
    let card = add_card(&env, VISA).to_string();
    let runs: Vec<_> =
        (0..6).map(|_| env.run(&["autopay", "enable", "--method", &card]).as_of("2026-12-01").spawn()).collect();
    for mut run in runs {
        assert!(run.wait().unwrap().success());
    }
    let kinds = alert_kinds(&env, "2026-12-01");
    assert_eq!(kinds.iter().filter(|k| *k == "autopay_enabled").count(), 6, "{kinds:?}");
}
