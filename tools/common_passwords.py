#!/usr/bin/env python3
"""Writes data/common-passwords.txt, the passwords the password policy refuses as too common
(docs/access.md, "Accounts").

    python3 tools/common_passwords.py /usr/share/john/password.lst > data/common-passwords.txt

The source is Openwall's password.lst (Debian package john-data; "assumed to be in the public
domain"), the passwords most often seen, most frequent first, plus Vietnamese words and
keyboard runs. Each word is taken as it is and with the endings people add to reach a length
rule (digits, years, "!", "@123"). Only entries of 10 characters or more are written: a shorter
password is refused for its length before the list is looked at. Lower case, sorted, unique;
the policy compares case-insensitively.
"""
import sys

TOP = 600  # the most frequent words of password.lst that get endings added

VIETNAMESE = """matkhau anhyeuem emyeuanh yeuem yeuanh iloveyou toiyeuban vietnam hanoi saigon haiphong
danang hochiminh dalat nhatrang quantri quantrivien admin administrator root user guest test
danvan bandanvan tinhuy thanhuy huyenuy dangbo mattran ubnd congan chinhphu nguyen tran le pham
hoang phan vu dang bui do ho ngo duong ly thanhcong hanhphuc binhan thienthan hoahong tuyet
mua xuan thu dong matkhaumoi doimatkhau khongbiet khongco baomat bimat canbo chuyenvien
""".split()

RUNS = """1234567890 0123456789 0987654321 9876543210 1111111111 0000000000 1212121212 1122334455
123123123 123321123 147258369 159357456 qwertyuiop asdfghjkl zxcvbnm qwerty123 1q2w3e4r5t
1qaz2wsx3edc qazwsxedc zaq12wsx abc123456 abcd12345 abcdefghij aaaaaaaaaa a1b2c3d4e5
""".split()

ENDINGS = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "!", "@", "@123", "123!", "!@#",
           "2020", "2021", "2022", "2023", "2024", "2025", "2026", "@2024", "@2025", "@2026", "#1", "01", "99"]


def words(path):
    with open(path, encoding="latin-1") as fh:
        out = [w.strip().lower() for w in fh if not w.startswith("#!comment")]
    return [w for w in out if w and w.isascii() and w.isprintable()]


def main():
    john = words(sys.argv[1])
    seen = set(w for w in john if len(w) >= 10)
    for w in john[:TOP] + VIETNAMESE + RUNS:
        for e in ENDINGS:
            seen.add(w + e)
    out = sorted(w for w in seen if len(w) >= 10)
    sys.stdout.write("".join(w + "\n" for w in out))


if __name__ == "__main__":
    main()
