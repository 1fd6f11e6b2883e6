# Dutch (default UI language).
site-name = jobclass
site-tagline = Functieclassificatie voor de overheid
skip-to-content = Naar de inhoud
nav-main = Hoofdmenu
nav-catalogue = Functieprofielen
nav-language = Taal
nav-breadcrumb = Kruimelpad
footer-text = jobclass — functiebeschrijvingen en classificatie van functies in de overheid.
error-status = Statuscode
error-back-home = Terug naar de functieprofielen
error-title-not-found = Pagina niet gevonden
error-title-forbidden = Geen toegang
error-title-unavailable = Tijdelijk niet beschikbaar
error-title-internal = Er ging iets mis
error-title-bad-request = Deze aanvraag klopt niet
error-bad-request = De aanvraag kon niet worden verwerkt. Controleer het adres of de gegevens die u verstuurde.
error-unauthenticated = U moet aangemeld zijn om deze pagina te zien.
error-forbidden = U hebt geen toegang tot deze pagina.
error-not-found = Deze pagina bestaat niet (meer). Controleer het adres.
error-method-not-allowed = Deze actie is op dit adres niet mogelijk.
error-timeout = Het verwerken duurde te lang. Probeer het opnieuw.
error-conflict = Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw.
error-payload-too-large = De verstuurde gegevens zijn te groot.
error-unsupported-media-type = Dit soort gegevens wordt hier niet aanvaard.
idempotency-key-invalid = De header Idempotency-Key moet 1 tot { $max } afdrukbare ASCII-tekens bevatten, één keer.
idempotency-key-reused = Deze Idempotency-Key werd al gebruikt voor een andere aanvraag. Gebruik een nieuwe sleutel voor een nieuwe aanvraag.
error-validation = Sommige gegevens zijn niet correct ingevuld.
error-too-many-requests = Te veel pogingen. Wacht even en probeer het opnieuw.
error-unavailable = De dienst is tijdelijk niet beschikbaar. Probeer het over enkele ogenblikken opnieuw; er is niets verloren gegaan.
error-internal = Er ging iets mis aan onze kant. Probeer het later opnieuw.
api-error-unauthenticated = Meld u aan of stuur een geldig API-token (Authorization: Bearer …).
api-error-forbidden = Uw account mag dit niet doen, of het verzoek mist zijn CSRF-token.
api-error-not-found = Dit object bestaat niet, of u mag het niet zien. Controleer de URL.
api-error-conflict = Iemand anders heeft dit intussen gewijzigd. Lees het opnieuw en probeer het nog eens.

catalogue-title = Functieprofielen
catalogue-intro = Generieke functiebeschrijvingen met hun resultaatgebieden en de onderscheidende criteria per niveau.
catalogue-search-label = Zoeken in titels, taken en criteria
catalogue-search-button = Zoeken
catalogue-search-hint = Bijvoorbeeld: klachten, archief, "praktische organisatie".
catalogue-results = { $count ->
    [one] 1 profiel gevonden voor „{ $query }”.
   *[other] { $count } profielen gevonden voor „{ $query }”.
}
catalogue-clear = Toon alle profielen
catalogue-empty = Er zijn nog geen functieprofielen.
catalogue-no-match = Geen enkel profiel past bij uw zoekopdracht. Probeer andere woorden.
search-level-label = Niveau
search-level-any = Alle niveaus
search-language-label = Taal
search-language-any = Alle talen
search-language-nl = Nederlands
search-language-fr = Frans
search-language-en = Engels
search-language-de = Duits
search-filtered = { $count ->
    [one] 1 profiel past bij de gekozen filters.
   *[other] { $count } profielen passen bij de gekozen filters.
}
search-previously = Vroeger
search-did-you-mean = Bedoelde u
search-try = Probeer bijvoorbeeld
search-too-long = Uw zoekopdracht is te lang: gebruik hoogstens { $max } tekens.
search-unknown-level = Het niveau „{ $level }” bestaat niet. Kies een van deze niveaus: { $known }.
search-unknown-language = De taal „{ $language }” wordt niet ondersteund. Kies een van deze talen: { $known }.

