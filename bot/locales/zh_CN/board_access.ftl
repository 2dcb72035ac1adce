# 谁可以打开看板：看板链接和 Telegram 小程序（bot/web/board/access.py）。
board-access-title = 项目看板
board-access-refused-title = 无法显示看板
board-access-link-refused = 此看板链接无效：链接不正确，或已过期、已作废。请向指挥部索取新链接（parkbot board-link）。
board-access-link-too-many = 此地址打开无效看板链接的次数过多。请十分钟后再试。
board-access-signing-in = 正在通过 Telegram 登录…
board-access-open-from-bot = 请从机器人打开看板：在对话中发送 /board，然后点“看板”。
board-access-failed = 登录未完成。请关闭此窗口，再点一次“看板”。
board-access-miniapp-refused = 无法确认 Telegram 登录信息（数据被改动或已过期）。请关闭此窗口，在机器人中再点一次“看板”。
board-access-miniapp-stranger = 此 Telegram 账号不在大会战名册中。请向指挥部索取邀请链接。
# /board 命令和“看板”按钮（handlers/board.py）。
cmd-board = 打开项目看板
board-button = 看板
board-open = 项目看板：各项目亮灯、挂牌督办问题和排名，自动刷新。
board-no-public-url = 看板以 Telegram 小程序打开，需要网站的 https 地址。请运维人员设置 PARKBOT_WEB_PUBLIC_URL=https://…（parkbot 前面反向代理的地址）后重启机器人。
