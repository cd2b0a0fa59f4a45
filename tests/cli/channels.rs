//! Alert channels against real servers on 127.0.0.1 that the tests start
//! (tests/cli/servers.rs): email over SMTP, the signed webhook, the command
//! given the alert on stdin; the outbox's retries, its 7 days, its exit
//! codes; `alerts test`; a channel that cannot work named at config load.

use std::collections::BTreeMap;
use std::path::PathBuf;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::common::{add_card, household, Env, DECLINED};
use crate::servers::{free_port, Http, Smtp};

const PASSWORD: &str = "s3cret-pw";
/// AUTH PLAIN of user `jo` with PASSWORD: what the SMTP server must see.
const AUTH_PLAIN: &str = "AGpvAHMzY3JldC1wdw==";
const SECRET: &str = "whsec-7f3a9c";

/// Where the command channel's script appends each alert it reads.
fn received(env: &Env) -> PathBuf {
    env.path("received.jsonl")
}

/// A script that appends its stdin and a newline to `$1`; fails (exit 1,
/// reading nothing) while the file `$2` exists.
fn script(env: &Env) -> PathBuf {
    let path =
        env.write_file("notify.sh", "#!/bin/sh\nif [ -e \"$2\" ]; then exit 1; fi\ncat >> \"$1\"\necho >> \"$1\"\n");
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

/// The flag file that makes the script fail.
fn broken(env: &Env) -> PathBuf {
    env.path("command-broken")
}

/// A config with `channels` and a table for each of email (port `smtp`),
/// webhook (port `http`) and command.
fn configure(env: &Env, channels: &[&str], smtp: u16, http: u16) {
    let list: Vec<String> = channels.iter().map(|c| format!("\"{c}\"")).collect();
    env.write_config(&format!(
        r#"[alerts]
channels = [{}]

[alerts.email]
host = "127.0.0.1"
port = {smtp}
security = "none"
from = "hcpay <hcpay@example.org>"
to = "jo@example.org"
username = "jo"
password_env = "HCPAY_TEST_SMTP_PASSWORD"
timeout_secs = 5

[alerts.webhook]
url = "http://127.0.0.1:{http}/hooks/hcpay"
secret_env = "HCPAY_TEST_WEBHOOK_SECRET"
timeout_secs = 5

[alerts.command]
program = "{}"
args = ["{}", "{}"]
timeout_secs = 10
"#,
        list.join(", "),
        script(env).display(),
        received(env).display(),
        broken(env).display(),
    ));
}

/// A run of `hcpay ARGS` with the channels' secrets in its environment.
fn with_secrets<'e>(env: &'e Env, args: &[&str], as_of: &str) -> crate::common::Run<'e> {
    env.run(args).as_of(as_of).env("HCPAY_TEST_SMTP_PASSWORD", PASSWORD).env("HCPAY_TEST_WEBHOOK_SECRET", SECRET)
}

fn scheduler(env: &Env, as_of: &str) -> crate::common::Outcome {
    with_secrets(env, &["scheduler", "run"], as_of).output()
}

/// `alerts --all --json`, by id.
fn alerts(env: &Env, as_of: &str) -> BTreeMap<i64, Value> {
    let list = env.json(as_of, &["alerts", "--all"]);
    list.as_array().unwrap().iter().map(|a| (a["id"].as_i64().unwrap(), a.clone())).collect()
}

/// The delivery of an alert on a channel: (state, attempts).
fn delivery(alert: &Value, channel: &str) -> (String, i64) {
    let d = alert["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["channel"] == channel)
        .unwrap_or_else(|| panic!("no {channel} delivery in {alert:#}"));
    (d["state"].as_str().unwrap().to_string(), d["attempts"].as_i64().unwrap())
}

fn verify(body: &[u8], header: &str) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    header == format!("sha256={hex}")
}

/// The alert ids each channel received, in order.
fn ids_by_email(smtp: &Smtp) -> Vec<i64> {
    smtp.mails()
        .iter()
        .map(|m| {
            let at = m.data.find("Alert ").expect("the mail names its alert") + "Alert ".len();
            m.data[at..].split(' ').next().unwrap().parse().unwrap()
        })
        .collect()
}

fn ids_by_webhook(http: &Http) -> Vec<i64> {
    http.requests().iter().map(|r| r.json()["id"].as_i64().unwrap()).collect()
}

fn ids_by_command(env: &Env) -> Vec<i64> {
    std::fs::read_to_string(received(env))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str::<Value>(l).expect("one JSON alert a line")["id"].as_i64().unwrap())
        .collect()
}

