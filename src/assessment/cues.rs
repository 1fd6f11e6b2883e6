//! Level cues: words that, in any criterion, describe lower, middle or
//! higher levels of work ("eenvoudig", "verschillende", "zelfstandig").
//! They help evidence reading where the manager's words and the
//! descriptor's differ. Data in `seed/level-cues.tsv`.

use super::text::Language;

pub const CUES: &str = include_str!("../../seed/level-cues.tsv");

/// Where in a criterion's levels a cue points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Low,
    Middle,
    High,
}

impl Place {
    /// Where the cue points when denied ("niet zelfstandig"): the other
    /// end; a denied middle cue points nowhere.
    pub fn flipped(self) -> Option<Place> {
        match self {
            Place::Low => Some(Place::High),
            Place::High => Some(Place::Low),
            Place::Middle => None,
        }
    }

    /// Whether the level at `index` of `count` (lowest first) is where
    /// this cue points.
    pub fn fits(self, index: usize, count: usize) -> bool {
        match self {
            Place::Low => index == 0,
            Place::High => count > 1 && index == count - 1,
            Place::Middle => index > 0 && index + 1 < count,
        }
    }
}

/// The cue words of `language` with where they point.
pub fn of(language: Language) -> Vec<(String, Place)> {
    let mut cues = Vec::new();
    for line in CUES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut columns = line.split('\t');
        let (Some(code), Some(place), Some(words)) =
            (columns.next(), columns.next(), columns.next())
        else {
            continue;
        };
        if code != language.code() {
            continue;
        }
        let place = match place {
            "low" => Place::Low,
            "middle" => Place::Middle,
            "high" => Place::High,
            _ => continue,
        };
        for word in words.split(',') {
            let word = word.trim();
            if !word.is_empty() {
                cues.push((word.to_string(), place));
            }
        }
    }
    cues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_cues_at_every_place() {
        for language in [Language::Nl, Language::Fr, Language::En] {
            let cues = of(language);
            for place in [Place::Low, Place::Middle, Place::High] {
                assert!(cues.iter().filter(|(_, p)| *p == place).count() >= 10);
            }
        }
        assert!(Place::Middle.fits(1, 3) && !Place::Middle.fits(0, 3));
        assert!(Place::High.fits(2, 3) && !Place::High.fits(0, 1));
        assert_eq!(Place::High.flipped(), Some(Place::Low));
        assert_eq!(Place::Middle.flipped(), None);
    }
}
