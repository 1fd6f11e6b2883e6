//! What changed between two versions of a profile, section by section,
//! with word-level diffs of changed texts (as on the compare page).

use serde::Serialize;

use super::diff::{self, Change, DiffPart};
use super::document::ProfileDocument;

/// How an item differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

/// One changed item of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    /// What the item is ("Kennis · C", "Als contactpersoon · taak 3").
    pub label: String,
    pub old: String,
    pub new: String,
}

impl Item {
    fn text(label: String, old: &str, new: &str) -> Option<Item> {
        (old != new).then(|| Item {
            kind: match (old.is_empty(), new.is_empty()) {
                (true, _) => Kind::Added,
                (_, true) => Kind::Removed,
                _ => Kind::Changed,
            },
            label,
            old: old.to_string(),
            new: new.to_string(),
        })
    }

    /// The word diff from old to new, as a page shows it.
    pub fn diff(&self) -> Vec<DiffPart> {
        diff::for_display(&diff::words(&self.old, &self.new), true)
    }

    pub fn is_added(&self) -> bool {
        self.kind == Kind::Added
    }
    pub fn kind_str(&self) -> &'static str {
        match self.kind {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        }
    }
    pub fn is_removed(&self) -> bool {
        self.kind == Kind::Removed
    }
}

/// The changes of one section ("general", "levels", …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Message key of the section's title.
    pub key: &'static str,
    pub items: Vec<Item>,
}

/// Every change from `old` to `new`, by section; unchanged sections are left out.
pub fn between(old: &ProfileDocument, new: &ProfileDocument) -> Vec<Section> {
    let mut sections = Vec::new();

    let general: Vec<Item> = [
        ("title", &old.title, &new.title),
        ("purpose", &old.purpose, &new.purpose),
        ("footnote", &old.footnote, &new.footnote),
        ("language", &old.language, &new.language),
    ]
    .into_iter()
    .filter_map(|(label, o, n)| Item::text(label.to_string(), o, n))
    .collect();
    sections.push(Section {
        key: "changes-general",
        items: general,
    });

    let mut levels = Vec::new();
    for l in &old.levels {
        let now = new.levels.iter().find(|n| n.code == l.code);
        levels.extend(Item::text(
            l.code.clone(),
            &l.name,
            now.map_or("", |n| n.name.as_str()),
        ));
    }
    for n in new
        .levels
        .iter()
        .filter(|n| !old.levels.iter().any(|l| l.code == n.code))
    {
        levels.extend(Item::text(n.code.clone(), "", &n.name));
    }
    let old_order: Vec<&str> = old
        .levels
        .iter()
        .map(|l| l.code.as_str())
        .filter(|c| new.levels.iter().any(|n| n.code == *c))
        .collect();
    let new_order: Vec<&str> = new
        .levels
        .iter()
        .map(|l| l.code.as_str())
        .filter(|c| old.levels.iter().any(|o| o.code == *c))
        .collect();
    if old_order != new_order {
        levels.extend(Item::text(
            "order".into(),
            &old_order.join(" < "),
            &new_order.join(" < "),
        ));
    }
    sections.push(Section {
        key: "changes-levels",
        items: levels,
    });

    let mut areas = Vec::new();
    for (i, a) in old.result_areas.iter().enumerate() {
        match new.result_areas.iter().find(|n| n.title == a.title) {
            None => areas.extend(Item::text(a.title.clone(), &a.mission, "").or(Some(Item {
                kind: Kind::Removed,
                label: a.title.clone(),
                old: a.title.clone(),
                new: String::new(),
            }))),
            Some(n) => {
                areas.extend(Item::text(
                    format!("{} · mission", a.title),
                    &a.mission,
                    &n.mission,
                ));
                areas.extend(Item::text(
                    format!("{} · tasks", a.title),
                    &a.tasks.join("\n"),
                    &n.tasks.join("\n"),
                ));
                let j = new
                    .result_areas
                    .iter()
                    .position(|x| x.title == a.title)
                    .unwrap_or(i);
                if j != i {
                    areas.extend(Item::text(
                        format!("{} · position", a.title),
                        &(i + 1).to_string(),
                        &(j + 1).to_string(),
                    ));
                }
            }
        }
    }
    for n in new
        .result_areas
        .iter()
        .filter(|n| !old.result_areas.iter().any(|a| a.title == n.title))
    {
        areas.push(Item {
            kind: Kind::Added,
            label: n.title.clone(),
            old: String::new(),
            new: [n.mission.clone(), n.tasks.join("\n")]
                .join("\n")
                .trim()
                .to_string(),
        });
    }
    sections.push(Section {
        key: "changes-result-areas",
        items: areas,
    });

    let mut criteria = Vec::new();
    for c in &old.criteria {
        match new.criteria.iter().find(|n| n.name == c.name) {
            None => criteria.push(Item {
                kind: Kind::Removed,
                label: c.name.clone(),
                old: c.name.clone(),
                new: String::new(),
            }),
            Some(n) => {
                let codes: Vec<&String> = c
                    .descriptors
                    .keys()
                    .chain(
                        n.descriptors
                            .keys()
                            .filter(|k| !c.descriptors.contains_key(*k)),
                    )
                    .collect();
                for code in codes {
                    let o = c.descriptors.get(code).map_or("", String::as_str);
                    let w = n.descriptors.get(code).map_or("", String::as_str);
                    criteria.extend(Item::text(format!("{} · {code}", c.name), o, w));
                }
            }
        }
    }
    for n in new
        .criteria
        .iter()
        .filter(|n| !old.criteria.iter().any(|c| c.name == n.name))
    {
        criteria.push(Item {
            kind: Kind::Added,
            label: n.name.clone(),
            old: String::new(),
            new: n.name.clone(),
        });
        for (code, text) in &n.descriptors {
            criteria.extend(Item::text(format!("{} · {code}", n.name), "", text));
        }
    }
    sections.push(Section {
        key: "changes-criteria",
        items: criteria,
    });

    let mut glossary = Vec::new();
    for g in &old.glossary {
        let now = new.glossary.iter().find(|n| n.term == g.term);
        glossary.extend(Item::text(
            g.term.clone(),
            &g.definition,
            now.map_or("", |n| n.definition.as_str()),
        ));
    }
    for n in new
        .glossary
        .iter()
        .filter(|n| !old.glossary.iter().any(|g| g.term == n.term))
    {
        glossary.extend(Item::text(n.term.clone(), "", &n.definition));
    }
    sections.push(Section {
        key: "changes-glossary",
        items: glossary,
    });

    sections.retain(|s| !s.items.is_empty());
    sections
}

