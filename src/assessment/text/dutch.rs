//! Dutch spelling rules the analysis leans on where the Snowball stemmer
//! keeps related forms apart: separable particles, the infinitives of
//! conjugated forms and past participles, and the singulars of plurals.
//! Each gives candidate forms; the analyzer keeps the ones it knows.

/// Dutch particles of separable verbs (`opstellen`: "stelt … op").
pub const PARTICLES: &[&str] = &[
    "aan", "af", "bij", "binnen", "dicht", "door", "in", "klaar", "langs", "mee", "na", "neer",
    "om", "op", "open", "over", "rond", "samen", "terug", "toe", "uit", "vast", "voor", "weg",
];

/// The infinitives a Dutch verb form may have (`klasseert` → klasseren,
/// `bestel` → bestellen, `geeft` → geven, `beantwoord` → beantwoorden):
/// the form without its `t`, with `en`, its long vowel written single
/// (and `f`, `s` voiced) or its last consonant doubled, as Dutch spelling
/// asks.
pub fn infinitives(form: &str) -> Vec<String> {
    let base = form.strip_suffix('t').unwrap_or(form);
    let letters: Vec<char> = base.chars().collect();
    let n = letters.len();
    let mut out = vec![format!("{base}en")];
    if n < 3 {
        return out;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let last = letters[n - 1];
    if !vowel(last) {
        if vowel(letters[n - 2]) && letters[n - 2] == letters[n - 3] {
            let head: String = letters[..n - 2].iter().collect();
            let voiced = match last {
                'f' => 'v',
                's' => 'z',
                c => c,
            };
            out.push(format!("{head}{last}en"));
            if voiced != last {
                out.push(format!("{head}{voiced}en"));
            }
        } else if vowel(letters[n - 2]) || (letters[n - 2] == 'j' && letters[n - 3] == 'i') {
            // After a diphthong the voiced consonant stays written so:
            // `schrijft` → schrijven, `kiest` → kiezen.
            let head: String = letters[..n - 1].iter().collect();
            match last {
                'f' => out.push(format!("{head}ven")),
                's' => out.push(format!("{head}zen")),
                _ => {}
            }
        }
        out.push(format!("{base}{last}en"));
    }
    out
}

/// The infinitives a Dutch past participle may have (`gecontroleerd` →
/// controleren, `opgesteld` → opstellen, `doorgegeven` → doorgeven): the
/// form without `ge` (after a particle) and its ending `d`, `t` or `en`.
pub fn participle_infinitives(form: &str) -> Vec<String> {
    let (particle, rest) = (1..form.len())
        .filter(|&cut| form.is_char_boundary(cut))
        .map(|cut| form.split_at(cut))
        .find(|(head, rest)| {
            PARTICLES.binary_search(head).is_ok() && rest.starts_with("ge") && rest.len() > 5
        })
        .unwrap_or(("", form));
    let Some(stem) = rest.strip_prefix("ge").filter(|s| s.len() >= 3) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(strong) = stem.strip_suffix("en") {
        out.push(format!("{particle}{strong}en"));
    }
    if let Some(weak) = stem.strip_suffix('d').or_else(|| stem.strip_suffix('t')) {
        out.extend(
            infinitives(weak)
                .into_iter()
                .map(|i| format!("{particle}{i}")),
        );
    }
    out
}

/// The singulars a Dutch plural may have, by the rules of Dutch
/// spelling: `presentaties` → presentatie, `kopieën` → kopie, `brieven` →
/// brief, `adviezen` → advies, `mappen` → map, `zalen` → zaal.
pub fn singulars(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if word.chars().count() < 4 {
        return out;
    }
    if let Some(base) = word.strip_suffix('s') {
        out.push(base.to_string());
    }
    if let Some(base) = word.strip_suffix("en") {
        if base.ends_with('e') {
            out.push(base.to_string());
        }
        let letters: Vec<char> = base.chars().collect();
        let n = letters.len();
        if n >= 2 {
            let (last, before) = (letters[n - 1], letters[n - 2]);
            let head: String = letters[..n - 1].iter().collect();
            let voiced = match last {
                'v' => 'f',
                'z' => 's',
                c => c,
            };
            if voiced != last {
                out.push(format!("{head}{voiced}"));
            }
            if last == before && !"aeiou".contains(last) {
                out.push(head.clone());
            }
            // An open syllable writes a long vowel once: zalen → zaal.
            if n >= 3 && "aeou".contains(before) && !"aeiou".contains(letters[n - 3]) {
                out.push(format!("{head}{before}{voiced}"));
            }
        }
        out.push(base.to_string());
    }
    out
}
