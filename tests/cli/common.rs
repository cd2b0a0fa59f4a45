//! A test environment: a temporary directory holding the ledger, the config
//! and any input files, and the real `hcpay` binary run inside it with nothing
//! from the caller's environment (no HCPAY_* variables, HOME and the XDG
//! directories inside the temp dir, NO_COLOR, TZ=UTC).
//!
//! ```ignore
//! let env = Env::new();
//! env.run(&["account", "add", "smith", "--name", "Jo Smith"]).as_of("2026-11-01").ok();
//! let status = env.run(&["status", "--json"]).as_of("2026-12-24").json();
//! env.run(&["plan", "set", "--from", "2027-13", "--premium", "5"]).as_of("2027-01-05").rejected(&["2027-13"]);
//! ```
//!
//! Every run needs a clock: `.as_of(DATE)`, or `.no_clock()` for commands
//! that have none (completions, man). Tests never see the machine's date.

#![allow(dead_code)] // Not every topic module uses every helper.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

/// The variables hcpay reads that must never leak in from the caller.
const SCRUBBED: &[&str] = &[
    "HCPAY_LEDGER",
    "HCPAY_CONFIG",
    "HCPAY_TODAY",
    "HCPAY_ACCOUNT",
    "HCPAY_SANDBOX_FAULT",
    "RUST_BACKTRACE",
    "RUST_LIB_BACKTRACE",
    "CLICOLOR_FORCE",
];

/// The header `import payments` reads.
pub const PAYMENTS_HEADER: &str = "account,paid_on,amount,confirmation,via";

/// The header `import enrollments` reads.
pub const ENROLLMENTS_HEADER: &str = "account,name,member_id,email,line,from,premium,aptc,slcsp,program,plan,carrier";

pub struct Env {
    dir: TempDir,
}

impl Default for Env {
    fn default() -> Self {
        Env::new()
    }
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::Builder::new().prefix("hcpay-test-").tempdir().expect("a temp dir");
        Env { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the environment's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// The ledger every run uses unless told otherwise.
    pub fn ledger(&self) -> PathBuf {
        self.path("ledger.db")
    }

    /// The config every run uses (absent until written: every default).
    pub fn config(&self) -> PathBuf {
        self.path("config.toml")
    }

    pub fn home(&self) -> PathBuf {
        self.path("home")
    }

    pub fn xdg_data_home(&self) -> PathBuf {
        self.path("xdg-data")
    }

    pub fn xdg_config_home(&self) -> PathBuf {
        self.path("xdg-config")
    }

    /// Writes `contents` to `name` (in the environment's directory); returns its path.
    pub fn write_file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).expect("create the file's directory");
        }
        fs::write(&path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }

    /// Writes the config file every run reads.
    pub fn write_config(&self, contents: &str) -> PathBuf {
        self.write_file("config.toml", contents)
    }

    /// A payments CSV (`account,paid_on,amount,confirmation,via`) with these rows.
    pub fn payments_csv(&self, name: &str, rows: &[&str]) -> PathBuf {
        self.write_file(name, &csv_text(PAYMENTS_HEADER, rows))
    }

    /// An enrollments CSV (DESIGN §3 columns) with these rows.
    pub fn enrollments_csv(&self, name: &str, rows: &[&str]) -> PathBuf {
        self.write_file(name, &csv_text(ENROLLMENTS_HEADER, rows))
    }

    /// `hcpay ARGS` in this environment; finish it with `.ok()`, `.json()`,
    /// `.fails(code, ..)`, `.rejected(..)` or `.output()`.
    pub fn run(&self, args: &[&str]) -> Run<'_> {
        Run {
            env: self,
            args: args.iter().map(OsString::from).collect(),
            as_of: None,
            account: None,
            ledger: Some(self.ledger()),
            config: Some(self.config()),
            vars: Vec::new(),
            stdin: None,
        }
    }

    /// `hcpay ARGS --json` as of `as_of`: must succeed, gives the document.
    pub fn json(&self, as_of: &str, args: &[&str]) -> Value {
        self.run(args).arg("--json").as_of(as_of).json()
    }

    // ----- common set-ups -----

    /// `account add ID --name ...` as of `as_of`.
    pub fn add_account(&self, id: &str, as_of: &str) {
        let name = format!("Household {id}");
        self.run(&["account", "add", id, "--name", &name]).as_of(as_of).ok();
    }

    /// An account with one health line from `from` at `premium` (and `aptc`).
    pub fn enroll(&self, id: &str, as_of: &str, from: &str, premium: &str, aptc: &str) {
        self.add_account(id, as_of);
        self.run(&["plan", "set", "--from", from, "--premium", premium, "--aptc", aptc]).account(id).as_of(as_of).ok();
    }

    /// `import payments` of these rows (without the header), as of `as_of`.
    pub fn import_payments(&self, as_of: &str, rows: &[&str]) {
        let file = self.payments_csv("payments.csv", rows);
        self.run(&["import", "payments"]).arg(&file).as_of(as_of).ok();
    }

    // ----- looking at the ledger directly -----

    /// Every row of every table, and the schema version, as text: two dumps
    /// are equal when a command changed nothing. Empty when there is no ledger.
    pub fn ledger_dump(&self) -> String {
        dump(&self.ledger())
    }

    /// `PRAGMA user_version` of the ledger.
    pub fn schema_version(&self) -> i64 {
        let conn = rusqlite::Connection::open(self.ledger()).expect("open the ledger");
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("read user_version")
    }

    /// Sets `PRAGMA user_version` behind hcpay's back (a ledger from the future).
    pub fn set_schema_version(&self, version: i64) {
        let conn = rusqlite::Connection::open(self.ledger()).expect("open the ledger");
        conn.pragma_update(None, "user_version", version).expect("set user_version");
    }
}

