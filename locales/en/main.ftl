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
