#!/usr/bin/env python3
"""Generate the demo data set of danvan (demo/*.csv) from the shared material.

The demo is Hải Phòng (unit 31) in the six months 2023S1, built so that the
seven annexes computed for unit 31 reproduce the annexes of the seed report
(../shared/seeds/004_*.txt, transcribed in
../shared/data/seed-annexes/004-annexes.json). Biểu 1, 2, 4, 5, 6 and 7 are
counted from registers (documents, conferences, inspections, letters,
receptions, supervisions, criticisms, dialogues), Biểu 3 from the models
register, with three kinds of entered values (the note in place of
"recognised", the commended counts, the exemplary text). The registers of
state of issue 4 are added: religious establishments and the conclusions of
the dialogues (their state as of 30/6/2023).
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed_corrections import correct  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PERIOD = "2023S1"
CITY = "31"
SEED = 20230619  # the seed report's date, 19/6/2023


def exemplar_name(activity, used):
    """An individual exemplar's public name: its activity, never the person's name or position
    (both private, docs/privacy.md; the app refuses a public field that repeats them). The unit
    says where; exemplars of one activity are numbered."""
    base = "Gương “Dân vận khéo” %s" % (activity[0].lower() + activity[1:])
    name, k = base, 1
    while name in used:
        k += 1
        name = "%s (%d)" % (base, k)
    return name


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
    """Biểu 3: how many models of each field x kind each unit registered (returned;
    models.csv holds them as records), and what is still entered by hand (values):
    the note in place of "recognised", the commended counts, the exemplary text.
    The random draws are those of the earlier version, in the same order, so the
    commended split is unchanged."""
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
    # recognised this year: none yet (appraisal at the end of the year); the seed's
    # note stands in the cell, entered at the city
    v.put("models_recognised", "tap_the", CITY, correct(x[1])[0])
    assert x[2] is None  # ca_nhan: blank, no rows
    # commended in the first half-year: models of earlier years, praised at the
    # six-month review; entered by hand, not more than the unit's own 2023 models of
    # that kind (a plausible scale)
    tt = [sum(by[f + ".tap_the"][i] for f in FIELDS) for i in range(len(units))]
    cn = [sum(by[f + ".ca_nhan"][i] for f in FIELDS) for i in range(len(units))]
    for combo, total, caps in (("tap_the", x[11], tt), ("ca_nhan", x[12], cn)):
        amounts = at_most(rng, total, caps)
        v.put_split("models_commended", combo, units, amounts, zeros=False)
    # the exemplary-models text: the unit's own text wins over the list of models
    # flagged exemplary
    v.put("models_exemplary", "default", CITY, x[14])
    return {c: dict(zip(units, by[c])) for c in by}


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
        out.append((kind, symbol, d.isoformat(), CITY, "cap_uy", correct(summary)[0], fields, period))
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


# ---------------------------------------------------------------- models (Biểu 3 from records)
AS_OF = datetime.date(2023, 6, 30)  # the state of the registers of state: the end of the period

# where: u = urban units only (quận, phường, Thủy Nguyên, the city), r = rural only (huyện, xã,
# thị trấn), a = any, x = not at communes (the city and the districts).
# area: n nông thôn mới, d đô thị, s chuyển đổi số, k khác, p by place (xã/huyện n, else d).
# orgs: who runs it (see ORGS). goal / result: {scope} = where, {p} 60-98 %, {q} 10-40 %,
# {n} 3-30, {h} 20-200, {m} 20-500 (triệu đồng), {k} 1-9.
MODEL_TITLES = {
    "kinh_te": [
        ("Liên kết sản xuất lúa chất lượng cao", "r", "n", "nd ub",
         "Liên kết {h} hộ {scope} sản xuất lúa chất lượng cao, bao tiêu toàn bộ sản phẩm",
         "6 tháng đầu năm: {h} hộ tham gia, thu nhập tăng {q}% so với sản xuất thông thường"),
        ("Tổ hợp tác nuôi trồng thủy sản", "r", "n", "nd ccb",
         "Thành lập tổ hợp tác {n} thành viên nuôi trồng thủy sản theo quy trình an toàn",
         "Tổ hợp tác có {n} thành viên; thu nhập bình quân tăng {q}%"),
        ("Hỗ trợ hội viên phụ nữ phát triển kinh tế hộ", "a", "p", "pn",
         "Hỗ trợ vốn, cây giống, con giống cho {h} hội viên phụ nữ {scope}",
         "Đã hỗ trợ {h} lượt hội viên, tổng số vốn {m} triệu đồng; {n} hộ thoát nghèo"),
        ("Nhóm hộ tương trợ vốn vay", "a", "p", "pn ccb nd",
         "Duy trì nhóm tương trợ vốn {n} hộ, không để nợ quá hạn",
         "Vốn quay vòng {m} triệu đồng; {p}% hộ trả nợ đúng hạn"),
        ("Thanh niên khởi nghiệp, lập nghiệp", "a", "k", "dt",
         "Hỗ trợ {n} đoàn viên, thanh niên {scope} khởi nghiệp, lập nghiệp",
         "Đã tư vấn, hỗ trợ {n} dự án khởi nghiệp; giải quyết việc làm cho {h} lao động"),
        ("Sản phẩm OCOP lên sàn thương mại điện tử", "r", "ns", "ub nd pn",
         "Đưa {k} sản phẩm OCOP của {scope} lên sàn thương mại điện tử",
         "Đã có {k} sản phẩm lên sàn; doanh thu tăng {q}%"),
        ("Cánh đồng mẫu lớn", "r", "n", "ub nd",
         "Dồn điền đổi thửa, xây dựng cánh đồng mẫu lớn quy mô {n} ha",
         "Đã dồn điền đổi thửa {n} ha; chi phí sản xuất giảm {q}%"),
        ("Hợp tác xã dịch vụ nông nghiệp kiểu mới", "r", "n", "ub",
         "Nâng cao hiệu quả hợp tác xã, cung ứng dịch vụ cho {h} hộ xã viên",
         "{h} hộ sử dụng dịch vụ của hợp tác xã; lợi nhuận tăng {q}%"),
        ("Chợ an toàn thực phẩm", "u", "d", "ub pn",
         "100% tiểu thương {scope} cam kết kinh doanh thực phẩm an toàn",
         "{p}% hộ kinh doanh đã ký cam kết; không để xảy ra ngộ độc thực phẩm"),
        ("Đồng hành cùng doanh nghiệp", "x", "k", "ub mt",
         "Đối thoại, tháo gỡ khó khăn cho doanh nghiệp {scope} ít nhất mỗi quý một lần",
         "Đã tổ chức {k} cuộc đối thoại, giải quyết {p}% kiến nghị của doanh nghiệp"),
        ("Hỗ trợ ngư dân vươn khơi bám biển", "r", "k", "nd ub",
         "Hỗ trợ {n} tàu cá của ngư dân {scope} vươn khơi, khai thác hải sản bền vững",
         "{n} tàu được hỗ trợ trang thiết bị thông tin liên lạc; sản lượng tăng {q}%"),
    ],
    "van_hoa_xa_hoi": [
        ("Phân loại rác thải tại nguồn", "a", "p", "pn mt ub",
         "100% hộ gia đình {scope} phân loại rác thải tại nguồn đến cuối năm 2023",
         "Đến 30/6/2023: {p}% hộ gia đình thực hiện; lượng rác phải chôn lấp giảm {q}%"),
        ("Tuyến đường hoa, cây xanh", "a", "p", "pn dt mt",
         "Trồng, chăm sóc {k} km tuyến đường hoa, cây xanh {scope}",
         "Đã hoàn thành {k} km với {h} hộ tham gia, huy động {m} triệu đồng"),
        ("Thắp sáng đường quê", "r", "n", "dt ccb mt",
         "Lắp đèn chiếu sáng {k} km đường trục thôn, liên thôn {scope}",
         "Đã lắp {h} bóng đèn trên {k} km; Nhân dân đóng góp {m} triệu đồng"),
        ("Tuyến phố văn minh", "u", "d", "mt ub pn",
         "Xây dựng tuyến phố văn minh, không lấn chiếm vỉa hè {scope}",
         "{p}% hộ ký cam kết; không còn tình trạng lấn chiếm vỉa hè"),
        ("Ngõ phố xanh, sạch, đẹp", "u", "d", "pn mt dt",
         "{k} ngõ phố {scope} đạt tiêu chí xanh, sạch, đẹp trong năm 2023",
         "Đã chỉnh trang {k} ngõ phố; {h} hộ tham gia tổng vệ sinh hằng tuần"),
        ("Sân chơi cộng đồng", "a", "p", "dt mt ub",
         "Cải tạo, xây dựng {k} sân chơi cộng đồng cho thiếu nhi {scope}",
         "Đã hoàn thành {k} sân chơi từ nguồn xã hội hóa {m} triệu đồng"),
        ("Thư viện cộng đồng", "a", "p", "dt mt ub",
         "Xây dựng thư viện cộng đồng với ít nhất {h} đầu sách {scope}",
         "Thư viện có {h} đầu sách, phục vụ {h} lượt bạn đọc mỗi tháng"),
        ("Nhà nhân ái", "a", "p", "mt pn ccb",
         "Vận động xây dựng, sửa chữa {k} nhà nhân ái cho hộ nghèo, hộ có hoàn cảnh khó khăn",
         "Đã bàn giao {k} nhà, tổng kinh phí {m} triệu đồng"),
        ("Mẹ đỡ đầu", "a", "k", "pn",
         "Nhận đỡ đầu {n} trẻ em mồ côi, có hoàn cảnh đặc biệt khó khăn {scope}",
         "{n} trẻ được hội viên đỡ đầu, hỗ trợ {m} triệu đồng"),
        ("Gia đình 5 không, 3 sạch", "r", "n", "pn",
         "100% hộ gia đình hội viên {scope} đạt tiêu chí “5 không, 3 sạch”",
         "{p}% hộ hội viên đạt tiêu chí"),
        ("Bữa cơm nghĩa tình", "a", "k", "pn dt mt",
         "Duy trì bữa cơm miễn phí cho bệnh nhân, người có hoàn cảnh khó khăn",
         "Đã trao {h} suất ăn mỗi tháng"),
        ("Câu lạc bộ dưỡng sinh người cao tuổi", "a", "p", "mt ub",
         "Thu hút {h} người cao tuổi {scope} tham gia luyện tập dưỡng sinh",
         "Câu lạc bộ có {h} hội viên, sinh hoạt đều đặn hằng tuần"),
        ("Dòng họ khuyến học", "r", "n", "mt",
         "{n} dòng họ {scope} lập quỹ khuyến học, khuyến tài",
         "Quỹ khuyến học đạt {m} triệu đồng; khen thưởng {h} học sinh"),
        ("Khu dân cư kiểu mẫu", "a", "p", "mt cb",
         "Xây dựng {scope} đạt chuẩn khu dân cư kiểu mẫu năm 2023",
         "Đã đạt {p}% tiêu chí; Nhân dân đóng góp {m} triệu đồng"),
        ("Nói không với rác thải nhựa", "a", "p", "pn dt",
         "Giảm {q}% túi ni lông khó phân hủy trong sinh hoạt của hội viên {scope}",
         "{h} hộ dùng làn, túi thân thiện với môi trường"),
        ("Bảo hiểm y tế toàn dân", "a", "k", "ub yt mt",
         "{p}% người dân {scope} tham gia bảo hiểm y tế",
         "Tỷ lệ tham gia bảo hiểm y tế đạt {p}%"),
        ("Tổ công nghệ số cộng đồng", "a", "s", "dt ub",
         "Hướng dẫn người dân {scope} cài đặt, sử dụng ứng dụng số và dịch vụ công trực tuyến",
         "Đã hỗ trợ {h} lượt người dân; {p}% người trưởng thành có tài khoản định danh điện tử"),
        ("Ngày Chủ nhật xanh", "a", "p", "dt pn",
         "Tổ chức tổng vệ sinh môi trường {scope} vào Chủ nhật hằng tháng",
         "Đã tổ chức {k} đợt với {h} lượt đoàn viên, hội viên tham gia"),
        ("Con đường bích họa", "a", "p", "dt",
         "Vẽ tranh tường, chỉnh trang {k} tuyến đường, ngõ {scope}",
         "Đã hoàn thành {k} tuyến với {h} ngày công của đoàn viên, thanh niên"),
        ("Hiến máu tình nguyện", "a", "k", "ctd dt ldld",
         "Vận động {h} lượt người {scope} tham gia hiến máu tình nguyện trong năm 2023",
         "6 tháng đầu năm: tiếp nhận {h} đơn vị máu"),
        ("Tủ đồ yêu thương", "a", "k", "ctd pn dt",
         "Tiếp nhận, trao tặng quần áo, đồ dùng cho người có hoàn cảnh khó khăn {scope}",
         "Đã trao {h} suất quà, trị giá {m} triệu đồng"),
        ("Khám bệnh, cấp thuốc miễn phí cho người nghèo", "a", "k", "yt ctd",
         "Khám bệnh, cấp thuốc miễn phí cho {h} người nghèo, người cao tuổi {scope}",
         "Đã khám, cấp thuốc cho {h} lượt người"),
        ("Học bổng cho học sinh nghèo vượt khó", "a", "k", "kh dt ldld",
         "Trao {h} suất học bổng cho học sinh nghèo vượt khó {scope}",
         "Đã trao {h} suất học bổng, tổng trị giá {m} triệu đồng"),
        ("Chăm sóc sức khỏe người cao tuổi tại cộng đồng", "a", "p", "nct yt",
         "{p}% người cao tuổi {scope} được khám sức khỏe định kỳ, lập hồ sơ theo dõi",
         "Đã khám, lập hồ sơ cho {h} người cao tuổi"),
        ("Mái ấm công đoàn", "x", "k", "ldld",
         "Hỗ trợ xây, sửa {k} nhà “Mái ấm công đoàn” cho đoàn viên khó khăn về nhà ở",
         "Đã bàn giao {k} nhà, kinh phí {m} triệu đồng"),
    ],
    "quoc_phong_an_ninh": [
        ("Tổ liên gia an toàn phòng cháy, chữa cháy", "a", "p", "ca mt",
         "Thành lập {n} tổ liên gia với {h} hộ tham gia; trang bị bình chữa cháy tại các điểm công cộng",
         "{n} tổ hoạt động; {h} hộ có bình chữa cháy; không để xảy ra cháy lớn"),
        ("Camera an ninh khu dân cư", "a", "p", "ca mt",
         "Lắp đặt {n} camera giám sát an ninh trật tự {scope}",
         "Đã lắp {n} camera; hỗ trợ phát hiện, xử lý {k} vụ việc"),
        ("Tổ an ninh tự quản", "a", "p", "ca ccb mt",
         "Duy trì tổ an ninh tự quản tuần tra ban đêm {scope}",
         "Tổ đã tuần tra {h} lượt; tội phạm, tệ nạn giảm {q}%"),
        ("Khu dân cư an toàn về an ninh, trật tự", "a", "p", "ca mt",
         "{scope} đạt tiêu chuẩn an toàn về an ninh, trật tự năm 2023",
         "Không phát sinh tội phạm nghiêm trọng; {p}% hộ ký cam kết"),
        ("Cổng trường an toàn giao thông", "a", "p", "ca dt",
         "Bảo đảm trật tự, an toàn giao thông tại cổng trường học {scope} giờ tan học",
         "{k} cổng trường được duy trì; không để xảy ra tai nạn giao thông"),
        ("Dân quân tự vệ giúp dân", "a", "p", "qs",
         "Dân quân tự vệ giúp Nhân dân {scope} {h} ngày công làm đường, thu hoạch mùa vụ",
         "Đã giúp dân {h} ngày công"),
        ("Khu dân cư không có ma túy", "a", "p", "ca dt mt",
         "Không để phát sinh người nghiện, điểm phức tạp về ma túy {scope}",
         "Không phát sinh người nghiện mới; {n} trường hợp được giáo dục, giúp đỡ"),
        ("Tổ hòa giải ở cơ sở", "a", "p", "mt ub",
         "Hòa giải thành trên {p}% vụ việc mâu thuẫn, tranh chấp nhỏ {scope}",
         "Đã hòa giải thành {n} vụ việc, tỷ lệ {p}%"),
        ("Tàu thuyền an toàn trên biển", "r", "k", "nd qs",
         "{n} tàu cá {scope} tham gia tổ đoàn kết sản xuất an toàn trên biển",
         "{n} tàu tham gia; không có vụ việc mất an toàn"),
    ],
    "xay_dung_dang": [
        ("Chi bộ 4 tốt", "a", "k", "cb",
         "Chi bộ hoàn thành tốt nhiệm vụ; {p}% đảng viên sinh hoạt đầy đủ",
         "Tỷ lệ đảng viên dự sinh hoạt đạt {p}%; kết nạp {k} đảng viên mới"),
        ("Đảng viên giúp hộ nghèo", "a", "k", "cb",
         "Mỗi đảng viên nhận giúp đỡ một hộ nghèo, cận nghèo {scope}",
         "{n} hộ được giúp đỡ; {k} hộ thoát nghèo"),
        ("Đảng viên gương mẫu nơi cư trú", "a", "k", "cb",
         "100% đảng viên đang công tác gương mẫu thực hiện nhiệm vụ nơi cư trú",
         "{p}% đảng viên được khu dân cư nhận xét tốt"),
        ("Bộ phận một cửa thân thiện", "a", "s", "ub",
         "100% hồ sơ thủ tục hành chính {scope} giải quyết đúng, trước hạn",
         "{p}% hồ sơ trước hạn; {p}% người dân hài lòng"),
        ("Nghe dân nói, nói dân hiểu, làm dân tin", "a", "k", "cb mt ub",
         "Tiếp nhận, giải quyết kịp thời kiến nghị của Nhân dân {scope}",
         "Đã giải quyết {p}% kiến nghị trong kỳ"),
        ("Đối thoại với Nhân dân tại khu dân cư", "a", "k", "ub cb",
         "Người đứng đầu đối thoại trực tiếp với Nhân dân ít nhất mỗi quý một lần",
         "Đã đối thoại {k} lần, giải quyết {n} kiến nghị"),
        ("Nhóm Zalo kết nối chính quyền với Nhân dân", "a", "s", "mt ub",
         "{p}% hộ gia đình {scope} tham gia nhóm Zalo tiếp nhận phản ánh",
         "{h} phản ánh được tiếp nhận, {p}% được giải quyết"),
        ("Sổ tay đảng viên điện tử", "a", "s", "cb",
         "100% đảng viên sử dụng sổ tay đảng viên điện tử",
         "{p}% đảng viên đã cài đặt, sử dụng"),
        ("Cán bộ, công chức thân thiện, vì Nhân dân phục vụ", "x", "k", "ub",
         "Không có cán bộ, công chức bị phản ánh về thái độ phục vụ Nhân dân",
         "{p}% người dân hài lòng với thái độ phục vụ"),
    ],
}

# individuals: (activity, positions at commune / district / city level), per field
MODEL_PEOPLE = {
    "kinh_te": [
        ("Phát triển kinh tế hộ, giúp hội viên thoát nghèo",
         ["Chủ tịch Hội Nông dân {place}", "Chi hội trưởng Chi hội Nông dân {hamlet}"],
         ["Phó Chủ tịch Hội Nông dân {place}"], ["Cán bộ Hội Nông dân thành phố"]),
        ("Liên kết tiêu thụ nông sản cho bà con",
         ["Chủ nhiệm Hợp tác xã dịch vụ nông nghiệp {place}"], ["Phó Trưởng phòng Kinh tế {place}"],
         ["Chuyên viên Sở Nông nghiệp và Phát triển nông thôn"]),
        ("Sản xuất, kinh doanh giỏi, tạo việc làm cho lao động địa phương",
         ["Hội viên Hội Cựu chiến binh {place}", "Hội viên Hội Nông dân {place}"],
         ["Hội viên Hội Doanh nhân cựu chiến binh {place}"], ["Ủy viên Ban Thường vụ Hội Doanh nhân trẻ thành phố"]),
    ],
    "van_hoa_xa_hoi": [
        ("Vận động Nhân dân giữ gìn vệ sinh môi trường",
         ["Chi hội trưởng Chi hội Phụ nữ {hamlet}", "Trưởng ban công tác Mặt trận {hamlet}"],
         ["Phó Chủ tịch Hội Liên hiệp Phụ nữ {place}"], ["Cán bộ Hội Liên hiệp Phụ nữ thành phố"]),
        ("Chăm lo cho trẻ em có hoàn cảnh khó khăn",
         ["Công chức Văn hóa - Xã hội {place}"], ["Phó Trưởng phòng Lao động - Thương binh và Xã hội {place}"],
         ["Chuyên viên Sở Lao động - Thương binh và Xã hội"]),
        ("Vận động xây dựng nhà nhân ái",
         ["Chủ tịch Ủy ban Mặt trận Tổ quốc {place}"], ["Phó Chủ tịch Ủy ban Mặt trận Tổ quốc {place}"],
         ["Cán bộ Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"]),
    ],
    "quoc_phong_an_ninh": [
        ("Vận động Nhân dân tố giác tội phạm",
         ["Công an viên {hamlet}", "Phó Trưởng Công an {place}"], ["Cán bộ Công an {place}"],
         ["Cán bộ Công an thành phố"]),
        ("Hòa giải mâu thuẫn tại khu dân cư",
         ["Tổ trưởng tổ hòa giải {hamlet}", "Trưởng {hamlet}"], ["Chuyên viên Phòng Tư pháp {place}"],
         ["Chuyên viên Sở Tư pháp"]),
    ],
    "xay_dung_dang": [
        ("Sát dân, gần dân, giải quyết kịp thời kiến nghị của Nhân dân",
         ["Bí thư Chi bộ {hamlet}", "Trưởng {hamlet}"], ["Cán bộ Ban Dân vận {committee}"],
         ["Chuyên viên Ban Dân vận Thành ủy"]),
        ("Tận tụy phục vụ Nhân dân tại bộ phận một cửa",
         ["Công chức Văn phòng - Thống kê {place}"], ["Chuyên viên Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {place}"],
         ["Chuyên viên Văn phòng Ủy ban nhân dân thành phố"]),
    ],
}

# who runs a collective model: (at a commune, hamlet level; at a commune; at a district; at the city)
ORGS = {
    "cb": ("Chi bộ {hamlet}, {place}", "Đảng ủy {place}", "Ban Dân vận {committee}", "Ban Dân vận Thành ủy"),
    "pn": ("Chi hội Phụ nữ {hamlet}, {place}", "Hội Liên hiệp Phụ nữ {place}", "Hội Liên hiệp Phụ nữ {place}",
           "Hội Liên hiệp Phụ nữ thành phố"),
    "nd": ("Chi hội Nông dân {hamlet}, {place}", "Hội Nông dân {place}", "Hội Nông dân {place}",
           "Hội Nông dân thành phố"),
    "dt": ("Chi đoàn {hamlet}, {place}", "Đoàn Thanh niên {place}", "Đoàn Thanh niên {place}", "Thành đoàn Hải Phòng"),
    "ccb": ("Chi hội Cựu chiến binh {hamlet}, {place}", "Hội Cựu chiến binh {place}", "Hội Cựu chiến binh {place}",
            "Hội Cựu chiến binh thành phố"),
    "mt": ("Ban công tác Mặt trận {hamlet}, {place}", "Ủy ban Mặt trận Tổ quốc {place}",
           "Ủy ban Mặt trận Tổ quốc {place}", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"),
    "ca": (None, "Công an {place}", "Công an {place}", "Công an thành phố"),
    "ub": (None, "Ủy ban nhân dân {place}", "Ủy ban nhân dân {place}", "{dept}"),
    "yt": (None, "Trạm Y tế {place}", "Trung tâm Y tế {place}", "Sở Y tế"),
    "qs": (None, "Ban Chỉ huy Quân sự {place}", "Ban Chỉ huy Quân sự {place}", "Bộ Chỉ huy Quân sự thành phố"),
    "ctd": ("Chi hội Chữ thập đỏ {hamlet}, {place}", "Hội Chữ thập đỏ {place}", "Hội Chữ thập đỏ {place}",
            "Hội Chữ thập đỏ thành phố"),
    "kh": ("Chi hội Khuyến học {hamlet}, {place}", "Hội Khuyến học {place}", "Hội Khuyến học {place}",
           "Hội Khuyến học thành phố"),
    "nct": ("Chi hội Người cao tuổi {hamlet}, {place}", "Hội Người cao tuổi {place}", "Hội Người cao tuổi {place}",
            "Hội Người cao tuổi thành phố"),
    "ldld": (None, None, "Liên đoàn Lao động {place}", "Liên đoàn Lao động thành phố"),
}
CITY_DEPTS = ["Sở Tài nguyên và Môi trường", "Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo",
              "Sở Tư pháp", "Sở Thông tin và Truyền thông", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng",
              "Sở Văn hóa và Thể thao", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư", "Văn phòng Ủy ban nhân dân thành phố",
              "Bảo hiểm xã hội thành phố", "Cục Thuế thành phố", "Sở Công Thương"]
# the city's department for a title run by "ub" (else any of CITY_DEPTS)
CITY_DEPT_FOR = {
    "Đồng hành cùng doanh nghiệp": ["Sở Kế hoạch và Đầu tư", "Sở Công Thương", "Cục Thuế thành phố"],
    "Bảo hiểm y tế toàn dân": ["Bảo hiểm xã hội thành phố", "Sở Y tế"],
    "Chợ an toàn thực phẩm": ["Sở Công Thương"],
    "Sản phẩm OCOP lên sàn thương mại điện tử": ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Công Thương"],
    "Liên kết sản xuất lúa chất lượng cao": ["Sở Nông nghiệp và Phát triển nông thôn"],
    "Cánh đồng mẫu lớn": ["Sở Nông nghiệp và Phát triển nông thôn"],
    "Hợp tác xã dịch vụ nông nghiệp kiểu mới": ["Sở Nông nghiệp và Phát triển nông thôn"],
    "Hỗ trợ ngư dân vươn khơi bám biển": ["Sở Nông nghiệp và Phát triển nông thôn"],
    "Phân loại rác thải tại nguồn": ["Sở Tài nguyên và Môi trường"],
    "Tổ công nghệ số cộng đồng": ["Sở Thông tin và Truyền thông"],
    "Sân chơi cộng đồng": ["Sở Văn hóa và Thể thao"],
    "Thư viện cộng đồng": ["Sở Văn hóa và Thể thao"],
    "Câu lạc bộ dưỡng sinh người cao tuổi": ["Sở Văn hóa và Thể thao"],
    "Tổ hòa giải ở cơ sở": ["Sở Tư pháp"],
    "Khu dân cư kiểu mẫu": ["Sở Văn hóa và Thể thao"],
    "Nhà nhân ái": ["Sở Lao động - Thương binh và Xã hội"],
    "Nghe dân nói, nói dân hiểu, làm dân tin": ["Văn phòng Ủy ban nhân dân thành phố", "Sở Nội vụ"],
    "Đối thoại với Nhân dân tại khu dân cư": ["Văn phòng Ủy ban nhân dân thành phố"],
    "Tuyến phố văn minh": ["Sở Xây dựng"],
    "Bộ phận một cửa thân thiện": ["Sở Tư pháp", "Sở Tài nguyên và Môi trường", "Sở Xây dựng",
                                   "Sở Kế hoạch và Đầu tư"],
    "Nhóm Zalo kết nối chính quyền với Nhân dân": ["Sở Thông tin và Truyền thông"],
    "Cán bộ, công chức thân thiện, vì Nhân dân phục vụ": ["Bảo hiểm xã hội thành phố", "Cục Thuế thành phố",
                                                           "Sở Nội vụ"],
}

# the seed's exemplary models: (where: a unit, or a district whose subtree is searched;
# field, title, org (None: the unit's own name), areas, press weight)
EXEMPLARY = [
    ("31", "xay_dung_dang", "Chuyển đổi số", "Sở Giao thông Vận tải", "chuyen_doi_so"),
    ("304", "van_hoa_xa_hoi", "Phân loại rác thải", None, "do_thi"),
    ("303", "quoc_phong_an_ninh", "Tổ liên gia an toàn phòng cháy, chữa cháy", "ca", "do_thi"),
    ("304", "quoc_phong_an_ninh", "Tổ liên gia an toàn phòng cháy, chữa cháy", "ca", "do_thi"),
    ("311", "quoc_phong_an_ninh", "Tổ liên gia an toàn phòng cháy, chữa cháy", "ca", "do_thi"),
    ("305", "van_hoa_xa_hoi", "Sân chơi cộng đồng", "dt", "do_thi"),
    ("306", "van_hoa_xa_hoi", "Sân chơi cộng đồng", "dt", "do_thi"),
    ("305", "van_hoa_xa_hoi", "Thư viện cộng đồng", "mt", "do_thi"),
    ("307", "van_hoa_xa_hoi", "Thư viện cộng đồng", "mt", "do_thi"),
    ("313", "van_hoa_xa_hoi", "Hiến đất làm đường xây dựng xã nông thôn mới kiểu mẫu", "mt", "nong_thon_moi"),
    ("314", "van_hoa_xa_hoi", "Hiến đất làm đường xây dựng xã nông thôn mới kiểu mẫu", "mt", "nong_thon_moi"),
    ("315", "kinh_te", "Hiến đất làm đường xây dựng xã nông thôn mới kiểu mẫu", "mt", "nong_thon_moi"),
    ("316", "van_hoa_xa_hoi", "Hiến đất làm đường xây dựng xã nông thôn mới kiểu mẫu", "mt", "nong_thon_moi"),
    ("31", "van_hoa_xa_hoi", "Mẹ đỡ đầu", "Hội Liên hiệp phụ nữ thành phố", "khac"),
]
EXEMPLARY_TEXTS = {
    "Hiến đất làm đường xây dựng xã nông thôn mới kiểu mẫu": (
        "Vận động {h} hộ {scope} hiến đất, mở rộng {k} km đường trục xã, trục thôn đạt chuẩn nông thôn mới kiểu mẫu",
        "Đã có {h} hộ hiến {n}00 m² đất, {k} km đường được mở rộng, không phát sinh khiếu nại"),
    "Chuyển đổi số": (
        "100% thủ tục hành chính của ngành cung cấp dịch vụ công trực tuyến toàn trình; giảm {q}% thời gian giải quyết",
        "{p}% hồ sơ được nộp trực tuyến; thời gian giải quyết giảm {q}%"),
    "Phân loại rác thải": (
        "100% hộ gia đình {scope} phân loại rác thải tại nguồn đến cuối năm 2023",
        "Đến 30/6/2023: {p}% hộ gia đình thực hiện; lượng rác phải chôn lấp giảm {q}%"),
}
STATUS_STARTED = 5  # districts whose appraisal of the communes' models has begun by June


def urban(unit):
    return unit["type"] in ("Quận", "Phường", "Thành phố thuộc tỉnh", "Thành phố trực thuộc trung ương")


def rural(unit):
    return unit["type"] in ("Huyện", "Xã", "Thị trấn")


def fill(rng, template, scope):
    draws = {"p": (60, 98), "q": (10, 40), "n": (3, 30), "h": (20, 200), "m": (20, 500), "k": (1, 9)}
    out = template
    for key, (lo, hi) in draws.items():
        while "{" + key + "}" in out:
            out = out.replace("{" + key + "}", str(rng.randint(lo, hi)), 1)
    return out.replace("{scope}", scope)


def level_of(unit):
    return 3 if unit["code"] == CITY else 2 if unit["level"] == "2" else 0  # 0/1 commune, 2 district, 3 city


def hamlet_of(rng, unit):
    return ("thôn %d" if unit["type"] == "Xã" else "tổ dân phố %d") % rng.randint(1, 15)


def place_words(unit, by_code):
    """{place} and {committee} of a unit, for the texts."""
    return {"place": place_of(unit), "committee": committee_of(unit)}


def org_forms(unit, code):
    """The forms of an org code at the unit's level (a commune: hamlet and commune level)."""
    forms = ORGS[code]
    lvl = level_of(unit)
    out = [forms[3]] if lvl == 3 else [forms[2]] if lvl == 2 else [forms[1], forms[0]]
    return [f for f in out if f]


