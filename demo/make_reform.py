#!/usr/bin/env python3
"""Generate the demo's second year: Hải Phòng across the 2025 reform (demo/*-2024-25.csv, ...).

The first demo (make_demo.py) is Hải Phòng in 2023S1, reproducing the seed's annexes. This
script adds what an office working across the 1 July 2025 reform holds:

- units-hd-2024.csv: old Tỉnh Hải Dương (30), its 12 districts and 207 communes (units-2024.csv),
  added to the first edition of the tree beside old Hải Phòng (demo/units.csv);
- units-2025.csv: the edition from 01/07/2025 of the provinces the demo's units fall into: the new
  Thành phố Hải Phòng (31 = old 31 + old 30, 114 communes), Thái Nguyên (19), Lạng Sơn (20) and
  Bắc Ninh (24) with their communes (the units of the 2024 plans, units_extra.csv, get successors),
  and the new city's bodies (column kind: its Front, Women's Union, People's Committee, two Sở,
  the Front of Phường Hồng Bàng);
- mapping-2025.csv: the rows of mapping-2024-2025.csv whose old unit is in the demo;
- REGISTER-2024-25.csv: records of 2024-01-02 … 2025-06-30 on the OLD units of Hải Phòng and
  Hải Dương; REGISTER-2025-26.csv: records of 2025-07-01 … 2026-11-30 on the NEW units;
- supervision_recs-2025-26.csv, criticism_recs-2025-26.csv: the recommendations of the bodies'
  2026 supervisions and criticisms one by one (those activities leave their totals empty);
- submissions-2024-26.csv: the reporting history of 2024, 2025S1 (districts -> city) and 2026
  (communes -> city);
- report-31-2026.json: the city's 2026 report (a draft), its figures computed from the records.

Everything below the province is invented, deterministically: own PRNG (make_demo's splitmix64)
with a fixed seed and one stream per file and half-year, so a rerun writes byte-identical files.
Senders of letters and individual exemplars are fictitious and look it. No real person is named.

Usage: python3 demo/make_reform.py [--shared DIR] [--out DIR]
Standard library only.
"""
import argparse
import collections
import csv
import datetime
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_demo as md  # noqa: E402  (shared lists and helpers of the first demo)
from make_demo import Rng, split, write_csv  # noqa: E402

D = datetime.date
SEED = 20250701  # the reform's day
REFORM = D(2025, 7, 1)
AS_OF = D(2026, 11, 30)  # the state of the data: the demo's "today" is early December 2026
CITY = "31"
OLD_PROVINCES = ("31", "30")  # the records' provinces before the reform
EDITION_PROVINCES = ("19", "20", "24", "31")  # the provinces of the 2025 edition in the demo
EXTRA_PROVINCES = ("19", "20", "24")  # units_extra.csv (the 2024 plans of Thái Nguyên, Lạng Sơn, Bắc Giang)

# half-years: id, first, last day, tree
HALVES = [
    ("2024S1", D(2024, 1, 2), D(2024, 6, 30), "old"),
    ("2024S2", D(2024, 7, 1), D(2024, 12, 31), "old"),
    ("2025S1", D(2025, 1, 2), D(2025, 6, 30), "old"),
    ("2025S2", D(2025, 7, 1), D(2025, 12, 31), "new"),
    ("2026S1", D(2026, 1, 2), D(2026, 6, 30), "new"),
    ("2026S2", D(2026, 7, 1), AS_OF, "new"),
]
FILE_OF = {"old": "2024-25", "new": "2025-26"}


# ---------------------------------------------------------------- calendar
def _days(a, b):
    return [a + datetime.timedelta(days=i) for i in range((b - a).days + 1)]


# public holidays of the years (Tết, Giỗ Tổ, 30/4-1/5, 2/9 with their bridging days)
HOLIDAYS = set(
    [D(2024, 1, 1)] + _days(D(2024, 2, 8), D(2024, 2, 14)) + [D(2024, 4, 18)] + _days(D(2024, 4, 29), D(2024, 5, 1))
    + [D(2024, 9, 2), D(2024, 9, 3)]
    + [D(2025, 1, 1)] + _days(D(2025, 1, 25), D(2025, 2, 2)) + [D(2025, 4, 7)] + _days(D(2025, 4, 30), D(2025, 5, 2))
    + [D(2025, 9, 1), D(2025, 9, 2)]
    + [D(2026, 1, 1), D(2026, 1, 2)] + _days(D(2026, 2, 14), D(2026, 2, 22)) + [D(2026, 4, 27)]
    + [D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 1), D(2026, 9, 2)])


