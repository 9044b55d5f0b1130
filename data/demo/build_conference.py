#!/usr/bin/env python3
"""Generate data/demo/conference.json, the Mitra demo conference.

DEMO DATA. Every company, person, e-mail address, website, meeting request,
itinerary note and figure in the output is fictional. Places (provinces,
cities, ports) are real; the Lampung-Shandong letter of intent of
27 May 2025 is the one real event the demo is built around.

Deterministic, standard library only:  python3 data/demo/build_conference.py
writes data/demo/conference.json next to this script and then runs the
checks in check_conference.py (exit status 1 if any check fails).
"""
import hashlib
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "conference.json")


def h(*parts):
    """Stable pseudo-random integer from strings (no random module, no seed)."""
    s = "|".join(str(p) for p in parts).encode("utf-8")
    return int.from_bytes(hashlib.sha256(s).digest()[:8], "big")


# ---------------------------------------------------------------------------
# Event
# ---------------------------------------------------------------------------
EVENT = {
    "id": "fcw-2025-jinan",
    "name": "Friendly Cities Enterprise Matchmaking Conference",
    "name_zh": "友好城市企业对接洽谈会",
    "name_id": "Temu Bisnis Perusahaan Kota Persahabatan",
    "venue": "Quancheng International Exchange Centre, Hall B (demo venue)",
    "city": "Jinan",
    "time_zone": "Asia/Shanghai",
    "date": "2025-05-27",
    "sessions": [
        {"id": "am", "name": "Morning", "start": "09:00", "slots": 9},
        {"id": "pm", "name": "Afternoon", "start": "14:00", "slots": 9},
    ],
    "slot_minutes": 20,
    "pool_tables": 20,
}

NOTICE = ("Demo data: every company, person, e-mail address, website, meeting "
          "request, itinerary note and figure here is fictional and generated "
          "for testing and demonstrating Mitra. Provinces, cities and ports are "
          "real places; only the Lampung-Shandong letter of intent (Jinan, "
          "27 May 2025) reflects a real event, and its wording here is "
          "paraphrased. Do not use for any real business decision.")

# ---------------------------------------------------------------------------
# Item tags (internal only, never written): they drive the generated meeting
# requests. A tag matches itself and its parent.
# ---------------------------------------------------------------------------
PARENT = {
    "shrimp": "seafood", "crab": "seafood", "fish": "seafood", "squid": "seafood",
    "pepper": "spice", "tropfruit": "fruit", "citrus": "fruit", "cherry": "fruit",
    "avocado": "fruit", "kiwi": "fruit", "driedfruit": "fruit",
    "wheat": "grain", "barley": "grain", "rice": "grain",
    "soybean": "oilseed", "sesame": "oilseed", "flax": "oilseed",
    "beef": "meat", "pork": "meat", "poultry": "meat",
    "cashew": "nuts", "macadamia": "nuts",
    "ginseng": "herbal",
    "pump": "irrigation",
    "tyres": "autoparts",
    "wine": "beverage",
}


def expand(tag):
    out = {tag}
    while tag in PARENT:
        tag = PARENT[tag]
        out.add(tag)
    return out


GENERIC = {"agent", "logistics", "coldchain", "packaging", "invest", "training", "finance", "ecommerce",
           "tourism", "port", "irrigation", "pump", "digital", "drone", "fertilizer", "pesticide", "greenhouse",
           "farmmach", "aquaeq", "aquafeed", "postharvest", "foodmach", "seeds", "energy", "packmach",
           "autoparts", "tyres"}


def split_tag(t):
    base, _, q = t.partition("/")
    return base, set(q.split(",")) if q else set()


def match_weight(a, b):
    """Weight of offered tag a meeting needed tag b; 0 when they do not meet.
    Tags may carry qualifiers, "seeds/cocoa": when both sides are qualified
    the qualifiers must share a word."""
    ba, qa = split_tag(a)
    bb, qb = split_tag(b)
    if not tags_match(ba, bb):
        return 0
    if qa and qb:
        return 3 if qa & qb else 0
    if ba in GENERIC or bb in GENERIC:
        return 1.5 if (qa or qb) else 1
    return 3


def tags_match(a, b):
    """a offered, b needed."""
    # a generic need (seafood) is met by any specific offer (shrimp); a
    # specific need (crab) only by that offer, not by a generic one
    return b in expand(a)

# ---------------------------------------------------------------------------
# Delegations: (id, guest-id prefix, name, country, region,
#               (lead name, lead title, lead languages),
#               export_products, technology_sought, risks)
# items are (text, "hs codes separated by spaces" or "")
# ---------------------------------------------------------------------------
DELEGATIONS = [
    ("lampung", "lpg", "Lampung Province Delegation", "ID", "Lampung",
     ("Ahmad Syarifuddin", "Ketua Delegasi; Ketua DPP Apindo Lampung (demo)", ["id", "en"]),
     [("Ekspor kopi robusta Lampung: biji hijau (green beans) grade 1-4, sangrai dan bubuk / Export Lampung robusta coffee: green beans grade 1-4, roasted and ground", "090111 090121"),
      ("Ekspor lada hitam dan lada putih Lampung (Lampung black pepper, ASTA grade) / Export Lampung black and white pepper", "090411"),
      ("Ekspor hasil laut: udang vaname beku, rajungan, ikan / Export seafood: frozen vannamei shrimp, blue swimming crab, fish", "030617 160510"),
      ("Produk unggulan lain: kakao, tepung tapioka, produk kelapa, nanas dan pisang / Other flagship products: cocoa, tapioca starch, coconut products, pineapple and banana", ""),
      ("Membuka akses pasar internasional untuk produk UMKM Lampung / Open international market access for Lampung SMEs' products", "")],
     [("Teknologi pertanian digital: sensor IoT, aplikasi manajemen kebun, penginderaan jauh / Digital farming: IoT sensors, farm management software, remote sensing", ""),
      ("Irigasi tetes dan fertigasi (irigasi modern) untuk kopi, lada dan hortikultura / Drip irrigation and fertigation for coffee, pepper and horticulture", "842482"),
      ("Drone penyemprot dan pemetaan lahan / Spraying and mapping drones", "8806"),
      ("Mesin pascapanen: pengering dan sortir kopi / Post-harvest machinery: coffee dryers and sorters", "841934 843710"),
      ("Metode tanam berkelanjutan dan greenhouse / Sustainable planting methods and greenhouses", ""),
      ("Rantai dingin untuk hasil perikanan / Cold chain for fisheries products", "")],
     [("Perubahan iklim: kemarau panjang dan El Niño menurunkan produksi kopi dan lada / Climate change: long dry seasons and El Niño cut coffee and pepper yields", ""),
      ("Hama dan penyakit: penyakit busuk pangkal batang lada, penggerek buah kopi (PBKo) / Pests and diseases: pepper foot rot, coffee berry borer", ""),
      ("Ketergantungan pada sedikit komoditas: perlu diversifikasi tanaman / Dependence on few commodities: need crop diversification", ""),
      ("Harga komoditas yang fluktuatif dan standar mutu pasar ekspor (residu pestisida, MRL) / Volatile prices and export quality standards (pesticide residues, MRLs)", "")]),
    ("east-java", "jtm", "East Java Province Delegation", "ID", "Jawa Timur",
     ("Retno Wulandari", "Kepala Bidang Perdagangan Luar Negeri (demo)", ["id", "en"]),
     [("Rumput laut kering dan karagenan / Dried seaweed and carrageenan", "121221 130239"),
      ("Mebel kayu jati dan rotan / Teak and rattan furniture", "9403")],
     [("Mesin pengolahan rumput laut / Seaweed processing machinery", "")],
     []),
    ("south-sulawesi", "sls", "South Sulawesi Province Delegation", "ID", "Sulawesi Selatan",
     ("Andi Makkasau", "Kepala Dinas Perkebunan (demo)", ["id"]),
     [("Biji kakao fermentasi / Fermented cocoa beans", "180100")],
     [("Bibit kakao unggul dan pengendalian hama PBK / Cocoa seedlings and cocoa pod borer control", "")],
     [("Serangan hama penggerek buah kakao / Cocoa pod borer outbreaks", "")]),
    ("haiphong", "hpg", "Hai Phong City Delegation", "VN", "Hải Phòng",
     ("Nguyễn Quang Vinh", "Deputy Director, Department of Industry and Trade (demo)", ["vi", "en"]),
     [("Frozen seafood and fish sauce", "0303 2103"), ("Port and logistics services", "")],
     [("Cold-chain equipment and port cranes", "")], []),
    ("dong-nai", "dni", "Dong Nai Province Delegation", "VN", "Đồng Nai",
     ("Trần Thị Bích Ngọc", "Phó Giám đốc Sở Công Thương (demo)", ["vi"]),
     [("Hạt điều nhân (cashew kernels)", "080132"), ("Sầu riêng đông lạnh (frozen durian)", "")],
     [("Máy nông nghiệp, tưới nhỏ giọt", "")], []),
    ("long-an", "lan", "Long An Province Delegation", "VN", "Long An",
     ("Lê Hoàng Phúc", "Head of Investment Promotion Centre (demo)", ["vi", "en"]),
     [("Fragrant rice and dragon fruit", "100630 081090")],
     [("Rice drying and milling equipment", "")],
     [("Saline intrusion in the Mekong Delta", "")]),
    ("chonburi", "chb", "Chonburi Province Delegation", "TH", "Chon Buri",
     ("Somchai Wongsawat", "Vice Governor's Office, Chonburi (demo)", ["th", "en"]),
     [("Tapioca starch and cassava chips", "110814 071410"), ("Frozen durian", "")],
     [("Logistics via Laem Chabang and Qingdao", "")], []),
    ("chiang-mai", "cmi", "Chiang Mai Province Delegation", "TH", "Chiang Mai",
     ("Kanokwan Intharasuk", "Provincial Commerce Office (demo)", ["th", "en"]),
     [("Dried longan and arabica coffee", "081340 090111")],
     [("Fruit drying technology", "")], []),
    ("penang", "png", "Penang State Delegation", "MY", "Pulau Pinang",
     ("Lim Wei Sheng", "Penang State Investment Office (demo)", ["en", "ms", "zh"]),
     [("Edible bird's nest", "041010")], [("Automation and packaging lines", "")], []),
    ("sarawak", "swk", "Sarawak State Delegation", "MY", "Sarawak",
     ("Abang Zulkifli", "Ministry of International Trade, Sarawak (demo)", ["ms", "en"]),
     [("Sarawak black and white pepper", "090411"), ("Sago starch", "110819")],
     [("Drones for plantation mapping", "")], []),
    ("cebu", "ceb", "Cebu Province Delegation", "PH", "Cebu",
     ("Maria Teresa Villanueva", "Provincial Economic Enterprise Office (demo)", ["en", "tl"]),
     [("Dried mango and coconut products", "081340 080111")],
     [("Food processing machinery", "")], []),
    ("davao", "dvo", "Davao Region Delegation", "PH", "Davao",
     ("Ramon Dela Cruz", "Regional Director, Department of Trade and Industry (demo)", ["en", "tl"]),
     [("Cavendish bananas", "080390")], [("Cold storage and reefer logistics", "")],
     [("Fusarium wilt (Panama disease TR4) in banana farms", "")]),
    ("phnom-penh", "pnh", "Phnom Penh Capital Delegation", "KH", "Phnom Penh",
     ("Sok Chanthy", "Chamber of Commerce, Phnom Penh (demo)", ["km", "en"]),
     [("Jasmine rice and cashew nuts", "100630 080131")],
     [("Rice milling and solar irrigation pumps", "")], []),
    ("vientiane", "vte", "Vientiane Capital Delegation", "LA", "Vientiane",
     ("Bounmy Phommachanh", "Department of Industry and Commerce (demo)", ["lo", "th", "en"]),
     [("Bolaven plateau coffee", "090111")], [("Coffee processing equipment", "")], []),
    ("almaty-region", "alm", "Almaty Region Delegation", "KZ", "Almaty Region",
     ("Nurlan Abenov", "Akimat of Almaty Region, Foreign Economic Relations (demo)", ["kk", "ru", "en"]),
     [("Wheat flour, flaxseed, honey", "110100 120400 040900")],
     [("Greenhouses, drip irrigation, agricultural machinery", "")], []),
    ("samarkand", "skd", "Samarkand Region Delegation", "UZ", "Samarqand",
     ("Dilshod Karimov", "Khokimiyat of Samarkand Region (demo)", ["uz", "ru"]),
     [("Dried fruit and fresh cherries", "081320 080929")],
     [("Drip irrigation and intensive orchard technology", "")],
     [("Water scarcity", "")]),
    ("primorsky", "pri", "Primorsky Krai Delegation", "RU", "Primorsky Krai",
     ("Сергей Волков", "Министерство международного сотрудничества Приморского края (demo)", ["ru"]),
     [("Мороженая рыба и краб / Frozen fish and crab", "030367 030614")],
     [("Холодильное оборудование / Refrigeration equipment", "")], []),
    ("novosibirsk", "nsk", "Novosibirsk Region Delegation", "RU", "Novosibirsk Oblast",
     ("Ольга Смирнова", "Агентство инвестиционного развития (demo)", ["ru", "en"]),
     [("Гречка, мука, подсолнечное масло / Buckwheat, flour, sunflower oil", "100810 151211")],
     [], []),
    ("tatarstan", "tat", "Republic of Tatarstan Delegation", "RU", "Tatarstan",
     ("Ильдар Галиев", "Торгпредство Республики Татарстан (demo)", ["ru", "tt", "en"]),
     [("Trucks and petrochemicals", "8704 3901")], [("Auto components", "")], []),
    ("sverdlovsk", "svd", "Sverdlovsk Region Delegation", "RU", "Sverdlovsk Oblast",
     ("Андрей Кузнецов", "Министерство международных связей Свердловской области (demo)", ["ru"]),
     [("Metal products and ice cream", "")], [], []),
    ("gyeonggi", "ggi", "Gyeonggi Province Delegation", "KR", "Gyeonggi-do",
     ("Kim Jae-won", "Gyeonggi Business & Science Accelerator (demo)", ["ko", "en"]),
     [("Smart farm systems and cosmetics", "")], [("Partners for smart-farm export", "")], []),
    ("chungnam", "cnm", "Chungcheongnam-do Delegation", "KR", "Chungcheongnam-do",
     ("Park Min-seo", "International Trade Division, Chungnam (demo)", ["ko"]),
     [("Korean red ginseng and strawberries", "121120 081010")], [], []),
    ("jeonbuk", "jbk", "Jeonbuk State Delegation", "KR", "Jeollabuk-do",
     ("Choi Hyun-woo", "Jeonbuk Agricultural Export Office (demo)", ["ko", "en"]),
     [("Fermented foods and vegetable seeds", "")], [], []),
    ("yamaguchi", "ygc", "Yamaguchi Prefecture Delegation", "JP", "Yamaguchi",
     ("Tanaka Hiroshi", "International Affairs Division, Yamaguchi Prefecture (demo)", ["ja", "en"]),
     [("Sake and processed seafood", "220600 1604")], [], []),
    ("wakayama", "wky", "Wakayama Prefecture Delegation", "JP", "Wakayama",
     ("Suzuki Aiko", "Wakayama Prefecture Shanghai Office (demo)", ["ja", "zh"]),
     [("Umeboshi and mandarins", "")], [], []),
    ("south-australia", "sau", "South Australia State Delegation", "AU", "South Australia",
     ("Catherine Moore", "Department for Trade and Investment (demo)", ["en"]),
     [("Wine, barley, rock lobster", "2204 100390 030631")],
     [], [("Drought and water security", "")]),
    ("queensland", "qld", "Queensland State Delegation", "AU", "Queensland",
     ("Daniel O'Brien", "Trade and Investment Queensland (demo)", ["en"]),
     [("Beef and macadamia nuts", "020230 080262")], [], []),
    ("waikato", "wko", "Waikato Region Delegation", "NZ", "Waikato",
     ("Aroha Ngata", "Waikato Regional Economic Agency (demo)", ["en", "mi"]),
     [("Dairy ingredients and agritech", "0402")], [], []),
    ("bavaria", "bay", "Free State of Bavaria Delegation", "DE", "Bayern",
     ("Markus Huber", "Bayerisches Staatsministerium für Wirtschaft (demo)", ["de", "en"]),
     [("Landtechnik und Lebensmitteltechnik / farm and food technology", "")], [], []),
    ("lower-saxony", "nds", "Lower Saxony Delegation", "DE", "Niedersachsen",
     ("Anja Meyer", "Niedersachsen Global (demo)", ["de", "en"]),
     [("Saatkartoffeln und Tierhaltungstechnik / seed potatoes and livestock technology", "070110")], [], []),
    ("brittany", "bzh", "Brittany Region Delegation", "FR", "Bretagne",
     ("Yann Le Goff", "Bretagne Commerce International (demo)", ["fr", "en"]),
     [("Produits laitiers et produits de la mer / dairy and seafood", "")], [], []),
    ("emilia-romagna", "emr", "Emilia-Romagna Region Delegation", "IT", "Emilia-Romagna",
     ("Giulia Bianchi", "Regione Emilia-Romagna, Internazionalizzazione (demo)", ["it", "en"]),
     [("Macchine per l'imballaggio e alimentari / packaging and food machinery", "8422")], [], []),
    ("parana", "prn", "Paraná State Delegation", "BR", "Paraná",
     ("Ricardo Almeida", "Invest Paraná (demo)", ["pt", "en"]),
     [("Soja e carne de frango / soybeans and chicken meat", "120190 020714")], [], []),
    ("minas-gerais", "mgs", "Minas Gerais State Delegation", "BR", "Minas Gerais",
     ("Fernanda Souza", "Secretaria de Desenvolvimento Econômico (demo)", ["pt"]),
     [("Café arábica / arabica coffee", "090111")], [], []),
    ("valparaiso", "vlp", "Valparaíso Region Delegation", "CL", "Valparaíso",
     ("Javier Muñoz", "Gobierno Regional de Valparaíso (demo)", ["es", "en"]),
     [("Cerezas, vino, harina de pescado / cherries, wine, fish meal", "080929 2204 230120")], [], []),
    ("nakuru", "nkr", "Nakuru County Delegation", "KE", "Nakuru",
     ("Grace Wanjiru", "County Department of Trade (demo)", ["en", "sw"]),
     [("Avocado, tea, cut flowers", "080440 090240 060311")],
     [("Irrigation and cold chain", "")], [("Erratic rainfall", "")]),
    ("western-cape", "wcp", "Western Cape Province Delegation", "ZA", "Western Cape",
     ("Pieter van der Merwe", "Wesgro (demo)", ["en", "af"]),
     [("Citrus, wine and rooibos", "080510 2204")], [], []),
    ("alexandria", "alx", "Alexandria Governorate Delegation", "EG", "Alexandria",
     ("Mohamed Farouk", "Alexandria Chamber of Commerce (demo)", ["ar", "en"]),
     [("Oranges and Egyptian cotton", "080510 5201")], [], []),
    ("sharjah", "shj", "Sharjah Emirate Delegation", "AE", "Sharjah",
     ("Fatima Al Qasimi", "Sharjah Chamber of Commerce and Industry (demo)", ["ar", "en"]),
     [("Re-export logistics and dates", "080410")], [], []),
    ("punjab-pk", "pjb", "Punjab Province (Pakistan) Delegation", "PK", "Punjab",
     ("Imran Qureshi", "Punjab Board of Investment and Trade (demo)", ["ur", "en"]),
     [("Kinnow mandarins, rice, sesame", "080521 100630 120740")],
     [("Farm mechanisation", "")], []),
]

