"""The words of the seed report 361-BC/TU (../shared/seeds/004_*.txt and its annex
transcription) that the demo corrects: a corrupted character and three typos, listed
with the reason in docs/corrections.md. Figures are never corrected here (their
inconsistencies are kept, demo/README.md). Used by make_demo.py (annex texts),
documents/make_report.py (the narrative) and check_demo.py (which compares the
corrected seed and lists each correction as a known difference)."""

# (seed text, corrected text, where in the seed)
CORRECTIONS = [
    ("lễ l貌", "lề lối", "Phần thứ nhất, V.2 Hạn chế: “Thái độ, lề lối, tác phong làm việc”"),
    ("Xét duyet", "Xét duyệt", "Biểu 3, Thành ủy Hải Phòng, “Chưa tiến hành xét duyệt (Xét duyệt vào cuối năm)”"),
    ("Thông báo về về", "Thông báo về", "Biểu 4, rows 13 and 14 (1429-TB/TU, 1436-TB/TU)"),
    ("Tổ công tác đơn đốc", "Tổ công tác đôn đốc", "Biểu 4, rows 7 and 8 (05-QĐ/BCĐ, 04-QĐ/BCĐ), as Biểu 2's “đôn đốc”"),
]


def correct(text):
    """text with the corrections applied; the list of (seed, corrected) pairs applied"""
    applied = []
    for wrong, right, _ in CORRECTIONS:
        if isinstance(text, str) and wrong in text:
            text = text.replace(wrong, right)
            applied.append((wrong, right))
    return text, applied
