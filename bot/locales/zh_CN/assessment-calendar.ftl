# The 公示 objection window (bot/assessment/calendar.py).
objection-moment = { $year }年{ $month }月{ $day }日 { $time }
objection-window = 公示期至 { $closes }（{ $days }个工作日）
objection-window-assumed = ⚠️ 日历中尚无 { $years } 年的国务院节假日安排，这几天按周一至周五计为工作日；安排公布后请核对截止时间。
objection-window-closed = 公示期已于 { $closes } 结束，不再受理异议。
