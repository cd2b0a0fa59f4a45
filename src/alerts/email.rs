//! The email channel: one message per alert over SMTP (lettre, rustls),
//! plain text and a small HTML part. `security`: `starttls` (port 587 by
//! default), `tls` (465), or `none` (25), which config load allows to a
//! loopback host only. The password comes from the environment variable
//! `password_env` names and is never stored, logged or printed.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType, To};
use lettre::message::{Mailbox, Mailboxes, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::Tls;
use lettre::{Message, SmtpTransport, Transport};

use super::{secret_from_env, AlertView, Channel, Secret};
use crate::config::{EmailConfig, EmailSecurity};

pub struct Email {
    transport: SmtpTransport,
    from: Mailbox,
    to: Mailboxes,
    /// Masked out of any error the SMTP client reports.
    password: Option<Secret>,
}

impl Email {
    /// The channel as configured; fails when its password is not in the environment.
    pub fn new(config: &EmailConfig) -> Result<Email, String> {
        // Config load checked the addresses.
        let from: Mailbox = config.from.parse().map_err(|e| format!("from: {e}"))?;
        let to: Mailboxes = config.to.parse().map_err(|e| format!("to: {e}"))?;
        let builder = match config.security {
            EmailSecurity::Starttls => SmtpTransport::starttls_relay(&config.host),
            EmailSecurity::Tls => SmtpTransport::relay(&config.host),
            EmailSecurity::None => Ok(SmtpTransport::builder_dangerous(&config.host).tls(Tls::None).port(25)),
        }
        .map_err(|e| format!("{}: {e}", config.host))?;
        let mut builder = builder.timeout(Some(Duration::from_secs(config.timeout_secs.max(1))));
        if let Some(port) = config.port {
            builder = builder.port(port);
        }
        let password = match &config.password_env {
            Some(var) => Some(secret_from_env(var, "alerts.email.password_env")?),
            None => None,
        };
        if let (Some(user), Some(password)) = (&config.username, &password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.expose().to_string()));
        }
        Ok(Email { transport: builder.build(), from, to, password })
    }

    fn message(&self, alert: &AlertView) -> Result<Message, String> {
        let text = plain(alert);
        let html = html(alert);
        Message::builder()
            .from(self.from.clone())
            .mailbox(To::from(self.to.clone()))
            .subject(alert.subject())
            .multipart(
                MultiPart::alternative()
                    .singlepart(part(ContentType::TEXT_PLAIN, text))
                    .singlepart(part(ContentType::TEXT_HTML, html)),
            )
            .map_err(|e| format!("cannot build the message: {e}"))
    }
}

impl Channel for Email {
    fn name(&self) -> &'static str {
        "email"
    }

    fn deliver(&mut self, alert: &AlertView) -> Result<(), String> {
        let message = self.message(alert)?;
        self.transport.send(&message).map(|_| ()).map_err(|e| {
            let text = format!("SMTP: {e}");
            match &self.password {
                Some(password) => password.redact(&text),
                None => text,
            }
        })
    }
}

/// A part in quoted-printable: readable as it is, whatever the text holds.
fn part(kind: ContentType, body: String) -> SinglePart {
    SinglePart::builder().header(kind).header(ContentTransferEncoding::QuotedPrintable).body(body)
}

/// The plain-text part: the message and how to hide it.
fn plain(alert: &AlertView) -> String {
    let mut text = format!("{}\n\n", alert.message);
    if alert.id > 0 {
        text.push_str(&format!(
            "Alert {} ({}), raised {}. `hcpay alerts ack {}` hides it.\n",
            alert.id, alert.kind, alert.created, alert.id
        ));
    }
    text
}

/// The HTML part: the same words, escaped.
fn html(alert: &AlertView) -> String {
    let mut body = format!("<p>{}</p>", escape_html(&alert.message));
    if alert.id > 0 {
        body.push_str(&format!(
            "<p style=\"color:#666\">Alert {} ({}), raised {}. <code>hcpay alerts ack {}</code> hides it.</p>",
            alert.id,
            escape_html(alert.kind),
            alert.created,
            alert.id
        ));
    }
    format!("<!DOCTYPE html>\n<html><body>{body}</body></html>\n")
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape_html("<b>Tom & \"Jo's\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jo&#39;s&quot;&lt;/b&gt;");
        let mut alert = AlertView::test(Some("smith".into()), chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap());
        alert.message = "pay <script>x</script>".into();
        assert!(html(&alert).contains("pay &lt;script&gt;x&lt;/script&gt;"));
        assert!(plain(&alert).starts_with("pay <script>x</script>\n"));
    }
}