# ---------------------------------------------------------------------------
# Guest organizations, by delegation. Ids are <prefix>-NN in this order.
# (name, sector, languages, text language, description,
#  offers [(tag, text, hs)], needs [(tag, text, hs)], certifications, capacity)
# ---------------------------------------------------------------------------
GUESTS = {
"lampung": [
    ("Koperasi Produsen Kopi Tanggamus Sejahtera (demo)", "agriculture", ["id"], "id",
     "Koperasi 1.150 petani kopi robusta di lereng Gunung Tanggamus, ketinggian 600-900 mdpl. Petik merah, jemur di para-para.",
     [("coffee", "Kopi robusta biji hijau (green beans) grade 1, ELB, petik merah, kadar air maks 12,5%", "090111"),
      ("coffee", "Robusta Lampung FAQ / grade 4 untuk industri, 20 kontainer per tahun", "")],
     [("postharvest/coffee,dryer,sorter", "Mesin pengering kopi (dryer) dan mesin sortir biji kopi / color sorter", "841934 843710"),
      ("digital", "Aplikasi manajemen kebun dan pencatatan panen untuk anggota koperasi", ""),
      ("buyer", "Pembeli langsung (roaster, importir) di Tiongkok", "")],
     ["Rainforest Alliance", "4C"], "1.800 ton biji hijau per tahun"),
    ("PT Sangrai Nusantara Lampung (demo)", "food-processing", ["id", "en"], "id",
     "Roastery dan eksportir kopi bubuk merek sendiri di Bandar Lampung; melayani private label.",
     [("coffee", "Kopi robusta sangrai (roasted beans) dan kopi bubuk, kemasan 200 g - 1 kg, private label", "090121"),
      ("coffee", "Specialty robusta fine robusta, natural dan honey process", "090111")],
     [("packaging/pouch,coffee", "Kemasan kopi dengan one-way valve, standing pouch aluminium foil", "392329"),
      ("ecommerce", "Mitra cross-border e-commerce (Tmall Global, Douyin) untuk kopi Lampung", ""),
      ("foodmach/roaster", "Mesin sangrai (roaster) kapasitas 60 kg/batch", "")],
     ["Halal MUI", "BPOM", "HACCP"], "600 ton kopi sangrai per tahun"),
    ("CV Lada Hitam Way Kanan (demo)", "trade-distribution", ["id", "en"], "id",
     "Pengumpul dan eksportir lada hitam Lampung (Lampung black pepper) dari Way Kanan dan Lampung Utara.",
     [("pepper", "Lada hitam Lampung (black pepper) ASTA grade, 550 g/l, FAQ dan ASTA cleaned", "090411"),
      ("pepper", "Merica hitam bubuk / ground black pepper, kemasan 25 kg", "090412")],
     [("foodmach/sterilize", "Mesin sterilisasi uap (steam sterilization) untuk lada agar lolos uji mikrobiologi", ""),
      ("buyer", "Importir rempah dan pabrik bumbu di Tiongkok", "")],
     ["ISO 22000"], "1.200 ton per tahun"),
    ("PT Rempah Sai Bumi Lampung (demo)", "trade-distribution", ["id", "en"], "id",
     "Eksportir lada putih dan lada hitam, juga kayu manis dan pala dari mitra di Sumatra.",
     [("pepper", "Lada putih (white pepper) dan lada hitam, cleaned, steam sterilized, ASTA", "090411"),
      ("spice", "Kayu manis (cassia) dan pala (nutmeg)", "090611 090811")],
     [("pesticide", "Biopestisida / agens hayati (Trichoderma) untuk penyakit busuk pangkal batang lada", "380892"),
      ("irrigation", "Irigasi tetes untuk kebun lada di musim kemarau", "842482")],
     ["HACCP", "Halal MUI"], "900 ton per tahun"),
    ("PT Udang Windu Dipasena Mandiri (demo)", "fisheries", ["id", "en"], "id",
     "Tambak udang vaname intensif dan unit pengolahan di Tulang Bawang; ekspor ke Tiongkok dan Jepang.",
     [("shrimp", "Udang vaname beku HOSO, PD, PDTO, IQF dan block frozen, size 30-90", "030617"),
      ("shrimp", "Udang masak beku (cooked PD) untuk ritel", "160521")],
     [("aquafeed", "Pakan udang berkualitas (shrimp feed) dengan FCR rendah", "230990"),
      ("aquaeq", "Kincir air (paddle wheel aerator) dan sistem monitoring kualitas air tambak", ""),
      ("coldchain", "Cold storage dan truk reefer", "")],
     ["BAP 4-star", "HACCP", "ASC"], "3.500 ton udang per tahun"),
    ("PT Rajungan Teluk Lampung (demo)", "fisheries", ["id", "en"], "id",
     "Pengolahan daging rajungan pasteurisasi dan ikan laut dari nelayan Teluk Lampung dan Labuhan Maringgai.",
     [("crab", "Daging rajungan pasteurisasi (pasteurized blue swimming crab meat): jumbo, lump, claw", "160510"),
      ("fish", "Ikan kerapu hidup dan ikan kakap merah beku (frozen red snapper)", "030389"),
      ("squid", "Cumi-cumi beku (frozen squid) whole round", "030743")],
     [("coldchain", "Rantai dingin: freezer -40°C, kontainer reefer", "841830"),
      ("logistics", "Jalur pengiriman langsung Panjang - Qingdao", "")],
     ["HACCP", "BRC"], "600 ton per tahun"),
    ("Koperasi Kakao Pesawaran Lestari (demo)", "agriculture", ["id"], "id",
     "Koperasi petani kakao di Pesawaran, fermentasi 5 hari, kadar air 7%.",
     [("cocoa", "Biji kakao fermentasi (fermented cocoa beans) grade AA/A", "180100")],
     [("postharvest/cocoa,dryer,solar", "Kotak fermentasi dan pengering kakao tenaga surya", "841934"),
      ("seeds/cocoa", "Bibit kakao klon unggul tahan penyakit", "")],
     ["Fairtrade"], "400 ton per tahun"),
    ("PT Tapioka Way Jepara (demo)", "food-processing", ["id", "en"], "id",
     "Pabrik tepung tapioka di Lampung Timur, bahan baku singkong dari 3.000 petani plasma.",
     [("starch", "Tepung tapioka (tapioca starch / cassava starch) food grade, whiteness 93%", "110814"),
      ("starch", "Gaplek / cassava chips untuk pakan dan industri", "071410")],
     [("energy/biogas", "Teknologi biogas dari limbah cair tapioka (methane capture)", ""),
      ("foodmach/starch", "Mesin pengolahan pati modern (decanter, flash dryer)", "")],
     ["Halal MUI", "SNI"], "60.000 ton per tahun"),
    ("PT Kelapa Pesisir Barat (demo)", "food-processing", ["id", "en"], "en",
     "Integrated coconut processor in Pesisir Barat: desiccated coconut, VCO and coconut-shell charcoal briquettes.",
     [("coconut", "Desiccated coconut (kelapa parut kering), fine and medium grade, low fat", "080111"),
      ("coconut", "Virgin coconut oil (VCO) and coconut shell charcoal briquettes for shisha/BBQ", "151319 440220")],
     [("packaging/carton,bag", "Kraft paper bags and cartons for export", "481910"),
      ("buyer", "Food manufacturers and distributors in Shandong", ""),
      ("finance", "Trade finance and export credit insurance for new Chinese buyers", "")],
     ["Halal", "FSSC 22000"], "4.000 t/year"),
    ("PT Buah Tropis Lampung Tengah (demo)", "agriculture", ["id"], "id",
     "Perkebunan nanas dan pisang cavendish di Lampung Tengah, juga nanas kaleng.",
     [("tropfruit", "Nanas segar MD2 dan nanas kaleng (canned pineapple) slices/chunks", "080430 200820"),
      ("tropfruit", "Pisang cavendish segar", "080390")],
     [("coldchain", "Rantai dingin dan ruang pemeraman pisang (ripening room)", ""),
      ("seeds", "Bibit tahan kekeringan dan varietas baru untuk diversifikasi tanaman", "")],
     ["GlobalG.A.P."], "25.000 ton buah per tahun"),
    ("Asosiasi Petani Milenial Lampung (demo)", "other", ["id", "en"], "id",
     "Asosiasi petani muda dan agen alat pertanian di 15 kabupaten Lampung; mencari teknologi pertanian digital dan menjadi distributor.",
     [("agent", "Distributor dan agen resmi alat/mesin pertanian di Lampung dan Sumatra", "")],
     [("drone", "Drone penyemprot pestisida (drone pertanian) dan drone pemetaan lahan", "880622"),
      ("digital", "Pertanian digital: sensor IoT tanah dan cuaca, farm management software", ""),
      ("irrigation", "Irigasi tetes dan fertigasi untuk hortikultura", "842482"),
      ("training", "Pelatihan pilot drone dan teknisi irigasi untuk petani muda (youth exchange)", ""),
      ("seeds/drought,maize,vegetable,chili", "Benih tahan iklim (climate-resilient seeds): jagung dan cabai tahan kekeringan", "")],
     [], "1.200 anggota"),
    ("PT Kawasan Industri Tanggamus Bahari (demo)", "logistics-cold-chain", ["id", "en"], "en",
     "Industrial estate and port operator near Teluk Semangka, with a special-economic-zone plan; investment partner wanted.",
     [("invest", "Industrial estate land and port-side warehouse for agro-processing investors", ""),
      ("logistics", "Bulk and container terminal services at Teluk Semangka", "")],
     [("port", "Port cranes, container handling and smart-port systems", ""),
      ("coldchain", "Cold storage investment partner for a fisheries cold-chain hub", ""),
      ("training", "Vocational training partner (polytechnic) for the estate's future workforce", "")],
     ["ISO 9001"], "420 ha estate"),
],
"east-java": [
    ("PT Rumput Laut Madura Sentosa (demo)", "fisheries", ["id", "en"], "id",
     "Pengolah rumput laut Eucheuma cottonii dan karagenan semi-refined di Sumenep.",
     [("seaweed", "Rumput laut kering Eucheuma cottonii dan karagenan (SRC)", "121221 130239")],
     [("foodmach/seaweed", "Mesin pengolahan karagenan dan pengering", ""), ("buyer", "Pembeli karagenan di Tiongkok", "")],
     ["Halal MUI"], "5.000 ton per tahun"),
    ("CV Jati Rotan Jepara-Surabaya (demo)", "manufacturing", ["id", "en"], "en",
     "Teak and rattan furniture workshop and exporter in Surabaya.",
     [("furniture", "Teak garden furniture and rattan chairs, FSC timber", "940360")],
     [("packaging/carton", "Export cartons and foam protection", ""), ("ecommerce", "Online furniture retailers in China", "")],
     ["SVLK", "FSC"], "40 containers/year"),
],
"south-sulawesi": [
    ("Koperasi Kakao Luwu Utara (demo)", "agriculture", ["id"], "id",
     "Koperasi kakao di Luwu Utara, Sulawesi Selatan.",
     [("cocoa", "Biji kakao kering fermentasi, bean count 100-110", "180100")],
     [("seeds/cocoa", "Bibit kakao sambung samping tahan VSD", ""), ("pesticide", "Pengendalian hama PBK ramah lingkungan", "")],
     [], "800 ton per tahun"),
],
"haiphong": [
    ("Công ty TNHH Thủy sản Cát Hải (demo)", "fisheries", ["vi", "en"], "vi",
     "Chế biến và xuất khẩu thủy sản đông lạnh tại Hải Phòng.",
     [("fish", "Cá đông lạnh, mực ống đông lạnh (frozen squid), IQF", "030743"),
      ("shrimp", "Tôm thẻ chân trắng đông lạnh", "030617")],
     [("coldchain", "Kho lạnh và thiết bị cấp đông IQF", "841830"), ("packaging", "Bao bì thực phẩm", "")],
     ["HACCP", "BRC"], "2.000 tấn/năm"),
    ("Hai Phong Green Port Logistics JSC (demo)", "logistics-cold-chain", ["vi", "en"], "en",
     "Container terminal and inland logistics operator in Hai Phong.",
     [("logistics", "Container handling and trucking Hai Phong - Lang Son - China border", "")],
     [("port", "Partnership with Qingdao and Rizhao ports, RTG cranes", "")], ["ISO 9001"], "800,000 TEU/year"),
],
"dong-nai": [
    ("Công ty CP Điều Đồng Nai Xanh (demo)", "food-processing", ["vi", "en"], "vi",
     "Nhà máy chế biến hạt điều xuất khẩu tại Đồng Nai.",
     [("cashew", "Hạt điều nhân W240, W320 (cashew kernels)", "080132")],
     [("foodmach/cashew", "Máy tách vỏ hạt điều tự động", ""), ("buyer", "Nhà nhập khẩu hạt điều tại Sơn Đông", "")],
     ["BRC", "HACCP"], "6.000 tấn/năm"),
    ("Dong Nai Durian Export Co. (demo)", "agriculture", ["vi", "en"], "en",
     "Durian orchards and packhouse, Ri6 and Monthong varieties.",
     [("tropfruit", "Fresh and frozen durian (whole fruit, pulp), GACC registered packhouse", "081060")],
     [("coldchain", "Cold-chain partner and reefer logistics to Qingdao", ""),
      ("irrigation", "Drip irrigation for durian orchards", "")], ["VietGAP"], "3,000 t/year"),
],
"long-an": [
    ("Long An Rice & Dragon Fruit Co. (demo)", "agriculture", ["vi", "en"], "en",
     "Rice mill and dragon-fruit cooperative partner in Long An.",
     [("rice", "Fragrant rice ST25 and Jasmine rice", "100630"), ("tropfruit", "Fresh dragon fruit", "081090")],
     [("postharvest/rice,sorter,dryer", "Rice dryers and color sorters", "843710"), ("buyer", "Rice importers in North China", "")],
     ["GlobalG.A.P."], "50,000 t/year"),
],
"chonburi": [
    ("Siam Tapioca Industries Co., Ltd. (demo)", "food-processing", ["th", "en"], "en",
     "Native and modified tapioca starch producer in Chonburi.",
     [("starch", "Native tapioca starch and modified starch for paper and food", "110814 350510")],
     [("buyer", "Paper mills, noodle and food manufacturers in Shandong", ""),
      ("energy/biogas,biomass", "Biogas and biomass boilers", "")], ["ISO 22000", "Halal"], "200,000 t/year"),
    ("บริษัท อีสเทิร์น ฟรุ๊ต เอ็กซ์ปอร์ต จำกัด (demo)", "agriculture", ["th", "en"], "th",
     "ผู้ส่งออกทุเรียนและมังคุดจากภาคตะวันออก",
     [("tropfruit", "ทุเรียนหมอนทองสด และทุเรียนแช่แข็ง (frozen durian)", "081060")],
     [("coldchain", "ห้องเย็นและโลจิสติกส์ห่วงโซ่ความเย็นไปชิงเต่า", ""),
      ("packaging/carton", "กล่องบรรจุผลไม้ส่งออก", "")], ["GMP"], "8,000 ตัน/ปี"),
],
"chiang-mai": [
    ("Doi Saket Arabica Co. (demo)", "agriculture", ["th", "en"], "en",
     "Arabica coffee from northern Thailand highlands.",
     [("coffee", "Thai arabica green coffee, washed process", "090111")],
     [("postharvest/coffee,huller,dryer", "Coffee hullers and dryers", ""), ("buyer", "Specialty coffee roasters in China", "")],
     ["Organic Thailand"], "300 t/year"),
    ("บริษัท ลำไยอบแห้งเชียงใหม่ จำกัด (demo)", "food-processing", ["th", "en"], "th",
     "โรงงานลำไยอบแห้งและลำไยแช่แข็ง",
     [("driedfruit", "ลำไยอบแห้งทั้งเปลือก และเนื้อลำไยอบแห้ง (dried longan)", "081340")],
     [("postharvest/fruit,dryer", "เครื่องอบแห้งผลไม้ประหยัดพลังงาน", "841934")], ["GMP", "HACCP"], "5,000 ตัน/ปี"),
],
"penang": [
    ("Pinang Swiftlet Nest Sdn Bhd (demo)", "health-herbal", ["en", "ms", "zh"], "en",
     "Edible bird's nest processor, GACC registered.",
     [("birdnest", "Cleaned edible bird's nest (燕窝) and ready-to-drink bird's nest", "041010")],
     [("buyer", "Distributors and cross-border e-commerce in Shandong", ""),
      ("packaging/glass", "Glass bottles and gift packaging", "")], ["GACC", "HACCP"], "20 t/year"),
],
"sarawak": [
    ("Borneo Pepper Trading Sdn Bhd (demo)", "trade-distribution", ["en", "ms", "zh"], "en",
     "Sarawak pepper exporter: black, white and green pepper.",
     [("pepper", "Sarawak black pepper and Sarawak white pepper (Creamy Salute grade)", "090411")],
     [("buyer", "Spice importers and seasoning manufacturers in China", "")], ["MPB grading"], "1,500 t/year"),
    ("Mukah Sago Industries Sdn Bhd (demo)", "food-processing", ["ms", "en"], "en",
     "Sago starch mill.",
     [("starch", "Sago starch for noodles and food industry", "110819")],
     [("drone", "Drones for plantation mapping and spraying", "880622")], ["Halal JAKIM"], "30,000 t/year"),
],
"cebu": [
    ("Cebu Mango Delights Inc. (demo)", "food-processing", ["en", "tl"], "en",
     "Dried mango and fruit snacks manufacturer.",
     [("driedfruit", "Dried mango slices, purée", "081340")],
     [("foodmach/fruit,drying", "Fruit processing and drying lines", ""), ("ecommerce", "Cross-border e-commerce partners", "")],
     ["HACCP", "FDA-PH"], "2,500 t/year"),
    ("Visayas Coco Products Corp. (demo)", "food-processing", ["en", "tl"], "en",
     "Coconut water, coconut flour and coco coir.",
     [("coconut", "Desiccated coconut, coconut water, coco coir fibre", "080111 530500")],
     [("packaging/aseptic", "Aseptic packaging", "")], ["FSSC 22000"], "6,000 t/year"),
],
"davao": [
    ("Davao Highland Banana Growers Coop (demo)", "agriculture", ["en", "tl"], "en",
     "Cavendish banana growers' cooperative.",
     [("tropfruit", "Fresh Cavendish bananas, 13 kg cartons", "080390")],
     [("coldchain", "Reefer logistics and ripening rooms in North China", ""),
      ("pesticide", "Biological control for Fusarium TR4 / Panama disease", "")], ["GlobalG.A.P."], "40,000 t/year"),
],
"phnom-penh": [
    ("Mekong Golden Rice Co., Ltd. (demo)", "agriculture", ["km", "en"], "en",
     "Rice miller and exporter.",
     [("rice", "Cambodian jasmine rice (Phka Rumduol)", "100630")],
     [("postharvest/rice,mill,dryer", "Rice dryers and milling machinery", "843780"), ("pump/solar", "Solar irrigation pumps", "")],
     ["SRP"], "30,000 t/year"),
    ("Kampong Cashew Processing (demo)", "food-processing", ["km", "en"], "en",
     "Raw and processed cashew nuts.",
     [("cashew", "Raw cashew nuts in shell and kernels", "080131 080132")],
     [("foodmach/cashew", "Cashew shelling machines", "")], [], "10,000 t/year"),
],
"vientiane": [
    ("Bolaven Highlands Coffee Export (demo)", "agriculture", ["lo", "th", "en"], "en",
     "Coffee from the Bolaven plateau via Vientiane.",
     [("coffee", "Lao robusta and arabica green coffee", "090111")],
     [("logistics", "Rail freight on the China-Laos railway", ""), ("postharvest/coffee,huller,dryer", "Coffee processing equipment", "")],
     ["Organic"], "1,000 t/year"),
],
"almaty-region": [
    ("ТОО «Жетысу Агро Экспорт» (demo)", "agriculture", ["kk", "ru", "en"], "ru",
     "Производство и экспорт пшеничной муки и льна.",
     [("wheat", "Мука пшеничная высшего сорта, пшеница 3 класса", "110100 100199"),
      ("flax", "Семена льна масличного (flaxseed)", "120400")],
     [("greenhouse", "Тепличные комплексы и капельное орошение", "940690"),
      ("logistics", "Ж/д логистика Хоргос - Циндао", "")], ["ISO 22000"], "120 000 т/год"),
    ("Kazakh Mountain Honey LLP (demo)", "food-processing", ["kk", "ru", "en"], "en",
     "Mountain honey producer.",
     [("honey", "Natural mountain honey, bulk and retail jars", "040900")],
     [("ecommerce", "Cross-border e-commerce partners", "")], ["Halal"], "500 t/year"),
],
"samarkand": [
    ("ООО «Samarqand Quruq Meva» (demo)", "food-processing", ["uz", "ru"], "ru",
     "Переработка и экспорт сухофруктов.",
     [("driedfruit", "Изюм, курага, чернослив (dried fruit)", "080620 081310")],
     [("irrigation", "Капельное орошение для садов интенсивного типа", "842482"),
      ("packmach", "Упаковочное оборудование", "")], ["HACCP"], "4 000 т/год"),
    ("Samarkand Cherry Growers LLC (demo)", "agriculture", ["uz", "ru", "en"], "en",
     "Intensive cherry orchards.",
     [("cherry", "Fresh sweet cherries, air freight", "080929")],
     [("coldchain", "Pre-cooling and cold storage", "841869")], ["GlobalG.A.P."], "2,000 t/year"),
],
"primorsky": [
    ("ООО «Приморская рыбная компания» (demo)", "fisheries", ["ru"], "ru",
     "Добыча и переработка минтая и краба, Владивосток.",
     [("fish", "Минтай мороженый (frozen Alaska pollock) H&G", "030367"),
      ("crab", "Краб живой и варёно-мороженый (king crab, snow crab)", "030633 030614")],
     [("coldchain", "Холодильные склады в Циндао", ""), ("buyer", "Переработчики рыбы в Шаньдуне", "")],
     ["MSC"], "20 000 т/год"),
    ("ООО «ДальЛесЭкспорт» (demo)", "other", ["ru", "en"], "ru",
     "Пиломатериалы хвойных пород.",
     [("timber", "Пиломатериалы: сосна, ель, лиственница (sawn timber)", "440711 440712")],
     [("buyer", "Производители фанеры и мебели в Китае", "")], ["FSC"], "150 000 м3/год"),
],
"novosibirsk": [
    ("ООО «Сибирская мука и масло» (demo)", "food-processing", ["ru", "en"], "ru",
     "Мука, гречка и подсолнечное масло.",
     [("grain", "Гречневая крупа и мука пшеничная", "100810 110100"),
      ("vegoil", "Подсолнечное масло нерафинированное (crude sunflower oil)", "151211")],
     [("ecommerce", "Партнёры по трансграничной электронной торговле", ""),
      ("packaging/bag", "Упаковка для круп", "")], ["Halal"], "80 000 т/год"),
],
"tatarstan": [
    ("Kazan Auto Components JSC (demo)", "manufacturing", ["ru", "en"], "en",
     "Truck components and aftermarket parts.",
     [("auto", "Truck brake systems and aftermarket parts", "870830")],
     [("autoparts", "Chinese tyre and bearing suppliers", "4011")], ["IATF 16949"], "—"),
],
"sverdlovsk": [
    ("ООО «Уральский пломбир» (demo)", "food-processing", ["ru"], "ru",
     "Мороженое на натуральных сливках.",
     [("dairy", "Мороженое пломбир (ice cream)", "210500")],
     [("buyer", "Дистрибьюторы замороженных продуктов", ""), ("coldchain", "Холодовая логистика -25°C", "")],
     ["ISO 22000"], "12 000 т/год"),
],
"gyeonggi": [
    ("(주)그린팜테크 GreenFarm Tech (demo)", "drones-digital", ["ko", "en"], "ko",
     "스마트팜 환경제어 시스템 전문기업.",
     [("digital", "스마트팜 환경제어기, 양액기 (smart farm control)", "")],
     [("greenhouse", "중국 온실 시공 파트너", ""), ("agent", "중국 총판 대리점", "")], ["KC"], "—"),
    ("Gyeonggi K-Beauty Export Co. (demo)", "health-herbal", ["ko", "en"], "en",
     "Cosmetics brand export house.",
     [("cosmetics", "Skin-care cosmetics (ginseng cream)", "330499")],
     [("ecommerce", "Cross-border e-commerce and bonded warehouse", "")], ["CGMP"], "—"),
],
"chungnam": [
    ("금산인삼농협 Geumsan Ginseng Coop (demo)", "health-herbal", ["ko"], "ko",
     "금산 인삼 및 홍삼 제품.",
     [("ginseng", "홍삼 (Korean red ginseng) 뿌리 및 농축액", "121120")],
     [("buyer", "중국 건강식품 유통업체", "")], ["GMP"], "300 t/year"),
    ("논산딸기 영농조합 (demo)", "agriculture", ["ko"], "ko",
     "논산 딸기 재배 농가 조합.",
     [("fruit", "신선 딸기 (fresh strawberries) 설향", "081010")],
     [("coldchain", "항공 냉장 물류", ""), ("seeds/strawberry,seedling", "딸기 육묘 기술", "")], ["GAP"], "1,500 t/year"),
],
"jeonbuk": [
    ("전북발효식품 (demo)", "food-processing", ["ko", "en"], "ko",
     "김치, 고추장 등 발효식품 수출.",
     [("processedfood", "김치, 고추장, 된장 (fermented foods)", "200599 2103")],
     [("buyer", "중국 수입 유통사, 대형마트", ""), ("seeds/chili,vegetable", "고추 종자", "")], ["HACCP"], "3,000 t/year"),
],
"yamaguchi": [
    ("山口酒造株式会社 Yamaguchi Sake Brewery (demo)", "food-processing", ["ja", "en"], "ja",
     "山口県の日本酒蔵。純米大吟醸を中国へ輸出。",
     [("beverage", "日本酒 純米大吟醸 (sake)", "220600")],
     [("buyer", "山東省の輸入代理店・高級レストラン", "")], [], "500 kL/year"),
    ("Shimonoseki Marine Foods Co. (demo)", "fisheries", ["ja", "en"], "en",
     "Processed fugu and seafood.",
     [("fish", "Processed pufferfish (fugu) and fish fillets", "1604")],
     [("coldchain", "Frozen logistics Shimonoseki - Qingdao ferry", "")], ["HACCP"], "800 t/year"),
],
"wakayama": [
    ("紀州梅干本舗 (demo)", "food-processing", ["ja", "zh"], "ja",
     "紀州南高梅の梅干しとみかんジュース。",
     [("processedfood", "梅干し (umeboshi) 、みかんジュース", "200899 200919")],
     [("buyer", "中国の輸入食品卸", "")], [], "1,200 t/year"),
],
"south-australia": [
    ("Fleurieu Coast Wines Pty Ltd (demo)", "food-processing", ["en"], "en",
     "Winery on the Fleurieu Peninsula.",
     [("wine", "Shiraz and Grenache red wine, 750 ml and bag-in-box", "220421")],
     [("buyer", "Wine importers and distributors in Shandong", "")], ["Sustainable Winegrowing Australia"], "90,000 cases/year"),
    ("Eyre Peninsula Seafood Exporters (demo)", "fisheries", ["en"], "en",
     "Southern rock lobster and abalone.",
     [("seafood", "Live southern rock lobster and frozen abalone", "030631 030783")],
     [("logistics", "Air freight to Jinan and Qingdao", "")], ["HACCP"], "400 t/year"),
],
"queensland": [
    ("Darling Downs Beef Co. (demo)", "food-processing", ["en"], "en",
     "Grain-fed beef processor.",
     [("beef", "Frozen boneless beef, grain-fed 150 days", "020230")],
     [("buyer", "Meat importers and cold stores in Shandong", "")], ["Halal", "MSA"], "25,000 t/year"),
],
"waikato": [
    ("Waikato AgriSense Ltd (demo)", "drones-digital", ["en"], "en",
     "Pasture and farm sensing technology, plus dairy ingredients trading arm.",
     [("dairy", "Whole milk powder and butter", "040221 040510"),
      ("digital", "Farm sensing software and soil moisture probes", "")],
     [("agent", "Distributors for agritech in China", "")], ["ISO 27001"], "—"),
],
"bavaria": [
    ("Allgäuer Melktechnik GmbH (demo)", "machinery", ["de", "en"], "de",
     "Melktechnik und Stalltechnik aus dem Allgäu.",
     [("dairymach", "Melkroboter und Melkstände", "843410")],
     [("agent", "Vertriebspartner in Shandong", "")], ["CE"], "—"),
    ("Donau Agrar Sensorik GmbH (demo)", "drones-digital", ["de", "en"], "de",
     "Sensorik für Präzisionslandwirtschaft.",
     [("digital", "Bodensensoren, Wetterstationen und Farm-Management-Software", "")],
     [("agent", "Distributor für China und Südostasien", ""), ("drone", "Drohnenhersteller als Partner", "")],
     ["CE"], "—"),
],
"lower-saxony": [
    ("Emsland Pflanzkartoffel GmbH (demo)", "agriculture", ["de", "en"], "de",
     "Pflanzkartoffeln und Kartoffeltechnik.",
     [("potato", "Zertifizierte Pflanzkartoffeln (seed potatoes)", "070110")],
     [("buyer", "Kartoffelverarbeiter in Shandong", "")], ["EU-Pflanzenpass"], "30.000 t/Jahr"),
],
"brittany": [
    ("Laiterie de l'Armor SAS (demo)", "food-processing", ["fr", "en"], "fr",
     "Laiterie coopérative bretonne.",
     [("dairy", "Lait UHT, beurre et fromages (dairy products)", "0401 0405 0406")],
     [("buyer", "Importateurs de produits laitiers au Shandong", "")], ["IFS"], "200 000 t/an"),
],
"emilia-romagna": [
    ("Imballaggi Reggiani S.r.l. (demo)", "machinery", ["it", "en"], "it",
     "Macchine automatiche per il confezionamento alimentare.",
     [("packmach", "Confezionatrici automatiche per caffè e snack (packaging machines)", "842240")],
     [("agent", "Distributore in Cina", "")], ["CE"], "—"),
],
"parana": [
    ("Cooperativa Agroindustrial Campos Gerais (demo)", "agriculture", ["pt", "en"], "pt",
     "Cooperativa de soja e frango do Paraná.",
     [("soybean", "Soja em grão (soybeans) GMO e não-GMO", "120190"),
      ("poultry", "Carne de frango congelada (pés de frango)", "020714")],
     [("buyer", "Esmagadoras de soja e importadores em Shandong", "")], ["Halal"], "1.200.000 t/ano"),
    ("AgroDrones Paraná Ltda (demo)", "drones-digital", ["pt", "en"], "pt",
     "Serviços de pulverização com drones.",
     [("service", "Serviços de pulverização aérea", "")],
     [("drone", "Drones agrícolas de pulverização (DJI-class)", "880622")], [], "—"),
],
"minas-gerais": [
    ("Cooperativa dos Cafeicultores do Cerrado Mineiro (demo)", "agriculture", ["pt"], "pt",
     "Cooperativa de café arábica.",
     [("coffee", "Café arábica verde (green coffee), peneira 17/18, natural", "090111")],
     [("buyer", "Torrefadores e importadores de café na China", "")], ["Rainforest Alliance"], "60.000 sacas/ano"),
],
"valparaiso": [
    ("Exportadora Aconcagua Cherries SpA (demo)", "agriculture", ["es", "en"], "es",
     "Exportadora de cerezas del valle de Aconcagua.",
     [("cherry", "Cerezas frescas (fresh cherries) Lapins, Santina", "080929")],
     [("coldchain", "Almacenes frigoríficos y distribución en Qingdao", ""), ("buyer", "Mayoristas de fruta en Shandong", "")],
     ["GlobalG.A.P."], "8.000 t/año"),
    ("Harinas Marinas de San Antonio S.A. (demo)", "agri-inputs", ["es", "en"], "es",
     "Planta de harina y aceite de pescado.",
     [("fishmeal", "Harina de pescado (fish meal) 67% proteína", "230120")],
     [("buyer", "Fabricantes de alimento acuícola en China", "")], ["IFFO RS"], "40.000 t/año"),
],
"nakuru": [
    ("Rift Valley Avocado Growers Ltd (demo)", "agriculture", ["en", "sw"], "en",
     "Hass avocado smallholder aggregator.",
     [("avocado", "Fresh Hass avocado and frozen avocado halves", "080440")],
     [("irrigation", "Drip irrigation kits for smallholders", "842482"), ("coldchain", "Cold rooms and reefer logistics", "")],
     ["GlobalG.A.P.", "KEPHIS"], "6,000 t/year"),
    ("Menengai Agro-Dealers Network (demo)", "trade-distribution", ["en", "sw"], "en",
     "Network of agro-input dealers in the Rift Valley.",
     [("agent", "Distribution of farm inputs and machinery in Kenya", "")],
     [("fertilizer", "Water-soluble fertilizers", "3105"), ("farmmach", "Small tractors and walking tractors", "870110"),
      ("training", "Training for agro-dealers and drone pilots", "")],
     [], "—"),
],
"western-cape": [
    ("Cederberg Citrus & Rooibos (demo)", "agriculture", ["en", "af"], "en",
     "Citrus packhouse and rooibos tea.",
     [("citrus", "Fresh navel oranges and soft citrus", "080510"), ("tea", "Rooibos tea", "121190")],
     [("buyer", "Fruit importers in North China", "")], ["GlobalG.A.P."], "20,000 t/year"),
],
"alexandria": [
    ("Delta Agro Export Co. (demo)", "agriculture", ["ar", "en"], "en",
     "Orange and cotton exporter from the Nile Delta.",
     [("citrus", "Fresh Valencia oranges", "080510"), ("cotton", "Egyptian long-staple cotton lint (Giza)", "520100")],
     [("buyer", "Citrus importers in Shandong", ""), ("packaging/carton", "Fruit cartons", "")], ["GlobalG.A.P."], "30,000 t/year"),
],
"sharjah": [
    ("Sharjah Gulf Re-Export Trading LLC (demo)", "trade-distribution", ["ar", "en"], "en",
     "Re-export trading house for the Gulf and East Africa.",
     [("dates", "Dates (Medjool, Khalas)", "080410")],
     [("garlic", "Chinese garlic, apples and vegetables for re-export", "070320 080810"),
      ("tyres", "Tyres and auto parts", "4011"),
      ("finance", "RMB trade settlement and letters of credit", "")], [], "—"),
],
"punjab-pk": [
    ("Sargodha Kinnow Exporters (demo)", "agriculture", ["ur", "en"], "en",
     "Kinnow mandarin packhouse.",
     [("citrus", "Fresh kinnow mandarins", "080521"), ("sesame", "Sesame seeds, hulled", "120740")],
     [("farmmach", "Farm mechanisation: tractors and sprayers", "8701"), ("buyer", "Sesame importers in China", "")],
     [], "15,000 t/year"),
],
}

