# French.
site-name = jobclass
site-tagline = Classification de fonctions pour le secteur public
skip-to-content = Aller au contenu
nav-main = Menu principal
nav-catalogue = Profils de fonction
nav-language = Langue
nav-breadcrumb = Fil d’Ariane
footer-text = jobclass — descriptions et classification de fonctions dans le secteur public.
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
idempotency-key-invalid = L’en-tête Idempotency-Key doit contenir de 1 à { $max } caractères ASCII imprimables, une seule fois.
idempotency-key-reused = Cette clé Idempotency-Key a déjà servi pour une autre demande. Utilisez une nouvelle clé pour une nouvelle demande.
error-validation = Certaines données ne sont pas correctement remplies.
error-too-many-requests = Trop de tentatives. Patientez un instant puis réessayez.
error-unavailable = Le service est temporairement indisponible. Réessayez dans quelques instants ; rien n’a été perdu.
error-internal = Un problème est survenu de notre côté. Veuillez réessayer plus tard.
api-error-unauthenticated = Connectez-vous ou envoyez un jeton d’API valide (Authorization: Bearer …).
api-error-forbidden = Votre compte ne peut pas faire ceci, ou la requête n’a pas son jeton CSRF.
api-error-not-found = Cet objet n’existe pas, ou vous ne pouvez pas le voir. Vérifiez l’URL.
api-error-conflict = Quelqu’un d’autre a modifié ceci entre-temps. Relisez-le et réessayez.

catalogue-title = Profils de fonction
catalogue-intro = Descriptions de fonction génériques avec leurs domaines de résultats et les critères distinctifs par niveau.
catalogue-search-label = Rechercher dans les titres, tâches et critères
catalogue-search-button = Rechercher
catalogue-search-hint = Par exemple (les profils sont en néerlandais) : klachten, archief, « praktische organisatie ».
catalogue-results = { $count ->
    [one] 1 profil trouvé pour « { $query } ».
   *[other] { $count } profils trouvés pour « { $query } ».
}
catalogue-clear = Afficher tous les profils
catalogue-empty = Il n’y a encore aucun profil de fonction.
catalogue-no-match = Aucun profil ne correspond à votre recherche. Essayez d’autres mots.
search-level-label = Niveau
search-level-any = Tous les niveaux
search-language-label = Langue
search-language-any = Toutes les langues
search-language-nl = Néerlandais
search-language-fr = Français
search-language-en = Anglais
search-language-de = Allemand
search-filtered = { $count ->
    [one] 1 profil correspond aux filtres choisis.
   *[other] { $count } profils correspondent aux filtres choisis.
}
search-previously = Anciennement
search-did-you-mean = Vouliez-vous dire
search-try = Essayez par exemple
search-too-long = Votre recherche est trop longue : utilisez au maximum { $max } caractères.
search-unknown-level = Le niveau « { $level } » n’existe pas. Choisissez l’un de ces niveaux : { $known }.
search-unknown-language = La langue « { $language } » n’est pas prise en charge. Choisissez l’une de ces langues : { $known }.

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
profile-contents = Sur cette page
profile-to-grid = Aller à la grille des critères
profile-describe-position = Décrire une fonction selon ce profil
profile-example-tasks-n = { $n ->
    [one] { $n } exemple de tâche
   *[other] { $n } exemples de tâches
}

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
compare-criteria-hint = Rien de coché : tous les critères.
compare-button = Comparer
compare-legend = Légende
compare-legend-added = ajouté
compare-legend-removed = supprimé
compare-legend-same = le texte est identique à celui du niveau à sa gauche.
compare-same-as = identique à { $level }
compare-caption = Chaque niveau comparé au niveau à sa gauche
compare-changes-from = Modifications par rapport à { $level } :
compare-back = Retour au profil
site-description = Profils de fonction du secteur public, leurs niveaux côte à côte, et la classification des fonctions selon ces profils.
compare-description = Les niveaux de { $title } côte à côte, critère par critère, avec ce qui est nouveau à chaque niveau.
compare-legend-added-full = mots que ce niveau ajoute au niveau à sa gauche
compare-legend-removed-full = mots du niveau à sa gauche que ce niveau abandonne
compare-legend-new = nouveau
compare-legend-new-explained = mots nouveaux à ce niveau (chaque niveau montre son propre texte)
compare-show-full = Afficher toutes les modifications, mots abandonnés barrés
compare-show-own = Afficher le texte propre de chaque niveau, nouveautés en évidence
compare-unknown-diff = Choisissez comment afficher les modifications : « full » ou rien.
compare-unknown-level = Le niveau « { $value } » n’existe pas dans ce profil. Choisissez parmi : { $known }.
compare-unknown-criterion = Le critère « { $value } » n’existe pas dans ce profil.

