# 组织方的活动设置与需审批的报名（crates/mitra-web/src/setup）。
# 每个键在 en、id 和 zh-CN 中都有。

## 活动设置

setup-title = 活动设置
setup-help = 本页所有内容一起保存，要么全部保存，要么都不保存。已有洽谈使用的时段、桌位或翻译不能删除：请先调整或取消相关洽谈。
setup-saved = 活动设置已保存。
setup-not-saved = 未保存任何内容：请修改下方标出的字段。
setup-event = 活动
setup-name = 名称（英文）
setup-name-zh = 中文名称
setup-name-id = 印尼文名称
setup-venue = 场馆
setup-city = 城市
setup-time-zone = 时区（IANA 名称，例如 Asia/Shanghai）
setup-slot-minutes = 每个时段的长度（分钟）
setup-sessions = 场次与休息
setup-sessions-help = 场次是同一天内连续的一组洽谈时段；两个场次之间的间隔即为休息时间。填写空白场次即可新增；勾选“删除”即可移除。
setup-session = 场次 { $code }
setup-session-new = 新场次
setup-session-code = 代码（字母、数字和 -，例如 am 或 day2-pm）
setup-session-name = 名称
setup-session-date = 日期
setup-session-start = 开始时间
setup-session-slots = 时段数
setup-remove = 删除
setup-slots-now = 当前时段：
setup-tables = 桌位
setup-pool = 公共桌位（代码以空格分隔，例如 P01 P02）
setup-pool-add = 新增公共桌位数量（编号接在最后一个之后）
setup-fixed = 东道方企业的固定桌位
setup-fixed-help = 东道方企业始终在此桌接待来宾；不设固定桌位请留空。
setup-no-hosts = 尚无东道方企业注册。
setup-interpreters = 翻译
setup-interpreter-new = 新翻译
setup-interpreter-code = 代码（留空则按姓名生成）
setup-interpreter-name = 姓名
setup-interpreter-email = 电子邮箱
setup-interpreter-languages = 语言（ISO 639-1 代码，例如 zh, id, en）
setup-interpreter-unavailable = 不可用时段（时段代码，例如 am-0900）
setup-save = 保存设置

setup-error-required = 请填写此项。
setup-error-too-long = 最多 { $max } 个字符。
setup-error-time-zone = “{ $value }”不是 Mitra 认识的时区。请使用 IANA 名称，例如 Asia/Shanghai 或 Asia/Jakarta。
setup-error-slot-minutes = 请填写 5 到 240 之间的整数分钟数。
setup-error-code = 请使用 1 到 64 个字母、数字、“-”、“_”、“.”或“:”。
setup-error-duplicate = 代码 { $code } 重复使用了。
setup-error-date = 请按 YYYY-MM-DD 格式填写日期。
setup-error-time = 请按 HH:MM（24 小时制）填写时间。
setup-error-slot-count = 请填写 1 到 { $max } 之间的整数时段数。
setup-error-no-sessions = 活动至少需要一个场次。
setup-error-overlap = 本场次与场次 { $other } 时间重叠：请在该场次结束后开始。
setup-error-past-midnight = 本场次的时段会超过午夜：请提前开始或减少时段数。
setup-error-table-code = “{ $code }”不是有效的桌位代码：请使用 1 到 64 个字母、数字、“-”、“_”、“.”或“:”。
setup-error-count = 请填写 0 到 { $max } 之间的整数。
setup-error-language = “{ $code }”不是 ISO 639-1 语言代码（两个小写字母，例如 id、zh 或 en）。
setup-error-languages-required = 请至少填写一种语言。
setup-error-email = 请填写电子邮箱地址，例如 name@example.org。
setup-error-unknown-slot = “{ $code }”不是本活动的时段。
setup-error-in-use = { $what } 正被以下洽谈使用，修改后这些洽谈将会丢失：{ $meetings }。请先调整或取消这些洽谈。
setup-error-in-use-general = 此修改会删除洽谈正在使用的内容。请先调整或取消相关洽谈。
setup-error-busy = { $what } 已安排为以下洽谈担任翻译：{ $meetings }。请先为这些洽谈另行安排翻译。
setup-what-unavailable = 翻译 { $code } 在时段 { $slot }
setup-what-slot = 时段 { $code }
setup-what-table = 桌位 { $code }
setup-what-interpreter = 翻译 { $code }
setup-more = 另有 { $count } 场

## 报名

reg-title = 企业报名
reg-intro = 为贵企业报名参加{ $event }。组织方会审核每一份报名；审核通过后，贵企业的代表将通过电子邮件收到登录链接。
reg-thanks = 谢谢！您的报名已收到，正在等待组织方审核。审核通过后，贵企业的代表将收到一封附有登录链接的电子邮件。
reg-not-sent = 报名未提交：请修改下方标出的字段。
reg-company = 企业名称
reg-side = 贵企业是
reg-side-guest = 来宾：来访代表团的企业
reg-side-host = 东道方：东道地区的企业
reg-country = 国家（ISO 代码，例如 ID 或 CN）
reg-delegation = 代表团（来宾填写）
reg-delegation-none = — 请选择代表团 —
reg-languages = 企业工作语言（例如 id, en）
reg-sector = 行业
reg-sector-none = — 未填写 —
reg-description = 企业简介
reg-offers = 可提供的产品或服务：每行一项，如知道 HS 编码请写在“|”之后
reg-needs = 需求：每行一项
reg-representative = 企业代表
reg-rep-name = 姓名
reg-rep-email = 电子邮箱
reg-rep-languages = 代表使用的语言
reg-submit = 提交报名
reg-error-side = 请选择来宾或东道方。
reg-error-country = “{ $value }”不是 ISO 3166 国家代码（两个字母，例如 ID 或 CN）。
reg-error-delegation = 请选择贵企业所属的代表团。
reg-error-sector = 请从列表中选择行业。
reg-error-name-taken = 已有同名企业报名参加本活动。
reg-error-email-taken = 此电子邮箱已在本活动中登记。

reg-sector-agriculture = 农业
reg-sector-food-processing = 食品加工
reg-sector-fisheries = 渔业与海产品
reg-sector-agri-inputs = 种子、化肥等农资
reg-sector-machinery = 机械
reg-sector-irrigation = 灌溉
reg-sector-drones-digital = 无人机与数字农业
reg-sector-packaging = 包装
reg-sector-logistics-cold-chain = 物流与冷链
reg-sector-trade-distribution = 贸易与分销
reg-sector-finance-services = 金融与服务
reg-sector-education-training = 教育与培训
reg-sector-energy = 能源
reg-sector-manufacturing = 制造业
reg-sector-health-herbal = 健康与草本产品
reg-sector-tourism = 旅游
reg-sector-other = 其他

reg-list-title = 待审核的报名
reg-list-none = 暂无待审核的报名。
reg-public-form = 公开报名表
reg-submitted = 收到时间
reg-approve = 通过
reg-reject = 拒绝
reg-done-approved = 已通过：企业已注册，给其代表的邀请邮件正在发送。
reg-done-rejected = 已拒绝该报名。
reg-done-decided = 该报名此前已经处理过。
reg-done-taken = 未通过：自提交以来，其企业名称或电子邮箱已被占用。

reg-mail-subject = { $event }：您的报名已通过审核
reg-mail-body = { $name }，您好：

    { $company } 已成功报名参加{ $event }。

    请通过以下链接登录 Mitra。该链接仅可使用一次，有效期至 { $until }：
    { $link }

    登录后，您可以更新企业资料，查看 Mitra 推荐的合作伙伴及推荐理由，并发起洽谈请求。

    组织方
