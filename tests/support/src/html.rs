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
