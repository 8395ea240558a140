"""Import files in the real export shapes, built in code so each test shows what it feeds the importer."""

import json

REDDIT_POST = {
    "title": "Meta MLE onsite questions",
    "selftext": "Just did my onsite at Meta for a Senior ML Engineer role.\n\n"
                "1. How would you design a feed ranking system for a billion users?\n"
                "2. What is the difference between L1 and L2 regularisation?\n"
                "3. Round three was behavioral.\n\nAny tips for the next round?",
    "permalink": "/r/MachineLearning/comments/abc123/meta_mle_onsite/",
    "created_utc": 1714560000.0,
    "subreddit": "MachineLearning",
}


def reddit_listing(*posts: dict) -> bytes:
    children = [{"kind": "t3", "data": post} for post in posts or (REDDIT_POST,)]
    listing = {"kind": "Listing", "data": {"after": None, "dist": len(children), "children": children}}
    return json.dumps(listing).encode()


def reddit_jsonl(*posts: dict) -> bytes:
    return "\n".join(json.dumps({"id": f"p{n}", "score": 10, **post})
                     for n, post in enumerate(posts or (REDDIT_POST,))).encode()


def x_api_v2(*tweets: tuple[str, str]) -> bytes:
    data = [{"id": tweet_id, "text": text, "created_at": "2024-05-02T09:30:00.000Z", "author_id": "42",
             "edit_history_tweet_ids": [tweet_id]} for tweet_id, text in tweets]
    return json.dumps({"data": data, "includes": {"users": [{"id": "42", "username": "mlhiring", "name": "ML"}]},
                       "meta": {"result_count": len(data)}}).encode()


def x_archive(*tweets: tuple[str, str]) -> bytes:
    items = [{"tweet": {"id_str": tweet_id, "id": tweet_id, "full_text": text, "lang": "en",
                        "created_at": "Thu May 02 09:30:00 +0000 2024", "favorite_count": "3"}}
             for tweet_id, text in tweets]
    return ("window.YTD.tweets.part0 = " + json.dumps(items, indent=2)).encode()


def own_json(*rows: dict) -> bytes:
    return json.dumps(list(rows)).encode()


def own_jsonl(*rows: dict) -> bytes:
    return "\n".join(json.dumps(row) for row in rows).encode()