nav-admin = Administration
nav-login = Se connecter
nav-logout = Se déconnecter
save = Enregistrer
table-actions = Actions
form-error-summary = Il y a un problème
field-required = Remplissez ce champ.
filter-all = Tous
filter-apply = Filtrer
filter-from = Du
filter-to = Au
pager = Pagination
pager-previous = Page précédente
pager-next = Page suivante
pager-page = Page { $page }
date-invalid = La date « { $value } » ({ $field }) n’est pas valable (aaaa-mm-jj).

role-admin = administrateur
role-hr = agent RH
role-manager = responsable hiérarchique
role-invalid = Choisissez un rôle.

login-title = Se connecter
login-email = Adresse e-mail
login-password = Mot de passe
login-button = Se connecter
login-help = Mot de passe oublié ? Demandez un nouveau lien à un administrateur.
login-signed-out = Vous êtes déconnecté.
login-failed = L’adresse e-mail ou le mot de passe est incorrect.
login-throttled = Trop de tentatives échouées. Réessayez dans { $minutes } minutes.
login-password-heading = Se connecter avec un mot de passe
login-password-off = La connexion par mot de passe est désactivée. Utilisez la connexion de votre organisation.
login-break-glass-heading = Accès de secours
login-break-glass-hint = La connexion par mot de passe est désactivée, sauf pour les comptes de secours (break-glass).
sso-heading = Se connecter avec le compte de votre organisation
sso-button-default = Se connecter avec le compte de votre organisation
sso-unavailable = La connexion avec le compte de votre organisation est impossible pour le moment : le fournisseur d’identité est injoignable. Réessayez dans quelques minutes.
sso-unavailable-hint = Réessayez dans quelques minutes. Les administrateurs disposant d’un compte de secours peuvent se connecter avec leur mot de passe.
sso-back-to-login = Retour à la page de connexion
sso-refused-title = Connexion refusée
sso-refused-state = Cette connexion ne peut pas aboutir : elle n’a pas commencé sur cette page ou a déjà été utilisée. Recommencez depuis la page de connexion.
sso-refused-token = La réponse du fournisseur d’identité n’a pas pu être vérifiée ; vous n’êtes pas connecté. Recommencez ; si cela se reproduit, prévenez votre service informatique.
sso-refused-provider = Le fournisseur d’identité ne vous a pas connecté.
sso-refused-role = Votre compte chez le fournisseur d’identité ne vous donne aucun rôle dans ce portail. Demandez à votre service informatique de vous ajouter au bon groupe.
sso-refused-inactive = Votre compte dans ce portail est désactivé. Adressez-vous à un administrateur.
sso-refused-unknown = Il n’existe pas encore de compte pour vous dans ce portail. Demandez à un administrateur d’en créer un.
sso-refused-unverified = Le fournisseur d’identité n’a pas confirmé votre adresse e-mail ; elle ne peut donc pas être liée à un compte de ce portail.

