//! The generated data, in memory: deterministic for a given seed.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use time::{Duration, OffsetDateTime};

use crate::auth::model::Role;
use crate::positions::proposal::propose;
use crate::positions::workflow::Status;
use crate::profiles::document::{ProfileDocument, SEED, parse};

use super::DOMAIN;

const DOMAINS: [&str; 20] = [
    "personeelsbeheer",
    "financiën",
    "communicatie",
    "ICT-ondersteuning",
    "logistiek",
    "juridische zaken",
    "onthaal",
    "archief",
    "aankoop",
    "vertaling",
    "facility",
    "beleidsondersteuning",
    "klantendienst",
    "opleiding",
    "welzijn",
    "statistiek",
    "inspectie",
    "subsidies",
    "internationale relaties",
    "documentatie",
];

const UNITS: [&str; 24] = [
    "FOD BOSA / DG Rekrutering",
    "FOD BOSA / DG Digitale Transformatie",
    "FOD Financiën / Fiscaliteit",
    "FOD Financiën / Douane",
    "FOD Justitie / Penitentiaire Inrichtingen",
    "FOD Economie / Statistiek",
    "FOD Mobiliteit / Luchtvaart",
    "FOD Volksgezondheid / Dierenwelzijn",
    "FOD Binnenlandse Zaken / Crisiscentrum",
    "FOD Sociale Zekerheid / Personen met een handicap",
    "FOD Buitenlandse Zaken / Consulaire Zaken",
    "FOD Werkgelegenheid / Toezicht",
    "RVA / Werkloosheid",
    "RIZIV / Uitkeringen",
    "Pensioendienst / Betalingen",
    "Regie der Gebouwen / Onderhoud",
    "FPD / Verkeersveiligheid",
    "Defensie / Personeel",
    "Federale Politie / Logistiek",
    "Fedasil / Opvang",
    "KBR / Collecties",
    "FAVV / Controle",
    "BIPT / Spectrum",
    "CDVU / Opleidingen",
];

const FIRST: [&str; 20] = [
    "An", "Bart", "Claire", "Dirk", "Els", "Fatima", "Geert", "Hanne", "Ines", "Jan", "Karim",
    "Lies", "Marc", "Nadia", "Olivier", "Pieter", "Quentin", "Roos", "Sofie", "Tom",
];
const LAST: [&str; 20] = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Simon",
    "El Amrani",
    "Vermeulen",
    "Hermans",
    "Lemmens",
    "Aerts",
];

/// Profiles derived from the seed: each about another domain, with its own
/// slug, title and some changed words, so searches and diffs have work.
pub fn profiles(rng: &mut StdRng, n: usize, seed: u64) -> Vec<ProfileDocument> {
    let base = parse(SEED).unwrap_or_else(|_| unreachable!("the seed is checked by its unit test"));
    (0..n)
        .map(|i| {
            let domain = DOMAINS[i % DOMAINS.len()];
            let mut doc = base.clone();
            doc.slug = format!("demo-{seed}-{i}");
            doc.title = format!(
                "Administratieve ondersteuning {domain} {}",
                i / DOMAINS.len() + 1
            );
            doc.purpose = format!("{} Binnen het domein {domain}.", doc.purpose);
            for area in &mut doc.result_areas {
                area.mission = format!("{} (domein: {domain})", area.mission);
                if rng.random_bool(0.5) && !area.tasks.is_empty() {
                    let at = rng.random_range(0..area.tasks.len());
                    area.tasks[at] = format!("{} voor {domain}", area.tasks[at]);
                }
            }
            for criterion in &mut doc.criteria {
                if rng.random_bool(0.3)
                    && let Some(text) = criterion.descriptors.get_mut("C")
                {
                    text.push_str(&format!(" Specifiek voor {domain}."));
                }
            }
            doc
        })
        .collect()
}

/// A user to create.
pub struct Person {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub unit: String,
}

/// Users: 1 % admins, 9 % HR officers, the rest managers.
pub fn people(rng: &mut StdRng, n: usize, seed: u64) -> Vec<Person> {
    (0..n)
        .map(|i| {
            let role = match i % 100 {
                0 => Role::Admin,
                1..=9 => Role::Hr,
                _ => Role::Manager,
            };
            let first = FIRST.choose(rng).copied().unwrap_or("An");
            let last = LAST.choose(rng).copied().unwrap_or("Peeters");
            Person {
                email: format!("{}-{seed}-{i}@{DOMAIN}", role.as_str()),
                name: format!("{first} {last}"),
                role,
                unit: UNITS.choose(rng).copied().unwrap_or(UNITS[0]).to_string(),
            }
        })
        .collect()
}

