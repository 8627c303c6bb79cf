#!/usr/bin/env python3
"""Generate the demo data set of danvan (demo/*.csv) from the shared material.

The demo is Hải Phòng (unit 31) in the six months 2023S1, built so that the
seven annexes computed for unit 31 reproduce the annexes of the seed report
(../shared/seeds/004_*.txt, transcribed in
../shared/data/seed-annexes/004-annexes.json). City-level figures are the
seed's; how they are split over districts and communes is invented here,
deterministically (own PRNG with a fixed seed), so reruns give the same files.

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


def spread(rng, total, n, lo=0.5, hi=1.5, at_least_one=True):
    """A count split over n units, each unit at least 1 when total allows."""
    w = [rng.uniform(lo, hi) for _ in range(n)]
    base = [1] * n if (at_least_one and total >= n) else None
    return split(rng, total, w, base=base)


def follow(rng, total, counts, lo=0.6, hi=1.4):
    """A quantity that goes with counts (people at conferences...): units
    with count 0 get 0, the others about proportionally."""
    w = [c * rng.uniform(lo, hi) for c in counts]
    if total > 0 and sum(w) == 0:
        raise ValueError("nothing to follow")
    return split(rng, total, w)


def at_least(rng, total, counts, lo=0.6, hi=1.4):
    """Like follow, but each unit gets at least its count (total >= sum)."""
    w = [c * rng.uniform(lo, hi) for c in counts]
    return split(rng, total, w, base=list(counts))


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


# ---------------------------------------------------------------- Biểu 1, 2
def bieu1(v, seed, districts, rng):
    x = seed["bieu-1"]["rows"][0]["values"]
    n = len(districts)
    # conferences chaired by the committee
    v.put("conf_count", "cap_uy", CITY, x[2])
    v.put("conf_people", "cap_uy", CITY, x[3])
    cnt = spread(rng, x[4], n)
    v.put_split("conf_count", "cap_uy", districts, cnt)
    v.put_split("conf_people", "cap_uy", districts, follow(rng, x[5], cnt))
    # documents
    v.put("doc_count", "cap_uy", CITY, x[7])
    v.put_split("doc_count", "cap_uy", districts, spread(rng, x[8], n))
    # inspections (kiểm tra) and supervisions (giám sát)
    for combo, i in (("cap_uy.kiem_tra", 12), ("cap_uy.giam_sat", 21)):
        v.put("insp_count", combo, CITY, x[i])
        v.put("insp_orgs", combo, CITY, x[i + 1])
        v.put("insp_members", combo, CITY, x[i + 2])
        cnt = spread(rng, x[i + 3], n)
        v.put_split("insp_count", combo, districts, cnt)
        v.put_split("insp_orgs", combo, districts, at_least(rng, x[i + 4], cnt))
        v.put_split("insp_members", combo, districts, at_least(rng, x[i + 5], cnt))
    # letters
    v.put("letters_received", "default", CITY, x[28])
    v.put("letters_resolved", "default", CITY, x[31])
    rec = spread(rng, x[29], n, 0.3, 1.7)
    v.put_split("letters_received", "default", districts, rec)
    v.put_split("letters_resolved", "default", districts, at_most(rng, x[32], rec))
    # citizen reception: "sessions/people"
    s0, p0 = pair_of(x[34])
    s1, p1 = pair_of(x[35])
    v.put("reception_sessions", "default", CITY, s0)
    v.put("reception_people", "default", CITY, p0)
    ses = spread(rng, s1, n)
    v.put_split("reception_sessions", "default", districts, ses)
    v.put_split("reception_people", "default", districts, at_least(rng, p1, ses))


def bieu2(v, seed, districts, rng):
    x = seed["bieu-2"]["rows"][0]["values"]
    n = len(districts)
    v.put("conf_count", "ban_dan_van", CITY, x[2])
    v.put("conf_people", "ban_dan_van", CITY, x[3])
    cnt = spread(rng, x[4], n)
    v.put_split("conf_count", "ban_dan_van", districts, cnt)
    v.put_split("conf_people", "ban_dan_van", districts, follow(rng, x[5], cnt))
    for k, field in enumerate(("dan_toc", "ton_giao", "dan_van_chinh_quyen", "mttq_ctxh")):
        combo = "ban_dan_van." + field
        v.put("doc_count", combo, CITY, x[7 + 2 * k])
        v.put_split("doc_count", combo, districts, spread(rng, x[8 + 2 * k], n))
    for combo, i in (("ban_dan_van.kiem_tra", 18), ("ban_dan_van.giam_sat", 27)):
        v.put("insp_count", combo, CITY, x[i])
        v.put("insp_orgs", combo, CITY, x[i + 1])
        v.put("insp_members", combo, CITY, x[i + 2])
        cnt = spread(rng, x[i + 3], n)
        v.put_split("insp_count", combo, districts, cnt)
        v.put_split("insp_orgs", combo, districts, at_least(rng, x[i + 4], cnt))
        v.put_split("insp_members", combo, districts, at_least(rng, x[i + 5], cnt))


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


# ---------------------------------------------------------------- Biểu 6, 7
def bieu6(v, seed, districts, communes, rng):
    rows = seed["bieu-6"]["rows"]
    els = ("fs_count", "fs_docs", "fs_recs", "fs_accepted")
    for e, val in zip(els, rows[0]["values"]):
        if val is not None:
            v.put(e, "default", CITY, val)
    for units, r in ((districts, rows[1]), (communes, rows[2])):
        n = len(units)
        cnt, docs, recs, acc = r["values"]
        c = spread(rng, cnt, n, 0.4, 1.6)
        d = split(rng, docs, [k * rng.uniform(0.5, 1.5) + 0.2 for k in c])
        re_ = split(rng, recs, [k * rng.uniform(0.5, 1.5) + 0.2 for k in c])
        a = at_most(rng, acc, re_)
        for e, amounts in zip(els, (c, d, re_, a)):
            v.put_split(e, "default", units, amounts)


def bieu7(v, seed, districts, communes, rng):
    rows = seed["bieu-7"]["rows"]
    els = ("fc_conferences", "fc_drafts", "fc_recs", "fc_accepted")
    for e, val in zip(els, rows[0]["values"]):
        v.put(e, "default", CITY, val)  # 3, 2, 0, 0: zeros are values here
    for units, r in ((districts, rows[1]), (communes, rows[2])):
        n = len(units)
        conf, drafts, recs, acc = r["values"]
        c = split(rng, conf, [rng.uniform(0.3, 1.7) for _ in units])
        d = spread(rng, drafts, n, 0.4, 1.6)
        re_ = split(rng, recs, [k * rng.uniform(0.5, 1.5) + 0.3 for k in d])
        a = at_most(rng, acc, re_)
        for e, amounts in zip(els, (c, d, re_, a)):
            v.put_split(e, "default", units, amounts)


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


def documents(seed):
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


# ---------------------------------------------------------------- main
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

    write_csv(os.path.join(a.out, "units.csv"), ["code", "name", "type", "level", "parent_code"],
              [(u["code"], u["name"], u["type"], u["level"], u["parent_code"]) for u in units])

    # one generator per part, so that changing one part leaves the others as they are
    dl = dialogues(seed, city, districts, communes, Rng(SEED + 5))
    write_csv(os.path.join(a.out, "dialogues.csv"),
              ["date", "unit", "type", "chair", "title", "participants", "issues", "conclusions"], dl)

    v = Values()
    bieu1(v, seed, dc, Rng(SEED + 1))
    bieu2(v, seed, dc, Rng(SEED + 2))
    bieu3(v, seed, CITY, dc, cc, Rng(SEED + 3))
    # Biểu 5: the seed prints 0 (not blank) in the district row for two
    # combos without any dialogue; enter 0 at one district each
    had = {(r[1], r[2] + "." + r[3]) for r in dl}
    for combo, code in (("dinh_ky.chinh_quyen", dc[0]), ("dot_xuat.dong_chu_tri", dc[1])):
        assert (code, combo) not in had
        v.put("dialogues", combo, code, 0)
    bieu6(v, seed, dc, cc, Rng(SEED + 6))
    bieu7(v, seed, dc, cc, Rng(SEED + 7))
    write_csv(os.path.join(a.out, "values.csv"), ["element", "combo", "period", "unit", "value"], v.rows)

    docs = documents(seed)
    write_csv(os.path.join(a.out, "documents.csv"),
              ["kind", "symbol", "date", "unit", "issued_by", "summary", "fields", "period"], docs)

    print("units.csv %d, dialogues.csv %d, values.csv %d, documents.csv %d rows"
          % (len(units), len(dl), len(v.rows), len(docs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