def org_text(unit, form, title, hamlet, dept=None):
    return form.format(place=place_of(unit), committee=committee_of(unit), hamlet=hamlet,
                       dept=dept or CITY_DEPT_FOR.get(title, CITY_DEPTS)[0])


def model_org(rng, unit, codes, title=None):
    """Who runs a collective model at the unit: one of the org codes, at the right level."""
    opts = [c for c in codes.split() if org_forms(unit, c)]
    form = rng.choice(org_forms(unit, rng.choice(opts)))
    hamlet = hamlet_of(rng, unit)
    return org_text(unit, form, title, hamlet, rng.choice(CITY_DEPT_FOR.get(title, CITY_DEPTS))), hamlet


def all_orgs(unit, codes, title):
    """Every org a title can have at a unit above the communes (no hamlets there)."""
    out = []
    for c in codes.split():
        for form in org_forms(unit, c):
            for dept in (CITY_DEPT_FOR.get(title, CITY_DEPTS) if "{dept}" in form else [None]):
                out.append(org_text(unit, form, title, None, dept))
    return out


def scope_of(unit, org, hamlet):
    if unit["code"] == CITY:
        return "trên địa bàn thành phố"
    if hamlet and hamlet in org:
        return hamlet
    return "trên địa bàn " + place_of(unit)


