//! `plan set|end|show`: rate periods, only ever added.

use anyhow::Result;
use chrono::NaiveDate;
use clap::{ArgGroup, Args, Subcommand};
use serde::Serialize;

use super::Outcome;
use crate::cli::{amount_arg, choice, date_arg, month_arg, name_arg};
use crate::context::Context;
use crate::core::billing::{
    earliest_first_month, plan_bills, Line, PeriodKind, PlannedBill, Program, Rate, RatePeriod,
};
use crate::core::coverage::starts_enrollment;
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::error::{bail_invalid, invalid};
use crate::ledger::{accounts, audit, payments, plans};
use crate::render::{Column, Listing, Output, Row};

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add a rate period: an enrollment, a renewal or a life event
    Set(SetArgs),
    /// End coverage of a line (or every line) after a month
    End(EndArgs),
    /// The rate periods of an account, oldest first
    Show,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("start").required(true).args(["from", "reported_on"])))]
pub struct SetArgs {
    /// The billed coverage this rate is for
    #[arg(long, value_parser = choice::<Line>(), default_value = "health")]
    pub line: Line,
    /// First coverage month at this rate
    #[arg(long, value_name = "YYYY-MM", value_parser = month_arg)]
    pub from: Option<Month>,
    /// The day a change was reported: by the cutoff day it applies from next
    /// month, later from the month after
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub reported_on: Option<NaiveDate>,
    /// Gross monthly premium
    #[arg(long, value_name = "AMT", value_parser = amount_arg)]
    pub premium: Money,
    /// Monthly subsidy (advance premium tax credit)
    #[arg(long, value_name = "AMT", value_parser = amount_arg, default_value = "0")]
    pub aptc: Money,
    /// Benchmark premium (second-lowest-cost silver plan), for the tax report
    #[arg(long, value_name = "AMT", value_parser = amount_arg)]
    pub slcsp: Option<Money>,
    /// The subsidy program [default: aptc with a subsidy, else unsubsidized]
    #[arg(long, value_parser = choice::<Program>())]
    pub program: Option<Program>,
    /// The plan's name
    #[arg(long, value_name = "NAME", value_parser = name_arg)]
    pub plan: Option<String>,
    /// The insurance carrier
    #[arg(long, value_name = "C", value_parser = name_arg)]
    pub carrier: Option<String>,
}

#[derive(Debug, Args)]
pub struct EndArgs {
    /// The line to end [default: every line]
    #[arg(long, value_parser = choice::<Line>())]
    pub line: Option<Line>,
    /// Last covered month
    #[arg(long, value_name = "YYYY-MM", value_parser = month_arg)]
    pub after: Month,
}

const LATE_FIRST_MONTH_HINT: &str = "coverage starts only with a first month paid by its due date; \
     `hcpay import enrollments` loads a past enrollment with its payments";

pub fn run(ctx: &Context, cmd: PlanCommand) -> Result<Outcome> {
    match cmd {
        PlanCommand::Set(args) => set(ctx, args),
        PlanCommand::End(args) => end(ctx, &args),
        PlanCommand::Show => show(ctx),
    }
}

fn set(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let rate = match Rate::new(args.premium, args.aptc, args.slcsp, args.program, args.plan, args.carrier) {
        Ok(rate) => rate,
        Err(problem) => bail_invalid!("{problem}"),
    };
    let from = match (args.from, args.reported_on) {
        (Some(from), _) => from,
        (None, Some(day)) => ctx.policy().change_applies_from(day),
        (None, None) => unreachable!("clap requires --from or --reported-on"),
    };
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let share = rate.member_share();
    let text = format!(
        "{} {} from {from}: premium {} - APTC {} = {} a month ({})",
        account.handle,
        args.line,
        rate.premium.dollars(),
        rate.aptc.dollars(),
        share.dollars(),
        rate.program
    );
    let view = RateView {
        account: account.handle.clone(),
        line: args.line,
        from,
        premium: rate.premium,
        aptc: rate.aptc,
        member_share: share,
        slcsp: rate.slcsp,
        program: rate.program,
        plan: rate.plan.clone(),
        carrier: rate.carrier.clone(),
    };
    let period = RatePeriod { id: 0, line: args.line, from, kind: PeriodKind::Rate(rate), recorded_on: ctx.as_of };
    let (policy, today) = (ctx.policy(), ctx.as_of);
    // Decided on what the ledger holds inside the write, like any other change.
    let repriced = ledger.write(|tx| {
        let periods = plans::for_account(tx, account.rowid)?;
        let facts = payments::facts_for(tx, account.rowid)?;
        let first = starts_enrollment(&periods, &facts, policy, today, args.line, from);
        let due = policy.due_date(from);
        if first && due < today {
            let earliest = earliest_first_month(policy, today);
            return Err(invalid(format!("the first month {from} was due {due}; the earliest start is {earliest}"))
                .hint(LATE_FIRST_MONTH_HINT)
                .into());
        }
        let issued = |b: &PlannedBill| b.month == from && b.statement_date <= today;
        let repriced = !first && plan_bills(&periods, args.line, policy, from).iter().any(issued);
        plans::insert(tx, account.rowid, &period)?;
        audit::append(tx, ctx.clock(), Some(account.rowid), "plan set", &text)?;
        Ok(repriced)
    })?;
    let mut text = text;
    if repriced {
        text.push_str(&format!("\nthe bill for {from} was already issued: it is re-priced, and money paid beyond the new amount becomes credit"));
    }
    Ok(Output::done(text, &view).into())
}

