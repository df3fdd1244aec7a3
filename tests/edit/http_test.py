#!/usr/bin/env python3
"""http_test.py: pia edit over HTTP, without a browser (http.client only).

Usage: http_test.py PIA WORKDIR

Starts `PIA edit` on copies of the samples in WORKDIR and checks what a
hostile page or a careless user could do: the token, Host and Origin
checks, the size limit, paths outside FILE, the refusal to save over a
file changed on disk, atomic saves, what is saved when the server stops.
Prints one line per check, "ok NAME" or "FAIL NAME: why".
"""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

PIA, WORK = sys.argv[1], sys.argv[2]
ROOT = os.getcwd()
failed = 0


def check(name, cond, why=''):
    global failed
    if cond:
        print('ok ' + name)
    else:
        failed += 1
        print('FAIL %s: %s' % (name, why))


class Editor:
    """One `pia edit` process and its URL."""

    def __init__(self, path, *args):
        self.path = path
        self.p = subprocess.Popen([PIA, 'edit', '--no-open'] + list(args) +
                                  [path], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        line = ''
        deadline = time.time() + 20
        while time.time() < deadline:
            line = self.p.stdout.readline()
            if 'http://' in line or line == '':
                break
        m = re.search(r'http://127\.0\.0\.1:(\d+)/\?t=([0-9a-f]{32})', line)
        if m is None:
            self.p.kill()
            raise RuntimeError('no URL: ' + line + self.p.stderr.read())
        self.port, self.token = int(m.group(1)), m.group(2)
        self.host = '127.0.0.1:%d' % self.port

    def req(self, method, url, body=None, headers=None, token=True):
        h = {'Host': self.host}
        if token:
            h['X-Pia-Token'] = self.token
        h.update(headers or {})
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            h['Content-Type'] = 'application/x-www-form-urlencoded'
        c = http.client.HTTPConnection('127.0.0.1', self.port, timeout=30)
        c.putrequest(method, url, skip_host=True,
                     skip_accept_encoding=True)
        for k, v in h.items():
            c.putheader(k, v)
        if body is not None:
            data = body.encode() if isinstance(body, str) else body
            if 'Content-Length' not in h:
                c.putheader('Content-Length', str(len(data)))
            c.endheaders()
            try:
                c.send(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            c.endheaders()
        try:
            r = c.getresponse()
            out = (r.status, dict(r.getheaders()), r.read())
        except (ConnectionResetError, BrokenPipeError,
                http.client.RemoteDisconnected):
            out = (0, {}, b'')
        c.close()
        return out

    def set(self, addr, value):
        return self.req('POST', '/api/set', {'a': addr, 'v': value})

    def stop(self, sig=signal.SIGTERM):
        if self.p.poll() is None:
            self.p.send_signal(sig)
        try:
            out, err = self.p.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.p.kill()
            out, err = self.p.communicate()
        if 'Sanitizer' in err or 'runtime error' in err:
            check('sanitizer', False, err[:3000])
        return self.p.returncode, err


def fresh(name, sample='samples/focused.xml'):
    d = os.path.join(WORK, name)
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, 'a.xml')
    shutil.copy(os.path.join(ROOT, sample), p)
    return d, p


# -- the token, Host, Origin, methods --
d, p = fresh('guard')
e = Editor(p)
try:
    st, h, body = e.req('GET', '/', token=False)
    check('no-token', st == 403, st)
    st, h, body = e.req('GET', '/?t=' + '0' * 32, token=False)
    check('wrong-token', st == 403, st)
    st, h, body = e.req('GET', '/?t=' + e.token[:31], token=False)
    check('short-token', st == 403, st)
    st, h, body = e.req('GET', '/?t=' + e.token, token=False)
    check('token-in-url', st == 200 and b'<html' in body, st)
    check('csp', "script-src 'self'" in h.get('Content-Security-Policy', ''),
          h)
    check('no-referrer', h.get('Referrer-Policy') == 'no-referrer', h)
    st, h, body = e.req('GET', '/api/state')
    check('token-in-header', st == 200 and json.loads(body)['kind'] ==
          'focused', st)
    st, h, body = e.req('GET', '/', headers={'Host': 'evil.example:%d' %
                                             e.port})
    check('dns-rebinding-host', st == 421, st)
    st, h, body = e.req('GET', '/', headers={'Host': 'localhost:%d' %
                                             e.port})
    check('localhost-host', st == 200, st)
    st, h, body = e.req('POST', '/api/ping', {},
                        headers={'Origin': 'http://evil.example'})
    check('foreign-origin', st == 403, st)
    st, h, body = e.req('POST', '/api/ping', {},
                        headers={'Origin': 'http://127.0.0.1:%d' % e.port})
    check('own-origin', st == 200, st)
    st, h, body = e.req('POST', '/api/set', {'a': 'cover/number', 'v': 'x'},
                        headers={'Origin': 'null'})
    check('null-origin', st == 403, st)
    st, h, body = e.req('GET', '/api/state',
                        headers={'Sec-Fetch-Site': 'cross-site'})
    check('cross-site', st == 403, st)
    st, h, body = e.req('PUT', '/api/set', 'x')
    check('method', st == 405, st)
    st, h, body = e.req('GET', '/editor.js')
    check('script', st == 200 and h.get('Content-Type', '').startswith(
        'text/javascript'), st)

    # -- the size limit --
    big = 'a=cover%2Fnumber&v=' + 'x' * (2 * 1024 * 1024)
    st, h, body = e.req('POST', '/api/set', big,
                        headers={'Content-Type':
                                 'application/x-www-form-urlencoded'})
    check('body-too-large', st == 413, st)
    st, h, body = e.req('POST', '/api/set', 'a=b',
                        headers={'Content-Length': str(10 ** 9)})
    check('declared-too-large', st == 413, st)
    st, h, body = e.req('GET', '/api/state?x=' + 'y' * 200000)
    check('url-too-long', st in (0, 413, 414, 431), st)
    st, h, body = e.req('GET', '/api/state')
    check('alive-after-limits', st == 200, st)

    # -- no path outside FILE --
    before = sorted(os.listdir(d))
    for u in ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
              '/editor.js/../../../etc/passwd', '/templates/editor/form.xsl',
              '/a.xml', '//etc/passwd', '/api/../../a.xml']:
        st, h, body = e.req('GET', u)
        check('path %s' % u, st == 404 and b'root:' not in body, st)
    for a in ['../../../etc/passwd', '/etc/passwd', 'cover/../../x',
              'files/file#file-1/../../x', 'cover/number/..', '']:
        st, h, body = e.set(a, 'x')
        check('address %r' % a, st == 400, st)
    st, h, body = e.req('POST', '/api/add', {'a': '../../tmp/x'})
    check('add-outside', st == 400, st)
    for a in ['disclosure/request/nothing', 'business-flow/notes']:
        st, h, body = e.set(a, 'x')
        check('no-such-field %s' % a, st == 400, st)
    st, h, body = e.req('POST', '/api/add',
                        {'a': 'disclosure/request/nothing/x'})
    check('no-such-list', st == 400, st)
    st, h, body = e.req('GET', '/api/state')
    check('refused-changes-nothing', not json.loads(body)['dirty'])
    check('no-file-written', sorted(os.listdir(d)) == before,
          os.listdir(d))