/// `text` with its quoted-printable soft line breaks and `=XX` escapes undone.
fn quoted_printable(text: &str) -> String {
    let text = text.replace("=\r\n", "");
    let (bytes, mut out, mut i) = (text.as_bytes(), Vec::new(), 0);
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in [PASSWORD, SECRET, AUTH_PLAIN] {
        assert!(!text.contains(secret), "{what} shows a secret:\n{text}");
    }
}

#[test]
fn each_channel_gets_each_alert_once_with_its_text_signed_and_no_secret() {
    let env = household();
    let (smtp, http) = (Smtp::start(), Http::start());
    configure(&env, &["stdout", "email", "webhook", "command"], smtp.port, http.port);
    let out = scheduler(&env, "2026-12-24");
    assert_eq!(out.code, 0, "{out}");
    let raised = alerts(&env, "2026-12-24");
    let ids: Vec<i64> = raised.keys().copied().collect();
    assert!(!ids.is_empty());
    assert_eq!(ids_by_email(&smtp), ids);
    assert_eq!(ids_by_webhook(&http), ids);
    assert_eq!(ids_by_command(&env), ids);

    // Email: the alert's text, plain and HTML, to the address, logged in
    // with the password from the environment.
    for (mail, id) in smtp.mails().iter().zip(&ids) {
        let alert = &raised[id];
        let message = alert["message"].as_str().unwrap();
        assert_eq!(mail.auth.as_deref(), Some(AUTH_PLAIN));
        assert!(mail.to.iter().any(|t| t.contains("jo@example.org")), "{mail:?}");
        assert!(
            mail.data.contains(&format!("Subject: hcpay {}: smith", alert["kind"].as_str().unwrap())),
            "{}",
            mail.data
        );
        assert!(mail.data.contains("Content-Type: text/plain"), "{}", mail.data);
        assert!(mail.data.contains("Content-Type: text/html"), "{}", mail.data);
        assert!(mail.data.contains("Content-Transfer-Encoding: quoted-printable"), "{}", mail.data);
        assert!(quoted_printable(&mail.data).contains(message), "{message} not in\n{}", mail.data);
        assert_no_secret("a mail", &mail.data);
    }

    // Webhook: the alert as an `alerts --json` row, its signature recomputed with the secret.
    for request in http.requests() {
        assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/hooks/hcpay"));
        assert_eq!(request.header("content-type"), Some("application/json"));
        let signature = request.header("x-hcpay-signature").expect("signed");
        assert!(verify(&request.body, signature), "{signature} does not verify");
        assert!(!verify(&[request.body.as_slice(), b" "].concat(), signature), "a changed body does not verify");
        let body = request.json();
        let row = &raised[&body["id"].as_i64().unwrap()];
        for key in ["id", "account", "kind", "created", "message", "acked"] {
            assert_eq!(body[key], row[key], "{key}");
        }
        assert!(body["deliveries"].is_array());
        assert_no_secret("a webhook body", &String::from_utf8_lossy(&request.body));
    }

    // Command: the same rows on stdin.
    let lines = std::fs::read_to_string(received(&env)).unwrap();
    for line in lines.lines() {
        let body: Value = serde_json::from_str(line).unwrap();
        assert_eq!(body["message"], raised[&body["id"].as_i64().unwrap()]["message"]);
    }

    // Every delivery recorded once; a second run sends nothing again.
    for alert in raised.values() {
        for channel in ["stdout", "email", "webhook", "command"] {
            assert_eq!(delivery(alert, channel), ("delivered".to_string(), 1), "{alert:#}");
        }
    }
    let again = scheduler(&env, "2026-12-24");
    assert_eq!(again.code, 0, "{again}");
    assert_eq!(
        (smtp.mails().len(), http.requests().len(), ids_by_command(&env).len()),
        (ids.len(), ids.len(), ids.len())
    );
    assert_no_secret("stdout and stderr", &format!("{out}{again}"));
    assert_no_secret("the ledger", &env.ledger_dump());
}

