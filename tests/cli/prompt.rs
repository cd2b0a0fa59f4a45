//! The interactive prompts, on a real (pseudo-)terminal: the hidden number
//! prompt of `method add` and the confirmation of `pay`. Without a terminal
//! (every other test) a missing value is a usage error, never a hang. Colour,
//! which only a terminal gets, is tested here too.
//!
//! The terminal is driven by a small Python program (`pty` module): it waits
//! for each question, waits until hcpay has turned the terminal's echo off,
//! then types the answer. python3 is required: without it these tests fail,
//! they never skip.

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::Env;

/// How long one terminal session may take before it is killed and the test fails.
const TIMEOUT_SECS: u64 = 45;

const DRIVER: &str = r#"
import json, os, pty, select, sys, termios, time

spec = json.loads(sys.argv[1])
deadline = time.monotonic() + spec["timeout"]
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    env = {k: v for k, v in os.environ.items() if k not in spec["remove"]}
    env.update(spec["set"])
    os.execve(spec["argv"][0], spec["argv"], env)

out = bytearray()

def finish(code, why=None):
    sys.stdout.buffer.write(bytes(out))
    sys.stdout.flush()
    if why:
        sys.stderr.write("pty: %s\n" % why)
    sys.exit(code)

def pump(wait):
    """Reads what the program wrote; False once it has closed the terminal."""
    if time.monotonic() > deadline:
        os.kill(pid, 9)
        finish(124, "timed out after %ss" % spec["timeout"])
    if select.select([fd], [], [], wait)[0]:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        out.extend(data)
        return bool(data)
    return True

for step in spec["steps"]:
    while step["expect"].encode() not in out:
        if not pump(0.05):
            finish(125, "the program ended before asking %r" % step["expect"])
    # Answer only once the program has turned echo off (hidden input, a key
    # press): typed earlier, the terminal itself would echo the answer.
    while termios.tcgetattr(fd)[3] & termios.ECHO:
        if not pump(0.01):
            finish(125, "the program ended before reading an answer to %r" % step["expect"])
    os.write(fd, step["send"].encode())
while pump(0.05):
    pass
_, status = os.waitpid(pid, 0)
finish(os.waitstatus_to_exitcode(status))
"#;

/// What a terminal session showed.
#[derive(Debug)]
pub struct Session {
    /// hcpay's exit code.
    pub code: i32,
    /// Everything written to the terminal (stdout and stderr), escapes and all.
    pub screen: String,
}

/// Runs `cmd` (from `Run::command`) with a pseudo-terminal as its stdin,
/// stdout and stderr; for each `(question, answer)`, waits for the question,
/// then types the answer. Fails the test on a hang or when python3 is missing.
#[track_caller]
pub fn on_terminal(cmd: &Command, dialogue: &[(&str, &str)]) -> Session {
    let text = |s: &std::ffi::OsStr| s.to_str().expect("UTF-8 argument").to_string();
    let mut argv = vec![text(cmd.get_program())];
    argv.extend(cmd.get_args().map(text));
    let mut set = serde_json::Map::new();
    let mut remove = Vec::new();
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => {
                set.insert(text(key), Value::String(text(value)));
            }
            None => remove.push(text(key)),
        }
    }
    set.insert("TERM".into(), "xterm".into());
    let cwd = cmd.get_current_dir().expect("the run has a directory");
    let spec = json!({
        "argv": argv,
        "cwd": cwd.to_str().expect("UTF-8 path"),
        "set": set,
        "remove": remove,
        "timeout": TIMEOUT_SECS,
        "steps": dialogue.iter().map(|(q, a)| json!({"expect": q, "send": a})).collect::<Vec<_>>(),
    });
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(DRIVER)
        .arg(spec.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "the prompt tests need python3 (its `pty` module drives a pseudo-terminal) and could not run it: {e}. \
                 Install python3; these tests do not skip."
            )
        });
    let drain = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = r.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    // The driver has its own deadline; this one catches the driver itself hanging.
    let limit = Instant::now() + Duration::from_secs(TIMEOUT_SECS + 15);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the pty driver") {
            break status;
        }
        if Instant::now() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the terminal session hung: {argv:?}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let screen = stdout.join().expect("stdout reader");
    let driver_errors = stderr.join().expect("stderr reader");
    let code = status.code().expect("the pty driver exited");
    assert!(
        !driver_errors.starts_with("pty:") && !driver_errors.contains("Traceback") && code < 124,
        "the terminal session failed (exit {code}): {driver_errors}\n--- screen\n{screen}"
    );
    Session { code, screen }
}