# ---------------------------------------------------------------------------
# Host organizations (Shandong). Ids sd-001.. and tables H001.. in this order.
# (city, name, sector, languages, description, offers, needs, certifications,
#  capacity)
# ---------------------------------------------------------------------------
ZH = ["zh"]
ZE = ["zh", "en"]
HOSTS = [
    # --- coffee, tea, cocoa and food importers / roasters -------------------
    ("Qingdao", "青岛海岸咖啡进出口有限公司（演示）", "trade-distribution", ZE,
     "咖啡生豆进口商，保税区仓库，供应华北烘焙工厂。",
     [("distrib", "保税仓储、报关及分销服务", "")],
     [("coffee", "进口咖啡生豆：罗布斯塔 Robusta G1/G2、阿拉比卡", "090111"),
      ("cocoa", "可可豆、可可液块", "1801")], ["AEO"], "年进口 8,000 吨"),
    ("Jinan", "济南泉城咖啡烘焙有限公司（演示）", "food-processing", ZH,
     "咖啡烘焙工厂，OEM 代工挂耳咖啡、速溶咖啡。",
     [("coffeeoem", "挂耳咖啡、冷萃咖啡 OEM 代加工", "")],
     [("coffee", "罗布斯塔咖啡生豆（印尼、越南产），精品罗豆 fine robusta", "090111"),
      ("packmach", "挂耳咖啡全自动包装机（欧洲品牌）", "842240")],
     ["SC", "ISO 22000"], "年烘焙 3,000 吨"),
    ("Yantai", "烟台海之味速溶咖啡有限公司（演示）", "food-processing", ZE,
     "冻干及速溶咖啡粉生产企业。",
     [("coffee", "冻干咖啡粉 freeze-dried coffee (出口)", "210111")],
     [("coffee", "工业级罗布斯塔生豆，年采购 5,000 吨", "090111")], ["FSSC 22000"], "年产 2,000 吨"),
    ("Jinan", "山东茗品茶业集团有限公司（演示）", "trade-distribution", ZH,
     "日照绿茶和红茶品牌，兼营进口咖啡和茶饮原料。",
     [("tea", "日照绿茶、崂山红茶", "090210")],
     [("coffee", "咖啡豆和咖啡粉，用于连锁茶饮店", ""), ("tea", "进口红茶、南非博士茶 rooibos", "")],
     [], "门店 260 家"),
    ("Qingdao", "青岛可可源食品有限公司（演示）", "food-processing", ZE,
     "巧克力和可可制品工厂。",
     [("cocoaprod", "可可粉、巧克力代加工", "180500")],
     [("cocoa", "发酵可可豆 fermented cocoa beans，印尼/西非产", "180100")], ["BRC"], "年加工可可豆 6,000 吨"),
    ("Weifang", "潍坊鲁咖供应链管理有限公司（演示）", "trade-distribution", ZH,
     "咖啡、椰子制品进口分销，服务连锁餐饮。",
     [("distrib", "华北餐饮渠道分销", "")],
     [("coffee", "咖啡豆（烘焙豆）", "090121"), ("coconut", "椰浆、椰子粉、椰蓉", "080111")], [], "客户 1,200 家"),
    ("Jinan", "山东齐鲁云南咖啡贸易有限公司（演示）", "trade-distribution", ZH,
     "销售云南普洱小粒咖啡生豆和烘焙豆。",
     [("coffee", "云南小粒咖啡生豆、烘焙豆，寻找海外买家", "090111 090121")],
     [("logistics", "出口物流", "")], [], "年销售 1,500 吨"),
    # --- spices -------------------------------------------------------------
    ("Linyi", "临沂鲁香调味品有限公司（演示）", "food-processing", ZH,
     "复合调味料、十三香、火锅底料生产。",
     [("processedfood", "复合调味料、火锅底料", "210390")],
     [("pepper", "黑胡椒、白胡椒原料（印尼楠榜、马来西亚沙捞越）", "090411"),
      ("spice", "肉桂、豆蔻、姜黄等香辛料", "0906 0908"), ("packmach", "调味品自动称重包装线", "")], ["SC", "HACCP"], "年产 20,000 吨"),
    ("Qingdao", "青岛海丰香辛料进出口有限公司（演示）", "trade-distribution", ZE,
     "香辛料进口商，蒸汽灭菌和研磨加工。",
     [("foodmach/sterilize", "香辛料蒸汽灭菌加工服务", "")],
     [("pepper", "黑胡椒 ASTA 级 550g/l、白胡椒", "090411"), ("spice", "丁香、肉豆蔻", "")], ["BRC"], "年进口 3,000 吨"),
    ("Heze", "菏泽辣业集团有限公司（演示）", "food-processing", ZH,
     "辣椒种植加工及胡椒粉分装。",
     [("spice", "辣椒干、辣椒粉（出口）", "090421 090422")],
     [("pepper", "胡椒粒（粗加工后磨粉分装）", "090411")], [], "年产 15,000 吨"),
    ("Jining", "济宁金乡大蒜集团（演示）", "trade-distribution", ZE,
     "大蒜种植、冷藏和出口，金乡大蒜。",
     [("garlic", "鲜大蒜、冷藏大蒜、蒜片 fresh garlic", "070320")],
     [("logistics", "东南亚、中东海运物流", ""), ("buyer", "海外进口商", "")], ["GlobalG.A.P."], "年出口 60,000 吨"),
    # --- seafood ------------------------------------------------------------
    ("Qingdao", "青岛蓝海水产集团有限公司（演示）", "fisheries", ZE,
     "水产加工出口企业，对虾、鱿鱼、鳕鱼加工。",
     [("coldchain", "冷库租赁 -25°C", "")],
     [("shrimp", "南美白对虾原料（冻虾 HOSO、PD、虾仁）", "030617"),
      ("squid", "冻鱿鱼原料", "030743"), ("fish", "冻鳕鱼、狭鳕鱼 H&G", "030367")], ["BRC", "ASC"], "年加工 30,000 吨"),
    ("Yantai", "烟台渔港海产品进口有限公司（演示）", "trade-distribution", ZE,
     "海产品进口商，分销华北市场。",
     [("distrib", "进口冻品分销网络", "")],
     [("crab", "帝王蟹、雪蟹（活蟹及冻蟹）", "030633 030614"), ("crab", "巴氏杀菌蟹肉 pasteurized crab meat", "160510")], [], "年进口 5,000 吨"),
    ("Weihai", "威海石岛远洋渔业有限公司（演示）", "fisheries", ZE,
     "远洋捕捞与水产加工，荣成石岛。",
     [("fish", "冻秋刀鱼、冻鱿鱼（出口）", "030389")],
     [("shrimp", "冻虾仁、面包虾原料", "030617"), ("crab", "梭子蟹、青蟹", "")], ["HACCP"], "年产 40,000 吨"),
    ("Rizhao", "日照海韵食品有限公司（演示）", "food-processing", ZH,
     "水产调理食品：裹粉虾、鱿鱼圈。",
     [("processedfood", "裹粉虾、鱿鱼圈 (OEM)", "160529")],
     [("shrimp", "IQF 冻虾仁、南美白对虾 PD 规格 41/50-71/90", "030617")], ["BRC"], "年产 8,000 吨"),
    ("Qingdao", "青岛鲜达进口海鲜电商有限公司（演示）", "trade-distribution", ZH,
     "进口海鲜生鲜电商，冷链到家。",
     [("ecommerce", "生鲜电商平台入驻及直播带货", "")],
     [("seafood", "进口海鲜：龙虾、鲍鱼、帝王蟹、虾", "0306"), ("fish", "石斑鱼、鲷鱼", "")], [], "会员 200 万"),
    ("Yantai", "烟台海参养殖有限公司（演示）", "fisheries", ZH,
     "海参、鲍鱼养殖及加工，与印尼、马来西亚进口海参合作。",
     [("seafood", "即食海参、淡干海参", "030819")],
     [("seafood", "进口海参原料、鲍鱼", "030811"), ("aquaeq", "循环水养殖设备", "")], [], "年产 500 吨"),
    ("Weihai", "荣成金海湾水产品有限公司（演示）", "fisheries", ZE,
     "虾、蟹加工出口日本韩国，自有冷库 2 万吨。",
     [("shrimp", "熟冻虾仁（出口日韩）", "160521")],
     [("crab", "梭子蟹肉、蟹钳 crab claw meat", "160510"), ("shrimp", "黑虎虾原料", "")], ["HACCP", "BRC"], "年产 12,000 吨"),
    ("Qingdao", "青岛北方水产品批发市场（演示）", "trade-distribution", ZH,
     "华北最大的冻品海鲜批发市场之一。",
     [("distrib", "冻品批发档口招商", "")],
     [("seafood", "各类冻鱼、冻虾、蟹", ""), ("fish", "冻罗非鱼、冻马鲛鱼", "0303")], [], "档口 600 个"),
    ("Dongying", "东营黄河口对虾养殖合作社（演示）", "fisheries", ZH,
     "东营盐碱地对虾、梭子蟹养殖。",
     [("shrimp", "活虾、冻南美白对虾（国内市场）", "030617")],
     [("aquaeq", "增氧机、水质在线监测", ""), ("aquafeed", "对虾饲料", "")], [], "养殖面积 3,000 亩"),
    # --- aquafeed / aquaculture equipment (look-alikes next to shrimp buyers)
    ("Weifang", "潍坊海大虾料有限公司（演示）", "agri-inputs", ZE,
     "对虾饲料、鱼饲料生产商，出口东南亚。注意：卖饲料，不收购对虾。",
     [("aquafeed", "南美白对虾配合饲料，粗蛋白 40%，FCR 1.1", "230990"),
      ("aquafeed", "虾苗开口料、鱼饲料", "")],
     [("fishmeal", "进口鱼粉 65%-67% 蛋白", "230120"), ("agent", "印尼、越南饲料经销商", "")], ["ISO 9001"], "年产 30 万吨"),
    ("Rizhao", "日照海洋渔业装备有限公司（演示）", "machinery", ZE,
     "水产养殖设备：增氧机、投饵机、RAS 循环水系统。",
     [("aquaeq", "叶轮式增氧机、水车式增氧机 paddle wheel aerator", "841989"),
      ("aquaeq", "水质监测物联网、自动投饵机", "")],
     [("agent", "东南亚代理商", "")], ["CE"], "年产增氧机 5 万台"),
    ("Yantai", "烟台渔美鱼粉饲料贸易有限公司（演示）", "agri-inputs", ZH,
     "鱼粉、鱼油进口贸易。",
     [("aquafeed", "鱼粉、饲料原料分销", "")],
     [("fishmeal", "秘鲁、智利鱼粉 fish meal", "230120")], [], "年进口 50,000 吨"),
    # --- agricultural machinery --------------------------------------------
    ("Weifang", "潍坊沃田农业装备股份有限公司（演示）", "machinery", ZE,
     "大中型拖拉机和收获机械制造商，出口 60 多个国家。",
     [("farmmach", "拖拉机 50-200 马力 wheeled tractors", "870193 870194"),
      ("farmmach", "玉米收获机、水稻收割机", "843359")],
     [("agent", "海外经销商（印尼、哈萨克斯坦、肯尼亚）", "")], ["CE", "OECD"], "年产拖拉机 30,000 台"),
    ("Weifang", "潍坊丰农机械有限公司（演示）", "machinery", ZH,
     "小型农机：微耕机、手扶拖拉机、田园管理机。",
     [("farmmach", "微耕机、手扶拖拉机 walking tractor", "870110 843229")],
     [("agent", "东南亚、非洲经销商", "")], ["CE"], "年产 80,000 台"),
    ("Linyi", "临沂五征农机有限公司（演示）", "machinery", ZH,
     "农用三轮车、植保机械。",
     [("farmmach", "自走式喷杆喷雾机", "842449"), ("farmmach", "农用运输车", "")],
     [("agent", "海外代理", "")], [], "年产 10 万台"),
    ("Jinan", "济南豪耕农业机械有限公司（演示）", "machinery", ZE,
     "花生、大蒜收获机及播种机。",
     [("farmmach", "花生收获机、大蒜播种机", "843353"), ("farmmach", "精量播种机", "843231")],
     [("agent", "中亚、非洲代理商", "")], [], "年产 6,000 台"),
    ("Dezhou", "德州宏粮烘干设备有限公司（演示）", "machinery", ZE,
     "粮食烘干机、咖啡烘干机、可可豆干燥设备。",
     [("postharvest/dryer,coffee,cocoa,rice,grain", "粮食烘干塔、咖啡豆烘干机、可可豆干燥机 dryer", "841934"),
      ("postharvest/dryer", "生物质热风炉", "")],
     [("agent", "印尼、越南、老挝代理商", "")], ["CE"], "年产 1,500 套"),
    ("Jinan", "山东精选光电分选机有限公司（演示）", "machinery", ZE,
     "色选机：大米、咖啡豆、胡椒、坚果。",
     [("postharvest/sorter,coffee,pepper", "咖啡豆色选机、胡椒色选机 color sorter", "843710"),
      ("postharvest/sorter,rice,nuts", "大米色选机、坚果分选", "")],
     [("agent", "海外服务网点", "")], ["CE"], "年产 3,000 台"),
    ("Zibo", "淄博米业机械有限公司（演示）", "machinery", ZH,
     "成套碾米设备、咖啡脱壳机。",
     [("postharvest/rice,mill", "成套碾米设备 rice milling plant", "843780"), ("postharvest/coffee,huller", "咖啡脱壳机 coffee huller", "843780")],
     [("agent", "柬埔寨、越南、巴基斯坦代理", "")], [], "年产 800 套"),
    ("Qingdao", "青岛食品机械制造有限公司（演示）", "machinery", ZE,
     "果蔬加工生产线、淀粉设备、椰子加工设备。",
     [("foodmach/starch", "木薯淀粉成套设备（旋流器、离心筛、气流干燥）", "843880"),
      ("foodmach/fruit,drying,coconut,cashew,seaweed", "果蔬干燥、椰子加工、腰果脱壳、卡拉胶生产线", "843880")],
     [("agent", "东南亚项目合作", "")], ["CE", "ISO 9001"], "年项目 40 个"),
    ("Weifang", "诸城食品装备有限公司（演示）", "machinery", ZH,
     "杀菌、蒸汽灭菌设备及食品包装机械。",
     [("foodmach/sterilize", "香辛料蒸汽灭菌设备、巴氏杀菌线", "841989"),
      ("packmach", "全自动包装机、咖啡包装机", "842240")],
     [("agent", "海外代理", "")], ["CE"], "年产 1,200 台"),
    ("Jinan", "济南咖啡烘焙机设备有限公司（演示）", "machinery", ZH,
     "商用咖啡烘焙机 6-120 kg。",
     [("foodmach/roaster", "咖啡烘焙机 coffee roaster 60 kg/batch", "841981")],
     [("agent", "印尼、泰国代理", "")], ["CE"], "年产 600 台"),
    # --- irrigation and pumps (plus a fire-pump look-alike) -----------------
    ("Weifang", "潍坊润田节水灌溉有限公司（演示）", "irrigation", ZE,
     "滴灌带、滴灌管、水肥一体化系统供应商，服务新疆和东南亚项目。",
     [("irrigation", "滴灌带、压力补偿滴灌管 drip irrigation", "842482"),
      ("irrigation", "水肥一体化 fertigation 系统，智能施肥机", "842482")],
     [("agent", "印尼、哈萨克斯坦、乌兹别克斯坦代理", "")], ["ISO 9001"], "年产滴灌带 50 亿米"),
    ("Jinan", "山东智水灌溉科技有限公司（演示）", "irrigation", ZE,
     "智慧灌溉：土壤墒情监测、远程控制阀门、喷灌机。",
     [("irrigation", "平移式、中心支轴式喷灌机 center pivot", "842482"),
      ("digital", "土壤墒情传感器、灌溉物联网平台", "")],
     [("agent", "中亚、非洲合作伙伴", "")], [], "年项目 200 个"),
    ("Binzhou", "滨州泵业有限公司（演示）", "irrigation", ZH,
     "农用潜水泵、太阳能光伏水泵。",
     [("pump/solar", "太阳能光伏提水泵 solar water pump", "841370"), ("pump", "深井潜水泵", "841370")],
     [("agent", "非洲、东南亚代理", "")], ["CE"], "年产 20 万台"),
    ("Zibo", "淄博博山消防泵有限公司（演示）", "machinery", ZH,
     "消防泵组（XBD 系列）、消防稳压设备，用于建筑和工业消防。",
     [("firepump", "XBD 消防泵组、柴油机消防泵 fire pump", "841370")],
     [("firepumpagent", "海外消防工程公司、消防代理商", "")], ["CCCF", "UL"], "年产 8,000 套"),
    ("Liaocheng", "聊城节水管材有限公司（演示）", "irrigation", ZH,
     "PE 管、PVC 管、滴灌管件。",
     [("irrigation", "PE 灌溉管、管件、过滤器", "391721")],
     [("agent", "东南亚代理", "")], [], "年产 10 万吨"),
    # --- fertilizer, biopesticides, seeds ------------------------------------
    ("Linyi", "临沂史丹利复合肥有限公司（演示）", "agri-inputs", ZE,
     "复合肥、水溶肥生产商。",
     [("fertilizer", "水溶肥 water-soluble fertilizer NPK 20-20-20", "310520"),
      ("fertilizer", "复合肥、缓释肥", "3105")],
     [("agent", "东南亚、非洲经销商", "")], ["ISO 9001"], "年产 300 万吨"),
    ("Tai'an", "泰安生物有机肥有限公司（演示）", "agri-inputs", ZH,
     "生物有机肥、微生物菌剂（木霉菌、枯草芽孢杆菌）。",
     [("fertilizer", "生物有机肥 bio-organic fertilizer", "310100"),
      ("pesticide", "木霉菌剂 Trichoderma、枯草芽孢杆菌，防治根腐病、茎基腐病", "380892")],
     [("agent", "印尼、菲律宾代理", "")], [], "年产 20 万吨"),
    ("Jinan", "山东绿邦生物农药有限公司（演示）", "agri-inputs", ZE,
     "生物农药：苦参碱、印楝素、苏云金杆菌 Bt。",
     [("pesticide", "生物农药 biopesticides：Bt、苦参碱、白僵菌，防治咖啡果小蠹", "380891"),
      ("pesticide", "植保无人机专用药剂", "")],
     [("agent", "东南亚登记代理", "")], ["ISO 9001"], "年产 8,000 吨"),
    ("Weifang", "潍坊信诺农化有限公司（演示）", "agri-inputs", ZH,
     "杀虫剂、杀菌剂原药和制剂。",
     [("pesticide", "杀菌剂、杀虫剂制剂（出口登记齐全）", "3808")],
     [("agent", "海外登记及分销", "")], [], "年产 3 万吨"),
    ("Weifang", "寿光蔬菜种业集团有限公司（演示）", "agri-inputs", ZE,
     "蔬菜种子育种和种苗工厂，番茄、辣椒、黄瓜。",
     [("seeds/vegetable,chili", "蔬菜种子：耐热番茄、辣椒、黄瓜 vegetable seeds", "120991"),
      ("seeds/seedling,vegetable,strawberry", "嫁接种苗、工厂化育苗", "")],
     [("agent", "东南亚、中亚种子代理", ""), ("digital", "育苗环境控制系统", "")], [], "年育苗 3 亿株"),
    ("Jinan", "山东登海玉米种业有限公司（演示）", "agri-inputs", ZH,
     "耐旱玉米杂交种。",
     [("seeds/maize,drought", "耐旱玉米杂交种 drought-tolerant maize hybrid seeds", "100510")],
     [("agent", "海外试种合作", "")], [], "年产种子 5 万吨"),
    ("Yantai", "烟台果树苗木研究所（演示）", "agri-inputs", ZH,
     "苹果、樱桃矮化苗木及栽培技术。",
     [("seeds/fruit,seedling,orchard", "矮化苹果、樱桃苗木和宽行密植技术", "060220")],
     [("cherry", "智利、乌兹别克斯坦樱桃品种交流", "")], [], "年出圃 500 万株"),
    ("Jinan", "山东省农业科学院技术转移中心（演示）", "education-training", ZE,
     "农业技术转移：抗旱品种、病虫害综合防治、培训。",
     [("training", "农业技术培训、病虫害综合防治 IPM 培训", ""),
      ("seeds/drought,saline,maize,vegetable", "抗逆品种（耐旱、耐盐碱）", "")],
     [("training", "国际合作研究伙伴", ""), ("potato", "马铃薯种薯品种引进试验", "")], [], "科研人员 2,000 名"),
    # --- greenhouses -------------------------------------------------------
    ("Weifang", "寿光智慧温室工程有限公司（演示）", "agriculture", ZE,
     "日光温室、连栋玻璃温室设计施工，寿光模式输出。",
     [("greenhouse", "日光温室、连栋玻璃温室、薄膜温室 greenhouse", "940690"),
      ("greenhouse", "温室水肥一体化、基质栽培技术", "")],
     [("agent", "海外项目合作伙伴", ""), ("digital", "温室环境控制器", "")], ["ISO 9001"], "年建温室 500 万平方米"),
    ("Weifang", "青州花卉温室设备有限公司（演示）", "agriculture", ZH,
     "花卉温室、遮阳网、温室配件。",
     [("greenhouse", "温室骨架、遮阳网、卷膜器", "732690")],
     [("agent", "海外经销", ""), ("flowers", "鲜切花进口", "")], [], "年产 2 万吨"),
    ("Weifang", "寿光农产品物流园（演示）", "trade-distribution", ZH,
     "全国蔬菜集散中心，产地批发与出口。",
     [("vegetables", "新鲜蔬菜出口（大葱、生姜、胡萝卜）", "070310 091011")],
     [("tropfruit", "进口热带水果", ""), ("logistics", "出口冷链物流", "")], [], "日交易 1.5 万吨"),
    ("Weifang", "潍坊华信蔬菜科技有限公司（演示）", "agriculture", ZH,
     "无土栽培、植物工厂。",
     [("greenhouse", "植物工厂、LED 补光系统", "")],
     [("digital", "韩国、荷兰智能温室控制技术", "")], [], "基地 2,000 亩"),
    ("Zibo", "淄博温室膜材料有限公司（演示）", "packaging", ZH,
     "农膜、温室膜、地膜。",
     [("greenhouse", "PO 温室膜、长寿无滴膜", "392020")],
     [("agent", "海外经销商", "")], [], "年产 4 万吨"),
    # --- drones and digital farming -----------------------------------------
    ("Jinan", "济南翔农植保无人机有限公司（演示）", "drones-digital", ZE,
     "植保无人机研发制造，30L/50L 喷洒，飞防服务培训。",
     [("drone", "植保无人机 plant protection drone（30L、50L 药箱）", "880622"),
      ("drone", "飞手培训、飞防服务", "")],
     [("agent", "印尼、巴西、马来西亚代理商", "")], ["CE"], "年产 2 万架"),
    ("Qingdao", "青岛天眼遥感测绘有限公司（演示）", "drones-digital", ZE,
     "测绘无人机与卫星遥感农业监测。",
     [("drone", "测绘无人机、多光谱相机 mapping drone", "880621"),
      ("digital", "卫星遥感 remote sensing 作物长势与产量估算", "")],
     [("agent", "海外合作方", "")], [], "—"),
    ("Jinan", "山东智农云数字农业有限公司（演示）", "drones-digital", ZE,
     "数字农业 SaaS：农场管理系统、溯源、物联网。",
     [("digital", "农场管理软件 farm management software、物联网气象站、土壤传感器", "902580"),
      ("digital", "农产品溯源系统", "")],
     [("digital", "国外传感器技术合作", ""), ("agent", "东南亚渠道", "")], ["ISO 27001"], "服务农场 5,000 个"),
    ("Yantai", "烟台果园数字化科技有限公司（演示）", "drones-digital", ZH,
     "果园数字化、自动分选线。",
     [("digital", "果园病虫害预警系统", ""), ("postharvest/fruit", "水果光电分选线", "843360")],
     [("agent", "中亚、南美代理", "")], [], "—"),
    ("Weifang", "潍坊智能农机导航有限公司（演示）", "drones-digital", ZH,
     "北斗自动驾驶、变量施肥。",
     [("digital", "拖拉机北斗自动导航系统", "852691"), ("drone", "播撒无人机、植保无人机", "880622")],
     [("agent", "海外代理", ""), ("digital", "德国精准农业合作", "")], [], "年装机 1 万套"),
    ("Qingdao", "青岛智能电子科技有限公司（演示）", "drones-digital", ZE,
     "农业物联网硬件 ODM。",
     [("digital", "物联网网关、LoRa 传感器 ODM", "851762")],
     [("agent", "海外品牌合作", "")], [], "—"),
    # --- cold chain, ports, logistics --------------------------------------
    ("Qingdao", "青岛港冷链物流有限公司（演示）", "logistics-cold-chain", ZE,
     "港口冷链查验、冷库和集装箱冷藏运输，进口水产品、水果指定口岸。",
     [("coldchain", "港口冷库 10 万吨、冷藏集装箱堆场、查验场地", ""),
      ("port", "集装箱码头服务、东南亚航线", "")],
     [("logistics", "东南亚港口合作", ""), ("seafood", "进口冻品货源", "")], ["AEO"], "冷库 10 万吨"),
    ("Rizhao", "日照港国际物流有限公司（演示）", "logistics-cold-chain", ZE,
     "大宗散货、粮食、木材进口港。",
     [("port", "散粮、木材码头及物流", ""), ("logistics", "中欧班列、中亚班列", "")],
     [("invest", "海外港口及工业园区合作", ""), ("timber", "进口原木、锯材（俄罗斯、新西兰）", "4403 4407")], [], "吞吐量 5 亿吨"),
    ("Qingdao", "青岛冷链装备有限公司（演示）", "logistics-cold-chain", ZE,
     "冷库工程、速冻机、制冰机。",
     [("coldchain", "组合冷库、IQF 速冻机、制冰机、香蕉催熟库", "841830 841869")],
     [("agent", "东南亚项目代理", "")], ["CE"], "年项目 300 个"),
    ("Jinan", "济南冷藏车制造有限公司（演示）", "logistics-cold-chain", ZH,
     "冷藏车、保温车。",
     [("coldchain", "冷藏车 refrigerated truck", "870423")],
     [("agent", "海外经销", "")], [], "年产 3,000 辆"),
    ("Qingdao", "青岛丝路国际货运代理有限公司（演示）", "logistics-cold-chain", ZE,
     "国际货代：海运、铁路（中老铁路、中亚班列）、清关。",
     [("logistics", "海运、铁路运输、清关服务 freight forwarding", ""),
      ("coldchain", "冷藏集装箱海运", "")],
     [("logistics", "海外仓及代理", "")], ["AEO"], "年操作 10 万 TEU"),
    ("Weihai", "威海中韩陆海联运有限公司（演示）", "logistics-cold-chain", ZE,
     "中韩陆海联运，仁川/平泽航线。",
     [("logistics", "中韩海运快线、冷链", "")],
     [("processedfood", "韩国食品货源", "")], [], "—"),
    ("Linyi", "临沂商城国际物流有限公司（演示）", "logistics-cold-chain", ZH,
     "临沂商城出口拼箱、海外仓。",
     [("logistics", "拼箱出口、海外仓（印尼、哈萨克斯坦）", "")],
     [("invest", "海外仓合作", "")], [], "日发货 1 万票"),
    ("Yantai", "烟台港集团（演示）", "logistics-cold-chain", ZE,
     "烟台港，滚装和集装箱。",
     [("port", "港口装卸、码头设备运营经验输出", "")],
     [("invest", "海外港口合作", ""), ("logistics", "东南亚航线合作", "")], [], "—"),
    ("Qingdao", "青岛港口机械有限公司（演示）", "machinery", ZE,
     "港口起重机、集装箱装卸设备。",
     [("port", "岸桥、场桥 RTG、门座起重机 port cranes", "842620")],
     [("agent", "海外港口项目", "")], ["CE"], "年产 200 台"),
    # --- cross-border e-commerce, trade, retail ----------------------------
    ("Qingdao", "青岛跨境电商产业园（演示）", "trade-distribution", ZE,
     "跨境电商综合试验区，保税仓、直播基地。",
     [("ecommerce", "跨境电商保税仓、直播带货、Tmall Global 代运营", "")],
     [("processedfood", "进口休闲食品、咖啡、燕窝", ""), ("birdnest", "燕窝", "0410"),
      ("coffee", "挂耳咖啡、速溶咖啡", ""), ("wine", "进口红酒（直播）", "")], [], "入驻企业 500 家"),
    ("Jinan", "济南东南亚商品馆（演示）", "trade-distribution", ZH,
     "东南亚进口商品展销中心。",
     [("ecommerce", "展销、线上线下分销", "")],
     [("coffee", "印尼咖啡、越南咖啡", ""), ("tropfruit", "榴莲、菠萝罐头", "200820"),
      ("coconut", "椰子油、椰子制品", "151319"), ("cashew", "越南、柬埔寨腰果", "")], [], "展厅 1.2 万平方米"),
    ("Linyi", "临沂国际商贸城进口馆（演示）", "trade-distribution", ZH,
     "进口商品批发。",
     [("distrib", "批发分销", "")],
     [("processedfood", "进口食品：果干、坚果、饼干", ""), ("driedfruit", "果干、葡萄干", ""),
      ("nuts", "腰果、夏威夷果等进口坚果", "0801 0802")], [], "—"),
    ("Jinan", "山东省中亚商贸中心（演示）", "trade-distribution", ZE,
     "面向中亚、俄罗斯的进出口贸易。",
     [("garlic", "苹果、大蒜、蔬菜出口中亚", "080810 070320")],
     [("wheat", "哈萨克斯坦面粉、小麦", "110100"), ("honey", "蜂蜜", "040900"), ("flax", "亚麻籽", "")], [], "年贸易额 2 亿元"),
    ("Qingdao", "青岛利群超市集团（演示）", "trade-distribution", ZH,
     "连锁超市，生鲜进口直采。",
     [("ecommerce", "超市渠道及线上商城", "")],
     [("fruit", "进口水果：樱桃、榴莲、香蕉、牛油果、柑橘", "0810"),
      ("seafood", "进口海鲜", ""), ("dairy", "进口乳制品", ""), ("wine", "进口葡萄酒", ""),
      ("beef", "进口牛肉、羊肉", ""), ("beverage", "进口清酒、啤酒", "220600 2203")], [], "门店 180 家"),
    ("Qingdao", "青岛保税港区进口商品直营中心（演示）", "trade-distribution", ZE,
     "保税展示交易。",
     [("ecommerce", "保税展示交易、跨境直播", "")],
     [("wine", "进口葡萄酒", "2204"), ("beverage", "日本清酒、威士忌", ""), ("cosmetics", "韩国化妆品", "3304"), ("ginseng", "红参", "")], [], "—"),
    ("Yantai", "烟台葡萄酒进口商会（演示）", "trade-distribution", ZE,
     "进口葡萄酒分销。",
     [("distrib", "葡萄酒分销网络", "")],
     [("wine", "澳大利亚、智利、南非葡萄酒 wine", "220421"), ("beverage", "日本清酒 sake", "220600")], [], "会员 60 家"),
    # --- food processing ---------------------------------------------------
    ("Zibo", "淄博淀粉粉丝有限公司（演示）", "food-processing", ZH,
     "粉丝、粉条生产，使用木薯淀粉。",
     [("processedfood", "粉丝、粉条（出口）", "190230")],
     [("starch", "木薯淀粉 tapioca starch / cassava starch", "110814")], ["HACCP"], "年产 5 万吨"),
    ("Weifang", "潍坊纸业有限公司（演示）", "manufacturing", ZH,
     "造纸企业，表面施胶用变性淀粉。",
     [("paper", "牛皮纸、包装纸", "480419")],
     [("starch", "木薯淀粉、变性淀粉、木薯干片", "110814 071410")], [], "年产 100 万吨"),
    ("Linyi", "临沂酒精化工有限公司（演示）", "manufacturing", ZH,
     "酒精生产，原料为木薯干。",
     [("chem", "食用酒精", "220710")],
     [("starch", "木薯干 cassava chips", "071410")], [], "年产 20 万吨"),
    ("Qingdao", "青岛椰风食品有限公司（演示）", "food-processing", ZE,
     "椰子饮料、椰奶生产。",
     [("processedfood", "椰奶、椰子水饮料", "220299")],
     [("coconut", "椰子粉、椰浆、冷冻椰肉 desiccated coconut", "080111"),
      ("coconut", "椰子油 coconut oil / VCO", "151319")], [], "年产 10 万吨"),
    ("Yantai", "烟台水果罐头有限公司（演示）", "food-processing", ZH,
     "黄桃罐头、菠萝罐头。",
     [("processedfood", "黄桃罐头（出口）", "200870")],
     [("tropfruit", "菠萝原料、菠萝罐头半成品", "080430 200820")], ["BRC"], "年产 3 万吨"),
    ("Qingdao", "青岛海鲜火锅食材有限公司（演示）", "food-processing", ZH,
     "火锅丸子、虾滑。",
     [("processedfood", "虾滑、鱼丸", "160420")],
     [("shrimp", "虾仁原料", "030617"), ("fish", "鱼糜原料", "030499"), ("beef", "肥牛卷原料（冷冻牛肉）", "020230")], [], "年产 2 万吨"),
    ("Dezhou", "德州扒鸡食品有限公司（演示）", "food-processing", ZH,
     "熟食、肉制品。",
     [("processedfood", "德州扒鸡、熟肉制品", "160232")],
     [("poultry", "冷冻鸡肉、鸡爪", "020714"), ("spice", "香辛料", "")], [], "年产 1 万吨"),
    ("Binzhou", "滨州粮油集团（演示）", "food-processing", ZH,
     "大豆压榨、面粉加工。",
     [("vegoil", "大豆油、豆粕", "150710 230400")],
     [("soybean", "进口大豆 soybeans", "120190"), ("wheat", "进口小麦", "1001"), ("vegoil", "葵花籽油", "151211")], [], "年压榨 200 万吨"),
    ("Liaocheng", "聊城肉牛加工有限公司（演示）", "food-processing", ZH,
     "牛肉分割加工。",
     [("processedfood", "分割牛肉、调理牛排", "")],
     [("beef", "进口冷冻牛肉（澳大利亚、巴西）", "020230")], [], "年加工 5 万吨"),
    ("Qingdao", "青岛乳业集团（演示）", "food-processing", ZE,
     "乳制品加工。",
     [("dairy", "酸奶、奶酪（国内）", "")],
     [("dairy", "全脂奶粉、黄油 whole milk powder, butter", "040221 040510"),
      ("dairymach", "挤奶机器人、牧场设备", "843410")], [], "年产 50 万吨"),
    ("Jinan", "济南坚果食品有限公司（演示）", "food-processing", ZH,
     "每日坚果、烘焙坚果。",
     [("processedfood", "每日坚果 mixed nuts", "200819")],
     [("cashew", "腰果仁 W320", "080132"), ("macadamia", "澳洲坚果", "080262")], [], "年产 1 万吨"),
    ("Yantai", "烟台鲁花花生油有限公司（演示）", "food-processing", ZE,
     "花生油、芝麻油。",
     [("vegoil", "压榨花生油、芝麻香油", "150890")],
     [("sesame", "芝麻 sesame seeds", "120740"), ("flax", "亚麻籽", "120400")], [], "年产 30 万吨"),
    ("Weifang", "潍坊马铃薯加工有限公司（演示）", "food-processing", ZH,
     "薯条、薯片加工。",
     [("processedfood", "冷冻薯条", "200410")],
     [("potato", "脱毒种薯（荷兰、德国品种）", "070110")], [], "年产 8 万吨"),
    ("Jinan", "济南糖果巧克力有限公司（演示）", "food-processing", ZH,
     "糖果、巧克力制品。",
     [("processedfood", "巧克力、糖果", "1806")],
     [("cocoa", "可可豆、可可脂", "180100 1804")], [], "年产 2 万吨"),
    # --- packaging -----------------------------------------------------------
    ("Linyi", "临沂包装彩印有限公司（演示）", "packaging", ZE,
     "软包装彩印：咖啡袋、自立袋、单向排气阀。",
     [("packaging/pouch,coffee", "咖啡包装袋（单向排气阀、铝箔自立袋）stand-up pouch", "392329"),
      ("packaging/film,food", "食品复合膜", "392020")],
     [("agent", "东南亚客户", "")], ["BRC Packaging"], "年产 5 亿只"),
    ("Weifang", "潍坊纸箱包装有限公司（演示）", "packaging", ZH,
     "瓦楞纸箱、水果箱、出口包装。",
     [("packaging/carton", "瓦楞纸箱、水果箱 corrugated cartons", "481910")],
     [("paper", "废纸原料", "")], [], "年产 2 亿平方米"),
    ("Qingdao", "青岛编织袋有限公司（演示）", "packaging", ZH,
     "PP 编织袋、吨袋、麻袋。",
     [("packaging/bag", "PP 编织袋、吨袋 jumbo bag（咖啡、胡椒、大米包装）", "630533")],
     [("agent", "海外客户", "")], [], "年产 1 亿条"),
    ("Zibo", "淄博玻璃瓶有限公司（演示）", "packaging", ZH,
     "玻璃瓶、玻璃罐。",
     [("packaging/glass", "玻璃瓶、燕窝瓶、酒瓶", "701090")],
     [("agent", "海外客户", "")], [], "年产 10 亿只"),
    # --- herbal / health -----------------------------------------------------
    ("Liaocheng", "东阿阿胶健康产业有限公司（演示）", "health-herbal", ZE,
     "阿胶及滋补品。",
     [("herbal", "阿胶、阿胶糕", "350300")],
     [("birdnest", "燕窝原料", "041010"), ("ginseng", "人参、红参", "121120")], ["GMP"], "—"),
    ("Linyi", "临沂中药材市场（演示）", "health-herbal", ZH,
     "中药材集散地。",
     [("herbal", "金银花、丹参等中药材", "121190")],
     [("spice", "姜黄、生姜等药食同源原料", "091030"), ("herbal", "东南亚药材", "")], [], "—"),
    ("Weihai", "威海海洋生物科技有限公司（演示）", "health-herbal", ZE,
     "海洋生物制品：海藻多糖、鱼胶原蛋白。",
     [("herbal", "海藻酸钠、鱼胶原蛋白肽", "")],
     [("seaweed", "海藻原料、卡拉胶 carrageenan", "121221 130239"), ("fish", "鱼皮、鱼鳞原料", ""),
      ("fishmeal", "鱼油 fish oil（提取 Omega-3）、鱼粉", "1504")], [], "年产 5,000 吨"),
    ("Jinan", "济南保健品进出口有限公司（演示）", "health-herbal", ZH,
     "保健品、化妆品进口。",
     [("distrib", "保健品代理", "")],
     [("ginseng", "高丽红参", "121120"), ("cosmetics", "化妆品", "3304"), ("honey", "麦卢卡蜂蜜", "")], [], "—"),
    # --- energy --------------------------------------------------------------
    ("Jinan", "山东光伏新能源有限公司（演示）", "energy", ZE,
     "光伏组件、农光互补、离网系统。",
     [("energy/solar", "光伏组件 solar PV modules、农光互补电站", "854143"),
      ("pump/solar", "离网光伏灌溉系统", "")],
     [("agent", "东南亚、非洲 EPC 伙伴", "")], ["IEC", "TÜV"], "年产 5 GW"),
    ("Dezhou", "德州太阳能热利用有限公司（演示）", "energy", ZH,
     "太阳能干燥房、热水器。",
     [("postharvest/dryer,solar,coffee,cocoa,fruit", "太阳能干燥房（咖啡、可可、水果干燥）", "841934")],
     [("agent", "海外代理", "")], [], "—"),
    ("Jinan", "山东生物质能源工程有限公司（演示）", "energy", ZE,
     "沼气工程、生物质锅炉。",
     [("energy/biogas,biomass", "淀粉废水沼气工程（UASB）、生物质锅炉", "840290")],
     [("invest", "东南亚 BOT 项目", "")], [], "年项目 30 个"),
    # --- finance, education, tourism ---------------------------------------
    ("Jinan", "齐鲁银行国际业务部（演示）", "finance-services", ZE,
     "贸易融资、跨境人民币结算、信用证。",
     [("finance", "贸易融资、信用证、跨境人民币结算", "")],
     [("finance", "境外代理行合作", "")], [], "—"),
    ("Qingdao", "中国出口信用保险山东代理（演示）", "finance-services", ZH,
     "出口信用保险咨询。",
     [("finance", "出口信用保险、买家资信调查", "")],
     [("agent", "海外买家信息", "")], [], "—"),
    ("Jinan", "山东国际律师事务所（演示）", "finance-services", ZE,
     "国际贸易、投资法律服务。",
     [("finance", "跨境投资与贸易合规法律服务", "")],
     [("invest", "海外投资项目", "")], [], "—"),
    ("Weifang", "潍坊职业农民学院（演示）", "education-training", ZE,
     "现代农业职业培训、留学生培训。",
     [("training", "农机操作、温室种植、无人机飞手培训 vocational training", "")],
     [("training", "国际学员及合作院校", "")], [], "年培训 2 万人次"),
    ("Qingdao", "青岛农业大学国际合作处（演示）", "education-training", ZE,
     "农业高校国际合作、留学生招生。",
     [("training", "农学、水产养殖专业留学生项目，联合研究", "")],
     [("training", "海外合作高校、青年交流", "")], [], "—"),
    ("Tai'an", "泰山国际旅行社（演示）", "tourism", ZE,
     "入境旅游、商务考察接待。",
     [("tourism", "商务考察及文化旅游线路（泰山、曲阜）", "")],
     [("tourism", "海外旅行社合作", "")], [], "—"),
    # --- fruit, meat, grain, timber importers --------------------------------
    ("Qingdao", "青岛鲜果进口有限公司（演示）", "trade-distribution", ZE,
     "进口水果一级批发商，冷链直达。",
     [("coldchain", "水果冷库和催熟库", "")],
     [("tropfruit", "榴莲、香蕉、火龙果、菠萝", "081060 080390"),
      ("cherry", "智利车厘子、乌兹别克斯坦樱桃", "080929"), ("citrus", "橙子、砂糖橘", "080510")], [], "年进口 8 万吨"),
    ("Jinan", "济南堤口果品批发市场（演示）", "trade-distribution", ZH,
     "果品批发市场。",
     [("distrib", "批发档口", "")],
     [("fruit", "进口水果：牛油果、猕猴桃、柑橘", ""), ("avocado", "牛油果 avocado", "080440")], [], "日交易 5,000 吨"),
    ("Qingdao", "青岛肉类进口冷链有限公司（演示）", "trade-distribution", ZE,
     "进口冻肉贸易。",
     [("coldchain", "冻肉冷库", "")],
     [("beef", "冷冻牛肉", "020230"), ("poultry", "冻鸡爪、鸡翅", "020714"), ("pork", "冻猪肉", "")], [], "年进口 10 万吨"),
    ("Rizhao", "日照粮油进口有限公司（演示）", "trade-distribution", ZE,
     "大豆、大麦、小麦进口。",
     [("logistics", "港口粮食物流", "")],
     [("soybean", "大豆", "120190"), ("barley", "啤酒大麦、饲料大麦 barley", "1003"), ("rice", "香米", "100630")], [], "年进口 300 万吨"),
    ("Linyi", "临沂板材集团（演示）", "manufacturing", ZH,
     "胶合板、家具板。",
     [("furniture", "胶合板、家具 plywood", "441231")],
     [("timber", "俄罗斯松木、桦木 sawn timber", "4407"), ("furniture", "柚木、藤制家具", "")], ["FSC"], "年产 300 万立方米"),
    ("Heze", "菏泽木制品有限公司（演示）", "manufacturing", ZH,
     "木制工艺品、家具出口。",
     [("furniture", "实木家具（出口）", "940360")],
     [("timber", "进口木材", "")], [], "—"),
    # --- fallbacks: textiles, auto, chemicals, appliances -------------------
    ("Binzhou", "滨州纺织集团（演示）", "manufacturing", ZE,
     "棉纺织、家纺。",
     [("textile", "棉纱、家纺面料 cotton yarn", "520512")],
     [("cotton", "埃及长绒棉、乌兹别克棉花", "5201")], ["OEKO-TEX"], "纱锭 200 万"),
    ("Dongying", "东营轮胎有限公司（演示）", "manufacturing", ZE,
     "全钢子午线轮胎、半钢胎。",
     [("tyres", "卡车轮胎、乘用车轮胎 tyres", "401120 401110")],
     [("agent", "中东、非洲、俄罗斯经销商", "")], ["DOT", "ECE"], "年产 1,500 万条"),
    ("Jinan", "济南重型汽车配件有限公司（演示）", "manufacturing", ZE,
     "重卡配件。",
     [("autoparts", "重卡配件、轴承、制动系统 auto parts", "870830")],
     [("auto", "俄罗斯卡车零件合作", "")], ["IATF 16949"], "—"),
    ("Qingdao", "青岛家电出口有限公司（演示）", "manufacturing", ZE,
     "冰箱、冷柜、空调。",
     [("coldchain", "商用冷柜、展示柜", "841850")],
     [("agent", "东南亚、中亚经销商", "")], ["CE"], "年产 300 万台"),
    ("Yantai", "烟台苹果合作社（演示）", "agriculture", ZH,
     "栖霞苹果种植、冷藏、出口。",
     [("garlic", "红富士苹果出口 fresh apples", "080810")],
     [("coldchain", "气调库设备", ""), ("logistics", "东南亚、中东物流", "")], ["GlobalG.A.P."], "年出口 2 万吨"),
    ("Zaozhuang", "枣庄石榴产业有限公司（演示）", "agriculture", ZH,
     "石榴种植及石榴汁。",
     [("processedfood", "石榴汁、石榴茶", "200989")],
     [("packaging", "饮料包装", "")], [], "—"),
    ("Jining", "曲阜文化旅游集团（演示）", "tourism", ZE,
     "文化旅游、研学。",
     [("tourism", "孔子文化研学旅游、青少年交流营", "")],
     [("tourism", "海外青年交流机构", "")], [], "—"),
    ("Dezhou", "德州农产品电商物流（演示）", "logistics-cold-chain", ZH,
     "农产品电商仓配。",
     [("ecommerce", "农产品电商代运营、直播", "")],
     [("processedfood", "进口特色食品", ""), ("honey", "蜂蜜", "")], [], "—"),
    ("Qingdao", "青岛啤酒原料贸易有限公司（演示）", "trade-distribution", ZH,
     "啤酒原料进口。",
     [("distrib", "原料分销", "")],
     [("barley", "进口啤酒大麦 malting barley", "100390")], [], "年进口 20 万吨"),
    ("Heze", "菏泽农牧装备进出口有限公司（演示）", "trade-distribution", ZE,
     "进口农牧设备、食品机械的代理商，提供安装和售后服务，客户覆盖鲁西南牧场和食品厂。",
     [("agent/machinery,dairy,tech,packaging", "进口农牧设备、食品包装机械、智慧农业设备代理及售后服务", "")],
     [("dairymach", "挤奶机器人、挤奶厅设备", "843410"), ("packmach", "意大利、德国包装机械", "8422"),
      ("digital", "欧洲、韩国智慧农业传感器", "")], [], "年代理额 1.5 亿元"),
    ("Liaocheng", "聊城轴承有限公司（演示）", "manufacturing", ZE,
     "轴承制造。",
     [("autoparts", "汽车轴承、农机轴承 bearings", "848210")],
     [("agent", "海外经销商", "")], ["ISO 9001"], "年产 5,000 万套"),
    ("Binzhou", "滨州盐碱地农业科技有限公司（演示）", "agriculture", ZE,
     "盐碱地改良、耐盐作物。",
     [("training", "盐碱地改良技术、耐盐水稻", ""), ("seeds/rice,saline", "耐盐碱水稻种子", "100610")],
     [("training", "海外示范田合作", "")], [], "示范田 1 万亩"),
    ("Tai'an", "泰安农业产业化投资有限公司（演示）", "finance-services", ZH,
     "农业产业投资，关注东南亚农产品加工园区。",
     [("invest", "农业加工园区投资", "")],
     [("invest", "东南亚工业园区、土地资源", ""), ("potato", "种薯基地合作（欧洲种薯）", ""),
      ("dairymach", "投资奶牛牧场所需挤奶和饲喂设备", "")], [], "基金规模 20 亿元"),
    ("Weihai", "威海海带养殖有限公司（演示）", "fisheries", ZH,
     "海带、裙带菜养殖加工。",
     [("seaweed", "盐渍海带、裙带菜（出口日韩）", "121221")],
     [("seaweed", "印尼麒麟菜、卡拉胶原料", "121229")], [], "年产 3 万吨"),
    ("Jinan", "济南茶饮连锁有限公司（演示）", "food-processing", ZH,
     "新式茶饮连锁，采购水果和椰奶。",
     [("distrib", "门店渠道", "")],
     [("tropfruit", "冷冻榴莲肉、芒果、菠萝", ""), ("coconut", "椰浆、椰子水", ""), ("coffee", "咖啡豆", "")], [], "门店 800 家"),
    ("Qingdao", "青岛烘焙原料有限公司（演示）", "trade-distribution", ZH,
     "烘焙原料分销。",
     [("distrib", "烘焙渠道", "")],
     [("dairy", "黄油、奶油", "0405"), ("cocoa", "可可粉", ""), ("driedfruit", "葡萄干、芒果干", ""), ("cashew", "腰果仁（烘焙用）", "")], [], "—"),
    ("Yantai", "烟台樱桃冷链（演示）", "logistics-cold-chain", ZH,
     "樱桃预冷、气调保鲜。",
     [("coldchain", "预冷设备、气调保鲜技术", "841869")],
     [("cherry", "南半球反季节车厘子", "080929")], [], "—"),
    ("Jinan", "山东国际经济技术合作公司（演示）", "other", ZE,
     "海外工程承包、工业园区建设。",
     [("invest", "海外工业园区建设、EPC 总包", "")],
     [("invest", "海外园区土地和合作方", ""), ("port", "港口工程项目", "")], [], "—"),
    ("Linyi", "临沂蜂业有限公司（演示）", "food-processing", ZH,
     "蜂蜜、蜂王浆加工。",
     [("honey", "洋槐蜜、蜂王浆（出口）", "040900")],
     [("honey", "进口特色蜂蜜原料", "")], [], "—"),
    ("Weifang", "潍坊生姜出口有限公司（演示）", "agriculture", ZE,
     "安丘生姜、大葱出口。",
     [("vegetables", "鲜姜、干姜 fresh ginger", "091011")],
     [("logistics", "中东、欧洲冷链物流", "")], ["GlobalG.A.P."], "年出口 3 万吨"),
]

