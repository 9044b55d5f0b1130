# Pengaturan acara oleh penyelenggara dan pendaftaran dengan persetujuan
# (crates/mitra-web/src/setup). Setiap kunci ada dalam en, id dan zh-CN.

## Pengaturan acara

setup-title = Pengaturan acara
setup-help = Semua isian di halaman ini disimpan sekaligus atau tidak sama sekali. Slot, meja, atau penerjemah yang dipakai sebuah pertemuan tidak dapat dihapus: pindahkan atau batalkan pertemuannya terlebih dahulu.
setup-saved = Pengaturan acara telah disimpan.
setup-not-saved = Tidak ada yang disimpan: perbaiki isian yang ditandai di bawah.
setup-event = Acara
setup-name = Nama (bahasa Inggris)
setup-name-zh = Nama dalam bahasa Tionghoa
setup-name-id = Nama dalam bahasa Indonesia
setup-venue = Tempat
setup-city = Kota
setup-time-zone = Zona waktu (nama IANA, misalnya Asia/Shanghai)
setup-slot-minutes = Lama satu slot (menit)
setup-sessions = Sesi dan jeda
setup-sessions-help = Sesi adalah rangkaian slot pertemuan pada satu hari; jeda adalah waktu di antara dua sesi. Isi sesi kosong untuk menambah sesi; centang "Hapus" untuk menghapusnya.
setup-session = Sesi { $code }
setup-session-new = Sesi baru
setup-session-code = Kode (huruf, angka dan -, misalnya am atau hari2-pm)
setup-session-name = Nama
setup-session-date = Tanggal
setup-session-start = Mulai pukul
setup-session-slots = Jumlah slot
setup-remove = Hapus
setup-slots-now = Slot saat ini:
setup-tables = Meja
setup-pool = Meja umum (kode dipisahkan spasi, misalnya P01 P02)
setup-pool-add = Tambahkan sejumlah meja umum ini (bernomor setelah yang terakhir)
setup-fixed = Meja tetap perusahaan tuan rumah
setup-fixed-help = Meja tempat perusahaan tuan rumah selalu menerima tamunya; kosongkan bila tidak ada.
setup-no-hosts = Belum ada perusahaan tuan rumah yang terdaftar.
setup-interpreters = Penerjemah
setup-interpreter-new = Penerjemah baru
setup-interpreter-code = Kode (dibuat dari nama bila dikosongkan)
setup-interpreter-name = Nama
setup-interpreter-email = Surel
setup-interpreter-languages = Bahasa (kode ISO 639-1, misalnya zh, id, en)
setup-interpreter-unavailable = Slot saat tidak tersedia (kode slot, misalnya am-0900)
setup-save = Simpan pengaturan

setup-error-required = Mohon diisi.
setup-error-too-long = Paling banyak { $max } karakter.
setup-error-time-zone = "{ $value }" bukan zona waktu yang dikenal Mitra. Gunakan nama IANA seperti Asia/Shanghai atau Asia/Jakarta.
setup-error-slot-minutes = Isikan lama slot sebagai bilangan bulat menit dari 5 sampai 240.
setup-error-code = Gunakan 1 sampai 64 huruf, angka, "-", "_", "." atau ":".
setup-error-duplicate = Kode { $code } dipakai dua kali.
setup-error-date = Isikan tanggal dengan format TTTT-BB-HH.
setup-error-time = Isikan waktu dengan format JJ:MM (24 jam).
setup-error-slot-count = Isikan jumlah slot sebagai bilangan bulat dari 1 sampai { $max }.
setup-error-no-sessions = Acara memerlukan paling sedikit satu sesi.
setup-error-overlap = Sesi ini bertumpang tindih dengan sesi { $other }: mulailah setelah sesi itu selesai.
setup-error-past-midnight = Slot sesi ini akan melewati tengah malam: mulailah lebih awal atau kurangi jumlah slot.
setup-error-table-code = "{ $code }" bukan kode meja: gunakan 1 sampai 64 huruf, angka, "-", "_", "." atau ":".
setup-error-count = Isikan bilangan bulat dari 0 sampai { $max }.
setup-error-language = "{ $code }" bukan kode bahasa ISO 639-1 (dua huruf kecil, misalnya id, zh atau en).
setup-error-languages-required = Isikan paling sedikit satu bahasa.
setup-error-email = Isikan alamat surel seperti nama@example.org.
setup-error-unknown-slot = "{ $code }" bukan slot acara ini.
setup-error-in-use = { $what } dipakai oleh pertemuan yang akan hilang: { $meetings }. Pindahkan atau batalkan pertemuan itu terlebih dahulu.
setup-error-in-use-general = Perubahan ini akan menghapus sesuatu yang dipakai pertemuan. Pindahkan atau batalkan pertemuan itu terlebih dahulu.
setup-error-busy = { $what } sudah ditugaskan menerjemahkan pertemuan: { $meetings }. Tugaskan penerjemah lain untuk pertemuan itu terlebih dahulu.
setup-what-unavailable = Penerjemah { $code } pada slot { $slot }
setup-what-slot = Slot { $code }
setup-what-table = Meja { $code }
setup-what-interpreter = Penerjemah { $code }
setup-more = dan { $count } lainnya

