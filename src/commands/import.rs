//! `import enrollments|payments`: bulk loads, all-or-nothing, errors name the row.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use csv::StringRecord;
use serde::Serialize;

use super::Outcome;
use crate::clock::Clock;
use crate::commands::account::checked as checked_account;
use crate::context::Context;
use crate::core::billing::{Line, PeriodKind, Program, Rate, RatePeriod};
use crate::core::dates::{parse_date, Month};
use crate::core::money::Money;
use crate::core::payment::{check_confirmation, parse_choice, Via};
use crate::core::text::{self, excerpt};
use crate::error::invalid;
use crate::ledger::accounts::{self, NewAccount};
use crate::ledger::payments::{self, InsertError, RecordedPayment};
use crate::ledger::{audit, plans};
use crate::progress::RowCount;
use crate::render::Output;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A roster, one row per rate period; creates accounts it does not know.
    /// Columns: account,name,member_id,email,line,from,premium,aptc,slcsp,program,plan,carrier
    Enrollments { file: PathBuf },
    /// Payments made elsewhere (a portal's history), allocated oldest bill first.
    /// Columns: account,paid_on,amount,confirmation,via
    Payments { file: PathBuf },
}

pub fn run(ctx: &Context, cmd: ImportCommand) -> Result<Outcome> {
    match cmd {
        ImportCommand::Enrollments { file } => enrollments(ctx, &file),
        ImportCommand::Payments { file } => payments(ctx, &file),
    }
}

/// A CSV file read by column name, with errors that name the row.
pub(super) struct Sheet {
    file: String,
    /// Header names in file order (a dozen at most: a scan beats hashing).
    columns: Vec<String>,
}

impl Sheet {
    pub(super) fn open(path: &Path, required: &[&str], optional: &[&str]) -> Result<(Sheet, csv::Reader<File>)> {
        let file = path.display().to_string();
        let mut reader = csv::ReaderBuilder::new().from_path(path).map_err(|e| match e.kind() {
            csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound => invalid(format!("no file {file}")),
            _ => invalid(format!("{file}: {e}")),
        })?;
        let headers = reader.headers().map_err(|e| invalid(format!("{file}: {e}")))?.clone();
        let columns: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
        // A column twice would leave one of its values unread, silently.
        if let Some((i, twice)) = columns.iter().enumerate().find(|(i, c)| columns[..*i].contains(c)) {
            return Err(invalid(format!(
                "{file}: the header has the column `{}` twice (columns {} and {})",
                excerpt(twice),
                columns.iter().position(|c| c == twice).expect("seen before") + 1,
                i + 1
            ))
            .into());
        }
        for name in required {
            if !columns.iter().any(|c| c == name) {
                return Err(invalid(format!("{file}: the header has no `{name}` column"))
                    .hint(format!("expected columns: {}", [required, optional].concat().join(",")))
                    .into());
            }
        }
        if let Some(unknown) =
            columns.iter().find(|h| !required.contains(&h.as_str()) && !optional.contains(&h.as_str()))
        {
            return Err(invalid(format!("{file}: unknown column `{}`", excerpt(unknown))).into());
        }
        Ok((Sheet { file, columns }, reader))
    }

