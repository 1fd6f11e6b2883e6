//! Stop words: words that say nothing about the work. On texts of six
//! words every one left counts, so the lists are generous (articles,
//! pronouns, prepositions, auxiliaries, fillers). Words are folded (no
//! accents, lower case), as `text::fold` leaves them.

use super::text::Language;

/// Whether `word` (folded) is a stop word of `language`.
pub fn is_stop(language: Language, word: &str) -> bool {
    let list: &[&str] = match language {
        Language::Nl => NL,
        Language::Fr => FR,
        Language::En => EN,
    };
    list.binary_search(&word).is_ok()
}

/// The language texts are written in, by the stop words only one
/// language has (`de` and `en` are Dutch and French, `het` only Dutch,
/// `les` only French): the language with the most, when it has at least
/// two and twice as many as any other; else `None`.
pub fn language_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Language> {
    const LANGUAGES: [Language; 3] = [Language::Nl, Language::Fr, Language::En];
    let mut counts = [0usize; 3];
    for text in texts {
        for word in super::text::words(text) {
            let word = super::text::fold(word);
            let mut hits = LANGUAGES
                .iter()
                .enumerate()
                .filter(|(_, l)| is_stop(**l, &word));
            if let (Some((i, _)), None) = (hits.next(), hits.next()) {
                counts[i] += 1;
            }
        }
    }
    let (best, &most) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    let next = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    (most >= 2 && most >= 2 * next).then_some(LANGUAGES[best])
}

// Sorted (checked by a test), for the binary search.
const NL: &[&str] = &[
    "aan",
    "al",
    "alle",
    "alles",
    "als",
    "andere",
    "ben",
    "bij",
    "bijv",
    "bv",
    "dan",
    "dat",
    "de",
    "deze",
    "die",
    "dit",
    "doet",
    "door",
    "duidelijk",
    "duidelijke",
    "dus",
    "een",
    "eens",
    "eerst",
    "eerste",
    "elk",
    "elke",
    "en",
    "enz",
    "er",
    "erg",
    "etc",
    "ge",
    "geen",
    "goed",
    "goede",
    "had",
    "heb",
    "hebben",
    "heeft",
    "heel",
    "hele",
    "hem",
    "het",
    "hier",
    "hij",
    "hoe",
    "hun",
    "ieder",
    "iedere",
    "ik",
    "in",
    "is",
    "je",
    "juist",
    "juiste",
    "kan",
    "kunnen",
    "maar",
    "me",
    "meer",
    "men",
    "met",
    "mij",
    "mijn",
    "moet",
    "moeten",
    "na",
    "naar",
    "niet",
    "nieuw",
    "nieuwe",
    "nodig",
    "nodige",
    "nog",
    "nu",
    "oa",
    "of",
    "om",
    "omdat",
    "onder",
    "ons",
    "ook",
    "op",
    "oud",
    "oude",
    "over",
    "per",
    "reeds",
    "s",
    "t",
    "te",
    "tegen",
    "ten",
    "ter",
    "toch",
    "toe",
    "tot",
    "tussen",
    "u",
    "uit",
    "van",
    "vanaf",
    "vb",
    "veel",
    "via",
    "voor",
    "waar",
    "wat",
    "we",
    "wel",
    "welke",
    "werd",
    "wie",
    "wij",
    "worden",
    "wordt",
    "ze",
    "zeer",
    "zelf",
    "zich",
    "zij",
    "zijn",
    "zo",
    "zoals",
    "zodat",
    "zonder",
    "zou",
    "zowel",
];

const FR: &[&str] = &[
    "a", "afin", "ai", "au", "aussi", "autre", "autres", "aux", "avec", "avoir", "c", "ce", "cela",
    "ces", "cet", "cette", "d", "dans", "de", "des", "doit", "donc", "du", "elle", "elles", "en",
    "entre", "est", "et", "etc", "etre", "eux", "il", "ils", "j", "je", "l", "la", "le", "les",
    "leur", "leurs", "lui", "m", "mais", "me", "meme", "mes", "moi", "mon", "n", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "peut", "pour", "qu", "que", "qui", "s", "sa",
    "sans", "se", "selon", "ses", "si", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton",
    "tous", "tout", "toute", "toutes", "tu", "un", "une", "vers", "via", "vos", "votre", "vous",
    "y",
];

const EN: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "between", "both", "but", "by", "can", "could", "do", "does", "e", "eg", "etc", "for", "from",
    "g", "has", "have", "he", "her", "his", "i", "ie", "if", "in", "into", "is", "it", "its",
    "may", "me", "more", "must", "my", "of", "on", "or", "other", "our", "own", "s", "she",
    "should", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "under", "up", "us", "via", "was", "we", "were",
    "what", "when", "where", "which", "who", "will", "with", "would", "you", "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_sorted_and_folded() {
        for list in [NL, FR, EN] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(
                list.iter()
                    .all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
            );
        }
        assert!(is_stop(Language::Nl, "het"));
        assert!(!is_stop(Language::Nl, "dossier"));
    }

    #[test]
    fn the_language_of_texts_is_told_by_their_stop_words() {
        assert_eq!(
            language_of(["Hij beheert de dossiers van het secretariaat"]),
            Some(Language::Nl)
        );
        assert_eq!(
            language_of(["Il gère les dossiers du secrétariat", "Encoder des données"]),
            Some(Language::Fr)
        );
        assert_eq!(
            language_of(["He keeps the files of the office"]),
            Some(Language::En)
        );
        // Too little to tell, or as much of one as of the other.
        assert_eq!(language_of(["Dossiers klasseren"]), None);
        assert_eq!(language_of(["het dossier, les dossiers"]), None);
        assert_eq!(language_of([]), None);
    }
}
