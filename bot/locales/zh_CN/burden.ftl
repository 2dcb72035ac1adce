# 减负：每人每日、每个调度周期收到的消息上限（bot/outbox/burden.py）与 parkbot burden。

burden-kind = { $kind ->
    [reminder] 填报提醒
    [summary] 截止汇总
    [notice] 通知
    [broadcast] 群发
    [security] 账号提醒
    [escalation] 督办提醒
    [instruction] 领导批示
    [assignment] 交办
    [pack] 会前材料
    [digest] 每日汇总
   *[other] { $kind }
}
burden-digest-head = 今日汇总：为减轻负担（每人每天最多 { $daily } 条、每个调度周期最多 { $cycle } 条消息），以下 { $count } 条消息未单独发送：
burden-digest-line = { $index }.【{ $kind }】{ $text }
burden-digest-more = 另有 { $count } 条未列出。
burden-digest-foot = 需要时可发送 /help 查看可用的命令。

cli-burden-days-refused = 天数须在 { $low } 至 { $high } 之间（输入为：{ $days }）。
cli-burden-head = 最近 { $days } 天每人收到的消息（自 { $since } 起；不含对本人操作的回复；“已发/并入”）：
cli-burden-line = { $name }（{ $roles }）· 已发 { $sent } · 并入汇总 { $folded } · { $kinds }
cli-burden-kind = { $kind } { $sent }/{ $folded }
cli-burden-none = 最近 { $days } 天没有人收到机器人消息。
cli-burden-caps = 上限：每人每天 { $daily } 条，每个调度周期 { $cycle } 条；超出的通知类消息于每天 { $at } 并入一条汇总。

burden-page-title = 消息负担
burden-page-intro = 最近 { $days } 天每人收到的机器人消息（不含对本人操作的回复）。每格为“已发/并入汇总”。上限：每人每天 { $daily } 条，每个调度周期 { $cycle } 条。
burden-page-person = 人员
burden-page-roles = 角色
burden-page-sent = 已发
burden-page-folded = 并入汇总
burden-page-none = 最近 { $days } 天没有人收到机器人消息。
burden-page-days = 统计天数

# 群发进度中的一行：超过当日或本周期消息上限的人，这条群发并入其每日汇总。
broadcast-folded = 其中 { $count } 人已达消息上限，本条并入其每日汇总。
