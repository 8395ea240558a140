import json, os
D = '..'
errors = []
files = {}
files['reddit_submissions.jsonl'] = [json.loads(l) for l in open(f'{D}/reddit_submissions.jsonl', encoding='utf-8') if l.strip()]
lst = json.load(open(f'{D}/reddit_listing.json', encoding='utf-8'))
assert lst['kind'] == 'Listing'
files['reddit_listing.json'] = [c['data'] for c in lst['data']['children']]
if lst['data']['dist'] != len(files['reddit_listing.json']): errors.append('dist')
for c in lst['data']['children']:
    if c['kind'] != 't3': errors.append('kind ' + c['data']['id'])
where = {}
for fn, objs in files.items():
    for o in objs:
        if o['id'] in where: errors.append('dup ' + o['id'])
        where[o['id']] = fn
        if o['name'] != 't3_' + o['id']: errors.append('name ' + o['id'])
        if f"/comments/{o['id']}/" not in o['permalink'] or not o['url'].endswith(o['permalink']): errors.append('link ' + o['id'])
        if '""' in o['title'] + o['selftext']: errors.append('csv quotes ' + o['id'])
        for k in ('id', 'name', 'subreddit', 'title', 'selftext', 'is_self', 'permalink', 'url', 'created_utc'):
            if k not in o: errors.append(f'missing {k} {o["id"]}')
key = [json.loads(l) for l in open(f'{D}/answer_key.jsonl', encoding='utf-8') if l.strip()]
FIELDS = ['file', 'post_id', 'source', 'reports_interview', 'company', 'role', 'level', 'round', 'questions', 'kind']
seen = set()
nq = nr = 0
for k in key:
    if list(k) != FIELDS: errors.append('fields ' + k['post_id'])
    if k['post_id'] in seen: errors.append('dup key ' + k['post_id'])
    seen.add(k['post_id'])
    if where.get(k['post_id']) != k['file']: errors.append(f"file mismatch {k['post_id']} {k['file']} {where.get(k['post_id'])}")
    if k['reports_interview'] != bool(k['questions']): errors.append('reports/questions ' + k['post_id'])
    for q in k['questions']:
        if not q.strip().endswith(('?', '.')): errors.append('ending ' + q)
    nq += len(k['questions']); nr += k['reports_interview']
if seen != set(where): errors.append('id sets differ: ' + str(seen ^ set(where)))
print('posts', len(where), 'key lines', len(key), 'reports', nr, 'questions', nq)
print('by file', {fn: len(o) for fn, o in files.items()})
print('ERRORS' if errors else 'no errors', errors)
