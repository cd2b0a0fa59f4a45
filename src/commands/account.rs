//! `account add|list|show`.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::json;

use super::{snapshot, Outcome};
use crate::context::Context;
use crate::error::bail_invalid;
use crate::ledger::accounts::{self, NewAccount};
use crate::ledger::audit;
use crate::render::{self, Cell, Listing, Output};

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Add a household with a short handle (e.g. smith)
    Add(AddArgs),
    /// List the accounts
    List,
    /// One account in full, with its coverage as of the clock
    Show {
        /// The account's handle [default: --account, or the only account]
        id: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Short handle: lowercase letters, digits, '-', '_' or '.', up to 32
    pub id: String,
    /// The household's name as the exchange knows it
    #[arg(long)]
    pub name: String,
    /// The exchange's member ID
    #[arg(long)]
    pub member_id: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
}

pub fn run(ctx: &Context, cmd: AccountCommand) -> Result<Outcome> {
    match cmd {
        AccountCommand::Add(args) => add(ctx, args),
        AccountCommand::List => list(ctx),
        AccountCommand::Show { id } => show(ctx, id.as_deref().or(ctx.account())),
    }
}

/// Checks an account's fields; used by `account add` and `import enrollments`.
pub fn validate(account: &NewAccount) -> Result<(), String> {
    let handle = &account.handle;
    let handle_ok = !handle.is_empty()
        && handle.len() <= 32
        && handle.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && handle.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
    if !handle_ok {
        return Err(format!(
            "`{handle}` is not a valid account id (lowercase letters, digits, '-', '_' or '.', up to 32, starting with a letter or digit)"
        ));
    }
    if account.name.trim().is_empty() {
        return Err("the name is empty".into());
    }
    if let Some(email) = &account.email {
        let valid = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if !valid {
            return Err(format!("`{email}` is not an email address"));
        }
    }
    if let Some(phone) = &account.phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !(7..=15).contains(&digits) || phone.chars().any(|c| !(c.is_ascii_digit() || " +-().".contains(c))) {
            return Err(format!("`{phone}` is not a phone number"));
        }
    }
    Ok(())
}

fn add(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let account = NewAccount {
        handle: args.id,
        name: args.name.trim().to_string(),
        member_id: args.member_id.filter(|m| !m.trim().is_empty()),
        email: args.email,
        phone: args.phone,
    };
    if let Err(problem) = validate(&account) {
        bail_invalid!("{problem}");
    }
    let mut ledger = ctx.ledger_for_write()?;
    ledger.write(|tx| {
        let id = accounts::insert(tx, &account, ctx.as_of)?;
        audit::append(
            tx,
            ctx.as_of,
            Some(id),
            "account add",
            &format!("added account {} ({})", account.handle, account.name),
        )
    })?;
    let found = accounts::find(ledger.conn(), &account.handle)?.expect("just inserted");
    Ok(Output::Done { text: format!("added account {} ({})", found.handle, found.name), json: json!(found) }.into())
}

fn list(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger()?;
    let mut listing = Listing::new(
        &[("account", "Account"), ("name", "Name"), ("member_id", "Member ID"), ("email", "Email"), ("phone", "Phone")],
        "no accounts yet: add one with `hcpay account add ID --name NAME`",
    );
    for a in accounts::list(ledger.conn())? {
        listing.push(vec![
            a.handle.into(),
            a.name.into(),
            Cell::opt(a.member_id),
            Cell::opt(a.email),
            Cell::opt(a.phone),
        ]);
    }
    Ok(Output::List(listing).into())
}

fn show(ctx: &Context, handle: Option<&str>) -> Result<Outcome> {
    let ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), handle)?;
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let state = snap.coverage_state().map(|s| s.as_str());
    let mut text = format!(
        "{} ({})\nmember id  {}\nemail      {}\nphone      {}\nsince      {}\ncoverage   {}",
        account.handle,
        account.name,
        account.member_id.as_deref().unwrap_or("-"),
        account.email.as_deref().unwrap_or("-"),
        account.phone.as_deref().unwrap_or("-"),
        account.created_on,
        render::paint(state.unwrap_or("not enrolled"), ctx.color),
    );
    for line in &snap.lines {
        text.push_str(&format!("\n  {:<7}  {}", line.line, render::paint(line.state.as_str(), ctx.color)));
    }
    let mut json = json!(account);
    json["coverage_state"] = json!(state);
    json["lines"] =
        json!(snap.lines.iter().map(|l| json!({"line": l.line, "coverage_state": l.state})).collect::<Vec<_>>());
    Ok(Output::Doc { text, json }.into())
}