password-new = Nouveau mot de passe
password-confirm = Répétez le nouveau mot de passe
password-current = Mot de passe actuel
password-rules = Au moins 12 caractères. Une phrase de quelques mots est solide et facile à retenir.
password-too-short = Le mot de passe doit compter au moins { $min } caractères.
password-too-long = Le mot de passe peut compter au plus { $max } caractères.
password-too-common = Ce mot de passe est trop courant. Choisissez-en un autre.
password-contains-email = Le mot de passe ne peut pas contenir votre adresse e-mail.
password-mismatch = Les deux mots de passe ne sont pas identiques.
password-current-wrong = Le mot de passe actuel est incorrect.
password-changed = Votre mot de passe a été modifié. Vos autres sessions ont été fermées.
password-set-done = Votre mot de passe est défini. Vous pouvez maintenant vous connecter.

set-password-title = Définir le mot de passe
set-password-for = Définissez un mot de passe pour { $email }.
set-password-button = Définir le mot de passe
link-invalid = Ce lien n’est pas (ou plus) valable. Demandez-en un nouveau à un administrateur.

account-title = Mon compte
account-password = Modifier le mot de passe
account-password-button = Modifier le mot de passe
account-password-effect = Après la modification, vos autres sessions sont fermées.
account-sessions = Mes sessions
account-tokens = Clés d’API
account-tokens-intro = Avec une clé personnelle, des scripts et d’autres systèmes RH peuvent utiliser l’API avec vos droits.
session-started = Début
session-last-seen = Dernière activité
session-address = Adresse
session-browser = Navigateur
session-this = Cette session
session-end = Fermer
session-end-others = Se déconnecter partout ailleurs
session-ended = La session a été fermée.
sessions-ended = { $count ->
    [one] 1 autre session a été fermée.
   *[other] { $count } autres sessions ont été fermées.
}

token-name = Nom
token-start = Début
token-created = Créée
token-expires = Expire
token-last-used = Dernière utilisation
token-never = jamais
token-revoke = Révoquer
token-revoked = révoquée
token-expired = expirée
token-create = Créer une clé
token-days = Valable pendant (jours)
token-days-hint = Laisser vide : pas d’expiration.
token-name-invalid = Donnez à la clé un nom de 1 à 100 caractères.
token-days-invalid = Indiquez un nombre de jours de 1 à { $max }, ou laissez le champ vide.
token-created-title = Votre nouvelle clé d’API
token-created-once = Copiez la clé maintenant : elle n’est affichée qu’une seule fois.
token-value = Clé
token-revoked-done = La clé a été révoquée.
token-api-docs-link = La référence de l’API
token-api-docs = décrit chaque requête que l’API accepte et chaque réponse qu’elle donne, et permet de les essayer avec votre clé.

admin-title = Administration
admin-users = Utilisateurs
admin-users-intro = créer des comptes, modifier des rôles, désactiver
admin-audit = Journal d’audit
admin-audit-intro = qui a fait quoi et quand

user-name = Nom
user-email = Adresse e-mail
user-role = Rôle
user-unit = Unité organisationnelle
user-unit-hint = Par exemple : SPF BOSA / DG Recrutement.
user-status = Statut
user-active = actif
user-inactive-label = désactivé
user-last-login = Dernière connexion
user-created = Créé
user-password = Mot de passe
user-password-set = défini
user-password-unset = pas encore défini
user-new = Nouvel utilisateur
user-create = Créer l’utilisateur
user-search = Rechercher par nom, e-mail ou unité
user-none = Aucun utilisateur trouvé.
user-password-method = Mot de passe
user-method-link = Créer un lien à usage unique (l’utilisateur choisit son mot de passe)
user-method-password = Définir maintenant un mot de passe initial
user-initial-password = Mot de passe initial
user-actions = Actions
user-reset-password = Réinitialiser le mot de passe (nouveau lien)
user-deactivate = Désactiver
user-reactivate = Réactiver
user-audit-link = Actions de cet utilisateur dans le journal d’audit
user-created-done = L’utilisateur { $email } a été créé.
user-saved = Les modifications pour { $email } ont été enregistrées.
user-deactivated = { $email } a été désactivé ; ses sessions ont été fermées.
user-reactivated = { $email } est de nouveau actif.
user-inactive = Cet utilisateur est désactivé.
email-invalid = Indiquez une adresse e-mail valable, comme nom@exemple.be.
email-taken = Un utilisateur avec cette adresse e-mail existe déjà.
name-invalid = Indiquez un nom de 200 caractères au plus.
unit-invalid = Indiquez une unité de 200 caractères au plus.
last-admin = C’est le dernier administrateur actif : il ne peut être ni désactivé ni changer de rôle.

