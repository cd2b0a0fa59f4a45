//! `reconcile STATEMENT.csv`: the exchange's own payment history against the
//! ledger — the answer to "I paid but I'm not covered".

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{Days, NaiveDate};
use clap::Args;
use rusqlite::Connection;
use serde::Serialize;

use super::import::{payment_row, Sheet, PAYMENT_COLUMNS};
use super::Outcome;
use crate::cli::date_arg;
use crate::context::Context;
use crate::core::money::Money;
use crate::core::payment::PaymentStatus;
use crate::core::reconcile::{reconcile, Finding, Kept, Listed};
use crate::error::{invalid, ExitCode};
use crate::ledger::accounts::{self, Account};
use crate::ledger::audit;
use crate::ledger::payments::{self, InsertError, Payment, RecordedPayment};
use crate::render::{Column, Listing, Output, Row};

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The exchange's payment history, as CSV with the columns of `import payments`
    /// (account,paid_on,amount,confirmation,via; `account` may be left out for one account)
    #[arg(value_name = "STATEMENT.csv")]
    pub file: PathBuf,
    /// Record the statement's payments that the ledger lacks (all or nothing)
    #[arg(long)]
    pub record_missing: bool,
    /// Dates this many days apart or less agree (a payment posted after a weekend)
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=31))]
    pub days: u32,
    /// Compare from this date [default: the statement's first payment, less --days; needed when it lists none]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub since: Option<NaiveDate>,
    /// Compare up to this date [default: the clock]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub until: Option<NaiveDate>,
}

/// One payment of the statement or the ledger, or a pair of them
/// (a table row, a JSON object, a CSV record).
#[derive(Debug, Serialize)]
struct FindingRow {
    account: String,
    finding: Finding,
    statement_date: Option<NaiveDate>,
    statement_amount: Option<Money>,
    confirmation: Option<String>,
    payment_id: Option<i64>,
    ledger_date: Option<NaiveDate>,
    ledger_amount: Option<Money>,
    ledger_status: Option<String>,
    /// The ledger payment's confirmation, or its key.
    ledger_reference: Option<String>,
    detail: Option<String>,
}

impl Row for FindingRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("account", "Account"),
        Column::text("finding", "Finding"),
        Column::text("statement_date", "Statement date"),
        Column::money("statement_amount", "Statement amount"),
        Column::text("confirmation", "Confirmation"),
        Column::text("payment_id", "Payment"),
        Column::text("ledger_date", "Ledger date"),
        Column::money("ledger_amount", "Ledger amount"),
        Column::text("ledger_status", "Ledger status"),
        Column::text("ledger_reference", "Ledger reference"),
        Column::text("detail", "Detail"),
    ];
}

/// The statement's payments of one account, with the rows they came from.
struct Statement {
    account: Account,
    rows: Vec<(usize, RecordedPayment)>,
}

pub fn run(ctx: &Context, args: &ReconcileArgs) -> Result<Outcome> {
    if args.since.zip(args.until).is_some_and(|(since, until)| since > until) {
        return Err(invalid("--since is after --until").into());
    }
    let (findings, recorded) = if args.record_missing {
        let mut ledger = ctx.ledger()?;
        ledger.write(|tx| {
            let statements = read_statement(ctx, tx, args)?;
            let mut findings = compare(tx, &statements, ctx.as_of, args)?;
            let recorded = record_missing(ctx, tx, &statements, &mut findings, args)?;
            Ok((findings, recorded))
        })?
    } else {
        let ledger = ctx.ledger_read_only()?;
        let statements = read_statement(ctx, ledger.conn(), args)?;
        (compare(ledger.conn(), &statements, ctx.as_of, args)?, 0)
    };
    let differences = findings.iter().filter(|f| f.finding.is_difference()).count();
    let mut note = if differences == 0 {
        format!("the statement and the ledger agree ({} payments)", findings.len())
    } else {
        format!("{differences} of {} payments differ", findings.len())
    };
    if recorded > 0 {
        note.push_str(&format!("; {recorded} recorded from the statement"));
    }
    let empty = "no payments in the statement or the ledger for that period";
    let output = Output::List(Listing::owned(findings, empty).note(note));
    let code = if differences > 0 { ExitCode::Attention } else { ExitCode::Done };
    Ok(Outcome { output, code, problem: None })
}

/// The statement, checked whole before anything is compared: rows grouped by
/// account, in the order the accounts first appear.
fn read_statement(ctx: &Context, conn: &Connection, args: &ReconcileArgs) -> Result<Vec<Statement>> {
    let (required, optional) = PAYMENT_COLUMNS.split_at(4);
    // The account column may be left out of one household's statement.
    let (sheet, mut reader) = Sheet::open(&args.file, &required[1..], &[&required[..1], optional].concat())?;
    let fixed = if sheet.has("account") { None } else { Some(accounts::resolve(conn, ctx.account())?) };
    let named = ctx.account();
    let mut statements: Vec<Statement> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut confirmations: HashMap<(i64, String), usize> = HashMap::new();
    for next in sheet.rows(&mut reader) {
        let (row, record) = next?;
        let (handle, payment) = payment_row(&sheet, row, &record, ctx.as_of)?;
        let at = match (&fixed, handle) {
            (Some(account), _) => *index.entry(account.handle.clone()).or_insert_with(|| {
                statements.push(Statement { account: account.clone(), rows: Vec::new() });
                statements.len() - 1
            }),
            (None, None) => return Err(sheet.error(row, "account", "is empty")),
            (None, Some(handle)) => {
                if named.is_some_and(|n| n != handle) {
                    let problem = format!("names account `{handle}`, not --account {}", named.unwrap_or_default());
                    return Err(sheet.error(row, "account", problem));
                }
                match index.get(&handle) {
                    Some(&at) => at,
                    None => {
                        let account = accounts::find(conn, &handle)?.ok_or_else(|| {
                            sheet.error(row, "account", format!("no account `{}`", crate::core::text::excerpt(&handle)))
                        })?;
                        index.insert(handle, statements.len());
                        statements.push(Statement { account, rows: Vec::new() });
                        statements.len() - 1
                    }
                }
            }
        };
        let key = (statements[at].account.rowid, payment.confirmation.clone());
        if let Some(first) = confirmations.insert(key, row) {
            let problem = format!("`{}` is also on row {first}", payment.confirmation);
            return Err(sheet.error(row, "confirmation", problem));
        }
        statements[at].rows.push((row, payment));
    }
    if statements.is_empty() {
        // A statement of no payments still says something: the ledger's
        // payments of the period are missing from it.
        if args.since.is_none() {
            return Err(invalid(format!(
                "{} lists no payments: give --since DATE to check the ledger's payments from that day against it",
                args.file.display()
            ))
            .into());
        }
        let account = match fixed {
            Some(account) => account,
            None => accounts::resolve(conn, named)?,
        };
        statements.push(Statement { account, rows: Vec::new() });
    }
    Ok(statements)
}