fn csv_text(header: &str, rows: &[&str]) -> String {
    let mut text = format!("{header}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

/// The permission bits of a file or directory (e.g. 0o600).
pub fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap_or_else(|e| panic!("cannot stat {}: {e}", path.display())).permissions().mode() & 0o777
}

fn dump(path: &Path) -> String {
    if !path.exists() {
        return String::new();
    }
    let conn = rusqlite::Connection::open(path).expect("open the ledger");
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("user_version");
    let mut out = format!("user_version {version}\n");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("list tables");
    for table in tables {
        let _ = writeln!(out, "[{table}]");
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid")).expect("select");
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect("query");
        while let Some(row) = rows.next().expect("row") {
            let values: Vec<String> = (0..columns).map(|i| show_value(row.get_ref(i).expect("value"))).collect();
            let _ = writeln!(out, "{}", values.join(" | "));
        }
    }
    out
}

fn show_value(value: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => format!("{r:?}"),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("blob({b:02x?})"),
    }
}

/// One run of the binary, being set up.
pub struct Run<'e> {
    env: &'e Env,
    args: Vec<OsString>,
    as_of: Option<String>,
    account: Option<String>,
    ledger: Option<PathBuf>,
    config: Option<PathBuf>,
    vars: Vec<(String, OsString)>,
    stdin: Option<Vec<u8>>,
}

