#!/usr/bin/env python3
"""edit.py PIA FILE RUNS: the figures of tests/bench/edit.sh."""
import re
import statistics
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

PIA, FILE, RUNS = sys.argv[1], sys.argv[2], int(sys.argv[3])

ed = subprocess.Popen([PIA, 'edit', '--no-open', FILE],
                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                      text=True)
url = None
for _ in range(50):
    m = re.search(r'http://127\.0\.0\.1:(\d+)/\?t=([0-9a-f]{32})',
                  ed.stdout.readline())
    if m:
        url = m.group(0)
        port, token = m.group(1), m.group(2)
        break


def med(v):
    return '%.1f ms (median of %d, min %.1f, max %.1f)' % (
        statistics.median(v), len(v), min(v), max(v))


def curl(addr, value):
    r = subprocess.run(['curl', '-s', '-o', '/dev/null', '-w',
                        '%{time_total}', '-H', 'X-Pia-Token: ' + token,
                        '--data-urlencode', 'a=' + addr, '--data-urlencode',
                        'v=' + value, 'http://127.0.0.1:%s/api/set' % port],
                       capture_output=True, text=True)
    return float(r.stdout) * 1000


o = webdriver.ChromeOptions()
o.binary_location = '/usr/bin/chromium'
for a in ('--headless=new', '--no-sandbox', '--disable-gpu',
          '--disable-dev-shm-usage', '--window-size=1280,1000'):
    o.add_argument(a)
d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=o)
try:
    load, state = [], []
    for i in range(RUNS):
        d.get(url)
        for _ in range(400):
            if d.execute_script(
                    "return document.body.classList.contains('ready')"):
                break
            time.sleep(0.01)
        t = d.execute_script(
            "var s = performance.getEntriesByName(location.origin +"
            " '/api/state?') ; return [window.piaEdit.readyAt,"
            " performance.getEntriesByType('resource').filter(function (e)"
            " { return /api\\/state/.test(e.name); })[0].duration];")
        load.append(t[0])
        state.append(t[1])
    text, finding = [], []
    for i in range(RUNS):
        # a text edit: sent, validated, findings and counts shown
        text.append(d.execute_async_script(
            "var cb = arguments[0], f = window.piaEdit.find('cover/title'),"
            " el = f.querySelector('.v'), t0 = performance.now();"
            "el.value = el.value.endsWith('x') ? el.value.slice(0, -1) :"
            " el.value + 'x';"
            "el.dispatchEvent(new Event('input', {bubbles: true}));"
            "window.piaEdit.flush().then(function () {"
            " cb(performance.now() - t0); });"))
        # a date that is no date: its finding appears (or goes away)
        finding.append(d.execute_async_script(
            "var cb = arguments[0],"
            " f = window.piaEdit.find('cover/publication-date'),"
            " el = f.querySelector('.v'), t0 = performance.now();"
            "el.value = el.value === '令和8年2月30日' ? '令和8年3月16日' :"
            " '令和8年2月30日';"
            "el.dispatchEvent(new Event('change', {bubbles: true}));"
            "window.piaEdit.flush().then(function () {"
            " cb(performance.now() - t0); });"))
    server = [curl('cover/title', 'タイトル %d' % i) for i in range(RUNS)]
finally:
    d.quit()
    ed.terminate()
    ed.wait()
print('samples/full.xml in pia edit (headless Chromium)')
print('  page load, navigation to form filled:  ' + med(load))
print('    of which GET api/state (values, findings): ' + med(state))
print('  findings round trip, text edit:        ' + med(text))
print('  findings round trip, date with finding: ' + med(finding))
print('  server alone, POST api/set (curl):     ' + med(server))