/// Each account of the statement against its ledger payments, within the window.
fn compare(
    conn: &Connection,
    statements: &[Statement],
    as_of: NaiveDate,
    args: &ReconcileArgs,
) -> Result<Vec<FindingRow>> {
    let mut rows = Vec::new();
    for statement in statements {
        let first = statement.rows.iter().map(|(_, p)| p.paid_on).min().unwrap_or(as_of);
        let window = (args.since.unwrap_or_else(|| first - Days::new(args.days.into())), args.until.unwrap_or(as_of));
        let listed: Vec<Listed> = statement
            .rows
            .iter()
            .map(|(_, p)| p)
            .filter(|p| (window.0..=window.1).contains(&p.paid_on))
            .map(|p| Listed { paid_on: p.paid_on, amount: p.amount, confirmation: p.confirmation.clone() })
            .collect();
        let ledger = payments::for_account(conn, statement.account.rowid)?;
        let kept: Vec<Kept> = ledger.iter().map(kept).collect();
        let mut found: Vec<FindingRow> = reconcile(&listed, &kept, window, args.days)
            .into_iter()
            .map(|o| {
                let l = o.listed.map(|i| &listed[i]);
                let k = o.kept.map(|i| &ledger[i]);
                FindingRow {
                    account: statement.account.handle.clone(),
                    finding: o.finding,
                    statement_date: l.map(|l| l.paid_on),
                    statement_amount: l.map(|l| l.amount),
                    confirmation: l.map(|l| l.confirmation.clone()),
                    payment_id: k.map(|k| k.id),
                    ledger_date: k.map(|k| k.paid_on),
                    ledger_amount: k.map(|k| k.amount),
                    ledger_status: k.map(|k| k.status.to_string()),
                    ledger_reference: k.and_then(|k| k.reference_label().map(str::to_string)),
                    detail: (!o.problems.is_empty()).then(|| o.problems.join("; ")),
                }
            })
            .collect();
        found.sort_by_key(|f| (f.statement_date.or(f.ledger_date), f.payment_id));
        rows.extend(found);
    }
    Ok(rows)
}

fn kept(p: &Payment) -> Kept {
    let references = p.confirmation.iter().chain(&p.reference).cloned().collect();
    Kept { id: p.id, paid_on: p.paid_on, amount: p.amount, status: p.status, references }
}

/// Records the statement's payments that the ledger lacks, in the
/// transaction that found them missing; says how many.
fn record_missing(
    ctx: &Context,
    conn: &Connection,
    statements: &[Statement],
    findings: &mut [FindingRow],
    args: &ReconcileArgs,
) -> Result<usize> {
    let file = args.file.display().to_string();
    let mut recorded = 0;
    for statement in statements {
        let mut count = 0;
        let mut total = Money::ZERO;
        let missing = findings
            .iter_mut()
            .filter(|f| f.account == statement.account.handle && f.finding == Finding::MissingFromLedger);
        for finding in missing {
            let (row, payment) = statement
                .rows
                .iter()
                .find(|(_, p)| Some(&p.confirmation) == finding.confirmation.as_ref())
                .expect("a missing payment is one of the statement's");
            let payment = RecordedPayment { account_id: statement.account.rowid, ..payment.clone() };
            let id = payments::insert_recorded(conn, &payment, ctx.as_of).map_err(|e| match e {
                InsertError::DuplicateConfirmation => anyhow::Error::from(invalid(format!(
                    "{file} row {row}: confirmation `{}` is already recorded for account {}",
                    payment.confirmation, statement.account.handle
                ))),
                InsertError::Other(e) => e,
            })?;
            finding.finding = Finding::Recorded;
            finding.payment_id = Some(id);
            finding.ledger_date = Some(payment.paid_on);
            finding.ledger_amount = Some(payment.amount);
            finding.ledger_status = Some(PaymentStatus::Succeeded.to_string());
            finding.ledger_reference = Some(payment.confirmation.clone());
            finding.detail = Some("recorded from the statement".into());
            count += 1;
            total += payment.amount;
        }
        if count > 0 {
            let detail = format!("recorded {count} payments totalling {total} missing from the ledger, from {file}");
            audit::append(conn, ctx.clock(), Some(statement.account.rowid), "reconcile --record-missing", &detail)?;
        }
        recorded += count;
    }
    Ok(recorded)
}