const CARD: &str = "4242424242424242";

/// The January bill (202.00) is issued and open, due 2026-12-23.
const TODAY: &str = "2026-12-15";

fn household(env: &Env) {
    env.enroll("smith", "2026-12-01", "2027-01", "612", "410");
}

#[test]
fn the_hidden_prompt_takes_a_card_number_without_echoing_it() {
    let env = Env::new();
    household(&env);
    let run = env.run(&["method", "add", "card", "--exp", "12/30", "--holder", "Jo Smith"]).as_of(TODAY);
    let session = on_terminal(&run.command(), &[("Card number", &format!("{CARD}\r"))]);
    assert_eq!(session.code, 0, "{}", session.screen);
    assert!(!session.screen.contains(CARD), "the number was echoed to the terminal:\n{}", session.screen);
    assert!(session.screen.contains("4242"), "{}", session.screen);

    let list = env.json(TODAY, &["method", "list"]);
    let rows = list.as_array().expect("a list");
    assert_eq!(rows.len(), 1, "{list:#}");
    assert_eq!(rows[0]["last4"], "4242");
    assert_eq!(rows[0]["brand"], "Visa");
    assert_eq!(rows[0]["state"], "verified");
}

#[test]
fn the_hidden_prompt_takes_a_bank_account_number() {
    let env = Env::new();
    household(&env);
    let run = env
        .run(&["method", "add", "bank", "--routing", "110000000", "--kind", "checking", "--holder", "Jo Smith"])
        .as_of(TODAY);
    let session = on_terminal(&run.command(), &[("Account number", "000123456789\r")]);
    assert_eq!(session.code, 0, "{}", session.screen);
    assert!(!session.screen.contains("000123456789"), "{}", session.screen);
    let list = env.json(TODAY, &["method", "list"]);
    assert_eq!(list[0]["last4"], "6789", "{list:#}");
    assert_eq!(list[0]["state"], "unverified", "{list:#}");
}

#[test]
fn a_bad_number_at_the_prompt_is_refused_without_being_shown() {
    let env = Env::new();
    household(&env);
    let run = env.run(&["method", "add", "card", "--exp", "12/30", "--holder", "Jo Smith"]).as_of(TODAY);
    let session = on_terminal(&run.command(), &[("Card number", "4242424242424241\r")]);
    assert_eq!(session.code, 2, "{}", session.screen);
    assert!(session.screen.contains("checksum"), "{}", session.screen);
    assert!(!session.screen.contains("4242424242424241"), "{}", session.screen);
    let list = env.json(TODAY, &["method", "list"]);
    assert_eq!(list, json!([]));
}

fn payments(env: &Env) -> Vec<Value> {
    let history = env.json(TODAY, &["history", "--kind", "payment"]);
    history.as_array().expect("history rows").clone()
}

fn card_on_file(env: &Env) {
    household(env);
    env.run(&["method", "add", "card", "--number", CARD, "--exp", "12/30", "--holder", "Jo Smith"]).as_of(TODAY).ok();
}

