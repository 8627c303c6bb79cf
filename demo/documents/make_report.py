#!/usr/bin/env python3
"""Builds demo/report-31-2023S1.json, the demo's report document, from the seed
Báo cáo 361-BC/TU (../shared/seeds/004_d5f8007de414187a.txt): the narrative cut
at the outline's headings, footnotes (¹ … ²⁵) moved inline as ^[…], a paragraph
split by a page break joined again, the seed's corrupted and mistyped words
corrected (demo/seed_corrections.py). Run from the repository root:
  python3 demo/documents/make_report.py ../shared/seeds/004_d5f8007de414187a.txt"""
import json, os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from seed_corrections import correct  # the seed's corrupted and mistyped words (docs/corrections.md)

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
sup_re = re.compile("[%s]+" % SUP)
def sup_num(s): return int("".join(str(SUP.index(c)) for c in s))

lines = correct(open(sys.argv[1], encoding="utf-8").read())[0].split("\n")
end = next(i for i, l in enumerate(lines) if l.startswith("Nơi nhận"))
body = lines[:end]
notes = {}
text = []
for l in body:
    m = re.match("^([%s]+) (.*)$" % SUP, l)
    if m: notes[sup_num(m.group(1))] = m.group(2).strip()
    else: text.append(l)

# the outline: a heading line starts each section (report_sections in src/app/app_documents.c)
starts = [("p1.I", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
          ("p1.II.1", "1. Công tác lãnh đạo, chỉ đạo của các cấp ủy đảng"),
          ("p1.II.2", "2. Công tác dân vận của các cơ quan nhà nước"),
          ("p1.II.3", "3. Kết quả công tác dân vận của Mặt trận"),
          ("p1.II.4", "4. Kết quả công tác dân vận đối với đồng bào theo tôn giáo"),
          ("p1.II.5", "5. Kết quả công tác dân vận đồng bào dân tộc"),
          ("p1.II.6", "6. Kết quả công tác dân vận với cộng đồng người Việt"),
          ("p1.III", "III. PHONG TRÀO THI ĐUA"),
          ("p1.IV", "IV. KẾT QUẢ HOẠT ĐỘNG CỦA BAN DÂN VẬN"),
          ("p1.V", "V. ĐÁNH GIÁ CHUNG"),
          ("p2", "PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM")]
skip = ("Phần thứ", "II. KẾT QUẢ CÔNG TÁC DÂN VẬN CỦA HỆ THỐNG", "KẾT QUẢ CÔNG TÁC DÂN VẬN 6 THÁNG")
sections, cur, paras = {}, None, []
def flush():
    if cur: sections[cur] = "\n".join(paras)
for l in text:
    s = l.strip()
    hit = next((k for k, h in starts if s.startswith(h)), None)
    if hit:
        flush(); cur, paras = hit, []
        continue
    if not cur or not s or s.startswith(skip): continue
    s = s.replace("\\", "\\\\")
    if s.startswith("** ") and s.endswith("*") and not s.endswith("**"):
        s = "\\* *" + s[3:]  # a "*" bullet before an italic lead-in, as printed
    s = s.replace("km²", "km@SQ@")  # a unit, not a footnote
    s = sup_re.sub(lambda m: "^[" + notes[sup_num(m.group(0))].replace("[", "\\[").replace("]", "\\]") + "]", s)
    s = s.replace("@SQ@", "²")
    if re.match(r"^\d+(\.\d+)*\. \S", s) and len(s) < 160 and cur != "p2": s = "# " + s
    if paras and paras[-1][-1:] not in ".:;!?”)" and not paras[-1].startswith("# ") and s[:1].islower():
        paras[-1] += " " + s  # a paragraph split by a page break
    else:
        paras.append(s)
flush()
doc = {"number": 361, "symbol": "BC/TU", "date": "2023-06-19", "place": "Hải Phòng",
       "parent_body": "", "issuer": "THÀNH ỦY HẢI PHÒNG",  # Hướng dẫn 36: a Thành ủy by its name alone
       "issuer_long": "Ban Thường vụ Thành ủy Hải Phòng",
       "title": "sơ kết công tác dân vận 6 tháng đầu năm;\nphương hướng, nhiệm vụ trọng tâm 6 tháng cuối năm 2023",
       "recipients": "Ban Dân vận Trung ương,\nCác đ/c Ủy viên Ban Thường vụ Thành ủy,\nBan Dân vận Thành ủy,\nLưu Văn phòng Thành ủy.",
       "sign_on_behalf": "T/M BAN THƯỜNG VỤ", "sign_position": "PHÓ BÍ THƯ", "sign_name": "Đỗ Mạnh Hiến",
       "sections": sections}
json.dump(doc, open("demo/report-31-2023S1.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print("sections:", ", ".join("%s %d" % (k, len(v)) for k, v in sections.items()), "footnotes:", len(notes))