def area_of(aff, unit):
    """The areas a model's title suggests at the unit (no nông thôn mới: that is dealt separately)."""
    out = []
    for a in aff:
        if a == "p":
            a = "n" if unit["type"] in ("Xã", "Huyện") else "d" if unit["code"] != CITY else "k"
        if a == "n" and unit["type"] == "Xã":
            continue  # a commune's nông thôn mới models are chosen by plan_ntm
        name = {"n": "nong_thon_moi", "d": "do_thi", "s": "chuyen_doi_so", "k": "khac"}[a]
        if a == "n" and not rural(unit):
            name = "do_thi"
        if a == "d" and unit["type"] == "Xã":
            name = "khac"
        if name not in out:
            out.append(name)
    return out


def fits(where, unit):
    if where == "a":
        return True
    if where == "x":
        return level_of(unit) >= 2
    if where == "u":
        return urban(unit) or unit["type"] == "Thị trấn"
    return rural(unit)


def register_models(by, units, children, by_code, rng):
    """2,035 models of 2023: per unit and field x kind exactly the split of bieu3 (so
    Biểu 3's counts come from these records); the seed's exemplary models flagged; areas
    such that most, not all, communes (xã) have at least 3 models in xây dựng nông thôn
    mới; status registered or appraising (recognition is at the end of the year); press
    items 136 in all."""
    total_press = 136
    left = {c: dict(m) for c, m in by.items()}  # (field.kind) -> unit -> models still to make
    models = []  # dicts

    def take(code, field, kind):
        key = field + "." + kind
        if left[key].get(code, 0) <= 0:
            return False
        left[key][code] -= 1
        return True

    # the exemplary models first, at the named unit or the commune under it with most room
    for where, field, title, org, area in EXEMPLARY:
        cands = [where] + sorted((c["code"] for c in children[where]),
                                 key=lambda c: (-left[field + ".tap_the"].get(c, 0), c)) if where != CITY else [CITY]
        if "nông thôn mới" in title:  # in a commune (xã) of the district
            cands = [c for c in cands[1:] if by_code[c]["type"] == "Xã"]
        code = next(c for c in cands if left[field + ".tap_the"].get(c, 0) > 0)
        assert take(code, field, "tap_the")
        unit = by_code[code]
        if org is None:
            who, hamlet = place_of(unit), None
        elif org in ORGS:
            who, hamlet = model_org(rng, unit, org)
        else:
            who, hamlet = org, None
        scope = scope_of(unit, who, hamlet)
        texts = [(t[4], t[5]) for f in MODEL_TITLES.values() for t in f if t[0] == title]
        goal, result = EXEMPLARY_TEXTS[title] if title in EXEMPLARY_TEXTS else texts[0]
        models.append({"name": "Mô hình “%s” của %s" % (title, who), "title": title, "unit": code, "kind": "tap_the",
                       "field": field, "areas": [area], "exemplary": "yes", "goals": fill(rng, goal, scope),
                       "results": fill(rng, result, scope), "person_name": "", "position": "", "aff": "n"})

    # the rest: each unit's remaining models, titles fitting the place
    person_no = [0]
    for unit in units:
        code = unit["code"]
        labels = [(f, k) for f in FIELDS for k in ("tap_the", "ca_nhan")
                  for _ in range(left[f + "." + k].get(code, 0))]
        rng.shuffle(labels)
        used = {m["name"] for m in models if m["unit"] == code}
        taken = {m["title"] for m in models if m["unit"] == code}  # the exemplary ones
        for field, kind in labels:
            left[field + "." + kind][code] -= 1
            opts = [t for t in MODEL_TITLES[field] if fits(t[1], unit) and t[0] not in taken]
            for attempt in range(51):
                if kind == "tap_the":
                    if attempt < 50:
                        title, _, aff, orgs, goal, result = rng.choice(opts)
                        org, hamlet = model_org(rng, unit, orgs, title)
                    else:  # a crowded unit: any title and org not yet used
                        free = [(t, o) for t in opts for o in all_orgs(unit, t[3], t[0])
                                if "Mô hình “%s” của %s" % (t[0], o) not in used]
                        assert free, "no free model name at %s" % code
                        (title, _, aff, orgs, goal, result), org = rng.choice(free)
                        hamlet = None
                    name = "Mô hình “%s” của %s" % (title, org)
                    person = position = ""
                    scope = scope_of(unit, org, hamlet)
                else:
                    activity, pc, pd, pt = rng.choice(MODEL_PEOPLE[field])
                    lvl = level_of(unit)
                    hamlet = hamlet_of(rng, unit)
                    position = rng.choice(pt if lvl == 3 else pd if lvl == 2 else pc).format(
                        place=place_of(unit), committee=committee_of(unit), hamlet=hamlet)
                    person_no[0] += 1
                    person = "%s %s %s%d" % (rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(LETTERS_AZ),
                                             person_no[0])
                    name = "Gương “Dân vận khéo” %s: %s" % (activity[0].lower() + activity[1:], person)
                    aff = "p" if field != "xay_dung_dang" else "k"
                    scope = hamlet if hamlet in position else scope_of(unit, "", None)
                    goal = "Vận động Nhân dân %s cùng tham gia; gương mẫu thực hiện và nhân rộng cách làm" % scope
                    result = "6 tháng đầu năm: vận động được {h} lượt người dân tham gia; {k} kinh nghiệm được nhân rộng"
                if name not in used:
                    break
            used.add(name)
            if person:
                name = exemplar_name(activity, used)
                used.add(name)
            models.append({"name": name, "title": name, "unit": code, "kind": kind, "field": field,
                           "areas": area_of(aff, unit),
                           "exemplary": "no", "goals": fill(rng, goal, scope), "results": fill(rng, result, scope),
                           "person_name": person, "position": position, "aff": aff})
    assert all(v == 0 for m in left.values() for v in m.values())

    # nông thôn mới in the communes (xã): at least 3 models in most, fewer in some
    xa = [u for u in units if u["type"] == "Xã"]
    mine = {u["code"]: [m for m in models if m["unit"] == u["code"]] for u in xa}
    exemplary_xa = {m["unit"] for m in models if m["exemplary"] == "yes"}
    lagging = [u["code"] for u in xa if len(mine[u["code"]]) < 3]
    others = [u["code"] for u in xa if len(mine[u["code"]]) >= 3 and u["code"] not in exemplary_xa]
    rng.shuffle(others)
    lagging += others[:8]
    for u in xa:
        ms = mine[u["code"]]
        n = len(ms)
        if u["code"] in lagging:
            k = min(n, rng.randint(0, 2))
        else:
            k = min(n, max(3, round(n * rng.uniform(0.5, 0.8))))
        have = [m for m in ms if "nong_thon_moi" in m["areas"]]
        # those whose title is about the countryside first
        rest = [m for m in ms if m not in have]
        rest.sort(key=lambda m: (0 if "n" in m["aff"] or "p" in m["aff"] else 1, rng.random()))
        for m in rest[:max(0, k - len(have))]:
            m["areas"] = ["nong_thon_moi"] + [a for a in m["areas"] if a != "khac"]
        for m in ms:
            if not m["areas"]:
                m["areas"] = ["khac"]

    # status: appraisal (by the unit above) has begun in a few districts and for some
    # district models; the city's own models wait for the end of the year
    with_communes = [u["code"] for u in units if u["level"] == "2" and children[u["code"]]]
    started = set(rng_sample(rng, with_communes, STATUS_STARTED))
    for m in models:
        u = by_code[m["unit"]]
        if m["unit"] == CITY:
            p = 0.0
        elif u["level"] == "2":
            p = 0.15 if m["exemplary"] == "no" else 1.0
        else:
            p = 0.55 if u["parent_code"] in started else 0.06
            if m["exemplary"] == "yes":
                p = 1.0
        m["status"] = "appraising" if rng.random() < p else "registered"

    # press items: 136 over about 70 models, the exemplary ones, the city's and the
    # districts' first; the others mostly empty, some an explicit 0
    def pw(m):
        lvl = level_of(by_code[m["unit"]])
        return (6.0 if m["exemplary"] == "yes" else 1.0) * (3.0 if lvl == 3 else 1.5 if lvl == 2 else 0.12)
    order = list(range(len(models)))
    chosen = [i for i, m in enumerate(models) if m["exemplary"] == "yes"]
    weights = [0 if m["exemplary"] == "yes" else pw(m) for m in models]
    while len(chosen) < 70:
        i = rng.weighted(weights)
        chosen.append(i)
        weights[i] = 0
    chosen.sort()
    amounts = split(rng, total_press, [pw(models[i]) for i in chosen], caps=[8] * len(chosen), base=[1] * len(chosen))
    press = dict(zip(chosen, amounts))
    for i in order:
        m = models[i]
        if i in press:
            m["press"] = press[i]
        elif level_of(by_code[m["unit"]]) >= 2 and rng.random() < 0.4:
            m["press"] = 0
        else:
            m["press"] = None

    pos = {u["code"]: i for i, u in enumerate(units)}
    models.sort(key=lambda m: (pos[m["unit"]], m["kind"] != "tap_the", FIELDS.index(m["field"]), m["name"]))
    rows = []
    for m in models:
        rows.append((m["name"], m["unit"], m["kind"], m["field"], ";".join(m["areas"]), 2023, m["status"],
                     m["press"], m["exemplary"], m["person_name"], m["position"], m["goals"], m["results"], None))
    return rows


