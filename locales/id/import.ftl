# Unggahan lembar kerja oleh penyelenggara (crates/mitra-web/src/upload.rs).
# Setiap kunci ada dalam en, id dan zh-CN.

import-title = Impor pendaftaran
import-event-days = hari acara { $first } sampai { $last }
import-upload = Unggah lembar kerja
import-help = Unggah lembar kerja pendaftaran (satu baris per delegasi dan per perusahaan) atau ekspor peserta dari platform acara. Impor bersifat semua atau tidak sama sekali: bila ada sel yang salah, setiap masalah ditampilkan beserta lembar, baris dan kolomnya, dan tidak ada yang diimpor. Mengimpor berkas yang sama lagi tidak mengubah apa pun.
import-template = Unduh lembar kerja pendaftaran kosong (XLSX, bahasa Inggris, Indonesia dan Tionghoa)
import-file = Lembar kerja (.xlsx) atau berkas CSV
import-file-help = Paling besar { $max } MiB. Hari kehadiran, bila diisi, harus berada dalam hari-hari acara.
import-side = Pihak untuk setiap baris yang tidak menyebutkannya
import-side-from-file = Sesuai isi setiap baris
import-side-help = Ekspor platform tidak memiliki kolom guest/host: pilih pihak perusahaan-perusahaan dalam berkas ini.
import-submit = Periksa dan impor
import-problems-title = Tidak ada yang diimpor: { $count } masalah dalam { $file }
import-problems-help = Perbaiki setiap sel yang tercantum di bawah ini dalam berkas, lalu unggah lagi.
import-col-sheet = Lembar
import-col-cell = Sel
import-col-column = Kolom
import-col-problem = Masalah
import-done-title = { $file } telah diimpor
import-done = { $count } perusahaan terbaca; perubahannya ada di bawah.
import-nothing-changed = Berkas ini sudah pernah diimpor: tidak ada yang berubah ({ $count } perusahaan, semuanya tetap seperti semula).
import-added = { $count } perusahaan ditambahkan
import-updated = { $count } perusahaan diperbarui
import-unchanged = Perusahaan yang tidak berubah
import-delegations-added = Delegasi baru
import-delegations-updated = { $count } delegasi diperbarui
import-attendance = { $count } perusahaan mengisi hari kehadirannya; semuanya sudah diperiksa terhadap hari-hari acara.
import-error-too-large = Berkas terlalu besar: paling besar { $max } MiB yang dapat diunggah. Tidak ada yang diimpor.
import-error-form = Unggahan tidak dapat dibaca. Muat ulang halaman dan coba lagi. Tidak ada yang diimpor.
import-error-no-file = Pilih berkas yang akan diunggah.
import-error-file-type = Pilih lembar kerja .xlsx atau berkas .csv. Tidak ada yang diimpor.
import-error-empty = Berkas ini kosong. Tidak ada yang diimpor.
import-error-side = Pilih guest (tamu) atau host (tuan rumah) sebagai pihak, atau biarkan sesuai isi setiap baris.
