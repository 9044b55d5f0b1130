# The organizer's spreadsheet upload (crates/mitra-web/src/upload.rs).
# Every key is in en, id and zh-CN.

import-title = Import registrations
import-event-days = event days { $first } to { $last }
import-upload = Upload a workbook
import-help = Upload the registration workbook (one row per delegation and per company) or a participant export from an event platform. The import is all or nothing: if any cell is wrong, every problem is listed with its sheet, row and column, and nothing is imported. Importing the same file again changes nothing.
import-template = Download the blank registration workbook (XLSX, English, Indonesian and Chinese)
import-file = Workbook (.xlsx) or CSV file
import-file-help = At most { $max } MiB. Attendance days, where given, must fall within the event's days.
import-side = Side of every row that does not say
import-side-from-file = As each row says
import-side-help = Platform exports have no guest/host column: choose the side of the companies in the file.
import-submit = Check and import
import-problems-title = { $count ->
    [one] Nothing was imported: one problem in { $file }
   *[other] Nothing was imported: { $count } problems in { $file }
}
import-problems-help = Correct every cell listed below in the file and upload it again.
import-col-sheet = Sheet
import-col-cell = Cell
import-col-column = Column
import-col-problem = Problem
import-done-title = Imported { $file }
import-done = { $count ->
    [one] One company read; the changes are below.
   *[other] { $count } companies read; the changes are below.
}
import-nothing-changed = This file was already imported: nothing changed ({ $count } companies, all as they were).
import-added = { $count ->
    [one] One company added
   *[other] { $count } companies added
}
import-updated = { $count ->
    [one] One company updated
   *[other] { $count } companies updated
}
import-unchanged = Companies unchanged
import-delegations-added = New delegations
import-delegations-updated = { $count ->
    [one] One delegation updated
   *[other] { $count } delegations updated
}
import-attendance = { $count ->
    [one] One company gave its days of attendance; they were checked against the event's days.
   *[other] { $count } companies gave their days of attendance; they were checked against the event's days.
}
import-error-too-large = The file is too large: at most { $max } MiB can be uploaded. Nothing was imported.
import-error-form = The upload could not be read. Reload the page and try again. Nothing was imported.
import-error-no-file = Choose a file to upload.
import-error-file-type = Choose an .xlsx workbook or a .csv file. Nothing was imported.
import-error-empty = The file is empty. Nothing was imported.
import-error-side = Choose guest or host as the side, or leave it as each row says.