/// Whether two documents have the same content.
pub fn none(sections: &[Section]) -> bool {
    sections.is_empty()
}

/// The parts of a diff that were added, as text (for summaries).
pub fn added_text(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .filter(|p| p.change == Change::Added)
        .map(|p| p.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::document::{SEED, parse};

    #[test]
    fn identical_versions_have_no_changes() {
        let doc = parse(SEED).unwrap();
        assert!(none(&between(&doc, &doc)));
    }

    #[test]
    fn each_kind_of_edit_shows_in_its_section() {
        let old = parse(SEED).unwrap();
        let mut new = old.clone();
        new.title = "Administratieve ondersteuning (2027)".into();
        new.criteria[0]
            .descriptors
            .insert("C".into(), "Grondige kennis van de werkprocedures.".into());
        new.result_areas[1].tasks.remove(0);
        new.levels.push(crate::profiles::document::DocLevel {
            code: "A".into(),
            name: "Niveau A".into(),
        });
        new.glossary.clear();
        let sections = between(&old, &new);
        let keys: Vec<&str> = sections.iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                "changes-general",
                "changes-levels",
                "changes-result-areas",
                "changes-criteria",
                "changes-glossary"
            ]
        );
        let kennis = &sections[3].items[0];
        assert_eq!(kennis.label, "Kennis · C");
        assert_eq!(kennis.kind, Kind::Changed);
        assert!(
            added_text(&kennis.diff()).contains("Grondige"),
            "{:?}",
            kennis.diff()
        );
        assert!(kennis.diff().iter().any(|p| p.change == Change::Removed));
        assert_eq!(sections[1].items[0].kind, Kind::Added);
        assert_eq!(sections[4].items[0].kind, Kind::Removed);
        assert!(sections[2].items[0].label.ends_with("tasks"));
    }
}
