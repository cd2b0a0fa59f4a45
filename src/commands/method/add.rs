//! `method add bank|card`.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::{gateway_failed, label, method_view};
use crate::cli::choice;
use crate::commands::Outcome;
use crate::context::Context;
use crate::core::alert::MethodChange;
use crate::core::method::{
    echo_safe, parse_account_number, parse_card_number, parse_expiry, parse_routing, BankKind, Brand, MethodState,
};
use crate::core::policy::MethodKind;
use crate::core::text;
use crate::error::{bail_invalid, invalid};
use crate::gateway::{self, Instrument};
use crate::ledger::accounts;
use crate::ledger::audit;
use crate::ledger::methods::{self, Method};
use crate::prompt;
use crate::render::Output;

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// A checking or savings account, verified by two micro-deposits
    Bank(BankArgs),
    /// A card, verified at once by the gateway's zero-amount check
    Card(CardArgs),
}

#[derive(Debug, Args)]
pub struct BankArgs {
    /// ABA routing number (9 digits)
    #[arg(long, value_name = "R")]
    pub routing: String,
    /// Account number, 4-17 digits; `-` reads it from stdin; left out, a hidden prompt asks
    #[arg(long, value_name = "N")]
    pub account_number: Option<String>,
    /// The kind of bank account
    #[arg(long, value_name = "KIND", value_parser = choice::<BankKind>())]
    pub kind: BankKind,
    /// The name on the account
    #[arg(long, value_name = "H")]
    pub holder: String,
    /// A name to tell methods apart
    #[arg(long)]
    pub nickname: Option<String>,
}

#[derive(Debug, Args)]
pub struct CardArgs {
    /// Card number; `-` reads it from stdin; left out, a hidden prompt asks
    #[arg(long, value_name = "N")]
    pub number: Option<String>,
    /// Expiry month, MM/YY
    #[arg(long, value_name = "MM/YY")]
    pub exp: String,
    /// The name on the card
    #[arg(long, value_name = "H")]
    pub holder: String,
    /// Billing ZIP code
    #[arg(long, value_name = "Z")]
    pub zip: Option<String>,
    /// A name to tell methods apart
    #[arg(long)]
    pub nickname: Option<String>,
}

pub fn run(ctx: &Context, cmd: AddCommand) -> Result<Outcome> {
    let kind = match cmd {
        AddCommand::Bank(_) => MethodKind::Bank,
        AddCommand::Card(_) => MethodKind::Card,
    };
    if !ctx.policy().accepted_methods.contains(&kind) {
        return Err(invalid(format!("this exchange does not take {kind} payments"))
            .hint("accepted_methods under [policy] in the config says which kinds are taken")
            .into());
    }
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let gateway = ctx.gateway(&ledger)?;
    let key = format!("tokenize:{}:{}", account.handle, methods::count(ledger.conn(), account.rowid)? + 1);
    let new = match cmd {
        AddCommand::Card(args) => card_method(ctx, account.rowid, args, gateway.as_ref(), &key)?,
        AddCommand::Bank(args) => bank_method(account.rowid, args, gateway.as_ref(), &key)?,
    };
    let method = ledger.write(|tx| {
        let method = methods::insert(tx, &new, ctx.as_of)?;
        let detail = format!("added method {}: {} ({})", method.id, label(&method), method.state);
        audit::append(tx, ctx.clock(), Some(account.rowid), "method add", &detail)?;
        super::notify(ctx, tx, &account, &method, MethodChange::Added)?;
        Ok(method)
    })?;
    let id = method.id;
    let mut text = format!("added method {id}: {} ({}) for {}", label(&method), method.state, account.handle);
    if method.state == MethodState::Unverified {
        text.push_str(&format!(
            "\ntwo micro-deposits are on their way: confirm them with `hcpay method verify {id} --amounts A,B`"
        ));
    }
    Ok(Output::done(text, &method_view(&method, ctx.as_of)).into())
}

