import json, datetime, sys
sys.path.insert(0, '.')
from posts_raw import *
from key_by_hand import KEY

OUT = '..'

def dec(s):
    return json.loads('"' + s + '"')

def json_text(frags):
    return dec(dec(''.join(frags)))   # tool display -> file JSON escape -> text

def csv_text(frags):
    return dec(''.join(frags)).replace('""', '"')

subs, listing = [], []
src = {}
for pid, d in JSON_POSTS.items():
    url = d['url']
    perm = url.replace('https://www.reddit.com', '')
    o = {"id": pid, "name": "t3_" + pid, "subreddit": "cscareerquestions",
         "title": json_text([d['title']]), "selftext": json_text(d['selftext']), "is_self": True,
         "permalink": perm, "url": url, "created_utc": int(d['created_utc']),
         "score": d['score'], "num_comments": d['num_comments']}
    subs.append(o)
    w = ' and '.join(str(x) for x in d['windows'])
    src[pid] = (f"https://www.reddit.com{perm} (text from {NOCTURNE} {NOCTURNE_PATH} @ {NOCTURNE_COMMIT}, the object with id {pid} "
                f"(read_file window(s) at offset {w}); title and selftext copied verbatim from the JSON copy (its escapes decoded once), "
                f"HTML entities (&amp;) and Markdown escapes kept as stored; the copy has id, title, selftext, score, created_utc, num_comments and url: "
                f"permalink is the url's path; the copy has no author (left out), no flair and no comments)")

for pid, d in CSV_POSTS.items():
    sub = d['sub']
    perm = f"/r/{sub}/comments/{pid}/"
    body = csv_text(d['content'])
    if body == 'N/A':
        body = ''
    created = int(datetime.datetime.strptime(d['date'], '%Y-%m-%d %H:%M:%S').replace(tzinfo=datetime.timezone.utc).timestamp())
    o = {"id": pid, "name": "t3_" + pid, "subreddit": sub, "title": csv_text([d['title']]), "selftext": body,
         "is_self": True, "permalink": perm, "url": "https://www.reddit.com" + perm, "created_utc": created}
    commit = DOOM_COMMIT_EU if 'EU' in d['file'] else DOOM_COMMIT_NEW
    w = ' and '.join(str(x) for x in d['windows'])
    na = "; the copy's content 'N/A' (title-only post) is stored as empty selftext" if body == '' else ''
    src[pid] = (f"https://www.reddit.com{perm} (text from {DOOM} {d['file']} @ {commit}, the row with ID {pid} (read_file window(s) at offset {w}); "
                f"title and body copied verbatim, CSV quote doubling undone, HTML entities and Markdown escapes kept as stored{na}; "
                f"the copy has only ID, title, content and date: subreddit from the file name, permalink and url built from id and subreddit (no slug), "
                f"created_utc from the copy's date '{d['date']}' assuming UTC (the copy states no zone); no author, score or comments in the copy)")
    (subs if sub == 'developersIndia' else listing).append(o)

assert set(KEY) == {o['id'] for o in subs + listing}, set(KEY) ^ {o['id'] for o in subs + listing}

with open(f'{OUT}/reddit_submissions.jsonl', 'w', encoding='utf-8') as f:
    for o in subs:
        f.write(json.dumps(o, ensure_ascii=False) + '\n')
with open(f'{OUT}/reddit_listing.json', 'w', encoding='utf-8') as f:
    json.dump({"kind": "Listing", "data": {"after": None, "dist": len(listing),
               "children": [{"kind": "t3", "data": o} for o in listing]}}, f, ensure_ascii=False, indent=1)
    f.write('\n')
with open(f'{OUT}/answer_key.jsonl', 'w', encoding='utf-8') as f:
    for fname, objs in (('reddit_submissions.jsonl', subs), ('reddit_listing.json', listing)):
        for o in objs:
            r, comp, role, level, rnd, qs, kind = KEY[o['id']]
            f.write(json.dumps({"file": fname, "post_id": o['id'], "source": src[o['id']], "reports_interview": r,
                                "company": comp, "role": role, "level": level, "round": rnd, "questions": qs,
                                "kind": kind}, ensure_ascii=False) + '\n')
print(len(subs), len(listing))