# ---------------------------------------------------------------------------
# People (all fictional). Guest representatives take names from their
# country's list in order.
# ---------------------------------------------------------------------------
PEOPLE = {
    "ID": ["Rizal Pratama", "Dewi Anggraini", "Hendra Saputra", "Siti Nurhaliza Putri", "Yudi Kurniawan",
           "Fitri Handayani", "Agus Setiawan", "Rina Marlina", "Wahyu Hidayat", "Indah Permatasari",
           "Joko Susilo", "Lestari Wulandari", "Bayu Nugroho", "Nur Aisyah", "Made Suardana",
           "Teguh Santoso", "Ratna Sari", "Fajar Ramadhan"],
    "VN": ["Phạm Thu Hà", "Hoàng Đức Anh", "Vũ Thị Lan", "Đặng Minh Tuấn", "Bùi Văn Khoa"],
    "TH": ["Nattapong Srisuk", "Pimchanok Thongdee", "Anucha Chaiyaporn", "Wanida Rattanakul"],
    "MY": ["Tan Mei Ling", "Wong Kah Hui", "Nurul Izzah Ahmad"],
    "PH": ["Jose Miguel Santos", "Ana Liza Reyes", "Mark Anthony Bautista"],
    "KH": ["Chea Sophal", "Lim Srey Mom"],
    "LA": ["Khamphone Sisavath"],
    "KZ": ["Aigerim Sultanova", "Yerlan Dzhaksybekov"],
    "UZ": ["Shavkat Rakhimov", "Nodira Yusupova"],
    "RU": ["Дмитрий Орлов", "Елена Павлова", "Алексей Соколов", "Rustam Khairullin", "Наталья Воробьёва"],
    "KR": ["Lee Ji-hoon", "Kang Soo-jin", "Yoon Seok-min", "Jung Hae-in", "Han Da-eun"],
    "JP": ["Yamamoto Kenji", "Nakamura Yui", "Kobayashi Takeshi"],
    "AU": ["Olivia Bennett", "James Whitfield", "Sophie Tran"],
    "NZ": ["Liam Harrison"],
    "DE": ["Stefan Brandl", "Katharina Vogel", "Jens Hoffmann"],
    "FR": ["Camille Le Bihan"],
    "IT": ["Marco Ferrari"],
    "BR": ["Ana Paula Ribeiro", "Lucas Carvalho", "João Pedro Lima"],
    "CL": ["Camila Rojas", "Felipe Contreras"],
    "KE": ["Brian Otieno", "Mercy Chebet"],
    "ZA": ["Thandi Nkosi"],
    "EG": ["Ahmed Hassan El-Sayed"],
    "AE": ["Khalid Al Mansoori"],
    "PK": ["Ayesha Malik"],
}

