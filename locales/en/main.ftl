# English.
site-name = jobclass
site-tagline = Job classification for the public sector
skip-to-content = Skip to content
nav-main = Main menu
nav-catalogue = Function profiles
nav-language = Language
nav-breadcrumb = Breadcrumb
footer-text = jobclass — job descriptions and job evaluation in the public sector.

error-status = Status code
error-back-home = Back to the function profiles
error-title-not-found = Page not found
error-title-forbidden = Access denied
error-title-unavailable = Temporarily unavailable
error-title-internal = Something went wrong
error-title-bad-request = This request is not right
error-bad-request = The request could not be processed. Check the address or the data you sent.
error-unauthenticated = You need to sign in to see this page.
error-forbidden = You do not have access to this page.
error-not-found = This page does not exist (any more). Check the address.
error-method-not-allowed = This action is not possible at this address.
error-timeout = Processing took too long. Please try again.
error-conflict = Someone else changed this in the meantime. Reload the page.
error-payload-too-large = The data you sent is too large.
error-unsupported-media-type = This kind of data is not accepted here.
idempotency-key-invalid = The Idempotency-Key header must hold 1 to { $max } printable ASCII characters, once.
idempotency-key-reused = This Idempotency-Key was already used for another request. Use a new key for a new request.
error-validation = Some fields are not filled in correctly.
error-too-many-requests = Too many attempts. Wait a moment and try again.
error-unavailable = The service is temporarily unavailable. Try again in a few moments; nothing was lost.
error-internal = Something went wrong on our side. Please try again later.
api-error-unauthenticated = Sign in or send a valid API token (Authorization: Bearer …).
api-error-forbidden = Your account may not do this, or the request lacks its CSRF token.
api-error-not-found = There is no such object, or you may not see it. Check the URL.
api-error-conflict = Someone else changed this in the meantime. Read it again and retry.

catalogue-title = Function profiles
catalogue-intro = Generic job descriptions with their result areas and the distinguishing criteria per level.
catalogue-search-label = Search titles, tasks and criteria
catalogue-search-button = Search
catalogue-search-hint = For example (the profiles are in Dutch): klachten, archief, "praktische organisatie".
catalogue-results = { $count ->
    [one] 1 profile found for “{ $query }”.
   *[other] { $count } profiles found for “{ $query }”.
}
catalogue-clear = Show all profiles
catalogue-empty = There are no function profiles yet.
catalogue-no-match = No profile matches your search. Try other words.
search-level-label = Level
search-level-any = All levels
search-language-label = Language
search-language-any = All languages
search-language-nl = Dutch
search-language-fr = French
search-language-en = English
search-language-de = German
search-filtered = { $count ->
    [one] 1 profile matches the chosen filters.
   *[other] { $count } profiles match the chosen filters.
}
search-previously = Previously
search-did-you-mean = Did you mean
search-try = Try for example
search-too-long = Your search is too long: use at most { $max } characters.
search-unknown-level = The level “{ $level }” does not exist. Choose one of these levels: { $known }.
search-unknown-language = The language “{ $language }” is not supported. Choose one of these languages: { $known }.

profile-levels = Levels
profile-version = Version
profile-published = published on
profile-history-link = all versions
profile-purpose = Purpose
profile-result-areas = Result areas
profile-example-tasks = Example tasks
profile-criteria = Distinguishing criteria
profile-compare-link = Compare levels side by side
profile-grid-caption = Distinguishing criteria per level, lowest to highest
profile-criterion = Criterion
profile-no-text = (no description)
profile-glossary = Definitions
profile-contents = On this page
profile-to-grid = Go to the criteria grid
profile-describe-position = Describe a position against this profile
profile-example-tasks-n = { $n ->
    [one] { $n } example task
   *[other] { $n } example tasks
}

version-banner-old = You are viewing version { $version }. This is not the current version.
version-banner-current = Go to the current version ({ $version })

history-title = Versions
history-status = Status
history-note = Change note
status-draft = draft
status-published = current
status-superseded = superseded