# ---------------------------------------------------------------- religious establishments
PAGODAS = ["Phúc Lâm", "Linh Quang", "Hưng Long", "Phổ Chiếu", "Quang Minh", "Thiên Phúc", "Long Hưng", "Hoa Lâm",
           "Đại Bi", "Khánh Long", "Phúc Hưng", "Linh Sơn", "Thắng Phúc", "Pháp Vân", "Diên Phúc", "Kim Sơn",
           "Sùng Quang", "Từ Lâm", "Phúc Khánh", "Quảng Phúc", "Thanh Lâm", "Bảo Quang", "Hồng Phúc", "Vân Tiêu",
           "Tường Vân", "Phúc Linh", "An Lạc", "Hưng Phúc", "Đông Lâm", "Hải Quang", "Linh Ứng", "Thượng Phúc"]
PARISH_SAINTS = ["Thánh Giuse", "Thánh Phêrô", "Thánh Tâm", "Mân Côi", "Thánh Antôn", "Thánh Phaolô",
                 "Đức Mẹ Vô Nhiễm", "Thánh Gioan", "Thánh Martinô", "Thánh Phanxicô"]
CATHOLIC_DISTRICTS = {"311", "313", "314", "315", "316", "312"}  # where the Catholic parishes are many
LAND_DRIVE = {"311", "314"}  # 04-QĐ/BCĐ, 05-QĐ/BCĐ (2023): land titles of religious establishments
EST_NOTES = {
    "none": ["Đất có nguồn gốc do Nhân dân hiến tặng, chưa có giấy tờ", "Đang đo đạc, xác định ranh giới thửa đất",
             "Có tranh chấp ranh giới với hộ liền kề, đang hòa giải", "Chưa thống nhất diện tích với bản đồ địa chính"],
    "dossier": ["Hồ sơ đang được thẩm định tại Văn phòng đăng ký đất đai",
                "Đã niêm yết công khai hồ sơ tại Ủy ban nhân dân xã, phường",
                "Đang bổ sung xác nhận của Ban Trị sự Giáo hội Phật giáo thành phố",
                "Đang bổ sung xác nhận của Tòa Giám mục Hải Phòng"],
    "certificate": ["Được cấp giấy chứng nhận theo đợt của Ban Chỉ đạo", "Đã trao giấy chứng nhận tại hội nghị"],
    # not using land of its own, by religion
    "Phật giáo": ["Nằm trong khuôn viên di tích do Ủy ban nhân dân quản lý, không sử dụng đất riêng"],
    "Công giáo": ["Nhà nguyện trên đất của hộ gia đình giáo dân, không sử dụng đất riêng"],
    "Tin lành": ["Sinh hoạt tại điểm nhóm thuê, không sử dụng đất riêng", "Sinh hoạt nhờ tại nhà của tín đồ"],
    "Cao Đài": ["Sinh hoạt nhờ tại nhà của tín đồ, không sử dụng đất riêng"],
}