profile-levels = Niveaus
profile-version = Versie
profile-published = gepubliceerd op
profile-history-link = alle versies
profile-purpose = Doel
profile-result-areas = Resultaatgebieden
profile-example-tasks = Voorbeelden van taken
profile-criteria = Onderscheidende criteria
profile-compare-link = Niveaus naast elkaar vergelijken
profile-grid-caption = Onderscheidende criteria per niveau, van laag naar hoog
profile-criterion = Criterium
profile-no-text = (geen beschrijving)
profile-glossary = Begrippen
profile-contents = Op deze pagina
profile-to-grid = Naar het criteriarooster
profile-describe-position = Een functie beschrijven volgens dit profiel
profile-example-tasks-n = { $n ->
    [one] { $n } voorbeeldtaak
   *[other] { $n } voorbeeldtaken
}

version-banner-old = U bekijkt versie { $version }. Dit is niet de huidige versie.
version-banner-current = Naar de huidige versie ({ $version })

history-title = Versies
history-status = Status
history-note = Toelichting bij de wijziging
status-draft = ontwerp
status-published = huidig
status-superseded = vervangen

compare-title = Niveaus vergelijken
compare-levels = Niveaus
compare-criteria = Criteria
compare-criteria-hint = Niets aangevinkt: alle criteria.
compare-button = Vergelijken
compare-legend = Legende
compare-legend-added = toegevoegd
compare-legend-removed = weggevallen
compare-legend-same = de tekst is gelijk aan die van het niveau links ervan.
compare-same-as = zelfde als { $level }
compare-caption = Elk niveau vergeleken met het niveau links ervan
compare-changes-from = Wijzigingen ten opzichte van { $level }:
compare-back = Terug naar het profiel
site-description = Functieprofielen van de overheid, hun niveaus naast elkaar, en de classificatie van functies volgens die profielen.
compare-description = De niveaus van { $title } naast elkaar, criterium per criterium, met wat op elk niveau nieuw is.
compare-legend-added-full = woorden die dit niveau toevoegt aan het niveau links ervan
compare-legend-removed-full = woorden van het niveau links ervan die dit niveau laat vallen
compare-legend-new = nieuw
compare-legend-new-explained = woorden die op dit niveau nieuw zijn (elk niveau toont zijn eigen tekst)
compare-show-full = Toon alle wijzigingen, met doorgehaalde weggevallen woorden
compare-show-own = Toon de eigen tekst van elk niveau, met wat nieuw is gemarkeerd
compare-unknown-diff = Kies hoe de wijzigingen getoond worden: „full” of niets.
compare-unknown-level = Het niveau „{ $value }” bestaat niet in dit profiel. Kies uit: { $known }.
compare-unknown-criterion = Het criterium „{ $value }” bestaat niet in dit profiel.

nav-admin = Beheer
nav-login = Aanmelden
nav-logout = Afmelden
save = Opslaan
table-actions = Acties
form-error-summary = Er is een probleem
field-required = Vul dit veld in.
filter-all = Alle
filter-apply = Filteren
filter-from = Van
filter-to = Tot en met
pager = Paginering
pager-previous = Vorige pagina
pager-next = Volgende pagina
pager-page = Pagina { $page }
date-invalid = De datum „{ $value }” ({ $field }) is geen geldige datum (jjjj-mm-dd).

role-admin = beheerder
role-hr = HR-medewerker
role-manager = leidinggevende
role-invalid = Kies een rol.

