//! What a notification is: its kind, who gets it, and its words in a
//! language (pure, with unit tests).

use serde::Serialize;
use serde_json::Value;

use crate::i18n::Lang;

/// What happened. The names are stored (`notifications.kind`) and shown
/// in the API, in `snake_case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = NotificationKind)]
pub enum Kind {
    /// A manager submitted a position (to HR officers of its unit).
    Submitted,
    /// HR returned a position with a question (to its manager).
    Returned,
    /// The manager answered HR's question or resubmitted (to the officer
    /// who claimed it).
    Answered,
    /// HR decided a position (to its manager, and an employee given with a share).
    Decided,
    /// An admin published a profile draft (to the other admins).
    DraftPublished,
    /// An admin answered a change request (to the requester).
    RequestAnswered,
    /// The daily digest of positions waiting in an HR officer's queue.
    Reminder,
    /// An appeal was lodged (to the appeals queue).
    AppealLodged,
    /// The appeal's reviewer asked the appellant a question.
    AppealQuestion,
    /// The appellant answered (to the appeal's reviewer).
    AppealAnswered,
    /// The appeal was decided (to the manager and the appellant).
    AppealDecided,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Submitted,
        Kind::Returned,
        Kind::Answered,
        Kind::Decided,
        Kind::DraftPublished,
        Kind::RequestAnswered,
        Kind::Reminder,
        Kind::AppealLodged,
        Kind::AppealQuestion,
        Kind::AppealAnswered,
        Kind::AppealDecided,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Submitted => "submitted",
            Kind::Returned => "returned",
            Kind::Answered => "answered",
            Kind::Decided => "decided",
            Kind::DraftPublished => "draft_published",
            Kind::RequestAnswered => "request_answered",
            Kind::Reminder => "reminder",
            Kind::AppealLodged => "appeal_lodged",
            Kind::AppealQuestion => "appeal_question",
            Kind::AppealAnswered => "appeal_answered",
            Kind::AppealDecided => "appeal_decided",
        }
    }

    pub fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The message key of its one line ("Position submitted: …"), also the
    /// e-mail's subject; `…-body` is the e-mail's paragraph and
    /// `…-name` the kind's name on the account page.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Submitted => "notify-submitted",
            Kind::Returned => "notify-returned",
            Kind::Answered => "notify-answered",
            Kind::Decided => "notify-decided",
            Kind::DraftPublished => "notify-draft-published",
            Kind::RequestAnswered => "notify-request-answered",
            Kind::Reminder => "notify-reminder",
            Kind::AppealLodged => "notify-appeal-lodged",
            Kind::AppealQuestion => "notify-appeal-question",
            Kind::AppealAnswered => "notify-appeal-answered",
            Kind::AppealDecided => "notify-appeal-decided",
        }
    }
}

/// Who gets a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// A portal user: in the portal, and by e-mail unless they turned
    /// e-mail off for the kind (in their language).
    User(i64),
    /// Someone without an account (an employee given with a share link,
    /// an appellant): by e-mail only, in `language` (`nl`, `fr`, `en`).
    Address {
        email: String,
        name: String,
        language: String,
    },
}

/// Names a message may use (Fluent wants `'static` names).
const NAMES: [&str; 8] = [
    "title", "level", "id", "profile", "version", "count", "days", "name",
];

/// The arguments of a message, from the stored `params` (strings and
/// numbers; other values are left out).
pub fn args(params: &Value) -> Vec<(&'static str, String)> {
    NAMES
        .into_iter()
        .filter_map(|name| {
            let value = match params.get(name)? {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Some((name, value))
        })
        .collect()
}

/// `args`, with a dash for each name `params` lacks: Fluent refuses a
/// whole message when one of its arguments is missing.
fn all_args(params: &Value) -> Vec<(&'static str, String)> {
    let mut given = args(params);
    for name in NAMES {
        if !given.iter().any(|(n, _)| *n == name) {
            given.push((name, "–".to_string()));
        }
    }
    given
}

/// The one line of a notification in `lang` (the e-mail's subject).
pub fn line(kind: Kind, params: &Value, lang: Lang) -> String {
    lang.t_args(kind.key(), &all_args(params))
}

/// The e-mail's paragraph of a notification in `lang`.
pub fn body(kind: Kind, params: &Value, lang: Lang) -> String {
    lang.t_args(&format!("{}-body", kind.key()), &all_args(params))
}

/// The items of a digest (`params.items`: `[{"text", "link"}]`).
pub fn items(params: &Value) -> Vec<(String, String)> {
    params
        .get("items")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    Some((
                        item.get("text")?.as_str()?.to_string(),
                        item.get("link")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A language code as stored: `nl`, `fr` or `en` (anything else: `nl`).
pub fn language(code: &str) -> &'static str {
    Lang::from_code(code).unwrap_or_default().code()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                json!(kind.as_str()),
                "{kind:?}"
            );
        }
        assert_eq!(Kind::parse("nope"), None);
    }

    #[test]
    fn every_kind_has_its_words_in_every_language() {
        // Every argument a message may use (a missing one fails the lookup).
        let params = json!({"title": "Onthaal", "level": "B", "id": 7, "count": 2, "days": 10,
                            "profile": "Onthaal", "version": 3, "name": "An"});
        for lang in Lang::ALL {
            for kind in Kind::ALL {
                for text in [
                    line(kind, &params, lang),
                    body(kind, &params, lang),
                    lang.t(&format!("{}-name", kind.key())),
                ] {
                    assert!(
                        !text.is_empty() && !text.contains("notify-") && !text.contains("{$"),
                        "{lang:?} {kind:?}: {text}"
                    );
                }
            }
        }
        assert!(line(Kind::Decided, &params, Lang::En).contains("Onthaal"));
        // A missing argument leaves a dash, not a broken message.
        assert_eq!(
            line(Kind::Decided, &json!({"title": "Onthaal"}), Lang::En),
            "Decision on Onthaal: level –"
        );
        assert!(line(Kind::Decided, &params, Lang::Fr).contains('B'));
    }

    #[test]
    fn only_plain_arguments_reach_a_message() {
        let a = args(&json!({"title": "T", "id": 3, "items": [1], "other": "x"}));
        assert_eq!(a, vec![("title", "T".to_string()), ("id", "3".to_string())]);
        assert_eq!(
            items(&json!({"items": [{"text": "A", "link": "/review/1"}, {"text": 1}]})),
            vec![("A".to_string(), "/review/1".to_string())]
        );
        assert_eq!(language("FR"), "fr");
        assert_eq!(language("de"), "nl");
    }
}
