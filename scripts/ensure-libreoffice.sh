#!/usr/bin/env bash
# Make a headless LibreOffice (soffice) available, so the report tests can have it recalculate
# the workbook's formulas the way a spreadsheet program would. openpyxl writes formulas but never
# computes them; only a real spreadsheet engine proves the totals are right.
#
# The report's print setup is checked on the PDF it makes, so the metric-compatible stand-in
# for Calibri (the workbook's font), Carlito, is installed too: without it LibreOffice lays the
# text out in a wider font than any reader of the workbook sees.
#
# Idempotent and quiet when soffice is already there. Installs Debian's GUI-less Calc with apt
# when it can (root, apt-get present). Never fails the caller: when LibreOffice cannot be had it
# says so and exits 0, and the tests that need it skip with that reason (or fail under CI=true).
set -u

have_carlito() {
    command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi carlito
}

if command -v soffice >/dev/null 2>&1 && have_carlito; then
    echo "ensure-libreoffice: $(soffice --version 2>/dev/null | head -n1)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-libreoffice: no soffice and no apt-get here; install LibreOffice by hand" >&2
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ensure-libreoffice: not root and no password-less sudo; cannot install LibreOffice" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
# Only Calc, without the X11/GTK front ends: the tests run it headless.
PACKAGE=libreoffice-calc-nogui
if ! apt-cache policy "$PACKAGE" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    $SUDO apt-get update -qq || true
fi
if ! apt-cache policy "$PACKAGE" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    PACKAGE=libreoffice-calc  # older releases have no -nogui flavour
fi

if command -v soffice >/dev/null 2>&1; then
    PACKAGE=""  # only the font is missing
fi
if ! apt-cache policy fonts-crosextra-carlito 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    $SUDO apt-get update -qq || true
fi
# shellcheck disable=SC2086 # PACKAGE is empty when only the font is missing
if $SUDO apt-get install -y -qq --no-install-recommends $PACKAGE fonts-crosextra-carlito \
        >/tmp/ensure-libreoffice.log 2>&1 \
    && command -v soffice >/dev/null 2>&1; then
    echo "ensure-libreoffice: installed ${PACKAGE:-} Carlito: $(soffice --version 2>/dev/null | head -n1)"
else
    echo "ensure-libreoffice: could not install $PACKAGE (see /tmp/ensure-libreoffice.log)" >&2
    tail -n 5 /tmp/ensure-libreoffice.log >&2 || true
fi
exit 0
