#!/usr/bin/env python3
"""Generate the demo data set of danvan (demo/*.csv) from the shared material.

The demo is Hải Phòng (unit 31) in the six months 2023S1, built so that the
seven annexes computed for unit 31 reproduce the annexes of the seed report
(../shared/seeds/004_*.txt, transcribed in
../shared/data/seed-annexes/004-annexes.json). Biểu 1, 2, 4, 5, 6 and 7 are
counted from registers (documents, conferences, inspections, letters,
receptions, supervisions, criticisms, dialogues); Biểu 3 is entered values.
City-level figures are the seed's; how they are split over districts and
communes, and the records' wording, is invented here, deterministically (own
PRNG with a fixed seed, one stream per file), so reruns give the same files.
Letter senders are fictitious and marked so.

Usage: python3 demo/make_demo.py [--shared DIR] [--out DIR]
Standard library only.
"""
import argparse
import csv
import datetime
import io
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PERIOD = "2023S1"
CITY = "31"
SEED = 20230619  # the seed report's date, 19/6/2023


# ---------------------------------------------------------------- PRNG
class Rng:
    """splitmix64: tiny, and identical on every Python version."""

    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF

    def next64(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def random(self):
        return (self.next64() >> 11) / float(1 << 53)

    def below(self, n):
        return self.next64() % n

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def randint(self, a, b):
        return a + self.below(b - a + 1)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, weights):
        total = sum(weights)
        x = self.random() * total
        acc = 0.0
        for i, w in enumerate(weights):
            acc += w
            if x < acc and w > 0:
                return i
        for i in range(len(weights) - 1, -1, -1):
            if weights[i] > 0:
                return i
        raise ValueError("no positive weight")

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]


# ---------------------------------------------------------------- splits
def split(rng, total, weights, caps=None, base=None):
    """Deal `total` units one by one to positions chosen at random by weight,
    never past caps[i]; start from base[i] (counted in the total).
    Returns a list of non-negative integers summing exactly to total."""
    n = len(weights)
    alloc = list(base) if base else [0] * n
    left = total - sum(alloc)
    if left < 0:
        raise ValueError("base exceeds total")
    if caps is not None and sum(caps) < total:
        raise ValueError("caps too small: %d < %d" % (sum(caps), total))
    for _ in range(left):
        w = [weights[i] if (caps is None or alloc[i] < caps[i]) else 0 for i in range(n)]
        if sum(w) <= 0:  # weights exhausted under the caps: anyone with room
            w = [1 if (caps is None or alloc[i] < caps[i]) else 0 for i in range(n)]
        alloc[rng.weighted(w)] += 1
    return alloc


def at_most(rng, total, caps, lo=0.8, hi=1.2):
    """A quantity not above caps per unit (resolved <= received...)."""
    w = [c * rng.uniform(lo, hi) for c in caps]
    return split(rng, total, w, caps=caps)


