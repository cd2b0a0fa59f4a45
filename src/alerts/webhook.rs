//! The webhook channel: a JSON POST of the alert, as an `alerts --json` row,
//! whose raw body is signed with HMAC-SHA256 in `X-Hcpay-Signature:
//! sha256=<lowercase hex>`, the key read from the environment variable
//! `secret_env` names. https, or http to a loopback host (checked at config
//! load); a timeout; a 2xx answer is delivered, anything else a failure.
//! Errors name the host only: a URL may carry a token in its path.

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use ureq::http::Uri;

use super::{is_loopback, secret_from_env, AlertView, Channel, Secret};
use crate::config::WebhookConfig;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "X-Hcpay-Signature";

pub struct Webhook {
    agent: ureq::Agent,
    url: String,
    host: String,
    secret: Secret,
    timeout: Duration,
}

impl Webhook {
    /// The channel as configured; fails when its secret is not in the environment.
    pub fn new(config: &WebhookConfig) -> Result<Webhook, String> {
        let secret = secret_from_env(&config.secret_env, "alerts.webhook.secret_env")?;
        let uri: Uri = config.url.parse().map_err(|_| "the url is not valid".to_string())?;
        let host = uri.host().unwrap_or_default().to_string();
        let timeout = Duration::from_secs(config.timeout_secs.max(1));
        let mut builder = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            // A status is an answer to judge, not an error; a redirect is a failure.
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(concat!("hcpay/", env!("CARGO_PKG_VERSION")));
        if is_loopback(&host) {
            // No proxy reaches this machine's own loopback.
            builder = builder.proxy(None);
        }
        Ok(Webhook { agent: builder.build().into(), url: config.url.clone(), host, secret, timeout })
    }
}

impl Channel for Webhook {
    fn name(&self) -> &'static str {
        "webhook"
    }

    fn deliver(&mut self, alert: &AlertView) -> Result<(), String> {
        let body = alert.json();
        let response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, signature(self.secret.expose().as_bytes(), body.as_bytes()))
            .send(body.as_bytes())
            .map_err(|e| self.describe(&e))?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("{} answered HTTP {}", self.host, status.as_u16()))
        }
    }
}

impl Webhook {
    /// A failure in words, without the URL (it may hold a token) or the secret.
    fn describe(&self, e: &ureq::Error) -> String {
        let host = &self.host;
        let text = match e {
            ureq::Error::Timeout(_) => format!("{host} did not answer within {}s", self.timeout.as_secs()),
            ureq::Error::Io(io) => format!("cannot reach {host}: {io}"),
            ureq::Error::HostNotFound => format!("host {host} not found"),
            other => format!("{host}: {other}"),
        };
        self.secret.redact(&text).replace(&self.url, "<url>")
    }
}

/// `sha256=<lowercase hex>` of HMAC-SHA256 over `body` with `key`: the
/// header value a receiver recomputes to trust the body.
pub fn signature(key: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256=");
    for byte in digest.iter() {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_in_lowercase_hex() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_ne!(
            signature(b"Jefe", b"what do ya want for nothing!"),
            signature(b"Jefe", b"what do ya want for nothing?")
        );
    }
}
