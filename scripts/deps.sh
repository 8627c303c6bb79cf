#!/usr/bin/env bash
# Installs what danvan needs to build, run and test, from Debian's packages
# (and playwright-core from the npm registry for the browser tests).
# Idempotent: installs only what is missing. Usage: scripts/deps.sh [--test|--bench]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config   # compiler and build system
  libmicrohttpd-dev                  # HTTP server
  libsqlite3-dev sqlite3             # embedded store (sqlite3 CLI for tests)
  libjansson-dev                     # JSON parsing of requests
  libsodium-dev                      # Argon2id password hashes, random tokens
  libutf8proc-dev                    # NFC and diacritic-insensitive search
  libxlsxwriter-dev                  # XLSX annexes and register lists
  libzip-dev libexpat1-dev           # DOCX written as a zip; XLSX read back (zip + XML)
  libcurl4-openssl-dev               # the daily e-mail digest over SMTP (danvan digest)
  libreoffice-writer-nogui           # PDF: the server runs soffice --headless on the DOCX
  fonts-liberation2                  # Liberation Serif: metric-compatible Times New Roman for the PDF
  libfontconfig-dev                  # the document font's character coverage (save and generation refuse a gap)
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(libcmocka-dev chromium poppler-utils)  # unit tests; browser tests; pdftotext/pdftoppm
  packages+=(libreoffice-calc-nogui)  # test_xlsx_annexes_print: the XLSX annexes converted to PDF, then PNG
  packages+=(clang libclang-rt-14-dev)              # libFuzzer harnesses of fuzz/ (fuzz/run.sh)
  command -v node >/dev/null || packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(wrk)                                   # bench/load.sh: readers and writers over HTTP
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "--test" && ! -d tests/browser/node_modules/playwright-core ]]; then
  echo "deps: installing playwright-core (npm)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