def workday(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def workdays(a, b):
    return [d for d in _days(a, b) if workday(d)]


def window(win, half):
    """the working days of a template window in the half-year: None (all), 'MM-DD:MM-DD' (in
    the half's year), or 'YYYY-MM-DD:YYYY-MM-DD'"""
    _, first, last, _ = half
    if win:
        a, b = win.split(":")
        if len(a) == 5:
            a, b = "%d-%s" % (first.year, a), "%d-%s" % (first.year, b)
        first, last = max(first, D.fromisoformat(a)), min(last, D.fromisoformat(b))
    return workdays(first, last) if first <= last else []


def vn_date(d):
    return "%02d/%02d/%d" % (d.day, d.month, d.year)


def vn_num(n):
    """1865 -> '1.865'"""
    return "{:,}".format(n).replace(",", ".")


# ---------------------------------------------------------------- units
def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def subtree(units, root):
    codes, out = {root}, []
    for u in units:  # parents come before children in the source files (level, then code)
        if u["code"] == root or u["parent_code"] in codes:
            codes.add(u["code"])
            out.append(u)
    return out


TYPE_WORDS = ("Thành phố", "Thị xã", "Thị trấn", "Quận", "Huyện", "Phường", "Xã", "Đặc khu", "Tỉnh")


def short_name(u):
    for t in TYPE_WORDS:
        if u["name"].startswith(t + " "):
            return u["name"][len(t) + 1:]
    return u["name"]


def place_of(u):
    """'Phường Hồng Bàng' -> 'phường Hồng Bàng'; 'Thị xã Kinh Môn' -> 'thị xã Kinh Môn'"""
    for t in TYPE_WORDS:
        if u["name"].startswith(t + " "):
            return t.lower() + u["name"][len(t):]
    return u["name"]


class Unit(dict):
    """a unit of units-2024 or units-2025 with its rank (prov, dist, comm) and tree"""

    @property
    def code(self):
        return self["code"]


def units_of_tree(rows, tree):
    out = []
    for r in rows:
        u = Unit(r)
        u["tree"] = tree
        u["rank"] = "prov" if r["level"] == "1" else "dist" if (tree == "old" and r["level"] == "2") else "comm"
        out.append(u)
    return out


def urban(u):
    return u["type"] in ("Quận", "Phường", "Thành phố thuộc tỉnh", "Thành phố trực thuộc trung ương", "Thị xã",
                         "Thị trấn")


def where_of(u):
    """u(rban), r(ural) or a(ny): for topics"""
    if u["rank"] == "prov" or u["type"] == "Đặc khu":
        return "a"
    return "u" if u["type"] in ("Quận", "Phường", "Thành phố thuộc tỉnh", "Thị xã") else "r"


def province_word(u):
    return "thành phố" if u["type"] == "Thành phố trực thuộc trung ương" else "tỉnh"


def committee_of(u):
    """'Thành ủy Hải Phòng', 'Tỉnh ủy Hải Dương', 'Huyện ủy Tứ Kỳ', 'Thị ủy Kinh Môn', 'Đảng ủy xã Tứ Kỳ'"""
    t = u["type"]
    if u["rank"] == "prov":
        return ("Thành ủy " if t == "Thành phố trực thuộc trung ương" else "Tỉnh ủy ") + short_name(u)
    if u["rank"] == "dist":
        if t == "Quận":
            return "Quận ủy " + short_name(u)
        if t == "Huyện":
            return "Huyện ủy " + short_name(u)
        if t == "Thị xã":
            return "Thị ủy " + short_name(u)
        return "Thành ủy " + short_name(u)
    return "Đảng ủy " + place_of(u)


def board_of(u, day):
    """the Ban Dân vận of a province or district (merged with the Ban Tuyên giáo at the province
    from 01/07/2025: body names are data with validity, see app_body_name)"""
    if u["rank"] == "prov":
        return ("Ban Tuyên giáo và Dân vận " if day >= REFORM else "Ban Dân vận ") + committee_of(u)
    return "Ban Dân vận " + committee_of(u)


def suffix_of(u, body, day):
    """the issuer part of a symbol: TU, QU, HU, ĐU; BDVTU, BDVQU, BDVHU; BTGDVTU from 01/07/2025"""
    if u["rank"] == "prov":
        s = "TU"
    elif u["rank"] == "dist":
        s = {"Quận": "QU", "Huyện": "HU"}.get(u["type"], "TU")
    else:
        s = "ĐU"
    if body != "ban_dan_van":
        return s
    return ("BTGDV" if (u["rank"] == "prov" and day >= REFORM) else "BDV") + s


def hamlet_of(rng, u):
    return ("thôn %d" if u["type"] == "Xã" else "tổ dân phố %d") % rng.randint(1, 18)


class World:
    """the units of both trees and what the records need of them"""

    def __init__(self, shared):
        vn = os.path.join(shared, "data", "vn-admin")
        u24 = read_csv(os.path.join(vn, "units-2024.csv"))
        u25 = read_csv(os.path.join(vn, "units-2025.csv"))
        self.mapping_all = read_csv(os.path.join(vn, "mapping-2024-2025.csv"))
        self.old31 = subtree(u24, "31")
        self.old30 = subtree(u24, "30")
        self.extra = [u for p in EXTRA_PROVINCES for u in subtree(u24, p)]
        keep = set()
        for p in EDITION_PROVINCES:
            keep |= {u["code"] for u in subtree(u25, p)}
        self.edition = [u for u in u25 if u["code"] in keep]  # the source's order: level, then code
        old = units_of_tree(self.old31 + self.old30, "old")
        new = units_of_tree(subtree(u25, "31"), "new")
        self.units = {"old": old, "new": new}
        self.by = {"old": {u.code: u for u in old}, "new": {u.code: u for u in new}}
        self.children = {}
        self._comms = {}
        for tree, us in self.units.items():
            for u in us:
                self.children[(tree, u.code)] = [c for c in us if c["parent_code"] == u.code]
        # the old units the demo holds: old 31 (units.csv), old 30, and units_extra.csv
        demo_old = {u["code"] for u in self.old31 + self.old30 + self.extra}
        self.mapping = [r for r in self.mapping_all if r["old_code"] in demo_old]
        # the new commune each old commune's records go to (the importer's default: same code,
        # else same name, else the first listed) and the old communes of each new one
        self.primary = {}
        self.sources = collections.defaultdict(list)
        new_name = {u["code"]: u["name"] for u in self.edition}
        for r in self.mapping:
            self.sources[r["new_code"]].append(r["old_code"])
        old_name = {u["code"]: u["name"] for u in u24}
        rows_of = collections.defaultdict(list)
        for r in self.mapping:
            rows_of[r["old_code"]].append(r["new_code"])
        for o, news in rows_of.items():
            pick = [n for n in news if n == o] or [n for n in news if new_name[n] == old_name[o]] or news[:1]
            self.primary[o] = pick[0]

    def communes_under(self, u):
        """the communes of u's subtree (u itself if a commune)"""
        key = (u["tree"], u.code)
        if key not in self._comms:
            if u["rank"] == "comm":
                self._comms[key] = [u]
            else:
                self._comms[key] = [c for s in self.under(u) for c in self.communes_under(s)]
        return self._comms[key]

    def level(self, tree, rank):
        return [u for u in self.units[tree] if u["rank"] == rank]

    def parent(self, u):
        return self.by[u["tree"]].get(u["parent_code"])

    def under(self, u):
        return self.children[(u["tree"], u.code)]

    def city_of(self, u):
        while u["parent_code"]:
            u = self.parent(u)
        return u


# ---------------------------------------------------------------- Biểu 5: dialogues
TYPES, CHAIRS = md.TYPES, md.CHAIRS
# who chairs, by type (weights over CHAIRS: cấp ủy, chính quyền, đồng chủ trì)
CHAIR_W = {"dinh_ky": (0.12, 0.13, 0.75), "chuyen_de": (0.22, 0.43, 0.35), "dot_xuat": (0.15, 0.75, 0.10)}
PERIODIC = {c: t.replace("năm 2023", "năm {y}") for c, t in md.PERIODIC_TITLES.items()}


class Topic:
    """what a dialogue is about: where it fits (u, r, a), in which half-years (None: any; else a
    window 'YYYY-MM-DD:YYYY-MM-DD'), the title's phrase, what the people raised, what was
    concluded, and the follow-ups (content, responsible: s the unit / b a unit under it, days to
    the due date, result when done, note while in progress)"""

    def __init__(self, key, where, win, phrase, issues, concl, followups, w=1.0):
        self.key, self.where, self.win, self.phrase = key, where, win, phrase
        self.issues, self.concl, self.followups, self.w = issues, concl, followups, w


TOPICS = [Topic("t%d" % i, t[0], None, t[1], t[2], t[3], md.FOLLOWUPS[i]) for i, t in enumerate(md.TOPICS)]
TOPICS += [
    Topic("yagi", "a", "2024-09-09:2024-12-20", "khắc phục hậu quả cơn bão số 3 (bão Yagi), hỗ trợ Nhân dân khôi phục "
          "sản xuất",
          "Nhân dân đề nghị sớm hỗ trợ kinh phí sửa chữa nhà ở, giống cây trồng và thu dọn cây xanh, khôi phục điện "
          "chiếu sáng bị đổ gãy sau bão.",
          "Giao cơ quan chuyên môn thống kê thiệt hại từng hộ, chi trả hỗ trợ đúng đối tượng và công khai danh sách tại "
          "khu dân cư.",
          [("Thống kê, công khai danh sách các hộ bị thiệt hại do cơn bão số 3", "s", 15,
            "Đã thống kê, niêm yết công khai danh sách tại nhà văn hóa khu dân cư", "Đang thống kê"),
           ("Chi trả kinh phí hỗ trợ sửa chữa nhà ở, khôi phục sản xuất cho các hộ bị thiệt hại", "s", 30,
            "Đã chi trả đủ cho các hộ trong danh sách", "Đã chi trả một phần, chờ nguồn kinh phí bổ sung"),
           ("Huy động lực lượng thu dọn cây đổ, khôi phục điện chiếu sáng tại khu dân cư", "b", 15,
            "Đã thu dọn xong, điện chiếu sáng hoạt động trở lại", "Đang thu dọn")], w=6.0),
    Topic("nhatam", "a", "2024-10-01:2025-12-15", "thực hiện chương trình xóa nhà tạm, nhà dột nát",
          "Ý kiến đề nghị công khai danh sách hộ được hỗ trợ xóa nhà tạm, nhà dột nát, mức hỗ trợ và tiến độ xây dựng.",
          "Thống nhất bình xét công khai tại khu dân cư, huy động nguồn lực xã hội hóa để hoàn thành trước thời hạn.",
          [("Bình xét, công khai danh sách hộ được hỗ trợ xóa nhà tạm, nhà dột nát", "s", 20,
            "Đã bình xét công khai tại hội nghị khu dân cư", "Đang bình xét"),
           ("Vận động doanh nghiệp, nhà hảo tâm ủng hộ kinh phí, ngày công xây nhà", "s", 45,
            "Đã vận động đủ kinh phí, các nhà đã được khởi công", "Đang vận động"),
           ("Bàn giao nhà mới cho các hộ trước thời hạn", "b", 90,
            "Đã bàn giao nhà cho các hộ", "Đang hoàn thiện nhà")], w=2.0),
    Topic("sapxep", "a", "2025-03-15:2025-06-27", "việc sắp xếp đơn vị hành chính cấp xã và tổ chức chính quyền địa "
          "phương hai cấp",
          "Nhân dân quan tâm tên gọi, vị trí trụ sở của xã, phường mới và việc giải quyết thủ tục hành chính sau khi "
          "sắp xếp.",
          "Tuyên truyền rõ chủ trương; người dân không phải đổi giấy tờ do thay đổi địa giới; bố trí điểm tiếp nhận hồ "
          "sơ tại trụ sở cũ trong thời gian chuyển tiếp.",
          [("Tuyên truyền chủ trương sắp xếp đơn vị hành chính đến từng khu dân cư", "s", 15,
            "Đã tuyên truyền tại hội nghị các khu dân cư và trên hệ thống truyền thanh", "Đang tuyên truyền"),
           ("Trả lời bằng văn bản các ý kiến về tên gọi, trụ sở của đơn vị hành chính mới", "s", 20,
            "Đã tổng hợp, trả lời các ý kiến", "Đang tổng hợp ý kiến"),
           ("Chuẩn bị bộ phận tiếp nhận hồ sơ tại trụ sở cũ trong thời gian chuyển tiếp", "b", 25,
            "Đã bố trí cán bộ tiếp nhận hồ sơ tại trụ sở cũ", "")], w=8.0),
    Topic("hcc", "a", "2025-07-10:2026-11-30", "hoạt động của Trung tâm phục vụ hành chính công sau sắp xếp",
          "Người dân phản ánh đường đến Trung tâm phục vụ hành chính công xa, một số thủ tục còn chậm do phần mềm mới "
          "chuyển đổi.",
          "Duy trì điểm tiếp nhận hồ sơ tại trụ sở cũ; tăng cường hỗ trợ nộp hồ sơ trực tuyến; công khai đường dây nóng "
          "tiếp nhận phản ánh.",
          [("Duy trì điểm tiếp nhận hồ sơ tại trụ sở cũ của các xã, phường trước sắp xếp", "s", 15,
            "Đã duy trì điểm tiếp nhận hồ sơ, bố trí cán bộ trực hằng ngày", ""),
           ("Bố trí tổ công nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực tuyến", "s", 30,
            "Tổ công nghệ số cộng đồng đã hỗ trợ người dân tại các khu dân cư", "Đang kiện toàn tổ công nghệ số"),
           ("Công khai số điện thoại đường dây nóng tiếp nhận phản ánh về thủ tục hành chính", "s", 10,
            "Đã công khai tại trung tâm và trên trang thông tin điện tử", "")], w=5.0),
    Topic("truso", "a", "2025-08-01:2026-11-30", "việc sử dụng trụ sở, tài sản công dôi dư sau sắp xếp",
          "Nhân dân đề nghị sử dụng các trụ sở cũ làm nhà văn hóa, điểm sinh hoạt cộng đồng, trạm y tế, tránh để xuống "
          "cấp, lãng phí.",
          "Giao rà soát, đề xuất phương án sử dụng từng trụ sở và lấy ý kiến Nhân dân trước khi quyết định.",
          [("Rà soát hiện trạng các trụ sở, tài sản công dôi dư sau sắp xếp", "s", 30,
            "Đã rà soát, lập danh mục từng trụ sở", "Đang rà soát"),
           ("Lấy ý kiến Nhân dân về phương án sử dụng trụ sở cũ", "s", 60,
            "Đã lấy ý kiến, thống nhất chuyển trụ sở cũ thành nhà văn hóa, điểm sinh hoạt cộng đồng",
            "Đang lấy ý kiến Nhân dân")], w=3.0),
]

# the provinces' own dialogues: type, chair, title, window (None: any day of the half), issues,
# conclusions, follow-ups
PROV_FOLLOWUPS = [
    ("Các sở, ngành nghiên cứu, trả lời bằng văn bản các kiến nghị tại hội nghị", "s", 30,
     "Các sở, ngành đã trả lời bằng văn bản; đã ban hành thông báo kết luận", "Đang tổng hợp văn bản trả lời"),
    ("Ban hành thông báo kết luận của người chủ trì hội nghị đối thoại", "s", 15, "Đã ban hành thông báo kết luận", ""),
    ("Rà soát, giải quyết các kiến nghị thuộc thẩm quyền của cấp xã", "b", 45,
     "Đã giải quyết các kiến nghị thuộc thẩm quyền", "Đang rà soát từng kiến nghị"),
]
PROV_DIALOGUES = [
    ("dinh_ky", "dong_chu_tri", "Hội nghị đối thoại định kỳ giữa người đứng đầu cấp ủy, chính quyền với Nhân dân {place} "
     "năm {y}", None,
     "Nhân dân kiến nghị về quản lý đất đai, trật tự xây dựng, môi trường và giải quyết thủ tục hành chính.",
     "Giao các sở, ngành và địa phương giải quyết dứt điểm các kiến nghị thuộc thẩm quyền, trả lời bằng văn bản."),
    ("chuyen_de", "dong_chu_tri", "Chương trình Thường trực {committee} gặp gỡ, đối thoại với đoàn viên, thanh niên "
     "năm {y}", "03-01:04-25",
     "Đoàn viên, thanh niên nêu kiến nghị về việc làm, khởi nghiệp, nhà ở xã hội và thiết chế văn hóa, thể thao.",
     "Giao các sở, ngành nghiên cứu, trả lời bằng văn bản; tổng hợp kiến nghị để ban hành thông báo kết luận."),
    ("chuyen_de", "dong_chu_tri", "Đối thoại với công nhân lao động nhân Tháng Công nhân năm {y}", "05-04:05-29",
     "Công nhân lao động kiến nghị về nhà ở xã hội, nhà trẻ cho con công nhân và việc đóng bảo hiểm xã hội.",
     "Giao các cơ quan rà soát quỹ đất nhà ở xã hội, tăng cường kiểm tra việc chấp hành pháp luật lao động."),
    ("chuyen_de", "chinh_quyen", "Đối thoại với doanh nghiệp, nhà đầu tư về tháo gỡ khó khăn trong sản xuất, kinh "
     "doanh năm {y}", "08-01:10-15",
     "Doanh nghiệp kiến nghị rút ngắn thời gian thủ tục đầu tư, đất đai và hoàn thuế giá trị gia tăng.",
     "Giao các sở, ngành giải quyết kiến nghị trong 15 ngày, công khai kết quả trên cổng thông tin điện tử."),
    ("chuyen_de", "cap_uy", "Đối thoại với hội viên nông dân về phát triển nông nghiệp, xây dựng nông thôn mới năm {y}",
     "09-15:11-28",
     "Hội viên nông dân kiến nghị về vốn vay, liên kết tiêu thụ nông sản và hạ tầng thủy lợi nội đồng.",
     "Giao các cơ quan chuyên môn hướng dẫn liên kết sản xuất, ưu tiên vốn vay cho hộ sản xuất giỏi."),
    ("chuyen_de", "dong_chu_tri", "Đối thoại với hội viên phụ nữ về chăm lo phụ nữ, trẻ em có hoàn cảnh khó khăn năm {y}",
     "10-01:10-30",
     "Hội viên phụ nữ kiến nghị về hỗ trợ sinh kế, phòng, chống bạo lực gia đình và điểm trông trẻ.",
     "Giao Hội Liên hiệp Phụ nữ phối hợp các sở, ngành xây dựng kế hoạch hỗ trợ, báo cáo kết quả cuối năm."),
    ("dot_xuat", "chinh_quyen", "Đối thoại đột xuất với Nhân dân về công tác giải phóng mặt bằng dự án trọng điểm", None,
     "Các hộ dân trong phạm vi dự án kiến nghị về giá bồi thường, hỗ trợ và thời gian bàn giao đất tái định cư.",
     "Giao địa phương nơi có dự án rà soát từng trường hợp, trả lời Nhân dân trước khi tổ chức cưỡng chế."),
    ("dot_xuat", "chinh_quyen", "Đối thoại đột xuất với Nhân dân bị ảnh hưởng nặng bởi cơn bão số 3 (bão Yagi)",
     "2024-09-10:2024-10-25",
     "Nhân dân đề nghị hỗ trợ sửa chữa nhà ở, khôi phục sản xuất nông nghiệp, nuôi trồng thủy sản sau bão.",
     "Giao các sở, ngành và địa phương chi trả hỗ trợ trong tháng, ưu tiên hộ nghèo, hộ có hoàn cảnh khó khăn."),
    ("dot_xuat", "chinh_quyen", "Đối thoại đột xuất với Nhân dân về ô nhiễm môi trường tại khu vực giáp ranh khu công "
     "nghiệp", None,
     "Nhân dân phản ánh mùi hôi và nước thải ảnh hưởng đến khu dân cư, đề nghị kiểm tra các doanh nghiệp xả thải.",
     "Giao cơ quan chuyên môn kiểm tra, quan trắc, xử lý vi phạm và báo cáo kết quả trong 15 ngày."),
    ("chuyen_de", "dong_chu_tri", "Đối thoại với cán bộ, công chức và Nhân dân về sắp xếp đơn vị hành chính cấp xã",
     "2025-04-01:2025-06-20",
     "Cán bộ, công chức và Nhân dân quan tâm việc bố trí cán bộ, trụ sở và giải quyết thủ tục hành chính sau sắp xếp.",
     "Bảo đảm chính quyền địa phương hai cấp vận hành thông suốt từ ngày 01/7/2025, không để gián đoạn phục vụ Nhân dân."),
    ("chuyen_de", "dong_chu_tri", "Đối thoại với Nhân dân về vận hành mô hình chính quyền địa phương hai cấp",
     "2025-08-15:2025-12-19",
     "Nhân dân phản ánh một số thủ tục còn chậm, đường đến trung tâm phục vụ hành chính công xa.",
     "Giao Ủy ban nhân dân các xã, phường duy trì điểm tiếp nhận hồ sơ tại trụ sở cũ, tăng cường hỗ trợ trực tuyến."),
]
DIALOGUE_KEY = {}  # the conclusions text of a dialogue -> its follow-ups (for the conclusions)
for _t in TOPICS:
    DIALOGUE_KEY[_t.concl] = _t.followups
for _d in PROV_DIALOGUES:
    DIALOGUE_KEY[_d[5]] = PROV_FOLLOWUPS

PEOPLE = {"prov": (150, 350), "dist": (60, 250), ("comm", "old"): (20, 150), ("comm", "new"): (40, 220)}


def periodic_share(half, rank):
    """the share of units holding their yearly định kỳ dialogue in this half (each unit holds one a
    year; the old units before their dissolution, the new ones from their first months)"""
    hid = half[0]
    return {"2024S1": 0.5, "2024S2": 1.0, "2025S1": 0.88, "2025S2": 0.72, "2026S1": 0.62, "2026S2": 1.0}[hid]


def draw_count(rng, weights):
    return rng.weighted(list(weights))


EXTRA_COUNTS = {  # chuyên đề, đột xuất dialogues a unit holds in a half: weights of 0, 1, 2, 3
    ("dist", "chuyen_de"): (0.3, 0.45, 0.25), ("dist", "dot_xuat"): (0.4, 0.4, 0.2),
    ("comm", "old", "chuyen_de"): (0.82, 0.16, 0.02), ("comm", "old", "dot_xuat"): (0.78, 0.19, 0.03),
    ("comm", "new", "chuyen_de"): (0.2, 0.4, 0.3, 0.1), ("comm", "new", "dot_xuat"): (0.4, 0.4, 0.2),
}


def topic_for(rng, u, half, types_seen=None):
    opts = [t for t in TOPICS if t.where in ("a", where_of(u)) and (t.win is None or window(t.win, half))]
    return opts[rng.weighted([t.w for t in opts])]


def dialogues(world, rng_of):
    """per half-year: the provinces' own dialogues from PROV_DIALOGUES; each district and commune
    its yearly định kỳ dialogue (in one of the halves) and a few chuyên đề and đột xuất ones; in
    2026 all but two communes hold their định kỳ dialogue by 30/11 (the plan's target is 100%)"""
    out = {"old": [], "new": []}
    used = set()
    done_year = set()  # (tree, unit, year) that held their định kỳ dialogue
    skip_2026 = None
    for hi, half in enumerate(HALVES):
        hid, first, last, tree = half
        rng = rng_of(hi)
        y = first.year
        days = workdays(first, last)
        rows = out[tree]

        def add(u, typ, chair, title, issues, concl, day_opts, people):
            for _ in range(40):
                day = rng.choice(day_opts)
                if (day, u.code) not in used:
                    break
            else:
                return
            used.add((day, u.code))
            rows.append((day.isoformat(), u.code, typ, chair, title, rng.randint(*people), issues, concl))

        for p in world.level(tree, "prov"):
            ctx = {"place": place_of(p), "committee": committee_of(p), "y": y}
            opts = [d for d in PROV_DIALOGUES if window(d[3], half)]
            periodic = [d for d in opts if d[0] == "dinh_ky"]
            others = [d for d in opts if d[0] != "dinh_ky"]
            # the yearly định kỳ dialogue: the city in the first half, Hải Dương in the second
            if (p.code == CITY) == hid.endswith("S1") or (hid == "2025S1" and p.code == "30"):
                pick = periodic[:1]
            else:
                pick = []
            rng.shuffle(others)
            pick += others[:rng.randint(3, 5)]
            for typ, chair, title, win, issues, concl in pick:
                add(p, typ, chair, title.format(**ctx), issues, concl, window(win, half), PEOPLE["prov"])
        if hid == "2026S1":  # two communes that will not have held one by 30/11/2026
            comms = [u.code for u in world.level("new", "comm")]
            skip_2026 = set(md.rng_sample(rng, comms, 2))
        for rank in ("dist", "comm"):
            for u in world.level(tree, rank):
                key = (rank,) if rank == "dist" else (rank, tree)
                people = PEOPLE["dist"] if rank == "dist" else PEOPLE[("comm", tree)]
                place = place_of(u)
                share = periodic_share(half, rank)
                if (tree, u.code, y) not in done_year and not (y == 2026 and u.code in (skip_2026 or ())) \
                        and rng.random() < share:
                    done_year.add((tree, u.code, y))
                    chair = CHAIRS[rng.weighted(CHAIR_W["dinh_ky"])]
                    t = topic_for(rng, u, half)
                    add(u, "dinh_ky", chair, PERIODIC[chair].format(place=place, y=y), t.issues, t.concl, days, people)
                for typ, tmpl in (("chuyen_de", md.THEMED_TITLE), ("dot_xuat", md.SUDDEN_TITLE)):
                    for _ in range(draw_count(rng, EXTRA_COUNTS[key + (typ,)])):
                        t = topic_for(rng, u, half)
                        chair = CHAIRS[rng.weighted(CHAIR_W[typ])]
                        add(u, typ, chair, tmpl.format(place=place, topic=t.phrase), t.issues, t.concl,
                            window(t.win, half) if t.win else days, people)
    for rows in out.values():
        rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return out


def due_after(day, days, cap=None):
    d = day + datetime.timedelta(days=days)
    if cap and d > cap:
        d = cap
    while not workday(d):
        d -= datetime.timedelta(days=1)
    return d


def conclusions(world, dl, rng_of):
    """the chairs' conclusions of about a third of the dialogues, 1-3 each, from the follow-ups of
    the dialogue's topic. A record is dated by its due date, so the old units' conclusions fall due
    by 30/06/2025 (the units ended then); their state is that of 30/06/2025, the new ones' of
    30/11/2026"""
    out = {}
    for ti, tree in enumerate(("old", "new")):
        rng = rng_of(ti)
        rows = []
        as_of = REFORM - datetime.timedelta(days=1) if tree == "old" else AS_OF
        for d in dl[tree]:
            day = D.fromisoformat(d[0])
            u = world.by[tree][d[1]]
            if rng.random() >= (0.5 if u["rank"] != "comm" else 0.3):
                continue
            items = DIALOGUE_KEY[d[7]]
            n = min(len(items), 1 + rng.weighted([0.35, 0.45, 0.2]))
            subs = world.under(u)
            for j in sorted(md.rng_sample(rng, list(range(len(items))), n)):
                content, who, days, done_text, progress = items[j]
                due = due_after(day, days, cap=as_of if tree == "old" else None)
                if due < day + datetime.timedelta(days=3):
                    continue
                resp = u.code if who == "s" or not subs else rng.choice(subs).code
                r = rng.random()
                if due <= as_of:
                    status = "done" if r < 0.8 else "in_progress" if r < 0.93 else "open"
                else:
                    status = "done" if r < 0.3 else "in_progress" if r < 0.8 else "open"
                done = result = ""
                if status == "done":
                    hi = min(due, as_of)
                    lo = min(hi, day + datetime.timedelta(days=3))
                    if due < as_of - datetime.timedelta(days=5) and rng.random() < 0.12:  # late
                        lo, hi = due + datetime.timedelta(days=1), min(as_of, due + datetime.timedelta(days=30))
                    opts = workdays(lo, hi) or [hi]
                    done = rng.choice(opts).isoformat()
                    result = done_text
                elif status == "in_progress":
                    result = progress or "Đang triển khai thực hiện"
                rows.append((d[0], d[1], content, resp, due.isoformat(), status, done, result))
        out[tree] = rows
    return out


# ---------------------------------------------------------------- Biểu 1, 2, 4: documents
KIND_CODES = md.KIND_CODES  # as written in the symbol (QĐ) -> the register's code (QD)
KIND_NAME = md.KIND_NAME
# windows that move with the lunar calendar: Tết, Phật đản, Lễ Phục sinh; Giáng sinh
MOVING = {
    "TET": {2024: "2024-01-15:2024-02-07", 2025: "2025-01-02:2025-01-24", 2026: "2026-01-19:2026-02-13"},
    "PD": {2024: "2024-04-22:2024-05-17", 2025: "2025-04-10:2025-05-09", 2026: "2026-04-28:2026-05-26"},
    "PS": {2024: "2024-03-04:2024-03-28", 2025: "2025-03-24:2025-04-17", 2026: "2026-03-09:2026-04-02"},
    "XMAS": {y: "%d-11-10:%d-12-18" % (y, y) for y in (2024, 2025, 2026)},
}
TET = {2024: "Giáp Thìn 2024", 2025: "Ất Tỵ 2025", 2026: "Bính Ngọ 2026"}
PL = {2024: "Phật lịch 2568 - Dương lịch 2024", 2025: "Phật lịch 2569 - Dương lịch 2025",
      "2026": None, 2026: "Phật lịch 2570 - Dương lịch 2026"}


def resolve(win, year):
    return MOVING[win][year] if win in MOVING else win


class T:
    """a document template: kind as written (QĐ), fields (';'), summary with {y} (the year), {y1}
    (the next), {place}, {org} (the issuing committee), {tet}, {pl}; win: None, 'MM-DD:MM-DD',
    'YYYY-MM-DD:YYYY-MM-DD' or TET, PD, PS, XMAS; tree: o(ld), n(ew) or on; where: a, u, r"""

    def __init__(self, kind, fields, text, win=None, tree="on", where="a", w=1.0):
        assert kind in KIND_NAME and text.startswith(KIND_NAME[kind] + " "), text
        self.kind, self.fields, self.text, self.win, self.tree, self.where, self.w = kind, fields, text, win, tree, where, w

    def days(self, half):
        return window(resolve(self.win, half[1].year), half)

    def fits(self, half, u):
        return half[3][0] in self.tree and self.where in ("a", where_of(u)) and self.days(half)


YEARLY_PLAN = "Kế hoạch về công tác dân vận năm {y}"  # every unit's, implementing the one above

PROV_DOCS = [
    T("NQ", "khac", "Nghị quyết về mục tiêu, nhiệm vụ, giải pháp năm {y}", "01-02:01-19", "o"),
    T("CTr", "khac", "Chương trình công tác năm {y} của Ban Chấp hành, Ban Thường vụ {org}", "01-02:02-28", "o"),
    T("KH", "khac", YEARLY_PLAN, "01-08:02-28", "o"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân "
      "dân năm {y}", "01-15:03-31", "o"),
    T("KH", "khac", "Kế hoạch về đẩy mạnh phong trào thi đua “Dân vận khéo” năm {y}", "01-15:03-31"),
    T("BC", "khac", "Báo cáo sơ kết công tác dân vận 6 tháng đầu năm, phương hướng, nhiệm vụ 6 tháng cuối năm {y}",
      "06-10:06-26"),
    T("TB", "khac", "Thông báo kết luận của Ban Thường vụ {org} về kết quả công tác dân vận 6 tháng đầu năm {y}",
      "07-06:07-31"),
    T("BC", "khac", "Báo cáo kết quả công tác dân vận 9 tháng đầu năm {y}", "09-20:10-10"),
    T("BC", "khac", "Báo cáo tổng kết công tác dân vận năm {y}, phương hướng, nhiệm vụ năm {y1}", "11-25:12-22"),
    T("KL", "khac", "Kết luận của Ban Thường vụ {org} về tăng cường công tác dân vận trong tình hình mới", None, "o",
      w=0.5),
    T("QĐ", "khac", "Quyết định về việc thành lập Đoàn kiểm tra việc thực hiện công tác dân vận tại một số cấp ủy trực "
      "thuộc", "02-15:11-20"),
    T("TB", "mttq_ctxh", "Thông báo kết luận của Thường trực {org} tại buổi gặp gỡ, đối thoại với đoàn viên, thanh niên "
      "năm {y}", "04-01:05-29"),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các tổ chức tôn giáo, chức sắc nhân dịp Tết Nguyên đán {tet}",
      "TET"),
    T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng Đại lễ Phật đản {pl}", "PD", w=0.7),
    T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng Lễ Giáng sinh năm {y}", "XMAS", w=0.7),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức kỷ niệm 94 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - "
      "15/10/2024) và 25 năm Ngày “Dân vận” của cả nước (15/10/1999 - 15/10/2024)", "2024-08-01:2024-09-30", "o"),
    T("CT", "dan_van_chinh_quyen", "Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác khắc phục hậu quả cơn "
      "bão số 3, ổn định đời sống Nhân dân", "2024-09-09:2024-09-27", "o", w=3.0),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về huy động nguồn lực thực hiện xóa nhà tạm, nhà dột nát trên địa bàn "
      "{place}", "2024-10-10:2024-12-20", "o", w=2.0),
    T("KH", "khac", "Kế hoạch về công tác dân vận trong thực hiện sắp xếp tổ chức bộ máy của hệ thống chính trị",
      "2025-01-06:2025-03-14", "o", w=3.0),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc nắm tình hình tư tưởng, dư luận của cán bộ, đảng viên và Nhân dân "
      "về sắp xếp đơn vị hành chính", "2025-03-17:2025-06-20", "o", w=3.0),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tuyên truyền, lấy ý kiến Nhân dân về đề án sắp xếp đơn vị hành chính "
      "cấp xã", "2025-04-01:2025-04-18", "o", w=3.0),
    T("BC", "dan_van_chinh_quyen", "Báo cáo kết quả lấy ý kiến cử tri về đề án sắp xếp đơn vị hành chính cấp xã",
      "2025-04-21:2025-05-09", "o", w=3.0),
    # the new city (from 01/07/2025)
    T("NQ", "khac", "Nghị quyết về lãnh đạo thực hiện nhiệm vụ chính trị 6 tháng cuối năm 2025 sau hợp nhất thành phố "
      "Hải Phòng và tỉnh Hải Dương", "2025-07-01:2025-07-18", "n", w=5.0),
    T("QĐ", "khac", "Quyết định về việc ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố",
      "2025-07-01:2025-07-31", "n", w=5.0),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về công tác dân vận bảo đảm vận hành thông suốt chính quyền địa phương hai "
      "cấp", "2025-07-01:2025-07-25", "n", w=5.0),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc nắm tình hình Nhân dân sau khi thực hiện chính quyền địa phương hai "
      "cấp", "2025-07-07:2025-09-30", "n", w=3.0),
    T("KH", "khac", "Kế hoạch về tuyên truyền Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025 - 2030",
      "2025-07-10:2025-09-12", "n", w=3.0),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức kỷ niệm 95 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - "
      "15/10/2025) và 26 năm Ngày “Dân vận” của cả nước", "2025-08-15:2025-09-30", "n", w=3.0),
    T("CT", "dan_van_chinh_quyen", "Chỉ thị về tăng cường công tác dân vận chính quyền, nâng cao chất lượng phục vụ Nhân "
      "dân của Trung tâm phục vụ hành chính công các xã, phường, đặc khu", "2025-09-01:2025-12-19", "n", w=2.0),
    T("CTr", "khac", "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025 - "
      "2030", "2025-11-03:2025-12-19", "n", w=3.0),
    T("TB", "khac", "Thông báo kết luận của Thường trực {org} về tình hình hoạt động của chính quyền địa phương hai cấp",
      "2025-08-01:2026-06-26", "n"),
    T("NQ", "khac", "Nghị quyết về mục tiêu, nhiệm vụ, giải pháp năm {y}", "2026-01-05:2026-01-16", "n", w=5.0),
    T("KH", "khac", YEARLY_PLAN, "2026-01-19:2026-02-06", "n", w=50.0),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân "
      "dân năm {y}", "2026-02-23:2026-03-31", "n", w=5.0),
    T("KH", "mttq_ctxh", "Kế hoạch về công tác dân vận phục vụ cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội "
      "đồng nhân dân các cấp nhiệm kỳ 2026 - 2031", "2026-01-05:2026-02-06", "n", w=5.0),
    T("KH", "khac", "Kế hoạch về học tập, quán triệt, tuyên truyền Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV "
      "của Đảng", "2026-02-23:2026-03-31", "n", w=5.0),
    T("QĐ", "khac", "Quyết định về việc ban hành Quy chế công tác dân vận của hệ thống chính trị thành phố",
      "2026-03-02:2026-06-26", "n", w=3.0),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức kỷ niệm 96 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - "
      "15/10/2026)", "2026-08-17:2026-09-30", "n", w=3.0),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc đôn đốc tổ chức đối thoại định kỳ của người đứng đầu cấp ủy, chính "
      "quyền các xã, phường, đặc khu năm {y}", "2026-09-01:2026-11-20", "n", w=3.0),
]