login-title = Aanmelden
login-email = E-mailadres
login-password = Wachtwoord
login-button = Aanmelden
login-help = Wachtwoord vergeten? Vraag een beheerder om een nieuwe link.
login-signed-out = U bent afgemeld.
login-failed = Het e-mailadres of het wachtwoord is niet juist.
login-throttled = Te veel mislukte pogingen. Probeer het over { $minutes } minuten opnieuw.
login-password-heading = Aanmelden met een wachtwoord
login-password-off = Aanmelden met een wachtwoord is uitgeschakeld. Meld u aan via uw organisatie.
login-break-glass-heading = Noodtoegang
login-break-glass-hint = Aanmelden met een wachtwoord is uitgeschakeld, behalve voor noodaccounts (break-glass).
sso-heading = Aanmelden met het account van uw organisatie
sso-button-default = Aanmelden met het account van uw organisatie
sso-unavailable = Aanmelden met het account van uw organisatie lukt nu niet: de identiteitsprovider is onbereikbaar. Probeer het over enkele minuten opnieuw.
sso-unavailable-hint = Probeer het over enkele minuten opnieuw. Beheerders met een noodaccount kunnen zich met hun wachtwoord aanmelden.
sso-back-to-login = Terug naar de aanmeldpagina
sso-refused-title = Aanmelding geweigerd
sso-refused-state = Deze aanmelding kan niet worden voltooid: ze is niet op deze pagina begonnen of werd al gebruikt. Begin opnieuw op de aanmeldpagina.
sso-refused-token = Het antwoord van de identiteitsprovider kon niet worden gecontroleerd; u bent niet aangemeld. Begin opnieuw; gebeurt het weer, verwittig dan uw IT-dienst.
sso-refused-provider = De identiteitsprovider heeft u niet aangemeld.
sso-refused-role = Uw account bij de identiteitsprovider geeft u geen rol in dit portaal. Vraag uw IT-dienst u aan de juiste groep toe te voegen.
sso-refused-inactive = Uw account in dit portaal is gedeactiveerd. Vraag het aan een beheerder.
sso-refused-unknown = Er bestaat nog geen account voor u in dit portaal. Vraag een beheerder er een aan te maken.
sso-refused-unverified = De identiteitsprovider heeft uw e-mailadres niet bevestigd; het kan dus niet aan een account in dit portaal worden gekoppeld.

password-new = Nieuw wachtwoord
password-confirm = Herhaal het nieuwe wachtwoord
password-current = Huidig wachtwoord
password-rules = Minstens 12 tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden.
password-too-short = Het wachtwoord moet minstens { $min } tekens lang zijn.
password-too-long = Het wachtwoord mag hoogstens { $max } tekens lang zijn.
password-too-common = Dit wachtwoord wordt te vaak gebruikt. Kies een ander.
password-contains-email = Het wachtwoord mag uw e-mailadres niet bevatten.
password-mismatch = De twee wachtwoorden zijn niet gelijk.
password-current-wrong = Het huidige wachtwoord is niet juist.
password-changed = Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd.
password-set-done = Uw wachtwoord is ingesteld. U kunt zich nu aanmelden.

set-password-title = Wachtwoord instellen
set-password-for = Stel een wachtwoord in voor { $email }.
set-password-button = Wachtwoord instellen
link-invalid = Deze link is niet (meer) geldig. Vraag een beheerder om een nieuwe.

account-title = Mijn account
account-password = Wachtwoord wijzigen
account-password-button = Wachtwoord wijzigen
account-password-effect = Na de wijziging worden uw andere sessies beëindigd.
account-sessions = Mijn sessies
account-tokens = API-sleutels
account-tokens-intro = Met een persoonlijke sleutel kunnen scripts en andere HR-systemen de API gebruiken met uw rechten.
session-started = Begonnen
session-last-seen = Laatst actief
session-address = Adres
session-browser = Browser
session-this = Deze sessie
session-end = Beëindigen
session-end-others = Overal elders afmelden
session-ended = De sessie is beëindigd.
sessions-ended = { $count ->
    [one] 1 andere sessie is beëindigd.
   *[other] { $count } andere sessies zijn beëindigd.
}

token-name = Naam
token-start = Begin
token-created = Aangemaakt
token-expires = Vervalt
token-last-used = Laatst gebruikt
token-never = nooit
token-revoke = Intrekken
token-revoked = ingetrokken
token-expired = vervallen
token-create = Sleutel aanmaken
token-days = Geldig gedurende (dagen)
token-days-hint = Leeg laten: geen vervaldatum.
token-name-invalid = Geef de sleutel een naam van 1 tot 100 tekens.
token-days-invalid = Geef een aantal dagen van 1 tot { $max }, of laat het veld leeg.
token-created-title = Uw nieuwe API-sleutel
token-created-once = Kopieer de sleutel nu: hij wordt maar één keer getoond.
token-value = Sleutel
token-revoked-done = De sleutel is ingetrokken.
token-api-docs-link = De API-referentie
token-api-docs = beschrijft elk verzoek dat de API aanneemt en elk antwoord dat ze geeft, en kan ze met uw sleutel uitproberen.

admin-title = Beheer
admin-users = Gebruikers
admin-users-intro = accounts aanmaken, rollen wijzigen, deactiveren
admin-audit = Auditlogboek
admin-audit-intro = wie wat wanneer deed