# ---------------------------------------------------------------- input
def read_units(shared):
    path = os.path.join(shared, "data", "vn-admin", "units-2024.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    districts = {r["code"] for r in rows if r["parent_code"] == CITY}
    sel = [r for r in rows if r["code"] == CITY or r["parent_code"] == CITY or r["parent_code"] in districts]
    return sel


def read_seed(shared):
    path = os.path.join(shared, "data", "seed-annexes", "004-annexes.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def pair_of(text):
    a, b = text.split("/")
    return int(a), int(b)


# ---------------------------------------------------------------- writing
def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


class Values:
    def __init__(self):
        self.rows = []
        self.seen = set()

    def put(self, element, combo, unit, value):
        key = (element, combo, unit)
        if key in self.seen:
            raise ValueError("duplicate value %r" % (key,))
        self.seen.add(key)
        self.rows.append((element, combo, PERIOD, unit, value))

    def put_split(self, element, combo, units, amounts, zeros=True):
        for u, a in zip(units, amounts):
            if a or zeros:
                self.put(element, combo, u, a)


# ---------------------------------------------------------------- Biểu 3
FIELDS = ("kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_dang")


def bieu3(v, seed, city, districts, communes, rng):
    x = seed["bieu-3"]["rows"][0]["values"]
    units = [city] + districts + communes
    # where models are registered: about 3% city (departments, city-wide
    # organisations), 15% districts, 82% communes
    weights = [0.03] + [0.15 / len(districts) * rng.uniform(0.5, 1.5) for _ in districts] + [
        0.82 / len(communes) * rng.uniform(0.4, 1.6) for _ in communes
    ]
    by = {}
    for k, field in enumerate(FIELDS):
        for j, who in enumerate(("tap_the", "ca_nhan")):
            by[field + "." + who] = split(rng, x[3 + 2 * k + j], weights)
    registered = [sum(by[c][i] for c in by) for i in range(len(units))]
    assert sum(registered) == x[0], (sum(registered), x[0])
    for i, u in enumerate(units):
        if registered[i]:
            v.put("models_registered", "default", u, registered[i])
        for c in by:
            if by[c][i]:
                v.put("models_by_field", c, u, by[c][i])
    # recognised this year: a note at the city ("not yet appraised")
    v.put("models_recognised", "tap_the", CITY, x[1])
    assert x[2] is None  # ca_nhan: blank, no rows
    # commended: not more than the unit's own models of that kind
    tt = [sum(by[f + ".tap_the"][i] for f in FIELDS) for i in range(len(units))]
    cn = [sum(by[f + ".ca_nhan"][i] for f in FIELDS) for i in range(len(units))]
    for combo, total, caps in (("tap_the", x[11], tt), ("ca_nhan", x[12], cn)):
        amounts = at_most(rng, total, caps)
        v.put_split("models_commended", combo, units, amounts, zeros=False)
    # press items: the city and the districts
    pw = [0.3] + [0.7 / len(districts) * rng.uniform(0.5, 1.5) for _ in districts]
    v.put_split("press_items", "default", [city] + districts, split(rng, x[13], pw), zeros=False)
    v.put("models_exemplary", "default", CITY, x[14])


# ---------------------------------------------------------------- Biểu 5: dialogues
TYPES = ("dinh_ky", "chuyen_de", "dot_xuat")
CHAIRS = ("cap_uy", "chinh_quyen", "dong_chu_tri")

# topic: (where: u = urban wards/districts, r = rural communes/districts, a = any;
#         phrase for the title, what the people raised, what was concluded)
TOPICS = [
    ("r", "công tác giải phóng mặt bằng dự án mở rộng tuyến đường liên xã",
     "Nhân dân kiến nghị về đơn giá bồi thường, hỗ trợ và bố trí tái định cư cho các hộ có đất bị thu hồi.",
     "Giao cơ quan chuyên môn rà soát phương án bồi thường, công khai đơn giá và trả lời bằng văn bản các kiến nghị trong 30 ngày."),
    ("a", "công tác giải phóng mặt bằng dự án khu đô thị mới",
     "Một số hộ dân chưa đồng thuận với phương án bồi thường, đề nghị làm rõ nguồn gốc đất và thời điểm sử dụng đất.",
     "Thống nhất thành lập tổ công tác xác minh nguồn gốc đất từng thửa, niêm yết công khai kết quả tại nhà văn hóa khu dân cư."),
    ("a", "việc cấp giấy chứng nhận quyền sử dụng đất",
     "Người dân phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất kéo dài, thủ tục còn phức tạp.",
     "Chỉ đạo bộ phận một cửa rà soát các hồ sơ tồn đọng, công khai tiến độ giải quyết và quy trình thủ tục."),
    ("a", "vệ sinh môi trường và thu gom, xử lý rác thải sinh hoạt",
     "Nhân dân phản ánh tình trạng rác thải tồn đọng tại điểm tập kết, mùi hôi ảnh hưởng đến sinh hoạt của khu dân cư.",
     "Yêu cầu đơn vị thu gom tăng tần suất vận chuyển, di chuyển điểm tập kết rác và vận động Nhân dân phân loại rác tại nguồn."),
    ("u", "trật tự đô thị, lấn chiếm vỉa hè, lòng đường",
     "Ý kiến đề nghị chấn chỉnh tình trạng lấn chiếm vỉa hè kinh doanh, gây mất an toàn giao thông.",
     "Giao lực lượng chức năng ra quân lập lại trật tự vỉa hè, đồng thời bố trí địa điểm kinh doanh phù hợp cho các hộ buôn bán nhỏ."),
    ("r", "xây dựng nông thôn mới kiểu mẫu và vận động Nhân dân hiến đất làm đường",
     "Nhân dân đồng tình với chủ trương, đề nghị công khai mức đóng góp, thiết kế tuyến đường và tiến độ thi công.",
     "Thống nhất công khai dự toán, thành lập ban giám sát cộng đồng và biểu dương các hộ gia đình tự nguyện hiến đất."),
    ("a", "thực hiện thủ tục hành chính và dịch vụ công trực tuyến",
     "Người dân, nhất là người cao tuổi, gặp khó khăn khi nộp hồ sơ trực tuyến; đề nghị hướng dẫn cụ thể hơn.",
     "Bố trí tổ công nghệ số cộng đồng hỗ trợ tại bộ phận một cửa và tại khu dân cư; rút ngắn thời gian trả kết quả."),
    ("a", "bảo đảm an ninh trật tự, phòng, chống tội phạm và tệ nạn ma túy",
     "Nhân dân phản ánh tình trạng tụ tập, gây mất trật tự vào ban đêm và lo ngại tệ nạn ma túy trong thanh thiếu niên.",
     "Giao công an tăng cường tuần tra, kiểm soát; phát huy mô hình tổ an ninh tự quản và camera giám sát tại khu dân cư."),
    ("a", "thực hiện chính sách an sinh xã hội, người có công",
     "Ý kiến đề nghị rà soát, bổ sung đối tượng hưởng chính sách bảo trợ xã hội và hộ cận nghèo.",
     "Giao bộ phận lao động - thương binh và xã hội rà soát, hoàn thiện hồ sơ, bảo đảm chi trả đúng, đủ, kịp thời."),
    ("u", "cải tạo, xây dựng lại chung cư cũ",
     "Cư dân các khu chung cư cũ đề nghị công khai phương án bố trí tạm cư, hệ số bồi thường và tiến độ thực hiện.",
     "Thống nhất tổ chức lấy ý kiến cư dân về phương án, công khai thông tin dự án và thời gian tạm cư."),
    ("r", "nạo vét kênh mương, thủy lợi nội đồng và phòng, chống thiên tai",
     "Nhân dân phản ánh kênh tiêu úng bị bồi lắng, ảnh hưởng đến sản xuất vụ chiêm xuân.",
     "Giao cơ quan chuyên môn lập kế hoạch nạo vét trước mùa mưa bão, huy động Nhân dân cùng tham gia."),
    ("a", "quy hoạch, sắp xếp chợ dân sinh",
     "Tiểu thương đề nghị làm rõ phương án bố trí điểm kinh doanh tạm và mức phí sau khi cải tạo chợ.",
     "Thống nhất công khai phương án bố trí, ưu tiên các hộ đang kinh doanh ổn định và hỗ trợ trong thời gian di chuyển."),
    ("a", "ô nhiễm môi trường từ cơ sở sản xuất gần khu dân cư",
     "Nhân dân phản ánh khói, bụi và tiếng ồn từ cơ sở sản xuất ảnh hưởng đến sức khỏe, đề nghị kiểm tra, xử lý.",
     "Giao đoàn kiểm tra liên ngành kiểm tra, quan trắc môi trường, xử lý nghiêm vi phạm và thông báo kết quả cho Nhân dân."),
    ("a", "cung cấp nước sạch và điện sinh hoạt",
     "Người dân phản ánh nước sạch cung cấp không ổn định vào giờ cao điểm, đề nghị mở rộng mạng lưới cấp nước.",
     "Đề nghị đơn vị cấp nước kiểm tra áp lực đường ống, lập kế hoạch cải tạo và thông báo lịch cấp nước cho Nhân dân."),
    ("a", "phòng cháy, chữa cháy tại khu dân cư",
     "Ý kiến đề nghị tăng cường kiểm tra an toàn phòng cháy tại nhà ở kết hợp kinh doanh và các ngõ nhỏ.",
     "Nhân rộng mô hình tổ liên gia an toàn phòng cháy, chữa cháy; trang bị bình chữa cháy tại các điểm công cộng."),
    ("a", "thực hiện dân chủ ở cơ sở và công khai các khoản đóng góp",
     "Nhân dân đề nghị công khai các khoản thu, chi từ đóng góp của Nhân dân và kết quả thực hiện các công trình phúc lợi.",
     "Giao bộ phận chuyên môn niêm yết công khai tài chính, phát huy vai trò ban thanh tra nhân dân trong giám sát."),
]

URBAN = ("Quận", "Phường")
RURAL = ("Huyện", "Xã")

PERIODIC_TITLES = {
    "cap_uy": "Hội nghị đối thoại định kỳ giữa người đứng đầu cấp ủy với Nhân dân {place} năm 2023",
    "chinh_quyen": "Hội nghị đối thoại định kỳ giữa Chủ tịch Ủy ban nhân dân với Nhân dân {place} năm 2023",
    "dong_chu_tri": "Hội nghị đối thoại định kỳ giữa người đứng đầu cấp ủy, chính quyền với Nhân dân {place} năm 2023",
}
THEMED_TITLE = "Đối thoại với Nhân dân {place} về {topic}"
SUDDEN_TITLE = "Đối thoại đột xuất với Nhân dân {place} về {topic}"

# the city's five dialogues (Biểu 5, Thành phố row)
CITY_DIALOGUES = [
    ("chuyen_de", "dong_chu_tri", "2023-04-15",
     "Chương trình Thường trực Thành ủy gặp gỡ, đối thoại với đoàn viên, thanh niên thành phố năm 2023",
     280,
     "Đoàn viên, thanh niên nêu kiến nghị về việc làm, khởi nghiệp, nhà ở cho thanh niên và thiết chế văn hóa, thể thao.",
     "Giao các sở, ngành nghiên cứu, trả lời bằng văn bản; tổng hợp các kiến nghị để ban hành thông báo kết luận."),
    ("chuyen_de", "dong_chu_tri", "2023-05-20",
     "Đối thoại với công nhân lao động thành phố nhân Tháng Công nhân năm 2023",
     300,
     "Công nhân lao động kiến nghị về nhà ở xã hội, nhà trẻ cho con công nhân và việc đóng bảo hiểm xã hội của doanh nghiệp.",
     "Giao các cơ quan liên quan rà soát quỹ đất nhà ở xã hội, tăng cường kiểm tra việc chấp hành pháp luật lao động."),
    ("dot_xuat", "chinh_quyen", "2023-02-22",
     "Đối thoại đột xuất với Nhân dân về công tác giải phóng mặt bằng dự án trọng điểm của thành phố",
     220,
     "Các hộ dân trong phạm vi dự án kiến nghị về giá bồi thường, hỗ trợ và thời gian bàn giao đất tái định cư.",
     "Giao Ủy ban nhân dân quận, huyện nơi có dự án rà soát từng trường hợp, trả lời Nhân dân trước khi tổ chức cưỡng chế."),
    ("dot_xuat", "chinh_quyen", "2023-04-18",
     "Đối thoại đột xuất với tiểu thương về ổn định kinh doanh và khôi phục chợ sau sự cố cháy",
     250,
     "Tiểu thương đề nghị hỗ trợ khắc phục thiệt hại, bố trí điểm kinh doanh tạm và sớm xây dựng lại chợ.",
     "Thống nhất bố trí điểm kinh doanh tạm, xem xét miễn, giảm phí; bảo đảm an ninh trật tự trong thời gian khắc phục."),
    ("dot_xuat", "chinh_quyen", "2023-06-09",
     "Đối thoại đột xuất với Nhân dân về ô nhiễm môi trường tại khu vực giáp ranh khu công nghiệp",
     160,
     "Nhân dân phản ánh mùi hôi và nước thải ảnh hưởng đến khu dân cư, đề nghị kiểm tra các doanh nghiệp xả thải.",
     "Giao cơ quan chuyên môn kiểm tra, quan trắc, xử lý vi phạm và báo cáo kết quả trong 15 ngày."),
]

# counts by level as in Biểu 5 (type, chair) -> n
DISTRICT_COUNTS = {
    ("dinh_ky", "cap_uy"): 1, ("dinh_ky", "chinh_quyen"): 0, ("dinh_ky", "dong_chu_tri"): 3,
    ("chuyen_de", "cap_uy"): 1, ("chuyen_de", "chinh_quyen"): 8, ("chuyen_de", "dong_chu_tri"): 3,
    ("dot_xuat", "cap_uy"): 1, ("dot_xuat", "chinh_quyen"): 36, ("dot_xuat", "dong_chu_tri"): 0,
}
COMMUNE_COUNTS = {
    ("dinh_ky", "cap_uy"): 2, ("dinh_ky", "chinh_quyen"): 3, ("dinh_ky", "dong_chu_tri"): 35,
    ("chuyen_de", "cap_uy"): 2, ("chuyen_de", "chinh_quyen"): 7, ("chuyen_de", "dong_chu_tri"): 16,
    ("dot_xuat", "cap_uy"): 12, ("dot_xuat", "chinh_quyen"): 55, ("dot_xuat", "dong_chu_tri"): 6,
}

FIRST = datetime.date(2023, 1, 3)
LAST = datetime.date(2023, 6, 28)


def holiday(d):
    # Tết Quý Mão (20-26/1/2023), Giỗ Tổ and 30/4-1/5 (29/4-3/5/2023)
    return (datetime.date(2023, 1, 20) <= d <= datetime.date(2023, 1, 26)
            or datetime.date(2023, 4, 29) <= d <= datetime.date(2023, 5, 3))


WORKDAYS = [FIRST + datetime.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]
WORKDAYS = [d for d in WORKDAYS if d.weekday() < 5 and not holiday(d)]


def place_of(unit):
    """'Phường Quán Toan' -> 'phường Quán Toan'."""
    name = unit["name"]
    for t in ("Thành phố", "Quận", "Huyện", "Phường", "Xã", "Thị trấn"):
        if name.startswith(t + " "):
            return t.lower() + name[len(t):]
    return name


def dialogue_check(seed):
    """The level counts above are Biểu 5 of the seed."""
    rows = seed["bieu-5"]["rows"]
    for counts, row in ((DISTRICT_COUNTS, rows[1]), (COMMUNE_COUNTS, rows[2])):
        for ti, t in enumerate(TYPES):
            for ci, c in enumerate(CHAIRS):
                assert counts[(t, c)] == row["values"][4 * ti + ci], (t, c)
    city = {}
    for t, c, *_ in CITY_DIALOGUES:
        city[(t, c)] = city.get((t, c), 0) + 1
    for ti, t in enumerate(TYPES):
        for ci, c in enumerate(CHAIRS):
            want = rows[0]["values"][4 * ti + ci]
            assert city.get((t, c), 0) == (want or 0), (t, c)


def dialogues(seed, city, districts, communes, rng):
    dialogue_check(seed)
    out = []
    for t, c, date, title, people, issues, concl in CITY_DIALOGUES:
        out.append((date, city["code"], t, c, title, people, issues, concl))
    for units, counts, plo, phi in ((districts, DISTRICT_COUNTS, 60, 250), (communes, COMMUNE_COUNTS, 20, 150)):
        weights = [rng.uniform(0.3, 1.7) for _ in units]
        for t in TYPES:
            for c in CHAIRS:
                for _ in range(counts[(t, c)]):
                    u = units[rng.weighted(weights)]
                    place = place_of(u)
                    where = "u" if u["type"] in URBAN else "r" if u["type"] in RURAL else "a"
                    topic, issues, concl = rng.choice([x[1:] for x in TOPICS if x[0] in ("a", where)])
                    if t == "dinh_ky":
                        title = PERIODIC_TITLES[c].format(place=place)
                    elif t == "chuyen_de":
                        title = THEMED_TITLE.format(place=place, topic=topic)
                    else:
                        title = SUDDEN_TITLE.format(place=place, topic=topic)
                    date = rng.choice(WORKDAYS).isoformat()
                    out.append((date, u["code"], t, c, title, rng.randint(plo, phi), issues, concl))
    out.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return out


# ---------------------------------------------------------------- Biểu 4: documents
KIND_CODES = {"NQ": "NQ", "CT": "CT", "KL": "KL", "QĐ": "QD", "KH": "KH", "CTr": "CTr", "BC": "BC",
              "TB": "TB", "TT": "TT", "HD": "HD", "CV": "CV", "ĐA": "DA"}

# fields by content, in the seed's order (see README)
DOC_FIELDS = [
    "khac",                  # 08-NQ/TU  mục tiêu, nhiệm vụ năm 2023
    "khac",                  # 43-CTr/TU chương trình kiểm tra, giám sát
    "khac",                  # 44-CTr/TU chương trình công tác năm
    "mttq_ctxh",             # 957-QĐ/TU kiểm tra thực hiện QĐ 217, 218 (giám sát, phản biện của MTTQ)
    "ton_giao",              # 959-QĐ/TU bồi dưỡng cán bộ làm công tác tôn giáo
    "khac",                  # 969-QĐ/TU BCĐ xây dựng giai cấp công nhân
    "ton_giao",              # 05-QĐ/BCĐ đất cơ sở tôn giáo, Kiến Thụy
    "ton_giao",              # 04-QĐ/BCĐ đất cơ sở tôn giáo, Thủy Nguyên
    "mttq_ctxh",             # 08-TT/TU  Chỉ thị 18 (giám sát, phản biện của MTTQ)
    "khac",                  # 1364-TB/TU giao ban cơ quan tham mưu
    "mttq_ctxh",             # 1401-TB/TU đối thoại với đoàn viên, thanh niên
    "khac",                  # 1419-TB/TU quy chế phối hợp với Đảng ủy Công an
    "khac",                  # 1429-TB/TU cháy chợ Tam Bạc, an ninh trật tự
    "khac",                  # 1436-TB/TU kết quả quý I
    "mttq_ctxh",             # 1457-TB/TU kiến nghị của đoàn viên, thanh niên
    "mttq_ctxh",             # 1462-TB/TU chương trình giám sát, phản biện của MTTQ
    "dan_van_chinh_quyen;mttq_ctxh",  # 246-KH/TU QĐ 218: góp ý xây dựng Đảng, chính quyền
    "khac",                  # 226-KH/TU sơ kết giữa nhiệm kỳ
    "khac",                  # 256-KH/TU NQ 25-NQ/TW: công tác dân vận as a whole
    "khac",                  # 244-KL/TU Hội nghị Thành ủy
    "mttq_ctxh",             # 809-CV/TU Hội Chữ thập đỏ
    "dan_van_chinh_quyen",   # 824-CV/TU tiếp dân, đối thoại, khiếu nại, tố cáo
    "mttq_ctxh",             # 874-CV/TU Tháng Nhân đạo
    "mttq_ctxh",             # 875-CV/TU nạn nhân chất độc da cam
]

SYMBOL_RE = re.compile(r"^\S.*?\bsố\s+(?:Số\s+)?(\d+-([A-Za-zĐđ]+)/[A-Za-zĐđ]+)$")


def parse_symbol(text):
    m = SYMBOL_RE.match(text.strip())
    if not m:
        raise ValueError("unparsed document number: %r" % text)
    return m.group(1), KIND_CODES[m.group(2)]


def parse_date(text):
    d, m, y = (int(p) for p in text.strip().split("/"))
    return datetime.date(y, m, d)


def city_documents(seed):
    rows = seed["bieu-4"]["rows"]
    assert len(rows) == len(DOC_FIELDS) == 24
    out = []
    s1_first, s1_last = datetime.date(2023, 1, 1), datetime.date(2023, 6, 30)
    for r, fields in zip(rows, DOC_FIELDS):
        _, number, summary, date = r["values"]
        symbol, kind = parse_symbol(number)
        d = parse_date(date)
        # a document dated outside the period but listed in its report
        period = "" if s1_first <= d <= s1_last else PERIOD
        out.append((kind, symbol, d.isoformat(), CITY, "cap_uy", summary, fields, period))
    return out


# ---------------------------------------------------------------- registers: common
# Seed figures behind the registers (city / districts), by column of the annexes.
def seed_figures(seed):
    x1 = seed["bieu-1"]["rows"][0]["values"]
    x2 = seed["bieu-2"]["rows"][0]["values"]
    f = {
        "conf": {"cap_uy": ((x1[2], x1[3]), (x1[4], x1[5])),
                 "ban_dan_van": ((x2[2], x2[3]), (x2[4], x2[5]))},
        "docs_cap_uy": (x1[7], x1[8]),
        "docs_bdv": {fd: (x2[7 + 2 * k], x2[8 + 2 * k]) for k, fd in enumerate(BDV_FIELDS)},
        # (count, party organisations, party members) at the city and over the districts
        "insp": {("cap_uy", "kiem_tra"): (tuple(x1[12:15]), tuple(x1[15:18])),
                 ("cap_uy", "giam_sat"): (tuple(x1[21:24]), tuple(x1[24:27])),
                 ("ban_dan_van", "kiem_tra"): (tuple(x2[18:21]), tuple(x2[21:24])),
                 ("ban_dan_van", "giam_sat"): (tuple(x2[27:30]), tuple(x2[30:33]))},
        "letters_received": (x1[28], x1[29]),
        "letters_resolved": (x1[31], x1[32]),
        "reception": (pair_of(x1[34]), pair_of(x1[35])),
    }
    return f


# footnote 3 of the seed: "các đảng ủy xã, phường, thị trấn đã ban hành 1.718 văn bản"
COMMUNE_DOCS = 1718
BDV_FIELDS = ("dan_toc", "ton_giao", "dan_van_chinh_quyen", "mttq_ctxh")

KIND_NAME = {"NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QĐ": "Quyết định", "KH": "Kế hoạch",
             "CTr": "Chương trình", "BC": "Báo cáo", "TB": "Thông báo", "TT": "Thông tri", "HD": "Hướng dẫn",
             "CV": "Công văn", "ĐA": "Đề án"}

# letters may be resolved up to the last day of the period
RES_DAYS = [FIRST + datetime.timedelta(days=i) for i in range((datetime.date(2023, 6, 30) - FIRST).days + 1)]
RES_DAYS = [d for d in RES_DAYS if d.weekday() < 5 and not holiday(d)]


def short_name(unit):
    """'Quận Lê Chân' -> 'Lê Chân'."""
    name = unit["name"]
    for t in ("Thành phố", "Quận", "Huyện", "Phường", "Xã", "Thị trấn"):
        if name.startswith(t + " "):
            return name[len(t) + 1:]
    return name


def committee_of(unit):
    """The party committee of a unit: 'Quận ủy Lê Chân', 'Đảng ủy xã Tân Dương'."""
    if unit["code"] == CITY:
        return "Thành ủy"
    t = unit["type"]
    if t == "Quận":
        return "Quận ủy " + short_name(unit)
    if t == "Huyện":
        return "Huyện ủy " + short_name(unit)
    if t.startswith("Thành phố"):
        return "Thành ủy " + short_name(unit)
    return "Đảng ủy " + place_of(unit)


def suffix_of(unit, issued_by):
    """The issuer part of a document symbol: TU, QU, HU, ĐU; BDVTU, BDVQU, BDVHU."""
    if unit["code"] == CITY:
        s = "TU"
    elif unit["level"] == "2":
        s = {"Quận": "QU", "Huyện": "HU"}.get(unit["type"], "TU")
    else:
        s = "ĐU"
    return ("BDV" + s) if issued_by == "ban_dan_van" else s


def where_of(unit):
    return "u" if unit["type"] in URBAN else "r" if unit["type"] in RURAL else "a"


def days_in(win, after=None, days=None):
    """Working days in a window 'MM-DD:MM-DD' (None = the whole period), after a date."""
    days = days or WORKDAYS
    if win:
        a, b = win.split(":")
        lo = datetime.date(2023, int(a[:2]), int(a[3:]))
        hi = datetime.date(2023, int(b[:2]), int(b[3:]))
        days = [d for d in days if lo <= d <= hi]
    if after:
        days = [d for d in days if d > after]
    return days


def vn_date(d):
    return "%02d/%02d/%d" % (d.day, d.month, d.year)


class T:
    """A document template: kind as written (QĐ), fields, summary text with
    {place} (the issuing unit: 'quận Lê Chân'), {org} (its committee) and
    {sub} (a unit under it: the template may then be used once per such unit);
    win = 'MM-DD:MM-DD' the dates it fits; where = a(ny), u(rban), r(ural)."""

    def __init__(self, kind, fields, text, win=None, where="a", w=1.0, after=None):
        assert kind in KIND_NAME and text.startswith(KIND_NAME[kind] + " "), text
        assert set(fields.split(";")) <= set(BDV_FIELDS + ("khac",)), fields
        self.kind, self.fields, self.text, self.where, self.w = kind, fields, text, where, w
        self.days = days_in(win, after)
        assert self.days, text
        self.repeat = "{sub}" in text


# ---------------------------------------------------------------- documents: templates
# documents of the district committees (quận ủy, huyện ủy, thành ủy Thuỷ Nguyên)
DISTRICT_DOCS = [
    T("NQ", "khac", "Nghị quyết về mục tiêu, nhiệm vụ, giải pháp năm 2023", "01-03:01-19"),
    T("CTr", "khac", "Chương trình công tác năm 2023 của Ban Chấp hành, Ban Thường vụ {org}", "01-03:02-15"),
    T("CTr", "khac", "Chương trình kiểm tra, giám sát của Ban Chấp hành {org} năm 2023", "01-03:02-15"),
    T("KH", "khac", "Kế hoạch về công tác dân vận năm 2023", "01-03:02-28"),
    T("KH", "khac", "Kế hoạch về đẩy mạnh phong trào thi đua “Dân vận khéo” và xây dựng, nhân rộng mô hình "
      "“Dân vận khéo” năm 2023", "01-03:03-31"),
    T("KH", "khac", "Kế hoạch về kiểm tra, giám sát công tác dân vận năm 2023", "01-03:03-31"),
    T("TB", "khac", "Thông báo kết luận của Ban Thường vụ {org} về kết quả công tác dân vận quý I, nhiệm vụ "
      "trọng tâm quý II năm 2023", "04-03:04-28"),
    T("BC", "khac", "Báo cáo kết quả công tác dân vận 6 tháng đầu năm, phương hướng, nhiệm vụ 6 tháng cuối năm 2023",
      "06-12:06-28"),
    T("CV", "khac", "Công văn về việc sơ kết công tác dân vận 6 tháng đầu năm 2023", "05-22:06-16"),
    T("KL", "khac", "Kết luận của Ban Thường vụ {org} về tăng cường công tác dân vận trong tình hình mới"),
    T("QĐ", "khac", "Quyết định về việc thành lập Đoàn giám sát việc thực hiện công tác dân vận tại một số tổ chức "
      "cơ sở đảng", "02-01:06-28"),
    T("TB", "khac", "Thông báo kết luận của Thường trực {org} làm việc với Đảng ủy {sub} về công tác dân vận",
      "02-01:06-28", w=0.4),
    T("ĐA", "khac", "Đề án về xây dựng khu dân cư kiểu mẫu về công tác dân vận giai đoạn 2023 - 2025", w=0.2),
    T("QĐ", "dan_van_chinh_quyen", "Quyết định về việc kiện toàn Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở "
      "{place}"),
    T("QĐ", "dan_van_chinh_quyen", "Quyết định về việc thành lập Đoàn kiểm tra việc lãnh đạo, chỉ đạo thực hiện "
      "Quy chế dân chủ ở cơ sở tại một số đảng ủy cơ sở", "02-01:06-28"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền "
      "với Nhân dân năm 2023", "01-03:04-28"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tiếp công dân của Bí thư {org} năm 2023", "01-03:01-31"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc tăng cường công tác tiếp công dân, giải quyết khiếu nại, tố cáo, "
      "kiến nghị, phản ánh của Nhân dân"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở năm 2022 trên "
      "địa bàn {place}", "01-03:05-31"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc chuẩn bị các điều kiện thi hành Luật Thực hiện dân chủ ở cơ sở "
      "năm 2022 từ ngày 01/7/2023", "05-15:06-28"),
    T("CT", "dan_van_chinh_quyen", "Chỉ thị về tăng cường công tác dân vận chính quyền, nâng cao chất lượng giải "
      "quyết thủ tục hành chính cho người dân, doanh nghiệp", w=0.3),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc làm tốt công tác dân vận trong giải phóng mặt bằng các dự án "
      "trên địa bàn {place}"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc giải quyết dứt điểm các vụ việc khiếu nại đông người, phức tạp "
      "tại {sub}", w=0.4),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các cơ sở tôn giáo, chức sắc, chức việc nhân dịp Tết "
      "Nguyên đán Quý Mão 2023", "01-03:01-18"),
    T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng các cơ sở Phật giáo nhân dịp Đại lễ Phật đản Phật lịch 2567 - "
      "Dương lịch 2023", "04-17:05-26"),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các giáo xứ nhân dịp Lễ Phục sinh năm 2023", "03-13:04-06"),
    T("KH", "ton_giao", "Kế hoạch về nâng cao hiệu quả công tác tôn giáo trên địa bàn {place} năm 2023",
      "01-03:03-31"),
    T("BC", "ton_giao", "Báo cáo tình hình tôn giáo và công tác tôn giáo quý I năm 2023", "03-20:04-14"),
    T("QĐ", "ton_giao", "Quyết định về việc kiện toàn Ban Chỉ đạo công tác tôn giáo {place}"),
    T("CV", "ton_giao", "Công văn về việc đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các cơ sở tôn "
      "giáo trên địa bàn {place}"),
    T("CV", "ton_giao", "Công văn về việc giải quyết kiến nghị liên quan đến đất đai, xây dựng của cơ sở tôn giáo "
      "tại {sub}", w=0.4),
    T("TB", "mttq_ctxh", "Thông báo về Chương trình giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt Nam và "
      "các tổ chức chính trị - xã hội {place} năm 2023", "02-01:05-31"),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức Tháng Công nhân năm 2023", "03-27:04-28"),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức Tháng Thanh niên năm 2023", "02-01:03-03"),
    T("CT", "mttq_ctxh", "Chỉ thị về lãnh đạo đại hội Hội Nông dân các cấp, nhiệm kỳ 2023 - 2028", "01-03:03-31",
      where="r"),
    T("KH", "mttq_ctxh", "Kế hoạch về lãnh đạo đại hội Công đoàn các cấp, nhiệm kỳ 2023 - 2028", "01-03:05-31"),
    T("TB", "mttq_ctxh", "Thông báo kết luận của Thường trực {org} tại buổi gặp mặt, đối thoại với đoàn viên, "
      "thanh niên năm 2023", "03-20:05-31"),
    T("KH", "dan_toc", "Kế hoạch về thực hiện chính sách đối với người dân tộc thiểu số sinh sống, làm việc trên "
      "địa bàn {place}", w=0.15),
]