# the Ban Dân vận (Ban Tuyên giáo và Dân vận from 01/07/2025) of a province, and of a district
# before the reform: one field each
BOARD_DOCS = {
    "dan_toc": [
        T("KH", "dan_toc", "Kế hoạch về thăm, tặng quà người dân tộc thiểu số có hoàn cảnh khó khăn nhân dịp Tết "
          "Nguyên đán {tet}", "TET"),
        T("CV", "dan_toc", "Công văn về việc rà soát người dân tộc thiểu số sinh sống, làm việc trên địa bàn {place}"),
        T("BC", "dan_toc", "Báo cáo kết quả thực hiện công tác dân tộc năm {y}", "11-16:12-20"),
    ],
    "ton_giao": [
        T("CV", "ton_giao", "Công văn về việc nắm tình hình tôn giáo dịp Tết Nguyên đán {tet}", "TET"),
        T("HD", "ton_giao", "Hướng dẫn thăm, chúc mừng các tổ chức tôn giáo nhân dịp Lễ Phục sinh và Đại lễ Phật đản năm "
          "{y}", "PS"),
        T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng Đại lễ Phật đản {pl}", "PD"),
        T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng Lễ Giáng sinh năm {y}", "XMAS"),
        T("CV", "ton_giao", "Công văn về việc đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho các cơ sở tôn giáo"),
        T("CV", "ton_giao", "Công văn về việc nắm tình hình hoạt động của các cơ sở tôn giáo, nhóm sinh hoạt tôn giáo "
          "tập trung"),
        T("BC", "ton_giao", "Báo cáo tình hình tôn giáo và công tác tôn giáo 6 tháng đầu năm {y}", "06-08:06-26"),
        T("CV", "ton_giao", "Công văn về việc bàn giao hồ sơ quản lý cơ sở tôn giáo cho các xã, phường mới",
          "2025-06-02:2025-06-27", "o", w=4.0),
        T("HD", "ton_giao", "Hướng dẫn công tác tôn giáo của các đảng ủy xã, phường, đặc khu sau sắp xếp",
          "2025-07-07:2025-10-31", "n", w=4.0),
    ],
    "dan_van_chinh_quyen": [
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân "
          "năm {y}", "01-08:03-31"),
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn xây dựng mô hình “Dân vận khéo” trong lĩnh vực cải cách hành chính năm "
          "{y}", "01-08:04-30"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc đôn đốc thực hiện Luật Thực hiện dân chủ ở cơ sở"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc nắm tình hình dư luận Nhân dân trong công tác giải phóng mặt "
          "bằng"),
        T("BC", "dan_van_chinh_quyen", "Báo cáo kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm {y}", "06-08:06-26"),
        T("BC", "dan_van_chinh_quyen", "Báo cáo sơ kết 01 năm thi hành Luật Thực hiện dân chủ ở cơ sở",
          "2024-06-03:2024-07-31", "o", w=3.0),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc tổng hợp kết quả đối thoại của người đứng đầu cấp ủy, chính "
          "quyền với Nhân dân năm {y}", "11-02:12-18"),
        T("CV", "dan_van_chinh_quyen", "Công văn về việc vận động Nhân dân khắc phục hậu quả cơn bão số 3",
          "2024-09-09:2024-09-30", "o", w=4.0),
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn công tác dân vận trong sắp xếp đơn vị hành chính cấp xã",
          "2025-03-17:2025-05-30", "o", w=4.0),
        T("HD", "dan_van_chinh_quyen", "Hướng dẫn khối dân vận các xã, phường, đặc khu nắm tình hình Nhân dân sau sắp xếp",
          "2025-07-07:2025-09-30", "n", w=4.0),
        T("KH", "dan_van_chinh_quyen", "Kế hoạch về khảo sát hoạt động của Trung tâm phục vụ hành chính công các xã, "
          "phường", "2025-09-01:2026-06-26", "n", w=2.0),
    ],
    "mttq_ctxh": [
        T("HD", "mttq_ctxh", "Hướng dẫn tổ chức Tháng Thanh niên năm {y}", "02-19:03-06"),
        T("HD", "mttq_ctxh", "Hướng dẫn tổ chức Tháng Công nhân năm {y}", "04-01:04-28"),
        T("KH", "mttq_ctxh", "Kế hoạch về phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thực hiện "
          "chương trình giám sát, phản biện xã hội năm {y}", "02-01:05-29"),
        T("CV", "mttq_ctxh", "Công văn về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {y}", "10-01:11-13"),
        T("BC", "mttq_ctxh", "Báo cáo kết quả hoạt động giám sát, phản biện xã hội của Mặt trận Tổ quốc và các tổ chức "
          "chính trị - xã hội năm {y}", "11-16:12-20"),
        T("CV", "mttq_ctxh", "Công văn về việc vận động ủng hộ Nhân dân bị thiệt hại do cơn bão số 3",
          "2024-09-09:2024-10-18", "o", w=4.0),
        T("HD", "mttq_ctxh", "Hướng dẫn kiện toàn tổ chức Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội cấp xã sau "
          "sắp xếp", "2025-07-01:2025-09-30", "n", w=4.0),
        T("HD", "mttq_ctxh", "Hướng dẫn công tác dân vận phục vụ bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng "
          "nhân dân các cấp nhiệm kỳ 2026 - 2031", "2026-01-05:2026-02-27", "n", w=4.0),
    ],
}
BOARD_COUNTS = {("prov", "old"): {"dan_toc": 1, "ton_giao": 3, "dan_van_chinh_quyen": 4, "mttq_ctxh": 3},
                ("prov", "new"): {"dan_toc": 1, "ton_giao": 3, "dan_van_chinh_quyen": 4, "mttq_ctxh": 4},
                ("dist", "old"): {"dan_toc": 0, "ton_giao": 1, "dan_van_chinh_quyen": 2, "mttq_ctxh": 1}}