link-title = Lien à usage unique
link-intro = Transmettez ce lien à { $email }. Il est valable { $hours } heures et ne fonctionne qu’une fois.
link-label = Lien pour définir un mot de passe
link-once = Le lien n’est affiché qu’une seule fois.
link-back = Retour à l’utilisateur

audit-time = Moment
audit-actor = Qui
audit-action = Action
audit-subject = Objet
audit-details = Détails
audit-system = système
audit-none = Aucune ligne pour ces filtres.

nav-positions = Mes descriptions de fonction
nav-review = Traitement des dossiers
form-duplicate-field = Le champ « { $field } » a été envoyé plus d’une fois.
form-revision = Le formulaire est incomplet. Rechargez la page.
text-too-long = Ceci peut compter au plus { $max } caractères.
text-control = Ce texte contient des caractères non valables.
page-invalid = Le numéro de page n’est pas valable.
status-unknown = Le statut « { $value } » n’existe pas.
level-unknown-filter = « { $value } » n’est pas un niveau.
profile-unknown = Le profil de fonction « { $value } » n’existe pas ou n’a pas de version publiée.
api-duplicate = Ceci figure plus d’une fois.
api-unknown-area = Ce domaine de résultats n’existe pas dans le profil.
api-unknown-criterion = Ce critère n’existe pas dans le profil.
body-invalid = Le contenu de la requête n’a pas la forme décrite : voyez les champs.
body-json-malformed = Ceci n’est pas du JSON valide (ligne { $line }, colonne { $column }).
body-json-incomplete = Le JSON s’arrête trop tôt (ligne { $line }, colonne { $column }).
body-required = Cette propriété est obligatoire.
body-unknown-property = Cette propriété n’est pas connue ici. Propriétés connues : { $known }.
body-one-of = Ceci doit être l’une de ces valeurs : { $values }.
body-expected = { $kind ->
    [integer] Ceci doit être un nombre entier.
    [number] Ceci doit être un nombre.
    [string] Ceci doit être un texte (une chaîne JSON).
    [boolean] Ceci doit être true ou false.
    [list] Ceci doit être une liste (un tableau JSON).
    [object] Ceci doit être un objet.
    [datetime] Ceci doit être une date et une heure au format RFC 3339, par exemple 2026-01-31T09:00:00+01:00.
    [null] Ceci doit être null.
   *[other] Cette valeur n’a pas le bon type.
}
body-not-accepted = Cette valeur n’est pas acceptée ici.

pstatus-draft = brouillon
pstatus-submitted = introduite
pstatus-in_review = en cours de traitement
pstatus-returned = renvoyée
pstatus-decided = décidée
pstatus-withdrawn = retirée

