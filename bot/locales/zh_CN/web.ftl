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

## page
# 网页聊天页面（bot/web/chat/templates、static/chat.js）上的文字。

web-page-title = 园区项目调度
web-page-language = 语言
web-page-lang-zh_CN = 中文
web-page-lang-en = English
web-page-logout = 退出
web-page-messages = 聊天消息
web-page-commands = 命令菜单
web-page-keyboard = 快捷回复
web-page-menu = 打开命令菜单
web-page-photo = 拍照或选择照片
web-page-send = 发送
web-page-text-label = 消息
web-page-placeholder = 输入消息…
web-page-edited = 已编辑
web-page-open-photo = 查看原图
web-page-download = 下载文件
web-page-contact-shared = 已分享手机号
web-page-send-failed = 发送失败，请重试。
web-page-uploading = 正在上传照片…
web-page-reconnecting = 连接中…
web-page-no-access-title = 需要登录
web-page-no-access-hint = 指挥部在服务器上运行下面的命令，为您生成只能使用一次的登录链接：
web-page-no-access-phone = 您的手机号
web-page-join-title = 登录网页聊天
web-page-join-refused-title = 无法使用此链接
