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
date-invalid = La date « { $value } » ({ $field }) n’est pas valable (aaaa-mm-jj).

role-admin = administrateur
role-hr = agent RH
role-manager = responsable
role-invalid = Choisissez un rôle.

login-title = Se connecter
login-email = Adresse e-mail
login-password = Mot de passe
login-button = Se connecter
login-help = Mot de passe oublié ? Demandez un nouveau lien à un administrateur.
login-signed-out = Vous êtes déconnecté.
login-failed = L’adresse e-mail ou le mot de passe est incorrect.
login-throttled = Trop de tentatives échouées. Réessayez dans { $minutes } minutes.

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
token-days-hint = Laisser vide : pas d’expiration.
token-name-invalid = Donnez à la clé un nom de 1 à 100 caractères.
token-days-invalid = Indiquez un nombre de jours de 1 à { $max }, ou laissez le champ vide.
token-created-title = Votre nouvelle clé d’API
token-created-once = Copiez la clé maintenant : elle n’est affichée qu’une seule fois.
token-value = Clé
token-revoked-done = La clé a été révoquée.

admin-title = Administration
admin-users = Utilisateurs
admin-users-intro = créer des comptes, modifier des rôles, désactiver
admin-audit = Journal d’audit
admin-audit-intro = qui a fait quoi et quand

user-name = Nom
user-email = Adresse e-mail
user-role = Rôle
user-unit = Unité organisationnelle
user-unit-hint = Par exemple : SPF BOSA / DG Recrutement.
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
user-deactivated = { $email } a été désactivé ; ses sessions ont été fermées.
user-reactivated = { $email } est de nouveau actif.
user-inactive = Cet utilisateur est désactivé.
email-invalid = Indiquez une adresse e-mail valable, comme nom@exemple.be.
email-taken = Un utilisateur avec cette adresse e-mail existe déjà.
name-invalid = Indiquez un nom de 200 caractères au plus.
unit-invalid = Indiquez une unité de 200 caractères au plus.
last-admin = C’est le dernier administrateur actif : il ne peut être ni désactivé ni changer de rôle.

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
