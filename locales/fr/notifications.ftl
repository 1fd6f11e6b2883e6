# Notifications (issue 16) : dans le portail, par e-mail, et leurs réglages.
nav-notifications = Notifications
nav-notifications-unread = { $count ->
    [one] Notifications (1 non lue)
   *[other] Notifications ({ $count } non lues)
}
notifications-title = Notifications
notifications-none = Vous n’avez aucune notification.
notifications-unread-count = { $count ->
    [0] Tout a été lu.
    [one] 1 notification non lue.
   *[other] { $count } notifications non lues.
}
notifications-unread = Non lue
notifications-mark-read = Marquer comme lue
notifications-mark-all = Tout marquer comme lu
notifications-all-read = Toutes les notifications sont marquées comme lues.

admin-outbox = E-mails sortants
admin-outbox-intro = les e-mails des notifications et leur envoi
outbox-no-server = Aucun serveur de messagerie n’est configuré (JOBCLASS_SMTP_URL) : les e-mails sont conservés ici, non envoyés, et partent dès qu’un serveur est configuré.
outbox-pending = { $count ->
    [one] 1 e-mail pas encore envoyé.
   *[other] { $count } e-mails pas encore envoyés.
}
outbox-none = Aucun e-mail pour l’instant.
outbox-created = Créé
outbox-recipient = Destinataire
outbox-kind = Type
outbox-attempts = Tentatives
outbox-last-error = Dernière erreur
outbox-not-sent = non envoyé : aucun serveur de messagerie configuré
outbox-status-pending = en attente
outbox-status-sent = envoyé
outbox-status-failed = échec (abandonné)

account-notifications = Notifications
account-notifications-intro = Vous voyez toujours vos notifications dans le portail. Choisissez celles que vous recevez aussi par e-mail, et la langue de vos e-mails.
preferences-language-label = Langue des e-mails
preferences-language = Choisissez le néerlandais, le français ou l’anglais.
preferences-email-legend = Aussi par e-mail
preferences-save = Enregistrer les réglages des notifications
preferences-saved = Vos réglages des notifications sont enregistrés.

mail-greeting = Bonjour { $name },
mail-greeting-anonymous = Bonjour,
mail-open = Ouvrir dans le portail
mail-footer-user = Vous recevez cet e-mail de jobclass. Choisissez les e-mails que vous recevez sur la page de votre compte : { $account }
mail-footer-address = Vous recevez cet e-mail de jobclass parce que votre adresse a été donnée avec cette décision.

notify-submitted = Fonction introduite : { $title }
notify-submitted-body = Un responsable a introduit la fonction « { $title } » (n° { $id }) pour une décision sur son niveau. Elle attend dans la file des RH.
notify-submitted-name = Une fonction a été introduite auprès des RH
notify-returned = Question sur votre fonction : { $title }
notify-returned-body = Les RH ont renvoyé la fonction « { $title } » (n° { $id }) avec une question. Répondez-y, adaptez la fonction si nécessaire et introduisez-la à nouveau.
notify-returned-name = Les RH ont renvoyé ma fonction avec une question
notify-answered = Réponse sur une fonction : { $title }
notify-answered-body = Le responsable a répondu à votre question sur la fonction « { $title } » (n° { $id }), ou l’a introduite à nouveau.
notify-answered-name = Un responsable a répondu à ma question
notify-decided = Décision sur { $title } : niveau { $level }
notify-decided-body = Les RH ont décidé du niveau de la fonction « { $title } » (n° { $id }) : niveau { $level }. Le rapport de décision montre les placements et la motivation.
notify-decided-name = Une fonction a fait l’objet d’une décision
notify-draft-published = Profil publié : { $profile } (version { $version })
notify-draft-published-body = La version { $version } du profil de fonction « { $profile } » a été publiée.
notify-draft-published-name = Un projet de profil a été publié
notify-request-answered = Votre demande de modification a reçu une réponse : { $title }
notify-request-answered-body = Un administrateur a répondu à votre demande de modification sur « { $title } ». La réponse figure sur la page de votre compte.
notify-request-answered-name = Ma demande de modification a reçu une réponse
notify-reminder = { $count ->
    [one] 1 fonction attend depuis plus de { $days } jours
   *[other] { $count } fonctions attendent depuis plus de { $days } jours
}
notify-reminder-body = Ces fonctions de votre file attendent depuis plus de { $days } jours :
notify-reminder-name = Récapitulatif quotidien des fonctions en attente
notify-appeal-lodged = Recours introduit : { $title }
notify-appeal-lodged-body = Un recours a été introduit contre la décision sur la fonction « { $title } » (n° { $id }). Il attend dans la file des recours.
notify-appeal-lodged-name = Un recours a été introduit
notify-appeal-question = Question sur votre recours : { $title }
notify-appeal-question-body = La personne qui traite votre recours sur la fonction « { $title } » (n° { $id }) a une question pour vous.
notify-appeal-question-name = Une question sur mon recours
notify-appeal-answered = Réponse sur un recours : { $title }
notify-appeal-answered-body = L’auteur du recours sur la fonction « { $title } » (n° { $id }) a répondu à votre question.
notify-appeal-answered-name = L’auteur d’un recours a répondu à ma question
notify-appeal-decided = Recours tranché : { $title }, niveau { $level }
notify-appeal-decided-body = Le recours sur la fonction « { $title } » (n° { $id }) a été tranché. Le niveau en vigueur est désormais { $level }.
notify-appeal-decided-name = Un recours a été tranché