positions-title = Mes descriptions de fonction
positions-none = Vous n’avez encore décrit aucune fonction.
position-new = Décrire une nouvelle fonction
position-new-intro = Décrivez une fonction de votre service et demandez un niveau. Choisissez d’abord le profil de fonction qui correspond le mieux ; sa version actuelle reste liée à votre fonction.
position-choose-profile = Profil de fonction
position-start = Commencer
position-untitled = Fonction sans titre
position-title = Intitulé de la fonction
position-profile = Profil de fonction
position-proposal = Proposition
position-decided-level = Niveau attribué
position-updated = Modifiée
position-about = À propos de la fonction
position-purpose = Contexte et objectif
position-purpose-hint = Pourquoi cette fonction existe-t-elle, pour qui, que doit-elle produire ?
position-tasks = Tâches
position-tasks-hint = Une tâche par ligne. Les lignes vides ne comptent pas.
position-task-n = Tâche { $n }
position-task-remove = Supprimer
position-task-add = Ajouter une tâche
position-shares = Domaines de résultats
position-shares-hint = Quelle part du temps va à chaque domaine de résultats ? Au total 100 %. Laissez 0 ou vide ce qui ne s’applique pas.
position-share = Part
position-share-unit = pour cent
position-placements = Positionnement par critère
position-placements-hint = Lisez pour chaque critère les descriptions des niveaux et choisissez celle qui correspond le mieux au travail. Expliquez ce qui, dans la fonction, le montre.
position-level = Niveau
position-evidence = Qu’est-ce qui, dans cette fonction, le montre ?
position-evidence-hint = Au moins 20 caractères, avec un exemple concret tiré du travail.
position-save = Enregistrer comme brouillon
position-submit = Introduire pour classification
position-resubmit = Introduire à nouveau
position-withdraw = Retirer
position-saved = Votre fonction a été enregistrée.
position-submitted = Votre fonction a été introduite. Les RH vont la traiter.
position-withdrawn = La fonction a été retirée.
position-returned-banner = Les RH ont renvoyé cette fonction avec une question.
position-returned-read = Lisez la question et répondez en bas de page
position-owner = Responsable hiérarchique
position-submitted-at = Introduite le
position-reviewer = Traitée par
position-decision = Décision
position-conflict = Ce n’est pas possible dans le statut actuel ({ $status ->
        [draft] { pstatus-draft }
        [submitted] { pstatus-submitted }
        [in_review] { pstatus-in_review }
        [returned] { pstatus-returned }
        [decided] { pstatus-decided }
        [withdrawn] { pstatus-withdrawn }
       *[other] { $status }
    }). Rechargez la page.
position-stale = Quelqu’un a modifié cette fonction entre-temps. Rechargez la page ; votre saisie n’a pas été enregistrée.
tasks-none = Indiquez au moins une tâche.
tasks-too-many = Indiquez au plus { $max } tâches.
share-range = Indiquez un nombre entier de 0 à 100.
shares-sum = Les parts doivent totaliser 100 % ; actuellement { $sum } %.
level-missing = Choisissez un niveau pour « { $criterion } ».
level-unknown = Ce niveau n’existe pas dans le profil.
evidence-short = Pour « { $criterion } », expliquez en au moins { $min } caractères ce qui le montre.
proposal-explained = La proposition est le positionnement du milieu (la médiane) : le niveau qui réunit le plus de critères dès qu’il y a une majorité. Les RH décident.
flag-incomplete = Tous les critères ne sont pas positionnés.
flag-spread = Positionnements sur des niveaux non adjacents.
flag-no_majority = Aucun niveau ne réunit plus de la moitié des critères.
flag-tie = Deux niveaux ou plus réunissent autant de critères.
trace-none = Pas encore de positionnement.
trace-first = { $count } { $count ->
        [one] critère
       *[other] critères
    } sur { $total } au niveau { $level } ({ $names })
trace-more = { $count } au niveau { $level } ({ $names })
trace-missing = { $count } non { $count ->
        [one] positionné
       *[other] positionnés
    } ({ $names })
thread-title = Questions et réponses
thread-empty = Pas encore de message.
thread-question = question des RH
thread-add = Message
thread-answer = Votre réponse aux RH
thread-send = Envoyer
comment-added = Votre message a été ajouté.