# city documents (Biểu 4) that the districts implement: symbol -> (kind of the district's document, fields)
CITY_REFS = {
    "08-TT/TU": ("KH", "mttq_ctxh"),
    "226-KH/TU": ("KH", "khac"),
    "246-KH/TU": ("KH", "dan_van_chinh_quyen;mttq_ctxh"),
    "256-KH/TU": ("KH", "khac"),
    "809-CV/TU": ("CV", "mttq_ctxh"),
    "824-CV/TU": ("KH", "dan_van_chinh_quyen"),
    "874-CV/TU": ("CV", "mttq_ctxh"),
    "875-CV/TU": ("CV", "mttq_ctxh"),
}

# documents of the commune party committees (đảng ủy xã, phường, thị trấn)
COMMUNE_DOCS_T = [
    T("NQ", "khac", "Nghị quyết về lãnh đạo thực hiện nhiệm vụ chính trị năm 2023", "01-03:02-10"),
    T("NQ", "khac", "Nghị quyết chuyên đề về nâng cao chất lượng công tác dân vận ở cơ sở giai đoạn 2023 - 2025",
      w=0.2),
    T("KH", "khac", "Kế hoạch về công tác dân vận năm 2023", "01-03:03-10"),
    T("KH", "khac", "Kế hoạch về xây dựng mô hình “Dân vận khéo” năm 2023", "01-03:04-28"),
    T("TB", "khac", "Thông báo về việc phân công đảng ủy viên phụ trách, theo dõi công tác dân vận ở các chi bộ",
      "01-03:03-31", w=0.5),
    T("CV", "khac", "Công văn về việc nắm tình hình tư tưởng, dư luận Nhân dân trên địa bàn"),
    T("CV", "khac", "Công văn về việc biểu dương các mô hình “Dân vận khéo” tiêu biểu", "05-04:06-28", w=0.5),
    T("BC", "khac", "Báo cáo kết quả công tác dân vận quý I năm 2023", "03-20:04-14"),
    T("BC", "khac", "Báo cáo kết quả công tác dân vận 6 tháng đầu năm 2023", "06-05:06-28"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền "
      "với Nhân dân năm 2023", "01-03:05-31"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về thực hiện Quy chế dân chủ ở cơ sở năm 2023", "01-03:03-31"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở năm 2022",
      "02-01:06-28"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tiếp công dân của Bí thư Đảng ủy năm 2023", "01-03:01-31"),
    T("QĐ", "dan_van_chinh_quyen", "Quyết định về việc kiện toàn Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở "
      "{place}", w=0.6),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc vận động Nhân dân hiến đất, góp công xây dựng đường giao thông "
      "nông thôn", where="r"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc vận động Nhân dân chấp hành quy định về trật tự đô thị, vệ sinh "
      "môi trường", where="u"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc làm tốt công tác tuyên truyền, vận động Nhân dân trong giải "
      "phóng mặt bằng"),
    T("BC", "dan_van_chinh_quyen", "Báo cáo kết quả thực hiện Quy chế dân chủ ở cơ sở 6 tháng đầu năm 2023",
      "06-05:06-28"),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các cơ sở tôn giáo nhân dịp Tết Nguyên đán Quý Mão 2023",
      "01-03:01-18"),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng giáo xứ nhân dịp Lễ Phục sinh năm 2023", "03-13:04-06",
      w=0.5),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các chùa nhân dịp Đại lễ Phật đản Phật lịch 2567",
      "04-17:05-26"),
    T("BC", "ton_giao", "Báo cáo tình hình tôn giáo trên địa bàn quý I năm 2023", "03-20:04-14"),
    T("KH", "mttq_ctxh", "Kế hoạch về phối hợp thực hiện chương trình giám sát, phản biện xã hội của Mặt trận Tổ "
      "quốc và các đoàn thể chính trị - xã hội năm 2023", "02-01:05-31"),
    T("KH", "mttq_ctxh", "Kế hoạch về thực hiện Tháng Nhân đạo năm 2023", "05-04:05-31"),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức Tháng Thanh niên năm 2023", "02-01:03-03"),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức Tháng Công nhân năm 2023", "03-27:04-28", where="u", w=0.5),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức đại hội Hội Nông dân {place}, nhiệm kỳ 2023 - 2028", "01-03:04-28",
      where="r"),
]