## Pendaftaran

reg-title = Daftarkan perusahaan Anda
reg-intro = Daftarkan perusahaan Anda untuk { $event }. Penyelenggara memeriksa setiap pendaftaran; setelah disetujui, perwakilan Anda menerima tautan masuk melalui surel.
reg-thanks = Terima kasih. Pendaftaran Anda telah diterima dan menunggu persetujuan penyelenggara. Setelah disetujui, perwakilan Anda menerima surel berisi tautan masuk.
reg-not-sent = Pendaftaran belum terkirim: perbaiki isian yang ditandai di bawah.
reg-company = Nama perusahaan
reg-side = Perusahaan Anda adalah
reg-side-guest = tamu: perusahaan dari delegasi yang berkunjung
reg-side-host = tuan rumah: perusahaan dari daerah tuan rumah
reg-country = Negara (kode ISO, misalnya ID atau CN)
reg-delegation = Delegasi (untuk tamu)
reg-delegation-none = — pilih delegasi Anda —
reg-languages = Bahasa kerja perusahaan Anda (misalnya id, en)
reg-sector = Sektor
reg-sector-none = — tidak diisi —
reg-description = Keterangan singkat tentang perusahaan
reg-offers = Yang Anda tawarkan: satu butir per baris, kode HS setelah "|" bila Anda mengetahuinya
reg-needs = Yang Anda butuhkan: satu butir per baris
reg-representative = Perwakilan
reg-rep-name = Nama
reg-rep-email = Surel
reg-rep-languages = Bahasa yang dikuasai perwakilan
reg-submit = Kirim pendaftaran
reg-error-side = Pilih tamu atau tuan rumah.
reg-error-country = "{ $value }" bukan kode negara ISO 3166 (dua huruf, misalnya ID atau CN).
reg-error-delegation = Pilih delegasi yang disertai perusahaan Anda.
reg-error-sector = Pilih sektor dari daftar.
reg-error-name-taken = Perusahaan dengan nama ini sudah terdaftar untuk acara ini.
reg-error-email-taken = Alamat surel ini sudah terdaftar untuk acara ini.

reg-sector-agriculture = Pertanian
reg-sector-food-processing = Pengolahan pangan
reg-sector-fisheries = Perikanan dan hasil laut
reg-sector-agri-inputs = Benih, pupuk, dan sarana produksi pertanian lainnya
reg-sector-machinery = Mesin
reg-sector-irrigation = Irigasi
reg-sector-drones-digital = Drone dan pertanian digital
reg-sector-packaging = Kemasan
reg-sector-logistics-cold-chain = Logistik dan rantai dingin
reg-sector-trade-distribution = Perdagangan dan distribusi
reg-sector-finance-services = Keuangan dan jasa
reg-sector-education-training = Pendidikan dan pelatihan
reg-sector-energy = Energi
reg-sector-manufacturing = Manufaktur
reg-sector-health-herbal = Kesehatan dan produk herbal
reg-sector-tourism = Pariwisata
reg-sector-other = Lainnya

reg-list-title = Pendaftaran yang menunggu persetujuan
reg-list-none = Tidak ada pendaftaran yang menunggu.
reg-public-form = formulir pendaftaran umum
reg-submitted = Diterima
reg-approve = Setujui
reg-reject = Tolak
reg-done-approved = Disetujui: perusahaan telah terdaftar dan undangan untuk perwakilannya sedang dikirim.
reg-done-rejected = Pendaftaran ditolak.
reg-done-decided = Pendaftaran itu sudah diputuskan sebelumnya.
reg-done-taken = Tidak disetujui: nama perusahaan atau alamat surelnya telah dipakai sejak pendaftaran dikirim.

reg-mail-subject = { $event }: pendaftaran Anda disetujui
reg-mail-body = Yth. { $name },

    { $company } kini terdaftar untuk { $event }.

    Masuk ke Mitra dengan tautan ini. Tautan hanya berlaku sekali, sampai { $until }:
    { $link }

    Di sana Anda dapat memperbarui profil perusahaan, melihat mitra yang direkomendasikan Mitra beserta alasannya, dan mengajukan pertemuan.

    Penyelenggara
