## 会前材料（调度会前的材料包）：PDF 与 XLSX 的标题、表头，聊天按钮，定时通知。

pack-title = { $park } 现场调度会 会前材料
pack-meeting = 会议时间：{ $when }　地点：{ $place }　承办园区：{ $park }　报告期：{ $period }
pack-generated = 生成时间：{ $when }
pack-footer = 第 { $page } 页 / 共 { $pages } 页　生成于 { $date }
pack-none = （无）

pack-section-status = 一、承办园区与全市概况
pack-section-parks = 二、各园区情况
pack-section-flagged = 三、红黄灯项目（{ $park }）
pack-section-problems = 四、未解决问题（{ $park }）
pack-section-assignments = 五、上次调度会交办事项落实情况
pack-section-assignments-of = 五、上次调度会（{ $when }，{ $park }）交办事项落实情况
pack-section-missing = 六、{ $period }未报送进度的项目
pack-section-ranking = 七、园区考核排名（{ $period }，{ $state }）
pack-ranking-final = 最终结果
pack-ranking-open = 公示中

pack-sheet-status = 概况
pack-sheet-parks = 各园区
pack-sheet-flagged = 红黄灯项目
pack-sheet-problems = 未解决问题
pack-sheet-assignments = 上次交办
pack-sheet-missing = 未报送
pack-sheet-ranking = 考核排名

pack-col-scope = 范围
pack-col-city = 全市
pack-col-projects = 项目数
pack-col-green = 绿灯
pack-col-yellow = 黄灯
pack-col-red = 红灯
pack-col-reported = 已报送
pack-col-reported-percent = 报送率%
pack-col-plan = 年度计划(万元)
pack-col-year = 本年完成(万元)
pack-col-plan-percent = 完成率%
pack-col-expected = 序时进度%
pack-col-light = 灯
pack-col-project = 项目
pack-col-enterprise = 企业
pack-col-leader = 责任领导
pack-col-reasons = 原因
pack-col-fixes = 转绿条件
pack-col-problem = 问题
pack-col-assignment = 交办事项
pack-col-status = 状态
pack-col-unit = 责任单位
pack-col-due = 办理时限
pack-col-overdue = 逾期
pack-col-park = 园区
pack-col-note = 说明
pack-col-type = 类型
pack-col-rank = 名次
pack-col-total = 得分

pack-status-open = 待交办
pack-status-assigned = 办理中
pack-status-resolved = 已销号
pack-overdue-yes = 逾期
pack-excused = 联络员请假，免报

## 聊天：会议列表上的按钮、发送的文件
button-meeting-pack = 会前材料
pack-caption-pdf = { $park } 调度会会前材料（PDF，{ $pages } 页）
pack-caption-xlsx = { $park } 调度会会前材料（XLSX，表格同 PDF）
pack-refused = 会前材料仅发给指挥部管理员和参会领导。
pack-meeting-gone = 该会议不存在或已取消。
pack-preparing = 正在生成会前材料……

## 定时通知：会前 N 天
pack-ready = 📎 { $when } 在 { $park }（{ $place }）召开的现场调度会，会前材料已备好。点击下方按钮获取 PDF 和 XLSX。
button-pack-get = 获取会前材料

## 命令行
cli-meeting-pack-written = 已写入：{ $path }
cli-meeting-pack-took = 用时 { $seconds } 秒

pack-color-green = 绿
pack-color-yellow = 黄
pack-color-red = 红
