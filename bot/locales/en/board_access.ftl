# Who may open the wall board: board links and the Telegram Mini App (bot/web/board/access.py).
board-access-title = Project board
board-access-refused-title = The board cannot be shown
board-access-link-refused = This board link does not work: it is not a valid link, or it has expired or been revoked. Ask the command centre for a new one (parkbot board-link).
board-access-link-too-many = Too many board links that did not work were opened from this address. Please wait ten minutes and try again.
board-access-signing-in = Signing you in with Telegram…
board-access-open-from-bot = Open the board from the bot: send /board in the chat and press 看板.
board-access-failed = The sign-in did not complete. Please close this window and press 看板 again.
board-access-miniapp-refused = Telegram's sign-in could not be confirmed (the data was changed or is too old). Please close this window and press 看板 in the bot again.
board-access-miniapp-stranger = This Telegram account is not on the roster of the campaign. Ask the command centre for an invite link.
# The /board command and the 看板 button (handlers/board.py).
cmd-board = Open the project board (看板)
board-button = 看板 (board)
board-open = The project board: every project's light, problems under supervision and the ranking, refreshing itself.
board-no-public-url = The board opens as a Telegram Mini App, which needs the web server's https address. The operator sets PARKBOT_WEB_PUBLIC_URL=https://… (the address of the reverse proxy in front of parkbot) and restarts the bot.
