#!/usr/bin/env python3
"""ttc2otf.py TTC INDEX OUT: copies one face of a font collection into a
standalone OpenType file (for Apache FOP, which cannot read a .ttc CFF
face).  Benchmark helper only."""
import struct, sys

src, index, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = open(src, 'rb').read()
assert d[:4] == b'ttcf', 'not a font collection'
n = struct.unpack('>I', d[8:12])[0]
off = struct.unpack('>I', d[12 + 4 * index:16 + 4 * index])[0]
sfnt, num = struct.unpack('>IH', d[off:off + 6])
recs = []
for i in range(num):
    tag, cs, o, ln = struct.unpack('>4sIII', d[off + 12 + 16 * i:off + 28 + 16 * i])
    recs.append((tag, cs, o, ln))
hdr = d[off:off + 12]
pos = 12 + 16 * num
body = b''
table = b''
for tag, cs, o, ln in recs:
    table += struct.pack('>4sIII', tag, cs, pos + len(body), ln)
    data = d[o:o + ln]
    body += data + b'\0' * ((4 - ln % 4) % 4)
open(out, 'wb').write(hdr + table + body)