# Chinese people: (surname, pinyin), (given name, pinyin)
ZH_SURNAMES = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
               ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("孙", "sun"), ("马", "ma"),
               ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("林", "lin"), ("高", "gao"), ("徐", "xu"),
               ("宋", "song"), ("于", "yu"), ("丁", "ding"), ("韩", "han"), ("曲", "qu"), ("孔", "kong")]
ZH_GIVEN = [("建国", "jianguo"), ("志强", "zhiqiang"), ("海燕", "haiyan"), ("丽华", "lihua"), ("晓东", "xiaodong"),
            ("明", "ming"), ("静", "jing"), ("鹏", "peng"), ("磊", "lei"), ("娜", "na"), ("春雷", "chunlei"),
            ("新华", "xinhua"), ("玉兰", "yulan"), ("立新", "lixin"), ("晨", "chen"), ("雪梅", "xuemei"),
            ("文博", "wenbo"), ("振华", "zhenhua"), ("红霞", "hongxia"), ("海涛", "haitao"), ("凯", "kai"),
            ("敏", "min"), ("伟", "wei"), ("琳", "lin"), ("子涵", "zihan"), ("宇航", "yuhang"), ("慧", "hui"),
            ("刚", "gang"), ("永亮", "yongliang"), ("国庆", "guoqing"), ("思远", "siyuan")]

