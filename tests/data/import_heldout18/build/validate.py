import json, os, re
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errs = []
posts = {}
x = json.load(open(os.path.join(D, "x_api_v2.json"), encoding="utf-8"))
if x["meta"]["result_count"] != len(x["data"]): errs.append("result_count")
for r in x["data"]:
    for k in ("id", "text", "created_at", "edit_history_tweet_ids"):
        if k not in r: errs.append(f"x_api_v2 {r.get('id')} missing {k}")
    posts[("x_api_v2.json", r["id"])] = r["text"]
t = open(os.path.join(D, "tweets.js"), encoding="utf-8").read()
pre = "window.YTD.tweets.part0 = "
if not t.startswith(pre): errs.append("tweets.js prefix")
for r in json.loads(t[len(pre):]):
    tw = r["tweet"]
    if tw["id"] != tw["id_str"]: errs.append("id/id_str")
    posts[("tweets.js", tw["id_str"])] = tw["full_text"]
FIELDS = ["file", "post_id", "source", "reports_interview", "company", "role", "level", "round", "questions", "kind"]
keyed = set()
for n, line in enumerate(open(os.path.join(D, "answer_key.jsonl"), encoding="utf-8"), 1):
    k = json.loads(line)
    if list(k) != FIELDS: errs.append(f"key line {n} fields {list(k)}")
    if (k["file"], k["post_id"]) not in posts: errs.append(f"key line {n}: {k['file']} {k['post_id']} not in files")
    if (k["file"], k["post_id"]) in keyed: errs.append(f"duplicate key {k['post_id']}")
    keyed.add((k["file"], k["post_id"]))
    if k["reports_interview"] != bool(k["questions"]): errs.append(f"{k['post_id']} reports/questions mismatch")
    for q in k["questions"]:
        if not q.endswith(("?", ".")): errs.append(f"{k['post_id']} question end: {q}")
for p in posts:
    if p not in keyed: errs.append(f"post without key line {p}")
ids = [p[1] for p in posts]
if len(ids) != len(set(ids)): errs.append("duplicate post ids")
print(f"{len(posts)} posts, {len(keyed)} key lines, "
      f"{sum(1 for l in open(os.path.join(D,'answer_key.jsonl')) if json.loads(l)['reports_interview'])} reports, "
      f"{sum(len(json.loads(l)['questions']) for l in open(os.path.join(D,'answer_key.jsonl')))} questions")
print("errors:", errs or "none")