user-name = Naam
user-email = E-mailadres
user-role = Rol
user-unit = Organisatie-eenheid
user-unit-hint = Bijvoorbeeld: FOD BOSA / DG Rekrutering.
user-status = Status
user-active = actief
user-inactive-label = gedeactiveerd
user-last-login = Laatst aangemeld
user-created = Aangemaakt
user-password = Wachtwoord
user-password-set = ingesteld
user-password-unset = nog niet ingesteld
user-new = Nieuwe gebruiker
user-create = Gebruiker aanmaken
user-search = Zoeken op naam, e-mail of eenheid
user-none = Geen gebruikers gevonden.
user-password-method = Wachtwoord
user-method-link = Eenmalige link aanmaken (de gebruiker kiest zelf een wachtwoord)
user-method-password = Nu een beginwachtwoord instellen
user-initial-password = Beginwachtwoord
user-actions = Acties
user-reset-password = Wachtwoord opnieuw instellen (nieuwe link)
user-deactivate = Deactiveren
user-reactivate = Opnieuw activeren
user-audit-link = Acties van deze gebruiker in het auditlogboek
user-created-done = De gebruiker { $email } is aangemaakt.
user-saved = De wijzigingen voor { $email } zijn opgeslagen.
user-deactivated = { $email } is gedeactiveerd; de sessies zijn beëindigd.
user-reactivated = { $email } is opnieuw actief.
user-inactive = Deze gebruiker is gedeactiveerd.
email-invalid = Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.
email-taken = Er bestaat al een gebruiker met dit e-mailadres.
name-invalid = Geef een naam van hoogstens 200 tekens.
unit-invalid = Geef een eenheid van hoogstens 200 tekens.
last-admin = Dit is de laatste actieve beheerder: die kan niet gedeactiveerd of van rol veranderd worden.

link-title = Eenmalige link
link-intro = Geef deze link aan { $email }. Hij is { $hours } uur geldig en werkt één keer.
link-label = Link om een wachtwoord in te stellen
link-once = De link wordt maar één keer getoond.
link-back = Terug naar de gebruiker

audit-time = Tijdstip
audit-actor = Wie
audit-action = Actie
audit-subject = Onderwerp
audit-details = Details
audit-system = systeem
audit-none = Geen regels voor deze filters.

nav-positions = Mijn functiebeschrijvingen
nav-review = Behandeling
form-duplicate-field = Het veld „{ $field }” werd meer dan eens verstuurd.
form-revision = Het formulier is onvolledig. Laad de pagina opnieuw.
text-too-long = Dit mag hoogstens { $max } tekens lang zijn.
text-control = Deze tekst bevat ongeldige tekens.
page-invalid = Het paginanummer is niet geldig.
status-unknown = De status „{ $value }” bestaat niet.
level-unknown-filter = „{ $value }” is geen niveau.
profile-unknown = Het functieprofiel „{ $value }” bestaat niet of heeft geen gepubliceerde versie.
api-duplicate = Dit staat er meer dan eens in.
api-unknown-area = Dit resultaatgebied bestaat niet in het profiel.
api-unknown-criterion = Dit criterium bestaat niet in het profiel.
body-invalid = De inhoud van het verzoek heeft niet de beschreven vorm: zie de velden.
body-json-malformed = Dit is geen geldige JSON (regel { $line }, kolom { $column }).
body-json-incomplete = De JSON houdt te vroeg op (regel { $line }, kolom { $column }).
body-required = Deze eigenschap is verplicht.
body-unknown-property = Deze eigenschap is hier onbekend. Bekende eigenschappen: { $known }.
body-one-of = Dit moet een van deze waarden zijn: { $values }.
body-expected = { $kind ->
    [integer] Dit moet een geheel getal zijn.
    [number] Dit moet een getal zijn.
    [string] Dit moet een tekst zijn (een JSON-string).
    [boolean] Dit moet true of false zijn.
    [list] Dit moet een lijst zijn (een JSON-array).
    [object] Dit moet een object zijn.
    [datetime] Dit moet een datum en tijd zijn in RFC 3339-vorm, bijvoorbeeld 2026-01-31T09:00:00+01:00.
    [null] Dit moet null zijn.
   *[other] Deze waarde heeft het verkeerde type.
}
body-not-accepted = Deze waarde wordt hier niet aanvaard.

pstatus-draft = ontwerp
pstatus-submitted = ingediend
pstatus-in_review = in behandeling
pstatus-returned = teruggestuurd
pstatus-decided = beslist
pstatus-withdrawn = ingetrokken

