import json
KF = ["file","post_id","source","reports_interview","company","role","level","round","questions","kind"]
subs = [json.loads(l) for l in open("../reddit_submissions.jsonl")]
lst = json.load(open("../reddit_listing.json"))
assert lst["kind"] == "Listing" and lst["data"]["dist"] == len(lst["data"]["children"])
posts = {"reddit_submissions.jsonl": [o for o in subs], "reddit_listing.json": [c["data"] for c in lst["data"]["children"]]}
ids = [o["id"] for v in posts.values() for o in v]
assert len(ids) == len(set(ids)), "duplicate ids"
for f, v in posts.items():
    for o in v:
        for fld in ["id","name","subreddit","title","selftext","is_self","permalink","url"]: assert fld in o, (o["id"], fld)
        assert o["name"] == "t3_" + o["id"] and f"/comments/{o['id']}/" in o["permalink"] and o["url"].endswith(o["permalink"])
        for c in o.get("comments", []): assert c["link_id"] == o["name"] and c["is_submitter"] is False
key = [json.loads(l) for l in open("../answer_key.jsonl")]
kid = [k["post_id"] for k in key]
assert len(kid) == len(set(kid)) and set(kid) == set(ids)
for k in key:
    assert list(k) == KF, k["post_id"]
    assert k["post_id"] in {o["id"] for o in posts[k["file"]]}, k["post_id"]
    assert k["reports_interview"] == bool(k["questions"])
    for q in k["questions"]: assert q.endswith(("?", ".")), q
print("ok", len(ids), "posts;", sum(k["reports_interview"] for k in key), "reports;", sum(len(k["questions"]) for k in key), "questions")