#[test]
fn servers_down_during_one_run_get_each_alert_exactly_once_on_the_next() {
    let env = household();
    let (smtp_port, http_port) = (free_port(), free_port());
    configure(&env, &["stdout", "email", "webhook", "command"], smtp_port, http_port);
    std::fs::write(broken(&env), "").unwrap();

    let down = scheduler(&env, "2026-12-24");
    assert_eq!(down.code, 1, "a failed delivery exits 1\n{down}");
    assert!(down.stderr.starts_with("error: "), "{down}");
    assert!(down.stderr.contains("alert deliveries failed; the next run tries"), "{down}");
    let raised = alerts(&env, "2026-12-24");
    let ids: Vec<i64> = raised.keys().copied().collect();
    let n = ids.len();
    assert!(down.stdout.contains(&format!("webhook: {n} alerts not delivered, tried again next run")), "{down}");
    assert!(down.stdout.contains(&format!("email: {n} alerts not delivered")), "{down}");
    assert!(down.stdout.contains("exited with exit status: 1"), "{down}");
    for alert in raised.values() {
        assert_eq!(delivery(alert, "stdout"), ("delivered".to_string(), 1));
        for channel in ["email", "webhook", "command"] {
            let (state, attempts) = delivery(alert, channel);
            assert_eq!(state, "pending", "kept for the next run: {alert:#}");
            assert!(attempts <= 1, "{alert:#}");
        }
        let error = alert["deliveries"].as_array().unwrap().iter().find(|d| d["channel"] == "webhook").unwrap()
            ["last_error"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(error.contains("127.0.0.1"), "{error}");
    }

    let (smtp, http) = (Smtp::on(smtp_port), Http::on(http_port));
    std::fs::remove_file(broken(&env)).unwrap();
    let up = scheduler(&env, "2026-12-25");
    assert_eq!(up.code, 0, "{up}");
    assert_eq!(ids_by_email(&smtp), ids);
    assert_eq!(ids_by_webhook(&http), ids);
    assert_eq!(ids_by_command(&env), ids);
    for alert in alerts(&env, "2026-12-25").values() {
        for channel in ["email", "webhook", "command"] {
            assert_eq!(delivery(alert, channel).0, "delivered", "{alert:#}");
        }
    }
    // Never twice after a success.
    assert_eq!(scheduler(&env, "2026-12-26").code, 0);
    assert_eq!((ids_by_email(&smtp), ids_by_webhook(&http), ids_by_command(&env)), (ids.clone(), ids.clone(), ids));
}

#[test]
fn seven_days_of_failures_mark_a_delivery_failed_and_the_run_says_so() {
    let env = household();
    let http = Http::start();
    http.answer(503);
    configure(&env, &["webhook"], free_port(), http.port);
    let first = scheduler(&env, "2026-12-24");
    assert_eq!(first.code, 1, "{first}");
    assert!(first.stdout.contains("answered HTTP 503"), "{first}");
    let ids: Vec<i64> = alerts(&env, "2026-12-24").keys().copied().collect();
    let tries = |env: &Env, as_of: &str| -> Vec<(String, i64)> {
        let now = alerts(env, as_of);
        ids.iter().map(|id| delivery(&now[id], "webhook")).collect()
    };
    assert!(tries(&env, "2026-12-24").iter().all(|t| t.0 == "pending"));
    assert_eq!(tries(&env, "2026-12-24")[0].1, 1);

    let day6 = scheduler(&env, "2026-12-30");
    assert_eq!(day6.code, 1, "{day6}");
    assert!(!day6.stdout.contains("given up"), "six days: still retried\n{day6}");
    assert!(tries(&env, "2026-12-30").iter().all(|t| t.0 == "pending"));
    assert_eq!(tries(&env, "2026-12-30")[0].1, 2);

    let day7 = scheduler(&env, "2026-12-31");
    assert_eq!(day7.code, 1, "{day7}");
    for id in &ids {
        assert!(
            day7.stdout.contains(&format!("webhook: alert {id} not delivered after 7 days of failures: given up")),
            "{day7}"
        );
    }
    assert!(day7.stderr.contains("given up after 7 days of failures"), "{day7}");
    assert!(tries(&env, "2026-12-31").iter().all(|t| t.0 == "failed"));
    assert_eq!(tries(&env, "2026-12-31")[0].1, 3);

    // Given up: never tried again, even when the server is back.
    http.answer(200);
    let sent = http.requests().len();
    scheduler(&env, "2027-01-02");
    let again: Vec<i64> = http.requests()[sent..].iter().map(|r| r.json()["id"].as_i64().unwrap()).collect();
    assert!(ids.iter().all(|id| !again.contains(id)), "{again:?}");
    assert!(tries(&env, "2027-01-02").iter().all(|t| t.0 == "failed"));
}

#[test]
fn a_declined_draft_exits_3_even_when_a_delivery_failed() {
    let env = household();
    let card = add_card(&env, DECLINED).to_string();
    env.run(&["autopay", "enable", "--method", &card]).as_of("2026-12-01").ok();
    configure(&env, &["stdout", "webhook"], free_port(), free_port());
    let out = scheduler(&env, "2026-12-24");
    assert_eq!(out.code, 3, "{out}");
    assert!(out.stdout.contains("webhook: "), "the failed delivery is still said:\n{out}");
}

#[test]
fn alerts_test_says_per_channel_delivered_or_why_not() {
    let env = Env::new();
    let (smtp, http) = (Smtp::start(), Http::start());
    configure(&env, &["stdout", "email", "webhook", "command"], smtp.port, http.port);
    let all = with_secrets(&env, &["alerts", "test", "--json"], "2027-01-05").json();
    let states: Vec<(&str, &str)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["channel"].as_str().unwrap(), r["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [("stdout", "delivered"), ("email", "delivered"), ("webhook", "delivered"), ("command", "delivered")]
    );
    let body = http.requests()[0].json();
    assert_eq!((body["id"].as_i64(), body["kind"].as_str()), (Some(0), Some("test")));
    assert!(verify(&http.requests()[0].body, http.requests()[0].header("x-hcpay-signature").unwrap()));
    assert_eq!(smtp.mails().len(), 1);
    assert!(smtp.mails()[0].data.contains("hcpay test alert"), "{}", smtp.mails()[0].data);
    assert_eq!(ids_by_command(&env), [0]);
    assert!(!env.ledger().exists(), "a test alert is never stored");

    // One channel; one that fails says why and exits 1.
    http.answer(500);
    let out = with_secrets(&env, &["alerts", "test", "--channel", "webhook"], "2027-01-05").code(1);
    assert!(out.stdout.contains("webhook") && out.stdout.contains("failed"), "{out}");
    assert!(out.stdout.contains("127.0.0.1 answered HTTP 500"), "{out}");
    assert!(!out.stdout.contains("email"), "{out}");
    assert!(out.stderr.starts_with("error: 1 of 1 channels failed"), "{out}");
    // A secret missing from the environment is named (not its value).
    let out = env.run(&["alerts", "test", "--channel", "email"]).as_of("2027-01-05").code(1);
    assert!(out.stdout.contains("HCPAY_TEST_SMTP_PASSWORD (named by alerts.email.password_env) is not set"), "{out}");
    // A program that does not finish is stopped at its timeout.
    let slow = env.write_file("slow.sh", "#!/bin/sh\nsleep 30\n");
    std::fs::set_permissions(&slow, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    env.write_config(&format!("[alerts.command]\nprogram = \"{}\"\ntimeout_secs = 1\n", slow.display()));
    let started = std::time::Instant::now();
    let out = env.run(&["alerts", "test", "--channel", "command"]).as_of("2027-01-05").code(1);
    assert!(out.stdout.contains("did not finish within 1s and was stopped"), "{out}");
    assert!(started.elapsed().as_secs() < 20, "killed at its timeout");
    // A channel without its table is usage.
    env.run(&["alerts", "test", "--channel", "webhook"])
        .as_of("2027-01-05")
        .rejected(&["webhook channel is not configured"]);
}

#[test]
fn a_channel_that_cannot_work_is_named_at_config_load_with_its_key_and_line() {
    let env = Env::new();
    let program = script(&env);
    let cases: &[(&str, &str)] = &[
        ("[alerts]\nchannels = [\"stdout\", \"email\"]\n", "line 2, key `alerts.channels`: channel \"email\" is listed but there is no [alerts.email] table"),
        (
            "[alerts.webhook]\nsecret_env = \"S\"\nurl = \"http://hooks.example.com/x\"\n",
            "line 3, key `alerts.webhook.url`: http sends alerts in plain text: only to a loopback host, not hooks.example.com",
        ),
        ("[alerts.webhook]\nurl = \"not a url\"\nsecret_env = \"S\"\n", "line 2, key `alerts.webhook.url`"),
        ("[alerts.webhook]\nurl = \"ftp://example.com/x\"\nsecret_env = \"S\"\n", "is not an https URL"),
        (
            "[alerts.email]\nhost = \"smtp.example.com\"\nsecurity = \"none\"\nfrom = \"a@example.com\"\nto = \"b@example.com\"\n",
            "line 3, key `alerts.email.security`: security \"none\" sends the mail",
        ),
        ("[alerts.email]\nhost = \"localhost\"\nfrom = \"nobody\"\nto = \"b@example.com\"\n", "line 3, key `alerts.email.from`"),
        ("[alerts.command]\nprogram = \"notify.sh\"\n", "line 2, key `alerts.command.program`: notify.sh is not an absolute path"),
        ("[alerts.command]\nprogram = \"/nonexistent/notify\"\n", "key `alerts.command.program`: /nonexistent/notify is not a file"),
        ("[alerts]\nchannels = [\"sms\"]\n", "line 2, key `alerts.channels`"),
    ];
    for (config, needle) in cases {
        let path = env.write_config(config);
        let stderr = env.run(&["alerts", "test"]).as_of("2027-01-05").rejected(&[needle]);
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    }
    // The same tables, right, load.
    env.write_config(&format!(
        "[alerts.webhook]\nurl = \"https://hooks.example.com/x\"\nsecret_env = \"S\"\n[alerts.command]\nprogram = \"{}\"\n\
         [alerts.email]\nhost = \"[::1]\"\nsecurity = \"none\"\nfrom = \"a@example.com\"\nto = \"b@example.com, c@example.com\"\n",
        program.display()
    ));
    env.run(&["alerts", "test"]).as_of("2027-01-05").ok();
}

#[test]
fn a_crash_between_sending_and_recording_sends_that_one_alert_twice_at_most() {
    let env = household();
    // Appends the alert, then kills hcpay (its parent) before it records
    // the delivery, once: while the file `$2` exists.
    let program = env.write_file(
        "dying.sh",
        "#!/bin/sh\ncat >> \"$1\"\necho >> \"$1\"\nif [ -e \"$2\" ]; then rm \"$2\"; kill -9 $PPID; fi\n",
    );
    std::fs::set_permissions(&program, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let once = env.write_file("die-once", "");
    env.write_config(&format!(
        "[alerts]\nchannels = [\"command\"]\n[alerts.command]\nprogram = \"{}\"\nargs = [\"{}\", \"{}\"]\n",
        program.display(),
        received(&env).display(),
        once.display()
    ));
    let died = env.run(&["scheduler", "run"]).as_of("2026-12-24").raw();
    assert!(died.status.code().is_none(), "killed by a signal: {died:?}");
    assert_eq!(ids_by_command(&env).len(), 1, "one alert sent before the crash");
    let after = scheduler(&env, "2026-12-24");
    assert_eq!(after.code, 0, "{after}");
    let ids: Vec<i64> = alerts(&env, "2026-12-24").keys().copied().collect();
    let mut expected = vec![ids[0]];
    expected.extend(&ids);
    assert_eq!(ids_by_command(&env), expected, "the first alert once more, the others once");
    assert_eq!(scheduler(&env, "2026-12-25").code, 0);
    assert_eq!(ids_by_command(&env), expected, "never again after it is recorded");
}

#[test]
fn after_three_failures_in_a_row_a_run_stops_trying_that_channel() {
    let env = household();
    env.enroll("jones", "2026-11-01", "2026-12", "300", "0");
    env.run(&["pay", "--record", "300", "--paid-on", "2026-11-15", "--confirmation", "J1"])
        .account("jones")
        .as_of("2026-11-15")
        .ok();
    let http = Http::start();
    http.answer(500);
    configure(&env, &["webhook"], free_port(), http.port);
    let out = scheduler(&env, "2026-12-24");
    assert_eq!(out.code, 1, "{out}");
    let raised = alerts(&env, "2026-12-24");
    assert!(raised.len() > 3, "{raised:#?}");
    assert_eq!(http.requests().len(), 3, "three timeouts at most, not one per alert");
    for alert in raised.values() {
        assert_eq!(delivery(alert, "webhook").0, "pending", "all kept for the next run");
    }
    let untried: Vec<&Value> = raised.values().filter(|a| delivery(a, "webhook").1 == 0).collect();
    assert_eq!(untried.len(), raised.len() - 3);
    let error = untried[0]["deliveries"][0]["last_error"].as_str().unwrap();
    assert!(
        error.starts_with("not tried: 3 failures in a row this run (last: 127.0.0.1 answered HTTP 500)"),
        "{error}"
    );
    // The next run starts again from the oldest.
    http.answer(200);
    assert_eq!(scheduler(&env, "2026-12-25").code, 0);
    let next = &ids_by_webhook(&http)[3..];
    assert!(raised.keys().all(|id| next.iter().filter(|n| *n == id).count() == 1), "{next:?}");
}