# documents of the Ban Dân vận (one field each)
BDV_DOCS = {
    "dan_toc": [
        T("KH", "dan_toc", "Kế hoạch về thăm, tặng quà người dân tộc thiểu số có hoàn cảnh khó khăn nhân dịp Tết "
          "Nguyên đán Quý Mão 2023", "01-03:01-18"),
        T("CV", "dan_toc", "Công văn về việc rà soát, thống kê người dân tộc thiểu số sinh sống, làm việc trên địa "
          "bàn {place}"),
        T("HD", "dan_toc", "Hướng dẫn tuyên truyền chính sách dân tộc đối với người dân tộc thiểu số trên địa bàn "
          "{place}"),
        T("BC", "dan_toc", "Báo cáo kết quả thực hiện công tác dân tộc 6 tháng đầu năm 2023", "06-05:06-28"),
    ],
    "ton_giao": [
        T("CV", "ton_giao", "Công văn về việc nắm tình hình tôn giáo dịp Tết Nguyên đán Quý Mão 2023", "01-03:01-18"),
        T("CV", "ton_giao", "Công văn về việc tham mưu tổ chức gặp mặt chức sắc, chức việc các tôn giáo đầu xuân "
          "Quý Mão 2023", "01-03:02-17"),
        T("HD", "ton_giao", "Hướng dẫn thăm, chúc mừng các tổ chức tôn giáo nhân dịp Lễ Phục sinh và Đại lễ Phật "
          "đản năm 2023", "03-01:04-05"),
        T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng Lễ Phục sinh năm 2023", "03-13:04-06"),
        T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng Đại lễ Phật đản Phật lịch 2567", "04-17:05-26"),
        T("KH", "ton_giao", "Kế hoạch về tổ chức lớp bồi dưỡng kiến thức, nghiệp vụ công tác tôn giáo năm 2023",
          "02-01:04-28"),
        T("CV", "ton_giao", "Công văn về việc nắm tình hình hoạt động của các cơ sở tôn giáo, nhóm sinh hoạt tôn "
          "giáo tập trung"),
        T("HD", "ton_giao", "Hướng dẫn vận động chức sắc, chức việc, tín đồ các tôn giáo tham gia phong trào thi "
          "đua “Dân vận khéo”"),
        T("BC", "ton_giao", "Báo cáo tình hình tôn giáo và công tác tôn giáo quý I năm 2023", "03-20:04-14"),
        T("BC", "ton_giao", "Báo cáo kết quả công tác tôn giáo 6 tháng đầu năm 2023", "06-05:06-28"),
        T("CV", "ton_giao", "Công văn về việc phối hợp giải quyết kiến nghị của cơ sở tôn giáo tại {sub}", w=0.5),
        T("CV", "ton_giao", "Công văn về việc nắm tình hình sinh hoạt tôn giáo tại {sub}", w=0.5),
    ],
    "dan_van_chinh_quyen": [
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn xây dựng mô hình “Dân vận khéo” trong lĩnh vực cải cách hành "
          "chính năm 2023", "01-03:03-31"),
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền "
          "với Nhân dân năm 2023", "01-03:03-31"),
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2022",
          "01-03:05-31"),
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn thực hiện dân chủ trong hoạt động của cơ quan, đơn vị hành chính"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc đôn đốc thực hiện Quy chế dân chủ ở cơ sở"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc nắm tình hình dư luận Nhân dân trong công tác giải phóng "
          "mặt bằng"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc tổng hợp kết quả đối thoại của người đứng đầu cấp ủy, chính "
          "quyền với Nhân dân", "05-02:06-28"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc chuẩn bị triển khai thi hành Luật Thực hiện dân chủ ở cơ sở "
          "năm 2022", "05-15:06-28"),
        T("KH", "dan_van_chinh_quyen", "Kế hoạch về khảo sát công tác dân vận chính quyền năm 2023", "02-01:04-28"),
        T("KH", "dan_van_chinh_quyen", "Kế hoạch về kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở năm 2023",
          "02-01:04-28"),
        T("BC", "dan_van_chinh_quyen", "Báo cáo kết quả thực hiện Quy chế dân chủ ở cơ sở quý I năm 2023",
          "03-20:04-14"),
        T("BC", "dan_van_chinh_quyen", "Báo cáo kết quả công tác dân vận chính quyền 6 tháng đầu năm 2023",
          "06-05:06-28"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc đôn đốc tổ chức đối thoại với Nhân dân tại {sub}", w=0.5),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc nắm tình hình, tham mưu giải quyết kiến nghị của Nhân dân "
          "tại {sub}", w=0.5),
    ],
    "mttq_ctxh": [
        T("HD", "mttq_ctxh", "Hướng dẫn thực hiện Thông tri số 08-TT/TU, ngày 03/01/2023 của Ban Thường vụ Thành ủy",
          "01-04:03-31"),
        T("HD", "mttq_ctxh", "Hướng dẫn tổ chức Tháng Thanh niên năm 2023", "02-01:03-03"),
        T("HD", "mttq_ctxh", "Hướng dẫn tổ chức Tháng Công nhân năm 2023", "03-20:04-28"),
        T("HD", "mttq_ctxh", "Hướng dẫn tổng kết 10 năm thực hiện Quyết định số 217-QĐ/TW và Quyết định số "
          "218-QĐ/TW của Bộ Chính trị khóa XI", "05-11:06-28"),
        T("KH", "mttq_ctxh", "Kế hoạch về phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thực hiện "
          "chương trình giám sát, phản biện xã hội năm 2023", "02-01:05-31"),
        T("CV", "mttq_ctxh", "Công văn về việc chuẩn bị đại hội Hội Nông dân cơ sở, nhiệm kỳ 2023 - 2028",
          "01-03:04-28"),
        T("CV", "mttq_ctxh", "Công văn về việc chuẩn bị đại hội Công đoàn cơ sở, nhiệm kỳ 2023 - 2028",
          "01-03:05-31"),
        T("CV", "mttq_ctxh", "Công văn về việc thực hiện Tháng Nhân đạo năm 2023", "05-04:05-31"),
        T("BC", "mttq_ctxh", "Báo cáo kết quả hoạt động giám sát, phản biện xã hội của Mặt trận Tổ quốc và các tổ "
          "chức chính trị - xã hội quý I năm 2023", "03-20:04-14"),
        T("BC", "mttq_ctxh", "Báo cáo kết quả công tác Mặt trận Tổ quốc và các tổ chức chính trị - xã hội 6 tháng "
          "đầu năm 2023", "06-05:06-28"),
        T("TB", "mttq_ctxh", "Thông báo kết quả giao ban khối dân vận về công tác Mặt trận và các đoàn thể quý I "
          "năm 2023", "04-03:04-28"),
        T("CV", "mttq_ctxh", "Công văn về việc nắm tình hình hoạt động của các tổ chức chính trị - xã hội tại {sub}",
          w=0.5),
    ],
}

