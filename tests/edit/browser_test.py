#!/usr/bin/env python3
"""browser_test.py: pia edit in a real browser (headless Chromium driven
by Selenium through chromedriver, all Debian packages).

Usage: browser_test.py PIA WORKDIR [--shot PNG]

An officer's session: `pia new --kind focused`, then in the page fill
the form from fill-focused.json (typing, clicking the radio buttons and
boxes), see a finding appear next to a mistyped 和暦 date and go away when
it is corrected, add a 委託事項 and see its blank fields reported, remove
it again, remove the blank 変更箇所 row, save, reload, and compare the file
with focused.expected.xml; `pia validate` must find no error in it.
Prints one line per check, "ok NAME" or "FAIL NAME: why"; "skip: why"
when the browser is not installed.
"""
import collections
import difflib
import json
import os
import re
import subprocess
import sys
import time

PIA, WORK = sys.argv[1], sys.argv[2]
SHOT = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == '--shot' else None
HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM, DRIVER = '/usr/bin/chromium', '/usr/bin/chromedriver'
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    print('skip: python3-selenium is not installed')
    sys.exit(0)
if not (os.access(CHROMIUM, os.X_OK) and os.access(DRIVER, os.X_OK)):
    print('skip: chromium and chromium-driver are not installed')
    sys.exit(0)

failed = 0


def check(name, cond, why=''):
    global failed
    if cond:
        print('ok ' + name)
    else:
        failed += 1
        print('FAIL %s: %s' % (name, why))


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu',
              '--disable-dev-shm-usage', '--window-size=1200,860',
              '--lang=ja', '--no-first-run', '--disable-extensions',
              '--user-data-dir=' + os.path.join(WORK, 'chromium')):
        o.add_argument(a)
    return webdriver.Chrome(service=Service(DRIVER), options=o)


class Page:
    def __init__(self, d):
        self.d = d

    def ready(self):
        for _ in range(400):
            if self.d.execute_script(
                    "return document.body.classList.contains('ready')"):
                return True
            time.sleep(0.05)
        return False

    def flush(self):
        self.d.execute_async_script(
            'var cb = arguments[0]; window.piaEdit.flush().then(function ()'
            ' { cb(1); }, function () { cb(0); });')

    def find(self, addr):
        return self.d.execute_script(
            'return window.piaEdit.find(arguments[0]);', addr)

    def errors(self):
        return int(self.d.find_element(By.ID, 'count-err').text)

    def notes(self, el):
        return self.d.execute_script(
            "var f = arguments[0].querySelector('.fd');"
            "return f ? f.textContent : '';", el)

    def fill(self, addr, v):
        el = self.find(addr)
        if el is None:
            return 'no field'
        if not el.is_displayed():
            return 'hidden'
        ft = el.get_attribute('data-ft')
        if ft in ('choice', 'checks', 'flag'):
            # findings shown as answers arrive move the boxes: let them
            # settle before aiming at one
            self.flush()
            self.d.execute_script(
                "arguments[0].scrollIntoView({block: 'center'})", el)
        if ft in ('line', 'text', 'items', 'date'):
            inp = el.find_element(By.CSS_SELECTOR, '.v')
            inp.clear()
            if ft == 'date' or len(v) < 60:
                inp.send_keys(v)
            else:
                # long texts: set, and let the page hear it as typed
                self.d.execute_script(
                    "arguments[0].value = arguments[1];"
                    "arguments[0].dispatchEvent(new Event('input',"
                    " {bubbles: true}));", inp, v)
            if ft == 'date':
                inp.send_keys(Keys.TAB)
        elif ft == 'choice':
            self.click(el.find_element(
                By.CSS_SELECTOR, 'input[type=radio][value="%s"]' % v), True)
        elif ft == 'checks':
            for t, opt, slot in v:
                ck = el.find_element(
                    By.XPATH, './/input[@type="checkbox"][@value="%s"]/'
                    'ancestor::div[@class="ck"]' % opt)
                box = ck.find_element(By.CSS_SELECTOR, 'input')
                if (t == '1') != box.is_selected():
                    self.click(box, t == '1')
                if slot:
                    s = ck.find_element(By.CSS_SELECTOR, '.slot')
                    s.clear()
                    s.send_keys(slot)
        elif ft == 'flag':
            box = el.find_element(By.CSS_SELECTOR, '.v')
            if (v == 'true') != box.is_selected():
                self.click(box, v == 'true')
        return None

    def click(self, box, want):
        """Clicks a box until it is as wanted (the page may still move)."""
        for _ in range(3):
            box.click()
            if box.is_selected() == want:
                return
            self.flush()


os.makedirs(WORK, exist_ok=True)
path = os.path.join(WORK, 'draft.xml')
subprocess.run([PIA, 'new', '--kind', 'focused', '-o', path], check=True)
ed = subprocess.Popen([PIA, 'edit', '--no-open', path],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                      text=True)
url = None
for _ in range(50):
    line = ed.stdout.readline()
    m = re.search(r'http://127\.0\.0\.1:\d+/\?t=[0-9a-f]{32}', line)
    if m:
        url = m.group(0)
        break