review-title = Traitement des dossiers
review-none = Aucune fonction pour ces filtres.
review-export = Exporter en CSV
review-submitted-from = Introduite depuis le
review-open = Ouvrir dans le traitement des dossiers
review-claim = Prendre en charge
review-claimed = Vous traitez cette fonction.
review-own-position = Vous avez introduit cette fonction vous-même : vous ne pouvez pas l’évaluer.
review-grid = Positionnement par les RH
review-show-manager = Afficher le positionnement du responsable
review-hide-manager = Masquer le positionnement du responsable
review-hidden-hint = (masqué jusqu’à ce que vous ayez positionné chaque critère, pour un jugement indépendant)
review-manager-choice = choix du responsable
review-manager-evidence = Explication du responsable
review-agrees = identique au responsable
review-differs = différent du responsable
review-note = Note RH
review-save-placements = Enregistrer le positionnement
review-placed = Votre positionnement a été enregistré.
review-agreement = Concordance
review-agreement-count = Accord sur { $agree } des { $placed } { $placed ->
        [one] critère positionné
       *[other] critères positionnés
    } (sur { $total }).
review-placed-count = Vous avez positionné { $placed } { $placed ->
        [one] critère
       *[other] critères
    } sur { $total }.
review-decide = Décider
review-decided-level = Niveau
review-rationale = Motivation
review-rationale-hint = Au moins 30 caractères. Le responsable hiérarchique et le membre du personnel la liront.
review-decide-button = Enregistrer la décision
review-decided = La décision a été prise.
decision-level = Choisissez un niveau.
rationale-short = Donnez une motivation d’au moins { $min } caractères.
review-return = Renvoyer avec une question
review-question = Votre question au responsable
review-return-button = Renvoyer
review-returned = La fonction a été renvoyée au responsable.

record-title = Fiche de décision
record-open = Ouvrir la fiche de décision
record-decided-by = Décidé par
record-decided-in = Langue du profil lors de la décision
record-decided-at = Décidé le
record-placements = Positionnements du responsable et des RH
record-manager = Responsable hiérarchique
record-hr = RH
share-title = Partager avec le collaborateur
share-intro = Avec un lien de partage, une personne sans compte peut lire ce rapport. Vous pouvez toujours révoquer les liens.
share-create = Créer un lien de partage
share-link = Lien de partage
share-once = Copiez le lien maintenant : il n’est affiché qu’une seule fois.
share-live = Liens de partage actifs : { $count }
share-revoke = Révoquer tous les liens
share-revoked = { $count ->
    [one] 1 lien de partage a été révoqué.
   *[other] { $count } liens de partage ont été révoqués.
}

dashboard-title = Tableau de bord
dashboard-statuses = Fonctions par statut
dashboard-levels = Niveau attribué par profil
dashboard-levels-of = Niveau attribué : { $title }
dashboard-median = Nombre médian de jours entre introduction et décision
dashboard-decided = Décidées
dashboard-no-decisions = Pas encore de décision.
dashboard-label = Catégorie
dashboard-count = Nombre
consistency-title = Cohérence des décisions
consistency-intro = Les responsables et les RH lisent-ils les critères de la même manière, et des fonctions semblables reçoivent-elles la même décision ? Les chiffres ci-dessous portent sur toutes les fonctions décidées.
agreement-title = Concordance entre responsable et RH par critère
agreement-intro = Pour chaque critère : combien de fois le positionnement du responsable et celui, indépendant, des RH donnaient le même niveau, et le kappa de Cohen, qui corrige cette part de la concordance que le hasard seul donnerait (1 : concordance totale, 0 : pas mieux que le hasard). La lecture suit Landis et Koch.
agreement-chart = Kappa de Cohen par critère
agreement-criterion = Critère
agreement-pairs = Positionné par les deux
agreement-same = Même niveau
agreement-kappa = Kappa
agreement-reading = Lecture
kappa-poor = inférieure au hasard
kappa-slight = faible
kappa-fair = passable
kappa-moderate = modérée
kappa-substantial = forte
kappa-almost-perfect = presque parfaite
kappa-undefined = non définie (un seul niveau)
drift-title = Décisions et leurs précédents
drift-intro = Chaque décision est comparée aux décisions antérieures sur le même profil, comme la page d'examen trouve les précédents. Une décision s'en écarte quand plus de la moitié de ses précédents proches ont reçu un autre niveau.
drift-of = Décisions et précédents : { $title }
drift-in-line = Conformes aux précédents
drift-differing = S'écartent des précédents
drift-without = Sans précédents proches concordants
drift-list-of = Décisions qui s'écartent de leurs précédents : { $title }
drift-position = Fonction
drift-decided = Décidée le
drift-level = Niveau
drift-usual = Précédents
drift-usual-of = { $level } ({ $n } sur { $close } { $close ->
        [one] précédent proche
       *[other] précédents proches
    })