# first number of a kind in the 2023 documents of an issuer (the numbers run through the
# 2020-2025 term), and the largest step between two of our documents (others in between)
NUMBERING = {
    "district": {"NQ": (15, 40, 3), "CT": (5, 15, 2), "KL": (60, 200, 6), "QĐ": (600, 1500, 15),
                 "KH": (150, 320, 6), "CTr": (20, 45, 2), "BC": (250, 500, 8), "TB": (300, 900, 10),
                 "TT": (3, 9, 2), "HD": (8, 25, 3), "CV": (600, 1400, 12), "ĐA": (5, 12, 2)},
    "commune": {"NQ": (40, 110, 3), "CT": (2, 8, 2), "KL": (20, 60, 3), "QĐ": (150, 500, 8),
                "KH": (40, 140, 4), "CTr": (5, 20, 2), "BC": (80, 260, 6), "TB": (40, 180, 5),
                "TT": (1, 4, 2), "HD": (2, 12, 2), "CV": (100, 400, 8), "ĐA": (1, 5, 2)},
    "bdv_city": {"HD": (30, 60, 2), "CV": (400, 700, 8), "KH": (60, 120, 3), "BC": (250, 450, 6),
                 "TB": (20, 60, 3)},
    "bdv_district": {"HD": (10, 35, 2), "CV": (150, 400, 6), "KH": (40, 90, 3), "BC": (120, 260, 5),
                     "TB": (10, 40, 3)},
}


def choose_docs(rng, unit, templates, n, subs):
    """n documents of a unit from the templates: each plain template at most once,
    a {sub} template once per unit below (subs: their names). Returns dicts."""
    used = set()
    out = []
    w_of = where_of(unit)
    ctx = {"place": place_of(unit), "org": committee_of(unit)}
    for _ in range(n):
        opts = []
        for k, t in enumerate(templates):
            if t.where not in ("a", w_of):
                continue
            if t.repeat:
                free = [s for s in subs if (k, s) not in used]
                if free:
                    opts.append((k, free))
            elif (k, None) not in used:
                opts.append((k, None))
        if not opts:
            raise ValueError("%s: not enough document templates for %d documents" % (unit["name"], n))
        k, free = opts[rng.weighted([templates[o[0]].w for o in opts])]
        sub = rng.choice(free) if free else None
        used.add((k, sub))
        t = templates[k]
        text = t.text.format(sub=sub, **ctx)
        out.append({"kind": t.kind, "date": rng.choice(t.days), "summary": text, "fields": t.fields})
    return out


def number_docs(rng, docs, scheme, suffix):
    """Symbols 'N-KIND/SUFFIX' in date order, one sequence per kind."""
    nxt = {}
    for i, d in sorted(enumerate(docs), key=lambda p: (p[1]["date"], p[0])):
        lo, hi, step = NUMBERING[scheme][d["kind"]]
        if d["kind"] not in nxt:
            nxt[d["kind"]] = rng.randint(lo, hi)
        else:
            nxt[d["kind"]] += rng.randint(1, step)
        d["number"] = nxt[d["kind"]]
        d["symbol"] = "%d-%s/%s" % (nxt[d["kind"]], d["kind"], suffix)