compare-title = Compare levels
compare-levels = Levels
compare-criteria = Criteria
compare-criteria-hint = Nothing ticked: all criteria.
compare-button = Compare
compare-legend = Legend
compare-legend-added = added
compare-legend-removed = dropped
compare-legend-same = the text is the same as at the level to its left.
compare-same-as = same as { $level }
compare-caption = Each level compared with the level to its left
compare-changes-from = Changes from { $level }:
compare-back = Back to the profile
site-description = Function profiles of the public sector, their levels side by side, and the classification of positions against them.
compare-description = The levels of { $title } side by side, criterion by criterion, with what is new at each level.
compare-legend-added-full = words this level adds to the level to its left
compare-legend-removed-full = words of the level to its left that this level drops
compare-legend-new = new
compare-legend-new-explained = words that are new at this level (each level shows its own text)
compare-show-full = Show the full changes, with dropped words struck through
compare-show-own = Show each level’s own text, with what is new marked
compare-unknown-diff = Choose how to show the changes: “full” or nothing.
compare-unknown-level = The level “{ $value }” does not exist in this profile. Choose from: { $known }.
compare-unknown-criterion = The criterion “{ $value }” does not exist in this profile.

nav-admin = Administration
nav-login = Sign in
nav-logout = Sign out
save = Save
table-actions = Actions
form-error-summary = There is a problem
field-required = Fill in this field.
filter-all = All
filter-apply = Filter
filter-from = From
filter-to = Up to and including
pager = Pagination
pager-previous = Previous page
pager-next = Next page
pager-page = Page { $page }
date-invalid = The date “{ $value }” ({ $field }) is not a valid date (yyyy-mm-dd).

role-admin = administrator
role-hr = HR officer
role-manager = manager
role-invalid = Choose a role.

login-title = Sign in
login-email = E-mail address
login-password = Password
login-button = Sign in
login-help = Forgot your password? Ask an administrator for a new link.
login-signed-out = You are signed out.
login-failed = The e-mail address or the password is wrong.
login-throttled = Too many failed attempts. Try again in { $minutes } minutes.
login-password-heading = Sign in with a password
login-password-off = Signing in with a password is switched off. Use the sign-in of your organisation.
login-break-glass-heading = Emergency access
login-break-glass-hint = Signing in with a password is switched off, except for emergency (break-glass) accounts.
sso-heading = Sign in with your organisation's account
sso-button-default = Sign in with your organisation's account
sso-unavailable = Signing in with your organisation's account is not possible right now: the identity provider cannot be reached. Try again in a few minutes.
sso-unavailable-hint = Try again in a few minutes. Administrators with an emergency account can sign in with their password.
sso-back-to-login = Back to the sign-in page
sso-refused-title = Sign-in refused
sso-refused-state = This sign-in cannot be completed: it did not start on this page or was already used. Start again from the sign-in page.
sso-refused-token = The identity provider's answer could not be verified, so you are not signed in. Start again; if it happens again, tell your IT service.
sso-refused-provider = The identity provider did not sign you in.
sso-refused-role = Your account at the identity provider gives you no role in this portal. Ask your IT service to add you to the right group.
sso-refused-inactive = Your account in this portal is deactivated. Ask an administrator.
sso-refused-unknown = There is no account in this portal for you yet. Ask an administrator to create one.
sso-refused-unverified = The identity provider did not confirm your e-mail address, so it cannot be linked to an account in this portal.

password-new = New password
password-confirm = Repeat the new password
password-current = Current password
password-rules = At least 12 characters. A sentence of a few words is strong and easy to remember.
password-too-short = The password must be at least { $min } characters long.
password-too-long = The password may be at most { $max } characters long.
password-too-common = This password is too common. Choose another one.
password-contains-email = The password may not contain your e-mail address.
password-mismatch = The two passwords are not the same.
password-current-wrong = The current password is wrong.
password-changed = Your password was changed. Your other sessions were ended.
password-set-done = Your password is set. You can sign in now.

set-password-title = Set your password
set-password-for = Set a password for { $email }.
set-password-button = Set password
link-invalid = This link is not (or no longer) valid. Ask an administrator for a new one.

account-title = My account
account-password = Change password
account-password-button = Change password
account-password-effect = After the change, your other sessions are ended.
account-sessions = My sessions
account-tokens = API tokens
account-tokens-intro = With a personal token, scripts and other HR systems can use the API with your rights.
session-started = Started
session-last-seen = Last active
session-address = Address
session-browser = Browser
session-this = This session
session-end = End
session-end-others = Sign out everywhere else
session-ended = The session was ended.
sessions-ended = { $count ->
    [one] 1 other session was ended.
   *[other] { $count } other sessions were ended.
}

