cli-db-upgraded = 数据库已是最新结构（本次应用 { $count } 个迁移）。
cli-roster-nothing-written = 花名册有错误，未写入任何数据。请修改后重新导入。
cli-template-written = 已生成花名册模板：{ $path }
cli-invite-usage = 请给出手机号，或使用 --all 为所有尚未绑定的人员生成邀请链接。
cli-invite-unknown-phone = 花名册中没有手机号 { $phone }，未生成任何邀请链接。
cli-invite-nobody = 所有人员都已绑定，无需生成邀请链接。
cli-already-running = 已有一个 parkbot 在使用这个数据库运行（{ $lock }），本进程不再启动。