/// What a finished run gave.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl<'e> Run<'e> {
    /// The clock: `--as-of DATE` (passed as it is, so a bad date can be tested).
    #[allow(clippy::wrong_self_convention)] // `as_of` is the flag's name, not a conversion.
    pub fn as_of(mut self, date: &str) -> Self {
        self.as_of = Some(date.to_string());
        self
    }

    /// Runs without `--as-of`, for commands that have no clock (completions,
    /// man) or tests of the clock itself (with `HCPAY_TODAY`).
    pub fn no_clock(mut self) -> Self {
        self.as_of = Some(String::new());
        self
    }

    /// `--account ID`.
    pub fn account(mut self, id: &str) -> Self {
        self.account = Some(id.to_string());
        self
    }

    /// One more argument (a path, say).
    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn args(self, args: &[&str]) -> Self {
        args.iter().fold(self, |run, arg| run.arg(arg))
    }

    /// `--ledger PATH` instead of the environment's ledger.
    pub fn ledger(mut self, path: impl Into<PathBuf>) -> Self {
        self.ledger = Some(path.into());
        self
    }

    /// Neither `--ledger` nor `--config`: hcpay finds them itself (env, XDG).
    pub fn default_paths(mut self) -> Self {
        self.ledger = None;
        self.config = None;
        self
    }

    /// An environment variable for this run.
    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Self {
        self.vars.push((key.to_string(), value.into()));
        self
    }

    pub fn stdin(mut self, input: &str) -> Self {
        self.stdin = Some(input.as_bytes().to_vec());
        self
    }

    /// Runs it, whatever the exit code.
    pub fn output(self) -> Outcome {
        let out = self.raw();
        Outcome {
            code: out.status.code().expect("hcpay exited (not killed by a signal)"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs it, whatever happens, a death by a signal too (fault tests):
    /// the process's own status and output.
    pub fn raw(self) -> std::process::Output {
        let mut cmd = assert_cmd::Command::from_std(self.command());
        cmd.write_stdin(self.stdin.clone().unwrap_or_default());
        cmd.output().expect("run hcpay")
    }

    /// Starts the run in the background with its output captured, for
    /// several commands at once.
    pub fn spawn(&self) -> std::process::Child {
        self.command()
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start hcpay")
    }

    /// The command line and environment of this run, not started (stdin
    /// not set up): for running it some other way, e.g. under a pseudo-terminal.
    pub fn command(&self) -> std::process::Command {
        let as_of =
            self.as_of.as_deref().expect("every run needs a clock: add .as_of(\"YYYY-MM-DD\") (or .no_clock())");
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hcpay"));
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        cmd.current_dir(self.env.root())
            .env("HOME", self.env.home())
            .env("XDG_DATA_HOME", self.env.xdg_data_home())
            .env("XDG_CONFIG_HOME", self.env.xdg_config_home())
            .env("TMPDIR", self.env.root())
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("COLUMNS", "200")
            .env("LC_ALL", "C");
        if let Some(ledger) = &self.ledger {
            cmd.arg("--ledger").arg(ledger);
        }
        if let Some(config) = &self.config {
            cmd.arg("--config").arg(config);
        }
        if !as_of.is_empty() {
            cmd.arg("--as-of").arg(as_of);
        }
        if let Some(account) = &self.account {
            cmd.arg("--account").arg(account);
        }
        cmd.args(&self.args);
        for (key, value) in &self.vars {
            cmd.env(key, value);
        }
        cmd
    }

    /// Must exit 0; gives stdout.
    #[track_caller]
    pub fn ok(self) -> String {
        let desc = self.describe();
        let out = self.output();
        assert_eq!(out.code, 0, "`{desc}` failed:\n{out}");
        out.stdout
    }

    /// Must exit 0 and print one JSON document; gives it.
    #[track_caller]
    pub fn json(self) -> Value {
        let desc = self.describe();
        let stdout = self.ok();
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("`{desc}` printed no JSON ({e}):\n{stdout}"))
    }

    /// Must exit with `code` (any output); gives the outcome.
    #[track_caller]
    pub fn code(self, code: i32) -> Outcome {
        let desc = self.describe();
        let out = self.output();
        assert_eq!(out.code, code, "`{desc}`: unexpected exit code\n{out}");
        out
    }

    /// Must fail with `code` and an error as DESIGN §3 has it (`error: ...`
    /// on stderr, no panic, no backtrace) that says each of `needles`; gives stderr.
    #[track_caller]
    pub fn fails(self, code: i32, needles: &[&str]) -> String {
        let desc = self.describe();
        let out = self.code(code);
        assert_error_format(&out.stderr, &desc);
        for needle in needles {
            assert!(out.stderr.contains(needle), "`{desc}`: the error does not say `{needle}`:\n{}", out.stderr);
        }
        out.stderr
    }

    /// Bad input: must exit 2, say each of `needles`, and leave the ledger
    /// exactly as it was (absent stays absent). Gives stderr.
    #[track_caller]
    pub fn rejected(self, needles: &[&str]) -> String {
        let ledger = self.ledger.clone().unwrap_or_else(|| self.env.ledger());
        let before = dump(&ledger);
        let stderr = self.fails(2, needles);
        assert_eq!(dump(&ledger), before, "rejected input changed the ledger ({stderr})");
        stderr
    }

    fn describe(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        let mut text = format!("hcpay {}", args.join(" "));
        if let Some(as_of) = self.as_of.as_deref().filter(|d| !d.is_empty()) {
            let _ = write!(text, " --as-of {as_of}");
        }
        if let Some(account) = &self.account {
            let _ = write!(text, " --account {account}");
        }
        text
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// An error is reported as `error: ...` on its first line, once; what
/// follows is a hint (ours: `hint: ...`; clap's: usage and `--help`), never a
/// panic or a backtrace.
#[track_caller]
pub fn assert_error_format(stderr: &str, what: &str) {
    let first = stderr.lines().next().unwrap_or("");
    assert!(
        first.starts_with("error: ") && first.len() > "error: ".len(),
        "`{what}`: stderr does not start with `error: `:\n{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "`{what}`: more than one error line:\n{stderr}"
    );
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE", "Caused by"] {
        assert!(!stderr.contains(bad), "`{what}`: stderr has `{bad}`:\n{stderr}");
    }
}

/// Our own errors (not clap's usage errors): exactly one `error: ` line,
/// optionally followed by one `hint: ` line.
#[track_caller]
pub fn assert_one_line_error(stderr: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        (lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("hint: "))) && lines[0].starts_with("error: "),
        "not one `error: ` line (plus a hint):\n{stderr}"
    );
}

