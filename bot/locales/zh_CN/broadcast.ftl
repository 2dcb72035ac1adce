cmd-broadcast = 群发通知
broadcast-ask-audience = 请选择群发对象：
broadcast-ask-park = 请选择园区：
broadcast-ask-text = 请输入要群发的内容：
broadcast-audience-everyone = 全体人员
broadcast-audience-role-liaison = 全体联络员
broadcast-audience-role-leader = 全体包联领导
broadcast-audience-role-admin = 指挥部
broadcast-audience-park = 某个园区的联络员和领导
broadcast-audience-park-named = { $park }的联络员和领导
broadcast-audience-red-leaders = 红灯项目的包联领导
broadcast-preview = 请确认群发：
    对象：{ $audience }（{ $count } 人）
    内容：
    { $text }
button-send = 📣 发送
broadcast-progress = 📣 群发进度：已发送 { $sent } / 共 { $total }，失败 { $failed }，无法送达 { $unreachable }
broadcast-done = ✅ 群发完成。
broadcast-unreachable = 无法送达：{ $people }
broadcast-cancelled = 已取消，未发送。
broadcast-refused-text-length = 内容不能为空，且不超过 { $limit } 字。
broadcast-refused-nobody = 这个范围内没有人员，未发送。
broadcast-refused-audience-unknown = 无法识别群发对象。