def implementing(ref_kind, ref_symbol, ref_date, ref_issuer, about, kind, fields):
    """'Kế hoạch thực hiện Thông tri số 08-TT/TU, ngày 03/01/2023 của Ban Thường vụ Thành ủy về ...'"""
    lead = "Công văn về việc thực hiện" if kind == "CV" else KIND_NAME[kind] + " thực hiện"
    text = "%s %s số %s, ngày %s của %s %s" % (
        lead, KIND_NAME[ref_kind], ref_symbol, vn_date(ref_date), ref_issuer, about)
    return T(kind, fields, text, after=ref_date + datetime.timedelta(days=1))


def about_of(summary, kind):
    """'Thông tri về thực hiện ...' -> 'về thực hiện ...' (None if not 'về ...')."""
    rest = summary[len(KIND_NAME[kind]) + 1:].rstrip(".")
    return rest if rest.startswith("về ") else None


def register_documents(city_docs, city, districts, communes, children, figures, rng):
    out = []
    n_dist = len(districts)
    # district committees: weight by size (communes under them)
    size = [0.6 + len(children[d["code"]]) / 12.0 if children[d["code"]] else 0.25 for d in districts]
    refs = []
    for r in city_docs:
        kind_w, symbol, date = r[0], r[1], datetime.date.fromisoformat(r[2])
        if symbol in CITY_REFS:
            kind = {v: k for k, v in KIND_CODES.items()}[kind_w]
            k2, fields = CITY_REFS[symbol]
            refs.append(implementing(kind, symbol, date, "Ban Thường vụ Thành ủy", about_of(r[5], kind), k2, fields))
    dtempl = DISTRICT_DOCS + refs
    total_city, total_dist = figures["docs_cap_uy"]
    assert len(city_docs) == total_city
    counts = split(rng, total_dist, [s * rng.uniform(0.7, 1.3) for s in size], base=[8] * n_dist)
    district_docs = {}
    for d, n in zip(districts, counts):
        docs = choose_docs(rng, d, dtempl, n, [place_of(c) for c in children[d["code"]]])
        number_docs(rng, docs, "district", suffix_of(d, "cap_uy"))
        district_docs[d["code"]] = docs
    # commune committees: their own documents and plans implementing the district's
    n_com = len(communes)
    counts = split(rng, COMMUNE_DOCS, [rng.uniform(0.4, 1.6) for _ in communes], base=[4] * n_com,
                   caps=[20] * n_com)
    commune_docs = {}
    for c, n in zip(communes, counts):
        parent = [d for d in districts if d["code"] == c["parent_code"]][0]
        crefs = []
        for pd in district_docs[parent["code"]]:
            about = about_of(pd["summary"], pd["kind"])
            if pd["kind"] in ("KH", "CT") and about and pd["date"] < LAST - datetime.timedelta(days=3):
                kind = "KH" if pd["kind"] == "CT" or rng.random() < 0.8 else "CV"
                t = implementing(pd["kind"], pd["symbol"], pd["date"], "Ban Thường vụ " + committee_of(parent),
                                 about, kind, pd["fields"])
                t.w = 0.5
                crefs.append(t)
        docs = choose_docs(rng, c, COMMUNE_DOCS_T + crefs, n, [])
        number_docs(rng, docs, "commune", suffix_of(c, "cap_uy"))
        commune_docs[c["code"]] = docs
    # Ban Dân vận: by field at the city and over the districts
    bdv = {city["code"]: []}
    for d in districts:
        bdv[d["code"]] = []
    for field in BDV_FIELDS:
        n_city, n_d = figures["docs_bdv"][field]
        bdv[city["code"]] += choose_docs(rng, city, BDV_DOCS[field], n_city, [place_of(d) for d in districts])
        cnt = split(rng, n_d, [s * rng.uniform(0.6, 1.4) for s in size])
        for d, n in zip(districts, cnt):
            bdv[d["code"]] += choose_docs(rng, d, BDV_DOCS[field], n, [place_of(c) for c in children[d["code"]]])
    number_docs(rng, bdv[city["code"]], "bdv_city", suffix_of(city, "ban_dan_van"))
    for d in districts:
        number_docs(rng, bdv[d["code"]], "bdv_district", suffix_of(d, "ban_dan_van"))

    def rows(unit, issued_by, docs):
        for d in sorted(docs, key=lambda x: (x["date"], x["kind"], x["number"])):
            out.append((KIND_CODES[d["kind"]], d["symbol"], d["date"].isoformat(), unit["code"], issued_by,
                        d["summary"], d["fields"], ""))

    out.extend(city_docs)
    rows(city, "ban_dan_van", bdv[city["code"]])
    for d in districts:
        rows(d, "cap_uy", district_docs[d["code"]])
        rows(d, "ban_dan_van", bdv[d["code"]])
    for c in communes:
        rows(c, "cap_uy", commune_docs[c["code"]])
    return out


# ---------------------------------------------------------------- conferences
CONF_CITY = {
    "cap_uy": [("2023-02-14", "Hội nghị quán triệt, triển khai Thông tri số 08-TT/TU của Ban Thường vụ Thành ủy về "
                "thực hiện Chỉ thị số 18-CT/TW của Ban Bí thư về công tác giám sát, phản biện xã hội của Mặt trận "
                "Tổ quốc Việt Nam và các tổ chức chính trị - xã hội"),
               ("2023-05-25", "Hội nghị tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở năm 2022 cho cán bộ "
                "chủ chốt thành phố")],
    "ban_dan_van": [("2023-03-16", "Hội nghị tập huấn nghiệp vụ công tác dân vận năm 2023 cho cán bộ khối dân vận "
                     "các cấp"),
                    ("2023-04-20", "Hội nghị tập huấn kiến thức, nghiệp vụ công tác tôn giáo năm 2023")],
}
CONF_TITLES = {
    "cap_uy": [
        ("01-04:03-31", "Hội nghị quán triệt, triển khai Thông tri số 08-TT/TU của Ban Thường vụ Thành ủy về thực "
         "hiện Chỉ thị số 18-CT/TW của Ban Bí thư"),
        ("01-03:06-28", "Hội nghị tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở năm 2022 cho cán bộ chủ chốt "
         "{place}"),
        ("01-03:06-28", "Hội nghị tập huấn công tác dân vận năm 2023 cho bí thư chi bộ, trưởng khu dân cư"),
        ("01-03:06-28", "Hội nghị tuyên truyền, nhân rộng mô hình “Dân vận khéo” năm 2023"),
        ("01-03:06-28", "Hội nghị tập huấn kỹ năng tiếp công dân, đối thoại với Nhân dân"),
        ("05-11:06-28", "Hội nghị triển khai tổng kết 10 năm thực hiện Quyết định số 218-QĐ/TW của Bộ Chính trị"),
    ],
    "ban_dan_van": [
        ("01-03:06-28", "Hội nghị tập huấn nghiệp vụ công tác dân vận cho cán bộ khối dân vận cơ sở năm 2023"),
        ("01-03:06-28", "Hội nghị tập huấn nghiệp vụ công tác tôn giáo năm 2023"),
        ("01-03:06-28", "Hội nghị tập huấn kỹ năng vận động quần chúng cho cán bộ Mặt trận, đoàn thể cơ sở"),
        ("01-03:04-28", "Hội nghị hướng dẫn xây dựng mô hình “Dân vận khéo” năm 2023"),
    ],
    "commune": [
        ("01-03:06-28", "Hội nghị tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2022 cho cán bộ, đảng viên và "
         "Nhân dân {place}"),
        ("01-03:03-31", "Hội nghị quán triệt nhiệm vụ công tác dân vận năm 2023 cho bí thư chi bộ, {head}"),
        ("01-03:06-28", "Hội nghị tuyên truyền, nhân rộng mô hình “Dân vận khéo” {place}"),
    ],
}
COMMUNE_CONFERENCES = 45  # optional: not in Biểu 1 (communes are two levels down)


def register_conferences(city, districts, communes, children, figures, rng):
    out = []
    for by in ("cap_uy", "ban_dan_van"):
        (n0, p0), (n1, p1) = figures["conf"][by]
        assert n0 == len(CONF_CITY[by])
        people = split(rng, p0, [rng.uniform(0.7, 1.3) for _ in range(n0)], base=[60] * n0)
        for (date, title), p in zip(CONF_CITY[by], people):
            out.append((date, city["code"], by, title, p))
        # districts: a few each, people per conference at least 30
        w = [1.0 if children[d["code"]] else 0.2 for d in districts]
        units = [districts[rng.weighted(w)] for _ in range(n1)]
        people = split(rng, p1, [rng.uniform(0.5, 1.5) for _ in range(n1)], base=[30] * n1)
        titles = CONF_TITLES[by]
        for u, p in zip(units, people):
            win, title = titles[rng.below(len(titles))]
            out.append((rng.choice(days_in(win)).isoformat(), u["code"], by, title.format(place=place_of(u)), p))
    for _ in range(COMMUNE_CONFERENCES):
        c = rng.choice(communes)
        win, title = rng.choice(CONF_TITLES["commune"])
        head = "trưởng thôn" if c["type"] == "Xã" else "tổ trưởng tổ dân phố"
        out.append((rng.choice(days_in(win)).isoformat(), c["code"], "cap_uy",
                    title.format(place=place_of(c), head=head), rng.randint(40, 160)))
    out.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return out


