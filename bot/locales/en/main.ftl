# Commands (the Telegram menu and /help)
cmd-start = Start / link your account
cmd-help = Commands you can use
cmd-lang = Change language
cmd-whoami = Your roles and projects

# Roles
role-liaison = liaison
role-leader = responsible leader
role-city-leader = city leader
role-admin = command centre
role-separator = {", "}
list-separator = {", "}
# A moment with its year, as a record shows it (the ledger): 2025-03-12 18:00
moment-dated = { $date } { $time }

# Onboarding
welcome-unknown =
    Hello! This is the project dispatch bot of the industrial park campaign command centre.
    It serves the liaisons, leaders and command-centre staff on the roster.
    To get access, either:
    · open the invite link the command centre sent you, or
    · tap "Share phone number" below to verify the phone number on the roster.
    If that does not work, please contact the command centre.
button-share-phone = 📱 Share phone number
greet = Hello, { $name }! Your account is linked as: { $roles }.
greet-unit = Unit: { $unit }
greet-liaison-projects = Projects you report on: { $projects }
greet-leader-projects = Projects you lead: { $projects }
greet-city = You can see every project in the city.
greet-no-projects = No projects are assigned to you yet; please ask the command centre.
greet-next = Send /help to see the commands you can use.
invite-error-unknown = This invite link is not valid. Please ask the command centre for a new one.
invite-error-used = This invite link has already been used. Each link works once; please ask the command centre for a new one.
invite-error-expired = This invite link has expired. Please ask the command centre for a new one.
invite-error-account-taken = Your Telegram account is already linked to another person on the roster. Please contact the command centre.
invite-error-contact-not-own = Please share your own phone number with the "Share phone number" button below.
invite-error-phone-unknown = This phone number is not on the roster. Please ask the command centre to check your entry, or use an invite link.
invite-error-revoked = This invite link is no longer valid (a newer link was issued, or the command centre revoked it). Please use your newest link or ask the command centre for one.
invite-error-person-bound = This person is already linked to another Telegram account, so nothing was changed; the command centre has been told. To change accounts, please contact the command centre.
invite-error-phone-not-mainland = Only mainland Chinese mobile numbers with the +86 country code are accepted, and this number is not one. Please use the invite link the command centre sent you.
rebind-old-account = The command centre has moved the link of "{ $name }" to another Telegram account; this account can no longer use the bot. If you did not ask for this, contact the command centre at once.
alert-rebind = [Account security] { $name } ({ $phone }) was moved by a re-bind invite from Telegram account { $old } to { $new }.
alert-invite-person-bound = [Account security] Someone tried an old invite link for { $name } ({ $phone }), who is already linked to an account; refused. Their Telegram account: { $account }.
alert-contact-person-bound = [Account security] Someone shared the phone number of { $name } ({ $phone }) to link it, but that person is linked to another account; refused (the number may have passed to someone else). Their Telegram account: { $account }. To move the link deliberately, use parkbot invite --rebind.

# Help
help-header = Commands you can use:
help-line = /{ $command } — { $description }
help-unknown =
    You do not have access yet. For now you can use:
    /start — start / link your account
    /help — this help
    To get access, open the invite link from the command centre, or send /start and share your phone number.

# Language
lang-choose = Choose a language:
lang-set = Language set to English.
lang-unknown = There is no language "{ $text }". Choose one:
lang-name-zh_CN = 中文
lang-name-en = English

# Robustness
not-understood = Sorry, I did not understand that. Please send text, or /help for the commands.
edited-not-supported = Edited messages are not processed; please send it again.
private-only = To keep project data private, please use this in a private chat with the bot.
error-apology = Sorry, something went wrong while handling your request; it has been logged. Please try again later, and contact the command centre if it persists.
callback-closed = This action has expired.
wizard-expired = This step timed out (no answer for { $minutes } minutes) and has ended; your last message was not used and nothing was changed. Start again if you still need it.