token-name = Name
token-start = Start
token-created = Created
token-expires = Expires
token-last-used = Last used
token-never = never
token-revoke = Revoke
token-revoked = revoked
token-expired = expired
token-create = Create token
token-days = Valid for (days)
token-days-hint = Leave empty: no expiry.
token-name-invalid = Give the token a name of 1 to 100 characters.
token-days-invalid = Give a number of days from 1 to { $max }, or leave the field empty.
token-created-title = Your new API token
token-created-once = Copy the token now: it is shown only once.
token-value = Token
token-revoked-done = The token was revoked.
token-api-docs-link = The API reference
token-api-docs = describes every request the API takes and every answer it gives, and can try them with your token.

admin-title = Administration
admin-users = Users
admin-users-intro = create accounts, change roles, deactivate
admin-audit = Audit log
admin-audit-intro = who did what, and when

user-name = Name
user-email = E-mail address
user-role = Role
user-unit = Organisational unit
user-unit-hint = For example: FPS BOSA / DG Recruitment.
user-status = Status
user-active = active
user-inactive-label = deactivated
user-last-login = Last signed in
user-created = Created
user-password = Password
user-password-set = set
user-password-unset = not set yet
user-new = New user
user-create = Create user
user-search = Search by name, e-mail or unit
user-none = No users found.
user-password-method = Password
user-method-link = Create a one-time link (the user chooses a password)
user-method-password = Set an initial password now
user-initial-password = Initial password
user-actions = Actions
user-reset-password = Reset password (new link)
user-deactivate = Deactivate
user-reactivate = Reactivate
user-audit-link = This user's actions in the audit log
user-created-done = The user { $email } was created.
user-saved = The changes for { $email } were saved.
user-deactivated = { $email } was deactivated; their sessions were ended.
user-reactivated = { $email } is active again.
user-inactive = This user is deactivated.
email-invalid = Give a valid e-mail address, such as name@example.be.
email-taken = A user with this e-mail address exists already.
name-invalid = Give a name of at most 200 characters.
unit-invalid = Give a unit of at most 200 characters.
last-admin = This is the last active administrator: they cannot be deactivated or change role.

link-title = One-time link
link-intro = Give this link to { $email }. It is valid for { $hours } hours and works once.
link-label = Link to set a password
link-once = The link is shown only once.
link-back = Back to the user

audit-time = Time
audit-actor = Who
audit-action = Action
audit-subject = Subject
audit-details = Details
audit-system = system
audit-none = No entries for these filters.

nav-positions = My positions
nav-review = Review
form-duplicate-field = The field “{ $field }” was sent more than once.
form-revision = The form is incomplete. Reload the page.
text-too-long = This may be at most { $max } characters long.
text-control = This text contains characters that are not allowed.
page-invalid = The page number is not valid.
status-unknown = The status “{ $value }” does not exist.
level-unknown-filter = “{ $value }” is not a level.
profile-unknown = The function profile “{ $value }” does not exist or has no published version.
api-duplicate = This appears more than once.
api-unknown-area = This result area does not exist in the profile.
api-unknown-criterion = This criterion does not exist in the profile.
body-invalid = The request body does not have the documented shape: see the fields.
body-json-malformed = This is not valid JSON (line { $line }, column { $column }).
body-json-incomplete = The JSON ends too early (line { $line }, column { $column }).
body-required = This property is required.
body-unknown-property = This property is not known here. Known properties: { $known }.
body-one-of = This must be one of: { $values }.
body-expected = { $kind ->
    [integer] This must be a whole number.
    [number] This must be a number.
    [string] This must be a text (a JSON string).
    [boolean] This must be true or false.
    [list] This must be a list (a JSON array).
    [object] This must be an object.
    [datetime] This must be a date and time in RFC 3339 form, e.g. 2026-01-31T09:00:00+01:00.
    [null] This must be null.
   *[other] This value has the wrong type.
}
body-not-accepted = This value is not accepted here.

pstatus-draft = draft
pstatus-submitted = submitted
pstatus-in_review = in review
pstatus-returned = returned
pstatus-decided = decided
pstatus-withdrawn = withdrawn