# the district committees (before the reform)
DIST_DOCS = [
    T("NQ", "khac", "Nghị quyết về mục tiêu, nhiệm vụ, giải pháp năm {y}", "01-02:01-26"),
    T("CTr", "khac", "Chương trình kiểm tra, giám sát của Ban Chấp hành {org} năm {y}", "01-02:02-28"),
    T("BC", "khac", "Báo cáo kết quả công tác dân vận 6 tháng đầu năm, phương hướng, nhiệm vụ 6 tháng cuối năm {y}",
      "06-10:06-26"),
    T("BC", "khac", "Báo cáo tổng kết công tác dân vận năm {y}", "11-25:12-20"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân "
      "năm {y}", "01-15:04-26"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tiếp công dân của Bí thư {org} năm {y}", "01-02:01-31"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc tăng cường công tác tiếp công dân, giải quyết khiếu nại, tố cáo, "
      "kiến nghị, phản ánh của Nhân dân"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc làm tốt công tác dân vận trong giải phóng mặt bằng các dự án trên "
      "địa bàn {place}"),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các cơ sở tôn giáo nhân dịp Tết Nguyên đán {tet}", "TET"),
    T("KH", "ton_giao", "Kế hoạch về thăm, chúc mừng Đại lễ Phật đản {pl}", "PD"),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức Tháng Công nhân năm {y}", "04-01:04-28", where="u"),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm {y}", "10-01:11-13"),
    T("KH", "khac", "Kế hoạch về đẩy mạnh phong trào thi đua “Dân vận khéo” năm {y}", "01-15:03-31"),
    T("QĐ", "khac", "Quyết định về việc thành lập Đoàn giám sát việc thực hiện công tác dân vận tại một số tổ chức cơ sở "
      "đảng", "02-15:11-20"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc vận động Nhân dân khắc phục hậu quả cơn bão số 3",
      "2024-09-09:2024-09-30", w=5.0),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về thực hiện xóa nhà tạm, nhà dột nát trên địa bàn {place}",
      "2024-10-14:2024-12-20", w=3.0),
    T("KH", "khac", "Kế hoạch về tổ chức đại hội đảng bộ cơ sở nhiệm kỳ 2025 - 2030", "2024-07-15:2024-12-20"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tuyên truyền, vận động Nhân dân đồng thuận với việc sắp xếp đơn vị "
      "hành chính cấp xã", "2025-03-17:2025-04-25", w=5.0),
    T("BC", "khac", "Báo cáo tổng kết hoạt động của {org} trước khi kết thúc hoạt động cấp huyện",
      "2025-06-02:2025-06-27", w=5.0),
]

# the commune committees (đảng ủy xã, phường, thị trấn; from 01/07/2025 xã, phường, đặc khu)
COMM_DOCS = [
    T("NQ", "khac", "Nghị quyết về lãnh đạo thực hiện nhiệm vụ chính trị năm {y}", "01-02:02-06"),
    T("KH", "khac", "Kế hoạch về xây dựng mô hình “Dân vận khéo” năm {y}", "01-15:04-28"),
    T("BC", "khac", "Báo cáo kết quả công tác dân vận 6 tháng đầu năm {y}", "06-05:06-26"),
    T("BC", "khac", "Báo cáo kết quả công tác dân vận năm {y}", "11-16:12-18"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với "
      "Nhân dân năm {y}", "01-15:05-29"),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về thực hiện dân chủ ở cơ sở năm {y}", "01-15:03-31"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc vận động Nhân dân hiến đất, góp công xây dựng đường giao thông "
      "nông thôn", where="r"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc vận động Nhân dân chấp hành quy định về trật tự đô thị, vệ sinh môi "
      "trường", where="u"),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các cơ sở tôn giáo nhân dịp Tết Nguyên đán {tet}", "TET"),
    T("CV", "ton_giao", "Công văn về việc thăm, chúc mừng các chùa nhân dịp Đại lễ Phật đản {pl}", "PD"),
    T("KH", "mttq_ctxh", "Kế hoạch về tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm {y}", "10-01:11-13"),
    T("KH", "mttq_ctxh", "Kế hoạch về thực hiện Tháng Nhân đạo năm {y}", "05-04:05-29"),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc vận động Nhân dân khắc phục hậu quả cơn bão số 3",
      "2024-09-09:2024-09-30", "o", w=5.0),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc rà soát hộ có nhà tạm, nhà dột nát trên địa bàn",
      "2024-10-14:2025-03-28", "o", w=2.0),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về tuyên truyền, lấy ý kiến cử tri về đề án sắp xếp đơn vị hành chính cấp xã",
      "2025-04-01:2025-04-18", "o", w=5.0),
    # the new communes
    T("NQ", "khac", "Nghị quyết về lãnh đạo thực hiện nhiệm vụ chính trị 6 tháng cuối năm 2025", "2025-07-01:2025-07-25",
      "n", w=4.0),
    T("QĐ", "khac", "Quyết định về việc ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ {place} nhiệm kỳ 2025 - 2030",
      "2025-07-01:2025-08-29", "n", w=3.0),
    T("KH", "khac", "Kế hoạch về tuyên truyền Đại hội đại biểu Đảng bộ {place} lần thứ I, nhiệm kỳ 2025 - 2030",
      "2025-07-01:2025-07-31", "n", w=3.0),
    T("CV", "dan_van_chinh_quyen", "Công văn về việc duy trì điểm tiếp nhận hồ sơ hành chính tại trụ sở cũ các xã, "
      "phường trước sắp xếp", "2025-07-01:2025-09-30", "n", w=2.0),
    T("KH", "dan_van_chinh_quyen", "Kế hoạch về kiện toàn tổ công nghệ số cộng đồng ở các thôn, tổ dân phố",
      "2025-07-14:2026-06-26", "n"),
    T("KH", "mttq_ctxh", "Kế hoạch về công tác dân vận phục vụ bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng "
      "nhân dân các cấp nhiệm kỳ 2026 - 2031", "2026-01-05:2026-02-13", "n", w=3.0),
    T("KH", "khac", "Kế hoạch về học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
      "2026-03-02:2026-04-24", "n", w=2.0),
]
COMM_COUNTS = {"old": (0.55, 0.4, 0.05), "new": (0.1, 0.3, 0.4, 0.2)}  # weights of 0, 1, 2, 3 documents a half

# first numbers in 2024 of an issuer without 2023 documents (the term 2020-2025 runs on), the
# largest step between two of ours; the new committees (from 01/07/2025) begin at 1
NUMBERING = {
    "prov": {"NQ": (20, 40, 2), "CT": (25, 40, 2), "KL": (700, 900, 8), "QĐ": (1800, 2400, 20), "KH": (300, 420, 6),
             "CTr": (55, 70, 2), "BC": (500, 700, 8), "TB": (1600, 2000, 12), "TT": (9, 14, 2), "HD": (8, 14, 2),
             "CV": (1200, 1500, 15), "ĐA": (8, 14, 2)},
    "dist": {k: (int(a * 1.4), int(b * 1.4), s) for k, (a, b, s) in md.NUMBERING["district"].items()},
    "comm": {k: (int(a * 1.4), int(b * 1.4), s) for k, (a, b, s) in md.NUMBERING["commune"].items()},
    "board": {"HD": (40, 70, 2), "CV": (700, 900, 8), "KH": (120, 160, 3), "BC": (450, 600, 6), "TB": (40, 80, 3)},
}


class Numbers:
    """the running numbers of each issuer's documents, per kind: after its 2023 numbers (old Hải
    Phòng), else from NUMBERING; a committee of the new tree starts again at 1. A symbol of 2023
    is never given again."""

    def __init__(self, prior_rows):
        self.last = {}
        self.prior = collections.defaultdict(int)
        self.taken = set()
        for r in prior_rows:
            n, rest = r["symbol"].split("-", 1)
            kind, suffix = rest.split("/")
            key = (r["unit"], "old", suffix, kind)
            self.prior[key] = max(self.prior[key], int(n))
            self.taken.add((r["unit"], int(n), rest))

    def assign(self, rng, u, docs, scheme, suffix):
        for d in sorted(docs, key=lambda x: (x["date"], x["kind"], x["summary"])):
            kind = d["kind"]
            key = (u.code, u["tree"], suffix, kind)
            lo, hi, step = NUMBERING[scheme].get(kind, (5, 30, 2))
            if u["tree"] == "new" and scheme in ("prov", "board"):
                step *= 3  # the register holds the committee's dân vận documents only: the others lie between
            if key not in self.last:
                if u["tree"] == "new":
                    n = rng.randint(1, 3) if scheme == "comm" else rng.randint(2, 10)
                elif self.prior.get(key):
                    n = self.prior[key] + rng.randint(4, 30)
                else:
                    n = rng.randint(lo, hi)
            else:
                n = self.last[key] + rng.randint(1, step)
            while (u.code, n, kind + "/" + suffix) in self.taken:
                n += 1
            self.taken.add((u.code, n, kind + "/" + suffix))
            self.last[key] = n
            d["number"] = n
            d["symbol"] = "%d-%s/%s" % (n, kind, suffix)


def ctx_of(u, half):
    y = half[1].year
    return {"y": y, "y1": y + 1, "place": place_of(u), "org": committee_of(u), "tet": TET.get(y, ""),
            "pl": PL.get(y, "")}


def pick_docs(rng, u, templates, n, half, forced=()):
    """n documents of templates fitting the half and the unit (each at most once), plus the
    forced ones; dicts with kind, date, summary, fields"""
    opts = [t for t in templates if t.fits(half, u)]
    out = []
    ctx = ctx_of(u, half)
    chosen = list(forced)
    rest = [t for t in opts if t not in chosen]
    while rest and len(chosen) < n + len(forced):
        t = rest[rng.weighted([x.w for x in rest])]
        rest.remove(t)
        chosen.append(t)
    for t in chosen:
        out.append({"kind": t.kind, "date": rng.choice(t.days(half)), "summary": t.text.format(**ctx),
                    "fields": t.fields})
    return out


def implementing(upper, issuer, about, kind="KH"):
    """'Kế hoạch thực hiện Kế hoạch số 12-KH/TU, ngày 23/01/2026 của Ban Thường vụ Thành ủy Hải Phòng về ...'"""
    lead = "Công văn về việc thực hiện" if kind == "CV" else KIND_NAME[kind] + " thực hiện"
    return "%s %s số %s, ngày %s của %s %s" % (lead, KIND_NAME[upper["kind"]], upper["symbol"], vn_date(upper["date"]),
                                               issuer, about)


def documents(world, prior, rng_of):
    """per half: the provinces' committee documents (Biểu 1, 4) and their Ban Dân vận's (Biểu 2,
    one field each); the districts' committee and Ban Dân vận documents (before the reform); the
    communes' committee documents. Every unit's yearly plan implements the one above it (the
    communes' of 2024 and 2025 their district's, the new communes' of 2026 the city's)."""
    nums = Numbers(prior)
    out = {"old": [], "new": []}
    plans = {}  # (unit, year) -> its yearly plan (a dict)
    for hi, half in enumerate(HALVES):
        rng = rng_of(hi)
        tree = half[3]
        day0 = half[1]
        rows = out[tree]

        def emit(u, by, docs):
            for d in sorted(docs, key=lambda x: (x["date"], x["kind"], x["number"])):
                rows.append((KIND_CODES[d["kind"]], d["symbol"], d["date"].isoformat(), u.code, by, d["summary"],
                             d["fields"], ""))

        def yearly(u, docs):
            for d in docs:
                if d["summary"] == YEARLY_PLAN.format(y=half[1].year):
                    plans[(u["tree"], u.code, half[1].year)] = d

        forced = [t for t in PROV_DOCS if t.text == YEARLY_PLAN]
        for p in world.level(tree, "prov"):
            docs = pick_docs(rng, p, PROV_DOCS, rng.randint(8, 11), half,
                             [t for t in forced if t.fits(half, p)][:1])
            nums.assign(rng, p, docs, "prov", suffix_of(p, "cap_uy", day0))
            yearly(p, docs)
            emit(p, "cap_uy", docs)
            bdocs = []
            for field, k in BOARD_COUNTS[("prov", tree)].items():
                bdocs += pick_docs(rng, p, BOARD_DOCS[field], k, half)
            nums.assign(rng, p, bdocs, "board", suffix_of(p, "ban_dan_van", day0))
            emit(p, "ban_dan_van", bdocs)
        for rank in ("dist", "comm"):
            for u in world.level(tree, rank):
                above = world.parent(u)
                docs = pick_docs(rng, u, DIST_DOCS if rank == "dist" else COMM_DOCS,
                                 rng.randint(3, 5) if rank == "dist" else rng.weighted(list(COMM_COUNTS[tree])), half)
                up = plans.get((tree, above.code, half[1].year))
                if up and (tree, u.code, half[1].year) not in plans:
                    d = {"kind": "KH", "fields": up["fields"],
                         "summary": implementing(up, "Ban Thường vụ " + committee_of(above),
                                                 "về công tác dân vận năm %d" % half[1].year)}
                    later = [x for x in workdays(up["date"] + datetime.timedelta(days=3),
                                                 up["date"] + datetime.timedelta(days=30)) if half[1] <= x <= half[2]]
                    if later:
                        d["date"] = rng.choice(later)
                        docs.append(d)
                        plans[(tree, u.code, half[1].year)] = d
                nums.assign(rng, u, docs, rank, suffix_of(u, "cap_uy", day0))
                emit(u, "cap_uy", docs)
                if rank == "dist":
                    bdocs = []
                    for field, k in BOARD_COUNTS[("dist", "old")].items():
                        bdocs += pick_docs(rng, u, BOARD_DOCS[field], k, half)
                    nums.assign(rng, u, bdocs, "board", suffix_of(u, "ban_dan_van", day0))
                    emit(u, "ban_dan_van", bdocs)
    for rows in out.values():
        rows.sort(key=lambda r: (r[2], r[3], r[4], r[1]))
    return out, plans


# ---------------------------------------------------------------- Biểu 1, 2: conferences
# (window, title); {place}, {y}, {head} (a commune's hamlet heads)
CONF_TITLES = {
    ("prov", "cap_uy"): [
        ("01-08:03-31", "Hội nghị triển khai nhiệm vụ công tác dân vận năm {y}"),
        ("06-15:07-31", "Hội nghị sơ kết công tác dân vận 6 tháng đầu năm {y}"),
        ("11-20:12-22", "Hội nghị tổng kết công tác dân vận năm {y}"),
        ("2024-10-01:2024-10-18", "Hội nghị kỷ niệm 94 năm Ngày truyền thống công tác dân vận của Đảng và 25 năm Ngày "
         "“Dân vận” của cả nước"),
        ("2025-04-01:2025-05-30", "Hội nghị quán triệt chủ trương sắp xếp đơn vị hành chính và tổ chức chính quyền địa "
         "phương hai cấp"),
        ("2025-07-07:2025-08-29", "Hội nghị triển khai công tác dân vận sau hợp nhất thành phố Hải Phòng và tỉnh Hải "
         "Dương"),
        ("2025-10-01:2025-10-17", "Hội nghị biểu dương điển hình “Dân vận khéo” nhân kỷ niệm 95 năm Ngày truyền thống "
         "công tác dân vận của Đảng"),
        ("2026-02-23:2026-03-31", "Hội nghị học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của "
         "Đảng"),
        ("2026-01-05:2026-02-13", "Hội nghị triển khai công tác dân vận phục vụ bầu cử đại biểu Quốc hội khóa XVI và đại "
         "biểu Hội đồng nhân dân các cấp"),
    ],
    ("prov", "ban_dan_van"): [
        ("02-19:05-29", "Hội nghị tập huấn nghiệp vụ công tác dân vận năm {y} cho cán bộ khối dân vận các cấp"),
        ("03-01:09-30", "Hội nghị tập huấn nghiệp vụ công tác tôn giáo năm {y}"),
        ("03-01:06-26", "Hội nghị tập huấn kỹ năng đối thoại với Nhân dân cho người đứng đầu cấp ủy, chính quyền cơ sở"),
        ("08-01:11-27", "Hội nghị giao ban khối dân vận {place} 9 tháng đầu năm {y}"),
        ("2025-07-14:2025-12-19", "Hội nghị tập huấn nghiệp vụ công tác dân vận cho cán bộ các đảng ủy xã, phường, đặc "
         "khu sau sắp xếp"),
    ],
    ("dist", "cap_uy"): [
        ("01-08:03-31", "Hội nghị quán triệt nhiệm vụ công tác dân vận năm {y} cho bí thư chi bộ, trưởng khu dân cư"),
        (None, "Hội nghị tuyên truyền Luật Thực hiện dân chủ ở cơ sở cho cán bộ chủ chốt {place}"),
        (None, "Hội nghị tập huấn kỹ năng tiếp công dân, đối thoại với Nhân dân"),
        ("2025-03-17:2025-05-30", "Hội nghị tuyên truyền chủ trương sắp xếp đơn vị hành chính cấp xã"),
    ],
    ("dist", "ban_dan_van"): [
        (None, "Hội nghị tập huấn nghiệp vụ công tác dân vận cho cán bộ khối dân vận cơ sở năm {y}"),
        ("01-15:04-28", "Hội nghị hướng dẫn xây dựng mô hình “Dân vận khéo” năm {y}"),
    ],
    ("comm", "cap_uy"): [
        ("01-08:03-31", "Hội nghị quán triệt nhiệm vụ công tác dân vận năm {y} cho bí thư chi bộ, {head}"),
        (None, "Hội nghị tuyên truyền, nhân rộng mô hình “Dân vận khéo” {place}"),
        (None, "Hội nghị tuyên truyền Luật Thực hiện dân chủ ở cơ sở cho cán bộ, đảng viên và Nhân dân {place}"),
        ("2025-07-01:2025-09-30", "Hội nghị triển khai nhiệm vụ công tác dân vận của Đảng bộ {place} sau sắp xếp"),
        ("2026-01-05:2026-03-06", "Hội nghị tuyên truyền về cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội "
         "đồng nhân dân các cấp"),
        ("2026-03-02:2026-05-29", "Hội nghị học tập, quán triệt Nghị quyết Đại hội XIV của Đảng cho cán bộ, đảng viên "
         "{place}"),
    ],
}
CONF_COUNTS = {  # conferences a unit holds in a half: weights of 0, 1, 2, 3
    ("prov", "cap_uy"): (0, 0.3, 0.5, 0.2), ("prov", "ban_dan_van"): (0, 0.3, 0.5, 0.2),
    ("dist", "cap_uy"): (0.3, 0.5, 0.2), ("dist", "ban_dan_van"): (0.5, 0.4, 0.1),
    ("comm", "old", "cap_uy"): (0.9, 0.1), ("comm", "new", "cap_uy"): (0.3, 0.55, 0.15),
}
CONF_PEOPLE = {"prov": (120, 400), "dist": (40, 200), "comm": (40, 180)}