# ---------------------------------------------------------------- inspections
INSP_SUBJECTS = {
    ("cap_uy", "kiem_tra"): [
        "Kiểm tra việc lãnh đạo, chỉ đạo thực hiện Quy chế dân chủ ở cơ sở đối với {target}",
        "Kiểm tra việc thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương về công tác dân vận đối với "
        "{target}",
        "Kiểm tra việc lãnh đạo công tác tiếp công dân, giải quyết khiếu nại, tố cáo đối với {target}",
        "Kiểm tra việc lãnh đạo, chỉ đạo công tác tôn giáo đối với {target}",
        "Kiểm tra việc lãnh đạo, chỉ đạo thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW của Bộ Chính "
        "trị đối với {target}",
    ],
    ("cap_uy", "giam_sat"): [
        "Giám sát việc lãnh đạo thực hiện công tác dân vận chính quyền đối với {target}",
        "Giám sát việc tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân đối với {target}",
        "Giám sát việc xây dựng, nhân rộng mô hình “Dân vận khéo” đối với {target}",
        "Giám sát việc thực hiện Chỉ thị số 18-CT/TW của Ban Bí thư đối với {target}",
    ],
    ("ban_dan_van", "kiem_tra"): [
        "Kiểm tra việc thực hiện công tác dân vận và hoạt động của khối dân vận tại {target}",
        "Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại {target}",
    ],
    ("ban_dan_van", "giam_sat"): [
        "Giám sát việc thực hiện phong trào thi đua “Dân vận khéo” tại {target}",
        "Giám sát việc thực hiện công tác tôn giáo tại {target}",
        "Giám sát hoạt động của khối dân vận tại {target}",
        "Giám sát việc thực hiện Quy chế dân chủ ở cơ sở tại {target}",
    ],
}
CONCLUSIONS = {
    "cap_uy": [
        "Đã ban hành thông báo kết luận; đơn vị thực hiện tốt, cần tiếp tục phát huy.",
        "Đã ban hành thông báo kết luận; yêu cầu khắc phục hạn chế trong công tác tuyên truyền, vận động.",
        "Đã kết luận; yêu cầu hoàn thiện quy chế làm việc và chế độ thông tin, báo cáo.",
        "Đã ban hành thông báo kết luận; đề nghị kiện toàn ban chỉ đạo thực hiện dân chủ ở cơ sở.",
        "Đã kết luận; đề nghị tăng cường đối thoại, giải quyết kịp thời kiến nghị của Nhân dân.",
    ],
    "ban_dan_van": [
        "Đã ban hành thông báo kết quả; đơn vị thực hiện tốt, cần tiếp tục phát huy.",
        "Đã ban hành thông báo kết quả; đề nghị nâng cao chất lượng sinh hoạt khối dân vận.",
        "Đã ban hành thông báo kết quả; đề nghị nhân rộng các mô hình “Dân vận khéo” tiêu biểu.",
        "Đã ban hành thông báo kết quả; yêu cầu thực hiện nghiêm chế độ thông tin, báo cáo.",
    ],
}
CONCLUDED_BY = datetime.date(2023, 6, 9)  # later ones are still being concluded


def register_inspections(city, districts, children, figures, rng):
    out = []

    def target_of(unit):
        if unit["code"] == CITY:
            return "Ban Thường vụ " + committee_of(rng.choice(districts))
        subs = children[unit["code"]]
        if not subs:
            return "các chi bộ trực thuộc Đảng bộ " + place_of(unit)
        return "Đảng ủy " + place_of(rng.choice(subs))

    def add(unit, kind, by, n, orgs, members, fixed=None):
        if n == 0:
            return
        o = split(rng, orgs, [rng.uniform(0.5, 1.5) for _ in range(n)], base=[1] * n)
        m = split(rng, members, [k * rng.uniform(0.5, 1.5) for k in o])
        for i in range(n):
            if fixed:
                date, subject = fixed[i]
                date = datetime.date.fromisoformat(date)
            else:
                date = rng.choice(WORKDAYS)
                subject = rng.choice(INSP_SUBJECTS[(by, kind)]).format(target=target_of(unit))
            concl = rng.choice(CONCLUSIONS[by]) if date <= CONCLUDED_BY else ""
            out.append((kind, date.isoformat(), unit["code"], by, subject, o[i], m[i], concl))

    # the city's committee inspected Hải An and Kiến An under 957-QĐ/TU (31/3/2023)
    subj = INSP_SUBJECTS[("cap_uy", "kiem_tra")][4]
    fixed = {("cap_uy", "kiem_tra"): [("2023-04-20", subj.format(target="Ban Thường vụ Quận ủy Hải An")),
                                      ("2023-05-16", subj.format(target="Ban Thường vụ Quận ủy Kiến An"))]}
    for key in (("cap_uy", "kiem_tra"), ("cap_uy", "giam_sat"), ("ban_dan_van", "kiem_tra"),
                ("ban_dan_van", "giam_sat")):
        by, kind = key
        (n0, o0, m0), (n1, o1, m1) = figures["insp"][key]
        add(city, kind, by, n0, o0, m0, fixed.get(key))
        nd = len(districts)
        w = [rng.uniform(0.5, 1.5) * (0.3 if not children[d["code"]] else 1.0) for d in districts]
        cnt = split(rng, n1, w, base=[1] * nd if n1 >= 2 * nd else None)
        orgs = split(rng, o1, [k * rng.uniform(0.6, 1.4) for k in cnt], base=list(cnt))
        mem = split(rng, m1, [k * rng.uniform(0.3, 1.7) for k in cnt])
        for d, k, o, m in zip(districts, cnt, orgs, mem):
            add(d, kind, by, k, o, m)
    out.sort(key=lambda r: (r[1], r[2], r[0], r[3], r[4]))
    return out


# ---------------------------------------------------------------- letters and receptions
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đinh", "Phan", "Hà",
            "Lương", "Mai", "Đào"]
MIDDLES = ["Văn", "Thị", "Đức", "Thị", "Văn", "Minh", "Thị Thu", "Quang", "Thị Hồng", "Hữu"]
LETTERS_AZ = "ABCDEGHKLMNPQSTV"
LETTER_KINDS = (("khieu_nai", 0.35), ("to_cao", 0.12), ("kien_nghi", 0.30), ("phan_anh", 0.23))


def fictitious_sender(rng, i, unit, children, all_communes, by_code):
    """An obviously invented sender: 'Phạm Thị B17', 'Số 12, thôn 3, xã ..., huyện ... (địa chỉ giả định)'."""
    name = "%s %s %s%d" % (rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(LETTERS_AZ), i)
    if unit["code"] == CITY:
        home = rng.choice(all_communes)
    else:
        subs = children[unit["code"]]
        home = rng.choice(subs) if subs else None
    if home is None:
        addr = "Số %d, khu dân cư số %d, %s" % (rng.randint(1, 80), rng.randint(1, 5), place_of(unit))
    else:
        hamlet = "thôn" if home["type"] == "Xã" else "tổ dân phố"
        district = place_of(by_code[home["parent_code"]])
        addr = "Số %d, %s %d, %s, %s" % (rng.randint(1, 250), hamlet, rng.randint(1, 15), place_of(home), district)
    return name, addr + " (địa chỉ giả định)"


def register_letters(city, districts, children, communes, by_code, figures, rng):
    out = []
    (r0, r1), (s0, s1) = figures["letters_received"], figures["letters_resolved"]
    nd = len(districts)
    w = [rng.uniform(0.3, 1.7) * (0.1 if not children[d["code"]] else 1.0) for d in districts]
    rec = split(rng, r1, w, base=[1] * nd)
    res = split(rng, s1, [k * rng.uniform(0.8, 1.2) for k in rec], caps=rec)
    last = len(RES_DAYS) - 1
    seq = [0]

    def unit_letters(unit, n, n_res, transfer_share):
        # resolved letters came in early enough to be handled before the end of June
        early = [d for d in WORKDAYS if RES_DAYS.index(d) <= last - 3]
        dated = sorted([(rng.choice(early), True) for _ in range(n_res)] +
                       [(rng.choice(WORKDAYS), False) for _ in range(n - n_res)])
        for day, resolved in dated:
            idx = RES_DAYS.index(day)
            kind = LETTER_KINDS[rng.weighted([p for _, p in LETTER_KINDS])][0]
            age = last - idx
            if resolved:
                eligible, status = "yes", "resolved"
                done = RES_DAYS[min(last, idx + rng.randint(3, 40))].isoformat()
            else:
                done = ""
                eligible = "no" if rng.random() < 0.35 else "yes"
                if age <= 3 and rng.random() < 0.6:
                    status = "received"
                elif age <= 10 and rng.random() < 0.5:
                    status = "classified"
                elif eligible == "no":
                    status = "archived" if rng.random() < 0.7 else "transferred"
                elif age <= 45 and rng.random() < 0.5:
                    status = "handling"
                else:  # most of the old ones went to the competent body; a few are overdue
                    status = "transferred" if rng.random() < transfer_share else "handling"
            seq[0] += 1
            name, addr = fictitious_sender(rng, seq[0], unit, children, communes, by_code)
            out.append((day.isoformat(), unit["code"], kind, eligible, status, done, name, addr))

    unit_letters(city, r0, s0, 0.95)  # letters to the city's secretary: mostly transferred to the competent body
    for d, n, k in zip(districts, rec, res):
        unit_letters(d, n, k, 0.85)
    out.sort(key=lambda r: (r[0], r[1]))
    return out


def register_receptions(city, districts, children, figures, rng):
    (s0, p0), (s1, p1) = figures["reception"]
    out = []
    for d in rng_sample(rng, WORKDAYS, s0):
        out.append((d.isoformat(), city["code"], None))
    nd = len(districts)
    w = [rng.uniform(0.6, 1.4) * (0.3 if not children[d["code"]] else 1.0) for d in districts]
    cnt = split(rng, s1, w, base=[1] * nd)
    for d, n in zip(districts, cnt):
        for day in rng_sample(rng, WORKDAYS, n):
            out.append((day.isoformat(), d["code"], None))
    # people: the city's sessions share p0, the districts' p1, at least 1 a session
    city_rows = [i for i, r in enumerate(out) if r[1] == city["code"]]
    dist_rows = [i for i, r in enumerate(out) if r[1] != city["code"]]
    for rows_, total in ((city_rows, p0), (dist_rows, p1)):
        people = split(rng, total, [rng.uniform(0.3, 1.7) for _ in rows_], base=[1] * len(rows_))
        for i, p in zip(rows_, people):
            out[i] = (out[i][0], out[i][1], p)
    out.sort(key=lambda r: (r[0], r[1]))
    return out