d = None
try:
    check('url', url is not None, line)
    d = browser()
    pg = Page(d)
    d.get(url)
    check('page-ready', pg.ready())
    check('title', '重点項目評価書' in d.title, d.title)
    start_errors = pg.errors()
    check('blank-form-has-findings', start_errors > 50, start_errors)

    # the form, field by field
    fill = json.load(open(os.path.join(HERE, 'fill-focused.json')),
                     object_pairs_hook=collections.OrderedDict)
    skipped = []
    for addr, v in fill.items():
        why = pg.fill(addr, v)
        if why:
            skipped.append((addr, why))
    pg.flush()
    check('all-fields-found', all(w == 'hidden' for a, w in skipped),
          skipped)

    # II's answers set III's flags and hide what no longer applies
    none = pg.find('files/file#file-1/risks/provision/none')
    box = none.find_element(By.CSS_SELECTOR, 'input')
    check('flag-from-ii', box.is_selected() and not box.is_enabled())
    r = pg.find('files/file#file-1/risks/provision/risk1')
    check('hidden-risks', r is not None and not r.is_displayed())
    for flag in ('no-acquisition', 'no-provision'):
        b = pg.find('files/file#file-1/risks/network/' + flag)
        check('network-' + flag, b.find_element(
            By.CSS_SELECTOR, 'input').is_selected())
    check('blank-recipient-gone', pg.find(
        'files/file#file-1/overview/provision/recipient#recipient-1') is None)
    count = pg.d.execute_script(
        "return document.querySelector('.derived[data-value=\"count(a:task)\"]"
        " output').textContent")
    check('derived-count', count == '1', count)

    # a finding appears next to the field and goes away
    date = 'cover/publication-date'
    pg.fill(date, '平成31年5月1日')
    pg.flush()
    el = pg.find(date)
    check('finding-appears', '令和元年' in pg.notes(el) or
          'schema' in pg.notes(el), pg.notes(el))
    check('finding-in-summary', pg.errors() > 0, pg.errors())
    pg.fill(date, '令和8年2月2日')
    pg.flush()
    check('finding-disappears', pg.notes(pg.find(date)) == '',
          pg.notes(pg.find(date)))
    check('date-shown-as-wareki', pg.find(date).find_element(
        By.CSS_SELECTOR, 'input').get_attribute('value') == '令和8年2月2日')

    # add a 委託事項, see its blanks reported, remove it
    before = pg.errors()
    tasks = 'files/file#file-1/overview/delegation'
    add = pg.find(tasks).find_element(
        By.XPATH, './/div[@data-entry="task"]/button[@class="add"]')
    add.click()
    pg.flush()
    t2 = pg.find(tasks + '/task#task-2')
    check('task-added', t2 is not None)
    check('task-numbered', t2 is not None and '委託事項2' in t2.find_element(
        By.CSS_SELECTOR, '.et').text)
    check('task-blanks-reported', pg.errors() > before and '記入されていません'
          in pg.notes(pg.find(tasks + '/task#task-2/content')),
          (before, pg.errors()))
    if SHOT:
        # the README's picture: the new entry's blanks reported
        d.execute_script("window.scrollBy(0, arguments[0]"
                         ".getBoundingClientRect().top - 330)", t2)
        time.sleep(0.3)
        d.save_screenshot(SHOT)
    t2.find_element(By.CSS_SELECTOR, '.eh .remove').click()
    d.switch_to.alert.accept()
    pg.flush()
    check('task-removed', pg.find(tasks + '/task#task-2') is None)
    check('task-findings-gone', pg.errors() == before, (before, pg.errors()))

    # the blank 変更箇所 row
    ch = pg.find('changes/change#change-1')
    ch.find_element(By.CSS_SELECTOR, '.eh .remove').click()
    d.switch_to.alert.accept()
    pg.flush()
    left = d.execute_script(
        "return Array.from(document.querySelectorAll('#summary-list li'))"
        ".map(function (l) { return l.textContent; })")
    check('clean', pg.errors() == 0, left)

    # save, reload, compare
    d.find_element(By.ID, 'save').click()
    pg.flush()
    for _ in range(100):
        if d.find_element(By.ID, 'status').text == '保存しました':
            break
        time.sleep(0.05)
    check('saved', d.find_element(By.ID, 'status').text == '保存しました',
          d.find_element(By.ID, 'status').text)
    d.refresh()
    check('reloaded', pg.ready())
    v = pg.find('cover/title').find_element(By.CSS_SELECTOR, '.v')
    check('reload-keeps-values', v.get_attribute('value') ==
          fill['cover/title'], v.get_attribute('value'))
    r = pg.find('files/file#file-1/overview/delegation/status')
    check('reload-keeps-choice', r.find_element(
        By.CSS_SELECTOR, 'input[value="委託する"]').is_selected())
    got = open(path, encoding='utf-8').read()
    want = open(os.path.join(HERE, 'focused.expected.xml'),
                encoding='utf-8').read()
    check('expected-xml', got == want, ''.join(difflib.unified_diff(
        want.splitlines(True), got.splitlines(True), 'expected', 'saved',
        n=1))[:3000])
    v = subprocess.run([PIA, 'validate', path], capture_output=True,
                       text=True)
    check('validates', v.returncode == 0, v.stdout + v.stderr)
except Exception as e:  # a broken page must fail, not stop the suite
    import traceback
    traceback.print_exc()
    check("browser session", False, repr(e))
finally:
    if d is not None:
        d.quit()
    if ed.poll() is None:
        ed.terminate()
    try:
        _, err = ed.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        ed.kill()
        _, err = ed.communicate()
    check('server-stopped', ed.returncode == 0 and 'Sanitizer' not in err
          and 'runtime error' not in err, (ed.returncode, err[:3000]))
print('%d failed' % failed)
sys.exit(1 if failed else 0)