    /// The rows, numbered from 1, each read when asked for: a big file is
    /// never held in memory whole.
    pub(super) fn rows<'a>(
        &'a self,
        reader: &'a mut csv::Reader<File>,
    ) -> impl Iterator<Item = Result<(usize, StringRecord)>> + 'a {
        reader.records().enumerate().map(move |(i, record)| {
            record.map(|r| (i + 1, r)).map_err(|e| invalid(format!("{} row {}: {e}", self.file, i + 1)).into())
        })
    }

    pub(super) fn has(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c == column)
    }

    fn get<'r>(&self, record: &'r StringRecord, column: &str) -> Option<&'r str> {
        let index = self.columns.iter().position(|c| c == column)?;
        record.get(index).map(str::trim).filter(|v| !v.is_empty())
    }

    /// An error for a row (1 = the first row after the header) and column.
    pub(super) fn error(&self, row: usize, column: &str, problem: impl std::fmt::Display) -> anyhow::Error {
        invalid(format!("{} row {row} (line {}), {column}: {problem}", self.file, row + 1)).into()
    }

    fn parse<T>(
        &self,
        row: usize,
        record: &StringRecord,
        column: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>> {
        self.get(record, column).map(|v| parse(v).map_err(|e| self.error(row, column, e))).transpose()
    }

    fn require<T>(
        &self,
        row: usize,
        record: &StringRecord,
        column: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T> {
        self.parse(row, record, column, parse)?.ok_or_else(|| self.error(row, column, "is empty"))
    }
}

fn money(text: &str) -> Result<Money, String> {
    Money::parse_amount(text).map_err(|e| e.to_string())
}

struct EnrollmentRow {
    account: NewAccount,
    period: RatePeriod,
}

fn enrollments(ctx: &Context, path: &Path) -> Result<Outcome> {
    let (sheet, mut reader) = Sheet::open(
        path,
        &["account", "line", "from", "premium"],
        &["name", "member_id", "email", "aptc", "slcsp", "program", "plan", "carrier"],
    )?;
    // Every row is checked before the ledger is touched (or even created).
    let mut rows = Vec::new();
    let mut progress = RowCount::new(ctx, "rows read");
    for next in sheet.rows(&mut reader) {
        progress.inc();
        let (row, record) = next?;
        let record = &record;
        let account = NewAccount {
            handle: sheet.require(row, record, "account", |v| Ok(v.to_string()))?,
            name: sheet.get(record, "name").unwrap_or_default().to_string(),
            member_id: sheet.get(record, "member_id").map(str::to_string),
            email: sheet.get(record, "email").map(str::to_string),
            phone: None,
        };
        // The name may be left out on rows of an account the ledger has: checked below.
        let account = checked_account(account, false).map_err(|e| sheet.error(row, e.field, e.problem))?;
        let line = sheet.require(row, record, "line", |v| parse_choice::<Line>(v, "a line"))?;
        let from = sheet.require(row, record, "from", |v| Month::parse(v).map_err(|e| e.to_string()))?;
        let premium = sheet.require(row, record, "premium", money)?;
        let aptc = sheet.parse(row, record, "aptc", money)?.unwrap_or(Money::ZERO);
        let slcsp = sheet.parse(row, record, "slcsp", money)?;
        let program = sheet.parse(row, record, "program", |v| parse_choice::<Program>(v, "a program"))?;
        let name = |v: &str| text::check(v, text::NAME_MAX);
        let plan = sheet.parse(row, record, "plan", name)?;
        let carrier = sheet.parse(row, record, "carrier", name)?;
        let rate = Rate::new(premium, aptc, slcsp, program, plan, carrier).map_err(|e| sheet.error(row, "aptc", e))?;
        rows.push((
            row,
            EnrollmentRow {
                account,
                period: RatePeriod { id: 0, line, from, kind: PeriodKind::Rate(rate), recorded_on: ctx.as_of },
            },
        ));
    }
    let mut ledger = ctx.ledger_for_write()?;
    ledger.bulk()?;
    let (accounts_created, periods) = ledger.write(|tx| {
        let mut touched = Touched::default();
        let mut created = 0;
        for (row, r) in &rows {
            let at = match touched.find(&r.account.handle) {
                Some(at) => at,
                None => {
                    let (id, new) = match accounts::find(tx, &r.account.handle)? {
                        Some(existing) => (existing.rowid, false),
                        None => {
                            if r.account.name.is_empty() {
                                let problem =
                                    format!("is empty: account {} is new, and needs a name", r.account.handle);
                                return Err(sheet.error(*row, "name", problem));
                            }
                            created += 1;
                            (accounts::insert(tx, &r.account, ctx.as_of)?, true)
                        }
                    };
                    touched.add(&r.account.handle, id, new)
                }
            };
            plans::insert(tx, touched.id(at), &r.period)?;
            touched.count(at, Money::ZERO);
        }
        touched.audit(tx, ctx.clock(), "import enrollments", |t| {
            let new = if t.new { " (a new account)" } else { "" };
            format!("imported {} rate periods{new} from {}", t.rows, sheet.file)
        })?;
        Ok((created, rows.len()))
    })?;
    let text = format!("imported {periods} rate periods; {accounts_created} new accounts");
    Ok(Output::done(text, &EnrollmentsImported { rate_periods: periods, accounts_created }).into())
}

/// The columns of a payments file (`import payments`, `reconcile`).
pub(super) const PAYMENT_COLUMNS: [&str; 5] = ["account", "paid_on", "amount", "confirmation", "via"];

/// A row of a payments file: the account it names (when the file has the
/// column) and the payment, checked (not after `as_of`), for no account yet.
pub(super) fn payment_row(
    sheet: &Sheet,
    row: usize,
    record: &StringRecord,
    as_of: NaiveDate,
) -> Result<(Option<String>, RecordedPayment)> {
    let handle = sheet.parse(row, record, "account", |v| Ok(v.to_string()))?;
    let paid_on = sheet.require(row, record, "paid_on", |v| parse_date(v).map_err(|e| e.to_string()))?;
    if paid_on > as_of {
        return Err(sheet.error(row, "paid_on", format!("{paid_on} is after today ({as_of})")));
    }
    let amount = sheet.require(row, record, "amount", |v| Money::parse_payment(v).map_err(|e| e.to_string()))?;
    let confirmation = sheet.require(row, record, "confirmation", check_confirmation)?;
    let via = sheet.parse(row, record, "via", |v| parse_choice::<Via>(v, "a way to pay"))?;
    let payment = RecordedPayment { account_id: 0, paid_on, amount, line: None, confirmation, via, memo: None };
    Ok((handle, payment))
}

fn payments(ctx: &Context, path: &Path) -> Result<Outcome> {
    let (required, optional) = PAYMENT_COLUMNS.split_at(4);
    let (sheet, mut reader) = Sheet::open(path, required, optional)?;
    let as_of = ctx.as_of;
    // One row at a time, checked and inserted in one transaction: a bad row
    // rolls everything back.
    let parse = |row: usize, record: &StringRecord| -> Result<(String, RecordedPayment)> {
        let (handle, payment) = payment_row(&sheet, row, record, as_of)?;
        Ok((handle.ok_or_else(|| sheet.error(row, "account", "is empty"))?, payment))
    };
    let mut ledger = ctx.ledger()?;
    ledger.bulk()?;
    let (count, total) = ledger.write(|tx| {
        let mut touched = Touched::default();
        let mut total = Money::ZERO;
        let mut count = 0;
        let mut progress = RowCount::new(ctx, "payments");
        for next in sheet.rows(&mut reader) {
            progress.inc();
            let (row, record) = next?;
            let (handle, mut payment) = parse(row, &record)?;
            let at = match touched.find(&handle) {
                Some(at) => at,
                None => {
                    let id = accounts::find(tx, &handle)?
                        .ok_or_else(|| sheet.error(row, "account", format!("no account `{}`", excerpt(&handle))))?
                        .rowid;
                    touched.add(&handle, id, false)
                }
            };
            payment.account_id = touched.id(at);
            match payments::insert_recorded(tx, &payment, as_of) {
                Ok(_) => {
                    total += payment.amount;
                    count += 1;
                    touched.count(at, payment.amount);
                }
                Err(InsertError::DuplicateConfirmation) => {
                    return Err(sheet.error(
                        row,
                        "confirmation",
                        format!("`{}` is already recorded for account {handle}", payment.confirmation),
                    ))
                }
                Err(InsertError::Other(e)) => return Err(e).context(format!("{} row {row}", sheet.file)),
            }
        }
        touched.audit(tx, ctx.clock(), "import payments", |t| {
            format!("imported {} payments totalling {} from {}", t.rows, t.total, sheet.file)
        })?;
        Ok((count, total))
    })?;
    let text = format!("imported {count} payments totalling {}", total.dollars());
    Ok(Output::done(text, &PaymentsImported { payments: count, total }).into())
}

/// The accounts an import touched, in the order it met them: each gets
/// its own audit entry, so an account's history shows only its own rows.
#[derive(Default)]
struct Touched {
    index: HashMap<String, usize>,
    accounts: Vec<TouchedAccount>,
}

struct TouchedAccount {
    id: i64,
    new: bool,
    rows: usize,
    total: Money,
}

impl Touched {
    /// Where the account `handle` is among those met so far.
    fn find(&self, handle: &str) -> Option<usize> {
        self.index.get(handle).copied()
    }

    fn add(&mut self, handle: &str, id: i64, new: bool) -> usize {
        self.index.insert(handle.to_string(), self.accounts.len());
        self.accounts.push(TouchedAccount { id, new, rows: 0, total: Money::ZERO });
        self.accounts.len() - 1
    }

    fn id(&self, at: usize) -> i64 {
        self.accounts[at].id
    }

    /// One more row for the account at `at`.
    fn count(&mut self, at: usize, amount: Money) {
        self.accounts[at].rows += 1;
        self.accounts[at].total += amount;
    }

    fn audit(
        &self,
        tx: &rusqlite::Transaction,
        clock: Clock,
        command: &str,
        detail: impl Fn(&TouchedAccount) -> String,
    ) -> Result<()> {
        for t in &self.accounts {
            audit::append(tx, clock, Some(t.id), command, &detail(t))?;
        }
        Ok(())
    }
}

/// What `import enrollments --json` prints.
#[derive(Debug, Serialize)]
struct EnrollmentsImported {
    rate_periods: usize,
    accounts_created: usize,
}

/// What `import payments --json` prints.
#[derive(Debug, Serialize)]
struct PaymentsImported {
    payments: usize,
    total: Money,
}