TITLES = {
    "id": ["Direktur Utama", "Manajer Ekspor", "Ketua Koperasi", "Manajer Pemasaran", "Direktur Operasional"],
    "en": ["Managing Director", "Export Manager", "Business Development Manager", "Sales Director", "General Manager"],
    "zh": ["总经理", "进出口部经理", "采购总监", "国际业务部主管", "副总经理", "海外市场部经理"],
    "vi": ["Giám đốc", "Trưởng phòng Xuất khẩu"],
    "th": ["กรรมการผู้จัดการ", "ผู้จัดการฝ่ายส่งออก"],
    "ru": ["Генеральный директор", "Руководитель отдела ВЭД"],
    "ko": ["대표이사", "해외영업팀장"],
    "ja": ["代表取締役", "海外営業部長"],
    "de": ["Geschäftsführer", "Exportleiterin", "Leiter Vertrieb Asien"],
    "fr": ["Directrice export"],
    "it": ["Direttore commerciale"],
    "pt": ["Diretora comercial", "Gerente de exportação", "Sócio-diretor"],
    "es": ["Gerente comercial", "Gerente de exportaciones"],
}

CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
                "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def ascii_slug(name):
    s = "".join(CYR.get(c, c) for c in name.lower())
    s = s.replace("đ", "d")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    out = []
    for c in s:
        if c.isascii() and c.isalnum():
            out.append(c)
        elif out and out[-1] != ".":
            out.append(".")
    return "".join(out).strip(".")


