# Meldingen (issue 16): in het portaal, per e-mail, en hun instellingen.
nav-notifications = Meldingen
nav-notifications-unread = { $count ->
    [one] Meldingen (1 ongelezen)
   *[other] Meldingen ({ $count } ongelezen)
}
notifications-title = Meldingen
notifications-none = U hebt geen meldingen.
notifications-unread-count = { $count ->
    [0] Alles is gelezen.
    [one] 1 ongelezen melding.
   *[other] { $count } ongelezen meldingen.
}
notifications-unread = Ongelezen
notifications-mark-read = Markeren als gelezen
notifications-mark-all = Alles markeren als gelezen
notifications-all-read = Alle meldingen zijn gemarkeerd als gelezen.

admin-outbox = Uitgaande e-mail
admin-outbox-intro = e-mails van meldingen en hoe het verzenden verliep
outbox-no-server = Er is geen mailserver ingesteld (JOBCLASS_SMTP_URL): e-mails blijven hier bewaard, worden niet verzonden, en vertrekken zodra een server is ingesteld.
outbox-pending = { $count ->
    [one] 1 e-mail nog niet verzonden.
   *[other] { $count } e-mails nog niet verzonden.
}
outbox-none = Nog geen e-mails.
outbox-created = Aangemaakt
outbox-recipient = Ontvanger
outbox-kind = Soort
outbox-attempts = Pogingen
outbox-last-error = Laatste fout
outbox-not-sent = niet verzonden: geen mailserver ingesteld
outbox-status-pending = wacht
outbox-status-sent = verzonden
outbox-status-failed = mislukt (opgegeven)

account-notifications = Meldingen
account-notifications-intro = Uw meldingen ziet u altijd in het portaal. Kies welke u ook per e-mail krijgt, en de taal van uw e-mails.
preferences-language-label = Taal van e-mails
preferences-language = Kies Nederlands, Frans of Engels.
preferences-email-legend = Ook per e-mail
preferences-save = Meldingsinstellingen opslaan
preferences-saved = Uw meldingsinstellingen zijn opgeslagen.

mail-greeting = Beste { $name },
mail-greeting-anonymous = Goedendag,
mail-open = Openen in het portaal
mail-footer-user = U krijgt deze e-mail van jobclass. Kies op uw accountpagina welke e-mails u krijgt: { $account }
mail-footer-address = U krijgt deze e-mail van jobclass omdat uw adres bij deze beslissing werd opgegeven.

notify-submitted = Functie ingediend: { $title }
notify-submitted-body = Een leidinggevende diende de functie „{ $title }” (#{ $id }) in voor een beslissing over het niveau. Ze wacht in de HR-wachtrij.
notify-submitted-name = Een functie werd ingediend bij HR
notify-returned = Vraag over uw functie: { $title }
notify-returned-body = HR stuurde de functie „{ $title }” (#{ $id }) terug met een vraag. Beantwoord ze, pas de functie zo nodig aan en dien ze opnieuw in.
notify-returned-name = HR stuurde mijn functie terug met een vraag
notify-answered = Antwoord over een functie: { $title }
notify-answered-body = De leidinggevende beantwoordde uw vraag over de functie „{ $title }” (#{ $id }), of diende ze opnieuw in.
notify-answered-name = Een leidinggevende beantwoordde mijn vraag
notify-decided = Beslissing over { $title }: niveau { $level }
notify-decided-body = HR besliste over het niveau van de functie „{ $title }” (#{ $id }): niveau { $level }. Het beslissingsverslag toont de plaatsingen en de motivering.
notify-decided-name = Over een functie werd beslist
notify-draft-published = Profiel gepubliceerd: { $profile } (versie { $version })
notify-draft-published-body = Versie { $version } van het functieprofiel „{ $profile }” werd gepubliceerd.
notify-draft-published-name = Een profielontwerp werd gepubliceerd
notify-request-answered = Uw wijzigingsverzoek is beantwoord: { $title }
notify-request-answered-body = Een beheerder beantwoordde uw wijzigingsverzoek over „{ $title }”. Het antwoord staat op uw accountpagina.
notify-request-answered-name = Mijn wijzigingsverzoek werd beantwoord
notify-reminder = { $count ->
    [one] 1 functie wacht langer dan { $days } dagen
   *[other] { $count } functies wachten langer dan { $days } dagen
}
notify-reminder-body = Deze functies in uw wachtrij wachten langer dan { $days } dagen:
notify-reminder-name = Dagelijks overzicht van lang wachtende functies
notify-appeal-lodged = Beroep ingesteld: { $title }
notify-appeal-lodged-body = Tegen de beslissing over de functie „{ $title }” (#{ $id }) werd beroep ingesteld. Het wacht in de wachtrij voor beroepen.
notify-appeal-lodged-name = Er werd beroep ingesteld
notify-appeal-question = Vraag over uw beroep: { $title }
notify-appeal-question-body = De behandelaar van uw beroep over de functie „{ $title }” (#{ $id }) heeft een vraag voor u.
notify-appeal-question-name = Een vraag over mijn beroep
notify-appeal-answered = Antwoord over een beroep: { $title }
notify-appeal-answered-body = De indiener van het beroep over de functie „{ $title }” (#{ $id }) beantwoordde uw vraag.
notify-appeal-answered-name = Een indiener van een beroep beantwoordde mijn vraag
notify-appeal-decided = Beroep beslist: { $title }, niveau { $level }
notify-appeal-decided-body = Over het beroep tegen de beslissing over de functie „{ $title }” (#{ $id }) werd beslist. Het niveau dat nu geldt is { $level }.
notify-appeal-decided-name = Over een beroep werd beslist
