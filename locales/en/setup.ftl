# The organizer's event setup and registrations with approval
# (crates/mitra-web/src/setup). Every key is in en, id and zh-CN.

## Event setup

setup-title = Event setup
setup-help = Everything on this page is saved together or not at all. A slot, table or interpreter that a meeting uses cannot be removed: move or cancel the meeting first.
setup-saved = The event setup is saved.
setup-not-saved = Nothing was saved: please correct the fields marked below.
setup-event = Event
setup-name = Name (English)
setup-name-zh = Name in Chinese
setup-name-id = Name in Indonesian
setup-venue = Venue
setup-city = City
setup-time-zone = Time zone (IANA name, such as Asia/Shanghai)
setup-slot-minutes = Slot length (minutes)
setup-sessions = Sessions and breaks
setup-sessions-help = A session is a run of meeting slots on one day; the break is the time between two sessions. Fill in the empty session to add one; tick "Remove" to drop one.
setup-session = Session { $code }
setup-session-new = New session
setup-session-code = Code (letters, digits and -, such as am or day2-pm)
setup-session-name = Name
setup-session-date = Date
setup-session-start = Starts at
setup-session-slots = Number of slots
setup-remove = Remove
setup-slots-now = Slots now:
setup-tables = Tables
setup-pool = Pool tables (codes separated by spaces, such as P01 P02)
setup-pool-add = Add this many pool tables (numbered after the last)
setup-fixed = Fixed tables of host companies
setup-fixed-help = The table a host company always receives its guests at; leave empty for none.
setup-no-hosts = No host company is registered yet.
setup-interpreters = Interpreters
setup-interpreter-new = New interpreter
setup-interpreter-code = Code (made from the name if left empty)
setup-interpreter-name = Name
setup-interpreter-email = E-mail
setup-interpreter-languages = Languages (ISO 639-1 codes, such as zh, id, en)
setup-interpreter-unavailable = Unavailable slots (slot codes, such as am-0900)
setup-save = Save the setup

setup-error-required = Please fill this in.
setup-error-too-long = At most { $max } characters, please.
setup-error-time-zone = "{ $value }" is not a time zone Mitra knows. Use an IANA name such as Asia/Shanghai or Asia/Jakarta.
setup-error-slot-minutes = Give the slot length as a whole number of minutes from 5 to 240.
setup-error-code = Use 1 to 64 letters, digits, "-", "_", "." or ":".
setup-error-duplicate = The code { $code } is used twice.
setup-error-date = Give the date as YYYY-MM-DD.
setup-error-time = Give the time as HH:MM (24-hour clock).
setup-error-slot-count = Give a whole number of slots from 1 to { $max }.
setup-error-no-sessions = The event needs at least one session.
setup-error-overlap = This session overlaps session { $other }: start it after that one ends.
setup-error-past-midnight = The slots of this session would run past midnight: start earlier or use fewer slots.
setup-error-table-code = "{ $code }" is not a table code: use 1 to 64 letters, digits, "-", "_", "." or ":".
setup-error-count = Give a whole number from 0 to { $max }.
setup-error-language = "{ $code }" is not an ISO 639-1 language code (two lower-case letters, such as id, zh or en).
setup-error-languages-required = Give at least one language.
setup-error-email = Give an e-mail address such as name@example.org.
setup-error-unknown-slot = "{ $code }" is not a slot of this event.
setup-error-in-use = { $what } is used by meetings that would be lost: { $meetings }. Move or cancel them first.
setup-error-in-use-general = This change would remove something that meetings use. Move or cancel those meetings first.
setup-error-busy = { $what } has meetings to interpret there: { $meetings }. Give them another interpreter first.
setup-what-unavailable = Interpreter { $code } in slot { $slot }
setup-what-slot = Slot { $code }
setup-what-table = Table { $code }
setup-what-interpreter = Interpreter { $code }
setup-more = and { $count } more

## Registration

reg-title = Register your company
reg-intro = Register your company for { $event }. The organizer checks every registration; once it is approved, your representative receives a sign-in link by e-mail.
reg-thanks = Thank you. Your registration has arrived and waits for the organizer's approval. Once it is approved, your representative receives an e-mail with a sign-in link.
reg-not-sent = The registration was not sent: please correct the fields marked below.
reg-company = Company name
reg-side = Your company is
reg-side-guest = a guest: a company of a visiting delegation
reg-side-host = a host: a company of the host region
reg-country = Country (ISO code, such as ID or CN)
reg-delegation = Delegation (for guests)
reg-delegation-none = — choose your delegation —
reg-languages = Languages your company works in (such as id, en)
reg-sector = Sector
reg-sector-none = — not given —
reg-description = A short description of the company
reg-offers = What you offer: one item per line, HS codes after "|" if you know them
reg-needs = What you need: one item per line
reg-representative = Representative
reg-rep-name = Name
reg-rep-email = E-mail
reg-rep-languages = Languages the representative speaks
reg-submit = Send the registration
reg-error-side = Choose guest or host.
reg-error-country = "{ $value }" is not an ISO 3166 country code (two letters, such as ID or CN).
reg-error-delegation = Choose the delegation your company comes with.
reg-error-sector = Choose a sector from the list.
reg-error-name-taken = A company of this name is already registered for this event.
reg-error-email-taken = This e-mail address is already registered for this event.

reg-sector-agriculture = Agriculture
reg-sector-food-processing = Food processing
reg-sector-fisheries = Fisheries and seafood
reg-sector-agri-inputs = Seeds, fertilisers and other farm inputs
reg-sector-machinery = Machinery
reg-sector-irrigation = Irrigation
reg-sector-drones-digital = Drones and digital farming
reg-sector-packaging = Packaging
reg-sector-logistics-cold-chain = Logistics and cold chain
reg-sector-trade-distribution = Trade and distribution
reg-sector-finance-services = Finance and services
reg-sector-education-training = Education and training
reg-sector-energy = Energy
reg-sector-manufacturing = Manufacturing
reg-sector-health-herbal = Health and herbal products
reg-sector-tourism = Tourism
reg-sector-other = Other

reg-list-title = Registrations awaiting approval
reg-list-none = No registration is waiting.
reg-public-form = the public registration form
reg-submitted = Received
reg-approve = Approve
reg-reject = Reject
reg-done-approved = Approved: the company is registered and its representative's invitation is on its way.
reg-done-rejected = The registration is rejected.
reg-done-decided = That registration had been decided already.
reg-done-taken = Not approved: its company name or e-mail address has been taken since it was sent.

reg-mail-subject = { $event }: your registration is approved
reg-mail-body = Dear { $name },

    { $company } is now registered for { $event }.

    Sign in to Mitra with this link. It works once, until { $until }:
    { $link }

    There you keep your company's profile up to date, see the partners Mitra recommends with the reasons, and request meetings.

    The organizers