# ---------------------------------------------------------------------------
# Interpreters (fictional). Every guest language without Chinese is covered.
# ---------------------------------------------------------------------------
INTERPRETERS = [
    ("int-id-zh-1", "林佳慧 (Lin Jiahui)", ["zh", "id", "en"]),
    ("int-id-zh-2", "Yohanes Tanoto", ["id", "zh"]),
    ("int-id-zh-3", "黄美玲 (Huang Meiling)", ["zh", "id", "ms"]),
    ("int-en-zh-1", "王思琪 (Wang Siqi)", ["zh", "en"]),
    ("int-en-zh-2", "刘博文 (Liu Bowen)", ["zh", "en"]),
    ("int-en-zh-3", "赵一鸣 (Zhao Yiming)", ["zh", "en", "ar"]),
    ("int-en-zh-4", "高雅婷 (Gao Yating)", ["zh", "en", "ms"]),
    ("int-vi-zh-1", "阮氏秋 (Nguyen Thi Thu)", ["vi", "zh"]),
    ("int-th-zh-1", "陈素英 (Chen Suying)", ["zh", "th", "lo"]),
    ("int-ru-zh-1", "孙海洋 (Sun Haiyang)", ["zh", "ru", "kk"]),
    ("int-ru-zh-2", "Anna Belova", ["ru", "zh", "en", "uz"]),
    ("int-ko-zh-1", "金美兰 (Jin Meilan)", ["zh", "ko"]),
    ("int-ja-zh-1", "周晓峰 (Zhou Xiaofeng)", ["zh", "ja"]),
    ("int-de-zh-1", "吴蕾 (Wu Lei)", ["zh", "de", "en"]),
    ("int-fr-zh-1", "郭晓雪 (Guo Xiaoxue)", ["zh", "fr", "it"]),
    ("int-pt-zh-1", "马丽 (Ma Li)", ["zh", "pt", "es"]),
]

# ---------------------------------------------------------------------------
# Friendship ties. Only the Lampung-Shandong letter of intent reflects a real
# event; the other ties' dates, titles and milestones are illustrative.
# ---------------------------------------------------------------------------
def region(country, name):
    return {"country": country, "region": name}


FRIENDSHIP_TIES = [
    {"id": "lampung-shandong", "region_a": region("ID", "Lampung"), "region_b": region("CN", "Shandong"),
     "since": "2025-05-27", "status": "letter-of-intent",
     "agreements": [
         {"kind": "letter-of-intent",
          "title": "Letter of Intent on Establishing Friendly Exchange and Cooperation between Lampung Province and Shandong Province",
          "signed_on": "2025-05-27", "place": "Jinan",
          "summary": "Signed during Shandong International Friendship Cities Cooperation and Exchange Week. Both sides intend to cooperate in modern agriculture, infrastructure and ports, industrial estates, education and youth exchange (remote sensing for agriculture also named), and to work towards a Memorandum of Understanding. Wording paraphrased for the demo."}],
     "cooperation_areas": ["modern agriculture", "ports", "industrial estates", "education", "youth exchange"],
     "milestones": [
         {"title": "Lampung mission report and follow-up plan submitted to the Governor (demo)", "due": "2025-07-31", "status": "in-progress"},
         {"title": "Joint working group on modern agriculture and ports set up (demo)", "due": "2025-10-31", "status": "planned"},
         {"title": "Shandong return visit to Bandar Lampung (demo)", "due": "2026-03-31", "status": "planned"},
         {"title": "Memorandum of Understanding", "due": "2026-05-27", "status": "planned"}]},
    {"id": "south-australia-shandong", "region_a": region("AU", "South Australia"), "region_b": region("CN", "Shandong"),
     "since": "1986-04-07", "status": "agreement",
     "agreements": [
         {"kind": "agreement", "title": "Sister-State Relationship Agreement (illustrative)", "signed_on": "1986-04-07",
          "place": "Adelaide", "summary": "Long-standing sister-state relationship; the demo uses it to show an established tie. Date illustrative."}],
     "cooperation_areas": ["agriculture", "wine", "education", "water management"],
     "milestones": [{"title": "Dryland farming research exchange (demo)", "due": "2025-11-30", "status": "in-progress"}]},
    {"id": "bavaria-shandong", "region_a": region("DE", "Bayern"), "region_b": region("CN", "Shandong"),
     "since": "1987-09-01", "status": "agreement",
     "agreements": [
         {"kind": "agreement", "title": "Partnership Agreement (illustrative)", "signed_on": "1987-09-01",
          "place": "Munich", "summary": "Regional partnership; vocational training and agricultural technology. Date illustrative."}],
     "cooperation_areas": ["vocational training", "agricultural technology", "automotive"],
     "milestones": [{"title": "Dual vocational training pilot in Weifang (demo)", "due": "2025-09-01", "status": "in-progress"}]},
    {"id": "yamaguchi-shandong", "region_a": region("JP", "Yamaguchi"), "region_b": region("CN", "Shandong"),
     "since": "1982-08-01", "status": "agreement",
     "agreements": [
         {"kind": "agreement", "title": "Friendship Province-Prefecture Agreement (illustrative)", "signed_on": "1982-08-01",
          "place": "Jinan", "summary": "Friendship tie with exchanges in culture, environment and fisheries. Date illustrative."}],
     "cooperation_areas": ["culture", "environment", "fisheries", "tourism"],
     "milestones": [{"title": "Fisheries cold-chain seminar in Shimonoseki (demo)", "due": "2025-10-15", "status": "planned"}]},
    {"id": "almaty-region-shandong", "region_a": region("KZ", "Almaty Region"), "region_b": region("CN", "Shandong"),
     "since": "2023-06-15", "status": "memorandum-of-understanding",
     "agreements": [
         {"kind": "memorandum-of-understanding", "title": "MoU on Agricultural and Logistics Cooperation (demo)",
          "signed_on": "2023-06-15", "place": "Qingdao",
          "summary": "Greenhouse vegetables, drip irrigation and rail logistics via Khorgos. Fictional."}],
     "cooperation_areas": ["greenhouse agriculture", "irrigation", "rail logistics"],
     "milestones": [{"title": "Demonstration greenhouse near Almaty (demo)", "due": "2025-12-31", "status": "in-progress"},
                    {"title": "Sister-region agreement", "due": "2026-06-30", "status": "planned"}]},
    {"id": "nakuru-shandong", "region_a": region("KE", "Nakuru"), "region_b": region("CN", "Shandong"),
     "since": "2024-09-10", "status": "letter-of-intent",
     "agreements": [
         {"kind": "letter-of-intent", "title": "Letter of Intent on Agricultural Cooperation (demo)",
          "signed_on": "2024-09-10", "place": "Nakuru", "summary": "Irrigation, avocado cold chain and farmer training. Fictional."}],
     "cooperation_areas": ["irrigation", "cold chain", "farmer training"],
     "milestones": [{"title": "Memorandum of Understanding", "due": "2026-03-31", "status": "planned"}]},
]

# ---------------------------------------------------------------------------
# Missions (itineraries with notes). Fictional people and companies.
# ---------------------------------------------------------------------------
def stop(date, kind, title, place, host, tech, lessons, contacts, follow):
    return {"date": date, "kind": kind, "title": title, "place": place, "host": host,
            "notes": {"technologies_seen": tech, "lessons": lessons, "contacts": contacts, "follow_ups": follow}}