def workdays_between(a, b):
    days = []
    d = a
    while d <= b:
        if d.weekday() < 5 and not holiday(d):
            days.append(d)
        d += datetime.timedelta(days=1)
    return days


def register_establishments(units, communes, rng):
    """239 religious establishments over the communes: Phật giáo most, Công giáo many (more in
    the rural districts), a few Tin lành and Cao Đài; most use land; of those, about 35 %
    have filed the land dossier or got the certificate, about 12 % the certificate, as of
    30/6/2023 (the 2023 target: ≥ 30 %, ≥ 10 %)."""
    n_total = 239
    w = [(1.6 if c["type"] == "Xã" else 1.2 if c["type"] == "Thị trấn" else 0.7) * rng.uniform(0.4, 1.6)
         for c in communes]
    per = split(rng, n_total, w, caps=[5] * len(communes))
    places = [c for c, k in zip(communes, per) for _ in range(k)]
    religions = []
    for c in places:
        p_cg = 0.42 if c["parent_code"] in CATHOLIC_DISTRICTS else 0.18
        religions.append("Công giáo" if rng.random() < p_cg else "Phật giáo")
    # a few Tin lành (towns and wards) and Cao Đài
    idx = list(range(len(places)))
    rng.shuffle(idx)
    urban_idx = [i for i in idx if places[i]["type"] in ("Phường", "Thị trấn")]
    for i in urban_idx[:6]:
        religions[i] = "Tin lành"
    for i in [i for i in idx if i not in urban_idx[:6]][:3]:
        religions[i] = "Cao Đài"
    rows = []
    names_in = {}
    for c, rel in zip(places, religions):
        used = names_in.setdefault(c["code"], set())
        short = short_name(c)
        if rel == "Tin lành":
            uses = "yes" if rng.random() < 0.5 else "no"
        elif rel == "Cao Đài":
            uses = "yes" if rng.random() < 0.7 else "no"
        else:
            uses = "yes" if rng.random() < 0.96 else "no"
        for _ in range(30):
            if rel == "Phật giáo":
                name = ("Tịnh xá Ngọc " + rng.choice(["Quang", "Liên", "Hải"])) if rng.random() < 0.03 else \
                    "Chùa " + rng.choice(PAGODAS)
            elif rel == "Công giáo":
                if uses == "no":
                    name = "Nhà nguyện giáo họ " + rng.choice(PARISH_SAINTS)
                elif not any(u.startswith("Nhà thờ giáo xứ") for u in used):
                    name = "Nhà thờ giáo xứ " + short
                else:
                    name = "Nhà thờ giáo họ " + rng.choice(PARISH_SAINTS)
            elif rel == "Tin lành":
                name = ("Nhà nguyện Chi hội Tin lành " if uses == "yes" else "Điểm nhóm Tin lành ") + short
            else:
                name = ("Thánh thất Cao Đài " if uses == "yes" else "Điểm sinh hoạt Cao Đài ") + short
            if name not in used:
                break
        used.add(name)
        rows.append([name, rel, c["code"], uses, "none", None, None, None])
    land = [i for i, r in enumerate(rows) if r[3] == "yes"]
    n_cert = round(0.12 * len(land))
    n_any = round(0.355 * len(land))
    wl = [2.5 if places[i]["parent_code"] in LAND_DRIVE else 1.0 for i in land]
    picked = []
    for _ in range(n_any):
        k = rng.weighted(wl)
        picked.append(land[k])
        wl[k] = 0
    cert = set(picked[:n_cert])
    early, late = datetime.date(2019, 1, 2), datetime.date(2023, 6, 28)
    for i in picked:
        r = rows[i]
        drive = places[i]["parent_code"] in LAND_DRIVE
        if i in cert:
            filed = rng.choice(workdays_between(early, datetime.date(2022, 12, 30)))
            granted = rng.choice(workdays_between(filed + datetime.timedelta(days=60),
                                                  min(late, filed + datetime.timedelta(days=900))))
            r[4], r[5], r[6] = "certificate", filed.isoformat(), granted.isoformat()
        else:
            lo = datetime.date(2023, 1, 3) if drive and rng.random() < 0.7 else early
            filed = rng.choice(workdays_between(lo, late))
            r[4], r[5] = "dossier", filed.isoformat()
    for i, r in enumerate(rows):
        kind = r[4] if r[3] == "yes" else r[1]
        if r[3] == "no" or rng.random() < 0.22:
            r[7] = rng.choice(EST_NOTES[kind])
    return [tuple(r) for r in rows]