pub fn tidy(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// A method's nickname: printable, at most `NICKNAME_MAX` characters; blank is none.
pub fn check_nickname(nickname: Option<String>) -> Result<Option<String>> {
    let nickname = nickname.map(|n| text::check(&n, text::NICKNAME_MAX)).transpose();
    Ok(tidy(nickname.map_err(|problem| invalid(format!("--nickname {problem}")))?))
}

pub fn check_holder(holder: &str) -> Result<String> {
    let holder = text::check(holder, text::HOLDER_MAX).map_err(|problem| invalid(format!("--holder {problem}")))?;
    if holder.is_empty() {
        bail_invalid!("--holder is empty: the name on the card or account is needed");
    }
    Ok(holder)
}

pub fn check_zip(zip: Option<String>) -> Result<Option<String>> {
    let Some(zip) = tidy(zip) else { return Ok(None) };
    let digits: Vec<&str> = zip.split('-').collect();
    let ok = match digits.as_slice() {
        [five] => five.len() == 5,
        [five, four] => five.len() == 5 && four.len() == 4,
        _ => false,
    } && digits.iter().all(|d| d.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        bail_invalid!("`{}` is not a ZIP code (12345 or 12345-6789)", echo_safe(&zip));
    }
    Ok(Some(zip))
}

/// A new method of `account_id` (`id` 0, saved by the caller).
fn new_method(account_id: i64, brand: Brand, last4: &str, holder: String, verified: bool, token: String) -> Method {
    Method {
        id: 0,
        account_id,
        nickname: None,
        brand,
        last4: last4.to_string(),
        exp: None,
        holder,
        zip: None,
        routing: None,
        state: if verified { MethodState::Verified } else { MethodState::Unverified },
        token,
        is_default: false,
        verify_attempts: 0,
    }
}

/// Validates a card and tokenizes it: the full number goes to the gateway only.
pub fn card_method(
    ctx: &Context,
    account_id: i64,
    args: CardArgs,
    gateway: &dyn gateway::Gateway,
    key: &str,
) -> Result<Method> {
    let number = prompt::secret(args.number, "--number", "Card number")?;
    let number = parse_card_number(&number).map_err(|e| invalid(e.to_string()))?;
    let exp = parse_expiry(&args.exp, ctx.as_of).map_err(|e| invalid(e.to_string()))?;
    let holder = check_holder(&args.holder)?;
    let nickname = check_nickname(args.nickname)?;
    let zip = check_zip(args.zip)?;
    let exp_text = exp.to_string();
    let instrument =
        Instrument::Card { number: number.expose_digits(), exp: &exp_text, holder: &holder, zip: zip.as_deref() };
    let tokenized = gateway.tokenize(&instrument, key).map_err(gateway_failed)?;
    let brand = Brand::Card(number.brand());
    Ok(Method {
        nickname,
        exp: Some(exp),
        zip,
        ..new_method(account_id, brand, number.last4(), holder, tokenized.verified, tokenized.token)
    })
}

/// Validates a bank account and tokenizes it; it awaits its micro-deposits.
pub fn bank_method(account_id: i64, args: BankArgs, gateway: &dyn gateway::Gateway, key: &str) -> Result<Method> {
    let routing = parse_routing(&args.routing).map_err(|e| invalid(e.to_string()))?;
    let kind = args.kind;
    let holder = check_holder(&args.holder)?;
    let nickname = check_nickname(args.nickname)?;
    let number = prompt::secret(args.account_number, "--account-number", "Account number")?;
    let number = parse_account_number(&number).map_err(|e| invalid(e.to_string()))?;
    let instrument = Instrument::Bank {
        routing: routing.as_str(),
        account_number: number.expose_digits(),
        kind: kind.as_str(),
        holder: &holder,
    };
    let tokenized = gateway.tokenize(&instrument, key).map_err(gateway_failed)?;
    Ok(Method {
        nickname,
        routing: Some(routing.as_str().to_string()),
        ..new_method(account_id, Brand::Bank(kind), number.last4(), holder, tokenized.verified, tokenized.token)
    })
}