/// `"202.00"`: an amount as DESIGN §3 prints it in JSON (a string, two decimals).
#[track_caller]
pub fn amount(value: &Value) -> &str {
    let text = value.as_str().unwrap_or_else(|| panic!("{value} is not an amount string"));
    let (whole, cents) = text.split_once('.').unwrap_or((text, ""));
    assert!(
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && cents.len() == 2
            && cents.bytes().all(|b| b.is_ascii_digit()),
        "{text:?} is not an amount with two decimals"
    );
    text
}

/// The keys of a JSON object, for error messages.
pub fn keys(value: &Value) -> Vec<&str> {
    value.as_object().unwrap_or_else(|| panic!("{value} is not an object")).keys().map(String::as_str).collect()
}

/// `value` is an object holding every one of `expected` (DESIGN §3 says "at
/// least": more keys may come, these must stay, spelled so).
#[track_caller]
pub fn assert_has_keys(value: &Value, expected: &[&str]) {
    let have = keys(value);
    let missing: Vec<&&str> = expected.iter().filter(|k| !have.contains(k)).collect();
    assert!(missing.is_empty(), "missing keys {missing:?}; have {have:?}");
}

/// The one line of `lines[]` in a `status --json` document for `line`.
#[track_caller]
pub fn line<'v>(status: &'v Value, line: &str) -> &'v Value {
    status["lines"]
        .as_array()
        .expect("status has lines[]")
        .iter()
        .find(|l| l["line"] == line)
        .unwrap_or_else(|| panic!("no {line} line in {status:#}"))
}

/// The bills of a `bills --json` listing as `(month, line, state, open)` rows.
pub fn bill_rows(bills: &Value) -> Vec<(String, String, String, String)> {
    bills
        .as_array()
        .expect("bills is an array")
        .iter()
        .map(|b| {
            let s = |k: &str| b[k].as_str().unwrap_or_else(|| panic!("{k} in {b}")).to_string();
            (s("coverage_month"), s("line"), s("state"), s("open"))
        })
        .collect()
}

// ----- households, methods and payments shared by the topics -----

pub const VISA: &str = "4242424242424242";
pub const MASTERCARD: &str = "5555555555554444";
pub const DECLINED: &str = "4000000000000002";
pub const INSUFFICIENT: &str = "4000000000009995";
pub const EXPIRED: &str = "4000000000000069";
pub const ROUTING: &str = "110000000";

/// The fields of a `history` row, which `pay --json` carries too (DESIGN §3).
pub const HISTORY_FIELDS: &[&str] =
    &["id", "date", "kind", "amount", "status", "failure_code", "method", "coverage_month", "reference", "detail"];

/// smith: health $202.00 (612 less 410 APTC) and dental $30.00 a month from
/// 2026-12; December recorded as paid on 2026-11-15 (portal, `BINDER`).
/// As of 2027-01-15, January (past due) and February (due 2027-01-23) are
/// open: $232.00 each, $464.00 in all. No method yet.
pub fn household() -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "612", "410");
    env.run(&["plan", "set", "--line", "dental", "--from", "2026-12", "--premium", "30"]).as_of("2026-11-01").ok();
    env.import_payments("2026-11-15", &["smith,2026-11-15,232,BINDER,portal"]);
    env
}

/// Adds a card (as of 2026-11-01); gives its id.
pub fn add_card(env: &Env, number: &str) -> i64 {
    card_added(env, "2026-11-01", number, "12/30")["id"].as_i64().expect("a method id")
}

/// `method add card --json` as of `as_of`: the method as added.
pub fn card_added(env: &Env, as_of: &str, number: &str, exp: &str) -> Value {
    env.run(&["method", "add", "card", "--number", number, "--exp", exp, "--holder", "Jo Smith", "--json"])
        .as_of(as_of)
        .json()
}

/// Adds a checking account at the sandbox's routing number (as of
/// 2026-11-01), confirmed with the sandbox's micro-deposits when `verify`.
pub fn add_bank(env: &Env, account_number: &str, verify: bool) -> i64 {
    let id = bank_added(env, "2026-11-01", account_number)["id"].as_i64().expect("a method id");
    if verify {
        env.run(&["method", "verify", &id.to_string(), "--amounts", "0.32,0.45"]).as_of("2026-11-01").ok();
    }
    id
}

