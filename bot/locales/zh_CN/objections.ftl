# 异议：园区对已公示考核结果提出异议，指挥部答复。

cmd-objection = 对公示的考核结果提出异议，或查看异议
objection-refused-no-publication = 没有找到这次公示。
objection-refused-late = 异议期已于 { $closes } 截止，未提交任何内容。
objection-refused-not-your-park = 只能对本园区的考核结果提出异议。
objection-refused-not-your-pairing = 只能对您自己（或您联络的领导）的结对行提出异议。
objection-refused-note-needed = 采纳结对表异议需要写明说明（指挥部如何处理）。
objection-refused-unknown-item = 考核方案中没有指标「{ $item }」。
objection-refused-reason-length = 请写明异议理由（不超过 { $limit } 字）。
objection-refused-value-needed = 采纳异议需要给出更正后的数值。
objection-refused-base-needed = 增长类指标还需要给出基期数值。
objection-refused-answer-length = 请写明答复（不超过 { $limit } 字）。
objection-refused-unknown = 没有编号为 { $id } 的异议。
objection-refused-answered = 异议 #{ $id } 已经答复过，不能再次答复。

objection-status-pending = 待答复
objection-status-accepted = 已采纳
objection-status-rejected = 已驳回
objection-line = 异议 #{ $id }｜{ $park }｜{ $period }｜{ $item }｜{ $filer }（实名）｜{ $at }｜{ $status }
objection-line-reason = {"  "}理由：{ $reason }
objection-line-attachment = {"  "}附件：已上传
objection-line-answer = {"  "}答复：{ $answer }

objection-yours = 本园区的异议：
objection-none-open = 目前没有可提出异议的公示（或异议期已截止）。
objection-ask-publication = 请选择要提出异议的公示：
objection-ask-item = { $period } 考核结果公示（{ $park }），异议截止 { $closes }。请选择有异议的指标（括号内为本园区的数值和得分）：
objection-item-button = { $name }：{ $value }（{ $points } 分）
objection-ask-reason = 请写明异议理由（不超过 { $limit } 字）：
objection-ask-attachment = 如有佐证材料，请发送照片或 PDF 文件；没有请点「跳过」。
objection-button-skip = 跳过
objection-attachment-type = 附件只接受照片或 PDF 文件；没有附件请点「跳过」。
objection-attachment-large = 附件超过 { $mb } MB，请压缩后重发，或点「跳过」。
objection-attachment-failed = 附件下载失败，请重新发送，或点「跳过」。
objection-yes = 有
objection-no = 无
objection-confirm = 请确认异议：
    指标：{ $item }
    理由：{ $reason }
    附件：{ $attachment }
    将以您在名册中的实名「{ $name }」提交。
objection-button-file = 提交异议
objection-filed = 异议 #{ $id } 已提交，指挥部答复后会通知您。
objection-cancelled = 已取消，未提交异议。

objection-admin-none = 目前没有待答复的异议。
objection-admin-pending = 待答复的异议：
objection-filed-notice = 收到新的异议：
objection-button-accept = 采纳
objection-button-reject = 驳回
objection-ask-value = 采纳异议 #{ $id }（{ $item }）：请输入更正后的数值（单位：{ $unit }，累计值）：
objection-ask-base = 请输入基期数值（上年同期累计）：
objection-ask-note = 采纳异议 #{ $id }（{ $item }，系统自动计算）：请先更正源数据，再写一句答复说明：
objection-ask-reject-reason = 驳回异议 #{ $id }：请写明驳回理由：
objection-value-invalid = 无法识别这个数值，请重新输入，例如 1200 或 1.2亿。
objection-answer-cancelled = 已取消，异议仍待答复。
objection-accepted-notice = 异议 #{ $id } 已采纳，考核结果已重新计分（新版本 { $run }）。
objection-rejected-notice = 异议 #{ $id } 已驳回。
objection-diff-title = 变化：
objection-diff-none = 重新计分后各园区得分和排名均无变化。
objection-diff-park = { $park }：总分 { $before } → { $after }，排名 { $rank_before } → { $rank_after }
objection-diff-indicator = {"  "}{ $name }：{ $before } → { $after }（{ $points_before } → { $points_after } 分）
objection-standing = 因异议 #{ $id } 重新计分：{ $park } 现总分 { $total }，排名第 { $rank }（原第 { $rank_before }）。

objection-cli-none = 没有符合条件的异议。
objection-cli-accept-or-reject = 请给出 --accept 或 --reject 之一。
objection-cli-reason-needed = 驳回需要 --reason 理由。
objection-cli-value-invalid = 无法识别数值「{ $value }」。