positions-title = My positions
positions-none = You have not described any position yet.
position-new = Describe a new position
position-new-intro = Describe a position in your service and ask for its level. First choose the function profile that fits best; its current version stays linked to your position.
position-choose-profile = Function profile
position-start = Start
position-untitled = Untitled position
position-title = Position title
position-profile = Function profile
position-proposal = Proposal
position-decided-level = Decided level
position-updated = Changed
position-about = About the position
position-purpose = Context and purpose
position-purpose-hint = Why does this position exist, for whom, and what must it deliver?
position-tasks = Tasks
position-tasks-hint = One task per line. Empty lines do not count.
position-task-n = Task { $n }
position-task-remove = Remove
position-task-add = Add another task
position-shares = Result areas
position-shares-hint = What share of the time goes to each result area? 100 % in all. Leave 0 or empty what does not apply.
position-share = Share
position-share-unit = per cent
position-placements = Placement per criterion
position-placements-hint = For each criterion, read the level descriptions and choose the one that fits the work best. Explain what in the position shows it.
position-level = Level
position-evidence = What in this position shows it?
position-evidence-hint = At least 20 characters, with a concrete example from the work.
position-save = Save as draft
position-submit = Submit for assessment
position-resubmit = Submit again
position-withdraw = Withdraw
position-saved = Your position was saved.
position-submitted = Your position was submitted. HR will review it.
position-withdrawn = The position was withdrawn.
position-returned-banner = HR returned this position with a question.
position-returned-read = Read the question and answer below
position-owner = Manager
position-submitted-at = Submitted on
position-reviewer = Reviewed by
position-decision = Decision
position-conflict = This is not possible in the current status ({ $status ->
        [draft] { pstatus-draft }
        [submitted] { pstatus-submitted }
        [in_review] { pstatus-in_review }
        [returned] { pstatus-returned }
        [decided] { pstatus-decided }
        [withdrawn] { pstatus-withdrawn }
       *[other] { $status }
    }). Reload the page.
position-stale = Someone changed this position in the meantime. Reload the page; your input was not saved.
tasks-none = Give at least one task.
tasks-too-many = Give at most { $max } tasks.
share-range = Give a whole number from 0 to 100.
shares-sum = The shares must add up to 100 %; now they add up to { $sum } %.
level-missing = Choose a level for “{ $criterion }”.
level-unknown = This level does not exist in the profile.
evidence-short = For “{ $criterion }”, explain in at least { $min } characters what shows it.
proposal-explained = The proposal is the middle one of your placements (the median): the level that holds most criteria whenever there is a majority. HR decides.
flag-incomplete = Not every criterion is placed.
flag-spread = Placements on levels that are not next to each other.
flag-no_majority = No level holds more than half of the criteria.
flag-tie = Two or more levels hold the same number of criteria.
trace-none = No placements yet.
trace-first = { $count } of { $total } { $total ->
        [one] criterion
       *[other] criteria
    } at level { $level } ({ $names })
trace-more = { $count } at level { $level } ({ $names })
trace-missing = { $count } not placed ({ $names })

thread-title = Questions and answers
thread-empty = No messages yet.
thread-question = question from HR
thread-add = Message
thread-answer = Your answer to HR
thread-send = Send
comment-added = Your message was added.

review-title = Review
review-none = No positions for these filters.
review-export = Export as CSV
review-submitted-from = Submitted from
review-open = Open in the review
review-claim = Take into review
review-claimed = You are reviewing this position.
review-own-position = You submitted this position yourself: you cannot review it.
review-grid = Placement by HR
review-show-manager = Show the manager's placement
review-hide-manager = Hide the manager's placement
review-hidden-hint = (hidden until you have placed every criterion, so that you judge independently)
review-manager-choice = manager's choice
review-manager-evidence = Manager's explanation
review-agrees = same as the manager
review-differs = differs from the manager
review-note = HR note
review-save-placements = Save placement
review-placed = Your placement was saved.
review-agreement = Agreement
review-agreement-count = Agreement on { $agree } of { $placed } placed criteria (of { $total }).
review-placed-count = You have placed { $placed } of { $total } { $total ->
        [one] criterion
       *[other] criteria
    }.
review-decide = Decide
review-decided-level = Level
review-rationale = Rationale
review-rationale-hint = At least 30 characters. The manager and the employee will read it.
review-decide-button = Record the decision
review-decided = The decision was recorded.
decision-level = Choose a level.
rationale-short = Give a rationale of at least { $min } characters.
review-return = Return with a question
review-question = Your question to the manager
review-return-button = Return
review-returned = The position was returned to the manager.

