//! Text from users and files: what is taken in, and how it is shown back.
//!
//! A control character (an ESC sequence, a NUL, a bidirectional override)
//! never reaches a terminal: input refuses it, and output escapes any that
//! an older ledger already holds. Lengths are bounded, and an error echoes
//! at most a short excerpt of the input it refuses.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A household's name, a plan's or a carrier's.
pub const NAME_MAX: usize = 200;
/// A note kept with a payment, a reason for a void.
pub const MEMO_MAX: usize = 500;
/// The exchange's member ID.
pub const MEMBER_ID_MAX: usize = 64;
/// An email address (RFC 5321's limit).
pub const EMAIL_MAX: usize = 254;
/// A method's nickname.
pub const NICKNAME_MAX: usize = 64;
/// The name on a card or bank account.
pub const HOLDER_MAX: usize = 100;
/// A user's idempotency key.
pub const KEY_MAX: usize = 255;
/// How much of a refused input an error shows.
pub const EXCERPT_CHARS: usize = 40;

/// A character a terminal acts on instead of showing: C0 and C1 controls,
/// DEL, the line and paragraph separators, and the bidirectional formatting
/// characters (overrides, embeddings, isolates and marks), which reorder
/// what is shown around them.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `c` as a visible escape: `\x1b` for ASCII, `\u{202e}` beyond.
fn push_escaped(out: &mut String, c: char) {
    let code = u32::from(c);
    if code < 0x80 {
        let _ = write!(out, "\\x{code:02x}");
    } else {
        let _ = write!(out, "\\u{{{code:x}}}");
    }
}

/// `text` with every control character written as a visible escape, so that
/// it shows as it is rather than acting on the terminal. With `keep_newlines`,
/// `\n` stays (the line breaks of a table or a document).
pub fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| is_control(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// At most the first `EXCERPT_CHARS` characters of `text`, escaped, with `…`
/// when it was longer: what an error shows of input it refuses.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", escape(&text[..cut], false)),
        None => escape(text, false).into_owned(),
    }
}

/// Checks a piece of free text (a name, a memo): trimmed, no control
/// character, at most `max` characters. It may be empty; the caller decides
/// whether that is allowed. The problem, when there is one, does not repeat
/// the text.
pub fn check(text: &str, max: usize) -> Result<String, String> {
    let text = text.trim();
    if let Some(c) = text.chars().find(|&c| is_control(c)) {
        let mut shown = String::new();
        push_escaped(&mut shown, c);
        return Err(format!("has a control character ({shown}); only printable text is taken"));
    }
    // Counting stops past the limit: a 50 MB field costs no more than a short one.
    let length = text.chars().take(max + 1).count();
    if length > max {
        return Err(format!("is longer than {max} characters"));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_characters_are_controls() {
        for c in ['\x1b', '\0', '\x7f', '\u{9b}', '\n', '\t', '\r', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200F}'] {
            assert!(is_control(c), "{c:?}");
        }
        for c in ['a', ' ', 'é', '€', '漢', '\u{2070}'] {
            assert!(!is_control(c), "{c:?}");
        }
    }

    #[test]
    fn escape_shows_controls_and_leaves_the_rest() {
        assert_eq!(escape("Pat\x1b[2J", false), "Pat\\x1b[2J");
        assert_eq!(escape("a\u{202E}b", false), "a\\u{202e}b");
        assert_eq!(escape("one\ntwo\r", true), "one\ntwo\\x0d");
        assert_eq!(escape("one\ntwo", false), "one\\x0atwo");
        assert!(matches!(escape("José Ñúñez", false), Cow::Borrowed(_)));
    }

    #[test]
    fn an_excerpt_is_short_and_escaped() {
        assert_eq!(excerpt("short"), "short");
        let long = "x".repeat(10_000);
        assert_eq!(excerpt(&long), format!("{}…", "x".repeat(EXCERPT_CHARS)));
        assert_eq!(excerpt("\x1b[2J"), "\\x1b[2J");
        let exactly = "é".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&exactly), exactly);
    }

    #[test]
    fn check_trims_and_refuses_controls_and_long_text() {
        assert_eq!(check("  Pat Smith ", NAME_MAX), Ok("Pat Smith".into()));
        assert_eq!(check("", NAME_MAX), Ok(String::new()));
        assert!(check("Pat\x1b[2J", NAME_MAX).unwrap_err().contains("\\x1b"));
        assert!(check("Pat\u{202E}", NAME_MAX).unwrap_err().contains("control character"));
        assert!(check("a\0b", NAME_MAX).is_err());
        assert_eq!(check(&"é".repeat(NAME_MAX), NAME_MAX).map(|s| s.chars().count()), Ok(NAME_MAX));
        let err = check(&"x".repeat(NAME_MAX + 1), NAME_MAX).unwrap_err();
        assert_eq!(err, format!("is longer than {NAME_MAX} characters"));
    }
}