positions-title = Mijn functiebeschrijvingen
positions-none = U hebt nog geen functies beschreven.
position-new = Nieuwe functie beschrijven
position-new-intro = Beschrijf een functie uit uw dienst en vraag een niveau aan. Kies eerst het functieprofiel dat er het best bij past; de huidige versie ervan blijft aan uw functie gekoppeld.
position-choose-profile = Functieprofiel
position-start = Beginnen
position-untitled = Functie zonder titel
position-title = Functietitel
position-profile = Functieprofiel
position-proposal = Voorstel
position-decided-level = Toegekend niveau
position-updated = Gewijzigd
position-about = Over de functie
position-purpose = Context en doel
position-purpose-hint = Waarom bestaat deze functie, voor wie werkt ze, wat moet ze opleveren?
position-tasks = Taken
position-tasks-hint = Eén taak per regel. Lege regels tellen niet.
position-task-n = Taak { $n }
position-task-remove = Verwijderen
position-task-add = Nog een taak toevoegen
position-shares = Resultaatgebieden
position-shares-hint = Welk deel van de tijd gaat naar elk resultaatgebied? Samen 100 %. Laat 0 of leeg voor wat niet van toepassing is.
position-share = Aandeel
position-share-unit = procent
position-placements = Plaatsing per criterium
position-placements-hint = Lees per criterium de beschrijvingen van de niveaus en kies degene die het best past bij het werk. Leg uit wat in de functie dat aantoont.
position-level = Niveau
position-evidence = Wat in deze functie toont dat aan?
position-evidence-hint = Minstens 20 tekens, met een concreet voorbeeld uit het werk.
position-save = Opslaan als ontwerp
position-submit = Indienen voor classificatie
position-resubmit = Opnieuw indienen
position-withdraw = Intrekken
position-saved = Uw functie is opgeslagen.
position-submitted = Uw functie is ingediend. HR neemt ze in behandeling.
position-withdrawn = De functie is ingetrokken.
position-returned-banner = HR heeft deze functie teruggestuurd met een vraag.
position-returned-read = Lees de vraag en antwoord onderaan
position-owner = Leidinggevende
position-submitted-at = Ingediend op
position-reviewer = Behandeld door
position-decision = Beslissing
position-conflict = Dit kan niet in de huidige status ({ $status ->
        [draft] { pstatus-draft }
        [submitted] { pstatus-submitted }
        [in_review] { pstatus-in_review }
        [returned] { pstatus-returned }
        [decided] { pstatus-decided }
        [withdrawn] { pstatus-withdrawn }
       *[other] { $status }
    }). Laad de pagina opnieuw.
position-stale = Iemand heeft deze functie intussen gewijzigd. Laad de pagina opnieuw; uw invoer is niet opgeslagen.
tasks-none = Geef minstens één taak.
tasks-too-many = Geef hoogstens { $max } taken.
share-range = Geef een geheel getal van 0 tot 100.
shares-sum = De aandelen moeten samen 100 % zijn; nu is dat { $sum } %.
level-missing = Kies een niveau voor „{ $criterion }”.
level-unknown = Dit niveau bestaat niet in het profiel.
evidence-short = Leg bij „{ $criterion }” in minstens { $min } tekens uit wat dit aantoont.
proposal-explained = Het voorstel is de middelste van uw plaatsingen (de mediaan): het niveau waar de meeste criteria liggen zodra er een meerderheid is. HR beslist.
flag-incomplete = Niet alle criteria zijn geplaatst.
flag-spread = Plaatsingen op niveaus die niet naast elkaar liggen.
flag-no_majority = Geen enkel niveau heeft meer dan de helft van de criteria.
flag-tie = Twee of meer niveaus hebben evenveel criteria.
trace-none = Nog geen plaatsingen.
trace-first = { $count } van { $total } { $total ->
        [one] criterium
       *[other] criteria
    } op niveau { $level } ({ $names })
trace-more = { $count } op niveau { $level } ({ $names })
trace-missing = { $count } niet geplaatst ({ $names })

thread-title = Vragen en antwoorden
thread-empty = Nog geen berichten.
thread-question = vraag van HR
thread-add = Bericht
thread-answer = Uw antwoord aan HR
thread-send = Versturen
comment-added = Uw bericht is toegevoegd.