def conferences(world, rng_of):
    out = {"old": [], "new": []}
    for hi, half in enumerate(HALVES):
        rng = rng_of(hi)
        tree = half[3]
        for u in world.units[tree]:
            rank = u["rank"]
            for by in ("cap_uy", "ban_dan_van"):
                if rank == "comm" and by == "ban_dan_van":
                    continue  # no Ban Dân vận at communes
                key = (rank, by) if rank != "comm" else (rank, tree, by)
                titles = [(win, t) for win, t in CONF_TITLES[(rank, by)] if window(win, half)]
                n = min(len(titles), rng.weighted(list(CONF_COUNTS[key])))
                rng.shuffle(titles)
                for win, title in titles[:n]:
                    head = "trưởng thôn" if u["type"] == "Xã" else "tổ trưởng tổ dân phố"
                    text = title.format(place=place_of(u), y=half[1].year, head=head)
                    out[tree].append((rng.choice(window(win, half)).isoformat(), u.code, by, text,
                                      rng.randint(*CONF_PEOPLE[rank])))
    for rows in out.values():
        rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return out


# ---------------------------------------------------------------- Biểu 1, 2: inspections
INSP_SUBJECTS = {k: v for k, v in md.INSP_SUBJECTS.items()}
INSP_SUBJECTS[("cap_uy", "kiem_tra")] = [
    "Kiểm tra việc lãnh đạo, chỉ đạo thực hiện dân chủ ở cơ sở đối với {target}",
    "Kiểm tra việc lãnh đạo công tác tiếp công dân, đối thoại với Nhân dân đối với {target}",
    "Kiểm tra việc lãnh đạo, chỉ đạo công tác tôn giáo đối với {target}",
    "Kiểm tra việc thực hiện Quy định số 11-QĐ/TW của Bộ Chính trị về trách nhiệm của người đứng đầu cấp ủy trong "
    "việc tiếp dân, đối thoại trực tiếp với dân đối với {target}",
]
INSP_COUNTS = {  # records of a unit in a half, by (rank, body, kind): weights of 0, 1, 2, 3
    ("prov", "cap_uy", "kiem_tra"): (0, 0.4, 0.4, 0.2), ("prov", "cap_uy", "giam_sat"): (0, 0.5, 0.4, 0.1),
    ("prov", "ban_dan_van", "kiem_tra"): (0.2, 0.6, 0.2), ("prov", "ban_dan_van", "giam_sat"): (0, 0.4, 0.4, 0.2),
    ("dist", "cap_uy", "kiem_tra"): (0.4, 0.45, 0.15), ("dist", "cap_uy", "giam_sat"): (0.3, 0.5, 0.2),
    ("dist", "ban_dan_van", "kiem_tra"): (0.7, 0.3), ("dist", "ban_dan_van", "giam_sat"): (0.4, 0.45, 0.15),
    ("comm", "cap_uy", "kiem_tra"): (0.7, 0.3), ("comm", "cap_uy", "giam_sat"): (0.6, 0.35, 0.05),
}
INSP_DONE = {  # short conclusions: reached within the half unless the record is recent
    "cap_uy": md.CONCLUSIONS["cap_uy"], "ban_dan_van": md.CONCLUSIONS["ban_dan_van"]}


def inspections(world, rng_of):
    """the provinces' and districts' committees and boards inspect the units under them (before the
    reform the city's name a district's Ban Thường vụ); on the new tree the city's name a commune's
    Ban Thường vụ Đảng ủy and the communes' committees inspect their chi bộ (Biểu 1 "Cấp xã")"""
    out = {"old": [], "new": []}
    for hi, half in enumerate(HALVES):
        rng = rng_of(hi)
        tree = half[3]
        days = workdays(half[1], half[2])
        for u in world.units[tree]:
            rank = u["rank"]
            if rank == "comm" and tree == "old":
                continue  # two levels under the province: not in its annexes
            subs = world.under(u)
            for by in ("cap_uy", "ban_dan_van"):
                for kind in ("kiem_tra", "giam_sat"):
                    w = INSP_COUNTS.get((rank, by, kind))
                    if not w:
                        continue
                    for _ in range(rng.weighted(list(w))):
                        if subs and rank == "prov":
                            target = "Ban Thường vụ " + committee_of(rng.choice(subs))
                        elif subs:
                            target = "Đảng ủy " + place_of(rng.choice(subs))
                        else:
                            target = "Chi bộ " + hamlet_of(rng, u) + ", Đảng bộ " + place_of(u)
                        subject = rng.choice(INSP_SUBJECTS[(by, kind)]).format(target=target)
                        day = rng.choice(days)
                        orgs = 1 if not subs or rank == "comm" else rng.randint(1, 4)
                        members = rng.randint(0, 4 * orgs + 6)
                        recent = day > half[2] - datetime.timedelta(days=20)
                        concl = "" if recent else rng.choice(INSP_DONE[by])
                        out[tree].append((kind, day.isoformat(), u.code, by, subject, orgs, members, concl))
    for rows in out.values():
        rows.sort(key=lambda r: (r[1], r[2], r[0], r[3], r[4]))
    return out


# ---------------------------------------------------------------- Biểu 1: letters and receptions
LETTERS = {("prov", "old", "31"): 110, ("prov", "old", "30"): 80, ("prov", "new", "31"): 150,
           ("dist", "old"): (4, 14), ("comm", "new"): (1, 5)}


def fictitious_sender(rng, i, u, world):
    """an obviously invented sender: 'Phạm Thị B2017', 'Số 12, thôn 3, xã …, (địa chỉ giả định)'"""
    name = "%s %s %s%d" % (rng.choice(md.SURNAMES), rng.choice(md.MIDDLES), rng.choice(md.LETTERS_AZ), i)
    homes = world.communes_under(u)
    if not homes:  # a district without communes (Bạch Long Vĩ)
        return name, "Số %d, khu dân cư số %d, %s, %s %s (địa chỉ giả định)" % (
            rng.randint(1, 80), rng.randint(1, 5), place_of(u), province_word(world.city_of(u)),
            short_name(world.city_of(u)))
    home = rng.choice(homes)
    hamlet = "thôn" if home["type"] == "Xã" else "tổ dân phố"
    where = place_of(home)
    if home["tree"] == "old":
        where += ", " + place_of(world.parent(home))
    where += ", " + province_word(world.city_of(home)) + " " + short_name(world.city_of(home))
    return name, "Số %d, %s %d, %s (địa chỉ giả định)" % (rng.randint(1, 250), hamlet, rng.randint(1, 18), where)


def letters(world, rng_of):
    """letters to the head of the committee of the provinces, the districts (before the reform) and
    the communes (after it; on the new tree they are the level under the province). Letters pending
    when the old units ended were transferred to the new units (status transferred)"""
    out = {"old": [], "new": []}
    seq = 2000  # the 2023 demo's senders are numbered 1…1241
    for hi, half in enumerate(HALVES):
        rng = rng_of(hi)
        tree = half[3]
        as_of = min(half[2], AS_OF) if tree == "new" else REFORM - datetime.timedelta(days=1)
        days = workdays(half[1], half[2])
        for u in world.units[tree]:
            rank = u["rank"]
            if rank == "comm" and tree == "old":
                continue
            n = LETTERS.get((rank, tree, u.code)) or rng.randint(*LETTERS[(rank, tree)])
            if rank == "prov":
                n = round(n * rng.uniform(0.85, 1.15))
            for _ in range(n):
                day = rng.choice(days)
                kind = md.LETTER_KINDS[rng.weighted([p for _, p in md.LETTER_KINDS])][0]
                eligible = "no" if rng.random() < 0.3 else "yes"
                end = half[2] if tree == "old" and half[0] != "2025S1" else as_of
                age = (AS_OF - day).days if tree == "new" else (end - day).days
                done = ""
                share = 0.12 if rank == "prov" else 0.75  # the city's secretary's letters go mostly to the competent body
                if eligible == "yes" and age > 12 and rng.random() < share:
                    status = "resolved"
                    opts = workdays(day + datetime.timedelta(days=3), min(end, day + datetime.timedelta(days=45)))
                    if not opts:
                        status = "handling"
                    else:
                        done = rng.choice(opts).isoformat()
                elif eligible == "no":
                    status = "archived" if rng.random() < 0.7 else "transferred"
                elif age <= 5:
                    status = rng.choice(["received", "classified"])
                elif tree == "old" and half[0] == "2025S1" and age <= 60:
                    status = "transferred"  # handed over to the new commune or city on 01/07/2025
                elif rank == "prov":
                    status = "transferred" if rng.random() < 0.9 else "handling"
                else:
                    status = "handling" if age <= 40 or rng.random() < 0.3 else "transferred"
                seq += 1
                sender, addr = fictitious_sender(rng, seq, u, world)
                out[tree].append((day.isoformat(), u.code, kind, eligible, status, done, sender, addr))
    for rows in out.values():
        rows.sort(key=lambda r: (r[0], r[1]))
    return out


RECEPTIONS = {"prov": (3, 6), "dist": (3, 6), ("comm", "new"): (1, 4)}


def receptions(world, rng_of):
    """citizen-reception sessions of the head of the committee: at most one a day a unit"""
    out = {"old": [], "new": []}
    for hi, half in enumerate(HALVES):
        rng = rng_of(hi)
        tree = half[3]
        days = workdays(half[1], half[2])
        for u in world.units[tree]:
            rank = u["rank"]
            if rank == "comm" and tree == "old":
                continue
            n = rng.randint(*RECEPTIONS[rank if rank != "comm" else (rank, tree)])
            people = (3, 25) if rank == "prov" else (1, 9)
            for day in md.rng_sample(rng, days, n):
                out[tree].append((day.isoformat(), u.code, rng.randint(*people)))
    for rows in out.values():
        rows.sort(key=lambda r: (r[0], r[1]))
    return out


# ---------------------------------------------------------------- Biểu 6, 7: Front supervision, social criticism
FS_PROV = [
    ("mttq", "việc thực hiện chính sách bảo hiểm y tế đối với người cao tuổi, người thuộc hộ cận nghèo"),
    ("mttq", "việc thực hiện chương trình xóa nhà tạm, nhà dột nát"),
    ("ldld", "việc thực hiện chính sách, pháp luật về bảo hiểm xã hội đối với người lao động tại doanh nghiệp"),
    ("nd", "việc thực hiện chính sách hỗ trợ nông dân khôi phục sản xuất"),
    ("pn", "việc thực hiện chính sách đối với phụ nữ, trẻ em có hoàn cảnh khó khăn"),
    ("mttq", "việc giải quyết thủ tục hành chính tại Trung tâm phục vụ hành chính công các xã, phường"),
]
FS_COUNTS = {"prov": (2, 4), "dist": (1, 4), ("comm", "old"): (0.35, 0.5, 0.15), ("comm", "new"): (0.05, 0.35, 0.4, 0.2)}


def fs_subject(rng, u, half):
    if u["rank"] == "prov":
        who, topic = rng.choice([t for t in FS_PROV if "Trung tâm" not in t[1] or half[3] == "new"])
        return "%s %s giám sát %s" % (md.FS_WHO[who], province_word(u), topic)
    level = "d" if u["rank"] == "dist" else "c"
    opts = [t for t in md.FS_TOPICS if level in t[2] and not (t[0] == "nd" and where_of(u) == "u")]
    who, topic, _ = rng.choice(opts)
    return "%s %s giám sát %s" % (md.FS_WHO[who], place_of(u), topic)


def supervisions(world, rng_of):
    """by the Front and the socio-political organisations of every unit: numbers explicit, accepted
    at most the recommendations"""
    out = {"old": [], "new": []}
    for hi, half in enumerate(HALVES):
        rng = rng_of(hi)
        tree = half[3]
        days = workdays(half[1], half[2])
        for u in world.units[tree]:
            rank = u["rank"]
            if rank == "comm":
                n = rng.weighted(list(FS_COUNTS[(rank, tree)]))
            else:
                n = rng.randint(*FS_COUNTS[rank])
            for _ in range(n):
                docs = rng.randint(0, 6 if rank != "comm" else 3)
                recs = rng.randint(0, 8 if rank != "comm" else 5)
                acc = min(recs, round(recs * rng.uniform(0.5, 1.0)))
                out[tree].append((rng.choice(days).isoformat(), u.code, fs_subject(rng, u, half), docs, recs, acc))
    for rows in out.values():
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return out


CRIT_SUBJECTS = [
    "Phản biện dự thảo đề án phát triển kinh tế - xã hội {place} năm {y}",
    "Góp ý dự thảo quy định về quản lý trật tự xây dựng trên địa bàn {place}",
    "Phản biện dự thảo phương án bồi thường, hỗ trợ, tái định cư dự án trên địa bàn {place}",
    "Góp ý dự thảo kế hoạch sử dụng đất năm {y} của {place}",
]
CRIT_COUNTS = {"prov": (2, 5), "dist": (0, 3), ("comm", "old"): (0.75, 0.25), ("comm", "new"): (0.3, 0.5, 0.2)}


def criticisms(world, rng_of):
    """social criticism: conferences (drafts empty) and drafts sent for comment (1-6 drafts);
    accepted at most the recommendations"""
    out = {"old": [], "new": []}
    for hi, half in enumerate(HALVES):
        rng = rng_of(hi)
        tree = half[3]
        days = workdays(half[1], half[2])
        for u in world.units[tree]:
            rank = u["rank"]
            n = rng.weighted(list(CRIT_COUNTS[(rank, tree)])) if rank == "comm" else rng.randint(*CRIT_COUNTS[rank])
            for _ in range(n):
                form = "hoi_nghi" if rng.random() < 0.35 else "gui_du_thao"
                drafts = None if form == "hoi_nghi" else rng.randint(1, 6 if rank != "comm" else 3)
                recs = rng.randint(1, 14 if form == "hoi_nghi" else 6)
                acc = min(recs, round(recs * rng.uniform(0.6, 1.0)))
                subject = rng.choice(CRIT_SUBJECTS).format(place=place_of(u), y=half[1].year)
                out[tree].append((rng.choice(days).isoformat(), u.code, form, drafts, recs, acc, subject))
    for rows in out.values():
        rows.sort(key=lambda r: (r[0], r[1], r[2], r[6]))
    return out


# ---------------------------------------------------------------- bodies of the new city; recommendations one by one
# The bodies of the new Thành phố Hải Phòng (units-2025.csv, column kind; issue 11): a body's
# parent is its area or another body, its level its area's (left empty). Codes carry a dash, so
# they never collide with GSO codes. Each follows its area in the file.
BODIES = [  # code, name, type, parent, kind
    ("31-MT", "Ủy ban MTTQ Việt Nam thành phố Hải Phòng", "Ủy ban Mặt trận", "31", "front"),
    ("31-PN", "Hội Liên hiệp Phụ nữ thành phố Hải Phòng", "Hội", "31-MT", "organisation"),
    ("31-UB", "Ủy ban nhân dân thành phố Hải Phòng", "Ủy ban nhân dân", "31", "government"),
    ("31-SYT", "Sở Y tế thành phố Hải Phòng", "Sở", "31-UB", "agency"),
    ("31-SXD", "Sở Xây dựng thành phố Hải Phòng", "Sở", "31-UB", "agency"),
    ("11311-MT", "Ủy ban MTTQ Việt Nam phường Hồng Bàng", "Ủy ban Mặt trận", "11311", "front"),
]

