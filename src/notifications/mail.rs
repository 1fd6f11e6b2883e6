//! An outbox row written as an e-mail: subject and text in the
//! recipient's language, plain text with an HTML alternative (askama
//! templates `mail/notification.txt` and `.html`), absolute links from
//! `JOBCLASS_PUBLIC_URL`, and a `Message-ID` that stays the same on
//! every retry.

use askama::Template;
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use serde_json::Value;
use uuid::Uuid;

use super::model::{self, Kind};
use crate::i18n::Lang;

/// An e-mail of the outbox, as the sender claimed it.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: i64,
    pub kind: String,
    pub email: String,
    pub name: String,
    pub language: String,
    pub link: String,
    pub params: Value,
    pub token: Uuid,
    /// A portal user (their footer points at their preferences).
    pub user_id: Option<i64>,
}

/// What both parts of an e-mail say.
struct Words {
    lang: &'static str,
    greeting: String,
    line: String,
    body: String,
    items: Vec<(String, String)>,
    open: String,
    link: String,
    footer: String,
}

/// The plain-text part.
#[derive(Template)]
#[template(path = "mail/notification.txt")]
struct Text<'a> {
    w: &'a Words,
}

/// The HTML part.
#[derive(Template)]
#[template(path = "mail/notification.html")]
struct Html<'a> {
    w: &'a Words,
}

/// The host of the public URL (`jobclass.example.be`), for Message-IDs.
pub fn host_of(public_url: &str) -> String {
    let rest = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if authority.starts_with('[') {
        authority
            .split(']')
            .next()
            .map(|h| h.trim_start_matches('['))
    } else {
        authority.split(':').next()
    };
    match host.map(str::trim) {
        Some(h)
            if !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c)) =>
        {
            h.to_ascii_lowercase()
        }
        _ => "localhost".to_string(),
    }
}

/// The `Message-ID` of outbox row `id` (without the angle brackets).
pub fn message_id(id: i64, token: &Uuid, public_url: &str) -> String {
    format!(
        "notification-{id}.{}@{}",
        token.simple(),
        host_of(public_url)
    )
}

fn words(o: &Outgoing, public_url: &str) -> Words {
    let lang = Lang::from_code(&o.language).unwrap_or_default();
    let kind = Kind::parse(&o.kind).unwrap_or(Kind::Reminder);
    let absolute = |path: &str| format!("{public_url}{path}");
    let greeting = if o.name.trim().is_empty() {
        lang.t("mail-greeting-anonymous")
    } else {
        lang.t_args("mail-greeting", &[("name", o.name.trim().to_string())])
    };
    let footer = if o.user_id.is_some() {
        lang.t_args("mail-footer-user", &[("account", absolute("/account"))])
    } else {
        lang.t("mail-footer-address")
    };
    Words {
        lang: lang.code(),
        greeting,
        line: model::line(kind, &o.params, lang),
        body: model::body(kind, &o.params, lang),
        items: model::items(&o.params)
            .into_iter()
            .map(|(text, link)| (text, absolute(&link)))
            .collect(),
        open: lang.t("mail-open"),
        link: absolute(&o.link),
        footer,
    }
}

/// The e-mail of `o` from `from`, with links under `public_url`.
pub fn message(o: &Outgoing, from: &str, public_url: &str) -> anyhow::Result<Message> {
    let w = words(o, public_url);
    let text = Text { w: &w }.render()?;
    let html = Html { w: &w }.render()?;
    let from: Mailbox = from
        .parse()
        .map_err(|err| anyhow::anyhow!("JOBCLASS_MAIL_FROM {from:?}: {err}"))?;
    let to = Mailbox::new(
        Some(o.name.trim().to_string()).filter(|n| !n.is_empty()),
        o.email
            .trim()
            .parse()
            .map_err(|err| anyhow::anyhow!("address {:?}: {err}", o.email))?,
    );
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(w.line.clone())
        .message_id(Some(format!(
            "<{}>",
            message_id(o.id, &o.token, public_url)
        )))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            w.lang.to_string(),
        ))
        .multipart(MultiPart::alternative_plain_html(text, html))?;
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn outgoing(language: &str) -> Outgoing {
        Outgoing {
            id: 42,
            kind: "decided".into(),
            email: "an@example.be".into(),
            name: "An <Peeters>".into(),
            language: language.into(),
            link: "/positions/7".into(),
            params: json!({"title": "Onthaal & <balie>", "level": "B", "id": 7}),
            token: Uuid::nil(),
            user_id: Some(3),
        }
    }

    #[test]
    fn the_message_id_names_the_row_and_the_portals_host() {
        assert_eq!(
            host_of("https://jobclass.example.be/"),
            "jobclass.example.be"
        );
        assert_eq!(host_of("http://127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(host_of("http://[::1]:3000/x"), "localhost");
        assert_eq!(host_of("nonsense"), "nonsense");
        assert_eq!(
            message_id(42, &Uuid::nil(), "https://Portal.example.be"),
            "notification-42.00000000000000000000000000000000@portal.example.be"
        );
    }

    #[test]
    fn an_email_has_both_parts_in_the_recipients_language_with_absolute_links() {
        let o = outgoing("fr");
        let w = words(&o, "https://portal.example.be");
        assert_eq!(w.link, "https://portal.example.be/positions/7");
        assert!(
            w.footer.contains("https://portal.example.be/account"),
            "{}",
            w.footer
        );
        assert_eq!(w.lang, "fr");
        let formatted = message(
            &o,
            "jobclass <noreply@example.be>",
            "https://portal.example.be",
        )
        .unwrap()
        .formatted();
        let text = String::from_utf8_lossy(&formatted);
        assert!(text.contains("multipart/alternative"), "{text}");
        assert!(text.contains("text/html"), "{text}");
        assert!(text.contains(
            "Message-ID: <notification-42.00000000000000000000000000000000@portal.example.be>"
        ));
    }

    #[test]
    fn the_html_part_escapes_what_users_typed() {
        let o = outgoing("en");
        let w = words(&o, "https://p.example");
        let html = Html { w: &w }.render().unwrap();
        assert!(html.contains("&#60;balie&#62;"), "{html}");
        assert!(
            !html.contains("<balie>") && !html.contains("<Peeters>"),
            "{html}"
        );
    }
}