# ---------------------------------------------------------------- dialogue conclusions
# per topic of TOPICS, then per dialogue of CITY_DIALOGUES: (content, responsible: s = the
# dialogue's unit, b = a unit under it, or a unit code; days to the due date; result when
# done; note while in progress)
FOLLOWUPS = [
    [("Rà soát, công khai phương án bồi thường, hỗ trợ và đơn giá áp dụng cho từng hộ có đất bị thu hồi", "s", 30,
      "Đã niêm yết công khai phương án tại nhà văn hóa các thôn và trụ sở Ủy ban nhân dân", "Đang rà soát hồ sơ từng hộ"),
     ("Trả lời bằng văn bản các kiến nghị của Nhân dân về đơn giá bồi thường", "s", 30,
      "Đã trả lời bằng văn bản cho các hộ có kiến nghị", "Đã trả lời một phần, còn kiến nghị chờ ý kiến cơ quan chuyên môn"),
     ("Lập phương án bố trí tái định cư cho các hộ phải di chuyển chỗ ở", "b", 60,
      "Đã phê duyệt phương án bố trí tái định cư", "Đang lập phương án, lấy ý kiến các hộ")],
    [("Thành lập tổ công tác xác minh nguồn gốc đất, thời điểm sử dụng đất của từng thửa", "s", 20,
      "Đã thành lập tổ công tác, xác minh xong các thửa đất có kiến nghị", "Tổ công tác đang xác minh"),
     ("Niêm yết công khai kết quả xác minh nguồn gốc đất tại nhà văn hóa khu dân cư", "b", 45,
      "Đã niêm yết công khai, không phát sinh khiếu nại mới", "Đang hoàn thiện biên bản xác minh"),
     ("Tiếp tục vận động các hộ chưa đồng thuận bàn giao mặt bằng", "b", 60,
      "Các hộ đã đồng thuận, bàn giao mặt bằng cho chủ đầu tư", "Đã vận động được một số hộ, còn hộ chưa đồng thuận")],
    [("Rà soát các hồ sơ cấp giấy chứng nhận quyền sử dụng đất tồn đọng, quá hạn", "s", 30,
      "Đã rà soát, giải quyết xong các hồ sơ tồn đọng", "Đang rà soát, phân loại hồ sơ"),
     ("Công khai quy trình, thủ tục và tiến độ giải quyết hồ sơ tại bộ phận một cửa", "s", 15,
      "Đã niêm yết công khai quy trình và tiến độ trên bảng tin và trang thông tin điện tử", ""),
     ("Hướng dẫn các hộ bổ sung giấy tờ còn thiếu để hoàn thiện hồ sơ", "b", 45,
      "Đã hướng dẫn trực tiếp các hộ; hồ sơ đủ điều kiện đã được chuyển giải quyết", "Đang hướng dẫn các hộ")],
    [("Yêu cầu đơn vị thu gom tăng tần suất vận chuyển rác tại điểm tập kết", "s", 15,
      "Đơn vị thu gom đã vận chuyển rác hằng ngày, điểm tập kết không còn tồn đọng", "Đã làm việc với đơn vị thu gom"),
     ("Khảo sát, di chuyển điểm tập kết rác xa khu dân cư", "b", 60,
      "Đã di chuyển điểm tập kết rác đến vị trí mới được Nhân dân đồng thuận", "Đang khảo sát vị trí mới"),
     ("Vận động Nhân dân phân loại rác thải sinh hoạt tại nguồn", "b", 90,
      "Đã tuyên truyền tại các khu dân cư, phát túi phân loại rác cho các hộ", "Đang tuyên truyền tại các khu dân cư")],
    [("Ra quân lập lại trật tự vỉa hè, lòng đường trên các tuyến phố được phản ánh", "s", 15,
      "Đã ra quân, xử lý các trường hợp lấn chiếm; duy trì kiểm tra thường xuyên", "Đang ra quân theo kế hoạch"),
     ("Bố trí địa điểm kinh doanh phù hợp cho các hộ buôn bán nhỏ", "b", 60,
      "Đã bố trí điểm kinh doanh tạm cho các hộ buôn bán nhỏ", "Đang khảo sát địa điểm"),
     ("Vận động các hộ kinh doanh ký cam kết không lấn chiếm vỉa hè", "b", 30,
      "Các hộ kinh doanh trên tuyến đã ký cam kết", "Đang vận động các hộ ký cam kết")],
    [("Công khai dự toán, thiết kế tuyến đường và mức đóng góp của Nhân dân", "s", 20,
      "Đã công khai tại nhà văn hóa thôn và trên hệ thống truyền thanh", ""),
     ("Thành lập ban giám sát cộng đồng theo dõi thi công tuyến đường", "b", 30,
      "Đã thành lập ban giám sát cộng đồng gồm đại diện các hộ dân", "Đang lựa chọn thành viên ban giám sát"),
     ("Biểu dương các hộ gia đình tự nguyện hiến đất làm đường", "s", 60,
      "Đã tổ chức biểu dương, tặng giấy khen các hộ hiến đất", "Đang tổng hợp danh sách các hộ hiến đất")],
    [("Bố trí tổ công nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực tuyến", "b", 30,
      "Tổ công nghệ số cộng đồng đã hỗ trợ người dân tại bộ phận một cửa và khu dân cư",
      "Đang kiện toàn tổ công nghệ số cộng đồng"),
     ("Rút ngắn thời gian trả kết quả các thủ tục hành chính được Nhân dân phản ánh", "s", 60,
      "Thời gian trả kết quả đã được rút ngắn, không còn hồ sơ trễ hạn", "Đang rà soát quy trình"),
     ("Mở lớp hướng dẫn người cao tuổi sử dụng dịch vụ công trực tuyến", "b", 45,
      "Đã mở lớp hướng dẫn tại nhà văn hóa khu dân cư", "")],
    [("Tăng cường tuần tra, kiểm soát vào ban đêm tại các địa điểm được phản ánh", "s", 15,
      "Đã tăng cường tuần tra; tình trạng tụ tập gây mất trật tự đã được chấn chỉnh", "Đang duy trì tuần tra"),
     ("Lắp đặt bổ sung camera giám sát an ninh tại khu dân cư", "b", 90,
      "Đã lắp đặt bổ sung camera tại các điểm phức tạp", "Đang vận động xã hội hóa kinh phí lắp camera"),
     ("Rà soát thanh thiếu niên có nguy cơ để phân công đoàn thể giáo dục, giúp đỡ", "b", 45,
      "Đã rà soát, phân công đoàn thể giúp đỡ từng trường hợp", "Đang rà soát")],
    [("Rà soát, bổ sung đối tượng hưởng chính sách bảo trợ xã hội", "s", 30,
      "Đã bổ sung các đối tượng đủ điều kiện vào danh sách hưởng chính sách", "Đang rà soát hồ sơ"),
     ("Bình xét lại hộ cận nghèo theo kiến nghị của Nhân dân", "b", 45,
      "Đã tổ chức bình xét công khai tại khu dân cư", ""),
     ("Bảo đảm chi trả chế độ đúng, đủ, kịp thời cho người có công", "s", 30,
      "Đã chi trả đầy đủ, kịp thời; không còn kiến nghị", "")],
    [("Tổ chức lấy ý kiến cư dân về phương án cải tạo, xây dựng lại chung cư", "s", 45,
      "Đã tổ chức hội nghị lấy ý kiến cư dân, tổng hợp báo cáo cấp trên", "Đang chuẩn bị hội nghị lấy ý kiến"),
     ("Công khai phương án bố trí tạm cư, hệ số bồi thường và tiến độ thực hiện dự án", "s", 30,
      "Đã công khai thông tin dự án tại khu chung cư và trên trang thông tin điện tử", ""),
     ("Kiểm tra, cảnh báo an toàn các khối nhà chung cư xuống cấp nghiêm trọng", "b", 20,
      "Đã kiểm tra, lắp biển cảnh báo và vận động các hộ di chuyển tạm", "Đang kiểm tra")],
    [("Lập kế hoạch nạo vét kênh tiêu úng trước mùa mưa bão", "s", 30,
      "Đã nạo vét xong các tuyến kênh bị bồi lắng", "Đang nạo vét"),
     ("Huy động Nhân dân ra quân làm thủy lợi nội đồng", "b", 45,
      "Nhân dân đã ra quân nạo vét kênh mương nội đồng", ""),
     ("Kiểm tra, sửa chữa cống, trạm bơm phục vụ sản xuất vụ mùa", "b", 60,
      "Đã sửa chữa các cống, trạm bơm hư hỏng", "Đang lập dự toán sửa chữa")],
    [("Công khai phương án bố trí điểm kinh doanh và mức phí sau khi cải tạo chợ", "s", 30,
      "Đã công khai phương án tại chợ và niêm yết tại trụ sở", ""),
     ("Ưu tiên bố trí lại các hộ đang kinh doanh ổn định", "b", 60,
      "Đã bố trí lại điểm kinh doanh cho các hộ theo phương án", "Đang bốc thăm vị trí"),
     ("Hỗ trợ tiểu thương trong thời gian di chuyển, cải tạo chợ", "b", 45,
      "Đã bố trí điểm kinh doanh tạm, miễn phí trong thời gian cải tạo", "")],
    [("Thành lập đoàn kiểm tra liên ngành, quan trắc môi trường tại cơ sở sản xuất bị phản ánh", "s", 20,
      "Đoàn kiểm tra đã quan trắc, lập biên bản và xử lý vi phạm", "Đang chờ kết quả quan trắc"),
     ("Thông báo kết quả kiểm tra, xử lý cho Nhân dân", "b", 45,
      "Đã thông báo kết quả tại hội nghị khu dân cư", ""),
     ("Yêu cầu cơ sở sản xuất khắc phục, lắp đặt hệ thống xử lý khí thải, tiếng ồn", "s", 90,
      "Cơ sở đã lắp đặt hệ thống xử lý; Nhân dân không còn phản ánh", "Cơ sở đang lắp đặt hệ thống xử lý")],
    [("Đề nghị đơn vị cấp nước kiểm tra áp lực đường ống vào giờ cao điểm", "s", 15,
      "Đơn vị cấp nước đã kiểm tra, điều chỉnh áp lực; nước cấp ổn định", ""),
     ("Lập kế hoạch cải tạo, mở rộng mạng lưới cấp nước", "s", 90,
      "Đã phê duyệt kế hoạch cải tạo mạng lưới", "Đang lập kế hoạch"),
     ("Thông báo lịch cấp nước, lịch cắt điện cho Nhân dân trên hệ thống truyền thanh", "b", 15,
      "Đã thông báo định kỳ trên hệ thống truyền thanh và nhóm Zalo khu dân cư", "")],
    [("Nhân rộng mô hình tổ liên gia an toàn phòng cháy, chữa cháy", "b", 60,
      "Đã thành lập thêm các tổ liên gia an toàn phòng cháy, chữa cháy", "Đang vận động các hộ tham gia"),
     ("Trang bị bình chữa cháy tại các điểm công cộng trong ngõ nhỏ", "b", 45,
      "Đã trang bị bình chữa cháy tại các điểm công cộng", "Đang vận động kinh phí"),
     ("Kiểm tra an toàn phòng cháy tại các nhà ở kết hợp kinh doanh", "s", 30,
      "Đã kiểm tra, hướng dẫn các hộ khắc phục tồn tại", "Đang kiểm tra")],
    [("Niêm yết công khai các khoản thu, chi từ đóng góp của Nhân dân", "s", 15,
      "Đã niêm yết công khai tại trụ sở và nhà văn hóa khu dân cư", ""),
     ("Ban thanh tra nhân dân giám sát việc sử dụng các khoản đóng góp", "b", 60,
      "Ban thanh tra nhân dân đã giám sát và báo cáo kết quả tại hội nghị", "Ban thanh tra nhân dân đang giám sát"),
     ("Công khai kết quả thực hiện các công trình phúc lợi", "s", 45,
      "Đã công khai kết quả các công trình phúc lợi", "")],
]
CITY_FOLLOWUPS = [
    [("Các sở, ngành nghiên cứu, trả lời bằng văn bản các kiến nghị của đoàn viên, thanh niên", "s", 30,
      "Các sở, ngành đã trả lời bằng văn bản; Thường trực Thành ủy đã thông báo kết luận", ""),
     ("Nghiên cứu cơ chế hỗ trợ thanh niên khởi nghiệp và nhà ở cho thanh niên", "s", 90,
      "Đã trình cơ chế hỗ trợ", "Các sở đang xây dựng dự thảo"),
     ("Rà soát, bổ sung thiết chế văn hóa, thể thao cho thanh niên", "b", 90,
      "Đã rà soát, đưa vào kế hoạch đầu tư công", "Đang rà soát quỹ đất")],
    [("Rà soát quỹ đất xây dựng nhà ở xã hội cho công nhân", "s", 90, "Đã công bố danh mục quỹ đất",
      "Đang rà soát"),
     ("Tăng cường kiểm tra việc chấp hành pháp luật lao động, đóng bảo hiểm xã hội của doanh nghiệp", "s", 60,
      "Đã kiểm tra, xử lý các doanh nghiệp nợ đóng bảo hiểm xã hội", "Đang kiểm tra theo kế hoạch"),
     ("Khảo sát nhu cầu nhà trẻ cho con công nhân tại các khu công nghiệp", "b", 60,
      "Đã khảo sát, báo cáo nhu cầu", "Đang khảo sát")],
    [("Rà soát từng trường hợp có kiến nghị về giá bồi thường, hỗ trợ", "b", 30,
      "Đã rà soát, điều chỉnh phương án cho các trường hợp đủ điều kiện", "Đang rà soát"),
     ("Trả lời Nhân dân trước khi tổ chức cưỡng chế thu hồi đất", "b", 45,
      "Đã trả lời bằng văn bản cho các hộ", "")],
    [("Bố trí điểm kinh doanh tạm cho tiểu thương chợ bị cháy", "303", 15,
      "Đã bố trí điểm kinh doanh tạm cho các hộ tiểu thương", ""),
     ("Xem xét miễn, giảm phí cho tiểu thương bị thiệt hại", "303", 30,
      "Đã miễn phí chợ cho các hộ bị thiệt hại", "Đang thống kê thiệt hại từng hộ"),
     ("Bảo đảm an ninh trật tự khu vực chợ trong thời gian khắc phục", "303", 30,
      "Đã bố trí lực lượng bảo vệ 24/24 giờ; không phát sinh vụ việc", "")],
    [("Kiểm tra, quan trắc, xử lý vi phạm của các doanh nghiệp xả thải", "s", 15,
      "Đã kiểm tra, xử lý vi phạm hành chính các doanh nghiệp vi phạm", "Đang chờ kết quả quan trắc"),
     ("Báo cáo kết quả kiểm tra, xử lý cho Thường trực Thành ủy và thông báo cho Nhân dân", "s", 15,
      "Đã báo cáo và thông báo kết quả cho Nhân dân", "")],
]
CONCLUDED_SHARE = 0.40


