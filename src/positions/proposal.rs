//! The proposed level of a position, computed from the manager's
//! placements, with a trace that says why.
//!
//! Rule: the proposal is the median placement, levels ordered by rank (for
//! an even number, the lower of the two middle placements). When one level
//! holds more than half the placements it is always the median, so this is
//! "the level at which most criteria are placed" whenever there is a
//! majority, and "a tie broken by the median" otherwise.
//!
//! Why not the plain plurality (mode)? It cannot satisfy "raising one
//! placement never lowers the proposal": D D D C C C C gives C; raise two
//! of the C's to B, one at a time, and D D D C C B B has D as its mode. The
//! median keeps every property the review relies on: it lies between the
//! lowest and the highest placement, ignores the order of the criteria,
//! and never goes down when a placement goes up. Plurality cases where the
//! two differ are flagged `no_majority`, so HR looks closer.

use serde::Serialize;

/// Conditions HR should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// A criterion has no placement.
    Incomplete,
    /// Placements on non-adjacent levels (e.g. D and B).
    Spread,
    /// No level holds more than half the placements.
    NoMajority,
    /// Two or more levels hold the most placements.
    Tie,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Incomplete => "incomplete",
            Flag::Spread => "spread",
            Flag::NoMajority => "no_majority",
            Flag::Tie => "tie",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Flag::Incomplete => "flag-incomplete",
            Flag::Spread => "flag-spread",
            Flag::NoMajority => "flag-no_majority",
            Flag::Tie => "flag-tie",
        }
    }
}

/// How many criteria sit at one level, and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelCount {
    pub code: String,
    pub criteria: Vec<String>,
}

/// The proposal and its trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Index (rank order) of the proposed level; `None` without placements.
    pub level: Option<usize>,
    pub code: Option<String>,
    pub flags: Vec<Flag>,
    /// Per level, highest count first (then by rank); empty levels left out.
    pub counts: Vec<LevelCount>,
    pub placed: usize,
    pub total: usize,
    /// Criteria without a placement.
    pub missing: Vec<String>,
}

/// Computes the proposal. `levels` are codes lowest first; `placements`
/// pairs each criterion name with the index of its level, if placed.
pub fn propose(levels: &[String], placements: &[(String, Option<usize>)]) -> Proposal {
    let mut ranks: Vec<usize> = placements
        .iter()
        .filter_map(|(_, l)| *l)
        .filter(|l| *l < levels.len())
        .collect();
    ranks.sort_unstable();
    let placed = ranks.len();
    let total = placements.len();
    let missing: Vec<String> = placements
        .iter()
        .filter(|(_, l)| !l.is_some_and(|l| l < levels.len()))
        .map(|(name, _)| name.clone())
        .collect();

    let mut per_level: Vec<LevelCount> = levels
        .iter()
        .enumerate()
        .map(|(i, code)| LevelCount {
            code: code.clone(),
            criteria: placements
                .iter()
                .filter(|(_, l)| *l == Some(i))
                .map(|(n, _)| n.clone())
                .collect(),
        })
        .collect();
    let most = per_level
        .iter()
        .map(|c| c.criteria.len())
        .max()
        .unwrap_or(0);

    let mut flags = Vec::new();
    if !missing.is_empty() {
        flags.push(Flag::Incomplete);
    }
    if let (Some(low), Some(high)) = (ranks.first(), ranks.last())
        && high - low >= 2
    {
        flags.push(Flag::Spread);
    }
    if placed > 0 && most * 2 <= placed {
        flags.push(Flag::NoMajority);
    }
    if placed > 0
        && per_level
            .iter()
            .filter(|c| c.criteria.len() == most)
            .count()
            > 1
    {
        flags.push(Flag::Tie);
    }

    let level = (placed > 0).then(|| ranks[(placed - 1) / 2]);
    // Highest count first; equal counts in rank order. Stable sort keeps rank order.
    per_level.sort_by_key(|c| std::cmp::Reverse(c.criteria.len()));
    per_level.retain(|c| !c.criteria.is_empty());
    Proposal {
        code: level.map(|l| levels[l].clone()),
        level,
        flags,
        counts: per_level,
        placed,
        total,
        missing,
    }
}