#[test]
fn pay_asks_and_no_charges_nothing() {
    let env = Env::new();
    card_on_file(&env);
    let before = env.ledger_dump();
    let run = env.run(&["pay", "10"]).as_of(TODAY);
    let session = on_terminal(&run.command(), &[("Pay $10.00 to smith", "n")]);
    assert_eq!(session.code, 0, "{}", session.screen);
    assert!(session.screen.contains("not paid"), "{}", session.screen);
    assert!(session.screen.contains("Visa ending 4242"), "{}", session.screen);
    assert_eq!(env.ledger_dump(), before, "answering no changed the ledger");
    assert!(payments(&env).is_empty());
}

#[test]
fn pay_asks_and_yes_charges() {
    let env = Env::new();
    card_on_file(&env);
    let run = env.run(&["pay", "10"]).as_of(TODAY);
    let session = on_terminal(&run.command(), &[("Pay $10.00 to smith", "y")]);
    assert_eq!(session.code, 0, "{}", session.screen);
    assert!(session.screen.contains("succeeded"), "{}", session.screen);
    let paid = payments(&env);
    assert_eq!(paid.len(), 1, "{paid:#?}");
    assert_eq!(paid[0]["amount"], "10.00");
    assert_eq!(paid[0]["status"], "succeeded");
}

#[test]
fn without_a_terminal_pay_needs_yes_and_charges_nothing() {
    let env = Env::new();
    card_on_file(&env);
    env.run(&["pay", "10"]).as_of(TODAY).rejected(&["confirmation", "--yes"]);
    assert!(payments(&env).is_empty());
}

#[test]
fn without_a_terminal_a_missing_number_is_a_usage_error_with_a_hint() {
    let env = Env::new();
    household(&env);
    // Tests run with stdin a pipe (empty) and stderr captured: no prompt, no hang.
    let stderr = env
        .run(&["method", "add", "card", "--exp", "12/30", "--holder", "Jo Smith"])
        .as_of(TODAY)
        .rejected(&["--number"]);
    assert!(stderr.contains("hint: ") && stderr.contains("--number -"), "{stderr}");
    let stderr = env
        .run(&["method", "add", "bank", "--routing", "110000000", "--kind", "checking", "--holder", "Jo Smith"])
        .as_of(TODAY)
        .rejected(&["--account-number"]);
    assert!(stderr.contains("hint: ") && stderr.contains("--account-number -"), "{stderr}");
}

/// The screen without its colour codes (`ESC [ ... m`) and carriage returns.
fn plain(screen: &str) -> String {
    let mut out = String::new();
    let mut chars = screen.chars();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                chars.by_ref().find(|c| c.is_ascii_alphabetic());
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn coloured_states_keep_the_status_table_aligned() {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env.run(&["plan", "set", "--line", "dental", "--from", "2026-12", "--premium", "38"]).as_of("2026-11-01").ok();
    env.run(&["plan", "end", "--line", "dental", "--after", "2026-12"]).as_of("2026-11-01").ok();
    env.import_payments("2026-11-20", &["smith,2026-11-20,442,C1,portal"]);
    // Health is paid through January (active, in colour), dental has ended (plain).
    let run = env.run(&["status"]).as_of("2027-01-05").env("NO_COLOR", "");
    let session = on_terminal(&run.command(), &[]);
    assert_eq!(session.code, 0, "{}", session.screen);
    let coloured_row = session.screen.lines().any(|l| l.starts_with('│') && l.contains("\x1b["));
    assert!(coloured_row, "no colour in the table:\n{}", session.screen);

    let screen = plain(&session.screen);
    let table: Vec<&str> = screen.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└'])).collect();
    assert!(table.iter().any(|l| l.contains("active")) && table.iter().any(|l| l.contains("ended")), "{screen}");
    // Every border and row puts its column separators at the same places.
    let separators = |line: &str| -> Vec<usize> {
        line.chars().enumerate().filter(|(_, c)| "│┆┌┬┐╞╪╡└┴┘".contains(*c)).map(|(i, _)| i).collect()
    };
    let header = separators(table[0]);
    for line in &table {
        assert_eq!(separators(line), header, "columns do not line up:\n{screen}");
    }
}