/// `method add bank --json` (a checking account at the sandbox's routing
/// number) as of `as_of`: the method as added, awaiting its micro-deposits.
pub fn bank_added(env: &Env, as_of: &str, account_number: &str) -> Value {
    let args = ["method", "add", "bank", "--routing", ROUTING, "--account-number", account_number];
    env.run(&args).args(&["--kind", "checking", "--holder", "Jo Smith", "--json"]).as_of(as_of).json()
}

/// smith, enrolled in health alone from 2026-12 at $202.00 (no subsidy), as of 2026-11-01.
pub fn single_line() -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-11-01", "2026-12", "202", "0");
    env
}

/// `history --kind payment --json` rows.
pub fn payments(env: &Env, as_of: &str) -> Vec<Value> {
    env.json(as_of, &["history", "--kind", "payment"]).as_array().expect("history is an array").clone()
}

/// The payments that went through a gateway (not the recorded binder).
pub fn gateway_payments(env: &Env, as_of: &str) -> Vec<Value> {
    payments(env, as_of).into_iter().filter(|p| p["method"] != "portal" && p["method"] != "check").collect()
}

/// The payment with this id, as `history` shows it.
pub fn payment(env: &Env, as_of: &str, id: &Value) -> Value {
    payments(env, as_of).into_iter().find(|p| &p["id"] == id).unwrap_or_else(|| panic!("no payment {id} in history"))
}

/// How many charges the sandbox gateway made (its own table in the ledger),
/// and how much money it took in all (cents).
pub fn sandbox_charges(env: &Env) -> (i64, i64) {
    let conn = rusqlite::Connection::open(env.ledger()).expect("open the ledger");
    conn.query_row(
        "SELECT count(*), coalesce(sum(CASE WHEN status = 'succeeded' THEN amount_cents END), 0)
         FROM sandbox_charges WHERE kind = 'charge'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("count the sandbox's charges")
}

/// `(coverage_month, line, amount)` of a `pay --json` document's allocations.
pub fn allocations(doc: &Value) -> Vec<(String, String, String)> {
    doc["allocations"]
        .as_array()
        .unwrap_or_else(|| panic!("no allocations[] in {doc:#}"))
        .iter()
        .map(|a| {
            (
                a["coverage_month"].as_str().unwrap().to_string(),
                a["line"].as_str().unwrap().to_string(),
                amount(&a["amount"]).to_string(),
            )
        })
        .collect()
}

// ----- the exec gateway's test adapter -----

pub fn adapter() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/adapter/exec-adapter.py")
}

/// The household, with the exec gateway (the test adapter), with a timeout
/// long enough for a loaded machine (a test whose adapter hangs shortens it
/// with `exec_timeout` for that command).
pub fn exec_household() -> Env {
    let env = household();
    exec_timeout(&env, 30);
    env
}

pub fn exec_timeout(env: &Env, secs: u32) {
    env.write_config(&format!(
        "[gateway]\nkind = \"exec\"\nprogram = \"{}\"\ntimeout_secs = {secs}\n",
        adapter().display()
    ));
}

/// A run that talks to the adapter, its state in the environment's directory.
pub fn exec<'e>(env: &'e Env, args: &[&str]) -> Run<'e> {
    env.run(args).as_of("2027-01-15").env("HCPAY_ADAPTER_STATE", env.path("adapter-state.json"))
}

pub fn exec_pay<'e>(env: &'e Env, args: &[&str]) -> Run<'e> {
    let mut all = vec!["pay"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--yes", "--json"]);
    exec(env, &all)
}

pub fn exec_card(env: &Env, number: &str) -> String {
    let added =
        exec(env, &["method", "add", "card", "--number", number, "--exp", "12/30", "--holder", "Jo Smith", "--json"])
            .as_of("2026-11-01")
            .json();
    assert_eq!(added["state"], "verified", "{added:#}");
    added["id"].to_string()
}

/// The adapter's charges, by key.
pub fn adapter_charges(env: &Env) -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(env.path("adapter-state.json")).unwrap_or_default();
    if text.is_empty() {
        return Default::default();
    }
    let state: Value = serde_json::from_str(&text).expect("the adapter's state is JSON");
    state["charges"].as_object().cloned().unwrap_or_default()
}