/// A published profile version with the ids positions refer to.
pub struct Frame {
    pub version_id: i64,
    pub level_ids: Vec<i64>,
    pub level_codes: Vec<String>,
    pub criteria: Vec<(i64, String)>,
    pub areas: Vec<(i64, Vec<String>)>,
}

/// The users positions are made by and reviewed by.
pub struct Users {
    /// (id, unit) of every generated user.
    pub all: Vec<(i64, String)>,
    pub managers: Vec<usize>,
    pub hr: Vec<usize>,
}

/// A position to insert, with everything that belongs to it.
pub struct NewPosition {
    pub version_id: i64,
    pub owner: i64,
    pub status: Status,
    pub title: String,
    pub unit: String,
    pub purpose: String,
    pub proposed: Option<String>,
    pub flags: String,
    pub reviewer: Option<i64>,
    pub created_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
    pub decided_level: Option<i64>,
    pub rationale: Option<String>,
    pub tasks: Vec<String>,
    pub shares: Vec<(i64, i32)>,
    /// (criterion id, level id, evidence, by HR).
    pub placements: Vec<(i64, Option<i64>, String, bool)>,
    /// (author, kind, body).
    pub comments: Vec<(i64, &'static str, String)>,
    /// (actor, action).
    pub audit: Vec<(i64, &'static str, OffsetDateTime)>,
}

const TITLES: [&str; 12] = [
    "Administratief medewerker",
    "Medewerker onthaal",
    "Dossierbeheerder",
    "Assistent secretariaat",
    "Medewerker klantendienst",
    "Documentalist",
    "Logistiek medewerker",
    "Medewerker personeelsadministratie",
    "Boekhoudkundig assistent",
    "Medewerker archief",
    "Planningsmedewerker",
    "Medewerker facturatie",
];

const EVIDENCE: [&str; 6] = [
    "Behandelt dagelijks dossiers volgens de vaste procedure van de dienst.",
    "Stelt zelfstandig brieven en verslagen op voor de directie.",
    "Beantwoordt vragen van burgers aan het loket en aan de telefoon.",
    "Organiseert vergaderingen en opleidingen voor de hele afdeling.",
    "Zoekt oplossingen wanneer een aanvraag niet in de standaardprocedure past.",
    "Houdt de databank bij en maakt maandelijkse rapporten.",
];

/// The base date of the generated history (fixed, for determinism).
fn base() -> OffsetDateTime {
    time::macros::datetime!(2024-01-01 08:00 UTC)
}

/// `n` positions over the frames and users.
pub fn positions(rng: &mut StdRng, n: usize, frames: &[Frame], users: &Users) -> Vec<NewPosition> {
    (0..n).map(|_| position(rng, frames, users)).collect()
}

fn status(rng: &mut StdRng) -> Status {
    match rng.random_range(0..100) {
        0..10 => Status::Draft,
        10..25 => Status::Submitted,
        25..35 => Status::InReview,
        35..40 => Status::Returned,
        40..95 => Status::Decided,
        _ => Status::Withdrawn,
    }
}

fn position(rng: &mut StdRng, frames: &[Frame], users: &Users) -> NewPosition {
    let frame = &frames[rng.random_range(0..frames.len())];
    let owner_index = users.managers[rng.random_range(0..users.managers.len())];
    let (owner, unit) = users.all[owner_index].clone();
    let status = status(rng);
    let created_at = base() + Duration::minutes(rng.random_range(0..(700 * 24 * 60)));
    let submitted =
        status != Status::Draft && !(status == Status::Withdrawn && rng.random_bool(0.5));
    let submitted_at =
        submitted.then(|| created_at + Duration::minutes(rng.random_range(10..(10 * 24 * 60))));
    let reviewed = matches!(
        status,
        Status::InReview | Status::Returned | Status::Decided
    );
    let reviewer = reviewed.then(|| users.all[users.hr[rng.random_range(0..users.hr.len())]].0);

    // A level the work sits around, and placements near it.
    let levels = frame.level_ids.len();
    let centre = rng.random_range(0..levels);
    let complete = status != Status::Draft || rng.random_bool(0.5);
    let mut placements = Vec::new();
    let mut manager_levels = Vec::new();
    for (criterion, name) in &frame.criteria {
        let level = if complete || rng.random_bool(0.6) {
            let shift: i64 = match rng.random_range(0..10) {
                0 => -1,
                1 => 1,
                _ => 0,
            };
            Some((centre as i64 + shift).clamp(0, levels as i64 - 1) as usize)
        } else {
            None
        };
        manager_levels.push((name.clone(), level));
        let evidence = EVIDENCE
            .choose(rng)
            .copied()
            .unwrap_or(EVIDENCE[0])
            .to_string();
        placements.push((
            *criterion,
            level.map(|l| frame.level_ids[l]),
            evidence,
            false,
        ));
    }
    let proposal = propose(&frame.level_codes, &manager_levels);
    if matches!(status, Status::InReview | Status::Decided) {
        for (criterion, level, _, _) in placements.clone() {
            let level = if rng.random_bool(0.8) {
                level
            } else {
                Some(frame.level_ids[centre])
            };
            placements.push((criterion, level, String::new(), true));
        }
    }

    let decided_at = (status == Status::Decided).then(|| {
        submitted_at.unwrap_or(created_at) + Duration::minutes(rng.random_range(60..(60 * 24 * 60)))
    });
    let decided_level = decided_at.map(|_| {
        let proposed = proposal.level.unwrap_or(centre);
        frame.level_ids[if rng.random_bool(0.9) {
            proposed
        } else {
            centre
        }]
    });

    let area_count = frame.areas.len();
    let mut tasks = Vec::new();
    let mut shares = Vec::new();
    if area_count > 0 {
        let covered = rng.random_range(1..=area_count.min(3));
        let mut left = 100;
        for k in 0..covered {
            let (area, area_tasks) = &frame.areas[(k * 7 + owner_index) % area_count];
            if shares.iter().any(|(a, _)| a == area) {
                continue;
            }
            let share = if k + 1 == covered {
                left
            } else {
                rng.random_range(1..=left - (covered - k - 1) as i32)
            };
            left -= share;
            shares.push((*area, share));
            if let Some(task) = area_tasks.choose(rng) {
                tasks.push(task.clone());
            }
        }
        if let Some((_, last)) = shares.last_mut() {
            *last += left;
        }
    }

    let mut comments = Vec::new();
    if status == Status::Returned || (status == Status::Decided && rng.random_bool(0.3)) {
        let hr = reviewer.unwrap_or(owner);
        comments.push((
            hr,
            "question",
            "Kunt u een concreet voorbeeld geven van een niet-standaardvraag?".to_string(),
        ));
        if status == Status::Decided {
            comments.push((
                owner,
                "comment",
                "Bijvoorbeeld een aanvraag van een burger uit het buitenland.".to_string(),
            ));
        }
    }

    let mut audit = vec![(owner, "position.created", created_at)];
    if let Some(at) = submitted_at {
        audit.push((owner, "position.submitted", at));
    }
    if let (Some(hr), Some(at)) = (reviewer, submitted_at) {
        audit.push((hr, "position.claimed", at + Duration::hours(2)));
    }
    if let (Some(hr), Some(at)) = (reviewer, decided_at) {
        audit.push((hr, "position.decided", at));
    }
    if status == Status::Withdrawn {
        audit.push((
            owner,
            "position.withdrawn",
            submitted_at.unwrap_or(created_at) + Duration::hours(1),
        ));
    }

    NewPosition {
        version_id: frame.version_id,
        owner,
        status,
        title: TITLES.choose(rng).copied().unwrap_or(TITLES[0]).to_string(),
        unit,
        purpose: "De dienst administratief en organisatorisch ondersteunen.".to_string(),
        proposed: proposal.code.clone(),
        flags: proposal.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(","),
        reviewer,
        created_at,
        submitted_at,
        decided_at,
        decided_level,
        rationale: decided_at.map(|_| "De plaatsing van de criteria en de voorbeelden van de leidinggevende komen overeen met dit niveau.".to_string()),
        tasks,
        shares,
        placements,
        comments,
        audit,
    }
}
