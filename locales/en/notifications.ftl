# Notifications (issue 16): in the portal, by e-mail, and their settings.
nav-notifications = Notifications
nav-notifications-unread = { $count ->
    [one] Notifications (1 unread)
   *[other] Notifications ({ $count } unread)
}
notifications-title = Notifications
notifications-none = You have no notifications.
notifications-unread-count = { $count ->
    [0] Everything has been read.
    [one] 1 unread notification.
   *[other] { $count } unread notifications.
}
notifications-unread = Unread
notifications-mark-read = Mark as read
notifications-mark-all = Mark all as read
notifications-all-read = All notifications are marked as read.

admin-outbox = Outgoing e-mail
admin-outbox-intro = e-mails of notifications and how sending them went
outbox-no-server = No mail server is configured (JOBCLASS_SMTP_URL): e-mails are kept here, not sent, and are sent once a server is configured.
outbox-pending = { $count ->
    [one] 1 e-mail not sent yet.
   *[other] { $count } e-mails not sent yet.
}
outbox-none = No e-mails yet.
outbox-created = Created
outbox-recipient = Recipient
outbox-kind = Kind
outbox-attempts = Attempts
outbox-last-error = Last error
outbox-not-sent = not sent: no mail server configured
outbox-status-pending = waiting
outbox-status-sent = sent
outbox-status-failed = failed (given up)

account-notifications = Notifications
account-notifications-intro = You always see your notifications in the portal. Choose which ones you also get by e-mail, and the language of your e-mails.
preferences-language-label = Language of e-mails
preferences-language = Choose Dutch, French or English.
preferences-email-legend = Also by e-mail
preferences-save = Save notification settings
preferences-saved = Your notification settings are saved.

mail-greeting = Dear { $name },
mail-greeting-anonymous = Hello,
mail-open = Open in the portal
mail-footer-user = You get this e-mail from jobclass. Choose which e-mails you get on your account page: { $account }
mail-footer-address = You get this e-mail from jobclass because your address was given with this decision.

notify-submitted = Position submitted: { $title }
notify-submitted-body = A manager submitted the position “{ $title }” (#{ $id }) for a decision on its level. It is waiting in the HR queue.
notify-submitted-name = A position was submitted to HR
notify-returned = Question about your position: { $title }
notify-returned-body = HR returned the position “{ $title }” (#{ $id }) with a question. Answer it, adjust the position if needed and submit it again.
notify-returned-name = HR returned my position with a question
notify-answered = Answer about a position: { $title }
notify-answered-body = The manager answered your question about the position “{ $title }” (#{ $id }), or submitted it again.
notify-answered-name = A manager answered my question
notify-decided = Decision on { $title }: level { $level }
notify-decided-body = HR decided the level of the position “{ $title }” (#{ $id }): level { $level }. The decision record shows the placements and the rationale.
notify-decided-name = A position was decided
notify-draft-published = Profile published: { $profile } (version { $version })
notify-draft-published-body = Version { $version } of the function profile “{ $profile }” was published.
notify-draft-published-name = A profile draft was published
notify-request-answered = Your change request was answered: { $title }
notify-request-answered-body = An administrator answered your change request about “{ $title }”. The answer is on your account page.
notify-request-answered-name = My change request was answered
notify-reminder = { $count ->
    [one] 1 position waiting longer than { $days } days
   *[other] { $count } positions waiting longer than { $days } days
}
notify-reminder-body = These positions in your queue have been waiting longer than { $days } days:
notify-reminder-name = Daily digest of positions waiting long
notify-appeal-lodged = Appeal lodged: { $title }
notify-appeal-lodged-body = An appeal was lodged against the decision on the position “{ $title }” (#{ $id }). It is waiting in the appeals queue.
notify-appeal-lodged-name = An appeal was lodged
notify-appeal-question = Question about your appeal: { $title }
notify-appeal-question-body = The officer handling your appeal about the position “{ $title }” (#{ $id }) has a question for you.
notify-appeal-question-name = A question about my appeal
notify-appeal-answered = Answer about an appeal: { $title }
notify-appeal-answered-body = The appellant answered your question about the appeal on the position “{ $title }” (#{ $id }).
notify-appeal-answered-name = An appellant answered my question
notify-appeal-decided = Appeal decided: { $title }, level { $level }
notify-appeal-decided-body = The appeal on the position “{ $title }” (#{ $id }) was decided. The level now in force is { $level }.
notify-appeal-decided-name = An appeal was decided
