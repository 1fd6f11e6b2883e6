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
