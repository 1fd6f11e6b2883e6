//! Field errors of a form: collected while parsing, shown next to each
//! field and in a summary at the top of the page.

use crate::error::Msg;

use crate::i18n::Lang;

/// Problems found while parsing a form, by field name.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(Vec<(String, Msg)>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, msg: Msg) {
        self.0.push((field.into(), msg));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the value of a parse, or records its error.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Msg>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(msg) => {
                self.add(field, msg);
                None
            }
        }
    }

    /// The errors in `lang`, for a page.
    pub fn render(&self, lang: Lang) -> Errors {
        Errors(
            self.0
                .iter()
                .map(|(f, m)| (f.clone(), m.render(lang)))
                .collect(),
        )
    }

    /// The errors as they are (for the API).
    pub fn into_inner(self) -> Vec<(String, Msg)> {
        self.0
    }
}

/// Rendered field errors, as templates use them.
#[derive(Debug, Default, Clone)]
pub struct Errors(Vec<(String, String)>);

impl Errors {
    pub fn none() -> Self {
        Errors::default()
    }

    /// A single message not tied to a field.
    pub fn general(message: String) -> Self {
        Errors(vec![(String::new(), message)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for `field`, if any.
    pub fn get(&self, field: impl AsRef<str>) -> Option<&str> {
        let field = field.as_ref();
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn has(&self, field: impl AsRef<str>) -> bool {
        self.get(field).is_some()
    }

    /// (field, message) pairs, for the summary.
    pub fn list(&self) -> &[(String, String)] {
        &self.0
    }
}