# Supervisions and criticisms of 2026 by the bodies, their totals left empty: each recommendation
# is a record of supervision_recs / criticism_recs (to whom, due, answered, accepted or not). The
# other 2026 supervisions and criticisms keep their totals. Activities are dated so that no due
# date falls in 28/11–14/12/2026 (around the demo's "today"): a recommendation is overdue on the
# home pages exactly when it is as of 30/11/2026.
# register, date, unit, form, subject, documents (drafts), [(content, addressee, answer if accepted)]
FRONT_ACTS = [
    ("supervisions", "2026-02-10", "31-MT", None,
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố giám sát việc thực hiện chính sách bảo hiểm y tế đối với người cao "
     "tuổi, người thuộc hộ cận nghèo", 5, [
         ("Chỉ đạo các trạm y tế xã, phường, đặc khu niêm yết công khai danh mục thuốc, dịch vụ kỹ thuật được quỹ bảo "
          "hiểm y tế chi trả", "31-SYT", "Sở Y tế đã có văn bản chỉ đạo; các trạm y tế đã niêm yết công khai danh mục"),
         ("Nghiên cứu nâng mức hỗ trợ đóng bảo hiểm y tế cho người thuộc hộ cận nghèo", "31-UB",
          "Đã trình Hội đồng nhân dân thành phố nâng mức hỗ trợ, áp dụng từ ngày 01/7/2026"),
         ("Bảo đảm đủ thuốc điều trị bệnh không lây nhiễm (tăng huyết áp, đái tháo đường) tại trạm y tế", "31-SYT",
          "Đã điều chuyển thuốc giữa các cơ sở và tổ chức mua sắm bổ sung cho trạm y tế"),
         ("Rà soát, đề nghị cấp thẻ bảo hiểm y tế kịp thời cho người cao tuổi đủ điều kiện trên địa bàn phường",
          "11311", "Đã rà soát từng tổ dân phố, lập danh sách đề nghị cấp thẻ cho các trường hợp còn thiếu"),
     ]),
    ("supervisions", "2026-04-14", "31-MT", None,
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố giám sát việc giải quyết thủ tục hành chính tại Trung tâm phục vụ "
     "hành chính công các xã, phường, đặc khu", 4, [
         ("Duy trì điểm tiếp nhận hồ sơ tại trụ sở cũ của các xã, phường ở những nơi người dân đi lại xa", "31-UB",
          "Đã chỉ đạo duy trì điểm tiếp nhận hồ sơ tại trụ sở cũ đến hết năm 2026"),
         ("Bổ sung máy tính, máy quét và đường truyền cho bộ phận một cửa của các xã, phường, đặc khu", "31-UB",
          "Đã phân bổ kinh phí mua sắm thiết bị cho các xã, phường, đặc khu"),
         ("Công khai số điện thoại đường dây nóng và thời hạn giải quyết từng thủ tục tại trụ sở phường", "11311",
          "Đã niêm yết công khai tại trụ sở và trên trang thông tin điện tử của phường"),
         ("Hướng dẫn thống nhất thành phần hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ sau khi phân cấp cho cấp xã",
          "31-SXD", "Sở Xây dựng đã ban hành văn bản hướng dẫn gửi các xã, phường, đặc khu"),
         ("Tập huấn nghiệp vụ cho công chức tiếp nhận, trả kết quả hồ sơ tại trung tâm phục vụ hành chính công",
          "31-UB", "Đã tổ chức các lớp tập huấn cho công chức bộ phận một cửa"),
     ]),
    ("supervisions", "2026-06-09", "31-MT", None,
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố giám sát việc quản lý chất lượng, bảo đảm an toàn các nhà chung cư "
     "cũ", 3, [
         ("Kiểm định chất lượng các nhà chung cư cũ xuống cấp, công khai kết quả cho các hộ dân", "31-SXD",
          "Đã kiểm định, công bố kết quả và thông báo đến từng nhà chung cư"),
         ("Xây dựng phương án bố trí chỗ ở tạm cho các hộ dân tại nhà chung cư nguy hiểm trước mùa mưa bão", "31-UB",
          "Đã phê duyệt phương án bố trí chỗ ở tạm cho các hộ dân"),
         ("Tổ chức đối thoại với các hộ dân về phương án cải tạo, xây dựng lại nhà chung cư", "11311",
          "Đã tổ chức hội nghị đối thoại với các hộ dân, tổng hợp ý kiến báo cáo thành phố"),
     ]),
    ("supervisions", "2026-08-11", "31-MT", None,
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố giám sát việc bảo đảm an toàn thực phẩm tại bếp ăn tập thể các "
     "trường học", 2, [
         ("Tăng cường kiểm tra đột xuất các bếp ăn tập thể, cơ sở cung cấp suất ăn cho trường học", "31-SYT",
          "Đã thành lập các đoàn kiểm tra liên ngành, kiểm tra đột xuất trước năm học mới"),
         ("Công khai kết quả kiểm tra và danh sách cơ sở vi phạm quy định về an toàn thực phẩm", "31-SYT",
          "Đã công khai kết quả kiểm tra trên trang thông tin điện tử của Sở"),
         ("Chỉ đạo các xã, phường, đặc khu kiểm tra điều kiện bếp ăn của các trường trên địa bàn", "31-UB",
          "Đã có văn bản chỉ đạo các xã, phường, đặc khu thực hiện"),
     ]),
    ("supervisions", "2026-11-17", "31-MT", None,
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố giám sát việc thực hiện chương trình xóa nhà tạm, nhà dột nát", 4, [
         ("Hướng dẫn mẫu thiết kế nhà ở bảo đảm an toàn, phòng, chống bão cho hộ nghèo, hộ cận nghèo", "31-SXD",
          "Sở Xây dựng đã ban hành các mẫu thiết kế nhà ở an toàn"),
         ("Đẩy nhanh giải ngân kinh phí hỗ trợ cho các hộ đã hoàn thành xây dựng nhà ở", "31-UB",
          "Đã chỉ đạo giải ngân dứt điểm cho các hộ đã hoàn thành"),
         ("Công khai danh sách hộ được hỗ trợ và mức hỗ trợ tại các tổ dân phố", "11311",
          "Đã niêm yết công khai tại nhà văn hóa các tổ dân phố"),
     ]),
    ("supervisions", "2026-07-07", "31-PN", None,
     "Hội Liên hiệp Phụ nữ thành phố giám sát việc thực hiện chính sách đối với phụ nữ, trẻ em có hoàn cảnh khó khăn",
     3, [
         ("Bố trí kinh phí hỗ trợ học nghề, tạo việc làm cho phụ nữ thuộc hộ nghèo, hộ cận nghèo", "31-UB",
          "Đã bố trí kinh phí trong chương trình đào tạo nghề năm 2026"),
         ("Tổ chức khám sàng lọc ung thư vú, ung thư cổ tử cung miễn phí cho phụ nữ có hoàn cảnh khó khăn", "31-SYT",
          "Đã tổ chức các đợt khám sàng lọc tại trạm y tế các xã, phường"),
         ("Rà soát trẻ em mồ côi, trẻ em có hoàn cảnh đặc biệt trên địa bàn để kịp thời hỗ trợ", "11311",
          "Đã rà soát, lập danh sách và đề nghị hỗ trợ theo quy định"),
     ]),
    ("supervisions", "2026-09-15", "11311-MT", None,
     "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hồng Bàng giám sát việc thu gom, xử lý rác thải sinh hoạt tại các tổ "
     "dân phố", 1, [
         ("Bố trí thêm điểm tập kết rác và lịch thu gom cố định tại các tổ dân phố", "11311",
          "Đã bố trí thêm điểm tập kết, công khai lịch thu gom tại các tổ dân phố"),
         ("Xử lý nghiêm các trường hợp đổ rác thải không đúng nơi quy định", "11311",
          "Đã lắp camera giám sát tại các điểm nóng, xử phạt các trường hợp vi phạm"),
         ("Công khai mức thu giá dịch vụ thu gom rác thải tại khu dân cư", "11311",
          "Đã niêm yết công khai mức thu tại các tổ dân phố"),
     ]),
    ("criticisms", "2026-05-19", "31-MT", "hoi_nghi",
     "Phản biện dự thảo Đề án phát triển nhà ở xã hội trên địa bàn thành phố giai đoạn 2026 - 2030", None, [
         ("Làm rõ tiêu chí, thứ tự ưu tiên đối tượng được mua, thuê mua nhà ở xã hội", "31-SXD",
          "Đã tiếp thu, bổ sung tiêu chí ưu tiên vào dự thảo đề án"),
         ("Bổ sung quỹ đất phát triển nhà ở xã hội gần các khu công nghiệp", "31-SXD",
          "Đã bổ sung danh mục quỹ đất vào dự thảo đề án"),
         ("Quy định rõ trách nhiệm công khai thông tin dự án và danh sách người được mua nhà", "31-SXD",
          "Đã tiếp thu, bổ sung quy định công khai thông tin"),
         ("Bổ sung giải pháp hỗ trợ vay vốn ưu đãi cho công nhân, người lao động mua nhà ở xã hội", "31-UB",
          "Đã tiếp thu, giao ngân hàng chính sách xây dựng chương trình cho vay"),
     ]),
    ("criticisms", "2026-09-22", "31-MT", "gui_du_thao",
     "Phản biện dự thảo Kế hoạch nâng cao chất lượng y tế cơ sở trên địa bàn thành phố giai đoạn 2026 - 2030", 1, [
         ("Bổ sung chỉ tiêu về số bác sĩ làm việc tại trạm y tế xã, phường, đặc khu", "31-SYT",
          "Đã bổ sung chỉ tiêu vào dự thảo kế hoạch"),
         ("Làm rõ nguồn kinh phí đầu tư trang thiết bị cho trạm y tế", "31-SYT",
          "Đã bổ sung phụ lục nguồn kinh phí thực hiện"),
         ("Bổ sung cơ chế luân phiên bác sĩ tuyến thành phố về hỗ trợ trạm y tế", "31-SYT",
          "Đã tiếp thu, bổ sung vào nhiệm vụ, giải pháp của kế hoạch"),
     ]),
]
REJECTED = [  # the addressee's explanation of a recommendation not taken up
    "Chưa bố trí được nguồn lực trong năm 2026; sẽ nghiên cứu khi xây dựng kế hoạch năm 2027",
    "Nội dung đã được quy định tại văn bản hiện hành; đã trả lời, giải trình bằng văn bản",
]
IN_PROGRESS = ["Đang nghiên cứu, xây dựng phương án thực hiện", "Đang chỉ đạo rà soát, sẽ trả lời bằng văn bản",
               "Đã giao cơ quan chuyên môn tham mưu, đang thực hiện"]
# as of 30/11/2026, the recommendations due by then: shares answered accepted, rejected, still in
# progress (the rest open), dealt over them; those not yet due: weights of in_progress, open
REC_PAST = (("accepted", 0.5), ("rejected", 0.13), ("in_progress", 0.17))
REC_FUTURE = (0.4, 0.6)
QUIET = (D(2026, 11, 28), D(2026, 12, 14))  # no due date in these days (see FRONT_ACTS)


def front_recommendations(world, rng):
    """the bodies' 2026 activities with empty totals and their recommendations, one record each:
    due 30-60 days after the activity (a working day), the state as of 30/11/2026; answered ones
    (accepted, rejected) with an answer date by then and a short answer"""
    acts = {"supervisions": [], "criticisms": []}
    recs = {"supervisions": [], "criticisms": []}
    body = {b[0] for b in BODIES}
    items_of = []  # (register, day, unit, content, addressee, answer if accepted, due)
    for reg, date, unit, form, subject, n, items in FRONT_ACTS:
        day = D.fromisoformat(date)
        assert workday(day) and REFORM <= day <= AS_OF and unit in body, (date, unit)
        if reg == "supervisions":
            acts[reg].append((date, unit, subject, n, None, None))
        else:
            acts[reg].append((date, unit, form, n, None, None, subject))
        for content, addressee, done_text in items:
            assert addressee in body or addressee in world.by["new"], addressee
            due = due_after(day, rng.randint(30, 60))
            assert not QUIET[0] <= due <= QUIET[1], (date, content)
            items_of.append((reg, day, unit, content, addressee, done_text, due))
    past = [i for i, it in enumerate(items_of) if it[6] < AS_OF]
    rng.shuffle(past)
    status_of, k = {}, 0
    for st, share in REC_PAST:
        for i in past[k:k + round(share * len(past))]:
            status_of[i] = st
        k += round(share * len(past))
    for i, it in enumerate(items_of):
        if i not in status_of:
            status_of[i] = "open" if it[6] < AS_OF else ("in_progress", "open")[rng.weighted(list(REC_FUTURE))]
    for i, (reg, day, unit, content, addressee, done_text, due) in enumerate(items_of):
        status, answered, answer = status_of[i], "", ""
        if status in ("accepted", "rejected"):  # mostly by the due date, some late
            opts = workdays(day + datetime.timedelta(days=10), min(AS_OF, due + datetime.timedelta(days=15)))
            answered = rng.choice(opts).isoformat()
            answer = done_text if status == "accepted" else rng.choice(REJECTED)
        elif status == "in_progress":
            answer = rng.choice(IN_PROGRESS)
        recs[reg].append((day.isoformat(), unit, content, addressee, due.isoformat(), status, answered, answer))
    for rows in recs.values():
        rows.sort(key=lambda r: (r[0], r[1]))
    return acts, recs


def activity_totals(acts, recs, rec_col=4, acc_col=5):
    """recommendations and accepted of activities (tuples), from their totals or, where those are
    empty, from their itemised records (one each; accepted ones): the system's rule"""
    by = collections.Counter((r[0], r[1]) for r in recs)
    ok = collections.Counter((r[0], r[1]) for r in recs if r[5] == "accepted")
    n = a = 0
    for r in acts:
        if r[rec_col] is None:
            n += by[(r[0], r[1])]
            a += ok[(r[0], r[1])]
        else:
            n += r[rec_col]
            a += r[acc_col]
    return n, a


# ---------------------------------------------------------------- Biểu 3: models "Dân vận khéo"
FIELDS = md.FIELDS
NEW_DEPT = {  # the city's departments after the 2025 mergers
    "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
    "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
    "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
    "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
    "Sở Văn hóa và Thể thao": "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giao thông Vận tải": "Sở Xây dựng",
    "Cục Thuế thành phố": "Thuế thành phố",
}
PROV_ORGS = {"cb": None, "pn": "Hội Liên hiệp Phụ nữ {pw}", "nd": "Hội Nông dân {pw}", "dt": "{youth}",
             "ccb": "Hội Cựu chiến binh {pw}", "mt": "Ủy ban Mặt trận Tổ quốc Việt Nam {pw}", "ca": "Công an {pw}",
             "ub": "{dept}", "yt": "Sở Y tế", "qs": "Bộ Chỉ huy Quân sự {pw}", "ctd": "Hội Chữ thập đỏ {pw}",
             "kh": "Hội Khuyến học {pw}", "nct": "Hội Người cao tuổi {pw}", "ldld": "Liên đoàn Lao động {pw}"}
MODEL_COUNTS = {"prov": (12, 20), "dist": (2, 5), ("comm", "old"): (0.2, 0.4, 0.3, 0.1),
                ("comm", "new"): (0, 0, 0.1, 0.25, 0.3, 0.25, 0.1)}
MODEL_STATUS = {  # by year: weights of registered, appraising, recognised, not_recognised, commended
    2024: (0.08, 0.04, 0.6, 0.1, 0.18), 2025: (0.22, 0.1, 0.46, 0.08, 0.14), 2026: (0.5, 0.45, 0.05, 0, 0)}
STATUSES = ("registered", "appraising", "recognised", "not_recognised", "commended")
MODEL_YEARS = ((2024, "old"), (2025, "old"), (2026, "new"))


