# Penolakan setelah terlalu banyak percobaan masuk yang gagal.
error-429-title = Terlalu banyak percobaan
error-429-text = Terlalu banyak percobaan masuk yang gagal dari sini atau ke akun ini. Tunggu { $minutes } menit, lalu coba lagi.