finally:
    rc, err = e.stop()
check('stops-on-sigterm', rc == 0, (rc, err))
check('nothing-saved-without-edits',
      open(p, 'rb').read() == open(os.path.join(ROOT, 'samples/focused.xml'),
                                   'rb').read())

# -- atomic save, refusal over a file changed on disk --
d, p = fresh('save')
e = Editor(p)
try:
    ino = os.stat(p).st_ino
    st, h, body = e.set('cover/number', '42')
    check('set', st == 200 and json.loads(body)['changed'], (st, body[:200]))
    st, h, body = e.req('POST', '/api/save', {'force': '0'})
    check('save', st == 200 and json.loads(body)['ok'], (st, body))
    text = open(p, encoding='utf-8').read()
    check('saved-value', '<number>42</number>' in text)
    check('save-is-rename', os.stat(p).st_ino != ino)
    check('no-temp-left', sorted(os.listdir(d)) == ['a.xml'], os.listdir(d))
    orig = open(os.path.join(ROOT, 'samples/focused.xml'),
                encoding='utf-8').read()
    check('rest-kept', text == orig.replace('<number>7</number>',
                                            '<number>42</number>'))
    # another program writes the file
    with open(p, 'a', encoding='utf-8') as f:
        f.write('<!-- edited elsewhere -->\n')
    changed = open(p, 'rb').read()
    e.set('cover/number', '43')
    st, h, body = e.req('POST', '/api/save', {'force': '0'})
    check('conflict-refused', st == 409 and json.loads(body)['conflict'],
          (st, body))
    check('conflict-says-so', 'ディスク上で変更' in json.loads(body)['msg'],
          body)
    check('conflict-file-untouched', open(p, 'rb').read() == changed)
    # the same bytes with a new time is no conflict
    st, h, body = e.req('POST', '/api/save', {'force': '1'})
    check('forced-save', st == 200, (st, body))
    os.utime(p, (time.time() + 5, time.time() + 5))
    e.set('cover/number', '44')
    st, h, body = e.req('POST', '/api/save', {'force': '0'})
    check('touch-is-no-conflict', st == 200, (st, body))