record-title = Decision record
record-open = Open the decision record
record-decided-by = Decided by
record-decided-in = Profile language of the decision
record-decided-at = Decided on
record-placements = Placements by the manager and by HR
record-manager = Manager
record-hr = HR
share-title = Share with the employee
share-intro = With a share link, someone without an account can read this record. You can revoke the links at any time.
share-create = Create a share link
share-link = Share link
share-once = Copy the link now: it is shown only once.
share-live = Live share links: { $count }
share-revoke = Revoke all share links
share-revoked = { $count ->
    [one] 1 share link was revoked.
   *[other] { $count } share links were revoked.
}

dashboard-title = Dashboard
dashboard-statuses = Positions per status
dashboard-levels = Decided level per profile
dashboard-levels-of = Decided level: { $title }
dashboard-median = Median days from submission to decision
dashboard-decided = Decided
dashboard-no-decisions = No decisions yet.
dashboard-label = Category
dashboard-count = Count
consistency-title = Consistency of decisions
consistency-intro = Do managers and HR read the criteria alike, and are similar positions decided alike? The figures below cover every decided position.
agreement-title = Agreement between manager and HR per criterion
agreement-intro = For each criterion: how often the manager's placement and HR's own placement were the same level, and Cohen's kappa, which corrects that share for the agreement chance alone would give (1 is full agreement, 0 no better than chance). The reading follows Landis and Koch.
agreement-chart = Cohen's kappa per criterion
agreement-criterion = Criterion
agreement-pairs = Placed by both
agreement-same = Same level
agreement-kappa = Kappa
agreement-reading = Reading
kappa-poor = below chance
kappa-slight = slight
kappa-fair = fair
kappa-moderate = moderate
kappa-substantial = substantial
kappa-almost-perfect = almost perfect
kappa-undefined = not defined (one level only)
drift-title = Decisions against their precedents
drift-intro = Each decision is compared with the decisions of the same profile taken before it, as the review page finds precedents. A decision differs when more than half of its close precedents received another level.
drift-of = Decisions against precedents: { $title }
drift-in-line = In line with precedents
drift-differing = Differ from precedents
drift-without = No agreeing close precedents
drift-list-of = Decisions that differ from their precedents: { $title }
drift-position = Position
drift-decided = Decided on
drift-level = Level
drift-usual = Precedents
drift-usual-of = { $level } ({ $n } of { $close } close { $close ->
        [one] precedent
       *[other] precedents
    })
drift-more = And { $n } more.
months-title = Decisions per month
months-decisions = Decisions per month, last twelve months
months-days-title = Days to a decision per month
months-days = Median days from submission to decision, per month of decision
months-days-header = Median days
match-nothing = Give at least one task or one evidence text.
match-version-unknown = This profile has no published version with this number.
evidence-too-many = Give at most { $max } evidence texts.
review-proposal-hidden = The proposal rests on the manager’s placements: it is shown once you have placed every criterion (or chosen to see the manager’s choice).
assessment-poor-fit = Only { $matching } of { $tasks } { $tasks ->
        [one] task matches
       *[other] tasks match
    } this profile (80 % are needed to apply it).
assessment-shares-mismatch = “{ $area }”: { $declared } % declared, the tasks suggest { $implied } % ({ $gap } points apart).
assessment-evidence-disagrees = The evidence reads like another level: { $criteria }.
assessment-precedent-differs = { $count } of the { $close } closest decided positions got { $level }; the proposal is { $proposal }.
reading-title = What the portal reads
reading-hint = A suggestion from the words of the tasks and evidence, compared with the profile. It shows the words it rests on; it does not decide.
reading-fit = { $matching } of { $tasks } { $tasks ->
        [one] task matches
       *[other] tasks match
    } the profile
