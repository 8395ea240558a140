import json, os, re
root = "../.."
files = [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if "import_heldout19" not in d]
texts = {}
for f in files:
    try: t = open(f, encoding="utf-8", errors="ignore").read()
    except Exception: continue
    texts[f] = (t, re.sub(r"[^a-z0-9]", "", t.lower()))
posts = [json.loads(l) for l in open("../reddit_submissions.jsonl")] + [c["data"] for c in json.load(open("../reddit_listing.json"))["data"]["children"]]
probes = hits = 0
for o in posts:
    norm = lambda s: re.sub(r"[^a-z0-9]", "", s.lower())
    ps = [("id", o["id"])] + [("title", norm(o["title"])[:50])]
    b = norm(o["selftext"])
    for frac in (0.2, 0.5, 0.8):
        i = int(len(b) * frac); seg = b[i:i + 45]
        if len(seg) >= 30: ps.append(("body", seg))
    for kind, p in ps:
        probes += 1
        for f, (raw, low) in texts.items():
            if (kind == "id" and re.search(r"(?<![A-Za-z0-9])" + re.escape(p) + r"(?![A-Za-z0-9])", raw)) or (kind != "id" and p and p in low):
                hits += 1; print("HIT", o["id"], kind, f)
print(len(texts), "files;", probes, "probes;", hits, "hits")
