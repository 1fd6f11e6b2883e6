//! Tests of the text analysis.

use super::*;

fn analyzer(texts: &[&str]) -> Analyzer {
    Analyzer::new(Language::Nl, &Thesaurus::default(), texts.iter().copied())
}

fn features(a: &Analyzer, text: &str) -> Vec<Vec<Feature>> {
    a.analyze(text)
        .into_iter()
        .map(|t| t.features.into_iter().map(|(f, _)| f).collect())
        .collect()
}

#[test]
fn folding_drops_accents_and_case() {
    assert_eq!(fold("Verifiëren"), "verifieren");
    assert_eq!(fold("Réunion"), "reunion");
    assert_eq!(
        words("specialisatie* en -methodes, l’agenda").collect::<Vec<_>>(),
        ["specialisatie", "en", "methodes", "l", "agenda"]
    );
}

#[test]
fn dutch_compounds_split_into_known_parts() {
    let a = analyzer(&[
        "klanten en hun bestanden",
        "een opleiding volgen",
        "de kalender",
    ]);
    let klant = a.known("klant").unwrap();
    let bestand = a.known("bestand").unwrap();
    assert_eq!(a.compound_parts("klantenbestand", 0), [klant, bestand]);
    let opleiding = a.known("opleiding").unwrap();
    let kalender = a.known("kalender").unwrap();
    assert_eq!(
        a.compound_parts("opleidingskalender", 0),
        [opleiding, kalender]
    );
    // Unknown parts: no split.
    assert!(a.compound_parts("wegwijzers", 0).is_empty());
}

#[test]
fn stop_words_go_and_unknown_words_stay_without_features() {
    let a = analyzer(&["dossiers opvolgen"]);
    let tokens = a.analyze("Hij volgt de dossiers op in Excel");
    let surfaces: Vec<_> = tokens.iter().map(|t| t.surface.as_str()).collect();
    assert_eq!(surfaces, ["volgt", "dossiers", "excel"]);
    assert!(!tokens[1].features.is_empty());
    assert!(tokens[2].features.is_empty());
}

#[test]
fn longer_forms_and_misspellings_reach_known_stems() {
    let a = analyzer(&["documenten beheren", "vergadering"]);
    let document = a.known("document").unwrap();
    assert_eq!(features(&a, "documentatie"), [vec![document]]);
    let vergadering = a.known("vergadering").unwrap();
    assert_eq!(features(&a, "vergaderign"), [vec![vergadering]]);
}

#[test]
fn synonyms_stand_for_one_feature() {
    let thesaurus = Thesaurus::parse("nl\tattest ~ getuigschrift ~ certificaat\n").unwrap();
    let a = Analyzer::new(Language::Nl, &thesaurus, ["attesten afleveren"]);
    assert_eq!(features(&a, "getuigschrift"), features(&a, "attest"));
    assert_eq!(features(&a, "certificaten"), features(&a, "attesten"));
}

#[test]
fn broader_terms_link_weakly() {
    let thesaurus = Thesaurus::parse("nl\tinfosessie ~ infomoment > activiteit\n").unwrap();
    let a = Analyzer::new(Language::Nl, &thesaurus, ["activiteiten organiseren"]);
    let activiteit = a.analyze("activiteit")[0].features.clone();
    let tokens = a.analyze("infosessie");
    let (feature, _) = activiteit[0];
    assert!(
        tokens[0]
            .features
            .iter()
            .any(|(f, factor)| *f == feature && (*factor - BROADER).abs() < 1e-6)
    );
}

#[test]
fn dutch_verb_forms_reach_their_infinitive() {
    let a = analyzer(&[
        "dossiers klasseren",
        "papier bestellen",
        "stukken opstellen",
    ]);
    let klasseren = a.known("klasseren").unwrap();
    assert_eq!(features(&a, "klasseert"), [vec![klasseren]]);
    let bestellen = a.known("bestellen").unwrap();
    assert_eq!(features(&a, "bestel"), [vec![bestellen]]);
    // With a particle later in the sentence: "stelt … op".
    let opstellen = a.known("opstellen").unwrap();
    assert!(features(&a, "stelt de nota op")[0].contains(&opstellen));
    // Past participles, with and without a particle.
    assert_eq!(features(&a, "geklasseerd"), [vec![klasseren]]);
    assert_eq!(features(&a, "opgesteld"), [vec![opstellen]]);
}

#[test]
fn a_voiced_consonant_after_a_diphthong_is_found_in_the_infinitive() {
    let a = analyzer(&["brieven schrijven", "een oplossing kiezen"]);
    let schrijven = a.known("schrijven").unwrap();
    assert_eq!(features(&a, "schrijft"), [vec![schrijven]]);
    let kiezen = a.known("kiezen").unwrap();
    assert_eq!(features(&a, "kiest"), [vec![kiezen]]);
}

#[test]
fn a_plural_the_stemmer_keeps_apart_means_what_its_singular_means() {
    let thesaurus = Thesaurus::parse("nl\tpresentatie ~ slides\nnl\tbrief ~ schrijven\n").unwrap();
    let a = Analyzer::new(
        Language::Nl,
        &thesaurus,
        ["presentaties maken", "brieven opstellen"],
    );
    let slides = features(&a, "slides")[0][0];
    assert!(features(&a, "presentaties")[0].contains(&slides));
    let brief = features(&a, "brief")[0][0];
    assert!(features(&a, "brieven")[0].contains(&brief));
}

#[test]
fn a_particle_goes_with_the_first_verb_of_its_clause() {
    let a = analyzer(&["post opsturen", "gegevens opvragen", "offertes opmaken"]);
    let opsturen = a.known("opsturen").unwrap();
    let opvragen = a.known("opvragen").unwrap();
    let tokens = features(&a, "stuurt burgers op hun vraag formulieren op");
    assert!(tokens[0].contains(&opsturen));
    assert!(tokens.iter().all(|t| !t.contains(&opvragen)), "{tokens:?}");
    // A conjunction between the verb and its particle does not part them.
    let opmaken = a.known("opmaken").unwrap();
    assert!(features(&a, "maakt offertes en bestelbonnen op")[0].contains(&opmaken));
}

#[test]
fn a_known_first_part_of_an_unknown_compound_links_weakly() {
    let a = analyzer(&["de telefoon beantwoorden"]);
    let telefoon = a.known("telefoon").unwrap();
    let tokens = a.analyze("telefoonpermanentie");
    assert_eq!(tokens[0].features, [(telefoon, HEAD)]);
}

#[test]
fn words_of_a_denied_clause_are_marked() {
    let a = analyzer(&["afwijken van de checklist"]);
    let tokens = a.analyze("Hij volgt de checklist en wijkt er niet van af.");
    let negated: Vec<_> = tokens
        .iter()
        .map(|t| (t.surface.as_str(), t.negated))
        .collect();
    assert_eq!(
        negated,
        [("volgt", false), ("checklist", false), ("wijkt", true)]
    );
}