def rng_sample(rng, seq, n):
    """n distinct items of seq, in seq's order."""
    pool = list(range(len(seq)))
    rng.shuffle(pool)
    return [seq[i] for i in sorted(pool[:n])]


# ---------------------------------------------------------------- Front supervision and social criticism
# (who, topic, where): who at district (d) or commune (c) level or both
FS_TOPICS = [
    ("mttq", "việc thực hiện chính sách bảo hiểm y tế đối với người cao tuổi, người thuộc hộ cận nghèo", "dc"),
    ("mttq", "việc rèn luyện, tu dưỡng đạo đức, lối sống của người đứng đầu, cán bộ chủ chốt và cán bộ, đảng viên",
     "dc"),
    ("mttq", "việc bình xét hộ nghèo, hộ cận nghèo", "dc"),
    ("mttq", "việc giải quyết thủ tục hành chính tại bộ phận một cửa", "dc"),
    ("mttq", "việc thực hiện quy định về bảo vệ môi trường của các cơ sở sản xuất, kinh doanh", "dc"),
    ("mttq", "việc quản lý, sử dụng đất công", "dc"),
    ("ldld", "việc thực hiện chính sách, pháp luật về bảo hiểm xã hội đối với người lao động tại doanh nghiệp", "d"),
    ("ccb", "việc thực hiện chế độ, chính sách đối với hội viên cựu chiến binh", "dc"),
    ("nd", "việc thực hiện chính sách hỗ trợ nông dân chuyển đổi cơ cấu cây trồng, vật nuôi", "dc"),
    ("pn", "việc thực hiện chính sách đối với phụ nữ, trẻ em có hoàn cảnh khó khăn", "dc"),
    ("dtn", "việc thực hiện chính sách hỗ trợ thanh niên lập nghiệp", "dc"),
    ("ttnd", "việc thu, chi các khoản đóng góp của Nhân dân", "c"),
    ("gsdtcd", "việc thi công các công trình đầu tư công trên địa bàn", "c"),
    ("mttq", "việc chi trả chế độ, chính sách đối với người có công với cách mạng", "dc"),
]
FS_WHO = {"mttq": "Ủy ban Mặt trận Tổ quốc Việt Nam", "ldld": "Liên đoàn Lao động", "ccb": "Hội Cựu chiến binh",
          "nd": "Hội Nông dân", "pn": "Hội Liên hiệp Phụ nữ", "dtn": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
          "ttnd": "Ban Thanh tra nhân dân", "gsdtcd": "Ban Giám sát đầu tư của cộng đồng"}
FS_CITY = [
    ("2023-04-11", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố giám sát việc rèn luyện, tu dưỡng đạo đức, lối sống "
     "của người đứng đầu, cán bộ chủ chốt và cán bộ, đảng viên"),
    ("2023-05-23", "Liên đoàn Lao động thành phố giám sát việc thực hiện chính sách, pháp luật về bảo hiểm xã hội "
     "đối với người lao động tại doanh nghiệp"),
]


def fs_subject(rng, unit, level):
    opts = [t for t in FS_TOPICS if level in t[2] and not (t[0] == "nd" and unit["type"] in ("Quận", "Phường"))]
    who, topic, _ = rng.choice(opts)
    return "%s %s giám sát %s" % (FS_WHO[who], place_of(unit), topic)


def register_supervisions(seed, city, districts, communes, rng):
    rows = seed["bieu-6"]["rows"]
    out = []
    assert rows[0]["values"][0] == len(FS_CITY) and rows[0]["values"][1:] == [None, None, None]
    for date, subject in FS_CITY:
        out.append((date, city["code"], subject, None, None, None))  # the seed prints blanks
    for units, r, level in ((districts, rows[1], "d"), (communes, rows[2], "c")):
        cnt, docs, recs, acc = r["values"]
        n = len(units)
        per_unit = split(rng, cnt, [rng.uniform(0.4, 1.6) for _ in units], base=[1] * n)
        recs_units = [u for u, k in zip(units, per_unit) for _ in range(k)]
        m = len(recs_units)
        d = split(rng, docs, [rng.uniform(0.2, 1.8) for _ in range(m)])
        re_ = split(rng, recs, [rng.uniform(0.2, 1.8) for _ in range(m)])
        a = split(rng, acc, [k * rng.uniform(0.8, 1.2) for k in re_], caps=re_)
        for u, x, y, z in zip(recs_units, d, re_, a):
            out.append((rng.choice(WORKDAYS).isoformat(), u["code"], fs_subject(rng, u, level), x, y, z))
    out.sort(key=lambda r: (r[0], r[1], r[2]))
    return out


def register_criticisms(seed, city, districts, communes, rng):
    rows = seed["bieu-7"]["rows"]
    out = []
    conf, drafts, recs, acc = rows[0]["values"]
    assert recs == 0 and acc == 0
    for _ in range(conf):
        out.append((rng.choice(WORKDAYS).isoformat(), city["code"], "hoi_nghi", None, 0, 0))
    for k in split(rng, drafts, [1.0] * drafts, base=[1] * drafts):  # one record a draft
        out.append((rng.choice(WORKDAYS).isoformat(), city["code"], "gui_du_thao", k, 0, 0))
    for units, r in ((districts, rows[1]), (communes, rows[2])):
        conf, drafts, recs, acc = r["values"]
        # drafts sent: records of 1-4 drafts each
        n_send = max(1, round(drafts / 2.2))
        sends = split(rng, drafts, [rng.uniform(0.5, 1.5) for _ in range(n_send)], base=[1] * n_send,
                      caps=[6] * n_send)
        w = [rng.uniform(0.3, 1.7) for _ in units]
        recs_ = [("hoi_nghi", None)] * conf + [("gui_du_thao", k) for k in sends]
        m = len(recs_)
        # recommendations: a conference gathers more than a draft sent for comment
        re_ = split(rng, recs, [(3.0 if f == "hoi_nghi" else k) * rng.uniform(0.3, 1.7) for f, k in recs_])
        a = split(rng, acc, [k * rng.uniform(0.8, 1.2) for k in re_], caps=re_)
        for (form, k), x, y in zip(recs_, re_, a):
            u = units[rng.weighted(w)]
            out.append((rng.choice(WORKDAYS).isoformat(), u["code"], form, k, x, y))
    out.sort(key=lambda r: (r[0], r[1], r[2]))
    return out


# ---------------------------------------------------------------- main
HEADERS = {
    "units": ["code", "name", "type", "level", "parent_code"],
    "dialogues": ["date", "unit", "type", "chair", "title", "participants", "issues", "conclusions"],
    "values": ["element", "combo", "period", "unit", "value"],
    "documents": ["kind", "symbol", "date", "unit", "issued_by", "summary", "fields", "period"],
    "conferences": ["date", "unit", "chaired_by", "title", "participants"],
    "inspections": ["kind", "date", "unit", "conducted_by", "subject", "party_orgs", "party_members", "conclusion"],
    "letters": ["received", "unit", "kind", "eligible", "status", "resolved", "sender_name", "sender_address"],
    "receptions": ["date", "unit", "people"],
    "supervisions": ["date", "unit", "subject", "documents_reviewed", "recommendations", "accepted"],
    "criticisms": ["date", "unit", "form", "drafts", "recommendations", "accepted"],
}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args(argv)

    units = read_units(a.shared)
    seed = read_seed(a.shared)
    city = units[0]
    assert city["code"] == CITY
    districts = [u for u in units if u["parent_code"] == CITY]
    dcodes = {u["code"] for u in districts}
    communes = [u for u in units if u["parent_code"] in dcodes]
    assert len(districts) == 15 and len(communes) == 167, (len(districts), len(communes))
    dc = [u["code"] for u in districts]
    cc = [u["code"] for u in communes]
    children = {u["code"]: [c for c in units if c["parent_code"] == u["code"]] for u in units}
    by_code = {u["code"]: u for u in units}
    figures = seed_figures(seed)

    files = {}
    files["units"] = [(u["code"], u["name"], u["type"], u["level"], u["parent_code"]) for u in units]

    # one generator per part, so that changing one part leaves the others as they are
    dl = dialogues(seed, city, districts, communes, Rng(SEED + 5))
    files["dialogues"] = dl

    # hand-entered values: Biểu 3, and the two zeros of Biểu 5 (everything else is counted
    # from the registers)
    v = Values()
    bieu3(v, seed, CITY, dc, cc, Rng(SEED + 3))
    # Biểu 5: the seed prints 0 (not blank) in the district row for two
    # combos without any dialogue; enter 0 at one district each
    had = {(r[1], r[2] + "." + r[3]) for r in dl}
    for combo, code in (("dinh_ky.chinh_quyen", dc[0]), ("dot_xuat.dong_chu_tri", dc[1])):
        assert (code, combo) not in had
        v.put("dialogues", combo, code, 0)
    files["values"] = v.rows

    files["documents"] = register_documents(city_documents(seed), city, districts, communes, children, figures,
                                            Rng(SEED + 11))
    files["conferences"] = register_conferences(city, districts, communes, children, figures, Rng(SEED + 12))
    files["inspections"] = register_inspections(city, districts, children, figures, Rng(SEED + 13))
    files["letters"] = register_letters(city, districts, children, communes, by_code, figures, Rng(SEED + 14))
    files["receptions"] = register_receptions(city, districts, children, figures, Rng(SEED + 15))
    files["supervisions"] = register_supervisions(seed, city, districts, communes, Rng(SEED + 16))
    files["criticisms"] = register_criticisms(seed, city, districts, communes, Rng(SEED + 17))

    for name, rows in files.items():
        write_csv(os.path.join(a.out, name + ".csv"), HEADERS[name], rows)
    print(", ".join("%s.csv %d" % (name, len(rows)) for name, rows in files.items()) + " rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
