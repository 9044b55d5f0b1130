# 组织方上传电子表格（crates/mitra-web/src/upload.rs）。
# 每个键在 en、id 和 zh-CN 中都有。

import-title = 导入报名信息
import-event-days = 活动日期 { $first } 至 { $last }
import-upload = 上传工作簿
import-help = 请上传报名工作簿（每个代表团、每家企业各一行）或活动平台导出的参会者名单。导入要么全部成功，要么全部不导入：如有单元格错误，将列出每个问题所在的表、行和列，并且不导入任何内容。重复导入同一文件不会改变任何数据。
import-template = 下载空白报名工作簿（XLSX，英文、印尼文和中文）
import-file = 工作簿（.xlsx）或 CSV 文件
import-file-help = 最大 { $max } MiB。如填写出席日期，须在活动日期之内。
import-side = 未注明身份的行的身份
import-side-from-file = 按每行所填
import-side-help = 平台导出的文件没有 guest/host 列：请选择文件中企业的身份。
import-submit = 检查并导入
import-problems-title = 未导入任何内容：{ $file } 中有 { $count } 个问题
import-problems-help = 请在文件中改正下列每个单元格，然后重新上传。
import-col-sheet = 工作表
import-col-cell = 单元格
import-col-column = 列
import-col-problem = 问题
import-done-title = 已导入 { $file }
import-done = 已读取 { $count } 家企业；变更如下。
import-nothing-changed = 此文件已导入过：没有任何变更（{ $count } 家企业，均与原来相同）。
import-added = 新增 { $count } 家企业
import-updated = 更新 { $count } 家企业
import-unchanged = 未变更的企业
import-delegations-added = 新增代表团
import-delegations-updated = 更新 { $count } 个代表团
import-attendance = { $count } 家企业填写了出席日期；均已按活动日期核对。
import-error-too-large = 文件过大：最多可上传 { $max } MiB。未导入任何内容。
import-error-form = 无法读取上传内容。请刷新页面后重试。未导入任何内容。
import-error-no-file = 请选择要上传的文件。
import-error-file-type = 请选择 .xlsx 工作簿或 .csv 文件。未导入任何内容。
import-error-empty = 文件为空。未导入任何内容。
import-error-side = 请选择 guest（来宾）或 host（东道主）作为身份，或按每行所填。
