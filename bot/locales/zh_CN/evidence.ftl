# Photo evidence (bot/reporting/evidence.py): EXIF time and place, shared locations, reused photos.
evidence-not-image = 这个文件的内容不是图片（只看文件名或类型不算数），未保存。请发送照片或 JPG、PNG 图片文件。
evidence-location-invalid = 这个位置无效，未记录。
evidence-location-saved = 📍 已记录填报位置：{ $place }。提交时随报告一并保存；再发一次位置即可更新。
evidence-summary-location = 📍 填报位置：{ $place }
evidence-summary-no-location = 📍 未附位置（可随时用“位置”发送当前位置）
evidence-distance = ，距项目 { $km } 公里
evidence-card-location = 📍 填报位置：{ $place }{ $distance }
evidence-card-photos = 📷 现场照片 { $count } 张：
evidence-photo-line = 📷 { $taken } · { $place }{ $distance }
evidence-photo-compressed = 📷 无拍摄信息 (压缩发送)
evidence-no-time = 无拍摄时间
evidence-no-place = 无位置
evidence-duplicate = ⚠️ 疑似重复使用: { $period } 报告的照片
evidence-leader-notice = ⚠️【{ $project } · { $period }】的报告中有 { $count } 张照片疑似重复使用：
    { $details }
    请核实。填报人：{ $reporter }
evidence-leader-notice-line = · 与 { $period } 报告的照片相似
pages-photo-evidence = { $taken } · { $place }{ $distance }
# The roster's 经纬度 column (bot/people/roster_validation.py)
roster-field-location = 经纬度
roster-error-location-invalid = 经纬度“{ $value }”无效，请写成“纬度, 经度”，例如 29.0312, 111.6981
# The web chat (bot/web/chat): a photo sent as the original file, and the location button
web-page-photo-original = 发送原图（保留拍摄时间和位置）
web-page-location = 发送当前位置
web-page-locating = 正在获取位置…
web-page-no-location = 无法获取位置：请允许浏览器使用位置信息。
evidence-photo-hint = 💡 以“文件”方式发送原图可保留拍摄时间和位置；也可随时发送“位置”。
evidence-location-no-form = 位置只在填报进度时随报告保存：请先发送 /report，再分享位置。
