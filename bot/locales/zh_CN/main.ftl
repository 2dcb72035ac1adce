# Commands (the Telegram menu and /help)
cmd-start = 开始 / 绑定账号
cmd-help = 查看可用命令
cmd-lang = 切换语言
cmd-whoami = 查看我的身份和负责的项目

# Roles
role-liaison = 联络员
role-leader = 包联领导
role-city-leader = 市级领导
role-admin = 指挥部
role-separator = 、
list-separator = 、
# A moment with its year, as a record shows it (the ledger): 2025-03-12 18:00
moment-dated = { $date } { $time }

# Onboarding
welcome-unknown =
    您好！这里是园区攻坚大会战指挥部的项目调度机器人。
    本机器人只为花名册上的联络员、包联领导和指挥部工作人员服务。
    开通方式（任选其一）：
    · 点击指挥部发给您的邀请链接；
    · 点击下方「分享手机号」按钮，用花名册登记的手机号验证身份。
    如仍无法开通，请联系指挥部。
button-share-phone = 📱 分享手机号
greet = 您好，{ $name }！您已绑定为：{ $roles }。
greet-unit = 单位：{ $unit }
greet-liaison-projects = 您负责联络的项目：{ $projects }
greet-leader-projects = 您包联的项目：{ $projects }
greet-city = 您可以查看全市所有项目。
greet-no-projects = 目前还没有分配给您的项目，如有疑问请联系指挥部。
greet-next = 发送 /help 查看您可以使用的命令。
invite-error-unknown = 邀请链接无效。请向指挥部索取新的邀请链接。
invite-error-used = 该邀请链接已被使用过。每个链接只能使用一次，请向指挥部索取新的链接。
invite-error-expired = 该邀请链接已过期。请向指挥部索取新的邀请链接。
invite-error-account-taken = 您的 Telegram 账号已绑定到花名册上的其他人员，无法重复绑定。如有疑问请联系指挥部。
invite-error-contact-not-own = 只能分享您本人的手机号。请点击下方「分享手机号」按钮。
invite-error-phone-unknown = 花名册中没有找到这个手机号。请联系指挥部核实登记信息，或使用邀请链接开通。
invite-error-revoked = 该邀请链接已作废（已有更新的链接，或已被指挥部撤销）。请使用最新的链接，或向指挥部索取。
invite-error-person-bound = 该人员已绑定了另一个 Telegram 账号，本次绑定未生效，已通知指挥部。如需更换账号，请联系指挥部。
invite-error-phone-not-mainland = 只接受带 +86 国家代码的中国大陆手机号，这个号码无法识别。请使用指挥部发给您的邀请链接开通。
rebind-old-account = 「{ $name }」的账号绑定已由指挥部移到另一个 Telegram 账号，本账号已不能再使用机器人。如非本人所为，请立即联系指挥部。
alert-rebind = 【账号安全】{ $name }（{ $phone }）的绑定已通过重新绑定邀请从 Telegram 账号 { $old } 移到 { $new }。
alert-invite-person-bound = 【账号安全】有人用旧邀请链接尝试绑定已绑定账号的 { $name }（{ $phone }），已拒绝。尝试者 Telegram 账号：{ $account }。
alert-contact-person-bound = 【账号安全】有人分享 { $name }（{ $phone }）的手机号尝试绑定，但该人员已绑定另一个账号，已拒绝（可能是号码已转给他人）。尝试者 Telegram 账号：{ $account }。如确需更换账号，请用 parkbot invite --rebind。

# Help
help-header = 您可以使用以下命令：
help-line = /{ $command } — { $description }
help-unknown =
    您还没有开通使用权限，目前只能使用：
    /start — 开始 / 绑定账号
    /help — 查看帮助
    开通方式：点击指挥部发给您的邀请链接，或发送 /start 后分享手机号。

# Language
lang-choose = 请选择语言：
lang-set = 已切换为中文。
lang-unknown = 没有「{ $text }」这种语言，请选择：
lang-name-zh_CN = 中文
lang-name-en = English

# Robustness
not-understood = 抱歉，没有看懂这条消息。请发送文字或使用 /help 查看可用命令。
edited-not-supported = 已编辑的消息不会被处理，请重新发送。
private-only = 为保护项目信息，请私聊机器人使用此功能。
error-apology = 抱歉，处理您的请求时出错了，已记录在案。请稍后再试；如问题持续，请联系指挥部。
callback-closed = 此操作已失效。
wizard-expired = 操作已超时（超过 { $minutes } 分钟未回复）并已结束，刚才的消息没有被处理、没有做任何改动。如需继续，请重新开始。