reading-task = Task
reading-area = Result area
reading-score = Score
reading-terms = Matching words
reading-no-match = no clear match
reading-shares = Shares: declared and implied by the tasks
reading-declared = Declared
reading-implied = Implied by the tasks
reading-evidence = What the evidence reads like
reading-reads-like = Reads like level
reading-no-clear-level = no clear level
reading-blind = The reading of the evidence and the flags built on the manager’s placements are shown once you have placed every criterion.
reading-precedents = Similar decided positions
reading-no-precedents = No decided position of this profile yet.
reading-decided-level = Decided level
reading-decided-at = Decided on
reading-similarity = Similarity
reading-show-precedents = Show similar decided positions
reading-show-others = Which profiles fit these tasks better?
reading-others = Profiles that fit these tasks
reading-no-others = No other profile of the catalogue matches these tasks.
reading-others-fit = { $matching } of { $tasks } { $tasks ->
        [one] task matches
       *[other] tasks match
    }
reading-confirmed = Result area according to HR
reading-confirmed-as = Confirmed: { $area }
reading-undo = Undo
reading-task-n = task { $n }
reading-area-of = Result area of task { $n }
reading-confirm = Confirm
reading-rationale = Rationale (start)
review-task-confirmed = The result area of task { $n } is confirmed; later matching of this profile learns from it.
review-task-undone = The confirmation of task { $n } is undone.
confirmation-area-unknown = This result area does not exist in the profile.
confirmation-draft = A draft’s tasks may still change: confirm them once it is submitted.

# Content languages of profiles (translations).
content-language = Content language
content-not-in = This text does not exist { $wanted }; you are reading { $shown }.
lang-in-nl = in Dutch
lang-in-fr = in French
lang-in-en = in English
lang-in-de = in German
lang-version-nl = the Dutch version
lang-version-fr = the French version
lang-version-en = the English version
lang-version-de = the German version
translation-source = source text
translation-complete = translation
translation-incomplete = translation, incomplete
translation-outdated = translation, partly outdated
translation-unofficial = unofficial translation
translation-unofficial-partial = unofficial translation, incomplete or outdated
translation-unofficial-note = This is an unofficial translation. Only the source text is authoritative.
translation-progress = { $translated } of { $total } texts are translated; the others are shown in the source language and marked.
untranslated-mark = not translated
translation-unknown-language = The language “{ $value }” does not exist in the portal. Choose from: { $known }.
translation-same-language = This is the language of the source text; a translation must be in another language.
translation-unknown-key = The translation holds a text (“{ $key }”) that the source does not have. A translation follows the structure of its source.
translation-too-long = The translated text “{ $key }” is longer than { $max } characters.
no-translation = This profile does not exist in that language. Available: { $available }.
# Compare across profiles (GET /compare)
profile-cross-link = Compare with another profile
xcompare-title = Compare profiles
xcompare-description = The same level of two to four job profiles side by side, criterion by criterion, with the differences marked.
xcompare-intro = Choose two to four profiles and a level: the criteria of that level are placed side by side, with what differs from the first profile marked.
xcompare-error-title = These profiles cannot be compared
xcompare-profiles = Profiles (two to four)
xcompare-profiles-hint = The first profile ticked is the one the others are compared with.
xcompare-level = Level
xcompare-level-choose = Choose a level
xcompare-level-option = Level { $code }
xcompare-compared = Profiles compared
xcompare-level-compare = compare the levels of this profile
xcompare-legend-new-explained = words that are not in the text of { $first } (each profile shows its own text)
xcompare-legend-added-full = words this profile adds to the text of { $first }
xcompare-legend-removed-full = words of { $first } that this profile does not have
xcompare-legend-same = the text is word for word that of the first profile.
xcompare-same-as = same as { $profile }
xcompare-show-full = Show every difference, with the first profile’s words struck through
xcompare-show-own = Show each profile’s own text, with what differs marked
xcompare-caption = Level { $level } of { $count } profiles, criterion by criterion, each compared with { $first }
xcompare-caption-partial = Criteria that not every profile has (level { $level })
xcompare-lacking = missing from: { $profiles }
xcompare-absent = This profile does not have this criterion.
xcompare-changes-from = Differences from { $profile }:
xcompare-duplicate = The profile “{ $slug }” was chosen more than once. Choose each profile only once.
xcompare-too-few = Choose at least two profiles to compare (you chose { $n }).
xcompare-too-many = Choose at most four profiles to compare (you chose { $n }).
xcompare-one-level = Choose one level: profiles are compared one level at a time.
xcompare-no-level = Choose the level to compare.
xcompare-unknown-profile = The profile “{ $slug }” does not exist (or is not published yet).
xcompare-level-missing = The profile “{ $title }” has no level { $level }. Its levels are: { $known }.