def year_text(text, y):
    as_of = "Đến 30/11/2026" if y == 2026 else "Năm %d" % y
    return (text.replace("Đến 30/6/2023", as_of).replace("6 tháng đầu năm", as_of)
            .replace("cuối năm 2023", "cuối năm %d" % y).replace("2023", str(y)))


def model_fits(where, u):
    if where == "a":
        return True
    if where == "x":
        return u["rank"] != "comm"
    if where == "u":
        return urban(u) or u["rank"] == "prov"
    return not urban(u) and u["rank"] != "prov"


def dept_for(rng, u, title, y):
    d = rng.choice(md.CITY_DEPT_FOR.get(title, md.CITY_DEPTS))
    if y >= 2026:
        d = NEW_DEPT.get(d, d)
    if u.code != CITY:
        d = d.replace("thành phố", "tỉnh")
    return d


def org_of(rng, u, code, title, y):
    """who runs a collective model at the unit, and the hamlet it is in (None above the commune)"""
    if u["rank"] == "prov":
        if code == "cb":
            return board_of(u, D(y, 1, 1)), None
        pw = province_word(u)
        youth = "Thành đoàn " + short_name(u) if pw == "thành phố" else "Tỉnh đoàn " + short_name(u)
        return PROV_ORGS[code].format(pw=pw, youth=youth, dept=dept_for(rng, u, title, y)), None
    forms = md.ORGS[code]
    opts = [forms[2]] if u["rank"] == "dist" else [f for f in (forms[1], forms[0]) if f]
    form = rng.choice([f for f in opts if f] or [forms[1] or forms[2]])
    hamlet = hamlet_of(rng, u)
    return form.format(place=place_of(u), committee=committee_of(u), hamlet=hamlet, dept=""), \
        (hamlet if "{hamlet}" in form else None)


def area_of(aff, u):
    out = []
    for a in aff:
        if a == "p":
            a = "k" if u["rank"] == "prov" else "n" if u["type"] in ("Xã", "Huyện") else "d"
        name = {"n": "nong_thon_moi", "d": "do_thi", "s": "chuyen_doi_so", "k": "khac"}[a]
        if name == "nong_thon_moi" and (urban(u) or u["rank"] == "prov"):
            name = "do_thi"
        if name == "do_thi" and u["type"] in ("Xã", "Huyện"):
            name = "khac"
        if name not in out:
            out.append(name)
    return out or ["khac"]


def commend_level(world, u):
    """who commended a model: the unit above it (a province its own Ban Thường vụ)"""
    if u["rank"] == "prov":
        return "Ban Thường vụ " + committee_of(u)
    up = world.parent(u)
    return "Ủy ban nhân dân " + (province_word(up) if up["rank"] == "prov" else place_of(up))


def models(world, rng_of):
    """models registered for 2024 and 2025 by the old units, for 2026 by the new ones; statuses as
    the year's appraisal left them (2026: under way, as of 30/11/2026); a few exemplary; in 2026
    most, not all, communes have a model in chuyển đổi số (the plan's target is 100 %)"""
    out = {"old": [], "new": []}
    person = 5000
    for yi, (y, tree) in enumerate(MODEL_YEARS):
        rng = rng_of(yi)
        rows = []
        for u in world.units[tree]:
            rank = u["rank"]
            n = rng.randint(*MODEL_COUNTS[rank]) if rank != "comm" else rng.weighted(list(MODEL_COUNTS[(rank, tree)]))
            names = set()
            mine = []
            for _ in range(n):
                field = FIELDS[rng.weighted([0.3, 0.35, 0.15, 0.2])]
                kind = "tap_the" if rng.random() < 0.8 else "ca_nhan"
                for _attempt in range(30):
                    if kind == "tap_the":
                        title, where, aff, orgs, goal, result = rng.choice(
                            [t for t in md.MODEL_TITLES[field] if model_fits(t[1], u)])
                        org, hamlet = org_of(rng, u, rng.choice(orgs.split()), title, y)
                        name = "Mô hình “%s” của %s" % (title, org)
                        pname = position = ""
                        scope = hamlet or ("trên địa bàn " + (province_word(u) if rank == "prov" else place_of(u)))
                    else:
                        activity, pc, pd, pt = rng.choice(md.MODEL_PEOPLE[field])
                        hamlet = hamlet_of(rng, u)
                        pos = pt if rank == "prov" else pd if rank == "dist" else pc
                        position = rng.choice(pos).format(place=place_of(u), committee=committee_of(u), hamlet=hamlet)
                        if rank == "prov":
                            position = position.replace("thành phố", province_word(u))
                            if y >= 2026:
                                position = position.replace("Ban Dân vận", "Ban Tuyên giáo và Dân vận")
                        for a, b in (NEW_DEPT.items() if y >= 2026 else ()):
                            position = position.replace(a, b)
                        person += 1
                        pname = "%s %s %s%d" % (rng.choice(md.SURNAMES), rng.choice(md.MIDDLES),
                                                rng.choice(md.LETTERS_AZ), person)
                        name = "Gương “Dân vận khéo” %s: %s" % (activity[0].lower() + activity[1:], pname)
                        aff = "p" if field != "xay_dung_dang" else "k"
                        scope = hamlet if hamlet in position else "trên địa bàn " + place_of(u)
                        goal = "Vận động Nhân dân %s cùng tham gia; gương mẫu thực hiện và nhân rộng cách làm" % scope
                        result = "6 tháng đầu năm: vận động được {h} lượt người dân tham gia; {k} kinh nghiệm được nhân rộng"
                    if name not in names:
                        break
                else:
                    continue
                names.add(name)
                if pname:
                    name = md.exemplar_name(activity, names)
                    names.add(name)
                status = STATUSES[rng.weighted(list(MODEL_STATUS[y]))]
                m = {"name": name, "unit": u.code, "kind": kind, "field": field, "areas": area_of(aff, u),
                     "status": status, "press": rng.randint(0, 6) if rng.random() < 0.3 else None,
                     "exemplary": "no", "person": pname, "position": position,
                     "goals": md.fill(rng, year_text(goal, y), scope), "results": md.fill(rng, year_text(result, y), scope),
                     "commend": commend_level(world, u) if status == "commended" else ""}
                mine.append(m)
            if y == 2026 and rank == "comm" and mine and not any("chuyen_doi_so" in m["areas"] for m in mine) \
                    and rng.random() < 0.75:
                m = mine[rng.below(len(mine))]
                m["areas"] = [a for a in m["areas"] if a != "khac"] + ["chuyen_doi_so"]
            rows += mine
        # exemplary: a few of the commended (or, in 2026, of those under appraisal)
        cands = [m for m in rows if m["status"] == ("commended" if y < 2026 else "appraising") and m["kind"] == "tap_the"]
        for m in md.rng_sample(rng, cands, min(len(cands), 6 if y < 2026 else 4)):
            m["exemplary"] = "yes"
            m["press"] = max(m["press"] or 0, rng.randint(2, 8))
        for m in rows:
            out[tree].append((m["name"], m["unit"], m["kind"], m["field"], ";".join(m["areas"]), y, m["status"],
                              m["press"], m["exemplary"], m["person"], m["position"], m["goals"], m["results"],
                              m["commend"]))
    return out


# ---------------------------------------------------------------- submissions
def submissions(world, rng):
    """form,period,unit,status,submitted,decided,comment: the districts of old Hải Phòng reported
    2024 and 2025S1 to the city (approved before the districts ended); the new communes report
    2026S1 to the city (most approved, some returned or waiting, some missing, some late) and a
    few have sent their 2026 Biểu 5 early. 11311 (Phường Hồng Bàng) has its 2026S1 Biểu 5 approved,
    11074 (Xã Tứ Kỳ) returned: the demo's ward officers see both"""
    rows = []
    dists = [u for u in world.level("old", "dist") if u["parent_code"] == CITY]
    for form in ("bieu-5", "bieu-6"):
        for u in dists:
            sub = rng.choice(workdays(D(2024, 12, 2), D(2024, 12, 13)) + [D(2024, 12, 18)] * 1)
            dec = rng.choice(workdays(sub + datetime.timedelta(days=1), D(2024, 12, 27)))
            rows.append((form, "2024", u.code, "approved", sub.isoformat(), dec.isoformat(),
                         "Nộp chậm" if sub > D(2024, 12, 15) else ""))
    for u in dists:
        if u.code == dists[-1].code:
            continue  # its last report never came
        sub = rng.choice(workdays(D(2025, 6, 5), D(2025, 6, 19)))
        dec = rng.choice(workdays(sub + datetime.timedelta(days=1), D(2025, 6, 27)))
        rows.append(("bieu-5", "2025S1", u.code, "approved", sub.isoformat(), dec.isoformat(),
                     "Nộp chậm" if sub > D(2025, 6, 15) else ""))
    comms = world.level("new", "comm")
    for form, share in (("bieu-5", 0.88), ("bieu-6", 0.8), ("bieu-7", 0.72)):
        for u in comms:
            if u.code not in ("11311", "11074") and rng.random() > share:
                continue  # not sent
            sub = rng.choice(workdays(D(2026, 6, 1), D(2026, 6, 15)) * 4 + workdays(D(2026, 6, 16), D(2026, 6, 30)))
            r = rng.random()
            status = "approved" if r < 0.86 else "returned" if r < 0.93 else "submitted"
            if form == "bieu-5" and u.code == "11311":
                status = "approved"
            if form == "bieu-5" and u.code == "11074":
                status = "returned"
            dec = comment = ""
            if status != "submitted":
                dec = rng.choice(workdays(sub + datetime.timedelta(days=1), sub + datetime.timedelta(days=12))).isoformat()
            if status == "returned":
                comment = rng.choice(["Đề nghị rà soát số cuộc đối thoại chuyên đề, đối chiếu với sổ theo dõi",
                                      "Số liệu chưa khớp với báo cáo của Ủy ban Mặt trận Tổ quốc xã, đề nghị kiểm tra lại",
                                      "Đề nghị bổ sung số liệu trước khi gửi lại"])
            elif sub > D(2026, 6, 15):
                comment = "Nộp chậm"
            rows.append((form, "2026S1", u.code, status, sub.isoformat(), dec, comment))
    for u in md.rng_sample(rng, [c for c in comms if c.code not in ("11311", "11074")], 12):
        rows.append(("bieu-5", "2026", u.code, "submitted", rng.choice(workdays(D(2026, 12, 1), D(2026, 12, 4))).isoformat(),
                     "", ""))
    return rows


# ---------------------------------------------------------------- plans (docs/plans.md) of 2026
def city_plan(plan):
    return """# GENERATED by demo/make_reform.py: not a transcription. The plan of the new Thành ủy Hải Phòng for
# 2026 (after the 1/7/2025 merger of Hải Phòng and Hải Dương, on the two-level tree), invented
# for the demo; its number and date are those of the document register (documents-2025-26.csv).
# Its targets are computed live: models_coverage (chuyển đổi số, every commune, level 2) and
# conclusions_on_time; the dialogue target is followed through Biểu 5 and item 1.
plan {symbol}
unit 31
date {date}
year 2026
title Kế hoạch công tác dân vận năm 2026
place Hải Phòng
recipient Ban Tuyên giáo và Dân vận Trung ương
recipient Các đảng ủy xã, phường, đặc khu
recipient Ban Tuyên giáo và Dân vận Thành ủy
recipient Lưu Văn phòng Thành ủy

| Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025 - 2030, Ban Thường vụ Thành ủy xây dựng Kế hoạch công tác dân vận năm 2026 như sau:

section I. MỤC ĐÍCH, YÊU CẦU
| - Tiếp tục đổi mới nội dung, phương thức công tác dân vận phù hợp với mô hình chính quyền địa phương hai cấp; củng cố mối quan hệ mật thiết giữa Đảng, chính quyền với Nhân dân.
| - Các đảng ủy xã, phường, đặc khu căn cứ Kế hoạch này xây dựng kế hoạch công tác dân vận năm 2026 của cấp mình, bảo đảm thiết thực, hiệu quả.

section II. CHỈ TIÊU

item 1
| 100% xã, phường, đặc khu tổ chức hội nghị đối thoại định kỳ giữa người đứng đầu cấp ủy, chính quyền với Nhân dân trong năm 2026.
lead 31
due 2026-11-30
status in_progress

item 2
| 100% xã, phường, đặc khu có ít nhất 01 mô hình “Dân vận khéo” trong lĩnh vực chuyển đổi số.
lead 31
due 2026
status in_progress
target models_coverage >= 100 area=chuyen_doi_so min=1 level=2

item 3
| Ít nhất 80% nội dung kết luận của người chủ trì sau đối thoại được thực hiện đúng thời hạn.
lead 31
due 2026
status in_progress
target conclusions_on_time >= 80

section III. NHIỆM VỤ, GIẢI PHÁP

heading 1. Công tác lãnh đạo, chỉ đạo

item 1.1
| Học tập, quán triệt, tuyên truyền Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025 - 2030 gắn với nhiệm vụ công tác dân vận.
lead 31
due 2026Q1
status done

item 1.2
| Làm tốt công tác dân vận phục vụ cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031.
lead 31
due 2026-03-15
status done

heading 2. Công tác dân vận của các cơ quan nhà nước

item 2.1
| Nâng cao chất lượng phục vụ Nhân dân của Trung tâm phục vụ hành chính công các xã, phường, đặc khu; duy trì điểm tiếp nhận hồ sơ tại trụ sở cũ nơi người dân đi lại xa.
lead 31
due quarterly
status in_progress

item 2.2
| Người đứng đầu cấp ủy, chính quyền các xã, phường, đặc khu tổ chức đối thoại định kỳ với Nhân dân; theo dõi, đôn đốc thực hiện các nội dung kết luận sau đối thoại.
lead 31
partners 11311;11074
due 2026-11-30
status in_progress

heading 3. Công tác Mặt trận Tổ quốc và các tổ chức chính trị - xã hội

item 3.1
| Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở 100% khu dân cư.
lead 31
due 2026-11-18
status done

heading 4. Phong trào thi đua “Dân vận khéo”

item 4.1
| Sơ kết phong trào thi đua “Dân vận khéo” năm 2026; biểu dương các mô hình, điển hình tiêu biểu trên địa bàn thành phố sau hợp nhất.
lead 31
due 2026-12-15

item 4.2
| Xây dựng, nhân rộng mô hình “Dân vận khéo” trong chuyển đổi số, cải cách hành chính ở các xã, phường, đặc khu.
lead 31
due 2026
status in_progress

heading 5. Công tác tôn giáo

item 5.1
| Đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các cơ sở tôn giáo; hoàn thành việc bàn giao hồ sơ quản lý cơ sở tôn giáo cho các xã, phường mới.
lead 31
due 2026-10-31
status in_progress

section IV. TỔ CHỨC THỰC HIỆN
| - Ban Tuyên giáo và Dân vận Thành ủy theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ban Thường vụ Thành ủy.
| - Các đảng ủy xã, phường, đặc khu xây dựng kế hoạch thực hiện, báo cáo kết quả 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12).
""".format(symbol=plan["symbol"], date=plan["date"].isoformat())


def ward_plan(plan, upper, sources):
    return """# GENERATED by demo/make_reform.py: not a transcription. The 2026 plan of Đảng ủy phường Hồng Bàng (11311,
# a new ward of Hải Phòng from 1/7/2025, made of {sources}),
# implementing the city's {upper}; invented for the demo.
plan {symbol}
unit 11311
date {date}
year 2026
title Kế hoạch công tác dân vận năm 2026
basis {upper}
place Hồng Bàng
recipient Ban Tuyên giáo và Dân vận Thành ủy
recipient Các chi bộ trực thuộc
recipient Lưu Văn phòng Đảng ủy

| Thực hiện Kế hoạch số {upper}, ngày {udate} của Ban Thường vụ Thành ủy về công tác dân vận năm 2026, Ban Thường vụ Đảng ủy phường xây dựng Kế hoạch thực hiện như sau:

section I. MỤC ĐÍCH, YÊU CẦU
| - Cụ thể hóa các nhiệm vụ của Thành ủy phù hợp với tình hình phường sau sắp xếp.

section II. NHIỆM VỤ

item 1
| Tổ chức hội nghị đối thoại định kỳ giữa người đứng đầu cấp ủy, chính quyền phường với Nhân dân năm 2026.
lead 11311
due 2026S1
source {upper} 1
status done

item 2
| Duy trì điểm tiếp nhận hồ sơ hành chính tại trụ sở cũ; tổ công nghệ số cộng đồng ở 100% tổ dân phố hỗ trợ Nhân dân nộp hồ sơ trực tuyến.
lead 11311
due quarterly
source {upper} 2.1
status in_progress

item 3
| Theo dõi, đôn đốc thực hiện các nội dung kết luận sau đối thoại; ít nhất 90% nội dung được thực hiện đúng hạn.
lead 11311
due 2026
source {upper} 2.2
status in_progress
target conclusions_on_time >= 90
""".format(symbol=plan["symbol"], date=plan["date"].isoformat(), upper=upper["symbol"], udate=vn_date(upper["date"]),
               sources=sources)


