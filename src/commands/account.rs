//! `account add|list|show`.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::{snapshot, Outcome};
use crate::context::Context;
use crate::core::billing::Line;
use crate::core::coverage::CoverageState;
use crate::core::text;
use crate::error::bail_invalid;
use crate::ledger::accounts::{self, Account, NewAccount};
use crate::ledger::audit;
use crate::render::{self, Column, Listing, Output, Row};

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

/// A field of an account that is not right: which one (its CSV column), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: String,
}

/// Checks and tidies an account's fields (trimmed, blank optional fields
/// dropped); used by `account add` and `import enrollments`. An import may
/// leave the name out on rows of an account the ledger already has, so
/// there `name_required` is decided later.
pub fn checked(account: NewAccount, name_required: bool) -> Result<NewAccount, FieldError> {
    let bad = |field: &'static str| move |problem: String| FieldError { field, problem };
    let handle = account.handle.trim().to_string();
    let handle_ok = !handle.is_empty()
        && handle.len() <= 32
        && handle.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && handle.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
    if !handle_ok {
        return Err(bad("account")(format!(
            "`{}` is not a valid account id (lowercase letters, digits, '-', '_' or '.', up to 32, starting with a letter or digit)",
            text::excerpt(&handle)
        )));
    }
    let name = text::check(&account.name, text::NAME_MAX).map_err(bad("name"))?;
    if name_required && name.is_empty() {
        return Err(bad("name")("is empty".into()));
    }
    let optional = |value: Option<String>, max: usize, field: &'static str| -> Result<Option<String>, FieldError> {
        let value = value.map(|v| text::check(&v, max)).transpose().map_err(bad(field))?;
        Ok(value.filter(|v| !v.is_empty()))
    };
    let member_id = optional(account.member_id, text::MEMBER_ID_MAX, "member_id")?;
    let email = optional(account.email, text::EMAIL_MAX, "email")?;
    if let Some(email) = &email {
        let valid = email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !email.contains(char::is_whitespace));
        if !valid {
            return Err(bad("email")(format!("`{}` is not an email address", text::excerpt(email))));
        }
    }
    let phone = optional(account.phone, 32, "phone")?;
    if let Some(phone) = &phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !(7..=15).contains(&digits) || phone.chars().any(|c| !(c.is_ascii_digit() || " +-().".contains(c))) {
            return Err(bad("phone")(format!("`{}` is not a phone number", text::excerpt(phone))));
        }
    }
    Ok(NewAccount { handle, name, member_id, email, phone })
}

fn add(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let account = NewAccount {
        handle: args.id,
        name: args.name,
        member_id: args.member_id,
        email: args.email,
        phone: args.phone,
    };
    let account = match checked(account, true) {
        Ok(account) => account,
        Err(FieldError { field: "account", problem }) => bail_invalid!("{problem}"),
        Err(FieldError { field, problem }) => bail_invalid!("--{} {problem}", field.replace('_', "-")),
    };
    let mut ledger = ctx.ledger_for_write()?;
    ledger.write(|tx| {
        let id = accounts::insert(tx, &account, ctx.as_of)?;
        audit::append(
            tx,
            ctx.clock(),
            Some(id),
            "account add",
            &format!("added account {} ({})", account.handle, account.name),
        )
    })?;
    let found = accounts::find(ledger.conn(), &account.handle)?.expect("just inserted");
    Ok(Output::done(format!("added account {} ({})", found.handle, found.name), &found).into())
}

/// One account in `account list`.
#[derive(Debug, Serialize)]
struct AccountRow<'a> {
    account: &'a str,
    name: &'a str,
    member_id: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

impl Row for AccountRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("account", "Account"),
        Column::text("name", "Name"),
        Column::text("member_id", "Member ID"),
        Column::text("email", "Email"),
        Column::text("phone", "Phone"),
    ];
}

impl<'a> From<&'a Account> for AccountRow<'a> {
    fn from(a: &'a Account) -> AccountRow<'a> {
        AccountRow {
            account: &a.handle,
            name: &a.name,
            member_id: a.member_id.as_deref(),
            email: a.email.as_deref(),
            phone: a.phone.as_deref(),
        }
    }
}

/// `account show --json`: the account, and its coverage in a word per line.
#[derive(Debug, Serialize)]
struct AccountView<'a> {
    #[serde(flatten)]
    account: &'a Account,
    coverage_state: Option<CoverageState>,
    lines: Vec<LineState>,
}

#[derive(Debug, Serialize)]
struct LineState {
    line: Line,
    coverage_state: CoverageState,
}

fn list(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let all = accounts::list(ledger.conn())?;
    let rows: Vec<AccountRow> = all.iter().map(AccountRow::from).collect();
    Ok(Output::List(Listing::of(&rows, "no accounts yet: add one with `hcpay account add ID --name NAME`")).into())
}

fn show(ctx: &Context, handle: Option<&str>) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
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
    let view = AccountView {
        account: &account,
        coverage_state: snap.coverage_state(),
        lines: snap.lines.iter().map(|l| LineState { line: l.line, coverage_state: l.state }).collect(),
    };
    Ok(Output::doc(text, &view).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(handle: &str, name: &str, email: Option<&str>) -> NewAccount {
        NewAccount { handle: handle.into(), name: name.into(), email: email.map(Into::into), ..NewAccount::default() }
    }

    #[test]
    fn fields_are_tidied_and_blank_ones_dropped() {
        let mut raw = account(" smith ", "  Jo Smith ", Some(" "));
        raw.member_id = Some("  ".into());
        let tidy = checked(raw, true).unwrap();
        assert_eq!((tidy.handle.as_str(), tidy.name.as_str()), ("smith", "Jo Smith"));
        assert_eq!((tidy.email, tidy.member_id), (None, None));
    }

    #[test]
    fn each_problem_names_its_field() {
        let field = |a: NewAccount, required: bool| checked(a, required).unwrap_err().field;
        assert_eq!(field(account("Smith!", "Jo", None), true), "account");
        assert_eq!(field(account("smith", "", None), true), "name");
        assert_eq!(field(account("smith", "Jo\u{1b}[2J", None), false), "name");
        assert_eq!(field(account("smith", &"x".repeat(201), None), false), "name");
        assert_eq!(field(account("smith", "Jo", Some("jo-at-example.org")), true), "email");
        assert_eq!(field(account("smith", "Jo", Some("jo@exa mple.org")), true), "email");
        assert!(checked(account("smith", "", None), false).is_ok(), "an import decides later");
    }

    #[test]
    fn a_bad_value_is_quoted_short() {
        let err = checked(account(&"X".repeat(5000), "Jo", None), true).unwrap_err();
        assert!(err.problem.len() < 200, "{}", err.problem);
    }
}
