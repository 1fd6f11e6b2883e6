# Dutch (default UI language).
site-name = jobclass
site-tagline = Functieclassificatie voor de overheid
skip-to-content = Naar de inhoud
nav-main = Hoofdmenu
nav-catalogue = Functieprofielen
nav-language = Taal
nav-breadcrumb = Kruimelpad
footer-text = jobclass — functiebeschrijvingen en weging van functies in de overheid.

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
error-validation = Sommige gegevens zijn niet correct ingevuld.
error-too-many-requests = Te veel pogingen. Wacht even en probeer het opnieuw.
error-unavailable = De dienst is tijdelijk niet beschikbaar. Probeer het over enkele ogenblikken opnieuw; er is niets verloren gegaan.
error-internal = Er ging iets mis aan onze kant. Probeer het later opnieuw.

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
compare-legend-same = : de tekst is gelijk aan die van het vorige niveau.
compare-same-as = zelfde als { $level }
compare-caption = Elk niveau vergeleken met het niveau links ervan
compare-changes-from = Wijzigingen ten opzichte van { $level }:
compare-back = Terug naar het profiel
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

password-new = Nieuw wachtwoord
password-confirm = Herhaal het nieuwe wachtwoord
password-current = Huidig wachtwoord
password-rules = Minstens 12 tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden.
password-too-short = Het wachtwoord moet minstens { $min } tekens lang zijn.
password-too-long = Het wachtwoord mag hoogstens { $max } tekens lang zijn.
password-too-common = Dit wachtwoord is te bekend. Kies een ander.
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
email-invalid = Geef een geldig e-mailadres, zoals naam@voorbeeld.be.
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