# ---------------------------------------------------------------- the city's 2026 report (a draft)
def in_year(rows, y, col=0):
    return [r for r in rows if r[col][:4] == str(y)]


def report_2026(world, files, number):
    """the fields of `danvan document --load`: the narrative of the city's 2026 report, its figures
    those the annexes compute from the records (to 30/11/2026), against 2025 where it says so"""
    new = {k: v["new"] for k, v in files.items() if isinstance(v, dict)}
    old = {k: v["old"] for k, v in files.items() if isinstance(v, dict)}
    dl26 = in_year(new["dialogues"], 2026)
    dl25 = in_year(old["dialogues"], 2025) + in_year(new["dialogues"], 2025)
    city26 = [r for r in dl26 if r[1] == CITY]
    comm26 = [r for r in dl26 if r[1] != CITY]
    periodic = {r[1] for r in dl26 if r[2] == "dinh_ky" and r[1] != CITY}
    ncomm = len(world.level("new", "comm"))
    change = len(dl26) - len(dl25)
    conf = [r for r in in_year(new["conferences"], 2026) if r[2] == "cap_uy"]
    docs = [r for r in in_year(new["documents"], 2026, 2) if r[4] == "cap_uy"]
    insp = in_year(new["inspections"], 2026, 1)
    kt = [r for r in insp if r[0] == "kiem_tra" and r[3] == "cap_uy"]
    gs = [r for r in insp if r[0] == "giam_sat" and r[3] == "cap_uy"]
    let = in_year(new["letters"], 2026)
    resolved = [r for r in new["letters"] if r[5][:4] == "2026"]
    rec = in_year(new["receptions"], 2026)
    fs = in_year(new["supervisions"], 2026)
    fc = in_year(new["criticisms"], 2026)
    fs_recs, fs_acc = activity_totals(fs, new["supervision_recs"])  # itemised ones count their records
    fc_recs, fc_acc = activity_totals(fc, new["criticism_recs"])
    mdl = [r for r in new["models"] if r[5] == 2026]
    board_docs = [r for r in in_year(new["documents"], 2026, 2) if r[4] == "ban_dan_van"]
    board_conf = [r for r in in_year(new["conferences"], 2026) if r[2] == "ban_dan_van"]
    cdsn = len({r[1] for r in mdl if "chuyen_doi_so" in r[4] and r[1] != CITY})
    s = {}
    s["p1.I"] = (
        "# 1. Khái quát đặc điểm tình hình\n"
        "Thực hiện chủ trương sắp xếp đơn vị hành chính và tổ chức chính quyền địa phương hai cấp, từ ngày 01/7/2025 "
        "thành phố Hải Phòng (mới) được thành lập trên cơ sở hợp nhất thành phố Hải Phòng và tỉnh Hải Dương; không tổ "
        "chức cấp huyện; thành phố có %d đơn vị hành chính cấp xã (%d phường, %d xã, %d đặc khu).\n"
        "# 2. Thuận lợi, khó khăn\n"
        "Năm 2026 là năm đầu tiên thành phố thực hiện trọn năm mô hình chính quyền địa phương hai cấp và triển khai "
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng. Bộ máy chính quyền các xã, phường, đặc khu cơ bản "
        "vận hành thông suốt; tuy nhiên ở một số nơi địa bàn rộng, người dân đi lại làm thủ tục còn xa, đội ngũ cán bộ "
        "cấp xã mới được kiện toàn nên kinh nghiệm công tác dân vận còn hạn chế." % (
            ncomm, sum(1 for u in world.level("new", "comm") if u["type"] == "Phường"),
            sum(1 for u in world.level("new", "comm") if u["type"] == "Xã"),
            sum(1 for u in world.level("new", "comm") if u["type"] == "Đặc khu")))
    s["p1.II.1"] = (
        "Ban Thường vụ Thành ủy, các đảng ủy xã, phường, đặc khu đã ban hành %s văn bản lãnh đạo, chỉ đạo về công tác "
        "dân vận; tổ chức %s hội nghị quán triệt, triển khai với %s lượt người tham gia; thực hiện %s cuộc kiểm tra và "
        "%s cuộc giám sát về công tác dân vận, dân chủ ở cơ sở.\n"
        "Toàn thành phố đã tổ chức được %s cuộc đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân "
        "(cấp thành phố: %s cuộc; cấp xã, phường, đặc khu: %s cuộc), %s %s cuộc so với năm 2025; %s/%s xã, phường, đặc "
        "khu đã tổ chức đối thoại định kỳ (chỉ tiêu 100%%).^[Số liệu tính đến ngày 30/11/2026.]\n"
        "Người đứng đầu cấp ủy các cấp đã nhận %s đơn, thư; đã giải quyết %s đơn, thư; tổ chức %s buổi tiếp công dân." % (
            vn_num(len(docs)), vn_num(len(conf)), vn_num(sum(r[4] for r in conf)), vn_num(len(kt)), vn_num(len(gs)),
            vn_num(len(dl26)), vn_num(len(city26)), vn_num(len(comm26)), "tăng" if change >= 0 else "giảm",
            vn_num(abs(change)), len(periodic), ncomm, vn_num(len(let)), vn_num(len(resolved)), vn_num(len(rec))))
    s["p1.II.2"] = (
        "Chính quyền các cấp chú trọng công tác dân vận chính quyền gắn với cải cách hành chính; Trung tâm phục vụ hành "
        "chính công các xã, phường, đặc khu duy trì điểm tiếp nhận hồ sơ tại trụ sở cũ ở những nơi người dân đi lại xa; "
        "tổ công nghệ số cộng đồng hỗ trợ Nhân dân nộp hồ sơ trực tuyến. Lực lượng vũ trang thành phố tham gia giúp Nhân "
        "dân phòng, chống thiên tai, xây dựng nông thôn mới.")
    s["p1.II.3"] = (
        "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội các cấp đã tổ chức %s cuộc giám sát; nghiên cứu, "
        "xem xét %s văn bản; đề xuất %s ý kiến, kiến nghị, trong đó %s ý kiến, kiến nghị được tiếp thu, giải quyết. Tổ "
        "chức %s hội nghị phản biện xã hội và phản biện %s dự thảo văn bản; đề xuất %s ý kiến, kiến nghị, trong đó %s ý "
        "kiến được tiếp thu." % (
            vn_num(len(fs)), vn_num(sum(r[3] for r in fs)), vn_num(fs_recs), vn_num(fs_acc),
            vn_num(sum(1 for r in fc if r[2] == "hoi_nghi")), vn_num(sum(r[3] or 0 for r in fc)),
            vn_num(fc_recs), vn_num(fc_acc)))
    s["p1.II.4"] = (
        "Các cấp ủy, chính quyền thăm, chúc mừng các tổ chức tôn giáo nhân dịp Tết Nguyên đán Bính Ngọ, Lễ Phục sinh, "
        "Đại lễ Phật đản Phật lịch 2570; hoàn thành việc bàn giao hồ sơ quản lý cơ sở tôn giáo cho các xã, phường mới; "
        "tiếp tục giải quyết hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho các cơ sở tôn giáo.")
    s["p1.II.5"] = "Thực hiện đầy đủ chính sách đối với người dân tộc thiểu số sinh sống, làm việc trên địa bàn thành phố."
    s["p1.II.6"] = "Phối hợp thông tin, tuyên truyền đến người Hải Phòng ở nước ngoài về tình hình thành phố sau hợp nhất."
    s["p1.III"] = (
        "Toàn thành phố có %s mô hình “Dân vận khéo” được đăng ký xây dựng năm 2026 trên các lĩnh vực; %s/%s xã, phường, "
        "đặc khu có mô hình về chuyển đổi số (chỉ tiêu 100%%). Việc thẩm định, công nhận mô hình năm 2026 đang được "
        "thực hiện." % (vn_num(len(mdl)), cdsn, ncomm))
    s["p1.IV"] = (
        "Ban Tuyên giáo và Dân vận Thành ủy đã tham mưu, ban hành %s văn bản hướng dẫn, đôn đốc về công tác dân vận; chủ "
        "trì, phối hợp tổ chức %s hội nghị, tập huấn nghiệp vụ công tác dân vận cho cán bộ các đảng ủy xã, phường, đặc "
        "khu sau sắp xếp." % (vn_num(len(board_docs)), vn_num(len(board_conf))))
    s["p1.V"] = (
        "# 1. Ưu điểm\nCông tác dân vận được triển khai đồng bộ trên địa bàn thành phố sau hợp nhất; việc đối thoại với "
        "Nhân dân được duy trì, nhiều kiến nghị được giải quyết kịp thời.\n"
        "# 2. Hạn chế\nCòn %d xã, phường, đặc khu chưa tổ chức đối thoại định kỳ; một số nội dung kết luận sau đối thoại "
        "chưa được thực hiện đúng hạn; việc xây dựng mô hình về chuyển đổi số chưa đồng đều." % (ncomm - len(periodic)))
    s["p2"] = (
        "1. Tiếp tục thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025 - 2030 về công tác dân vận.\n"
        "2. Bảo đảm 100% xã, phường, đặc khu tổ chức đối thoại định kỳ; theo dõi, đôn đốc thực hiện kết luận sau đối "
        "thoại.\n"
        "3. Đẩy mạnh phong trào thi đua “Dân vận khéo”, nhất là trong chuyển đổi số và cải cách hành chính.")
    return {
        "number": number, "symbol": "BC/TU", "date": "2026-12-04", "place": "Hải Phòng",
        "parent_body": "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "issuer": "THÀNH ỦY",
        "issuer_long": "Ban Thường vụ Thành ủy Hải Phòng",
        "title": "tổng kết công tác dân vận năm 2026;\nphương hướng, nhiệm vụ năm 2027",
        "recipients": "Ban Tuyên giáo và Dân vận Trung ương,\nCác đ/c Ủy viên Ban Thường vụ Thành ủy,\n"
                      "Ban Tuyên giáo và Dân vận Thành ủy,\nCác đảng ủy xã, phường, đặc khu,\nLưu Văn phòng Thành ủy.",
        "sign_on_behalf": "T/M BAN THƯỜNG VỤ", "sign_position": "PHÓ BÍ THƯ", "sign_name": "",
        "sections": s,
    }


# ---------------------------------------------------------------- main
HEADERS = dict(md.HEADERS)
HEADERS["criticisms"] = md.HEADERS["criticisms"] + ["subject"]
HEADERS["submissions"] = ["form", "period", "unit", "status", "submitted", "decided", "comment"]
HEADERS["mapping"] = ["old_code", "new_code", "share"]
HEADERS["units-2025"] = HEADERS["units"] + ["kind"]  # the edition holds the new city's bodies (issue 11)
HEADERS["supervision_recs"] = HEADERS["criticism_recs"] = ["activity_date", "unit", "content", "addressee", "due",
                                                           "status", "answer_date", "answer"]
REGISTERS = ("dialogues", "conclusions", "documents", "conferences", "inspections", "letters", "receptions",
             "supervisions", "criticisms", "models")


def edition_rows(edition, cols):
    """the 2025 edition as the source has it (kind empty: areas), each area followed by its bodies"""
    out = []
    for u in edition:
        out.append(tuple(u[c] for c in cols) + ("",))
        for code, name, typ, parent, kind in BODIES:
            area = parent
            while area not in {x["code"] for x in edition}:
                area = next(b[3] for b in BODIES if b[0] == area)
            if area == u["code"]:
                out.append((code, name, typ, "", parent, kind))
    return out


def stream(n):
    """one PRNG per file and part (half-year, year or tree)"""
    return lambda i: Rng(SEED + 1000 * n + i)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args(argv)
    world = World(a.shared)
    demo_units = read_csv(os.path.join(HERE, "units.csv"))
    extra = read_csv(os.path.join(HERE, "units_extra.csv"))
    assert [tuple(u.values()) for u in demo_units] == [tuple(u.values()) for u in world.old31], "units.csv is old 31"
    assert sorted(tuple(u.values()) for u in extra) == sorted(tuple(u.values()) for u in world.extra), "units_extra"
    assert len(world.level("new", "comm")) == 114

    files = {}
    cols = HEADERS["units"]
    files["units-hd-2024"] = [tuple(u[c] for c in cols) for u in world.old30]
    files["units-2025"] = edition_rows(world.edition, cols)
    files["mapping-2025"] = [(r["old_code"], r["new_code"], r["share"]) for r in world.mapping]

    recs = {}
    recs["dialogues"] = dialogues(world, stream(1))
    recs["conclusions"] = conclusions(world, recs["dialogues"], stream(2))
    prior = read_csv(os.path.join(HERE, "documents.csv"))
    recs["documents"], plans = documents(world, prior, stream(3))
    recs["conferences"] = conferences(world, stream(4))
    recs["inspections"] = inspections(world, stream(5))
    recs["letters"] = letters(world, stream(6))
    recs["receptions"] = receptions(world, stream(7))
    recs["supervisions"] = supervisions(world, stream(8))
    recs["criticisms"] = criticisms(world, stream(9))
    recs["models"] = models(world, stream(10))
    subs = submissions(world, Rng(SEED + 11000))
    # the bodies' 2026 activities, their recommendations one by one (a stream of their own: the
    # other records are those drawn before)
    acts, itemised = front_recommendations(world, Rng(SEED + 12000))
    for reg in ("supervisions", "criticisms"):
        key = (lambda r: (r[0], r[1], r[2], r[6])) if reg == "criticisms" else (lambda r: (r[0], r[1], r[2]))
        recs[reg]["new"] = sorted(recs[reg]["new"] + acts[reg], key=key)  # as the registers sort them
    recs["supervision_recs"] = {"old": [], "new": itemised["supervisions"]}
    recs["criticism_recs"] = {"old": [], "new": itemised["criticisms"]}

    written = []
    for name, rows in files.items():
        write_csv(os.path.join(a.out, name + ".csv"), HEADERS.get(name) or HEADERS[name.split("-")[0]], rows)
        written.append("%s.csv %d" % (name, len(rows)))
    for reg in REGISTERS:
        for tree in ("old", "new"):
            name = "%s-%s" % (reg, FILE_OF[tree])
            write_csv(os.path.join(a.out, name + ".csv"), HEADERS[reg], recs[reg][tree])
            written.append("%s.csv %d" % (name, len(recs[reg][tree])))
    for reg in ("supervision_recs", "criticism_recs"):
        name = "%s-%s" % (reg, FILE_OF["new"])
        write_csv(os.path.join(a.out, name + ".csv"), HEADERS[reg], recs[reg]["new"])
        written.append("%s.csv %d" % (name, len(recs[reg]["new"])))
    write_csv(os.path.join(a.out, "submissions-2024-26.csv"), HEADERS["submissions"], subs)
    written.append("submissions-2024-26.csv %d" % len(subs))

    city = plans[("new", CITY, 2026)]
    ward = plans[("new", "11311", 2026)]
    names = {u["code"]: u["name"] for u in world.old31 + world.old30}
    sources = ", ".join(names[c] for c in world.sources["11311"])
    os.makedirs(os.path.join(a.out, "plans"), exist_ok=True)
    for fname, text in (("hp-2026-KH-TU.plan", city_plan(city)),
                        ("hongbang-2026-KH-DU.plan", ward_plan(ward, city, sources))):
        with open(os.path.join(a.out, "plans", fname), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        written.append("plans/" + fname)
    bc = [int(r[1].split("-")[0]) for r in recs["documents"]["new"] if r[3] == CITY and r[1].endswith("-BC/TU")]
    doc = report_2026(world, recs, (max(bc) if bc else 0) + 1)
    with open(os.path.join(a.out, "report-31-2026.json"), "w", encoding="utf-8", newline="") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    written.append("report-31-2026.json")
    print(", ".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