review-title = Behandeling
review-none = Geen functies voor deze filters.
review-export = Exporteren als CSV
review-submitted-from = Ingediend vanaf
review-open = Openen in de behandeling
review-claim = In behandeling nemen
review-claimed = U behandelt deze functie.
review-own-position = U hebt deze functie zelf ingediend: u kunt ze niet beoordelen.
review-grid = Plaatsing door HR
review-show-manager = Plaatsing van de leidinggevende tonen
review-hide-manager = Plaatsing van de leidinggevende verbergen
review-hidden-hint = (verborgen tot u elk criterium geplaatst hebt, zodat u onafhankelijk oordeelt)
review-manager-choice = keuze leidinggevende
review-manager-evidence = Toelichting leidinggevende
review-agrees = zelfde als de leidinggevende
review-differs = anders dan de leidinggevende
review-note = Notitie HR
review-save-placements = Plaatsing opslaan
review-placed = Uw plaatsing is opgeslagen.
review-agreement = Overeenstemming
review-agreement-count = Overeenstemming over { $agree } van { $placed } geplaatste criteria (van { $total }).
review-placed-count = U hebt { $placed } van { $total } { $total ->
        [one] criterium
       *[other] criteria
    } geplaatst.
review-decide = Beslissen
review-decided-level = Niveau
review-rationale = Motivering
review-rationale-hint = Minstens 30 tekens. De leidinggevende en het personeelslid lezen dit.
review-decide-button = Beslissing registreren
review-decided = De beslissing is genomen.
decision-level = Kies een niveau.
rationale-short = Geef een motivering van minstens { $min } tekens.
review-return = Terugsturen met een vraag
review-question = Uw vraag aan de leidinggevende
review-return-button = Terugsturen
review-returned = De functie is teruggestuurd naar de leidinggevende.

record-title = Beslissingsfiche
record-open = Beslissingsfiche openen
record-decided-by = Beslist door
record-decided-in = Taal van het profiel bij de beslissing
record-decided-at = Beslist op
record-placements = Plaatsingen van leidinggevende en HR
record-manager = Leidinggevende
record-hr = HR
share-title = Delen met het personeelslid
share-intro = Met een deellink kan iemand zonder account dit verslag lezen. U kunt de links altijd intrekken.
share-create = Deellink maken
share-link = Deellink
share-once = Kopieer de link nu: hij wordt maar één keer getoond.
share-live = Actieve deellinks: { $count }
share-revoke = Alle deellinks intrekken
share-revoked = { $count ->
    [one] 1 deellink is ingetrokken.
   *[other] { $count } deellinks zijn ingetrokken.
}

dashboard-title = Overzicht
dashboard-statuses = Functies per status
dashboard-levels = Toegekend niveau per profiel
dashboard-levels-of = Toegekend niveau: { $title }
dashboard-median = Mediaan aantal dagen van indiening tot beslissing
dashboard-decided = Beslist
dashboard-no-decisions = Nog geen beslissingen.
dashboard-label = Categorie
dashboard-count = Aantal
consistency-title = Consistentie van de beslissingen
consistency-intro = Lezen leidinggevenden en HR de criteria op dezelfde manier, en worden gelijkaardige functies gelijk beslist? De cijfers hieronder gaan over alle besliste functies.
agreement-title = Overeenstemming tussen leidinggevende en HR per criterium
agreement-intro = Per criterium: hoe vaak de plaatsing van de leidinggevende en de eigen plaatsing van HR hetzelfde niveau waren, en Cohens kappa, die dat aandeel corrigeert voor de overeenstemming die het toeval alleen zou geven (1 is volledige overeenstemming, 0 niet beter dan toeval). De lezing volgt Landis en Koch.
agreement-chart = Cohens kappa per criterium
agreement-criterion = Criterium
agreement-pairs = Door beiden geplaatst
agreement-same = Zelfde niveau
agreement-kappa = Kappa
agreement-reading = Lezing
kappa-poor = minder dan toeval
kappa-slight = gering
kappa-fair = matig
kappa-moderate = redelijk
kappa-substantial = aanzienlijk
kappa-almost-perfect = bijna volledig
kappa-undefined = niet bepaald (slechts één niveau)
drift-title = Beslissingen tegenover hun precedenten
drift-intro = Elke beslissing wordt vergeleken met de eerdere beslissingen over hetzelfde profiel, zoals de beoordelingspagina precedenten vindt. Een beslissing wijkt af wanneer meer dan de helft van haar nauwe precedenten een ander niveau kreeg.
drift-of = Beslissingen tegenover precedenten: { $title }
drift-in-line = In lijn met precedenten
drift-differing = Wijken af van precedenten
drift-without = Geen eensgezinde nauwe precedenten
drift-list-of = Beslissingen die afwijken van hun precedenten: { $title }
drift-position = Functie
drift-decided = Beslist op
drift-level = Niveau
drift-usual = Precedenten
drift-usual-of = { $level } ({ $n } van { $close } { $close ->
        [one] nauw precedent
       *[other] nauwe precedenten
    })
