## server
# 网页聊天服务端的消息（bot/web/chat）：错误、拒绝和占位页面。

web-server-no-access = 您尚未登录。使用网页聊天，请向指挥部索取登录链接（指挥部用 `parkbot invite` 加您的手机号生成），然后在本设备上打开。
web-server-join-prompt = 用此链接登录 parkbot 网页聊天。链接只能使用一次。
web-server-join-button = 登录
web-server-join-failed = 登录未完成。请稍后再打开此链接，或向指挥部索取新链接。
web-server-join-too-many = 此地址登录失败次数过多。请十分钟后再试。
web-server-unauthorized = 您的登录已失效。请向指挥部索取新链接重新登录。
web-server-forbidden = 此请求被拒绝。
web-server-bad-request = 无法读取此请求。
web-server-text-empty = 请先输入消息。
web-server-text-too-long = 消息太长：最多 4096 个字符。
web-server-not-found = 未找到。
web-server-photo-too-large = 照片太大：最多 { $mb } MB。
web-server-photo-type = 这里只能发送照片（JPEG、PNG 或 WebP）。
web-server-too-many = 请求过于频繁，请稍等几秒。
