//! Word-level differences between two texts, as the compare page and the
//! version history show them (added words highlighted, dropped words struck).

use similar::{Algorithm, ChangeTag};

/// How a piece of text differs between the older and the newer text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Added,
    Removed,
}

/// A run of words with the same change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffPart {
    pub change: Change,
    pub text: String,
}

impl DiffPart {
    pub fn is_added(&self) -> bool {
        self.change == Change::Added
    }
    pub fn is_removed(&self) -> bool {
        self.change == Change::Removed
    }
}

/// The word diff of `old` → `new`. Whitespace between two changed words of
/// the same kind joins them, so a replaced phrase reads as one block.
pub fn words(old: &str, new: &str) -> Vec<DiffPart> {
    let mut parts: Vec<DiffPart> = Vec::new();
    for (tag, text) in similar::utils::diff_words(Algorithm::Patience, old, new) {
        let change = match tag {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Insert => Change::Added,
            ChangeTag::Delete => Change::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.change == change => last.text.push_str(text),
            _ => parts.push(DiffPart {
                change,
                text: text.to_string(),
            }),
        }
    }
    merge_across_spaces(parts)
}

/// Turns `[-a-][+x+] " " [-b-][+y+]` into `[-a b-][+x y+]`. Only when the
/// changes on both sides of the space are of the same kinds, so that both
/// texts can still be read back from the parts.
fn merge_across_spaces(parts: Vec<DiffPart>) -> Vec<DiffPart> {
    let mut out: Vec<DiffPart> = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        let part = &parts[i];
        if part.change == Change::Same && !part.text.is_empty() && part.text.trim().is_empty() {
            let before_start = out
                .iter()
                .rposition(|p| p.change == Change::Same)
                .map_or(0, |k| k + 1);
            let after_end = (i + 1..parts.len())
                .find(|&k| parts[k].change == Change::Same)
                .unwrap_or(parts.len());
            let kinds = |list: &[DiffPart]| {
                let mut k: Vec<Change> = list.iter().map(|p| p.change).collect();
                k.sort_by_key(|c| *c as u8);
                k
            };
            let before = kinds(&out[before_start..]);
            let after = kinds(&parts[i + 1..after_end]);
            if !before.is_empty() && before == after {
                for next in &parts[i + 1..after_end] {
                    if let Some(target) = out[before_start..]
                        .iter_mut()
                        .find(|p| p.change == next.change)
                    {
                        target.text.push_str(&part.text);
                        target.text.push_str(&next.text);
                    }
                }
                i = after_end;
                continue;
            }
        }
        out.push(part.clone());
        i += 1;
    }
    out
}

/// The parts as a page shows them: changed runs carry no space at their
/// edges (nothing struck or underlined but words), one space stands
/// between two runs where the texts had any, and no gap is doubled. With
/// `removed` false the dropped words are left out: the new text alone,
/// with what is new marked.
pub fn for_display(parts: &[DiffPart], removed: bool) -> Vec<DiffPart> {
    let mut out: Vec<DiffPart> = Vec::with_capacity(parts.len());
    let mut space = false;
    for part in parts.iter().filter(|p| removed || !p.is_removed()) {
        let core = part.text.trim();
        if core.is_empty() {
            space |= !part.text.is_empty();
            continue;
        }
        space |= part.text.starts_with(char::is_whitespace);
        match out.last_mut() {
            // Two runs of one kind with a space between read as one.
            Some(last) if last.change == part.change => {
                if space {
                    last.text.push(' ');
                }
                last.text.push_str(core);
            }
            Some(last) => {
                if space {
                    if last.change == Change::Same {
                        last.text.push(' ');
                    } else {
                        out.push(DiffPart {
                            change: Change::Same,
                            text: " ".into(),
                        });
                    }
                }
                if part.change == Change::Same
                    && let Some(gap) = out.last_mut().filter(|l| l.change == Change::Same)
                {
                    gap.text.push_str(core);
                } else {
                    out.push(DiffPart {
                        change: part.change,
                        text: core.to_string(),
                    });
                }
            }
            None => out.push(DiffPart {
                change: part.change,
                text: core.to_string(),
            }),
        }
        space = part.text.ends_with(char::is_whitespace);
    }
    out
}

/// The new text with nothing removed (for reading a diff aloud).
pub fn is_unchanged(parts: &[DiffPart]) -> bool {
    parts.iter().all(|p| p.change == Change::Same)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(parts: &[DiffPart]) -> String {
        parts
            .iter()
            .map(|p| match p.change {
                Change::Same => p.text.clone(),
                Change::Added => format!("[+{}+]", p.text),
                Change::Removed => format!("[-{}-]", p.text),
            })
            .collect()
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let parts = words(
            "Concrete verbeteringen voorstellen.",
            "Concrete verbeteringen voorstellen.",
        );
        assert!(is_unchanged(&parts));
        assert_eq!(show(&parts), "Concrete verbeteringen voorstellen.");
    }

    #[test]
    fn added_and_dropped_words_are_marked() {
        let parts = words(
            "kennis van procedures",
            "kennis van verschillende procedures",
        );
        assert_eq!(show(&parts), "kennis van [+verschillende +]procedures");
        let parts = words("een basiskennis vereist", "een kennis vereist");
        assert_eq!(show(&parts), "een [-basiskennis-][+kennis+] vereist");
    }

    #[test]
    fn a_replaced_phrase_reads_as_one_block() {
        let parts = words(
            "is een basiskennis van de procedures",
            "is kennis vereist van werkprocedures",
        );
        let text = show(&parts);
        assert!(!text.contains("-] [-"), "{text}");
    }

    #[test]
    fn shown_changes_have_no_space_at_their_edges_and_no_double_gaps() {
        let parts = words(
            "taken ter ondersteuning van activiteiten",
            "taken opnemen bij activiteiten van evenementen",
        );
        for removed in [true, false] {
            let shown = for_display(&parts, removed);
            for p in shown.iter().filter(|p| p.change != Change::Same) {
                assert_eq!(p.text, p.text.trim(), "{}", show(&shown));
            }
            let text = show(&shown);
            assert!(!text.contains("  "), "{text}");
        }
        // Without the dropped words: the new text, every word once.
        let shown = for_display(&parts, false);
        let plain: String = shown.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(plain, "taken opnemen bij activiteiten van evenementen");
        assert!(shown.iter().all(|p| !p.is_removed()));
    }

    #[test]
    fn a_new_phrase_is_one_marked_run() {
        let parts = words(
            "kennis van procedures",
            "kennis van verschillende nieuwe procedures",
        );
        assert_eq!(
            show(&for_display(&parts, false)),
            "kennis van [+verschillende nieuwe+] procedures"
        );
    }

    #[test]
    fn both_texts_can_be_read_back_from_the_parts() {
        let old = "Voor de uitvoering van de taken is een basiskennis van de procedures en methodes vereist.";
        let new = "Voor de uitoefening van de verschillende activiteiten is kennis vereist van verschillende werkprocedures en -methodes.";
        let parts = words(old, new);
        let back_old: String = parts
            .iter()
            .filter(|p| !p.is_added())
            .map(|p| p.text.as_str())
            .collect();
        let back_new: String = parts
            .iter()
            .filter(|p| !p.is_removed())
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(back_old, old);
        assert_eq!(back_new, new);
    }
}