drift-more = En nog { $n }.
months-title = Beslissingen per maand
months-decisions = Beslissingen per maand, laatste twaalf maanden
months-days-title = Dagen tot een beslissing per maand
months-days = Mediaan aantal dagen van indiening tot beslissing, per maand van beslissing
months-days-header = Mediaan dagen
match-nothing = Geef minstens één taak of één motivering.
match-version-unknown = Dit profiel heeft geen gepubliceerde versie met dit nummer.
evidence-too-many = Geef hoogstens { $max } motiveringen.
review-proposal-hidden = Het voorstel steunt op de plaatsingen van de leidinggevende: het verschijnt zodra u elk criterium hebt geplaatst (of ervoor kiest de keuze van de leidinggevende te zien).
assessment-poor-fit = Slechts { $matching } van de { $tasks } { $tasks ->
        [one] taak past
       *[other] taken passen
    } bij dit profiel (80 % is nodig om het toe te passen).
assessment-shares-mismatch = „{ $area }”: { $declared } % opgegeven, de taken wijzen op { $implied } % ({ $gap } punten verschil).
assessment-evidence-disagrees = De motivering leest als een ander niveau: { $criteria }.
assessment-precedent-differs = { $count } van de { $close } meest gelijkaardige beslissingen kregen { $level }; het voorstel is { $proposal }.
reading-title = Wat het portaal leest
reading-hint = Een suggestie op basis van de woorden van de taken en de motivering, vergeleken met het profiel. Ze toont de woorden waarop ze steunt; ze beslist niet.
reading-fit = { $matching } van de { $tasks } { $tasks ->
        [one] taak past
       *[other] taken passen
    } bij het profiel
reading-task = Taak
reading-area = Resultaatgebied
reading-score = Score
reading-terms = Overeenkomende woorden
reading-no-match = geen duidelijke overeenkomst
reading-shares = Aandelen: opgegeven en volgens de taken
reading-declared = Opgegeven
reading-implied = Volgens de taken
reading-evidence = Hoe de motivering leest
reading-reads-like = Leest als niveau
reading-no-clear-level = geen duidelijk niveau
reading-blind = De lezing van de motivering en de signalen die steunen op de plaatsingen van de leidinggevende verschijnen zodra u elk criterium hebt geplaatst.
reading-precedents = Gelijkaardige beslissingen
reading-no-precedents = Nog geen beslissing voor dit profiel.
reading-decided-level = Toegekend niveau
reading-decided-at = Beslist op
reading-similarity = Gelijkenis
reading-show-precedents = Toon gelijkaardige beslissingen
reading-show-others = Welke profielen passen beter bij deze taken?
reading-others = Profielen die bij deze taken passen
reading-no-others = Geen ander profiel van de catalogus past bij deze taken.
reading-others-fit = { $matching } van de { $tasks } { $tasks ->
        [one] taak past
       *[other] taken passen
    }
reading-confirmed = Resultaatgebied volgens HR
reading-confirmed-as = Bevestigd: { $area }
reading-undo = Ongedaan maken
reading-task-n = taak { $n }
reading-area-of = Resultaatgebied van taak { $n }
reading-confirm = Bevestigen
reading-rationale = Motivering (begin)
review-task-confirmed = Het resultaatgebied van taak { $n } is bevestigd; het latere lezen van dit profiel leert ervan.
review-task-undone = De bevestiging van taak { $n } is ongedaan gemaakt.
confirmation-area-unknown = Dit resultaatgebied bestaat niet in het profiel.
confirmation-draft = De taken van een ontwerp kunnen nog wijzigen: bevestig ze zodra het is ingediend.

