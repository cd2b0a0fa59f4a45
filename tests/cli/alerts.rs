//! `alerts [list] [--all]` and `alerts ack`: raised once per cause by the
//! commands and the scheduler, delivered on stdout by `scheduler run`.

use crate::common::assert_has_keys;
use crate::common::household;
use crate::scheduler::run;

#[test]
fn coverage_alerts_are_raised_once_the_day_after_a_due_date_and_delivered_once() {
    // smith's January bill, due 2026-12-23, is not paid.
    let env = household();
    assert_eq!(run(&env, "2026-12-20").stdout, "", "nothing to say");
    let soon = run(&env, "2026-12-23");
    assert!(!soon.stdout.contains("past_due"), "due today is not late yet: {soon}");
    assert!(soon.stdout.contains("due_soon: smith: $232.00 for 2027-01 is due 2026-12-23 (in 2 days)"), "{soon}");
    let out = run(&env, "2026-12-24");
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stdout.contains(
            "past_due: smith: $232.00 for 2027-01 was due 2026-12-23 and is unpaid; pay it now: hcpay --account smith pay 232.00"
        ),
        "{out}"
    );
    assert!(out.stdout.contains("grace_started: smith: health coverage is in its grace period"), "{out}");
    assert!(out.stdout.contains("grace_started: smith: dental coverage"), "{out}");
    let alerts = env.json("2026-12-24", &["alerts"]);
    assert_eq!(alerts.as_array().unwrap().len(), 4, "{alerts:#}");
    for alert in alerts.as_array().unwrap() {
        assert_has_keys(alert, &["id", "account", "kind", "created", "message", "acked", "deliveries"]);
        let created = if alert["kind"] == "due_soon" { "2026-12-21" } else { "2026-12-24" };
        assert_eq!(alert["created"], created);
        assert_eq!(alert["acked"], false);
        assert_eq!(alert["deliveries"][0]["state"], "delivered");
        assert_eq!(alert["deliveries"][0]["attempts"], 1);
    }
    // Once per cause: a month later dental is terminated, the rest is not raised again.
    let later = run(&env, "2027-01-24");
    assert!(later.stdout.contains("coverage_terminated: smith: dental coverage was terminated"), "{later}");
    assert!(!later.stdout.contains("past_due: smith: $232.00 for 2027-01"), "{later}");
}

#[test]
fn acknowledged_alerts_leave_the_list() {
    let env = household();
    run(&env, "2026-12-24");
    let alerts = env.json("2026-12-24", &["alerts", "list"]);
    let id = alerts[0]["id"].to_string();
    let text = env.run(&["alerts", "ack", &id]).as_of("2026-12-25").ok();
    assert!(text.contains(&format!("acknowledged alert {id}")), "{text}");
    assert_eq!(env.json("2026-12-25", &["alerts"]).as_array().unwrap().len(), 2);
    let all = env.json("2026-12-25", &["alerts", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all.as_array().unwrap().iter().filter(|a| a["acked"] == true).count(), 1);
    let again = env.run(&["alerts", "ack", &id]).as_of("2026-12-25").ok();
    assert!(again.contains("already"), "{again}");
    env.run(&["alerts", "ack", "999"]).as_of("2026-12-25").rejected(&["no alert 999"]);
    env.run(&["alerts", "ack"]).as_of("2026-12-25").rejected(&["ID"]);
    let text = env.run(&["alerts", "ack", "--all"]).as_of("2026-12-25").ok();
    assert!(text.contains("acknowledged 2 alerts"), "{text}");
    assert_eq!(env.run(&["alerts"]).as_of("2026-12-25").ok().trim(), "no open alerts");
    // CSV, as for any list.
    let csv = env.run(&["alerts", "--all", "--format", "csv"]).as_of("2026-12-25").ok();
    assert!(csv.starts_with("id,account,kind,created,message,acked,deliveries\n"), "{csv}");
}

#[test]
fn alerts_of_one_account_with_account() {
    let env = household();
    env.enroll("jones", "2026-11-01", "2027-01", "300", "0");
    env.run(&["pay", "--record", "300", "--paid-on", "2026-12-01", "--confirmation", "J1"])
        .account("jones")
        .as_of("2026-12-01")
        .ok();
    run(&env, "2026-12-24");
    let all = env.json("2026-12-24", &["alerts"]);
    let accounts: Vec<&str> = all.as_array().unwrap().iter().map(|a| a["account"].as_str().unwrap()).collect();
    assert!(accounts.contains(&"smith") && !accounts.contains(&"jones"), "{all:#}");
    let jones = env.run(&["alerts", "--json"]).account("jones").as_of("2026-12-24").json();
    assert_eq!(jones.as_array().unwrap().len(), 0);
    let smith = env.run(&["alerts", "--json"]).account("smith").as_of("2026-12-24").json();
    assert_eq!(smith.as_array().unwrap().len(), 3);
}