def due_after(day, days):
    d = day + datetime.timedelta(days=days)
    step = datetime.timedelta(days=1 if days < 60 else -1)
    while d.weekday() >= 5 or holiday(d):
        d += step
    return d


def register_conclusions(dl, units, children, by_code, rng):
    """Conclusions of about 40 % of the dialogues (the city's five, and a draw of the others),
    1-3 each, from the follow-ups of the dialogue's topic; the state as of 30/6/2023."""
    key_of = {t[3]: ("t", i) for i, t in enumerate(TOPICS)}
    key_of.update({c[6]: ("c", i) for i, c in enumerate(CITY_DIALOGUES)})
    pairs = {}
    for d in dl:
        pairs[(d[0], d[1])] = pairs.get((d[0], d[1]), 0) + 1
    want = round(CONCLUDED_SHARE * len(dl))
    city = [i for i, d in enumerate(dl) if d[1] == CITY]
    rest = [i for i, d in enumerate(dl) if d[1] != CITY and pairs[(d[0], d[1])] == 1]
    w = [1.3 if by_code[dl[i][1]]["level"] == "2" else 1.0 for i in rest]
    picked = list(city)
    while len(picked) < want:
        k = rng.weighted(w)
        picked.append(rest[k])
        w[k] = 0
    picked.sort()
    rows = []
    for i in picked:
        date, unit = dl[i][0], dl[i][1]
        day = datetime.date.fromisoformat(date)
        kind, t = key_of[dl[i][7]]
        items = list(FOLLOWUPS[t] if kind == "t" else CITY_FOLLOWUPS[t])
        n = min(len(items), 1 + rng.weighted([0.3, 0.45, 0.25]))
        chosen = sorted(rng_sample(rng, list(range(len(items))), n))
        subs = children[unit]
        for j in chosen:
            content, who, days, done_text, progress = items[j]
            if who == "s" or (who == "b" and not subs):
                resp = unit
            elif who == "b":
                resp = rng.choice(subs)["code"]
            else:
                resp = who
            due = due_after(day, days)
            r = rng.random()
            if due <= AS_OF:
                status = "done" if r < 0.72 else "in_progress" if r < 0.88 else "open"
            else:
                status = "done" if r < 0.35 else "in_progress" if r < 0.8 else "open"
            done = ""
            result = ""
            if status == "done":
                hi = min(due, AS_OF)
                if due < AS_OF and rng.random() < 0.15:  # done, but late
                    hi = min(AS_OF, due + datetime.timedelta(days=30))
                    lo = due + datetime.timedelta(days=1)
                else:
                    lo = min(hi, day + datetime.timedelta(days=3))
                opts = workdays_between(lo, hi) or [hi]
                done = rng.choice(opts).isoformat()
                result = done_text
            elif status == "in_progress":
                result = progress or "Đang triển khai thực hiện"
            rows.append((date, unit, content, resp, due.isoformat(), status, done, result))
    return rows


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
    "models": ["name", "unit", "kind", "field", "areas", "year", "status", "press_items", "exemplary", "person_name",
               "position", "goals", "results", "commend_level"],
    "establishments": ["name", "religion", "unit", "uses_land", "status", "dossier_on", "certificate_on", "notes"],
    "conclusions": ["dialogue_date", "dialogue_unit", "content", "responsible_unit", "due", "status", "done_date",
                    "result"],
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

    # hand-entered values: three of Biểu 3, and the two zeros of Biểu 5 (everything else is counted
    # from the registers)
    v = Values()
    by = bieu3(v, seed, CITY, dc, cc, Rng(SEED + 3))
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
    files["models"] = register_models(by, units, children, by_code, Rng(SEED + 18))
    files["establishments"] = register_establishments(units, communes, Rng(SEED + 19))
    files["conclusions"] = register_conclusions(dl, units, children, by_code, Rng(SEED + 20))

    for name, rows in files.items():
        write_csv(os.path.join(a.out, name + ".csv"), HEADERS[name], rows)
    print(", ".join("%s.csv %d" % (name, len(rows)) for name, rows in files.items()) + " rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