drift-more = Et { $n } de plus.
months-title = Décisions par mois
months-decisions = Décisions par mois, douze derniers mois
months-days-title = Jours jusqu'à la décision par mois
months-days = Nombre médian de jours entre l'introduction et la décision, par mois de décision
months-days-header = Jours (médiane)
match-nothing = Indiquez au moins une tâche ou une justification.
match-version-unknown = Ce profil n’a pas de version publiée portant ce numéro.
evidence-too-many = Indiquez au plus { $max } justifications.
review-proposal-hidden = La proposition repose sur les placements du responsable : elle s’affiche dès que vous avez placé chaque critère (ou choisi de voir le choix du responsable).
assessment-poor-fit = Seules { $matching } { $matching ->
        [one] tâche sur { $tasks } correspond
       *[other] tâches sur { $tasks } correspondent
    } à ce profil (il en faut 80 % pour l’appliquer).
assessment-shares-mismatch = « { $area } » : { $declared } % déclarés, les tâches indiquent { $implied } % ({ $gap } points d’écart).
assessment-evidence-disagrees = La justification se lit comme un autre niveau : { $criteria }.
assessment-precedent-differs = { $count } des { $close } décisions les plus proches ont donné { $level } ; la proposition est { $proposal }.
reading-title = Ce que le portail lit
reading-hint = Une suggestion tirée des mots des tâches et des justifications, comparés au profil. Elle montre les mots sur lesquels elle repose ; elle ne décide pas.
reading-fit = { $matching } { $matching ->
        [one] tâche sur { $tasks } correspond
       *[other] tâches sur { $tasks } correspondent
    } au profil
reading-task = Tâche
reading-area = Domaine de résultats
reading-score = Score
reading-terms = Mots correspondants
reading-no-match = pas de correspondance claire
reading-shares = Parts : déclarées et selon les tâches
reading-declared = Déclarée
reading-implied = Selon les tâches
reading-evidence = Comment se lit la justification
reading-reads-like = Se lit comme le niveau
reading-no-clear-level = pas de niveau clair
reading-blind = La lecture des justifications et les signaux fondés sur les placements du responsable s’affichent dès que vous avez placé chaque critère.
reading-precedents = Décisions similaires
reading-no-precedents = Aucune décision pour ce profil pour l’instant.
reading-decided-level = Niveau attribué
reading-decided-at = Décidé le
reading-similarity = Similarité
reading-show-precedents = Afficher les décisions similaires
reading-show-others = Quels profils correspondent mieux à ces tâches ?
reading-others = Profils qui correspondent à ces tâches
reading-no-others = Aucun autre profil du catalogue ne correspond à ces tâches.
reading-others-fit = { $matching } { $matching ->
        [one] tâche sur { $tasks } correspond
       *[other] tâches sur { $tasks } correspondent
    }
reading-confirmed = Domaine de résultats selon les RH
reading-confirmed-as = Confirmé : { $area }
reading-undo = Annuler
reading-task-n = tâche { $n }
reading-area-of = Domaine de résultats de la tâche { $n }
reading-confirm = Confirmer
reading-rationale = Motivation (début)
review-task-confirmed = Le domaine de résultats de la tâche { $n } est confirmé ; la lecture ultérieure de ce profil en tient compte.
review-task-undone = La confirmation de la tâche { $n } est annulée.
confirmation-area-unknown = Ce domaine de résultats n’existe pas dans le profil.
confirmation-draft = Les tâches d’un brouillon peuvent encore changer : confirmez-les une fois la description soumise.

