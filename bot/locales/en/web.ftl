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
