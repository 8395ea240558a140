import json, datetime, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from key_by_hand import KEY
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def snow(i):
    ms = (int(i) >> 22) + 1288834974657
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)

# Texts: visible text of the tweet embeds as stored (HTML entities decoded, <br> -> \n, link markup -> visible text).
TWEETS_JS = [
    ("995068743540707329", "jlowin", "Jeremiah Lowin", "May 11, 2018",
     "Interviewer: Tell me about your qualifications. \n\nCandidate: I'm very quick at math. \n\nInterviewer: What's the square root of 700?\n\nCandidate: 4. \n\nInterviewer: That's not even close. \n\nCandidate: Yeah, but it was quick.",
     "code index file id 11985050313 (a Markdown blog post on productive work; <blockquote class=\"twitter-tweet\"> embed, read by find_string context)"),
    ("889459230499098624", "maxhaarhaus", "Max Haarhaus", "July 24, 2017",
     "Interviewer: it says here your interests include connecting people \n\nMe: correcting people, actually \n\nI: no it's-\n\nMe: i know what it says",
     "code index file ids 2398740512 and 2634891962 (an AngularJS personal site's HomeCtrl list of favourite-tweet embeds; whole file read with read_file); same text in both copies"),
]
X_API = [
    ("1405626129180987394", "Shpigford", "Josh Pigford", "June 17, 2021",
     "Hiring a frontend engineer who's really great at HTML + CSS is surprisingly difficult.",
     "code index file id 40667001978 (a Markdown blog post on HTML/CSS skills; tweet embed with aria-label 'Tweet by Josh Pigford, posted on June 17, 2021', read by find_string context)"),
    ("1177316833063591937", "alexellisuk", "Alex Ellis", "September 26, 2019",
     "I was asked today by a lead developer at IBM how he could avoid polling @GitHub and get webhooks his for @tektoncd pipelines, directly to his laptop.\n\n\"Webhooks... Great when you can get them\" #devlife #cicd #github #stripe #strava #inletsdevhttps://t.co/wQu470ilS0",
     "code index file id 6401396225 (a Markdown blog post about inlets, 'Share with your network' embed; read_file offset 6000)"),
]

def src(handle, tid, copy, date):
    return (f"https://twitter.com/{handle}/status/{tid} (@{handle}; text from the tweet embed in {copy}; embed date {date}, "
            f"created_at derived from the snowflake id and matching it; HTML entities decoded, <br> as newline, link markup reduced to its visible text; t.co link not resolved)")

recs = []
for tid, h, name, date, text, copy in TWEETS_JS:
    recs.append({"tweet": {"id_str": tid, "id": tid, "full_text": text, "lang": "en",
                           "created_at": snow(tid).strftime("%a %b %d %H:%M:%S +0000 %Y")}})
with open(os.path.join(OUT, "tweets.js"), "w", encoding="utf-8") as f:
    f.write("window.YTD.tweets.part0 = " + json.dumps(recs, ensure_ascii=False, indent=1) + "\n")

data = []
for tid, h, name, date, text, copy in X_API:
    data.append({"id": tid, "text": text, "created_at": snow(tid).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                 "edit_history_tweet_ids": [tid]})
with open(os.path.join(OUT, "x_api_v2.json"), "w", encoding="utf-8") as f:
    json.dump({"data": data, "meta": {"result_count": len(data)}}, f, ensure_ascii=False, indent=1)
    f.write("\n")

with open(os.path.join(OUT, "answer_key.jsonl"), "w", encoding="utf-8") as f:
    for fname, rows in (("x_api_v2.json", X_API), ("tweets.js", TWEETS_JS)):
        for tid, h, name, date, text, copy in rows:
            k = KEY[tid]
            line = {"file": fname, "post_id": tid, "source": src(h, tid, copy, date),
                    "reports_interview": k["reports_interview"], "company": k["company"], "role": k["role"],
                    "level": k["level"], "round": k["round"], "questions": k["questions"], "kind": k["kind"]}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
for tid, h, name, date, *_ in TWEETS_JS + X_API:
    print(tid, h, date, snow(tid).isoformat())
