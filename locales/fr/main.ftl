# French.
site-name = jobclass
site-tagline = Classification de fonctions pour le secteur public
skip-to-content = Aller au contenu
nav-main = Menu principal
nav-catalogue = Profils de fonction
nav-language = Langue
nav-breadcrumb = Fil d’Ariane
footer-text = jobclass — descriptions et pondération de fonctions dans le secteur public.

error-status = Code d’état
error-back-home = Retour aux profils de fonction
error-title-not-found = Page introuvable
error-title-forbidden = Accès refusé
error-title-unavailable = Temporairement indisponible
error-title-internal = Un problème est survenu
error-title-bad-request = Cette demande n’est pas correcte
error-bad-request = La demande n’a pas pu être traitée. Vérifiez l’adresse ou les données envoyées.
error-unauthenticated = Vous devez être connecté pour voir cette page.
error-forbidden = Vous n’avez pas accès à cette page.
error-not-found = Cette page n’existe pas (ou plus). Vérifiez l’adresse.
error-method-not-allowed = Cette action n’est pas possible à cette adresse.
error-timeout = Le traitement a pris trop de temps. Veuillez réessayer.
error-conflict = Quelqu’un d’autre a modifié ceci entre-temps. Rechargez la page.
error-payload-too-large = Les données envoyées sont trop volumineuses.
error-unsupported-media-type = Ce type de données n’est pas accepté ici.
error-validation = Certaines données ne sont pas correctement remplies.
error-too-many-requests = Trop de tentatives. Patientez un instant puis réessayez.
error-unavailable = Le service est temporairement indisponible. Réessayez dans quelques instants ; rien n’a été perdu.
error-internal = Un problème est survenu de notre côté. Veuillez réessayer plus tard.

catalogue-title = Profils de fonction
catalogue-intro = Descriptions de fonction génériques avec leurs domaines de résultats et les critères distinctifs par niveau.
catalogue-search-label = Rechercher dans les titres, tâches et critères
catalogue-search-button = Rechercher
catalogue-search-hint = Par exemple : plaintes, archives, « organisation pratique ».
catalogue-results = { $count ->
    [one] 1 profil trouvé pour « { $query } ».
   *[other] { $count } profils trouvés pour « { $query } ».
}
catalogue-clear = Afficher tous les profils
catalogue-empty = Il n’y a encore aucun profil de fonction.
catalogue-no-match = Aucun profil ne correspond à votre recherche. Essayez d’autres mots.

profile-levels = Niveaux
profile-version = Version
profile-published = publiée le
profile-history-link = toutes les versions
profile-purpose = Objectif
profile-result-areas = Domaines de résultats
profile-example-tasks = Exemples de tâches
profile-criteria = Critères distinctifs
profile-compare-link = Comparer les niveaux côte à côte
profile-grid-caption = Critères distinctifs par niveau, du plus bas au plus haut
profile-criterion = Critère
profile-no-text = (pas de description)
profile-glossary = Définitions

version-banner-old = Vous consultez la version { $version }. Ce n’est pas la version en vigueur.
version-banner-current = Vers la version en vigueur ({ $version })

history-title = Versions
history-status = Statut
history-note = Note de modification
status-draft = projet
status-published = en vigueur
status-superseded = remplacée

compare-title = Comparer les niveaux
compare-levels = Niveaux
compare-criteria = Critères
compare-criteria-hint = Rien de coché : tous les critères.
compare-button = Comparer
compare-legend = Légende
compare-legend-added = ajouté
compare-legend-removed = supprimé
compare-legend-same = : le texte est identique à celui du niveau précédent.
compare-same-as = identique à { $level }
compare-caption = Chaque niveau comparé au niveau à sa gauche
compare-changes-from = Modifications par rapport à { $level } :
compare-back = Retour au profil
compare-unknown-level = Le niveau « { $value } » n’existe pas dans ce profil. Choisissez parmi : { $known }.
compare-unknown-criterion = Le critère « { $value } » n’existe pas dans ce profil.
