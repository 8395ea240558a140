import json, sys
sys.path.insert(0, '.')
from key_by_hand import KEY, COMMIT
from posts_raw import P, C
SCORE = {"cdp9yz":1157,"1jacea9":2245,"1i8p6am":2509,"6tq40n":0,"6yqyve":1,"4bzt3m":7,"3rhybl":5,"3w08b8":0,"dfzw2g":194,
 "56cu67":5,"3rqd8g":4,"6qmf25":0,"3tsams":5,"6ykr31":1,"1p4mgjh":0,"ewikg1":1,"1o38c46":0,"70q3my":16,"2vmuaf":1,"1pbpxu6":2,
 "1ok70tt":0,"1mskasf":3,"7gqo89":25,"1lr0a2b":4,"1kj01n6":2,"5e7vro":8,"1m8mg0u":1,"1on5iqw":0,"1khb1vr":6}
def dec(x):  # the tool showed the file text JSON-escaped once more: decode twice
    return json.loads('"' + json.loads('"' + x + '"') + '"')
subs, listing, key = [], [], []
for (f, pid, sub, slug, exp, off, rep, comp, role, lvl, rnd, qs, kind) in KEY:
    title, body = P[pid]
    perm = f"/r/{sub}/comments/{pid}/{slug}/"
    o = {"id": pid, "name": "t3_" + pid, "subreddit": sub, "title": dec(title), "selftext": dec(body), "is_self": True,
         "permalink": perm, "url": "https://www.reddit.com" + perm, "score": SCORE[pid]}
    if pid in C:
        assert f == "submissions"
        o["num_comments"] = len(C[pid])
        o["comments"] = [{"id": f"h19-{pid}-c{i+1}", "body": dec(b), "link_id": "t3_" + pid, "is_submitter": False, "replies": []}
                         for i, b in enumerate(C[pid])]
    (subs if f == "submissions" else listing).append(o)
    fname = "reddit_submissions.jsonl" if f == "submissions" else "reddit_listing.json"
    src = (f"https://www.reddit.com{perm} (text from dave/jobwiz data/scraped-exports/{exp}.json @ {COMMIT}, the post whose url ends "
           f"/comments/{pid}/{slug}/ (read_file window at offset {off}); title and body copied verbatim from the JSON copy (its escapes decoded), "
           "HTML entities (&amp;, &gt;) and Markdown escapes kept as stored; the copy has title, body, subreddit, score, url and some comment "
           "bodies: id taken from the url, permalink and url rebuilt on www.reddit.com; no author, date or flair in the copy (left out)"
           + ("; comments: the copy's comment bodies in its order, without authors or ids: ids made up (h19-<post id>-cN), is_submitter false, "
              "num_comments counts only these" if pid in C else "; comments in the copy left out") + ")")
    key.append({"file": fname, "post_id": pid, "source": src, "reports_interview": rep, "company": comp, "role": role, "level": lvl,
                "round": rnd, "questions": qs, "kind": kind})
out = ".."
with open(f"{out}/reddit_submissions.jsonl", "w") as fh:
    for o in subs: fh.write(json.dumps(o, ensure_ascii=False) + "\n")
with open(f"{out}/reddit_listing.json", "w") as fh:
    json.dump({"kind": "Listing", "data": {"after": None, "dist": len(listing), "children": [{"kind": "t3", "data": o} for o in listing]}},
              fh, ensure_ascii=False, indent=1)
# key: submissions first, then listing, each in file order
order = {o["id"]: i for i, o in enumerate(subs + listing)}
key.sort(key=lambda k: order[k["post_id"]])
with open(f"{out}/answer_key.jsonl", "w") as fh:
    for k in key: fh.write(json.dumps(k, ensure_ascii=False) + "\n")
print(len(subs), len(listing), sum(k["reports_interview"] for k in key), sum(len(k["questions"]) for k in key))
