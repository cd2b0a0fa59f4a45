//! `report year [YYYY]`: the tax year of one account, month by month.

use anyhow::Result;
use chrono::Datelike;
use clap::Subcommand;
use serde::Serialize;

use super::{snapshot, Outcome};
use crate::context::Context;
use crate::core::billing::Line;
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::core::report::{self, LineTotal, MonthLine, YearReport};
use crate::ledger::accounts;
use crate::render::{Column, Listing, Output, Row};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Per coverage month and line: premium, APTC and SLCSP (Form 1095-A Part III,
    /// Form 8962), the member's share, what was paid, and whether the month was
    /// covered (MA Form 1099-HC); totals and a monthly chart under the table
    Year {
        /// The tax year [default: the clock's year]
        #[arg(value_name = "YYYY", value_parser = year_arg)]
        year: Option<i32>,
    },
}

pub fn run(ctx: &Context, cmd: &ReportCommand) -> Result<Outcome> {
    let ReportCommand::Year { year } = cmd;
    let year = year.unwrap_or_else(|| ctx.as_of.year());
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let report = report::year(&snap, year);
    Ok(Output::List(listing(&report, &account.handle)).into())
}

/// A four-digit year.
fn year_arg(text: &str) -> Result<i32, String> {
    let text = text.trim();
    match text.parse::<i32>() {
        Ok(year) if text.len() == 4 && Month::new(year, 1).is_some() => Ok(year),
        _ => Err(format!("`{}` is not a year (expected YYYY, e.g. 2027)", crate::core::text::excerpt(text))),
    }
}

/// One coverage month of one line (a table row, a JSON object, a CSV record).
#[derive(Debug, Serialize)]
struct MonthRow {
    month: Month,
    line: Line,
    gross_premium: Money,
    aptc: Money,
    slcsp: Option<Money>,
    member_share: Money,
    paid: Money,
    covered: bool,
}

const COLUMNS: &[Column] = &[
    Column::text("month", "Month"),
    Column::text("line", "Line"),
    Column::money("gross_premium", "Premium"),
    Column::money("aptc", "APTC"),
    Column::money("slcsp", "SLCSP"),
    Column::money("member_share", "Your share"),
    Column::money("paid", "Paid"),
    Column::text("covered", "Covered"),
];

impl Row for MonthRow {
    const COLUMNS: &'static [Column] = COLUMNS;
}

impl From<&MonthLine> for MonthRow {
    fn from(r: &MonthLine) -> MonthRow {
        MonthRow {
            month: r.month,
            line: r.line,
            gross_premium: r.gross_premium,
            aptc: r.aptc,
            slcsp: r.slcsp,
            member_share: r.member_share,
            paid: r.paid,
            covered: r.covered,
        }
    }
}

/// A line's totals, under the table only (scripts sum the rows).
#[derive(Debug, Serialize)]
struct TotalRow {
    month: &'static str,
    line: Line,
    gross_premium: Money,
    aptc: Money,
    slcsp: Money,
    member_share: Money,
    paid: Money,
    /// Covered months of the months shown.
    covered: String,
}

impl Row for TotalRow {
    const COLUMNS: &'static [Column] = COLUMNS;
}

impl From<&LineTotal> for TotalRow {
    fn from(t: &LineTotal) -> TotalRow {
        TotalRow {
            month: "total",
            line: t.line,
            gross_premium: t.gross_premium,
            aptc: t.aptc,
            slcsp: t.slcsp,
            member_share: t.member_share,
            paid: t.paid,
            covered: format!("{} of {} months", t.covered_months, t.months),
        }
    }
}

fn listing(report: &YearReport, account: &str) -> Listing {
    let rows: Vec<MonthRow> = report.rows.iter().map(MonthRow::from).collect();
    let totals: Vec<TotalRow> = report.totals.iter().map(TotalRow::from).collect();
    let empty = format!("account {account} has no coverage billed in {}", report.year);
    let listing = Listing::of(&rows, empty);
    if rows.is_empty() {
        return listing;
    }
    listing.footer(&totals).note(chart(report))
}

/// How many characters the widest bar of the chart takes.
const BAR: i64 = 24;

/// The member's share owed and paid per month, as bars readable without
/// colour: `█` paid, `░` owed and not paid, `✗` a month without coverage.
fn chart(report: &YearReport) -> String {
    let mut months: Vec<(Month, Money, Money, Vec<Line>, usize)> = Vec::new();
    for r in &report.rows {
        if months.last().is_none_or(|m| m.0 != r.month) {
            months.push((r.month, Money::ZERO, Money::ZERO, Vec::new(), 0));
        }
        let m = months.last_mut().expect("pushed above");
        m.1 += r.member_share;
        m.2 += r.paid;
        m.4 += 1;
        if !r.covered {
            m.3.push(r.line);
        }
    }
    let widest = months.iter().map(|m| m.1.cents()).max().unwrap_or(0).max(1);
    // A bar's length in characters, rounded; never none for an amount above zero.
    let length = |amount: Money| match amount.cents() {
        0 => 0,
        cents => ((cents * BAR + widest / 2) / widest).max(1),
    };
    let mut out = format!("Your share per month ({}): █ paid, ░ owed and unpaid, ✗ not covered\n", report.year);
    for (month, owed, paid, uncovered, lines) in &months {
        if uncovered.len() == *lines && owed.is_zero() {
            out.push_str(&format!("{month}  ✗ not covered\n"));
            continue;
        }
        let paid_len = length((*paid).min(*owed));
        let bar = "█".repeat(paid_len as usize) + &"░".repeat((length(*owed) - paid_len).max(0) as usize);
        let pad = " ".repeat((BAR - length(*owed)).max(0) as usize);
        out.push_str(&format!("{month}  {bar}{pad}  {} of {}", paid.dollars(), owed.dollars()));
        if !uncovered.is_empty() {
            let names: Vec<&str> = uncovered.iter().map(|l| l.as_str()).collect();
            out.push_str(&format!("  ✗ {} not covered", names.join(", ")));
        }
        out.push('\n');
    }
    out
}
