-- Pay transparency (Directive (EU) 2023/970): staff records per reporting
-- year, justifications of flagged categories, the four evaluation factors
-- of Art. 4 on criteria, and the word lists of the gender-neutral wording
-- check.

-- Reporting years. A year exists once its staff file has been stored;
-- uploading again replaces its rows, deleting it removes them all.
create table pay_periods (
    year         integer primary key check (year between 1900 and 2999),
    uploaded_at  timestamptz not null default now(),
    uploaded_by  bigint references users (id),
    rows         integer not null check (rows > 0)
);

-- One worker of a year. Pay is kept in cents and hours in hundredths, as
-- whole numbers: the figures are exactly what the file said, and sums are
-- exact. `employee` is the organisation's pseudonymous reference, never
-- a name; it is never logged or shown in the report.
create table pay_staff (
    year            integer not null references pay_periods (year) on delete cascade,
    employee        text not null check (length(employee) between 1 and 64),
    -- A decided position: its profile and decided level make the category.
    position_id     bigint not null references positions (id),
    gender          text not null check (gender in ('F', 'M', 'X')),
    hours_centi     bigint not null check (hours_centi > 0),
    base_cents      bigint not null check (base_cents >= 0),
    variable_cents  bigint not null check (variable_cents >= 0),
    primary key (year, employee)
);
create index pay_staff_position on pay_staff (position_id);

-- Why a flagged category's gap is justified by objective, gender-neutral
-- criteria (Art. 10(1)(c)). Keyed by the category (profile slug and level
-- code), so a re-upload of the year keeps what was written.
create table pay_justifications (
    year        integer not null references pay_periods (year) on delete cascade,
    profile     text not null,
    level       text not null,
    text        text not null check (length(text) between 1 and 4000),
    updated_at  timestamptz not null default now(),
    updated_by  bigint references users (id),
    primary key (year, profile, level)
);

-- Art. 4(4): each criterion assesses one of the four factors. Part of a
-- version's content like the criterion's name: the content guard on
-- `criteria` (migration 1) freezes it once the version is published.
-- Versions published before this have no mapping (null): their factors
-- show as not assessed until a new version maps them.
alter table criteria add column factor text
    check (factor in ('skills', 'effort', 'responsibility', 'working_conditions'));

-- Words the wording check points out, per content language. A `term` (a
-- word or a phrase, lower case) is a hint wherever it appears in a text,
-- unless its `pair` (the feminine form: "hij" / "zij") appears in the
-- same text too. `advice` says what to write instead. Admins keep the
-- list (/admin/wording); the rows below are a start.
create table wording_terms (
    id        bigint generated always as identity primary key,
    language  text not null check (language in ('nl', 'fr', 'en')),
    term      text not null check (length(term) between 1 and 80 and term = lower(term)),
    pair      text not null default '' check (length(pair) <= 80 and pair = lower(pair)),
    kind      text not null check (kind in ('pronoun', 'title', 'phrase')),
    advice    text not null default '' check (length(advice) <= 300),
    unique (language, term)
);

insert into wording_terms (language, term, pair, kind, advice) values
    ('nl', 'hij', 'zij', 'pronoun', 'Schrijf „hij of zij”, of herschrijf zonder voornaamwoord (de medewerker, je).'),
    ('nl', 'hem', 'haar', 'pronoun', 'Schrijf „hem of haar”, of herschrijf de zin.'),
    ('nl', 'directeur', 'directrice', 'title', 'Noem beide vormen (directeur/directrice) of gebruik „leidinggevende”.'),
    ('nl', 'medewerker', 'medewerkster', 'title', 'Noem beide vormen (medewerker (m/v/x)) of gebruik een neutrale term.'),
    ('nl', 'verpleger', 'verpleegster', 'title', 'Gebruik „verpleegkundige”.'),
    ('nl', 'secretaresse', 'secretaris', 'title', 'Gebruik „secretariaatsmedewerker” of beide vormen.'),
    ('nl', 'mannelijke vorm', '', 'phrase', 'Een voetnoot die de mannelijke vorm voor iedereen laat gelden, maakt de tekst niet neutraal: schrijf de rollen zelf genderneutraal.'),
    ('fr', 'il', 'elle', 'pronoun', 'Écrivez « il ou elle », ou reformulez sans pronom.'),
    ('fr', 'directeur', 'directrice', 'title', 'Nommez les deux formes (directeur ou directrice).'),
    ('fr', 'collaborateur', 'collaboratrice', 'title', 'Nommez les deux formes (collaborateur ou collaboratrice) ou « membre du personnel ».'),
    ('fr', 'utilisateur', 'utilisatrice', 'title', 'Nommez les deux formes ou écrivez « personne utilisatrice ».'),
    ('fr', 'forme masculine', '', 'phrase', 'Une note qui étend la forme masculine à tous ne rend pas le texte neutre : rédigez les rôles de manière neutre.'),
    ('en', 'he', 'she', 'pronoun', 'Write "they", or "he or she", or rephrase.'),
    ('en', 'him', 'her', 'pronoun', 'Write "them", or rephrase.'),
    ('en', 'his', 'her', 'pronoun', 'Write "their", or rephrase.'),
    ('en', 'chairman', '', 'title', 'Write "chair" or "chairperson".'),
    ('en', 'foreman', '', 'title', 'Write "supervisor" or "team lead".'),
    ('en', 'manpower', '', 'title', 'Write "staff" or "workforce".'),
    ('en', 'masculine form', '', 'phrase', 'A note that makes the masculine form cover everyone does not make the text neutral: describe the roles in neutral terms.');
