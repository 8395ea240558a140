import json, glob, os, re
HERE = os.path.abspath('..')
def norm(s): return re.sub(r'[^a-z0-9]+', ' ', s.lower()).strip()
posts = [json.loads(l) for l in open('../reddit_submissions.jsonl')] + [c['data'] for c in json.load(open('../reddit_listing.json'))['data']['children']]
probes = []
for p in posts:
    probes.append(('id', p['id'], re.compile(r'\b' + re.escape(p['id']) + r'\b')))
    t = norm(p['title'])[:50]
    if len(t) > 15: probes.append(('title', p['id'], t))
    b = norm(p['selftext'])
    for frac in (0.1, 0.3, 0.5, 0.7, 0.9):
        if len(b) > 100:
            i = int(len(b) * frac); seg = b[i:i + 45]
            if len(seg) == 45: probes.append(('body', p['id'], seg))
texts = []
for f in glob.glob('/work/main/tests/data/**/*', recursive=True):
    if os.path.isdir(f) or os.path.abspath(f).startswith(HERE): continue
    try: raw = open(f, encoding='utf-8').read()
    except Exception: continue
    dec = raw
    try:
        if f.endswith('.jsonl'): dec = ' '.join(json.dumps(json.loads(l), ensure_ascii=False) for l in raw.splitlines() if l.strip())
    except Exception: pass
    texts.append((f, raw, norm(raw) + ' ' + norm(dec)))
hits = 0
for kind, pid, pr in probes:
    for f, raw, n in texts:
        ok = pr.search(raw) if kind == 'id' else (pr in n)
        if ok:
            hits += 1; print('HIT', kind, pid, f)
print(len(probes), 'probes,', hits, 'hits,', len(texts), 'files searched')