/// What `plan set --json` prints: the rate period added.
#[derive(Debug, Serialize)]
struct RateView {
    account: String,
    line: Line,
    from: Month,
    premium: Money,
    aptc: Money,
    member_share: Money,
    slcsp: Option<Money>,
    program: Program,
    plan: Option<String>,
    carrier: Option<String>,
}

/// What `plan end --json` prints.
#[derive(Debug, Serialize)]
struct EndView<'a> {
    account: &'a str,
    lines: &'a [Line],
    last_month: Month,
}

/// One rate period in `plan show`.
#[derive(Debug, Serialize)]
struct PeriodRow<'a> {
    line: Line,
    from: Month,
    kind: &'static str,
    plan: Option<&'a str>,
    carrier: Option<&'a str>,
    program: Option<Program>,
    premium: Option<Money>,
    aptc: Option<Money>,
    member_share: Option<Money>,
    slcsp: Option<Money>,
    recorded_on: NaiveDate,
}

impl Row for PeriodRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("line", "Line"),
        Column::text("from", "From"),
        Column::text("kind", "Kind"),
        Column::text("plan", "Plan"),
        Column::text("carrier", "Carrier"),
        Column::text("program", "Program"),
        Column::money("premium", "Premium"),
        Column::money("aptc", "APTC"),
        Column::money("member_share", "You pay"),
        Column::money("slcsp", "SLCSP"),
        Column::text("recorded_on", "Recorded"),
    ];
}

impl<'a> From<&'a RatePeriod> for PeriodRow<'a> {
    fn from(p: &'a RatePeriod) -> PeriodRow<'a> {
        let (kind, rate) = match &p.kind {
            PeriodKind::Rate(rate) => ("rate", Some(rate)),
            PeriodKind::End => ("end", None),
        };
        PeriodRow {
            line: p.line,
            from: p.from,
            kind,
            plan: rate.and_then(|r| r.plan.as_deref()),
            carrier: rate.and_then(|r| r.carrier.as_deref()),
            program: rate.map(|r| r.program),
            premium: rate.map(|r| r.premium),
            aptc: rate.map(|r| r.aptc),
            member_share: rate.map(Rate::member_share),
            slcsp: rate.and_then(|r| r.slcsp),
            recorded_on: p.recorded_on,
        }
    }
}

fn end(ctx: &Context, args: &EndArgs) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let periods = plans::for_account(ledger.conn(), account.rowid)?;
    let enrolled: Vec<Line> = Line::ALL.into_iter().filter(|l| periods.iter().any(|p| p.line == *l)).collect();
    let lines = match args.line {
        Some(line) if !enrolled.contains(&line) => {
            bail_invalid!("account {} has no {line} line", account.handle)
        }
        Some(line) => vec![line],
        None if enrolled.is_empty() => {
            bail_invalid!("account {} has no enrollment to end", account.handle)
        }
        None => enrolled,
    };
    let from = args.after.next();
    let names: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
    let text = format!("{}: {} coverage ends after {}", account.handle, names.join(" and "), args.after);
    ledger.write(|tx| {
        for &line in &lines {
            let period = RatePeriod { id: 0, line, from, kind: PeriodKind::End, recorded_on: ctx.as_of };
            plans::insert(tx, account.rowid, &period)?;
        }
        audit::append(tx, ctx.clock(), Some(account.rowid), "plan end", &text)
    })?;
    Ok(Output::done(text, &EndView { account: &account.handle, lines: &lines, last_month: args.after }).into())
}

fn show(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let mut periods = plans::for_account(ledger.conn(), account.rowid)?;
    periods.sort_by_key(|p| (p.line, p.from, p.id));
    let rows: Vec<PeriodRow> = periods.iter().map(PeriodRow::from).collect();
    let listing =
        Listing::of(&rows, format!("account {} has no rate periods: add one with `hcpay plan set`", account.handle));
    Ok(Output::List(listing).into())
}