MISSIONS = [
    {"id": "lampung-2025", "delegation": "lampung",
     "title": "Kunjungan Kerja Delegasi Apindo dan Pemerintah Provinsi Lampung ke Provinsi Shandong",
     "start": "2025-05-25", "end": "2025-05-29",
     "itinerary": [
         stop("2025-05-25", "government-meeting", "Welcome meeting with the Foreign Affairs Office of Shandong Province",
              "Jinan", "Shandong Provincial Foreign Affairs Office (demo contact)",
              [],
              ["Shandong prefers a step-by-step path: letter of intent first, then MoU with concrete projects and named agencies.",
               "A single Lampung contact point for all follow-up is expected."],
              ["Ms. 张丽华 (Zhang Lihua), Division of Asian Affairs (demo)"],
              ["Send Lampung's list of priority projects before the LOI signing (done 26 May).",
               "Nominate a Lampung liaison officer for the friendship tie."]),
         stop("2025-05-26", "site-visit", "Shouguang vegetable greenhouse park and seedling factory",
              "Shouguang, Weifang", "寿光智慧温室工程有限公司 and 寿光蔬菜种业集团 (demo)",
              ["Solar greenhouses (日光温室) with insulated north walls", "Fertigation (水肥一体化) controlled by smartphone",
               "Grafted seedlings produced in a seedling factory", "Substrate (soilless) cultivation"],
              ["Kebun hortikultura di Lampung Barat dapat mencoba rumah kaca plastik sederhana dengan irigasi tetes dan fertigasi.",
               "Model pembibitan terpusat (seedling factory) cocok untuk kelompok tani cabai dan tomat di Tanggamus.",
               "Iklim tropis: perlu ventilasi dan naungan, bukan dinding penahan panas seperti di Shandong."],
              ["Mr. 王建国 (Wang Jianguo), overseas projects (demo)", "Dr. 李静 (Li Jing), seedling technology (demo)"],
              ["Request a quotation for a 1 ha demonstration greenhouse with fertigation for Lampung Barat.",
               "Invite two technicians for a training week in Bandar Lampung."]),
         stop("2025-05-26", "site-visit", "Farm-machinery maker: tractors, dryers and post-harvest lines",
              "Weifang", "潍坊沃田农业装备股份有限公司 (demo)",
              ["50-200 hp tractors with BeiDou auto-steering", "Grain and coffee dryers with biomass burners",
               "After-sales training centre for foreign dealers"],
              ["Mesin pengering kopi berbahan bakar kulit kopi dapat menurunkan biaya pengeringan koperasi.",
               "Small-scale machines suit Lampung's smallholder plots better than large tractors."],
              ["Mr. 刘志强 (Liu Zhiqiang), export sales Southeast Asia (demo)"],
              ["Ask for dealer terms for the Lampung young farmers' association (Asosiasi Petani Milenial Lampung).",
               "Trial one coffee dryer at the Tanggamus cooperative in the 2025 harvest."]),
         stop("2025-05-27", "conference", "Friendly Cities Enterprise Matchmaking Conference",
              "Jinan", "Shandong Provincial Department of Commerce (organizer)",
              ["Structured B2B matchmaking in 20-minute slots with interpreters"],
              ["Companies with samples, price lists in USD and certificates got the most follow-ups.",
               "Chinese buyers asked repeatedly about GACC registration and pesticide residue (MRL) tests."],
              ["See the meeting outcomes recorded in Mitra for each company."],
              ["Each Lampung company sends quotations and samples within two weeks."]),
         stop("2025-05-27", "government-meeting", "Signing of the Lampung-Shandong letter of intent",
              "Jinan", "People's Government of Shandong Province",
              [],
              ["The LOI covers modern agriculture, ports, industrial estates, education and youth exchange; an MoU should follow with concrete projects."],
              ["Deputy Director, Shandong Department of Commerce (demo)"],
              ["Draft the MoU project list (ports, industrial estate, agriculture) by October 2025."]),
         stop("2025-05-28", "site-visit", "Seafood processor: shrimp and crab lines",
              "Qingdao", "青岛蓝海水产集团有限公司 (demo)",
              ["IQF tunnel freezers and glazing lines", "Traceability from pond to carton with QR codes",
               "Automatic shrimp grading by size"],
              ["Udang vaname Lampung bisa masuk ke pasar Tiongkok lewat pengolah di Qingdao sebagai bahan baku.",
               "Sertifikasi BAP/ASC dan registrasi GACC menjadi syarat utama pembeli."],
              ["Ms. 陈海燕 (Chen Haiyan), raw material purchasing (demo)"],
              ["Send a trial container offer for HOSO 40/50 and PD 71/90.", "Check GACC registration of the Tulang Bawang plant."]),
         stop("2025-05-28", "site-visit", "Qingdao port cold-chain terminal",
              "Qingdao", "青岛港冷链物流有限公司 (demo)",
              ["Port cold store with inspection area for imported seafood and fruit", "Reefer-container yard with remote monitoring"],
              ["Pelabuhan Panjang perlu cold storage dan fasilitas karantina terpadu untuk ekspor hasil laut.",
               "A direct Panjang-Qingdao service would cut transit by about a week (estimate to verify)."],
              ["Mr. 徐鹏 (Xu Peng), business development (demo)"],
              ["Share Panjang port volumes with the Qingdao terminal for a feasibility study of a direct line."]),
         stop("2025-05-29", "government-meeting", "Meeting with the Shandong Provincial Department of Commerce",
              "Jinan", "Shandong Provincial Department of Commerce",
              [],
              ["Shandong offers exhibition booths and cross-border e-commerce support for friendship-province products.",
               "Buyers want steady volumes and consistent grades rather than one-off shipments."],
              ["Division of Foreign Trade (demo contact)"],
              ["Apply for a Lampung pavilion at a 2025 Shandong import fair.",
               "Prepare the official mission report (laporan kunjungan kerja) for the Governor."]),
     ]},
    {"id": "almaty-region-2025", "delegation": "almaty-region",
     "title": "Almaty Region business mission to Shandong", "start": "2025-05-26", "end": "2025-05-28",
     "itinerary": [
         stop("2025-05-26", "site-visit", "Drip irrigation factory", "Weifang", "潍坊润田节水灌溉有限公司 (demo)",
              ["Drip tape extrusion lines", "Fertigation controllers"],
              ["Drip tape could be produced locally under licence."], ["Mr. 孙磊 (Sun Lei) (demo)"],
              ["Request licence terms."]),
         stop("2025-05-27", "conference", "Friendly Cities Enterprise Matchmaking Conference", "Jinan",
              "Shandong Provincial Department of Commerce (organizer)", [], [], [], []),
     ]},
]

# ---------------------------------------------------------------------------
# Message templates for meeting requests, in the asker's language.
# "sell": the asker offers {item}; "buy": the asker is looking for {item}.
# ---------------------------------------------------------------------------
MSG = {
    "id": ("Selamat pagi, kami menawarkan {item}. Kami ingin bertemu {other} untuk membahas kerja sama.",
           "Kami sedang mencari {item}. Penawaran {other} sangat sesuai; mohon waktu 20 menit untuk bertemu."),
    "en": ("We supply {item} and would like to meet {other} to discuss cooperation.",
           "We are looking for {item}. Could we meet {other} at the conference to discuss this?"),
    "zh": ("您好！我司可提供{item}，希望与{other}洽谈合作。",
           "我司正在寻找{item}，希望与{other}当面交流，商谈合作事宜。"),
    "vi": ("Chúng tôi cung cấp {item} và mong được gặp {other} để thảo luận hợp tác.",
           "Chúng tôi đang tìm {item}. Rất mong được gặp {other} tại hội nghị."),
    "th": ("บริษัทของเราจำหน่าย {item} และต้องการพบกับ {other} เพื่อหารือความร่วมมือ",
           "เรากำลังมองหา {item} และอยากนัดพบ {other} ในงานนี้"),
    "ru": ("Предлагаем: {item}. Хотели бы встретиться с {other} и обсудить сотрудничество.",
           "Ищем: {item}. Просим о встрече с {other} на конференции."),
    "ko": ("저희는 {item} 을(를) 공급합니다. {other}와(과) 협력을 논의하고 싶습니다.",
           "저희는 {item} 을(를) 찾고 있습니다. 상담회에서 {other}와(과) 만나고 싶습니다."),
    "ja": ("弊社は{item}を提供しております。{other}様と協業についてお話しできれば幸いです。",
           "弊社は{item}を探しております。商談会で{other}様とお会いしたく存じます。"),
    "de": ("Wir bieten {item} an und würden gerne mit {other} über eine Zusammenarbeit sprechen.",
           "Wir suchen {item}. Gerne würden wir {other} beim Matchmaking treffen."),
    "fr": ("Nous proposons {item} et souhaiterions rencontrer {other} pour discuter d'une coopération.",
           "Nous recherchons {item}. Pourrions-nous rencontrer {other} lors de la conférence ?"),
    "it": ("Offriamo {item} e vorremmo incontrare {other} per discutere una collaborazione.",
           "Cerchiamo {item}. Potremmo incontrare {other} durante la conferenza?"),
    "pt": ("Oferecemos {item} e gostaríamos de nos reunir com {other} para discutir uma parceria.",
           "Procuramos {item}. Podemos nos reunir com {other} durante o evento?"),
    "es": ("Ofrecemos {item} y nos gustaría reunirnos con {other} para conversar sobre una cooperación.",
           "Buscamos {item}. ¿Podríamos reunirnos con {other} en la conferencia?"),
}

NO_MATCH_TAGS = {"buyer"}   # "importers in China": met by the buyer's product needs


def short_name(name):
    for suf in (" (demo)", "（演示）"):
        if name.endswith(suf):
            name = name[: -len(suf)]
    return name


def items_json(items, owner=None):
    """Items as written; for owner (not Lampung) about one code in five is
    dropped, as real registrations often give none."""
    out = []
    for tag, text, hs in items:
        it = {"text": text}
        if hs and not (owner and h(owner, text) % 5 == 0):
            it["hs"] = hs.split()
        out.append(it)
    return out


def build():
    people_used = {}
    emails = set()

    def email_for(name, domain):
        base = ascii_slug(name) or "contact"
        e = base + "@" + domain
        n = 2
        while e in emails:
            e = "%s%d@%s" % (base, n, domain)
            n += 1
        emails.add(e)
        return e

    def next_person(country):
        i = people_used.get(country, 0)
        people_used[country] = i + 1
        return PEOPLE[country][i]

    delegations, orgs, internal = [], [], []
    prefix = {}
    for (did, pfx, name, country, reg, lead, exp, tech, risks) in DELEGATIONS:
        prefix[did] = pfx
        lname, ltitle, llangs = lead
        delegations.append({
            "id": did, "name": name, "country": country, "region": reg,
            "lead": {"name": lname, "email": email_for(lname, "example.org"), "title": ltitle, "languages": llangs},
            "objectives": {
                "export_products": [dict({"text": t}, **({"hs": hs.split()} if hs else {})) for t, hs in exp],
                "technology_sought": [dict({"text": t}, **({"hs": hs.split()} if hs else {})) for t, hs in tech],
                "risks": [{"text": t} for t, hs in risks],
            }})

    # guests
    for (did, pfx, dname, country, reg, *_rest) in DELEGATIONS:
        for n, g in enumerate(GUESTS[did], 1):
            (gname, sector, langs, tl, desc, offers, needs, certs, cap) = g
            oid = "%s-%02d" % (pfx, n)
            rep = next_person(country)
            title = TITLES.get(tl, TITLES["en"])[h(oid, "t") % len(TITLES.get(tl, TITLES["en"]))]
            rep_langs = [l for l in langs if l != "zh"][:2] if "zh" in langs and h(oid, "z") % 2 else langs[:2]
            web = ascii_slug(short_name(gname)).replace(".", "-")[:40].strip("-")
            if len(web) < 4:   # names in Thai, Korean, Japanese script
                web = "%s-%s" % (oid, country.lower())
            orgs.append({
                "id": oid, "name": gname, "side": "guest", "country": country, "region": reg, "delegation": did,
                "languages": langs, "sector": sector, "description": desc,
                "offers": items_json(offers, None if did == "lampung" else oid),
                "needs": items_json(needs, None if did == "lampung" else oid),
                "certifications": certs, "capacity": cap, "website": "https://%s.example" % web,
                "representative": {"name": rep, "email": email_for(rep, "example.org" if h(oid) % 3 else "example.com"),
                                   "title": title, "languages": rep_langs},
                "table": None})
            internal.append({"id": oid, "side": "guest", "tl": tl, "name": gname, "offers": offers, "needs": needs,
                             "delegation": did})

    # hosts
    for n, hst in enumerate(HOSTS, 1):
        (city, hname, sector, langs, desc, offers, needs, certs, cap) = hst
        oid = "sd-%03d" % n
        s = ZH_SURNAMES[(n * 5) % len(ZH_SURNAMES)]
        gv = ZH_GIVEN[(n * 7 + 3) % len(ZH_GIVEN)]
        rep = s[0] + gv[0]
        title = TITLES["zh"][h(oid, "t") % len(TITLES["zh"])]
        web = "sd%03d-%s" % (n, city.lower().replace("'", ""))
        orgs.append({
            "id": oid, "name": hname, "side": "host", "country": "CN", "region": city, "delegation": None,
            "languages": langs, "sector": sector, "description": desc,
            "offers": items_json(offers, oid), "needs": items_json(needs, oid),
            "certifications": certs, "capacity": cap, "website": "https://%s.example" % web,
            "representative": {"name": rep, "email": email_for("%s.%s" % (gv[1], s[1]), "example.cn"),
                               "title": title, "languages": langs},
            "table": "H%03d" % n})
        internal.append({"id": oid, "side": "host", "tl": "zh", "name": hname, "offers": offers, "needs": needs})

    interpreters = []
    for iid, name, langs in INTERPRETERS:
        latin = name.split("(")[-1].rstrip(")") if "(" in name else name
        interpreters.append({"id": iid, "name": name, "languages": langs,
                             "email": email_for("interp." + latin, "example.org")})

    requests = make_requests(internal)

    return {
        "format": "mitra/demo-conference@1",
        "notice": NOTICE,
        "event": EVENT,
        "delegations": delegations,
        "organizations": orgs,
        "interpreters": interpreters,
        "requests": requests,
        "friendship_ties": FRIENDSHIP_TIES,
        "missions": MISSIONS,
    }


def pair_matches(g, hs):
    """(guest sells to host) and (host sells to guest) item pairs."""
    a = [(match_weight(gi[0], hi[0]), gi, hi) for gi in g["offers"] for hi in hs["needs"]
         if gi[0] not in NO_MATCH_TAGS and hi[0] not in NO_MATCH_TAGS]
    b = [(match_weight(hi[0], gi[0]), hi, gi) for hi in hs["offers"] for gi in g["needs"]
         if gi[0] not in NO_MATCH_TAGS and hi[0] not in NO_MATCH_TAGS]
    a = sorted([x for x in a if x[0] > 0], key=lambda x: -x[0])
    b = sorted([x for x in b if x[0] > 0], key=lambda x: -x[0])
    return [x[1:] for x in a], [x[1:] for x in b], (a[0][0] if a else 0), (b[0][0] if b else 0), len(a) + len(b)


HOST_CAP = 9


def make_requests(internal):
    guests = [o for o in internal if o["side"] == "guest"]
    hosts = [o for o in internal if o["side"] == "host"]
    cand = {}
    for g in guests:
        lst = []
        for hs in hosts:
            a, b, wa, wb, k = pair_matches(g, hs)
            if not a and not b:
                continue
            score = wa + wb + 0.25 * k
            lst.append((-score, h(g["id"], hs["id"]) % 1000, hs["id"], a, b))
        lst.sort()
        cand[g["id"]] = lst
    target = {}
    for g in guests:
        base = 9 + h(g["id"], "n") % 4 if g["delegation"] == "lampung" else 5 + h(g["id"], "n") % 5
        target[g["id"]] = min(base, 12)
    load = {hs["id"]: 0 for hs in hosts}
    chosen = {g["id"]: [] for g in guests}
    pos = {g["id"]: 0 for g in guests}
    order = sorted((g["id"] for g in guests), key=lambda x: h(x, "order"))
    progress = True
    while progress:
        progress = False
        for gid in order:
            if len(chosen[gid]) >= target[gid]:
                continue
            lst = cand[gid]
            while pos[gid] < len(lst):
                c = lst[pos[gid]]
                pos[gid] += 1
                if load[c[2]] < HOST_CAP:
                    load[c[2]] += 1
                    chosen[gid].append(c)
                    progress = True
                    break
    by_id = {o["id"]: o for o in internal}
    flat = []
    for gid in order:
        for c in chosen[gid]:
            flat.append((gid, c))
    # priorities: mutual complementarity and strong scores first
    ranked = sorted(flat, key=lambda x: (-(bool(x[1][3]) and bool(x[1][4])), x[1][0], h(x[0], x[1][2], "p")))
    n = len(ranked)
    prio = {}
    for i, (gid, c) in enumerate(ranked):
        prio[(gid, c[2])] = 3 if i < round(n * 0.35) else (2 if i < round(n * 0.75) else 1)
    out = []
    for gid, c in flat:
        hid, a, b = c[2], c[3], c[4]
        g, hs = by_id[gid], by_id[hid]
        r = h(gid, hid, "dir")
        if a and b:
            guest_sells = r % 2 == 0
            guest_asks = (r >> 1) % 3 != 0
        elif a:
            guest_sells = True
            guest_asks = r % 4 != 0
        else:
            guest_sells = False
            guest_asks = r % 2 == 0
        if guest_asks:
            asker, other = g, hs
            item = a[0][0] if guest_sells else b[0][1]
            mode = 0 if guest_sells else 1
        else:
            asker, other = hs, g
            item = a[0][1] if guest_sells else b[0][0]
            mode = 1 if guest_sells else 0
        text = item[1]
        if asker["tl"] not in ("de",) and len(text) > 1 and text[0].isupper() and text[1].islower():
            text = text[0].lower() + text[1:]
        msg = MSG[asker["tl"]][mode].format(item=text, other=short_name(other["name"]))
        out.append({"from": asker["id"], "to": other["id"], "priority": prio[(gid, hid)], "message": msg})
    return out


def main():
    data = build()
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote", OUT)
    sys.path.insert(0, HERE)
    import check_conference
    sys.exit(check_conference.main([OUT]))


if __name__ == "__main__":
    main()
