## server
# The web chat server's messages (bot/web/chat): errors, refusals and the placeholder pages.

web-server-no-access = You are not signed in. To use the web chat, ask the command centre for a sign-in link (they create it with `parkbot invite` and your phone number), then open it on this device.
web-server-join-prompt = Sign in to the parkbot web chat with this link. The link works once.
web-server-join-button = Sign in
web-server-join-failed = The sign-in did not complete. Please try the link again in a moment, or ask the command centre for a new one.
web-server-join-too-many = Too many failed sign-in attempts from this address. Please wait ten minutes and try again.
web-server-unauthorized = Your session has ended. Please sign in again with a new link from the command centre.
web-server-forbidden = This request was refused.
web-server-bad-request = The request could not be read.
web-server-text-empty = Please type a message first.
web-server-text-too-long = The message is too long: at most 4,096 characters.
web-server-not-found = Not found.
web-server-photo-too-large = The photo is too large: at most { $mb } MB.
web-server-photo-type = Only photos can be sent here (JPEG, PNG or WebP).
web-server-too-many = Too many requests. Please wait a few seconds.

## page
# The texts on the web chat page (bot/web/chat/templates, static/chat.js).

web-page-title = Park projects
web-page-language = Language
web-page-lang-zh_CN = 中文
web-page-lang-en = English
web-page-logout = Sign out
web-page-messages = Chat messages
web-page-commands = Command menu
web-page-keyboard = Quick replies
web-page-menu = Open the command menu
web-page-photo = Take or choose a photo
web-page-send = Send
web-page-text-label = Message
web-page-placeholder = Write a message…
web-page-edited = edited
web-page-open-photo = Open the full-size photo
web-page-download = Download the file
web-page-contact-shared = Phone number shared
web-page-send-failed = Sending failed. Please try again.
web-page-uploading = Uploading the photo…
web-page-reconnecting = Reconnecting…
web-page-no-access-title = Sign-in needed
web-page-no-access-hint = The command centre runs this command on the server to make you a single-use sign-in link:
web-page-no-access-phone = YOUR-PHONE
web-page-join-title = Sign in to the web chat
web-page-join-refused-title = This link cannot be used