# Content languages of profiles (translations).
content-language = Taal van de inhoud
content-not-in = Deze tekst bestaat niet { $wanted }; u leest { $shown }.
lang-in-nl = in het Nederlands
lang-in-fr = in het Frans
lang-in-en = in het Engels
lang-in-de = in het Duits
lang-version-nl = de Nederlandse versie
lang-version-fr = de Franse versie
lang-version-en = de Engelse versie
lang-version-de = de Duitse versie
translation-source = brontekst
translation-complete = vertaling
translation-incomplete = vertaling, onvolledig
translation-outdated = vertaling, deels verouderd
translation-unofficial = niet-officiële vertaling
translation-unofficial-partial = niet-officiële vertaling, onvolledig of verouderd
translation-unofficial-note = Dit is een niet-officiële vertaling. Alleen de brontekst is officieel.
translation-progress = { $translated } van de { $total } teksten zijn vertaald; de andere staan in de brontaal en zijn gemarkeerd.
untranslated-mark = niet vertaald
translation-unknown-language = De taal „{ $value }” bestaat niet in het portaal. Kies uit: { $known }.
translation-same-language = Dit is de taal van de brontekst; een vertaling moet in een andere taal zijn.
translation-unknown-key = De vertaling bevat een tekst („{ $key }”) die de brontekst niet heeft. Een vertaling volgt de opbouw van de brontekst.
translation-too-long = De vertaalde tekst „{ $key }” is langer dan { $max } tekens.
no-translation = Dit profiel bestaat niet in die taal. Beschikbaar: { $available }.
# Compare across profiles (GET /compare)
profile-cross-link = Vergelijken met een ander profiel
xcompare-title = Profielen vergelijken
xcompare-description = Hetzelfde niveau van twee tot vier functieprofielen naast elkaar, criterium per criterium, met de verschillen gemarkeerd.
xcompare-intro = Kies twee tot vier profielen en een niveau: de criteria van dat niveau komen naast elkaar te staan, met wat verschilt van het eerste profiel gemarkeerd.
xcompare-error-title = Deze profielen kunnen niet vergeleken worden
xcompare-profiles = Profielen (twee tot vier)
xcompare-profiles-hint = Het eerste aangevinkte profiel is het profiel waarmee de andere vergeleken worden.
xcompare-level = Niveau
xcompare-level-choose = Kies een niveau
xcompare-level-option = Niveau { $code }
xcompare-compared = Vergeleken profielen
xcompare-level-compare = niveaus van dit profiel vergelijken
xcompare-legend-new-explained = woorden die niet in de tekst van { $first } staan (elk profiel toont zijn eigen tekst)
xcompare-legend-added-full = woorden die dit profiel toevoegt aan de tekst van { $first }
xcompare-legend-removed-full = woorden van { $first } die dit profiel niet heeft
xcompare-legend-same = de tekst is woord voor woord die van het eerste profiel.
xcompare-same-as = zelfde als { $profile }
xcompare-show-full = Toon alle verschillen, met doorgehaalde woorden van het eerste profiel
xcompare-show-own = Toon de eigen tekst van elk profiel, met wat verschilt gemarkeerd
xcompare-caption = Niveau { $level } van { $count } profielen, criterium per criterium, elk vergeleken met { $first }
xcompare-caption-partial = Criteria die niet in elk profiel voorkomen (niveau { $level })
xcompare-lacking = ontbreekt in: { $profiles }
xcompare-absent = Dit profiel heeft dit criterium niet.
xcompare-changes-from = Verschillen ten opzichte van { $profile }:
xcompare-duplicate = Het profiel „{ $slug }” is meer dan eens gekozen. Kies elk profiel maar één keer.
xcompare-too-few = Kies minstens twee profielen om te vergelijken (u koos er { $n }).
xcompare-too-many = Kies hoogstens vier profielen om te vergelijken (u koos er { $n }).
xcompare-one-level = Kies één niveau: profielen worden op één niveau tegelijk vergeleken.
xcompare-no-level = Kies het niveau dat u wilt vergelijken.
xcompare-unknown-profile = Het profiel „{ $slug }” bestaat niet (of is nog niet gepubliceerd).
xcompare-level-missing = Het profiel „{ $title }” heeft geen niveau { $level }. Het heeft de niveaus: { $known }.