finally:
    rc, err = e.stop()
check('stops', rc == 0, (rc, err))

# -- what stopping does with unsaved edits --
d, p = fresh('exit')
e = Editor(p)
e.set('cover/number', '99')
rc, err = e.stop(signal.SIGINT)
check('saved-on-sigint', rc == 0 and '<number>99</number>' in
      open(p, encoding='utf-8').read(), (rc, err))
d, p = fresh('recover')
e = Editor(p)
e.set('cover/number', '98')
with open(p, 'a', encoding='utf-8') as f:
    f.write('<!-- edited elsewhere -->\n')
rc, err = e.stop()
rec = os.path.join(d, 'a.recovered.xml')
check('recovered-beside', rc == 0 and os.path.exists(rec) and
      '<number>98</number>' in open(rec, encoding='utf-8').read() and
      'edited elsewhere' in open(p, encoding='utf-8').read(), (rc, err))

# -- the page closed: stops by itself --
d, p = fresh('idle')
e = Editor(p, '--idle', '2')
t0 = time.time()
try:
    e.p.wait(timeout=15)
except subprocess.TimeoutExpired:
    pass
check('idle-stop', e.p.poll() == 0 and time.time() - t0 < 10,
      e.p.poll())
e.stop()

# -- the buttons: PDF preview, 変更箇所 from --prev --
d, p = fresh('buttons', 'samples/full.xml')
e = Editor(p, '--prev', os.path.join(ROOT, 'samples/full-prev.xml'))
try:
    st, h, body = e.req('GET', '/api/pdf')
    check('pdf', st == 200 and body[:5] == b'%PDF-' and
          h.get('Content-Type') == 'application/pdf', (st, body[:200]))
    st, h, body = e.req('GET', '/api/changes')
    rows = json.loads(body)['rows'] if st == 200 else []
    hist = subprocess.run([PIA, 'history', '--date', '2026-02-02',
                           os.path.join(ROOT, 'samples/full-prev.xml'), p,
                           '-o', os.path.join(d, 'h.xml')],
                          capture_output=True, text=True)
    n = re.search(r'(\d+) 行を追加', hist.stderr)
    check('changes-as-history', n is not None and len(rows) ==
          int(n.group(1)) and rows[0][0] == '表紙 公表日', (len(rows), hist))
    st, h, body = e.req('POST', '/api/history', {})
    check('history-added', st == 200 and json.loads(body)['added'] ==
          len(rows), (st, body))
    st, h, body = e.req('GET', '/api/changes')
    check('history-once', st == 200 and json.loads(body)['rows'] == [],
          body[:300])
    os.remove(os.path.join(d, 'h.xml'))
    e.set('cover/publication-date', '2026-02-30')
    st, h, body = e.req('GET', '/api/pdf')
    check('pdf-refused-with-errors', st == 422 and
          'PDF を作れませんでした' in body.decode(), (st, body[:300]))
    st, h, body = e.req('POST', '/api/save', {'force': '0'})
    check('saved-with-history', st == 200 and open(p, encoding='utf-8')
          .read().count('<change id=') > 8)
finally:
    e.stop()
d, p = fresh('noprev')
e = Editor(p)
try:
    st, h, body = e.req('GET', '/api/changes')
    check('changes-need-prev', st == 404, st)
finally:
    e.stop()

# -- loopback only; a new file; the English page --
d = os.path.join(WORK, 'new')
os.makedirs(d, exist_ok=True)
p = os.path.join(d, 'draft.xml')
e = Editor(p, '--kind', 'focused', '--lang', 'en')
try:
    tcp = open('/proc/net/tcp').read().split('\n')[1:]
    bound = [ln.split()[1] for ln in tcp if ln.strip() and
             ln.split()[1].endswith(':%04X' % e.port) and
             ln.split()[3] == '0A']
    check('loopback-only', bound == ['0100007F:%04X' % e.port], bound)
    st, h, body = e.req('GET', '/')
    page = body.decode()
    check('page-en', '>Save<' in page and 'lang="en"' in page)
    check('page-labels', '委託の有無' in page and '※' in page and
          '1) 委託する' in page, page[:200])
    check('new-not-written', not os.path.exists(p))
    e.req('POST', '/api/save', {'force': '0'})
    new = subprocess.run([PIA, 'new', '--kind', 'focused'],
                         capture_output=True).stdout
    check('new-saved-as-pia-new', open(p, 'rb').read() == new)
finally:
    e.stop()

print('%d failed' % failed)
sys.exit(1 if failed else 0)