impl Proposal {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// The trace in words, e.g. "4 of 7 criteria at C (Kennis, Documenten,
    /// …); 2 at D (…); 1 at B (…) → C", in `lang`.
    pub fn trace(&self, lang: impl std::borrow::Borrow<crate::i18n::Lang>) -> String {
        let lang = *lang.borrow();
        if self.placed == 0 {
            return lang.t("trace-none");
        }
        let mut parts = Vec::new();
        for (i, count) in self.counts.iter().enumerate() {
            let names = count.criteria.join(", ");
            let args = [
                ("count", count.criteria.len().to_string()),
                ("total", self.total.to_string()),
                ("level", count.code.clone()),
                ("names", names),
            ];
            parts.push(lang.t_args(if i == 0 { "trace-first" } else { "trace-more" }, &args));
        }
        if !self.missing.is_empty() {
            parts.push(lang.t_args(
                "trace-missing",
                &[
                    ("count", self.missing.len().to_string()),
                    ("names", self.missing.join(", ")),
                ],
            ));
        }
        format!(
            "{} → {}",
            parts.join("; "),
            self.code.clone().unwrap_or_default()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn levels() -> Vec<String> {
        vec!["D".into(), "C".into(), "B".into()]
    }

    fn placements(levels: &[Option<usize>]) -> Vec<(String, Option<usize>)> {
        levels
            .iter()
            .enumerate()
            .map(|(i, l)| (format!("K{}", i + 1), *l))
            .collect()
    }

    #[test]
    fn a_majority_level_is_proposed() {
        let p = propose(
            &levels(),
            &placements(&[
                Some(1),
                Some(1),
                Some(0),
                Some(1),
                Some(2),
                Some(0),
                Some(1),
            ]),
        );
        assert_eq!(p.code.as_deref(), Some("C"));
        assert_eq!(p.flags, [Flag::Spread]);
        assert_eq!(p.counts[0].code, "C");
        assert_eq!(p.counts[0].criteria, ["K1", "K2", "K4", "K7"]);
        assert_eq!(p.counts[1].code, "D");
        assert_eq!(p.counts[2].code, "B");
        let trace = p.trace(crate::i18n::Lang::En);
        assert_eq!(
            trace,
            "4 of 7 criteria at level C (K1, K2, K4, K7); 2 at level D (K3, K6); 1 at level B (K5) → C"
        );
    }

    #[test]
    fn a_tie_is_broken_by_the_median() {
        // D D C C B: D and C tie with 2; the median placement is C.
        let p = propose(
            &levels(),
            &placements(&[Some(0), Some(0), Some(1), Some(1), Some(2)]),
        );
        assert_eq!(p.code.as_deref(), Some("C"));
        assert!(p.has(Flag::Tie) && p.has(Flag::NoMajority) && p.has(Flag::Spread));
        // D D B B: an even tie goes to the lower middle placement.
        let p = propose(
            &levels(),
            &placements(&[Some(0), Some(2), Some(0), Some(2)]),
        );
        assert_eq!(p.code.as_deref(), Some("D"));
    }

    #[test]
    fn missing_placements_are_flagged_and_left_out() {
        let p = propose(&levels(), &placements(&[Some(1), None, Some(1)]));
        assert_eq!(p.code.as_deref(), Some("C"));
        assert_eq!(p.flags, [Flag::Incomplete]);
        assert_eq!(p.missing, ["K2"]);
        assert_eq!(p.placed, 2);
        let p = propose(&levels(), &placements(&[None, None]));
        assert_eq!(p.code, None);
        assert_eq!(p.flags, [Flag::Incomplete]);
        assert_eq!(
            p.trace(crate::i18n::Lang::En),
            crate::i18n::Lang::En.t("trace-none")
        );
    }

    #[test]
    fn adjacent_levels_are_no_spread() {
        let p = propose(&levels(), &placements(&[Some(0), Some(1), Some(1)]));
        assert!(!p.has(Flag::Spread));
        assert!(!p.has(Flag::NoMajority));
    }

    fn arbitrary_placements() -> impl Strategy<Value = Vec<Option<usize>>> {
        prop::collection::vec(prop::option::weighted(0.9, 0usize..3), 1..12)
    }

    proptest! {
        #[test]
        fn the_proposal_lies_between_the_lowest_and_highest_placement(p in arbitrary_placements()) {
            let proposal = propose(&levels(), &placements(&p));
            let placed: Vec<usize> = p.iter().flatten().copied().collect();
            match proposal.level {
                None => prop_assert!(placed.is_empty()),
                Some(l) => {
                    prop_assert!(l >= *placed.iter().min().unwrap());
                    prop_assert!(l <= *placed.iter().max().unwrap());
                }
            }
        }

        #[test]
        fn reordering_criteria_changes_nothing(p in arbitrary_placements(), seed in any::<u64>()) {
            let mut named = placements(&p);
            let before = propose(&levels(), &named);
            // A deterministic shuffle from the seed.
            let n = named.len();
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                named.swap(i, (s >> 33) as usize % (i + 1));
            }
            let after = propose(&levels(), &named);
            prop_assert_eq!(before.level, after.level);
            prop_assert_eq!(before.flags, after.flags);
        }

        #[test]
        fn raising_one_placement_never_lowers_the_proposal(p in arbitrary_placements(), pick in any::<prop::sample::Index>()) {
            let before = propose(&levels(), &placements(&p));
            let i = pick.index(p.len());
            let mut raised = p.clone();
            raised[i] = match p[i] {
                Some(l) if l < 2 => Some(l + 1),
                _ => return Ok(()),
            };
            let after = propose(&levels(), &placements(&raised));
            prop_assert!(after.level >= before.level, "{:?} → {:?}: {:?} → {:?}", p, raised, before.level, after.level);
        }
    }
}
