//! Input by mouse or by keyboard alone. A journey step written against
//! `Hands` runs either way; with `Hands::Keyboard` the only input is key
//! presses sent to whatever has focus (Tab, arrows, Space, Enter, Ctrl+A
//! and typed text): no clicks and no commands aimed at an element. The
//! harness still reads the page (which element has focus, what a field
//! holds) to know where it is.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::harness::Browser;

/// How the user operates the page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Hands {
    Mouse,
    Keyboard,
}

/// Most Tab presses to reach an element (the longest form has ~70 stops).
const MOST_TABS: usize = 200;

impl Browser<'_> {
    /// Presses and releases each key in turn.
    async fn keys(&self, keys: impl IntoIterator<Item = char>) {
        let mut actions = KeyActions::new("keyboard".into());
        for key in keys {
            actions = actions
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("key presses");
    }

    /// Presses one key.
    pub async fn press(&self, key: Key) {
        self.keys([char::from(key)]).await;
    }

    /// Selects everything in the focused field (Ctrl+A).
    async fn select_all(&self) {
        let control = char::from(Key::Control);
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: control })
            .then(KeyAction::Down { value: 'a' })
            .then(KeyAction::Up { value: 'a' })
            .then(KeyAction::Up { value: control });
        self.client.perform_actions(actions).await.expect("Ctrl+A");
    }

    /// Whether the focused element matches `css`.
    pub async fn focused(&self, css: &str) -> bool {
        let found = self
            .script(
                "return !!document.activeElement && document.activeElement.matches(arguments[0])",
                vec![json!(css)],
            )
            .await;
        found == json!(true)
    }

    /// Presses Tab until the focused element matches `css`.
    pub async fn tab_to(&self, css: &str) {
        let mut passed: Vec<Value> = Vec::new();
        for _ in 0..MOST_TABS {
            if self.focused(css).await {
                return;
            }
            self.press(Key::Tab).await;
            passed.push(
                self.script(
                    "const e = document.activeElement; return e ? e.outerHTML.slice(0, 100) : null",
                    vec![],
                )
                .await,
            );
        }
        let last: Vec<String> = passed.iter().rev().take(8).map(Value::to_string).collect();
        panic!(
            "Tab never reached {css} on {} ({MOST_TABS} presses); last stops, newest first:\n{}",
            self.path().await,
            last.join("\n")
        );
    }

    /// Replaces the text of the field `css` with `text`.
    pub async fn enter_text(&self, hands: Hands, css: &str, text: &str) {
        match hands {
            Hands::Mouse => self.fill(css, text).await,
            Hands::Keyboard => {
                self.tab_to(css).await;
                self.select_all().await;
                self.keys(text.chars()).await;
            }
        }
        let value = self.prop(css, "value").await;
        assert_eq!(value.as_deref(), Some(text), "typed into {css}");
    }

    /// Selects the radio button `css` (keyboard: Tab into its group, then
    /// arrow keys, or Space for the first button of an empty group).
    pub async fn choose(&self, hands: Hands, css: &str) {
        match hands {
            Hands::Mouse => self.click(css).await,
            Hands::Keyboard => {
                let name = self.prop(css, "name").await.expect("radio name");
                self.tab_to(&format!("input[type=radio][name=\"{name}\"]"))
                    .await;
                for _ in 0..10 {
                    if self.focused(css).await {
                        break;
                    }
                    self.press(Key::Right).await;
                }
                assert!(self.focused(css).await, "arrow keys never reached {css}");
                if !self.checked(css).await {
                    self.press(Key::Space).await;
                }
            }
        }
        assert!(self.checked(css).await, "{css} is not selected");
    }

    /// Ticks or unticks the checkbox `css`.
    pub async fn tick(&self, hands: Hands, css: &str, on: bool) {
        if self.checked(css).await != on {
            match hands {
                Hands::Mouse => self.click(css).await,
                Hands::Keyboard => {
                    self.tab_to(css).await;
                    self.press(Key::Space).await;
                }
            }
        }
        assert_eq!(self.checked(css).await, on, "{css} ticked");
    }

    /// Whether the checkbox or radio button `css` is checked.
    pub async fn checked(&self, css: &str) -> bool {
        self.prop(css, "checked").await.as_deref() == Some("true")
    }

    /// Activates the link or button `css`, which leads to another page,
    /// and checks that page.
    pub async fn activate(&self, hands: Hands, css: &str, step: &str) {
        self.leave_by(hands, css).await;
        self.arrive(step).await;
    }

    /// Activates the link or button `css`, which leads to another page,
    /// and waits until that page has loaded (without checking it).
    pub async fn leave_by(&self, hands: Hands, css: &str) {
        self.mark_page().await;
        self.trigger(hands, css).await;
        self.wait_for_next_page().await;
    }

    /// Activates the link or button `css` (click, or Tab to it and Enter).
    pub async fn trigger(&self, hands: Hands, css: &str) {
        match hands {
            Hands::Mouse => self.click(css).await,
            Hands::Keyboard => {
                self.tab_to(css).await;
                self.press(Key::Enter).await;
            }
        }
    }
}
