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
error-validation = Some fields are not filled in correctly.
error-too-many-requests = Too many attempts. Wait a moment and try again.
error-unavailable = The service is temporarily unavailable. Try again in a few moments; nothing was lost.
error-internal = Something went wrong on our side. Please try again later.

catalogue-title = Function profiles
catalogue-intro = Generic job descriptions with their result areas and the distinguishing criteria per level.
catalogue-search-label = Search titles, tasks and criteria
catalogue-search-button = Search
catalogue-search-hint = For example: complaints, archive, "practical organisation".
catalogue-results = { $count ->
    [one] 1 profile found for “{ $query }”.
   *[other] { $count } profiles found for “{ $query }”.
}
catalogue-clear = Show all profiles
catalogue-empty = There are no function profiles yet.
catalogue-no-match = No profile matches your search. Try other words.

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
compare-legend-same = : the text is the same as at the previous level.
compare-same-as = same as { $level }
compare-caption = Each level compared with the level to its left
compare-changes-from = Changes from { $level }:
compare-back = Back to the profile
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
