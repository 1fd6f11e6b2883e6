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