# Content languages of profiles (translations).
content-language = Langue du contenu
content-not-in = Ce texte n’existe pas { $wanted } ; vous lisez { $shown }.
lang-in-nl = en néerlandais
lang-in-fr = en français
lang-in-en = en anglais
lang-in-de = en allemand
lang-version-nl = la version néerlandaise
lang-version-fr = la version française
lang-version-en = la version anglaise
lang-version-de = la version allemande
translation-source = texte source
translation-complete = traduction
translation-incomplete = traduction incomplète
translation-outdated = traduction en partie dépassée
translation-unofficial = traduction non officielle
translation-unofficial-partial = traduction non officielle, incomplète ou dépassée
translation-unofficial-note = Ceci est une traduction non officielle. Seul le texte source fait foi.
translation-progress = { $translated } textes sur { $total } sont traduits ; les autres figurent dans la langue source et sont signalés.
untranslated-mark = non traduit
translation-unknown-language = La langue « { $value } » n’existe pas dans le portail. Choisissez parmi : { $known }.
translation-same-language = C’est la langue du texte source ; une traduction doit être dans une autre langue.
translation-unknown-key = La traduction contient un texte (« { $key } ») que le texte source n’a pas. Une traduction suit la structure du texte source.
translation-too-long = Le texte traduit « { $key } » dépasse { $max } caractères.
no-translation = Ce profil n’existe pas dans cette langue. Disponible : { $available }.
# Compare across profiles (GET /compare)
profile-cross-link = Comparer avec un autre profil
xcompare-title = Comparer des profils
xcompare-description = Le même niveau de deux à quatre profils de fonction côte à côte, critère par critère, avec les différences mises en évidence.
xcompare-intro = Choisissez de deux à quatre profils et un niveau : les critères de ce niveau sont placés côte à côte, et ce qui diffère du premier profil est mis en évidence.
xcompare-error-title = Ces profils ne peuvent pas être comparés
xcompare-profiles = Profils (de deux à quatre)
xcompare-profiles-hint = Le premier profil coché est celui auquel les autres sont comparés.
xcompare-level = Niveau
xcompare-level-choose = Choisissez un niveau
xcompare-level-option = Niveau { $code }
xcompare-compared = Profils comparés
xcompare-level-compare = comparer les niveaux de ce profil
xcompare-legend-new-explained = mots absents du texte de { $first } (chaque profil montre son propre texte)
xcompare-legend-added-full = mots que ce profil ajoute au texte de { $first }
xcompare-legend-removed-full = mots de { $first } que ce profil ne reprend pas
xcompare-legend-same = le texte est mot pour mot celui du premier profil.
xcompare-same-as = identique à { $profile }
xcompare-show-full = Afficher toutes les différences, mots du premier profil barrés
xcompare-show-own = Afficher le texte propre de chaque profil, différences en évidence
xcompare-caption = Niveau { $level } de { $count } profils, critère par critère, chacun comparé à { $first }
xcompare-caption-partial = Critères qui ne figurent pas dans chaque profil (niveau { $level })
xcompare-lacking = absent de : { $profiles }
xcompare-absent = Ce profil ne comporte pas ce critère.
xcompare-changes-from = Différences par rapport à { $profile } :
xcompare-duplicate = Le profil « { $slug } » a été choisi plus d’une fois. Choisissez chaque profil une seule fois.
xcompare-too-few = Choisissez au moins deux profils à comparer (vous en avez choisi { $n }).
xcompare-too-many = Choisissez au plus quatre profils à comparer (vous en avez choisi { $n }).
xcompare-one-level = Choisissez un seul niveau : les profils sont comparés un niveau à la fois.
xcompare-no-level = Choisissez le niveau à comparer.
xcompare-unknown-profile = Le profil « { $slug } » n’existe pas (ou n’est pas encore publié).
xcompare-level-missing = Le profil « { $title } » n’a pas de niveau { $level }. Ses niveaux sont : { $known }.
