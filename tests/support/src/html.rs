//! Parsed HTML pages with CSS-selector helpers.

use scraper::{ElementRef, Html, Selector};

pub struct Page {
    pub html: Html,
    pub source: String,
}

impl Page {
    pub fn parse(source: &str) -> Self {
        Page {
            html: Html::parse_document(source),
            source: source.to_string(),
        }
    }

    fn selector(css: &str) -> Selector {
        Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"))
    }

    /// Every element matching `css`.
    pub fn all(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&Self::selector(css)).collect()
    }

    /// The one element matching `css`; panics when there is none.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        self.html
            .select(&Self::selector(css))
            .next()
            .unwrap_or_else(|| panic!("no element {css} in page:\n{}", self.source))
    }

    /// Text of the first element matching `css`, whitespace collapsed.
    pub fn text(&self, css: &str) -> String {
        text_of(self.one(css))
    }

    /// Texts of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.all(css).into_iter().map(text_of).collect()
    }

    pub fn count(&self, css: &str) -> usize {
        self.all(css).len()
    }

    /// The `value` attribute of the one element matching `css` (a field,
    /// a link to copy); panics when it has none.
    pub fn value(&self, css: &str) -> String {
        self.one(css)
            .value()
            .attr("value")
            .unwrap_or_else(|| panic!("{css} has no value"))
            .to_string()
    }

    /// The revision a form on this page was made on (its `revision`
    /// field): a draft's in the editor, a position's on its form.
    pub fn revision(&self) -> String {
        self.value("input[name=revision]")
    }

    /// The fields of the form matching `css` as a browser would send them,
    /// in order (a select sends its selected option), without the CSRF
    /// token and the submit buttons: the actor adds its own token and the
    /// test its `action`.
    pub fn form_fields(&self, css: &str) -> Vec<(String, String)> {
        let form = self.one(css);
        let mut fields = Vec::new();
        for input in form.select(&Self::selector("input, textarea, select")) {
            let e = input.value();
            let Some(name) = e.attr("name") else { continue };
            if name == "csrf_token" || e.attr("type") == Some("submit") {
                continue;
            }
            let value = match e.name() {
                "textarea" => input.text().collect::<String>(),
                "select" => input
                    .select(&Self::selector("option[selected]"))
                    .next()
                    .and_then(|o| o.value().attr("value").map(String::from))
                    .unwrap_or_default(),
                _ => e.attr("value").unwrap_or("").to_string(),
            };
            fields.push((name.to_string(), value));
        }
        fields
    }
}

/// Text content with whitespace collapsed to single spaces.
pub fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
