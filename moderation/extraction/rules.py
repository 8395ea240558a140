"""The offline reader: general rules a careful moderator follows, no model.

1. Classify: a post reports an interview when it says something was asked ("they asked", "got asked", "the second
   round was about ...") or tells of an interview that happened; requests for help before an interview, job ads
   and news do not, unless they also say what was asked.
2. Extract, sentence by sentence (the title is the first sentence), keeping each question's span of the post:
   reported speech turned into direct speech ("asked if I had X" -> "Do you have X?", "asked how I'd X" ->
   "How would you X?", "asked me to X" -> "X.", "the round was about X" -> "Explain X."), direct questions that are
   not addressed to the community or rhetorical, and list items that ask or set a task even without a "?".
"""

import re
from bisect import bisect_right
from itertools import takewhile

from ..splitting import company_in, role_in
from .types import Extracted, PostReading

MIN_CONTENT_WORDS = 1
SUGGESTIONS = 40  # at most, on a post's page
MIN_SUGGESTION_WORDS, MAX_SUGGESTION_WORDS, MAX_SUGGESTION_CHARS = 3, 80, 1000
ASKING = re.compile(r"\b(?:asked|asking|asks|quizzed|grilled|wanted\s+to\s+know|had\s+(?:me|us)\s+to|question\s+was)\b",
                    re.IGNORECASE)
MAX_TOPIC_WORDS = 8
MIN_BRACKETED_TOPICS = 3  # "(2 medium, 1 easy)" counts; it is not a list of topics
MAX_BRACKETED_TOPICS = 12  # so one long list leaves room in the suggestions for the rest of the post
CODE_ARGUMENT = re.compile(r"[a-z_][a-z0-9_]*")  # merge(left, right, out): a name before, names inside
BRACKETED = re.compile(r"[(\[](?P<inner>(?:[^()\[\]]|[(\[][^()\[\]]*[)\]])+)[)\]]")
NESTED_BRACKETS = re.compile(r"[(\[][^()\[\]]*[)\]]")
TOPIC_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|;\s*|\s+&\s+")

# --- classification cues ----------------------------------------------------------------------------------------

ASKED = re.compile(
    r"\b(?:(?:was|were|got|get|been|being|i'm|am)\s+(?:also\s+|then\s+|first\s+)?asked|asked\s+(?:me|us)\b|"
    r"(?:they|he|she|interviewers?|recruiter|manager|panel|engineer|lead|person|guy|team|cto|ceo|founder|raiser)\s+"
    r"(?:also\s+|then\s+|first\s+|just\s+|later\s+|\w+ly\s+)?(?:asked|wanted|had\s+me|made\s+me|gave\s+me|grilled|quizzed|"
    r"drilled|probed|pressed)|questions?\s+(?:i|we)\s+(?:got|had|was\s+asked|were\s+asked)|"
    r"(?:round|screen|interview|onsite|call|part|portion|session|question)\s+(?:\w+\s+){0,2}(?:was|were|focused|"
    r"focussed|centered|centred)\s+(?:all\s+|mostly\s+|entirely\s+|purely\s+)?(?:about|on|around)|"
    r"(?:questions|they|it)\s+(?:were|was)\s+(?:all\s+|mostly\s+)?(?:(?:focused|focussed|centered|centred)\s+)?"
    r"(?:about|on|around)\b|"
    r"(?:first|second|third|next|last|final|one|other)\s+question\s+(?:was|is)|q\d\s*[:.)-]|"
    r"i\s+was\s+(?:given|tasked)|(?<!\bI\s)asked\s+(?:in|at|during|by)\b|"
    r"(?:my|the|our)\s+(?:\w+\s+)?(?:interview|screen|onsite|round|loop)\s+questions?\b|"
    r"(?:interview|screen|onsite)\s+questions?\s*[:\-–]|questions\s+(?:from|at|in)\s+(?:my|an?|the|today)|"
    r"(?:we|i)\s+had\s+to\s+(?:design|implement|build|write|code|explain|solve)|"
    r"(?:interview|onsite|screen|loop)\s+experience\b|\bhere\s+(?:are|is)\s+(?:the\s+)?(?:\d+|some|a\s+few|few)\s+"
    r"(?:\w+\s+)?(?:from|of)\s+(?:the|my)\s+(?:\w+\s+)?(?:interview|screen|round)|\bquestion\s+(?:was|is)\s+(?:literally\s+|simply\s+|just\s+)?"
    r"[\"“])",
    re.IGNORECASE,
)
# "Q: How would you design ...?": a question labelled as one, as the interviewer put it (read from the whole post:
# the question itself is left out of what ASKED reads)
LABELLED_QUESTION = re.compile(r"(?:^|[.!?]\s+|\n)\s*q\s*:\s*(?:how|what|why|when|which|explain|design|implement|"
                               r"describe|write|walk)\b", re.IGNORECASE)
# "I got asked to do an interview there": an invitation to interview, not a question ("asked me to do a system design
# round: design Twitter" sets one, and so does a colon after the interview)
ASKED_TO_INTERVIEW = re.compile(r"\s+(?:me\s+|us\s+)?(?:if\s+I\s+(?:could|can|would)\s+|to\s+)"
                                r"(?:do|take|have|attend|book|schedule|come\s+(?:in\s+|back\s+)?(?:for|to))\s+"
                                r"(?:an?\s+|the\s+|my\s+|another\s+)?(?:[\w-]+\s+){0,2}(?:interviews?|onsites?|on-sites?)\b"
                                r"(?!\s*:)", re.IGNORECASE)
# The poster is the interviewer (or the hiring side), or lists the questions they asked the interviewer.
OTHER_SIDE = re.compile(
    r"\bI(?:'ve|\s+have)?\s+(?:interviewed|conducted|hired)\s+(?:over\s+|more\s+than\s+|about\s+)?(?:\d|hundreds|"
    r"dozens|tons|lots|many|a\s+lot)|\bI(?:'m|\s+am)\s+(?:an?\s+)?(?:interviewer|hiring\s+manager|recruiter|"
    r"co-?founder|founder)\b|\bas\s+an\s+interviewer\b|\b(?:hiring|interviewing)\s+(?:ml|ai|software|data)?\s*"
    r"(?:engineers|candidates|people)\b|\bquestions\s+(?:I|we)\s+(?:asked|ask)\b|\bquestions\s+to\s+ask\b|"
    # "I was the interviewer today", "I interviewed a candidate": the poster asked, and was answered
    r"\bI\s+(?:was|am|'m|’m)\s+(?:the|an?)\s+interviewer\b|\bI\s+interviewed\s+(?:a|an|the|our|two|three|\d+)\s+"
    r"(?:\w+\s+)?(?:candidates?|interns?|applicants?|people|engineers?|grads?)\b",
    re.IGNORECASE,
)
LOGISTICS = re.compile(r"\b(?:salary|compensation|comp|ctc|notice\s+period|visa|sponsorship|relocat\w*|start\s+date|"
                       r"availability|equity|bonus(?:es)?|pay|paycheck|benefits|wfh|remote|hybrid|"
                       r"offers?|interested\s+in\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:role|position|job|"
                       r"opportunity)|like\s+to\s+interview)\b", re.IGNORECASE)
# A listed topic about the job offer, not the work ("Availability to join and preferred location", "Notice period");
# narrower than LOGISTICS, whose "availability", "remote" or "pay" are technical topics in a list
LISTED_LOGISTICS = re.compile(r"\b(?:salary|compensation|ctc|(?:notice|notification)\s+period|availability\s+to\s+join|"
                              r"joining\s+date|preferred\s+location|relocation|visa|sponsorship)\b", re.IGNORECASE)
POSTER_ASKS = re.compile(r"\b(?:I|we)\s+(?:(?:also|then|just|later|even|only|\w+ly)\s+){0,2}$", re.IGNORECASE)
NEGATED = re.compile(r"\b(?:neither|never|not|didn't|didn’t|wasn't|wasn’t|weren't|weren’t|no\s+one|nobody|none)\b"
                     r"(?:(?!\b(?:instead|but|rather|however)\b)[^.;!?]){0,40}$", re.IGNORECASE)
NOT_YET_ASKED = re.compile(r"\b(?:be|will|would|might|may|could|can|usually|typically|often|generally|always|"
                           r"going\s+to)\s+(?:also\s+|then\s+|get\s+)?$", re.IGNORECASE)
UNEASY = re.compile(r"\b(?:worr(?:y|ied|ying)|concern(?:ed)?|afraid|scared|nervous|anxious|fear(?:ful)?|dread\w*|"
                    r"if(?!\s+i\s+(?:remember|recall))|in\s+case|expect(?:ing)?|hop(?:e|ing))\b", re.IGNORECASE)
INTERVIEW = re.compile(r"\b(?:interview(?:s|ed|er|ers|ing)?|onsite|on-site|screen|screening|"
                       r"loop|round|recruiter|hiring\s+manager|take[- ]home)\b", re.IGNORECASE)
QUESTION_SENTENCE = re.compile(r"[^.?!\n\"“”:]*\?")
HAPPENED = re.compile(
    r"(?:\b(?:I|we)\s+(?:\w+\s+)?|(?:^|[.!?]\s+|\n)\s*)(?:just\s+)?(?:had|did|finished|completed|took|went\s+through|passed|failed|bombed|cleared|got\s+through|"
    r"sat)\s+(?:my|an?|the|our|their|one|two|three|four|\d)\b|\binterviewed\b|\b(?:yesterday|last\s+week|today|this\s+"
    r"morning|recently)\b.{0,60}\binterview|\binterview\w*\b.{0,60}\b(?:yesterday|last\s+week|went|was)\b|"
    r"\bwent\s+(?:well|badly|poorly|great|ok)\b|\bduring\s+(?:the|my)\s+(?:\w+\s+)?(?:screen|interview|onsite|round|call)\b",
    re.IGNORECASE,
)
# "I have recently been contacted by Google for a job interview": an invitation, not an interview that happened
INVITED = re.compile(r"\b(?:contacted|invited|shortlisted|selected|reached\s+out|called|emailed)\b[^.!?]{0,40}?"
                     r"\bfor\s+(?:an?\s+|the\s+|my\s+)?(?:\w+\s+){0,2}interview", re.IGNORECASE)
BEFORE = re.compile(
    r"\b(?:have|got|has)\s+(?:an?|my)\s+(?:\w+\s+){0,3}interview\b.{0,40}\b(?:next|tomorrow|coming|upcoming|on\s+"
    r"(?:mon|tue|wed|thu|fri|sat|sun)\w*|in\s+\w+\s+(?:days?|weeks?))|\bupcoming\b|\bpreparing\s+for\b|"
    r"\bprep(?:are|aring)?\s+for\b|\b(?:should|do|can|would)\s+i\s+(?:prepare|prep|study|revise|focus\s+on)\b|"
    r"\bwhat\s+(?:should|can|do)\s+i\s+expect|\bwhat\s+to\s+expect|\bany\s+(?:tips|advice|resources)|"
    r"\binterview\w*\s+(?:is\s+)?(?:next|tomorrow|coming\s+up|this\s+(?:week|friday|monday))",
    re.IGNORECASE,
)
JOB_AD = re.compile(
    r"(?:\bwe(?:'re|\s+are)\s+(?:hiring|looking\s+for|growing)|\bis\s+hiring\b|#hiring|\bhiring\s*[:!]|"
    r"\bapply\s+(?:here|now|at|via|today|through)|\bjoin\s+(?:our|the|us)\b|\bopen\s+(?:roles?|positions?)\b|"
    r"\bjob\s+(?:opening|description|post(?:ing)?)\b|\bresponsibilities\s*:|\brequirements\s*:|"
    r"\b(?:salary|compensation|comp)\s*(?:range)?\s*:|\bdm\s+me\b|\bsend\s+(?:me\s+)?your\s+(?:cv|resume)|"
    r"\blink\s+in\s+(?:bio|comments)|\bwe\s+offer\b|\bbenefits\s*:)",
    re.IGNORECASE,
)
NEWS = re.compile(r"\b(?:announced|announces|according\s+to|reportedly|launch(?:es|ed)|acquir(?:es|ed)|layoffs?|"
                  r"raises\s+\$|funding\s+round|press\s+release|breaking)\b", re.IGNORECASE)

ROUND_LINE = re.compile(r"^\s*(?:round|r)\s*\d+\s*(?:\([^)]{0,40}\))?\s*[:\-–—]\s*\S", re.IGNORECASE | re.M)
LISTED_QUESTION = re.compile(r"^\s*(?:\d{1,3}[.):]|[-*•+]|q\d{0,3}[.):])\s+.{8,}\?\s*$", re.IGNORECASE | re.M)

# --- sentence units -------------------------------------------------------------------------------------------

# "1. ", "- ", "Q2) ", "(b) ", "a) ", and "1)If ..." typed without the space
LIST_MARKER = re.compile(r"^\s*(?:(?:\d{1,3}[.):]|\\?[-*•+]|q\d{0,3}[.):]|\(\w\)|[a-h]\))\s+"
                         r"|\d{1,3}[.)](?=[A-Z][a-z]))", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.?!]+[\"”')\]]*(?=\s+[\"“'(\[*]*[A-Z0-9])")  # not after "e.g."
ROUND_PREFIX = re.compile(
    r"^(?:(?:round|r)\s*\d+|(?:first|second|third|fourth|fifth|final|last|1st|2nd|3rd|4th|5th)\s+round|"
    r"(?:phone|tech(?:nical)?|recruiter|coding|system design|ml system design|ml design|behaviou?ral|hiring manager|"
    r"onsite|on-site|final|take[- ]home|live coding|ml|llm|genai|theory|case study|lld|hld|sd|dsa|lc|oa|bq|lp)"
    r"\s*(?:round|screen|interview|question)?|"
    r"q(?:uestion)?\s*\d*)\s*(?:\([^)]{0,40}\))?\s*[:\-–—]\s*",
    re.IGNORECASE,
)
# "Problem: implement ...", "First constraint added: handle ...": a label before the task
LABEL = re.compile(r"^(?:(?:the\s+)?(?:(?:problem|task|prompt|exercise)(?:\s*#?\d{1,2})?"
                   r"(?:\s+(?:statement|description))?|"
                   r"(?:(?:first|second|third|next|another|one)\s+)?"
                   r"(?:constraint|follow[- ]?up|twist|extension)(?:\s+(?:added|was|question))?))\s*[:\-–—]\s*",
                   re.IGNORECASE)
LEAD_IN_MARK = re.compile(r"[:\-–—\"“]")  # LEAD_IN needs one of these; checking first is much cheaper
LEAD_IN = re.compile(
    r"^.{0,100}?\b(?:asked|asks|question(?:s)?|q\d*|they\s+said|interviewer\s+said|went\s+like)\b"
    r"[^:\-–—?\"“]{0,40}[:\-–—]\s*|^.{0,100}?\basked(?:\s+me|\s+us)?,?\s+(?=[\"“])",
    re.IGNORECASE,
)

# The line before a list speaks to the community: the items are the poster's questions to it.
TO_COMMUNITY = re.compile(r"\b(?:anyone|anybody|for\s+those|everyone|folks|guys|y'all|you\s+all|reddit|wondering|"
                          r"curious|my\s+questions|i\s+have\s+(?:a\s+few|some)\s+questions|i['’]ll\s+have|"
                          r"i\s+will\s+have|should\s+i|what\s+to\s+expect|guesses)\b", re.IGNORECASE)
LEETCODE_URL = re.compile(r"leetcode\.com/problems/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
# "Here are 3 from the practice interview" followed by one question a line, without list markers
HERE_ARE = re.compile(r"\bhere\s+(?:are|is)\s+(?:the\s+)?(?:\d+|some|a\s+few|few)\s+(?:\w+\s+)?(?:from|of)\s+"
                      r"(?:the|my)\s+(?:\w+\s+)?(?:interview|screen|round)\w*\W*$", re.IGNORECASE)
MAX_BARE_ITEM_WORDS = 14
# "But then got this question:" -- the next line is the question, in the poster's words
ANNOUNCES = re.compile(r"\b(?:question|asked(?:\s+me|\s+us)?|asks?)\s*:$", re.IGNORECASE)
STEM = re.compile(r"^(?:tell|talk|describe|give|walk)\b", re.IGNORECASE)
LIST_CONTEXT = re.compile(r"\b(?:questions?|asked|topics?|covered|quizzed|grilled|round|screen|screening|onsite|"
                          r"interview)\b", re.IGNORECASE)
# "Here are a few things I've been doing since the phone interview:": the list is what the poster did, not what
# they were asked ("the questions I was asked", "Topics I had been preparing that showed up in the interview", "Stuff
# I was doing in the technical round" still list what was asked).
POSTERS_OWN_LIST = re.compile(r"(?-i:\bI)(?:'ve|’ve|'m|’m|\s+have|\s+am|\s+was|\s+had)?\s+(?:\w+\s+)?(?:been\s+)?"
                              r"(?:doing|did|done|tried|trying|planning|practi[cs]ing|studying|learning|reading|"
                              r"preparing|working\s+on)\b", re.IGNORECASE)
ASKED_IN_THE_LIST = re.compile(r"\b(?:asked|questions?|problems?|came\s+up|showed\s+up|in\s+the\s+(?:\w+\s+)?"
                               r"(?:interview|round|onsite|screen|call))\b", re.IGNORECASE)
TALK_ABOUT = re.compile(r"^(?:(?:a|quick|short|brief|long)\s+)*(?:talk|chat|discussion|conversation|deep\s+dive|"
                        r"questions?)\s+(?:about|on|around|into)\s+(?P<topic>.+)$", re.IGNORECASE)
WH_DIRECT = re.compile(r"^(?:how|what|why|when|which|where|who)\s+(?:\w+\s+)?(?:is|are|was|were|do|does|did|would|"
                       r"could|can|should|will|has|have|might)\b", re.IGNORECASE)
# An aside that gives the problem's example ("(given 1->2->7, print 7->2->1)") is part of the problem; others are not
TRAILING_ASIDE = re.compile(r"\s*\((?!\s*(?:given|e\.?g\.?|for\s+example|i\.?e\.?|input|output)\b)[^()]{0,60}\)"
                            r"\s*(?=[.?!]?$)", re.IGNORECASE)

# "Not a typical backend design", "Heavy focus on CSS", "Mostly a casual conversation", "Taken by an SDE2": a remark
# on the round, not a topic it asked about
REMARK = re.compile(r"^(?:not|no|never|heavy|heavily|mostly|mainly|largely|primarily|only|just|pretty|very|really|"
                    r"lots?|focus|focused|more|less|nothing|everything|same|similar|basically|generally|typically|"
                    r"usually|casual|overall|quite|fairly|super|kind\s+of|sort\s+of|taken|given|done|held|led|"
                    r"conducted|asked|followed|covered|handled)\b(?![-'’])", re.IGNORECASE)
NOT_A_TOPIC = re.compile(r"\bnot\s+(?:told|given|shared|disclosed|mentioned|known|sure|clear)\b|"
                         r"\b(?:went|was|were|is|are|did|does|how|why|what|hours?|minutes?|mins?|job|jobs|"
                         r"approach|questions?|it|this|that|things?|stuff|\d+)\b", re.IGNORECASE)
# "a problem", "the question", "some stuff": a bare noun with an article is not a topic, unless the post names it as
# one of the things asked about ("things like the GIL")
ARTICLE_AND_NOUN = re.compile(r"^(?:a|an|the|one|some|any|two|three|several|a\s+few)\s+\w+$", re.IGNORECASE)
# "asked about my approach to developing new features": the candidate's way of working, asked as a question
APPROACH_TOPIC = re.compile(r"(?:my|our)\s+(?P<what>approach|process|strategy|philosophy|workflow)\s+"
                            r"(?P<prep>to|for|when|on)\s+(?P<rest>\w.*)", re.IGNORECASE)
ABOUT_THE_CANDIDATE = re.compile(r"\b(?:projects?|experience|background|resume|cv|yourself|myself|career|internships?|"
                                 r"a\s+time|role|team)\b", re.IGNORECASE)
GENERIC_FOLLOW_UP = re.compile(r"^(?:explain|describe|walk\s+through|talk\s+through|tell\s+me\s+about)\s+"
                               r"(?:your|the|my|a|an)\s+(?:\w+\s+)?"
                               r"(?:approach|solution|code|answer|thought\s+process|reasoning|thinking)"
                               # round 4: "... while coding", "... using the test case", "... step by step"
                               r"(?:\s+(?:while|as|using|with|on|through|step\s+by\s+step|line\s+by\s+line|again|"
                               r"first|out\s+loud|in\s+(?:detail|words|plain)|to\s+(?:me|us|him|her|them|the\s+"
                               r"interviewers?))\b[^?]{0,60})?\W*$",
                               re.IGNORECASE)
# round 4: "Assigning students to apartments ...", but not "Caching strategies for ..." (a gerund as a noun)
LISTED_GERUND = re.compile(r"^(?P<adv>[A-Za-z]+ly\s+)?(?P<verb>[A-Za-z]+ing)\s+(?!(?:strategies|techniques|patterns|"
                           r"systems?|basics|fundamentals|concepts|mechanisms?|algorithms?|layers?|policies|"
                           r"and|or|is|are|was|were|in\s+general)\b)(?P<rest>\w.*)$", re.IGNORECASE)
# round 4: a complexity follow-up that asks for better, not for the figure
IMPROVE = re.compile(r"\b(?:do|did|doing|get|go)\s+better\b|\b(?:improv|optimi[sz]|reduc|lower|bring\s+down|"
                     r"beat)\w*", re.IGNORECASE)
# round 4: "LLD: movie ticket booking system": a design label before a thing one builds, in lower case
DESIGNABLE = re.compile(r"\b(?:system|service|platform|app|application|api|feed|website|site|clone|engine|tracker|"
                        r"shortener|pipeline|database|store|cache|queue|limiter|scheduler|logger|counter|parser|"
                        r"server|bot|game|network|marketplace|chat|messenger|notifications?|booking|library|"
                        r"garage|lot|elevator|vending\s+machine|machine)s?$", re.IGNORECASE)
# round 4: a problem described by what it finds ("longest substring of valid parentheses")
FINDABLE = re.compile(r"^(?:longest|shortest|largest|smallest|maximum|minimum|max|min|kth|k-th|number\s+of|count\s+of|"
                      r"sum\s+of|median|lowest|highest|closest|nearest|top\s+k|most|least)\b")
# round 4: what closes every interview is not one of its questions
COURTESY = re.compile(r"^(?:(?:do|did|would)\s+you\s+have|have\s+you\s+got|any)\s+(?:any\s+)?(?:more\s+|other\s+|"
                      r"further\s+|final\s+)?questions\b", re.IGNORECASE)
# round 4: a list item that tells the reader what to do ("Treat your failures as lessons") is advice, not a topic
ADVICE = re.compile(r"^(?!your\b)[a-z]+\s+(?:\w+\s+)?(?:your|yourself|you)\b", re.IGNORECASE)
DANGLING = re.compile(r"\b(?:(?<!with\s)(?<!\bto\s)(?<!for\s)you|when|the|a|an|of|to|and|or|with|for|that|about|"
                      r"my|your|what|how|why)\W*$",
                      re.IGNORECASE)
PRONOUN_OBJECT = re.compile(r"^\w+\s+(?:it|this|that|them|these|those)\b", re.IGNORECASE)

# --- question filters -------------------------------------------------------------------------------------------

RHETORICAL = re.compile(r"\b(?:right|huh|lol|lmao|eh|no|yeah|really|seriously)\W*\?+\W*$|"
                        r"\b(?:fuck\w*|shit\w*|damn|wtf|hell)\b|"
                        r"^how\s+(?:hard|difficult)\s+(?:could|can)\s+(?:it|that|this)\s+be\b",
                        re.IGNORECASE)
# "Design components: ...", "Code quality is weighted ...": a label or a statement that starts with a task word
STATEMENT = re.compile(r"^\w+(?:\s+\w+)?\s*:|^(?!(?:what|how|why|which|who|when|where)\b)\w+\s+"
                       r"(?!(?:what|how|why|which|who|when|where)\b)\w+\s+(?:is|are|was|were)\b", re.IGNORECASE)
# Naming only the kind of problem is not a question ("the question was about sliding window", "a graph problem").
CATEGORY = re.compile(
    r"^(?:an?\s+|the\s+|some\s+)?(?:(?:very|easy|medium|hard|basic|simple|standard|typical|classic)\s+)*"
    r"(?:sliding\s+window|two\s+pointers?|dp|dynamic\s+programming|graphs?|(?:binary\s+(?:search\s+)?)?trees?|bst|"
    r"linked\s+lists?|"
    r"arrays?|strings?|hash\s*maps?|hash\s*tables?|heaps?|stacks?|queues?|greedy|backtracking|recursion|bfs|dfs|"
    r"binary\s+search|sorting|math|bit\s+manipulation|tries?|union[- ]?find|topological\s+sort(?:ing)?|"
    r"prefix\s+sums?|segment\s+trees?|monotonic\s+stacks?|matrix|matrices|intervals?|leetcode|lc|dsa|oop|lps?|"
    r"leadership\s+principles?|behaviou?ral|algorithms?|data\s+structures?|coding|sql|java|python|javascript|c\+\+|"
    r"lld|hld|ood|"
    r"system\s+design|(?:my\s+|the\s+)?(?:resume|cv|past\s+experience|experience|background|projects?|work\s+style|"
    r"implementation|solution|code|approach|answers?))"
    r"(?:\s+(?:problems?|questions?|stuff|concepts?|based|related|type|style))*"
    r"(?:\s+(?:based|focused)\s+on\s+\w+(?:\s+\w+)?)?$",  # "a DSA problem based on arrays"
    re.IGNORECASE,
)

QUESTION_START = re.compile(
    r"^(?:how|what|why|when|where|which|who|whom|whose|is|are|was|were|do|does|did|can|could|would|should|will|"
    r"have|has|had|if|given|suppose|imagine|say|let's\s+say|walk|tell|explain|describe|design|implement|write|"
    r"compare|build|estimate|derive|discuss|define|code|list|name|contrast|calculate|prove|show|optimi[sz]e|"
    r"debug|propose|sketch|outline|evaluate|create|develop|model|solve|find|reverse|merge|given|difference|"
    r"differences|pros|trade-?offs?|in\s+what|in\s+which|for\s+a|for\s+an|between)\b",
    re.IGNORECASE,
)
TASK_WORD = re.compile(  # TASK_START or TALK_ABOUT anywhere: after a "Round 2:" or "They asked:" lead-in, in quotes
    r"\b(?:talk|chat|discussion|conversation|deep\s+dive|questions?|walk|tell|explain|describe|design|implement|write|compare|build|estimate|derive|discuss|define|code|"
    r"contrast|calculate|prove|optimi[sz]e|debug|propose|sketch|outline|evaluate|create|develop|solve|"
    r"find|reverse|merge|given|difference|differences|pros|trade-?offs?)\b",
    re.IGNORECASE,
)
TASK_START = re.compile(
    r"^(?:walk|tell|explain|describe|design|implement|write|compare|build|estimate|derive|discuss|define|code|"
    r"contrast|calculate|prove|optimi[sz]e|debug|propose|sketch|outline|evaluate|create|develop|solve|"
    r"find|reverse|merge|given|difference|differences|pros|trade-?offs?|determine|detect|compute|validate|"
    r"serialize|traverse|generate|"
    r"(?:print|sort|convert|rotate|flatten|parse|retrieve|simulate)(?!\s+(?:of|to|into|your|yourself|out)\b))\b",
    re.IGNORECASE,
)
COMMUNITY = re.compile(
    # "anybody" as the one asked, not as an object ("a decision without consulting anybody"); a word in a hyphenated
    # term is not the word ("auto-suggestions" are a feature, not suggestions asked of the community)
    r"(?<![\w-])(?:(?<!ing\s)(?<!without\s)(?:anyone|anybody|any\s+one)|guys|folks|y'all|yall|"
    r"(?:many|any|some|all|those|each|one|none|who)\s+of\s+you|"
    r"reddit|redditors|subreddit|advice|tips|thoughts|lol|lmao|"
    r"wtf|op|people\s+here|you\s+all|fellow|am\s+i|should\s+i|do\s+i|did\s+i|can\s+i|could\s+i|would\s+i|will\s+i|"
    r"have\s+i|is\s+it\s+(?:normal|worth|common|just|me|fair|reasonable|possible\s+to\s+get|too\s+late|"
    r"a\s+red\s+flag|bad)|is\s+this|is\s+that|was\s+that|was\s+this|what\s+do\s+you\s+(?:guys\s+)?think|"
    r"what\s+would\s+you\s+(?:guys\s+)?do(?!\s+if\b)|how\s+do\s+i|what\s+should|how\s+should|where\s+should|"
    r"recommend|suggestions?|chances?|offer|salary|comp|tc|hr|recruiters?|ghosted|hear\s+back|heard\s+back|"
    r"reject\w*|pass(?:ed)?\s+the|result|callback|next\s+steps|worth\s+it|companies|employers|industry|market|"
    r"everyone|everybody|people\s+(?:here|think|say|usually)|(?<!failed\s)(?<!cron\s)(?<!batch\s)(?<!background\s)jobs|"
    r"courses|bootcamps|hiring\s+managers|candidates|interview\w*|"
    # "least recently used" names a cache's eviction policy
    r"rounds?|leetcode|expect\w*|typically|usually|(?<!least\s)(?<!most\s)recently|he|she|him|her|any\s+questions)\b",
    re.IGNORECASE,
)
# "Thoughts?", "Odds?", "Any tips?": a question to the readers in a word or two
TO_THE_READER = re.compile(r"^(?:thoughts|ideas|opinions|advice|odds|chances|any\s+\w+(?:\s+\w+)?)\W*\?$",
                           re.IGNORECASE)
# "Why did they ghost me?" is about the company; "the difference between them", "3 of them burn together" are about
# the things just named (so "Why did two of them leave early?" gets through: rarer in a list of questions)
THIRD_PERSON = re.compile(r"\b(?:they|(?<!between\s)(?<!among\s)(?<!of\s)them|their)\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"(?-i:\bI\b|\bI'(?:m|ve|d|ll)\b)|\b(?:my|me|mine|myself|we|us|our)\b", re.IGNORECASE)
# "If we did hire you, what would you do ...?", "How would you help us cut our costs?", "What if we want to do this
# repeatedly?": an interviewer speaks for the company, or for the problem worked on together, in a question that asks
# what the candidate would do. ("Where do you think we went wrong?" is the poster's, to the readers.)
COMPANY_VOICE = re.compile(r"^(?:if\s+we\b[^,?]*,\s*)?(?:what|how|which|why)\s+(?:would|will|could)\s+you\b|"
                           r"^what\s+if\s+we\b", re.IGNORECASE)
SPEAKS_FOR_THE_COMPANY = re.compile(r"\b(?:we|us|our)\b", re.IGNORECASE)
IN_OUR_PLACE = re.compile(r"\b(?:in|from)\s+(?:our|my)\s+(?:position|shoes|place|situation)\b", re.IGNORECASE)
WHAT_WOULD_YOU_DO = re.compile(r"\bwhat\s+would\s+you\s+do\b", re.IGNORECASE)
ALLOWED_ME = re.compile(r"\b(?:walk|tell|give|show|talk)\s+(?:me|us)\b|\b(?:me|us)\s+through\b", re.IGNORECASE)
GENERIC = frozenset(
    "a an the and or but so of to in on at for with from by about as is are was were be been being do does did have "
    "has had can could would should will shall may might must this that these those it its it's they them their "
    "there here what which who whom whose why how when where you your yours i me my we us our he she his her "
    "not no yes any some all more most very really just even also only then than too like get got go going "
    "thing things stuff something anything everything way ways one ones kind sort lot lots much many well good "
    "bad okay ok right wrong sure now ever again still yet fraud normal worth fair real seriously actually "
    "literally honestly else next done happen happened happening mean means think know want need say said tell".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#'\-]*")

# --- reported speech --------------------------------------------------------------------------------------------

ASK = (r"(?:(?:was|were|got|get|been|being|am|i'm)\s+(?:also\s+|then\s+|first\s+)?asked|asked(?:\s+(?:me|us|him|her|"
       r"them))?|asks?\s+(?:me|us)|wanted\s+to\s+know|were\s+curious|was\s+curious|quizz(?:ed|ing)\s+(?:me|us)|"
       r"grill(?:ed|ing)\s+(?:me|us)|"
       r"drilled\s+(?:me|us)?|probed|pressed\s+(?:me|us)|"
       r"(?:follow[- ]?ups?|but|(?:they|he|she|interviewers?)(?:\s+\w+)?)\s+asking\s+(?:me|us)|"
       r"(?:probed|pressed|tested|challenged|followed\s+up)\s+(?:\w+\s+){0,3}?by\s+asking)")
# "a follow-up asking me to ...", "but asking me if I got referrals", "they kept asking me ...", "which they probed by
# asking how ..."; not the poster's own asking ("I ended by asking about the team") nor another's ("my manager keeps
# asking me to ...")
CLAUSE_STOP = (r"\s*(?:[;!?]|\.(?!\w)|$|\(|\s[-–—]\s|"
              r",?\s+and\s+(?:then\s+|also\s+)?(?:asked|wanted|had|made|gave|got|followed|started|began|kept|mentioned|said|"
              r"continued|moved|went|i|they|we|he|she|it)\b|"
              r",\s*(?:and\s+|but\s+|then\s+|so\s+|which\s+|after\s+|before\s+|when\s+|"
              r"while\s+|though\s+|although\s+)?(?:i|they|we|he|she|it|then|which|but|so|after|before|when|while|"
              r"followed|plus|also|said|answered|replied|admitted|the\s+interviewer|the\s+other|the\s+(?:first|second|third|next|last|final))\b|"
              r",\s*(?:and\s+|or\s+)?(?:how|what|why|when|which|where|who|whether|if|did|do|does|am|was|were)\b|"
              r"\s+and\s+(?:how|what|why|when|where|who|whether|if)\b|"
              r",\s*(?:for|after|in|at|by|with|of|to)\s+which\b|"
              r"\s+(?:but|so|then|and\s+then|and\s+i|and\s+they|"
              r"which|because|since)\s|\s+(?:and\s+)?then\s*:|\s+when\s+(?:i|we)\s+(?:told|said|answered|explained|mentioned|admitted)\b|"
              # the poster's reaction ends what was asked: "had me reimplement KV caching in NumPy WTF 😂"
              r"\s+(?:lol|lmao|lmfao|wtf|smh|haha\w*)\b|\s*[\U0001F300-\U0001FAFF])")
CLAUSE_END = rf"(?={CLAUSE_STOP})"
# "I was asked in the second interview how ...": where it was asked, between the verb and the question
DURING = (r"(?:(?:in|during|at)\s+(?:the|an|my|a|this|that|our)\s+(?:[\w-]+\s+){0,2}?"
          r"(?:interview|call|round|screen|screening|onsite|meeting)\s+)?")
# "asked how I'd evaluate a RAG pipeline in my Anthropic interview": where it was asked is not part of the question
WHERE_IT_WAS_ASKED = re.compile(r",?\s+(?:in|during|at|on)\s+(?:the|my|our|an?|this|that|their|your)\s+"
                                r"(?:[\w-]+\s+){0,3}?(?:interviews?|rounds?|screens?|screenings?|onsites?|on-sites?|"
                                r"(?:phone|recruiter|hiring[- ]manager|intro|technical|screening)\s+calls?)"
                                r"(?=[?.!]?$)", re.IGNORECASE)
QUOTE_MARK = re.compile(r"[\"“”]")
YES_NO = re.compile(rf"\b{ASK}\s+(?:me\s+)?{DURING}(?:if|whether)\s+(?P<clause>.+?){CLAUSE_END}", re.IGNORECASE)
# "asked me a very simple question, how would I do pagination": the question named, then said
NAMED_QUESTION = (r"(?:(?:a|an|one|another|this|the)\s+(?:[\w-]+\s+){0,3}?question\s*[,:]\s*"
                  # "a question, how would I ..." asks; "a question, which I couldn't answer" remarks on it
                  r"(?=(?:how|what|why|when|where|which|who)\s+(?:would|could|should|do|does|did|is|are|was|were|can|"
                  r"will|to|many|much|long|often)\b))?")
WH = re.compile(rf"\b{ASK}\s+(?:me\s+|us\s+)?{DURING}{NAMED_QUESTION}(?:on\s+|about\s+)?"
                rf"(?P<wh>how\s+(?:many|much|long|often|well|far)|how|what|why|when|where|which|who)\s+"
                rf"(?P<clause>.+?){CLAUSE_END}", re.IGNORECASE)
QUOTED = re.compile(r"\b(?:asked(?:\s+me|\s+us)?|(?<!my\s)(?<!our\s)question(?:\s+(?:was|is))?"
                    r"(?:\s+literally|\s+simply|\s+just)?|"
                    r"prompt\s+was|answered|said|one\s+of\s+(?:them|these|those|the\s+questions)\s+(?:is|was)|"
                    r"(?:started|starting|began|beginning|opened|kicked\s+off)\s+with|"
                    r"something\s+(?:like|along\s+the\s+lines\s+of))"
                    # a quote the sentence splitter cut after its question ("... here? It is slow.") ends there
                    r"\s*[:,]?\s*\**(?:[\"“]\**(?P<q>[^\"”]{6,300}?)\**(?:[\"”]|(?<=\?)$)|"
                    r"'(?P<single>(?:[^'\n]|(?<=\w)'(?=\w)){6,300}?)'(?!\w))", re.IGNORECASE)
ASKED_SOMETHING = re.compile(r"\b(?:questions?|tasks?|problems?|prompts?|asked)\b")  # "the question was vague
# (something like "design a scheduler that ...")"
# "asked me my thoughts about AI": a question about the candidate's opinion, reported as its object
OPINION = re.compile(rf"\b{ASK}\s+(?:me\s+|us\s+)?{DURING}(?:my|our)\s+(?P<what>thoughts|opinions?|views?|take|"
                     rf"feelings)\s+(?:on|about|of|regarding)\s+(?P<clause>.+?){CLAUSE_END}", re.IGNORECASE)
NOT_AN_OPINION_TOPIC = re.compile(r"(?:it|this|that|these|those|him|her|them|you|me|us|everything|things)\b|"
                                  r"(?:(?:the|my|our)\s+)?(?:interview|call|round|process|chat|conversation)\b|"
                                  r"how\s+(?:it|the\s+\w+)\s+(?:went|is\s+going|was\s+going)\b", re.IGNORECASE)
# "I had to design a system (like a library ...)": a kind of task, not one to write down
UNNAMED_TASK = re.compile(r"^(?:design|build|implement|create|write|develop|solve|code)\s+(?:a|an|the|some)\s+"
                          r"(?:system|problem|question|app|application|service|function|program|solution|project|"
                          r"feature|tool|task|class|api|algorithm)\W*$", re.IGNORECASE)
MARKDOWN_ESCAPE = re.compile(r"\\([_*~\-\[\]()>#^])")
# "Interviewer threw "is_anagram" at me", "Second question was `mergeIntervals()`": a problem named by its function
FUNCTION_PROBLEM = re.compile(
    r"\b(?i:threw|gave|asked|given|got|(?:question|problem)\s+(?:was|is))\s+(?i:(?:me|us)\s+)?(?i:(?:a|an|the)\s+)?"
    r"[\"“`'](?P<name>[a-z][a-z0-9]*(?:\\?_[a-z0-9]+)+(?:\(\))?|[a-z]+(?:[A-Z][a-z0-9]*)+(?:\(\))?)[\"”`']"
)
CONTINUATION = re.compile(rf"(?:\s*,\s*(?:(?:and|or|then|also|later)\s+)*|\s+(?:(?:and|or|then|also|later)\s+)+)"
                          rf"(?:asked\s+(?:me\s+)?)?(?P<wh>how\s+(?:many|much|long|often)|how|what|why|when|"
                          rf"where|who|if|whether|did|do|does|am|was|were)(?P<contracted>['’]s)?\s+"
                          rf"(?P<clause>.+?){CLAUSE_END}",
                          re.IGNORECASE)
REMARK_AFTER_WHATS = re.compile(r"(?:even\s+|really\s+)?(?:worse|worst|funny|funnier|funniest|weird|weirder|crazy|"
                                r"crazier|interesting|ironic|sad|sadder|more|best|great|annoying|frustrating|strange|odd|"
                                r"wild|insane|hilarious)\b", re.IGNORECASE)
# "Then he asked me the time complexity", "quizzed me on the time and storage complexity of the code"
COMPLEXITY = re.compile(
    r"\b(?:asked|asks|ask|quizzed|grilled|questions?\s+(?:on|about)|follow[- ]?ups?\s+(?:on|about))\b[^.?!]{0,40}?"
    r"\b(?P<what>(?:time|space|runtime|storage|memory)(?:\s+(?:and|&|/)\s+(?:time|space|storage|memory))?\s+)?"
    r"complexit(?P<plural>y|ies)(?:\s+of\s+(?P<of>(?:the|my|this|these|each|both|all)\s+(?:\w+\s+){0,2}?"
    r"(?:code|solution|algorithm|approach|function|method|operation|implementation|program)s?\b"
    r"(?:\s+(?:I|we)\s+(?:\w+ed|wrote|made|built))?))?",
    re.IGNORECASE,
)
# "Second round problem was OOP to build a cache class", "a take home challenge to create a Flask API", "Last one was a
# lottery problem with ..."
PROBLEM_WAS = re.compile(
    rf"\b(?:(?:(?:problem|question|task|exercise|assignment|challenge)\s+(?:was|is)\s+(?:(?:an?\s+)?(?:oop|ood|lld|hld|"
    rf"design|coding|dsa)\s+(?:problem\s+|question\s+)?)?|"
    rf"(?:take[- ]?home|coding|programming|technical|design)\s+(?:challenge|assignment|exercise)\s+)to\s+"
    rf"(?P<task>(?:build|design|implement|write|create|code|find|return|compute|count|check|make)\b.+?)|(?:one|another|last\s+one|the\s+(?:first|second|third|other|last)(?:\s+one)?)\s+"
    rf"was\s+(?P<problem>(?:an?|the)\s+[^.,;]{{3,60}}?\s+problem\b[^.;]*?)){CLAUSE_END}",
    re.IGNORECASE,
)
# "gave me a LRU Cache question", "asked me Alien Dictionary problem", "gave me a variation of number of islands"
GIVEN_PROBLEM = re.compile(
    rf"\b(?:gave|given|got|asked)\s+(?:me\s+|us\s+)?(?:(?:a|an|the|another)\s+)?(?:(?:first|second|next|last|"
    rf"final)\s+)?(?:(?P<name>(?-i:(?:[A-Z0-9][\w'-]*\s+){{1,4}}))(?:problem|question)\b|(?:problem|question)\s+"
    rf"(?:which\s+was\s+|that\s+was\s+|involving\s+)(?P<what>.+?){CLAUSE_END})",
    re.IGNORECASE,
)
NOT_A_NAME = re.compile(r"\b(?:easy|medium|hard|lc|leetcode|dsa|oa|lps?|sql|coding|technical|behaviou?ral|design|"
                        r"similar|different|new|same|follow|simple|basic|tricky|weird|vague|custom|untagged|"
                        r"meta|google|amazon|another|lld|hld|ood)\b", re.IGNORECASE)
BUILDABLE = re.compile(r"\b(?:cache|stack|queue|heap|map|set|iterator|trie|parser|limiter|allocator|store|"
                       r"scheduler|logger|counter)$", re.IGNORECASE)
# A quoted question anywhere in a reporting post, unless the poster said it or only heard of it
GENERIC_QUOTE = re.compile(r"[\"“]\**(?P<q>[^\"”]{8,300}?)\**(?:[\"”]|(?<=\?)$)")
NOT_THE_INTERVIEWER = re.compile(r"\b(?:I|we)\s+(?:\w+\s+)?(?:said|asked|replied|answered|told|thought|wrote)\b|"
                                 r"\b(?:my|our)\s+(?:own\s+)?questions?\b|"
                                 r"\b(?:heard|read|apparently|supposedly|usually|typically|might|will|would)\b",
                                 re.IGNORECASE)
WH_START = re.compile(r"^(?:what|how|why|which|when|where|who)\b", re.IGNORECASE)
TELLS_ABOUT = re.compile(r"(?:talk|explain|describe|discuss|walk|go|tell|present|outline|define|state|mention)\b",
                         re.IGNORECASE)
TASK_VERB = (
    r"(?:design|implement|write|build|(?:re-?implement|rewrite|rebuild|recreate)(?!\s+(?:my|our)\b)|"
    r"code|explain|describe|compare|"
    r"differentiate|distinguish|contrast|estimate|derive|discuss|define|present|demo|"
    r"walk\s+(?:them|him|her|through)|talk\s+(?:through|about)|go\s+(?:through|over)|solve|optimi[sz]e|debug|sketch|outline|evaluate|"
    r"create|develop|list|mention|name|state|whiteboard|architect|reverse|merge|find|calculate|prove|"
    r"propose|fine-tune|train|clone|invert|traverse|seriali[sz]e|deseriali[sz]e|encode|decode|reconstruct|rearrange|"
    r"partition|insert|delete|analy[sz]e|model|predict|classify|cluster|query|benchmark|profile|refactor|"
    r"fix(?=\s+(?:a|an|the|this|that|some|bugs?|it)\b)|translate|split|aggregate|scale|shard|identify|visuali[sz]e|forecast|tokeni[sz]e|normali[sz]e|"
    r"vectori[sz]e|embed|index|search|transform|filter|review(?!\s+(?:my|our|me|us)\b)|"
    # not the setting up of a video call: "test the camera", "remove my headphones"
    r"(?:test|remove)(?!\s+(?:the\s+|my\s+|your\s+|our\s+)?(?:camera|mic|microphone|audio|sound|video|connection|"
    r"internet|setup|link|headphones|headset|glasses|background)\b)|"
    r"deploy|return|compute|count|check|determine|detect|print|sort|parse|convert|validate|unpack|rotate|flatten|"
    r"simulate|(?:handle|extend|support|adapt|modify|generali[sz]e|retrieve|rank)(?!\s+(?:my|our|me|us|the\s+decision)\b)|"
    r"(?:focus|concentrate)\s+on\s+\w+ing|get\s+(?:a\s+|the\s+)?(?:list|number|count|sum|maximum|minimum|max|"
    r"min|average|median|kth|longest|shortest|groups?))")
# "asked me to explain LRU cache, implement it, then design a Twitter timeline": more tasks after the first
BEFORE_NEXT_TASK = rf"(?=,\s*(?:and\s+)?(?:then\s+)?{TASK_VERB}\b)"
NEXT_TASK = re.compile(rf"\s*,\s*(?:and\s+)?(?:then\s+)?(?P<clause>{TASK_VERB}\b.+?)"
                       rf"(?:{CLAUSE_END}|{BEFORE_NEXT_TASK})", re.IGNORECASE)
EXPLAINED = re.compile(r"^(?:explain|describe|define|discuss)\s+(?:what\s+)?(?:(?:a|an|the)\s+)?(?P<what>.+?)"
                       r"(?:\s+(?:is|was|are|were|means|meant))?$", re.IGNORECASE)
# "explain what a BST was" asked "Explain what a BST is."
EXPLAIN_WHAT_WAS = re.compile(r"^((?:explain|describe|define)\s+what\s+(?:(?:a|an|the)\s+)?[\w-]+(?:\s+[\w-]+)?)"
                              r"\s+was$", re.IGNORECASE)
WH_WORDS = {"how", "what", "why", "when", "where", "which", "who"}
WOULD_CLAUSE = re.compile(r"(?:i|we)(?:['’]d|\s+would)\s+", re.IGNORECASE)
TASK_OBJECT = re.compile(r"^\w+\s+(?:a|an|the)\s+(?P<what>[\w-]+(?:\s+[\w-]+){0,2})$", re.IGNORECASE)
TO_DO = re.compile(
    rf"\b(?:{ASK}|wanted\s+(?:me|us)|had\s+(?:me|us)|made\s+(?:me|us)|told\s+(?:me|us)|(?:i|we)\s+(?:had|was\s+"
    rf"(?:asked|given\s+\w+)|were\s+asked)|gave\s+(?:me|us)\s+(?:(?:a|another)\s+follow[- ]?up|\w+\s+(?:\w+\s+)?)"
    rf"\s*(?:to|task\s+to))\s+(?:to\s+)?"
    rf"(?P<clause>{TASK_VERB}\b.+?)(?:{CLAUSE_END}|{BEFORE_NEXT_TASK})",
    re.IGNORECASE,
)
TOPIC = re.compile(
    rf"\b(?:{ASK}\s+(?:a\s+(?:lot|bunch|ton)\s+|lots\s+|many\s+|some\s+|several\s+|a\s+few\s+|a\s+couple\s+)?"
    rf"(?:of\s+)?(?:(?:(?!(?:no|zero|any)\b)[\w-]+\s+){{0,3}}?questions?\s+|\w+\s+)?|(?:round|screen|interview|onsite|call|part|portion|session|"
    rf"discussion|questions?|problem|task|exercise|assignment|prompt)\s+(?:\w+\s+){{0,2}}(?:was|were|is|focused|focussed|centered|centred)\s+"
    rf"(?:all\s+|mostly\s+|entirely\s+|purely\s+|heavily\s+)?|(?:questions|they|it)\s+(?:were|was)\s+"
    rf"(?:all\s+|mostly\s+)?|(?:answered|got|had|faced)\s+(?:\w+\s+){{0,3}}?"
    rf"(?:questions?|follow[- ]?ups?(?:\s+questions?)?)\s+)"
    rf"(?:about|on|around|regarding)\s+(?P<clause>.+?){CLAUSE_END}",
    re.IGNORECASE,
)
# "asked would I push the deadline or ...": a question reported in inverted word order, without "if"
INVERTED_ASK = re.compile(
    rf"\b{ASK}\s+(?:me\s+|us\s+)?(?P<aux>would|could|can|will|did|do|does|have|had|was|were|am|should)\s+"
    rf"(?P<subject>I|we)\s+(?P<clause>.+?){CLAUSE_END}",
    re.IGNORECASE,
)
# "the big question was... how would I test the code": a direct question after "question was"
QUESTION_WAS = re.compile(
    rf"\bquestion\s+(?:was|is)[\s.:…-]{{1,10}}(?P<q>(?:how|what|why|which|when|where|who|would|could|can|do|did|is|are)\s+"
    rf"(?:\w+\s+){{0,2}}?(?:I|we|you)\b.+?){CLAUSE_END}",
    re.IGNORECASE,
)
# A title "How to handle anxiety the night before the big day?" asks the readers: no interviewer says "how to"
# ("How to detect a cycle in a directed graph?" over "This was my second question at Amazon" is the question asked)
READERS_HOW_TO = re.compile(
    # verbs of the poster's own course only: "How to get the median of a stream?" can be the question asked
    r"^how\s+(?:to|do\s+(?:i|we)|can\s+(?:i|we)|should\s+(?:i|we))\s+(?:prepare|handle|deal|cope|stay|ace|pass|crack|"
    r"land|negotiate|respond|reply|answer|approach|study|practi[cs]e|improve|overcome|manage|survive|recover|"
    r"bounce|ask|tell|decide|choose|avoid|beat|balance|switch|transition|focus|learn|become|follow|calm|sleep|"
    r"nail|succeed|move\s+on)\b[^\n]*\?$", re.IGNORECASE)
# "1 system design question - how does Ticketmaster work?": the question after a dash, as asked
QUESTION_AFTER_DASH = re.compile(
    r"\bquestion\s+[-–—]\s+(?P<q>(?:how|what|why|which|when|where|who)\b[^?()\n]{3,200}\?)", re.IGNORECASE)
# "Standard behavioral questions in both interviews, how do you resolve conflicts in a team etc.": an example
# question after a category, without its question mark
EXAMPLE_QUESTION = re.compile(
    rf"\bquestions?\b[^.,;?]{{0,40}},\s*(?:like\s+|e\.g\.\s*|such\s+as\s+)?(?P<q>(?:how|what|why|which|when|where|"
    rf"who)\s+(?:do|did|would|could|can|are|were|is|have|has)\s+you\b.+?)(?:(?=\s+etc\b)|{CLAUSE_END})",
    re.IGNORECASE,
)
# "When asked about it, I rated myself a 7 in C programming": the question is implied by the answer
RATED = re.compile(
    r"\basked\b[^.;()]{0,30}?\b(?:I\s+rated|to\s+rate)\s+myself\s+(?:(?:a|an|as)\s+)?(?:\S+\s+)?(?:out\s+of\s+\d+\s+)?"
    r"(?P<prep>in|on|at|for)\s+(?P<what>[^.;()]{2,60}?)(?=\s*[.;()]|$)",
    re.IGNORECASE,
)
DIFFERENCE_BETWEEN = re.compile(r"^(?:the\s+)?(?P<what>(?:main\s+|key\s+)?difference(?P<plural>s)?)\s+between\s+"
                                r"(?P<rest>.+\S)", re.IGNORECASE)
# "things like the event loop, and memory leaks in react": the named topics of a wider request
TOPIC_EXAMPLES = re.compile(r"\s*(?:--|—|–|:|,)?\s*\b(?:(?:things|stuff|topics|concepts|areas|questions|problems)"
                            r"\s+like|such\s+as|including|e\.g\.)\s+(?!(?:i|we|you|he|she|they|it|this|that|nothing|"
                            r"none|never)\b)", re.IGNORECASE)
# "problem was number 299 on leetcode", "LeetCode #146": a problem given by its number only
LEETCODE_NUMBER = re.compile(
    r"\b(?:problem|question)\s+(?:was\s+|is\s+)?(?:number\s+|#|no\.?\s*)?(?P<n>\d{1,4})\s+(?:on|from)\s+"
    r"(?:leetcode|lc)\b|\b(?:leetcode|lc)\s+(?:problem\s+|question\s+)?(?:#|number\s+|no\.\s*)(?P<m>\d{1,4})\b"
    # "(leetcode 432)", "LC 680 - Valid Palindrome II"; not a study list ("Blind 75", "did LC 150 questions")
    # nor a count or a rating ("solved leetcode 450 so far", "my LC 2100 rating")
    r"|(?<!blind\s)(?<!top\s)(?<!neetcode\s)(?<!solved\s)(?<!done\s)(?<!did\s)(?<!completed\s)(?<!my\s)"
    r"\b(?:leetcode|lc)\s+(?P<k>(?!(?:75|100|150|250|300|500)\b)\d{1,4})\b"
    r"(?!\s*(?:\+|questions|problems|days|streak|hards|mediums|easys|list|so\s+far|rating|contest|rank|points|solved))"
    r"(?:\s*[-–—:]\s*(?P<title>(?-i:[A-Z][\w'’]*(?:\s+(?:[A-Z0-9][\w'’]*|(?:of|in|to|a|the|with|for)\b))*)))?",
    re.IGNORECASE,
)
# "Question was Number of distinct islands which ...": a problem given by its name
PROBLEM_NAMED = re.compile(
    r"\b(?:question|problem)\s+(?:was|is)\s+(?P<name>(?-i:[A-Z])[\w'-]*(?:\s+[\w'-]+){1,5}?)"
    r"(?=\s+(?:which|that|and|where|but|so)\b|\s*[,.;!(]|$)",
    re.IGNORECASE,
)
# A follow-up that leans on a problem the post does not describe ("Optimise your approach.", "Write test inputs
# for it."): kept only when the post also says what the problem was. "Your approach to fixing bugs" names its own.
LEANS_ON_PROBLEM = re.compile(
    r"\b(?:(?:for|solve|optimi[sz]e|test|improve|implement|code|extend|modify)\s+(?:it|them)|one\s+more|another\s+(?:test|example|case)|your\s+(?:\w+\s+)?(?:approach(?!\s+(?:to|for|when|on)\s(?!(?:the|this|that|my|your|each)\s+(?:problem|question|task|one)))|solution|code|answer|"
    r"algorithm|implementation|function|program|dp)s?|(?:both(?:\s+the)?|the\s+(?:first|second|same|previous|original|"
    r"other))\s+"
    r"(?:problems?|questions?))\b",
    re.IGNORECASE,
)
PROBLEM_TASK = re.compile(r"^(?:solve|implement|design|write|build|code|create|develop|find|return|reverse|merge|"
                          r"given|compute|count|check|determine|print|calculate|detect|unpack|convert)\b",
                          re.IGNORECASE)
# "What is hybrid search and how would you implement it?": the question names what its "it" is
NAMES_ITS_OWN_OBJECT = re.compile(r"^(?:what|how|why|which|when|where)\s+(?:is|are|was|were|does|do)\s+"
                                  r"(?!(?:wrong|the\s+(?:problem|question|issue|bug|code|task|output)|this|that|it)\b)"
                                  r"(?:an?\s+|the\s+)?\w[\w\s-]*?\s+and\s+", re.IGNORECASE)
STANDS_AS_FOLLOW_UP = re.compile(r"\bcomplexit|\bhow\s+would\s+you\s+test\b", re.IGNORECASE)
# "Could Amazon be deploying a new hiring strategy?": the poster wondering about a company
ABOUT_A_COMPANY = re.compile(r"^(?:is|are|was|were|could|would|will|does|did|do|has|have|can|might|should|why\s+"
                             r"(?:is|are|does|did|do|would))\s+(?P<subject>\S+)", re.IGNORECASE)
ASKS_THE_COMMUNITY = re.compile(r"^(?:how\s+many|has|have|did|does|do|is|are|was|were|would|should|can|could|"
                                r"will)\s+(?:\w+\s+){0,2}?(?:of\s+you|anyone|anybody|you\s+guys|y'all|people)\b",
                                re.IGNORECASE)
QUESTIONS_LABEL = re.compile(r"^(?:[\w-]+\s+){0,3}?questions?\s*(?:were|was)?\s*[:\-–—]\s*", re.IGNORECASE)
NEXT_QUESTION = re.compile(r",?\s+and\s+(?=(?:how|what|why|when|which|where|who|would|could|can|do|does|is|are)\b)|"
                           r";\s+", re.IGNORECASE)
FOLLOW_UP_LABEL = re.compile(r"^(?:(?:first|second|third|next|another|one)\s+)?(?:constraint|follow[- ]?up|twist|"
                             r"extension)(?:\s+(?:added|was|question))?\s*[:\-–—]\s*(?P<task>(?:handle|support|extend|"
                             r"add|scale|convert|allow|make|modify|change)\b[^,;.]+)", re.IGNORECASE)
LEETCODE_ASIDE = re.compile(r"\((?:leetcode|lc)\.?\s*#?\s*(?P<n>\d{1,4})\)", re.IGNORECASE)
PROBLEM_WORD = re.compile(r"\b(?:arrays?|strings?|trees?|nodes?|graphs?|matrix|intervals?|parenthes[ie]s|palindromes?|"
                          r"substrings?|subarrays?|subsequences?|paths?|islands?|calculator)\b", re.IGNORECASE)
# "- *How would you implement typo detection?* I gave a convoluted response": an interview's notes give each question,
# emphasised or not, and then what the poster answered; "Q: ...? A: ..." on one line is the same. Emphasis closes the
# question ("*...?*", or the three spaces bold markup leaves once blanked) of four words or more ("**Who?** Principal
# Engineer" and "**How'd I do?** Fine" are labels); without emphasis, the answer asks nothing.
ANSWERED_ITEM = re.compile(r"^(?P<open>[*_]{1,2})?(?P<question>(?=(?:[^?\s]+\s+){3}[^?\s])[^*_\n]{5,300}\?)"
                           r"(?:(?P=open)|(?<!\s)\s{2}(?=\s))\s+(?P<answer>\S.*)$|"
                           r"^(?P<question_>(?:how|what|why|when|where|which|who|is|are|was|were|do|does|did|can|could|"
                           r"would|should|have|has|tell|walk|if)\b[^?\n]{5,300}\?)\s+(?P<answer_>(?:a\s*[:.)-]\s*)?"
                           r"[^?\s][^?]*)$", re.IGNORECASE)
# "At the end I asked them a few things:", "FAQ from my DMs:": the list under it holds no interviewer's question
POSTERS_QUESTIONS = re.compile(r"\b(?:I|we)\s+(?:also\s+|then\s+)?asked\s+(?:them|him|her|the\s+(?:interviewers?|"
                               r"panel|recruiter|team|manager))\b|\bFAQ\b|\b(?:people|you|folks|y'all)\s+(?:have\s+)?"
                               r"(?:asked|ask)\s+me\b|\bfrom\s+my\s+DMs\b|\bmy\s+questions\s+(?:for|to)\b")
# "Him: how much experience you have?" / "Me: 7 years": an interview told as a dialogue, the interviewer's lines under
# a label, the poster's under "Me:"; a post counts as one when it has both kinds of line
INTERVIEWER_LINE = re.compile(r"^(?:the\s+)?(?:interviewer|him|her|he|she|int|hm|hiring\s+manager|panel(?:ist)?|"
                              r"tech\s+lead|lead|cto|ceo|vp|manager|[A-Z][a-z]+\s+\((?:interviewer|hm)\))\s*:\s*"
                              r"(?P<said>\S.*)$", re.IGNORECASE)
POSTERS_LINE = re.compile(r"^\s*(?:\*\*|__)?(?:me|myself)(?:\*\*|__)?\s*:", re.IGNORECASE | re.M)
ROMAN_NUMERAL = re.compile(r"\s(?:II|III|IV)$")
ARTICLE = re.compile(r"(?:a|an|the|this|that)\s", re.IGNORECASE)
KIND_OF_TASK = re.compile(r"(?:write|code|solve|do|practi[cs]e)\b", re.IGNORECASE)
BOTH_PROBLEMS = re.compile(r"\bboth\s+(?:the\s+|of\s+the\s+)?(?:problems?|questions?)\b", re.IGNORECASE)
FOLLOW_UP_IN_ITEM = re.compile(r"(?<=[.?!])\s+(?=follow[- ]?ups?\s*[:\-–—])", re.IGNORECASE)
FOLLOW_UPS = re.compile(r"^\W*(?:follow[- ]?ups?|(?:follow[- ]?up\s+)?questions?)\s*[:\-–—]", re.IGNORECASE)
SOLVE_IT = re.compile(r"(?:solve|do|code|implement|write)\s+it\s+(?:without|using|with|in)\b", re.IGNORECASE)
SPELLED_OUT = re.compile(r"\s+[-–—]\s+(?:either|i\.e\.|that\s+is|where|such\s+that)\b[^.;!?]*", re.IGNORECASE)
BOLD = re.compile(r"\*\*|__")
# A post hard-wrapped at a fixed width, as mail clients and some editors write it: at least WRAPPED_LINES lines that
# fill most of the width and were broken because the next word did not fit, and no line much wider.
WRAPPED_LINES, WRAP_FILL, WRAP_WIDTH = 5, 60, 100
# A line that ends on a subject or an article goes on in the next ("I eat slow. I" / "walk slow."), whatever that
# line opens with.
ENDS_MID_CLAUSE = re.compile(r"\b(?:I|we|they|he|she|a|an|the|my|our|your|their)\s*$", re.IGNORECASE)
WRAPPED_END = re.compile(r"\b(?:a|an|the|to|of|and|or|in|on|at|for|with|from|by|I|my|is|was|were|are|that|this|be|as|"
                         r"but|if|so)\s*$", re.IGNORECASE)

# "System Design: Amazon Device Locator Service", "LLD - Parking Lot", "Coding Question: Task Status System": a round
# or problem label followed by the problem's name only, without a task verb
NAME_LABEL = re.compile(
    r"^#*\s*(?:(?P<design>(?:(?:ml|ai|high[- ]level|low[- ]level|object[- ]oriented|oo|backend|api)\s+)?(?:system\s+)?"
    r"design|lld|hld|ood|sd)|(?:(?:coding|dsa|algorithm(?:ic)?|leetcode|lc|technical|first|second|third|main)\s+)?"
    r"(?:question|problem))\s*(?:\d{1,2}\s*)?(?:\([^)]{0,40}\)\s*)?[:\-–—]\s*(?P<name>\S.{0,200}?)\s*\.?$",
    re.IGNORECASE,
)
NAME_WORD = re.compile(r"[A-Z0-9][\w'’+#-]*|(?:of|a|an|the|for|with|and|in|on|to|from|by)$")
NOT_IN_A_NAME = re.compile(r"\b(?:was|were|is|are|i|my|we|went|got|had|did|asked|gave|felt|questions?|problems?|"
                           r"round|rounds|minutes?|mins?|hours?|rejected|passed|offer)\b", re.IGNORECASE)
# "**Who?** Principal Engineer" / "**Question?** Design ...": bullets labelled with a bold question word; only the
# question or problem label carries what was asked
QA_LABEL = re.compile(r"^(?P<label>[A-Za-z][\w'’]*(?:\s+[\w'’]+){0,3})\?\s+(?P<value>\S.*)$")
ASKED_LABEL = re.compile(r"^(?:the\s+)?(?:questions?|problems?|tasks?|prompts?|q|what\s+was\s+asked|asked)$",
                         re.IGNORECASE)
FILLER_START = re.compile(r"^(?:(?:basically|essentially|pretty\s+much|just|simply|something\s+like|like|sort\s+of|"
                          r"kind\s+of|roughly)\b[,\s]*)+", re.IGNORECASE)
FILLER_END = re.compile(r"(?:\s*,?\s*\b(?:blah(?:\s+blah)*|etc\.?|and\s+so\s+on|and\s+stuff|or\s+something|"
                        r"that\s+kind\s*(?:a|of)\s+(?:thing|stuff)|that\s+kinda\s+(?:thing|stuff)|stuff\s+like\s+that|"
                        r"things\s+like\s+that)\b\W*)+$", re.IGNORECASE)
# Where a second question starts inside a run-on clause with no punctuation between them: "how do you solve
# conflict tell me about time you dealt with a difficult coworker"
QUESTION_STEM = re.compile(
    r"\b(?:(?:how|what|why|which|when|where)\s+(?:do|did|would|could|can|should|will|does|are|were|is)\s+(?:you|u)\b|"
    r"tell\s+(?:me|us)\s+about|walk\s+(?:me|us)\s+through|describe\s+(?:a|the)\s+time|give\s+(?:me|us)\s+an\s+example)",
    re.IGNORECASE,
)
# "the problem which was basically detecting cycles in dependencies": a task given as a gerund
# "the task was implementing X", "The round was about implementing X", "The task was centered around building X",
# "System design: it's about designing X"
GERUND_TASK = re.compile(
    rf"(?:\b(?:problem|question|task|exercise|challenge|prompt|assignment)\s+(?:which\s+|that\s+)?(?:was|is)\s+"
    rf"(?:basically\s+|essentially\s+|just\s+|simply\s+)?|(?:\b(?:task|round|prompt|assignment)(?:\s+(?:was|is))?|"
    rf"(?:^|:)\s*it(?:['’]s|\s+was|\s+is))\s+(?:(?:centered|centred|focused|focussed)\s+(?:on|around)|"
    rf"(?:all\s+)?about)\s+)(?P<verb>[a-z]+ing)\s+(?!(?:sure|rapport|culture|fit|comfortable|introductions?|small\s+talk|"
    rf"conversation)\b)(?P<rest>[^.;!?]+?){CLAUSE_END}",
    re.IGNORECASE,
)
FOCUS_ON = re.compile(r"^(?:focus|concentrate)\s+on\s+(?P<verb>\w+ing)\b\s*", re.IGNORECASE)
DONE = {"discussed", "talked", "covered", "explained", "implemented", "solved", "coded", "wrote", "built", "designed",
        "answered", "presented", "reviewed", "went", "touched", "mentioned", "described"}
GERUNDS = {"detecting": "detect", "finding": "find", "implementing": "implement", "designing": "design",
           "building": "build", "writing": "write", "creating": "create", "reversing": "reverse",
           "merging": "merge", "computing": "compute", "counting": "count", "checking": "check", "sorting": "sort",
           "returning": "return", "printing": "print", "calculating": "calculate", "determining": "determine",
           "validating": "validate", "parsing": "parse", "converting": "convert", "making": "make",
           "processing": "process",
           "solving": "solve", "optimizing": "optimize", "optimising": "optimise", "scheduling": "schedule",
           "assigning": "assign", "generating": "generate", "serializing": "serialize", "traversing": "traverse",
           "removing": "remove", "searching": "search", "matching": "match", "grouping": "group",
           "simulating": "simulate", "flattening": "flatten", "rotating": "rotate", "encoding": "encode",
           "decoding": "decode", "scraping": "scrape", "modeling": "model", "modelling": "model"}

# "Given a vector of strings, where ...", "You are given list of mkdir commands", "The question was, given two
# servers": a problem statement as the interviewer wrote it (its "we" and "them" are the problem's, not the
# poster's); "Given that I have two years of experience", "Given 45 minutes, ..." and "Given enough practice" are not
GIVEN_STATEMENT = re.compile(r"^\s*(?:\W\s*)?(?:(?:the\s+)?(?:question|problem|task)\s+(?:was|is)\s*[,:]?\s*)?"
                             r"(?P<given>(?:you\s+are\s+|you're\s+|you’re\s+)?given)\s+(?!that\b|how\b|my\b|our\b|"
                             r"this\b|these\b|the\s+(?:fact|situation|circumstances|current|market|economy|time|short|"
                             r"limited)\b|enough\b|more\b|less\b|some\s+time\b|plenty\b|time\b|"
                             r"(?:\d+|an?|one|two|three|four|five|a\s+few|a\s+couple\s+of)\s+(?:more\s+)?"
                             r"(?:minutes?|mins?|hours?|days?|weeks?|months?|years?)\b)"
                             r"(?!.*(?-i:\bI\b)|.*\b(?:my|me)\b)", re.IGNORECASE)
# "we mainly discussed my previous work, why I want to join Microsoft, and why I'm interested in the role": the
# why/how/what clauses of what a screen discussed are its questions
DISCUSSED = re.compile(r"\b(?:discussed|talked\s+about|went\s+over|covered|touched\s+on)\s+(?P<rest>[^.;!?\n]{0,200}?"
                       r"\b(?:why|how|what)\s+(?:I|I['’]m|I['’]d|I['’]ve|my)\b[^.;!?\n]{0,200})", re.IGNORECASE)
# what happened to the poster, not what they were asked: "what went wrong", "why I was not moving forward"
NARRATED = re.compile(r"\b(?:went\s+wrong|happened|moving\s+forward|next\s+steps?|feedback|timeline|reject\w*|"
                      r"offer|decision|result)\b", re.IGNORECASE)
# "I couldn't explain what React hooks are": a question the poster could not answer was still asked
COULD_NOT_EXPLAIN = re.compile(r"\b(?:couldn't|couldn’t|could\s+not|wasn't\s+able\s+to|wasn’t\s+able\s+to|failed\s+to|"
                               r"struggled\s+to)\s+(?:really\s+|properly\s+|fully\s+)?(?:explain|describe|define)\s+"
                               r"(?P<what>(?:what|how|why|the\s+difference)\b[^,.;!?\n]{3,100})", re.IGNORECASE)
# "I was given an expression like "23*9/3+1-19" and had to evaluate it"
GIVEN_THEN_TASK = re.compile(r"\b(?:was|were|got|been)\s+given\s+(?P<what>(?:a|an|the|two|three)\s+[^.;!?]{3,120}?)"
                             r"\s+and\s+"
                             r"(?:had|needed|was\s+asked|were\s+asked)\s+to\s+(?P<verb>evaluate|solve|implement|design|"
                             r"parse|sort|reverse|optimi[sz]e|debug|code|build|compute|calculate|explain|analy[sz]e|"
                             r"fix|refactor|test|model|validate|simplify|traverse|serialize)\s+(?:it|them)\b",
                             re.IGNORECASE)
# a list item that says what the poster was asked in indirect form: "What components I’d create", "How I handled it"
LISTED_WH_I = re.compile(r"^(?P<wh>what|which|how|why|when|where)\s+"
                         r"(?P<clause>(?:[\w’'-]+\s+){0,3}?(?:I|I[’']d)\s+"
                         r"[^?]+?)\.?$", re.IGNORECASE)
DESIGN_PARENT = re.compile(r"\bdesign\s+(?P<what>[^:.;]{3,60})[:.]?\s*$", re.IGNORECASE)
# where a problem statement sets its task: "Find the number of teams", "..., count the number of superstreaks",
# "how do i sync the changes"
WH_ASKS = re.compile(r"\b(?:how|what)\s+(?:do|would|should|can|will)\s+(?:i|you|we)\b", re.IGNORECASE)
STATEMENT_TASK = re.compile(rf"(?:^|,\s*)(?:find|return|count|determine|compute|output|print|check|calculate)\b|"
                            rf"^you\s+(?:need|have|are\s+asked|are\s+required|must)\s+to\s+(?:find|return|count|"
                            rf"determine|compute|output|print|calculate|award|select|choose|pick|design|implement|write|"
                            rf"build|sort|merge|reverse|detect|generate|rank|assign|schedule|allocate|decide)\b|"
                            rf"{WH_ASKS.pattern}|\?\s*$", re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
POSTER = re.compile(r"(?-i:\bI\b)|\b(?:my|me)\b", re.IGNORECASE)
STATEMENT_WORDS = 10  # a "Given ..." sentence that sets no task and is shorter than this is not read as a problem

# --- round 4: a coding problem told in narrative --------------------------------------------------------------------
# What introduces the problem a round gave: "I was asked Word Search II", "First problem was parentheses problem",
# "Q1: ...", "Question 1: It's a variant of ...", "The question I was asked was based on BFS, similar to ...",
# "He asked a simple range max problem on array". What follows is read by told_problem().
PROBLEM_INTRO = re.compile(
    r"(?:^(?:#+\s*)?(?:q|question|problem|task)\s*#?\d{1,2}\s*(?:\([^)]{0,40}\)\s*)?[:.)\-–—]\s*"
    r"|\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|next|other|last|final|main|only|coding|dsa|technical)\s+)"
    r"(?:problem|question)\s+(?:(?:i|we)\s+(?:was|were|got)\s+(?:asked|given)\s+|(?:he|she|they)\s+(?:asked|gave)\s+)?"
    r"(?:was|is)\s+"
    r"|\b(?:the\s+)?(?:problem|question)\s+(?:(?:i|we)\s+(?:was|were|got)\s+(?:asked|given)|(?:he|she|they)\s+"
    r"(?:asked|gave)(?:\s+(?:me|us))?)\s+(?:was|is)\s+"
    r"|\b(?:(?:(?:i|we)\s+)?(?:was|were|got)\s+asked|(?:he|she|they|interviewer)\s+asked(?:\s+(?:me|us))?|"
    r"(?:was|were|got)\s+given|gave\s+(?:me|us))\s+(?:to\s+solve\s+)?(?=(?:a|an|the)\s|(?-i:[A-Z])))"
    r"(?:(?:basically|just|simply|it'?s|it’s|it\s+was)\s+)*",
    re.IGNORECASE,
)
ASIDE = re.compile(r"\s*\((?P<aside>[^()]{0,80})\)")
TITLED_PROBLEM = re.compile(r"\bthe\s+(?P<name>[A-Z][\w'’+#-]*(?:\s+(?:[A-Z0-9][\w'’+#-]*|of|in|to|a|an|the|and|with|"
                            r"for)){0,6})\s+(?i:problem)\b")
STRAY_SPACE = re.compile(r"\s+(?=\?(?:\s*$|\s+(?:how|what|why|when|which|where|who|is|are|do|does|can|could|would|"
                         r"should)\b))", re.IGNORECASE)
TIME_LIMIT_ONLY = re.compile(r"^\w+\s+(?:it\s+|them\s+|both\s+)?(?:with)?in\s+(?:\d+|an?|one|two|three)\s*"
                             r"(?:minutes?|mins?|hours?|hrs?|days?)\W*$", re.IGNORECASE)
NAMED_TASK = re.compile(r"^(?:Solve|Find)\s+the\s+.*\bproblem\.$")
HELP = re.compile(r"\bhow\s+to\s+(?:answer|approach|solve|respond|tackle|handle|prepare)\b|\bneed\s+help\b|"
                  r"\bhelp\s+(?:me|understanding|with)\b|\bstuck\b|\bconfused\b|"
                  r"\b(?:solve|approach|answer|tackle|do)\s+(?:this|it)\b",  # "How would you solve this?"
                  re.IGNORECASE)
QUESTION_PAGE_TITLE = re.compile(r"^\W*(?:[\w&.'’-]+\s+){0,4}interview\s+question\W*$", re.IGNORECASE)
OUTLINE_NUMBER = re.compile(r"^(?:\w+(?:\s+\w+){0,2}:\s*)?(?:\d{1,2}\.)+(?:\d{1,2})?\s*")  # "ML: 1.", "1.1."
QUESTION_PAGE = "a question under a title that says it was asked in an interview"
STATES_A_PROBLEM = re.compile(r"(?:given|you\s+are\s+given|suppose|assume|consider|imagine)\b", re.IGNORECASE)
LIKE_ASIDE = re.compile(r"^(?:think|like|similar\s+to|e\.?g\.?,?|i\.?e\.?,?|basically)\s+(?P<like>[^()]+)$",
                        re.IGNORECASE)
PROBLEM_CUT = re.compile(r"[.;!?:\n]|,(?!\s*(?:similar\s+to|like|think)\b)|\s+(?:but|which|so|because|"
                         r"where|that)\s", re.IGNORECASE)
# "Similar to the phone screen", "just like expected": like an earlier round or a guess, not like a named problem
EARLIER_ROUND = re.compile(r"\b(?:screen|oa|assessment|previous|before|usual|expected|last\s+one|first\s+one|"
                           r"other\s+one)\b", re.IGNORECASE)
VARIATION = re.compile(r"^(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:variant|variation|version|modification|twist|spin)\s+"
                       r"(?:of|on)\s+(?P<x>.+?)(?:\s+with\b.*)?$", re.IGNORECASE)
# "felt like a personality quiz" is an impression, not a problem it was like
SIMILAR = re.compile(r"^(?P<pre>.*?)\b(?:similar\s+to|(?<!felt\s)(?<!feel\s)(?<!feels\s)(?<!seemed\s)(?<!seems\s)"
                     r"(?<!looked\s)(?<!looks\s)(?<!sounded\s)like)\s+(?P<x>.+)$", re.IGNORECASE)
PROBLEM_NOUN = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:classic|simple|standard|famous|typical|basic|modified|tricky|easy|medium|hard|"
    r"leetcode|lc|well-known|common|popular|straightforward)\s+)*(?P<x>[\w'’/-]+(?:\s+[\w'’/-]+){0,6}?)\s+"
    r"(?P<noun>problem|question)\b\s*(?P<tail>(?:on|with|in|for|about|using)\s+(?:an?\s+)?\w+(?:\s+\w+)?)?\s*$",
    re.IGNORECASE,
)
# Not the problem's name: a count, a time, a difficulty, a person
NOT_A_PROBLEM = re.compile(r"\b(?:i|my|me|we|our|you|your|he|she|they|was|were|is|are|had|did|got|went|felt|"
                           r"minutes?|mins?|hours?|few|couple|lot|bunch|some|two|three|questions|problems|round|"
                           r"interview\w*|follow[- ]?up|solved|used|tried|wrote|coded)\b|\band\s+\w+ed\b|"
                           r"^(?:(?:a|an|the|this|that)\s+)?(?:(?:same|previous|original|last|first|other)\s+)?"
                           r"(?:question|problem|one|task)$|^(?:a|an|the)$|"
                           r"^(?:first|second|third|fourth|fifth|next|last|final|other|another)$", re.IGNORECASE)

PRONOUNS = [(r"\bI['’]m\b", "you're"), (r"\bI['’]ve\b", "you've"), (r"\bI['’]ll\b", "you'll"), (r"\bI['’]d\b", "you'd"),
            (r"\bI\b", "you"), (r"\bmy\b", "your"), (r"\bme\b", "you"), (r"\bmine\b", "yours"),
            (r"\bmyself\b", "yourself")]
BACKSHIFT = {"was": "is", "were": "are", "had": "have", "could": "can", "would": "would", "is": "is", "are": "are",
             "can": "can", "should": "should", "will": "will", "has": "has", "have": "have", "does": "does",
             "do": "do", "did": "did", "might": "might", "must": "must"}
INVERTED = {"did": "Did", "do": "Do", "does": "Do", "am": "Are", "was": "Are", "were": "Are"}
MODALS = {"would", "could", "can", "should", "will", "might", "must"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "my", "our", "his", "her", "their", "its"}
# Words after "I" that are not the verb of an embedded question: "what X I and my team ...", "how much I really ...".
STOPWORDS_OF_A_CLAUSE = {"and", "or", "but", "also", "really", "just", "actually", "personally", "think", "thought",
                         "guess", "mean", "meant", "said", "told", "was", "am", "have", "has", "had", "do", "did"}
IRREGULAR_PAST = {"knew": "know", "built": "build", "made": "make", "did": "do", "had": "have", "wrote": "write",
                  "thought": "think", "chose": "choose", "went": "go", "took": "take", "found": "find",
                  "dealt": "deal", "ran": "run", "led": "lead", "taught": "teach", "got": "get", "gave": "give",
                  "saw": "see", "felt": "feel", "spent": "spend", "kept": "keep", "understood": "understand"}
PAST_PARTICIPLE = re.compile(r"^(?:\w+ed|built|made|done|written|known|led|run|taken|seen|worked|used|been)$")

LEVELS = [("staff", re.compile(r"\b(?:staff|principal|L[67]|E[67])\b")),
          ("senior", re.compile(r"\b(?:senior|sr\.?|L5|E5)\b", re.IGNORECASE)),
          ("mid", re.compile(r"\b(?:mid[- ]level|L4|E4|SDE\s*II|MLE\s*II)\b", re.IGNORECASE)),
          ("junior", re.compile(r"\b(?:junior|jr\.?|new\s+grad|entry[- ]level|intern(?:ship)?|L3|E3)\b",
                                re.IGNORECASE))]
ROUND = re.compile(
    r"\b(?:(?:phone|recruiter|technical|tech|coding|(?:ml\s+)?system\s+design|ml\s+design|behaviou?ral|"
    r"hiring\s+manager|final|first|second|third|fourth|1st|2nd|3rd|4th|virtual|live\s+coding|pair\s+programming|"
    r"bar\s+raiser|ml\s+theory|ml\s+breadth|ml\s+depth)\s+(?:round|screen|interview|onsite)|on-?site|"
    r"phone\s+screen|take[- ]home)\b",
    re.IGNORECASE,
)


class Unit:
    """A sentence (or list item) of the post, with its offsets. A list item knows what the line before the list
    said: that it announced questions or topics (list_context), that it spoke to the community (to_community), or
    the unfinished stem the items complete ("Tell me about a time when you")."""

    def __init__(self, text: str, start: int, listed: bool, list_context: bool, *, to_community: bool = False,
                 stem: str = ""):
        self.text, self.start, self.listed, self.list_context = text, start, listed, list_context
        self.to_community, self.stem = to_community, stem
        self.announced = False  # the sentence before ended "got this question:"
        self.parent = ""  # the item a nested item sits under ("Asked to design X:" over "- What components I'd use")

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def unwrap(post: str) -> str:
    """A hard-wrapped post with its wrapping undone, each break inside a paragraph turned into one space (the
    offsets stay): in "I eat slow. I" / "walk slow." the second line is not an order to walk. A post counts as wrapped
    when at least WRAPPED_LINES lines fill the width and one of them ends on a word no sentence ends on; a break counts
    as wrapping where the next line's first word would not have fitted on the line (so a list of one item a line,
    however long its items, mostly stays a list) and the next line goes on in lower case; breaks before a list item,
    before a line that opens like a question or a task ("what is ...", "design ...", "explain ...") unless the line
    ends on a subject or an article, after a line that ends in ":" or "?", and around a blank line stay."""
    lines = post.split("\n")
    width = max(len(line.rstrip()) for line in lines)
    if width > WRAP_WIDTH:
        return post

    def wrapped(line: str, following: str) -> bool:
        first_word = following.split()[0] if following.strip() else ""
        return bool(line.strip() and first_word and len(line.rstrip()) + 1 + len(first_word) > width)

    pairs = list(zip(lines, [*lines[1:], ""], strict=True))
    breaks_at_width = [wrapped(line, following) for line, following in pairs]
    full = [line for (line, _), at_width in zip(pairs, breaks_at_width) if at_width and len(line.rstrip()) >= WRAP_FILL]
    # Wrapping breaks lines anywhere, so some end on a word that cannot end a sentence ("... if I was a"); a list of
    # one item a line, even written all in lower case, ends each line on the item's last word.
    if len(full) < WRAPPED_LINES or not any(WRAPPED_END.search(line) for line in full):
        return post
    out = []
    for (line, following), at_width in zip(pairs, breaks_at_width):
        inside = (at_width and not LIST_MARKER.match(following)
                  and not re.search(r"[:?]\W*$", line) and following.lstrip()[:1].islower()
                  and (ENDS_MID_CLAUSE.search(line)
                       or not (WH_START.match(following.lstrip()) or TASK_START.match(following.lstrip()))))
        out.append(line + (" " if inside else "\n"))
    return "".join(out)[:len(post)]


def units(post: str) -> list[Unit]:
    found: list[Unit] = []
    offset = 0
    context = to_community = announced = bare_list = False  # what the latest prose line said about what follows
    stem = ""
    items: list[tuple[int, str]] = []  # the open list items above this line, by indent
    numbered = (0, False, False)  # the last numbered item: its number, list context and whether it spoke to readers
    for line in post.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        marker = LIST_MARKER.match(body)
        first = len(found)
        text = body.strip()
        if bare_list and text and not marker:  # one item a line, until a line that reads as prose
            if len(text.split()) <= MAX_BARE_ITEM_WORDS and not re.search(r"[.!:]$", text) and "&#" not in text:
                found.append(Unit(text, offset + body.index(text), True, True))
                offset += len(line)
                continue
            if "&#" not in text:
                bare_list = False
        if body.strip():
            if marker:
                item = body[marker.end():]
                at = offset + marker.end() + (len(item) - len(item.lstrip()))
                item = item.strip()
                item_context, item_community = context, to_community
                if number := re.match(r"\s*(\d{1,3})", body):
                    # "2) Valid Number" after a paragraph about item 1 still belongs to the list "Screening 1)" opened
                    if int(number[1]) == numbered[0] + 1:
                        item_context, item_community = context or numbered[1], to_community or numbered[2]
                    numbered = (int(number[1]), item_context, item_community)
                answer = None
                if answered := ANSWERED_ITEM.match(item):  # the question is the item; the answer after it is prose
                    question, answer_text = ("question", "answer") if answered["question"] else ("question_", "answer_")
                    answer = Unit(answered[answer_text], at + answered.start(answer_text), False, False)
                    at, item = at + answered.start(question), answered[question]
                # "3) Basic calculator II. Follow up: can you do O(1) extra space?": the problem, then its follow-up
                cursor = 0
                for piece in FOLLOW_UP_IN_ITEM.split(item) if FOLLOW_UP_IN_ITEM.search(item) else [item]:
                    cursor = item.index(piece, cursor)
                    found.append(Unit(piece, at + cursor, True, item_context, to_community=item_community, stem=stem))
                    cursor += len(piece)
                indent = len(body) - len(body.lstrip())
                while items and items[-1][0] >= indent:
                    items.pop()
                found[-1].parent = items[-1][1] if items else ""
                items.append((indent, item))
                if answer:
                    found.append(answer)
            else:
                items.clear()
                last = SENTENCE_END.split(body)[-1].strip()
                if last.endswith(":"):  # "Some tips from my side:" opens a list of its own
                    numbered = (0, False, False)
                context = bool(LIST_CONTEXT.search(re.split(r"[,;]", last)[-1])) and not (
                    POSTERS_OWN_LIST.search(last) and not ASKED_IN_THE_LIST.search(last))
                to_community = bool(TO_COMMUNITY.search(last) or last.endswith("?") or POSTERS_QUESTIONS.search(last))
                stem = last.rstrip(" :-–—") if STEM.match(last) and DANGLING.search(last) else ""
                cuts = [0, *(match.end() for match in SENTENCE_END.finditer(body)), len(body)]
                for at, until in zip(cuts, cuts[1:], strict=False):
                    piece = body[at:until]
                    if piece.strip():
                        lead = len(piece) - len(piece.lstrip())
                        found.append(Unit(piece.strip(), offset + at + lead, False, False))
            if announced and len(found) > first:
                found[first].announced = True
            announced = not marker and bool(ANNOUNCES.search(body.rstrip()))
            bare_list = bare_list or (not marker and bool(HERE_ARE.search(text)))
        offset += len(line)
    return found


# --- turning reported speech into direct speech --------------------------------------------------------------------


def from_gerund(word: str) -> str:
    """The verb of a gerund ("assigning" -> "assign", "creating" -> "create", "planning" -> "plan"): the known ones
    from GERUNDS, the others by the spelling rules of English, which a wrong final "e" hardly hurts."""
    word = word.lower()
    if word in GERUNDS:
        return GERUNDS[word]
    if word == "using":
        return "use"
    if word.endswith("thing") or word in {"during", "morning", "evening", "ceiling", "building", "anything"}:
        return ""  # "something like design paypal" is no gerund
    if not word.endswith("ing") or len(word) < 7:  # "string", "thing", "doing"
        return ""
    stem = word[:-3]
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]  # "planning"
    if re.search(r"(?:[^aeiou](?:at|ut)|[aeiou]c|[^aeiou]?[aeiou]v|[iy]z|rg|[aeiou]ak|[aou]r|[iou]d|[dbptgkc]l|"
                 r"[aeiou]s|us)$", stem) or len(stem) <= 2:
        return stem + "e"
    return stem


def _you(text: str) -> str:
    for pattern, replacement in PRONOUNS:
        text = re.sub(pattern, replacement, text)
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finish(text: str, mark: str) -> str:
    text = MARKDOWN_ESCAPE.sub(r"\1", text)  # "is\_anagram" as Reddit stores it is "is_anagram"
    text = " ".join(text.strip(" ,;:-–—\"“”'*_").split())
    text = re.sub(r"[.?!]+$", "", text)
    return _capital(text) + mark if text else ""


def _base(verb: str) -> str:
    lower = verb.lower()
    if lower in IRREGULAR_PAST:
        return IRREGULAR_PAST[lower]
    if lower.endswith("ied"):
        return lower[:-3] + "y"
    if lower.endswith("ed"):
        stem = lower[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            return stem[:-1]
        if re.search(r"(?:at|ut|iz|is|ys|v|c|g|dl|bl|tl|kl|pl|gl|ur|as|us|ns|rs|ud|id|od|ar|rg|lv)$", stem):
            return stem + "e"
        return stem
    return lower


def _yes_no(clause: str) -> str:
    words = clause.split()
    if not words:
        return ""
    first = words[0].lower()
    if first in {"i", "i'd", "i've", "i'm"}:
        rest = words[1:]
        head = rest[0].lower() if rest else ""
        if first == "i'm":
            return _finish("Are you " + _you(" ".join(rest)), "?")
        if first == "i've" or (first == "i'd" and head and (PAST_PARTICIPLE.match(head) or head == "ever")):
            return _finish("Have you " + _you(" ".join(rest)), "?")
        if first == "i'd":
            return _finish("Would you " + _you(" ".join(rest)), "?")
        if head in {"had", "have"} and len(rest) > 1 and (PAST_PARTICIPLE.match(rest[1].lower())
                                                         or rest[1].lower() == "ever"):
            return _finish("Have you " + _you(" ".join(rest[1:])), "?")
        if head in {"had", "have", "knew", "know", "understood", "understand", "used", "use", "liked", "like",
                    "wanted", "want", "thought", "think"}:
            return _finish("Do you " + _base(head) + " " + _you(" ".join(rest[1:])), "?")
        if head in {"was", "am", "were"}:
            return _finish("Are you " + _you(" ".join(rest[1:])), "?")
        if head in MODALS or head in {"could", "would"}:
            verb = {"could": "Can", "would": "Would"}.get(head, _capital(head))
            return _finish(f"{verb} you " + _you(" ".join(rest[1:])), "?")
        if head == "ever" or (head.endswith("ed") or head in IRREGULAR_PAST):
            return _finish("Have you " + _you(" ".join(rest)), "?")
        return _finish("Do you " + _you(" ".join(rest)), "?")
    for position, word in enumerate(words[:7]):
        if word.lower() in BACKSHIFT and position > 0:
            subject = " ".join(words[:position])
            aux = BACKSHIFT[word.lower()]
            return _finish(f"{_capital(aux)} {_you(subject)} {_you(' '.join(words[position + 1:]))}", "?")
    return _finish("Is it true that " + _you(clause), "?")


def _wh(wh: str, clause: str) -> str:
    clause = re.sub(r"(?<=\s)I'd\b", "I would", clause.replace("’", "'"))  # "what components I’d create"
    words = clause.split()
    if not words:
        return ""
    wh = wh.lower()
    first = words[0].lower()
    if first == "am":
        return _finish(f"{wh} are {_you(' '.join(words[1:]))}", "?")
    if first in {"i'm", "i’m"}:
        return _finish(f"{wh} are you {_you(' '.join(words[1:]))}", "?")
    if first in BACKSHIFT and first not in {"had", "have", "has"}:  # already direct: "asked what is RAG"
        return _finish(f"{wh} {BACKSHIFT[first]} {_you(' '.join(words[1:]))}", "?")
    lower = [word.lower() for word in words]
    if "i" in lower[1:4] and first not in {"i", "i'd", "i've"}:  # "how many people I would interact with"
        at = lower.index("i")
        head = lower[at + 1] if at + 1 < len(lower) else ""
        if head in MODALS or head in {"was", "were", "am"}:
            verb = {"could": "can", "was": "are", "were": "are", "am": "are"}.get(head, head)
            return _finish(f"{wh} {' '.join(words[:at])} {verb} you {_you(' '.join(words[at + 2:]))}", "?")
        adverb = head if head.endswith("ly") and at + 2 < len(lower) else ""
        verb_at = at + 2 if adverb else at + 1
        head = lower[verb_at] if verb_at < len(lower) else ""
        if (re.fullmatch(r"[a-z]+", head) and head not in STOPWORDS_OF_A_CLAUSE and first not in DETERMINERS
                and lower[-1] not in BACKSHIFT):
            # "what management style I like best": "What management style do you like best?"; not "what the hardest
            # bug I fixed was", whose noun phrase is the subject (the last branch reads it)
            past = head.endswith("ed") or head in IRREGULAR_PAST
            verb = " ".join(filter(None, ["did you" if past else "do you", adverb, _base(head) if past else head]))
            return _finish(f"{wh} {' '.join(words[:at])} {verb} {_you(' '.join(words[verb_at + 1:]))}", "?")
    if 2 <= len(words) <= 4 and (lower[-1].endswith("ed") or lower[-1] in IRREGULAR_PAST):  # "what X returned"
        return _finish(f"{wh} does {' '.join(words[:-1])} {_base(lower[-1])}", "?")
    if first in {"i", "i'd", "i've", "we", "you", "they"}:
        rest = words[1:]
        head = rest[0].lower() if rest else ""
        subject = {"i": "you", "i'd": "you", "i've": "you", "we": "we", "you": "you", "they": "they"}[first]
        if first == "i'd":
            if head and PAST_PARTICIPLE.match(head) and not head.endswith("ed"):
                return _finish(f"{wh} have you {_you(' '.join(rest))}", "?")
            return _finish(f"{wh} would you {_you(' '.join(rest))}", "?")
        if first == "i've":
            return _finish(f"{wh} have you {_you(' '.join(rest))}", "?")
        if head in MODALS:
            verb = "can" if head == "could" else head
            return _finish(f"{wh} {verb} {subject} {_you(' '.join(rest[1:]))}", "?")
        if head in {"was", "were", "am", "are"}:
            return _finish(f"{wh} are {subject} {_you(' '.join(rest[1:]))}", "?")
        if head in {"had", "have"} and len(rest) > 1 and PAST_PARTICIPLE.match(rest[1].lower()):
            return _finish(f"{wh} have {subject} {_you(' '.join(rest[1:]))}", "?")
        if head and (head.endswith("ed") or head in IRREGULAR_PAST):
            return _finish(f"{wh} did {subject} {_base(head)} {_you(' '.join(rest[1:]))}", "?")
        if head:
            return _finish(f"{wh} do {subject} {_you(' '.join(rest))}", "?")
    if words[-1].lower() in {"is", "was", "are", "were"} and len(words) > 1:  # "what the difference ... is"
        return _finish(f"{wh} {BACKSHIFT[words[-1].lower()]} {_you(' '.join(words[:-1]))}", "?")
    return _finish(f"Explain {wh} {_you(clause)}", ".")


def _topics(clause: str) -> list[str]:
    if DIFFERENCE_BETWEEN.match(clause) and "," not in clause:
        return [clause.strip()]  # "the difference between an array and a linked list" is one topic
    clause = re.sub(r"^(?:the\s+topic\s+of\s+|topics\s+like\s+|things\s+like\s+|stuff\s+like\s+|how\s+(?!to\b))",
                    "", clause, flags=re.IGNORECASE)
    parts = [part.strip() for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s*/\s*|\s+&\s+|\s+or\s+", clause)
             if part.strip()]
    if len(parts) > 1 and all(len(part.split()) <= 5 for part in parts):
        if owner := re.match(r"(?:my|our)\s", parts[0], re.IGNORECASE):  # "my background and motivations"
            parts[1:] = [owner.group() + part if len(part.split()) == 1 else part for part in parts[1:]]
        return parts
    return [clause.strip()]


def _examples(clause: str) -> list[str]:
    """The topics named after "things like" / "such as" in a wider request, one "Explain X." each."""
    parts = TOPIC_EXAMPLES.split(clause, maxsplit=1)
    if len(parts) < 2:
        return []
    questions = [_topic_question(topic, named=True) for topic in _topics(parts[1])]
    return [question for question in questions
            if question and _content_words(question) >= 1 and not LOGISTICS.search(question)
            and _stands_alone(question)]


def labelled(unit: Unit) -> list[tuple[str, int, int]]:
    """Questions under a "Follow-up questions:" label, one per "..., and what ..." clause, without the asides in
    brackets; and the task after "First constraint added:"."""
    if follow_up := FOLLOW_UP_LABEL.match(unit.text):
        return [(_finish(follow_up["task"], "."), unit.start, unit.end)]
    label = QUESTIONS_LABEL.match(unit.text)
    if not label:
        return []
    found = []
    for part in NEXT_QUESTION.split(unit.text[label.end():]):
        part = re.sub(r"\s*\([^()]*\)", "", part).strip(" .")
        if (WH_START.match(part) or WH_DIRECT.match(part)) and asks_interview_question(_finish(part, "?"), listed=True):
            found.append((_finish(part, "?"), unit.start, unit.end))
    return found


def said_in_dialogue(post: str, unit: Unit) -> list[tuple[str, int, int]] | None:
    """In a post told as a dialogue, the interviewer's questions in a sentence of one of their lines ("Him: Right.
    Which projects you worked on?"); nothing for a sentence of the poster's lines ("Me: ..."); None for a sentence
    of neither."""
    line = post[post.rfind("\n", 0, unit.start) + 1:unit.start] + unit.text
    if POSTERS_LINE.match(line):
        return []
    speaker = INTERVIEWER_LINE.match(line.strip())
    if not speaker:
        return None
    said = INTERVIEWER_LINE.sub(r"\g<said>", unit.text.strip())
    question = _capital(_direct(said))
    if (question.endswith("?") or TASK_START.match(question)) and asks_interview_question(question, listed=True):
        return [(_finish(question, "?" if question.endswith("?") else "."), unit.start, unit.end)]
    return []


def _stands_alone(question: str) -> bool:
    """Not about the process or the community, not "Solve it ..." without its problem, not a bare "Explain your
    approach" that every interviewer says, not "Do you have any questions?" that closes every interview."""
    return not (COMMUNITY.search(question) or PRONOUN_OBJECT.match(question) or GENERIC_FOLLOW_UP.match(question)
                or COURTESY.match(question) or UNNAMED_TASK.match(question))


def _not_asked_of_the_poster(text: str, match: re.Match) -> bool:
    """"I asked if ..." is the candidate asking, not the interviewer; "you will be asked to ..." and "they usually
    ask ..." describe a format, not what happened."""
    before = text[:match.start()]
    if NOT_YET_ASKED.search(before) or NEGATED.search(before):
        return True
    return match.group(0).lower().startswith(("asked", "wanted", "quizzed", "grilled", "drilled", "probed",
                                              "pressed")) and bool(POSTER_ASKS.search(before))


def _topic_question(topic: str, *, design: bool = False, named: bool = False) -> str:
    topic = re.sub(r"\s*\b(?:etc|and\s+so\s+on)\W*$", "", topic.strip(" .,:;\"“”'"), flags=re.IGNORECASE)
    if (approach := APPROACH_TOPIC.match(topic)) and len(approach["rest"].split()) <= 3 * MAX_TOPIC_WORDS:
        return _finish(f"What is your {approach['what'].lower()} {approach['prep'].lower()} {_you(approach['rest'])}",
                       "?")
    how_to = re.match(r"how\s+to\s+\w", topic, re.IGNORECASE)
    longest = MAX_TOPIC_WORDS * (4 if how_to or design else 2)
    if not topic or topic.startswith("(") or len(topic.split()) > longest or CATEGORY.match(topic) or (
            NOT_A_TOPIC.search(topic) and not how_to) or (ARTICLE_AND_NOUN.match(topic) and not named):
        return ""
    # "Core CS concepts: Computer Networks, OOPs" heads a list of subjects; "Taken by an SDE2" says who took it
    if ":" in topic or REMARK.match(topic):
        return ""
    if re.search(r"\b(?:problem|question)s?\b", topic, re.IGNORECASE):
        return ""  # "Greedy/frequency map problem" is not a topic to explain; told_problems() reads named ones
    if ABOUT_THE_CANDIDATE.search(topic):
        return _finish("Tell me about " + _you(topic), ".")
    if re.match(r"(?:my|our)\b", topic, re.IGNORECASE):
        return _finish("Tell me about " + _you(topic), ".")
    if how_to := re.match(r"how\s+to\s+(?P<rest>.+)", topic, re.IGNORECASE):
        return _finish("How would you " + _you(how_to["rest"]), "?")
    if re.match(r"(?:what|how|why|when|which)\b", topic, re.IGNORECASE):
        return _finish("Explain " + _you(topic), ".")
    if between := DIFFERENCE_BETWEEN.match(topic):
        verb = "are" if between["plural"] else "is"
        return _finish(f"What {verb} the {between['what']} between " + _you(between["rest"]), "?")
    if re.match(r"(?:a\s+time|times?\s+when|situations?)\b", topic, re.IGNORECASE):
        return _finish("Tell me about " + _you(topic), ".")
    return _finish(("Design " if design else "Explain ") + _you(topic), ".")


def run_together(clause: str) -> list[str]:
    """Questions run together in one clause with no punctuation between them ("how do you solve conflict tell me
    about time you dealt with a difficult coworker blah blah"), one per question stem, in direct form. Empty unless
    the clause starts with a stem."""
    starts = [stem.start() for stem in QUESTION_STEM.finditer(clause)]
    if not starts or starts[0] != 0:
        return []
    found = []
    for at, until in zip(starts, [*starts[1:], len(clause)], strict=True):
        piece = FILLER_END.sub("", clause[at:until].strip(" ,;:-–—")).strip()
        text = _finish(piece, "?" if WH_START.match(piece) else ".")
        if len(piece.split()) >= 3 and _content_words(text) >= 1 and _stands_alone(text):
            found.append(text)
    return found


def named_problem(text: str) -> str:
    """A label and a problem's name only: "System Design: Amazon Device Locator Service" -> "Design Amazon Device
    Locator Service.", "Coding Question: Task Status System" -> "Solve the Task Status System problem."."""
    label = NAME_LABEL.match(text)
    if not label:
        return ""
    name = TRAILING_ASIDE.sub("", label["name"]).strip(" .:*_\"“”")
    if label["design"] and name[:1].islower():  # "LLD: movie ticket booking system (same as HLD) but ..."
        thing = re.split(r"\s*\(|\s+but\s|,|;|\s[-–—]\s", name)[0].strip(" .")
        if 2 <= len(thing.split()) <= 6 and DESIGNABLE.search(thing) and not (
                NOT_IN_A_NAME.search(thing) or NOT_A_PROBLEM.search(thing) or TASK_START.match(thing)):
            return f"Design {thing}." if re.match(r"(?:a|an|the)\s", thing) else f"Design a {thing}."
        return ""
    words = name.split()
    if not 1 <= len(words) <= MAX_TOPIC_WORDS or TASK_START.match(name) or NOT_IN_A_NAME.search(name) \
            or CATEGORY.match(name) or not all(NAME_WORD.fullmatch(word) for word in words) \
            or not NAME_WORD.fullmatch(words[0]) or words[0][:1].islower():
        return ""
    if label["design"]:
        if re.search(r"\b(?:easy|medium|hard|lc|leetcode|similar|same|follow)\b", name, re.IGNORECASE):
            return ""
        return f"Design {name}."
    if NOT_A_NAME.search(name):
        return ""
    return f"Solve the {name} problem."


def _problem_name(phrase: str, likes: list[str], leetcode: bool, *, names: bool = True) -> str:
    """One problem told by its name or a short description, as a task: "a variant of the Top k frequent items
    problem" -> "Solve a variation of the Top k frequent items problem.", "search-style optimization problem" with
    "(think Koko Eating Bananas)" -> "Solve a search-style optimization problem like Koko Eating Bananas."."""
    phrase = MARKDOWN_ESCAPE.sub(r"\1", phrase).strip(" ,\"“”'*_")
    phrase = re.sub(r"[\"“”]|(?<!\w)'|'(?!\w)", "", phrase)
    if not phrase or len(phrase.split()) > MAX_BARE_ITEM_WORDS or STATES_A_PROBLEM.match(phrase):
        return ""  # "Problem 1: Given a BST, generate ..." states the problem (problem_statement), it names none
    if variation := VARIATION.match(phrase):
        x = variation["x"].strip()
        if NOT_A_PROBLEM.search(x) or CATEGORY.match(x) or re.match(r"(?:the|a|an)\s+(?:question|problem)\b", x,
                                                                       re.IGNORECASE):
            return ""  # "a variant of the question found on Hello Interview" does not say which
        return f"Solve a variation of {x}."
    if similar := SIMILAR.match(phrase):  # "based on BFS, similar to the valid island problem"
        x = similar["x"].strip()
        if NOT_A_PROBLEM.search(x) or CATEGORY.match(x) or len(x.split()) > MAX_TOPIC_WORDS or EARLIER_ROUND.search(x) \
                or TASK_START.match(x):  # "something like "design a scheduler ..."" quotes the task itself
            return ""
        if task := re.search(r"\b(?P<verb>design|build|implement|create|code|write)\s+(?P<what>.+)$", similar["pre"],
                             re.IGNORECASE):  # "Asked to design something like YouTube's homepage"
            return f"{task['verb'].capitalize()} {task['what'].strip()} like {x}."
        kind = PROBLEM_NOUN.match(similar["pre"].strip(" ,"))
        based = re.search(r"\bbased\s+on\s+(?P<k>[\w-]+)", similar["pre"], re.IGNORECASE)
        what = f"a {kind['x']} problem" if kind else f"a {based['k']} problem" if based else "a problem"
        return f"Solve {what} similar to {x}."
    if noun := PROBLEM_NOUN.match(phrase):
        x = noun["x"].strip()
        if NOT_A_PROBLEM.search(x) or NOT_A_NAME.search(x) and not likes:
            return ""
        if noun["noun"].lower() == "question" and x[:1].islower():
            return ""  # "a basic linear regression question" names the question's topic, not a problem
        if likes:
            return f"Solve a {x} problem like {likes[0]}."
        # "Greedy/frequency map problem", "grid-based graph problem": a kind of problem, not one
        if CATEGORY.match(x) or CATEGORY.match(x.split("/")[0]) or (
                CATEGORY.match(x.split()[-1].split("-")[-1]) and not _title_name(x)):
            return ""
        tail = f" {noun['tail']}" if noun["tail"] else ""
        return f"Find the {x}{tail}." if FINDABLE.match(x) else f"Solve the {x} problem{tail}."
    words = phrase.split()
    if not names:
        return ""
    if all(NAME_WORD.fullmatch(word) for word in words) and NAME_WORD.fullmatch(words[0]) and words[0][:1].isupper() \
            and not (NOT_A_NAME.search(phrase) or NOT_IN_A_NAME.search(phrase) or CATEGORY.match(phrase)):
        return f"Solve {phrase} (LeetCode)." if leetcode else f"Solve the {phrase} problem."
    if leetcode and not (NOT_A_PROBLEM.search(phrase) or CATEGORY.match(phrase)):  # "longest substring of valid
        # parentheses (leetcode hard)": lower case, but a problem's name
        return f"Find the {phrase}." if FINDABLE.match(phrase) else f"Solve the {phrase} problem."
    return ""


def _title_name(phrase: str) -> bool:
    """A problem's title of three words or more, in title case: "Sum of Distances in Tree" ends in a category's word
    but names one problem."""
    words = phrase.split()
    return len(words) >= 3 and words[0][:1].isupper() and all(NAME_WORD.fullmatch(word) for word in words)


def told_problems(unit: Unit) -> list[tuple[str, int, int]]:
    """Coding problems a round gave, told in narrative rather than in a list or a "gave me a X problem" sentence:
    after "I was asked", "First problem was", "Q1:", "The question I was asked was", each problem by its name (two
    joined by "and" after a bracketed aside), a short description ending in "problem", a "variant of ...", or
    "similar to ..."; bracketed hints ("(think Koko Eating Bananas)") name the problem it is like. Offsets are
    relative to the unit."""
    found = []
    # a list item ("Q1: ..." is read as one) is its own lead-in, but only a description, not a bare name, is kept
    intros = [re.match("", unit.text)] if unit.listed and not unit.to_community else []
    for intro in [*intros, *PROBLEM_INTRO.finditer(unit.text)]:
        rest = unit.text[intro.end():]
        # the asides are blanked (not removed, so offsets hold) before looking for where the problem's name ends
        if cut := PROBLEM_CUT.search(ASIDE.sub(lambda aside: "_" * len(aside.group()), rest)):
            rest = rest[:cut.start()]
        asides = [aside["aside"] for aside in ASIDE.finditer(rest)]
        likes = [like["like"].strip() for aside in asides if (like := LIKE_ASIDE.match(aside.strip()))]
        leetcode = any(re.search(r"\b(?:leetcode|lc)\b", aside, re.IGNORECASE) for aside in asides)
        # "Serialize and Deserialize a Binary Tree (...) (Leetcode Hard) and Word Search II (Leetcode hard)"
        at = intro.end()
        for index, part in enumerate(re.split(r"(?<=\))(\s*,?\s*(?:and|&)\s+)", rest)):
            name = "" if index % 2 else _problem_name(ASIDE.sub("", part), likes, leetcode,
                                                      names=intro.end() > 0 or not unit.listed)
            if name and _content_words(ASIDE.sub("", part)) >= 1:
                found.append((name, intro.start() if at == intro.end() else at, at + len(part.rstrip())))
            at += len(part)
    return found


def problem_statement(post: str, every_unit: list[Unit], index: int) -> tuple[str, int, int] | None:
    """A problem statement as the interviewer wrote it: the "Given ..." sentence and, when it sets no task itself,
    the sentences of its paragraph up to the one that does (at most three more): "Given a vector of strings, where
    ... same team. Find the number of teams". The text, where it ends, and the index of the last sentence read."""
    unit = every_unit[index]
    lead = GIVEN_STATEMENT.match(unit.text)
    if not lead:
        return None
    pieces, last = [unit.text[lead.start("given"):]], index
    if not STATEMENT_TASK.search(pieces[0]):
        for at in range(index + 1, min(index + 4, len(every_unit))):
            following = every_unit[at]
            if following.listed or PARAGRAPH_BREAK.search(post, every_unit[at - 1].end, following.start) \
                    or POSTER.search(following.text):  # "I immediately thought of a stack" is the poster's
                break
            if STATEMENT_TASK.search(following.text):
                pieces += [piece.text for piece in every_unit[index + 1:at + 1]]
                last = at
                break
    text = _you(_capital(re.sub(r"(?<=\s)i(?=\s)", "I", " ".join(piece.strip() for piece in pieces))))
    if last == index and len(text.split()) < STATEMENT_WORDS and not STATEMENT_TASK.search(text):
        return None
    asks = text.endswith("?") or WH_ASKS.search(every_unit[last].text)  # "..., how do i sync the changes"
    return _finish(text, "?" if asks else "."), every_unit[last].end, last


def asked_under_label(unit: Unit, post: str) -> tuple[bool, list[str]] | None:
    """A bullet under a bold question-word label ("**Who?** Principal Engineer", "**Question?** Basically create a
    class ..."): None when the unit has no such label; nothing for labels other than the question's; the task or
    question at the start of the value for the question's label."""
    label = QA_LABEL.match(unit.text) if unit.listed and post[max(0, unit.start - 2):unit.start] in ("**", "__") \
        else None
    if not label:
        return None
    if not ASKED_LABEL.match(label["label"].strip()):
        return False, []
    first = SENTENCE_END.split(label["value"])[0]
    text = _capital(FILLER_START.sub("", first.strip()).strip())
    if (TASK_START.match(text) or text.endswith("?")) and asks_interview_question(text, listed=True):
        return True, [_finish(text, "?" if text.endswith("?") else ".")]
    return True, []


def reported(unit: Unit) -> list[tuple[str, int, int]]:
    """Questions in reported speech in one sentence, each with its span inside the post."""
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(text: str, match: re.Match | tuple[int, int], *, built: bool = False) -> None:
        """`built`: the text is the rules' own wording ("Solve LeetCode problem 299."), not the poster's."""
        start, end = match if isinstance(match, tuple) else match.span()
        if not QUOTE_MARK.search(unit.text, start, end):  # a question quoted word for word stays whole
            text = WHERE_IT_WAS_ASKED.sub("", text)
        told = isinstance(match, tuple)  # told_problems() checks its own lead-in
        negated = NEGATED.search(unit.text[max(0, start - 80):start]) if told else \
            _not_asked_of_the_poster(unit.text, match)
        if negated or LOGISTICS.search(text) or (
                not built and not _stands_alone(text)):
            return
        if text and _content_words(text) >= 1 and not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            found.append((text, unit.start + start, unit.start + end))

    def add_with_continuations(text: str, match: re.Match, *, built: bool = False) -> None:
        if text:
            add(text, match, built=built)
        # "asked if X, then how Y and what Z", "asked about X, did I Y": one asking verb, several questions
        while (more := CONTINUATION.match(unit.text, match.end())) is not None:
            wh = more["wh"].lower()
            if wh in {"if", "whether"}:
                add(_yes_no(more["clause"]), more)
            elif wh in INVERTED:
                add(_finish(f"{INVERTED[wh]} {_you(more['clause'])}", "?"), more)
            elif more["contracted"] and REMARK_AFTER_WHATS.match(more["clause"]):
                break  # ", and what's worse, he laughed" remarks on what happened
            else:  # "what's roughly happening" is "what is ..."
                add(_wh(wh, ("is " if more["contracted"] else "") + more["clause"]), more)
            match = more

    if unit.text.endswith("?") and ASKS_THE_COMMUNITY.match(unit.text):
        return found  # "How many of you have been asked about RLHF?"
    low = unit.text.lower()
    quoted = '"' in low or "“" in low
    problem = any(word in low for word in ("problem", "question", "task", "exercise", "assignment", "variation",
                                           "version", "variant", "challenge"))
    for match in COMPLEXITY.finditer(unit.text) if "complexit" in low else ():
        what = re.sub(r"storage|memory", "space", (match["what"] or "time").strip().lower())
        what = re.sub(r"\s*(?:&|/)\s*", " and ", what)
        of = match["of"] or "your solution"
        of = re.sub(r"^(?:the|my|this)\s+(?=(?:code|solution|algorithm|approach)$)", "your ", of)
        of = " ".join(_you(of).split())
        if IMPROVE.search(match.group(0)):  # "asked if I could do better on time complexity"
            add(f"Can you improve the {what} complexity of {of}?", match)
        elif match["plural"] == "ies":
            add(f"What are the {what} complexities of {of}?", match)
        else:
            add(f"What is the {what} complexity of {of}?", match)
    for match in PROBLEM_WAS.finditer(unit.text) if problem or " one was " in low else ():
        if match["task"]:
            add(_finish(_you(match["task"]), "."), match)
        elif not CATEGORY.match(re.sub(r"\s+problem\b.*$", "", match["problem"])):
            add(_finish("Solve " + _you(match["problem"]), "."), match)
    for match in GERUND_TASK.finditer(unit.text) if problem or "round" in low or "it" in low else ():
        if CATEGORY.match(f"{match['verb']} {match['rest']}"):
            continue  # "the question was about sliding window" names a kind of problem
        if (verb := from_gerund(match["verb"])) and (verb in GERUNDS.values() or TASK_START.match(verb)):
            add(_finish(f"{verb} {_you(match['rest'])}", "."), match)
    discussed = any(word in low for word in ("discussed", "talked", "went over", "covered", "touched"))
    for match in DISCUSSED.finditer(unit.text) if discussed else ():  # "we discussed ..., why I want to join X"
        at = match.start("rest")
        for wh in re.finditer(r"(?:^|,\s*(?:and\s+)?|\s+and\s+)(?P<wh>why|how|what)\s+(?P<clause>.+?)(?=,|\s+and\s+|$)",
                              match["rest"], re.IGNORECASE):
            if not NARRATED.search(wh["clause"]):  # "discussed why I was not moving forward" is the outcome
                add(_wh(wh["wh"], wh["clause"]), (at + wh.start("wh"), at + wh.end()))
    for match in COULD_NOT_EXPLAIN.finditer(unit.text) if "explain" in low or "describe" in low else ():
        if not (FIRST_PERSON.search(match["what"]) or NARRATED.search(match["what"])):  # "what went wrong to my mum"
            add(_finish(f"Explain {_you(match['what'].strip())}", "."), match)
    for match in GIVEN_THEN_TASK.finditer(unit.text) if "given" in low else ():
        what = re.sub(r"\s+", " ", match["what"].replace("`", "")).strip()
        add(_finish(f"{match['verb'].capitalize()} {_you(what)}", "."), match)
    for match in GIVEN_PROBLEM.finditer(unit.text) if problem else ():
        if match["name"]:
            name = match["name"].strip()
            if NOT_A_NAME.search(name) or CATEGORY.match(name):
                continue
            add(f"Implement {name}." if BUILDABLE.search(name) else f"Solve the {name} problem.", match)
        elif (what := match["what"].strip()) and not CATEGORY.match(what):
            add(_finish("Solve " + _you(what), "."), match)
    for text, start, end in told_problems(unit) if problem or "asked" in low or "given" in low or "gave" in low \
            or unit.text[:1] in "Qq" else ():
        add(text, (start, end), built=True)
    for match in GENERIC_QUOTE.finditer(unit.text) if quoted else ():
        quoted = _question_in_quote(_direct(match["q"]).rstrip(","))
        if (quoted.endswith("?") or WH_START.match(quoted)) and not NOT_THE_INTERVIEWER.search(
                unit.text[max(0, match.start() - 60):match.start()]) and asks_interview_question(quoted, listed=True):
            add(_finish(quoted, "?"), match)

    for match in QUOTED.finditer(unit.text) if quoted or "'" in low else ():
        if match.group()[:9].lower() == "something" and (not ASKED_SOMETHING.search(low) or NOT_THE_INTERVIEWER.search(
                unit.text[max(0, match.start() - 60):match.start()])):
            continue  # "said something like "we'll be in touch"", "I asked something like "...?"": not asked of us
        quoted = _question_in_quote(_direct(match["q"] or match["single"]).rstrip(","))
        if not quoted.endswith("?") and QUESTION_START.match(quoted) and not TASK_START.match(quoted):
            quoted += "?"  # "Do you know any legacy languages" quoted without its question mark
        if asks_interview_question(quoted, listed=True):
            add(_finish(quoted, "?" if quoted.endswith("?") else "."), match)
    for match in YES_NO.finditer(unit.text) if " if " in low or " whether " in low else ():
        add_with_continuations(_yes_no(match["clause"]), match)
    for match in INVERTED_ASK.finditer(unit.text):
        verb = INVERTED.get(match["aux"].lower(), _capital(match["aux"].lower()))
        add_with_continuations(_finish(f"{verb} you {_you(match['clause'])}", "?"), match)
    for match in QUESTION_WAS.finditer(unit.text) if "question" in low else ():
        add(_finish(_you(match["q"]), "?"), match)
    for match in QUESTION_AFTER_DASH.finditer(unit.text) if "question" in low else ():
        if asks_interview_question(question := _capital(match["q"]), listed=True):
            add(question, match)
    for match in EXAMPLE_QUESTION.finditer(unit.text) if "question" in low else ():
        add(_finish(match["q"], "?"), match)
    for match in RATED.finditer(unit.text) if "rate" in low else ():
        add(_finish(f"How would you rate yourself {match['prep'].lower()} {_you(match['what'])}", "?"), match)
    for match in LEETCODE_NUMBER.finditer(unit.text) if "leetcode" in low or "lc" in low else ():
        title = f" ({match['title'].strip()})" if match["title"] else ""
        add(f"Solve LeetCode problem {match['n'] or match['m'] or match['k']}{title}.", match, built=True)
    for match in PROBLEM_NAMED.finditer(unit.text) if problem else ():
        name = match["name"].strip()
        if not (NOT_A_NAME.search(name) or CATEGORY.match(name) or QUESTION_START.match(name)
                or FIRST_PERSON.search(name) or re.search(r"\b(?:a|an|the|about|of)$", name, re.IGNORECASE)):
            add(f"Solve the {name} problem.", match)
    for match in WH.finditer(unit.text):
        add_with_continuations(_wh(match["wh"], match["clause"]), match)
    for match in OPINION.finditer(unit.text) if " my " in low or " our " in low else ():
        topic = match["clause"]
        if not _stands_alone(topic) or NOT_AN_OPINION_TOPIC.match(topic) or _content_words(topic) < 1:
            continue  # "asked me my thoughts on it", "... on how the interview went"
        what = match["what"].lower()
        verb = "are" if what.endswith("s") else "is"
        # built: "thoughts" is a word of posts to the community ("Any thoughts?"); here the interviewer's, and the
        # topic was checked above
        add_with_continuations(_finish(f"What {verb} your {what} on {_you(topic)}", "?"), match, built=True)
    for match in TO_DO.finditer(unit.text):
        if focus := FOCUS_ON.match(match["clause"]):  # "asked me to focus on implementing the merge operation"
            if verb := from_gerund(focus["verb"]):
                add(_finish(_you(f"{verb} {match['clause'][focus.end():]}"), "."), match)
            continue
        if examples := _examples(match["clause"]):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                taken.append(match.span())
                found.extend((text, unit.start + match.start(), unit.start + match.end()) for text in examples)
            continue
        if SOLVE_IT.match(match["clause"]):
            # "asked me to solve it without regex": a follow-up, kept when the post says what "it" was
            add(_finish("Can you " + _you(match["clause"]), "?"), match, built=True)
            continue
        if more := SPELLED_OUT.match(unit.text, match.end()):  # "return a list of pairs — either (x, y) or ..."
            add(_finish(_you(match["clause"] + more.group()), "."), match)
            continue
        add(_finish(_you(EXPLAIN_WHAT_WAS.sub(r"\1 is", match["clause"])), "."), match)
        # "asked me to design a recommender and how I'd handle cold start": a second question, put as the poster
        # would do it ("how I heard about the role" is not; "talk about X and how I got into CS" is one topic)
        more = None if TELLS_ABOUT.match(match["clause"]) else CONTINUATION.match(unit.text, match.end())
        if more and more["wh"].lower() in WH_WORDS and (would := WOULD_CLAUSE.match(more["clause"])):
            rest = more["clause"][would.end():]
            if (designed := TASK_OBJECT.match(match["clause"])) and re.search(r"\bit$", rest):
                rest = re.sub(r"\bit$", f"the {designed['what']}", rest)  # "design a cache and how I'd invalidate it"
            add(_finish(f"{more['wh'].capitalize()} would you {_you(rest)}", "?"), more)
        if _not_asked_of_the_poster(unit.text, match):
            continue  # "I asked them to explain the team, describe on-call, then ...": the poster's asking, all of it
        previous = match["clause"]
        while (more := NEXT_TASK.match(unit.text, match.end())) is not None:
            clause = more["clause"]
            # "explain LRU cache, implement it": "it" is what was just explained
            if (it := re.fullmatch(r"(\w+)\s+it", clause, re.IGNORECASE)) and (explained := EXPLAINED.match(previous)):
                clause = f"{it[1]} {explained['what']}"
            add(_finish(_you(EXPLAIN_WHAT_WAS.sub(r"\1 is", clause)), "."), more)
            previous, match = clause, more
    if not found:  # a problem named only by its function, when the sentence does not describe it
        for match in FUNCTION_PROBLEM.finditer(unit.text) if "_" in low or "(" in low or quoted or "`" in low else ():
            add(_finish("Implement " + match["name"], "."), match, built=True)
    for match in TOPIC.finditer(unit.text):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken) or _not_asked_of_the_poster(unit.text, match):
            continue
        taken.append((start, end))
        # "questions about my previous internship" names a kind of question; "asked about my work experience" asks
        generic = re.search(r"\bquestions\b", match.group(0), re.IGNORECASE)
        design = bool(re.search(r"\bdesign\b", unit.text[max(0, start - 30):end], re.IGNORECASE))
        if whether := re.match(r"(?:if|whether)\s+(?P<rest>.+)", match["clause"], re.IGNORECASE):
            text = _yes_no(whether["rest"])  # "asked another question about if I can ..."
            if text and not LOGISTICS.search(text) and _stands_alone(text):
                found.append((text, unit.start + start, unit.start + end))
            continue
        if pieces := run_together(match["clause"]):
            found.extend((text, unit.start + start, unit.start + end) for text in pieces if not LOGISTICS.search(text))
            continue
        if examples := _examples(match["clause"]):
            found.extend((text, unit.start + start, unit.start + end) for text in examples)
            add_with_continuations("", match)  # "questions like X, when to use Y"
            continue
        for topic in _topics(match["clause"]):
            text = _topic_question(topic, design=design)
            if generic and ABOUT_THE_CANDIDATE.search(topic):
                continue
            if text and _content_words(text) >= 1 and not LOGISTICS.search(text) and _stands_alone(text):
                found.append((text, unit.start + start, unit.start + end))
        add_with_continuations("", match)
    return found


# --- direct questions -------------------------------------------------------------------------------------------


def _question_in_quote(quoted: str) -> str:
    """The question of a quote that goes on after it: "Why don't you just ask AI? It's much faster." asks the first."""
    end = quoted.rfind("?")
    return quoted[:end + 1] if 0 < end < len(quoted) - 1 and re.match(r"\s+[A-Z]", quoted[end + 1:]) else quoted


def _content_words(text: str) -> int:
    return sum(1 for word in WORD.findall(text) if word.lower().strip("'") not in GENERIC and len(word) > 1)


def _direct(text: str) -> str:
    """The sentence without what leads into the question ("Round 2: ", "They asked me: ", quotes)."""
    text = STRAY_SPACE.sub("", re.sub(r"\*\*|__|`", "", text))  # "What is KV cache ? how does it help ?"
    text = text.strip().strip("*_>").strip()
    for _ in range(3):  # "Round 2: LLD - design ..."
        text, cut = ROUND_PREFIX.subn("", text)
        if not cut:
            break
    if LEAD_IN_MARK.search(text[:160]):
        text = LEAD_IN.sub("", text).strip()
    text = text.strip("*_").strip()
    if text[:1] in "\"“'" and text[-1:] in "\"”'":
        text = text[1:-1].strip()
    elif text[:1] in "\"“" and re.search(r"[\"”]", text[1:]):
        text = re.split(r"[\"”]", text[1:], maxsplit=1)[0].strip()
    text = re.sub(r"^(?:(?:and|also|so|then|plus|or|but|like|well|okay|ok|alright|um+|uh+|hmm+|basically|"
                  r"essentially)\b[,\s]*)+", "", text,
                  flags=re.IGNORECASE)
    text = LABEL.sub("", text)
    text = re.sub(r"\?\.$", "?", TRAILING_ASIDE.sub("", text))  # "... anybody? (This was tied to Ownership)."
    if talk := TALK_ABOUT.match(text.rstrip(".")):
        if re.match(r"\w*\s*questions?\b", text, re.IGNORECASE) and ABOUT_THE_CANDIDATE.search(talk["topic"]):
            return ""  # "Questions about projects." names a kind of question
        return "Tell me about " + talk["topic"]
    if re.match(r"differences?\s+between\b", text, re.IGNORECASE):
        return "What is the " + text[:1].lower() + text[1:].rstrip(".?") + "?"
    return _capital(text)


def asks_interview_question(text: str, *, listed: bool) -> bool:
    """A direct question an interviewer could have asked: not to the community, not rhetorical, not about the
    poster, and standing on its own (not "Solve it using ...")."""
    shortest = 2 if TASK_START.match(text) or (WH_START.match(text) and text.endswith("?")) else 3
    if len(text.split()) < shortest or _content_words(text) < MIN_CONTENT_WORDS:
        return False
    if (about := ABOUT_A_COMPANY.match(text)) and company_in(about["subject"]):
        return False
    if PRONOUN_OBJECT.match(text):
        return False
    company = bool(COMPANY_VOICE.match(text) and SPEAKS_FOR_THE_COMPANY.search(text)
                   and not IN_OUR_PLACE.search(text))
    if COMMUNITY.search(WHAT_WOULD_YOU_DO.sub("", text) if company else text) or THIRD_PERSON.search(text):
        return False  # "What would you do to improve our product?" asks the candidate; "What would you do?" the readers
    if FIRST_PERSON.search(ALLOWED_ME.sub("", SPEAKS_FOR_THE_COMPANY.sub("", text) if company else text)):
        return False
    if RHETORICAL.search(text) or STATEMENT.match(text):
        return False
    if text.endswith("?"):
        return bool(QUESTION_START.match(text)) or listed
    return bool(TASK_START.match(text)) or (listed and bool(WH_DIRECT.match(text)))


def _problem_in_item(item: str) -> str:
    """A list item that tells how a named problem went: "I discussed and coded the LRU Cache problem, which is quite
    a classic." -> "Solve the LRU Cache problem."."""
    named = TITLED_PROBLEM.search(item)
    if not named or len(named["name"].split()) < 2 or NOT_A_NAME.search(named["name"]) \
            or NOT_IN_A_NAME.search(named["name"]) or NOT_A_PROBLEM.search(named["name"]) \
            or CATEGORY.match(named["name"]) or company_in(named["name"]):
        return ""  # "the Zoom problem", "the Final problem" name no problem
    return f"Solve the {named['name']} problem."


def _listed_gerund(text: str) -> str:
    """A list item that gives a task as a gerund ("Optimally assigning questions to volunteers based on skill
    tags") as the task: "Optimally assign questions to volunteers based on skill tags."."""
    gerund = LISTED_GERUND.match(text.strip().rstrip("."))
    if not gerund or FIRST_PERSON.search(text) or COMMUNITY.search(text) or len(text.split()) < 4:
        return ""
    verb = from_gerund(gerund["verb"])
    if not verb:
        return ""
    adverb = gerund["adv"] or ""
    return _finish(_capital(f"{adverb.lower()}{verb} {_you(gerund['rest'])}"), ".")


def _past_tense(word: str) -> bool:
    return word.lower().endswith("ed") or word.lower() in IRREGULAR_PAST


def _did_something(words: list[str]) -> bool:
    """ "Printed the tree level by level" tells what someone did; "Balanced Binary Tree" names a problem."""
    return len(words) > 1 and _past_tense(words[0]) and words[1].lower() in {"the", "a", "an", "my", "our", "it"}


def _listed_problem(item: str) -> str:
    """A list item that names a coding problem: "Basic calculator II." -> "Solve Basic calculator II.", "Valid Number
    (LC. 65)" -> "Solve Valid Number (LeetCode 65).". A name starts with a capital, and says it is a problem by a
    LeetCode number or a word of the trade (array, tree, parentheses, a "II")."""
    number = next((aside["n"] for aside in LEETCODE_ASIDE.finditer(item)), "")
    name = ASIDE.sub("", MARKDOWN_ESCAPE.sub(r"\1", item)).strip(" .*_")
    words = name.split()
    if not 1 <= len(words) <= MAX_TOPIC_WORDS or not words[0][:1].isupper() or FIRST_PERSON.search(name) \
            or _did_something(words) or NOT_IN_A_NAME.search(name) or CATEGORY.match(name) or REMARK.match(name) \
            or TASK_START.match(name):
        return ""
    if number:
        return f"Solve {name} (LeetCode {number})."
    # "Basic calculator II", "Minimum add to make valid parentheses"; not a subject ("Trees and graphs", "Graph
    # traversal", "Arrays & Strings")
    named = ROMAN_NUMERAL.search(name) or (len(words) >= 3 and PROBLEM_WORD.search(name)
                                           and not re.search(r"\band\b|&", name) and not CATEGORY.match(words[0]))
    return f"Solve {name}." if named else ""


def _listed_topic(text: str) -> str:
    """A list item under "questions:" / "topics:" that names a topic only ("KV caching", "Bias-variance")."""
    text = text.strip().rstrip(".")
    if TASK_START.match(text):
        return _finish(text, ".")
    words = text.split()
    if words and _past_tense(words[0]) or (len(words) > 1 and words[0].lower().endswith("ly")
                                           and words[1].lower() in DONE):
        return ""  # "Implemented papers from scratch", "Briefly discussed project experience": what someone did
    if (1 <= len(text.split()) <= MAX_TOPIC_WORDS and _content_words(text) >= 1 and not FIRST_PERSON.search(text)
            and not ADVICE.match(text) and not LISTED_LOGISTICS.search(text)
            and not COMMUNITY.search(text) and not re.search(r"\b(?:was|were|went|felt|got)\b", text, re.IGNORECASE)):
        return _topic_question(text)
    return ""


# --- the post -----------------------------------------------------------------------------------------------------


def _question_page(post: str) -> bool:
    """A question page: a title that says it holds one interview question ("Infosys interview question") over that
    question alone, or over an outline of them ("1.1. Explain L1 vs L2? 1.2. How does each affect ..."): most of its
    sentences ask or set a task, and none is the poster's own."""
    lines = [line.strip() for line in post.strip().splitlines() if line.strip()]
    if not lines or not QUESTION_PAGE_TITLE.match(lines[0]):
        return False
    body = " ".join(line for line in lines[1:] if line != lines[0])
    sentences = [OUTLINE_NUMBER.sub("", sentence) for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z0-9(])", body)]
    sentences = [sentence for sentence in sentences if len(sentence.split()) >= 2]
    asking = sum(1 for sentence in sentences if sentence.endswith("?") or TASK_START.match(sentence))
    return asking >= max(1, len(sentences) / 2) and not (COMMUNITY.search(body) or HELP.search(body)) \
        and not POSTER.search(ALLOWED_ME.sub("", body))


def classify(post: str) -> tuple[bool, str]:
    statements = QUESTION_SENTENCE.sub(" ", post)  # "What kind of questions were asked?" reports nothing
    asked = bool(any(not _hypothetical(statements, match) and not ASKED_TO_INTERVIEW.match(statements, match.end())
                     for match in ASKED.finditer(statements))
                 or ROUND_LINE.search(post) or PROBLEM_WAS.search(statements) or QUESTION_AFTER_DASH.search(post)
                 # a post that asks for help before its interview labels its own questions "Q:" too
                 or (INTERVIEW.search(post) and LABELLED_QUESTION.search(post) and not BEFORE.search(post)
                     and not NOT_YET_ASKED.search(post)))
    interview = bool(INTERVIEW.search(post))
    if not asked and interview:  # "First problem was parentheses problem", "Q1: ... (think Koko Eating Bananas)"
        # and "LLD: movie ticket booking system", "Coding Question: Task Status System"
        asked = any(told_problems(Unit(line, 0, False, False)) for line in statements.splitlines()
                    if PROBLEM_INTRO.search(line)) or any(named_problem(line.strip()) for line in post.splitlines()
                                                          if NAME_LABEL.match(line.strip()))
    happened = interview and any(not _hypothetical(statements, match) and not INVITED.search(match.group())
                                 for match in HAPPENED.finditer(statements))
    if not asked and JOB_AD.search(post):
        return False, "a job ad"
    if not asked and OTHER_SIDE.search(post):
        return False, "written from the interviewer's side, or lists the poster's own questions"
    if not asked and NEWS.search(post):
        return False, "news"
    if asked:
        return True, "says what was asked"
    if interview and POSTERS_LINE.search(post) and not OTHER_SIDE.search(post) and any(
            INTERVIEWER_LINE.match(line.strip())
                                                       for line in post.splitlines()):
        return True, "tells the interview as a dialogue"
    if _question_page(post):
        return True, QUESTION_PAGE
    first_line = post.strip().split("\n", 1)[0]
    if INTERVIEW.search(first_line) and not BEFORE.search(post) and LISTED_QUESTION.search(post):
        return True, "lists questions under an interview title"
    if happened:
        return True, "tells of an interview that happened"
    if BEFORE.search(post):
        return False, "asks for help before an interview"
    return False, "no interview reported"


def _closing_paragraph(post: str) -> int:
    """Where the post's last paragraph starts (past the end for a post of one paragraph). A question there that no
    one is said to have asked is the poster's to the readers: "I am feeling lost. How do you cope with this?"."""
    breaks = list(re.finditer(r"\n\s*\n(?=\s*\S)", post))
    return breaks[-1].end() if breaks else len(post) + 1


def _hypothetical(text: str, match: re.Match) -> bool:
    """"I'm concerned about being asked ...", "I'll be asked easy questions", "nobody asked about ...": the sentence
    fears, expects or denies an asking, it does not report one. Only the 200 characters before the cue are read, so a
    run-on post full of such cues stays linear."""
    since = max(match.start() - 200, 0)
    sentence = text[max(text.rfind(end, since, match.start()) for end in ".!?\n") + 1 or since:match.start()]
    return bool(NOT_YET_ASKED.search(sentence) or NEGATED.search(sentence) or UNEASY.search(sentence))


def _follows_a_question_to_the_community(post: str, every_unit: list[Unit]) -> set[int]:
    """The sentences that come after a question to the community in the same paragraph: once the poster turns to
    the readers ("Thoughts? Has anyone been in a similar situation?"), the questions that follow are theirs too."""
    line_starts = [0, *(newline.end() for newline in re.finditer("\n", post))]
    following: set[int] = set()
    community_line = -1
    for index, unit in enumerate(every_unit):
        line = bisect_right(line_starts, unit.start) - 1
        if unit.listed:
            continue
        if line == community_line:
            following.add(index)
        elif unit.text.endswith("?") and (COMMUNITY.search(question := _direct(unit.text))
                                          or ASKS_THE_COMMUNITY.match(question) or TO_THE_READER.match(question)):
            community_line = line  # the question after a lead-in ("the usual questions — Why ...?") is the one read
    return following


def _named_above_a_statement(every_unit: list[Unit], questions: list[Extracted]) -> set[int]:
    """Where the problem a heading item names starts ("- Clustering problem:", read as "Solve the Clustering
    problem.") when an item nested under it states the problem ("- Given 1D points, cluster into 2 groups"): the
    statement says it better, and one problem is one question. A heading that sets a task ("Asked to design X:") keeps
    it: the items under it are its follow-ups."""
    dropped: set[int] = set()
    for index, unit in enumerate(every_unit):
        if not (unit.listed and unit.text.endswith(":")):
            continue
        children = list(takewhile(lambda following, heading=unit.text: following.parent == heading,
                                  every_unit[index + 1:]))
        if any(child.start <= question.start < child.end and STATES_A_PROBLEM.match(question.text)
               for child in children for question in questions):
            dropped.update(q.start for q in questions if unit.start <= q.start < unit.end and NAMED_TASK.match(q.text))
    return dropped


def _readable(post: str) -> str:
    """The post as the rules read it, every offset still pointing into the post: bold markup inside a reported
    question ("asked me the **time complexities**") read as spaces, hard wrapping undone."""
    return unwrap(BOLD.sub(lambda markup: " " * len(markup.group()), post))


def read(post: str) -> PostReading:
    readable = _readable(post)
    reports, reason = classify(readable)
    reading = PostReading(reports_interview=reports, reason=reason, company=company_in(post), role=role_in(post),
                          level=level_in(post), round=round_in(post))
    if not reports:
        return reading
    questions: list[Extracted] = []
    seen: set[str] = set()

    def keep(text: str, start: int, end: int) -> None:
        # "Tell me about a time when you" (the rest was a list the rules cannot join); "Solve." names nothing
        if not text.endswith("?") and DANGLING.search(text) or len(text.split()) < 2:
            return
        task = text.rstrip(".").split(maxsplit=1)
        if KIND_OF_TASK.match(text) and len(task) == 2 and CATEGORY.match(task[1]) and not ARTICLE.match(task[1]):
            return  # "Write LLD.", "Write code." name a kind of task ("Reverse a linked list", "Explain OOP" ask one)
        if BOTH_PROBLEMS.search(text) or TIME_LIMIT_ONLY.match(text):
            return  # "Solve both the questions in that time limit", "Solve within 70 minutes" say how a round went
        key = " ".join(re.findall(r"\w+", text.lower()))  # with numbers: "problem 42" is not "problem 432"
        if key and key not in seen:
            seen.add(key)
            questions.append(Extracted(text=text, start=start, end=end, evidence=post[start:end]))

    # A post whose title asks for help before an interview: its bare questions are the poster's own.
    help_request = bool(BEFORE.search(post.strip().split("\n", 1)[0]))
    every_unit = units(readable)
    follows_community = _follows_a_question_to_the_community(readable, every_unit)
    closing = _closing_paragraph(readable)
    joined: set[int] = set()  # sentences read as the end of the problem statement before them
    dialogue = bool(POSTERS_LINE.search(readable)) and not OTHER_SIDE.search(readable)
    for index, unit in enumerate(every_unit):
        if index == 0 and READERS_HOW_TO.match(unit.text):
            continue
        if dialogue and (said := said_in_dialogue(readable, unit)) is not None:
            for text, start, end in [] if help_request else said:
                keep(text, start, end)
            continue
        if (bullet := asked_under_label(unit, post)) is not None:  # "**Who?** ..." / "**Question?** ..."
            asked, texts = bullet
            if asked and not help_request:
                for text in texts:
                    keep(text, unit.start, unit.end)
                for text, start, end in reported(unit):
                    keep(text, start, end)
            continue
        if not (help_request or unit.to_community) and (name := named_problem(unit.text)):
            following = every_unit[index + 1].text if index + 1 < len(every_unit) else ""
            # "Coding Question: Task Status System" then "Problem: Determine ...": the statement says it better
            if not (LABEL.match(following) and TASK_START.match(LABEL.sub("", following))):
                keep(name, unit.start, unit.end)
            continue
        if index in joined:
            continue
        found = reported(unit) or ([] if help_request or unit.to_community else labelled(unit))
        if not found and not (help_request or unit.to_community) and (
                statement := problem_statement(readable, every_unit, index)):
            text, end, last = statement
            joined.update(range(index + 1, last + 1))
            keep(text, unit.start, end)
            continue
        if found:
            for text, start, end in found:
                keep(text, start, end)
            continue
        if help_request or unit.to_community or unit.text.endswith(":"):  # "2. C3 AI:" heads a list, it asks nothing
            continue
        if not (unit.listed or unit.announced or "?" in unit.text or TASK_WORD.search(unit.text)
                or LABEL.match(unit.text)):
            continue
        text = _direct(unit.text)
        reported_item = False
        if unit.listed and unit.list_context and (wh_i := LISTED_WH_I.match(text)):  # "- What components I’d create"
            text = _wh(wh_i["wh"], wh_i["clause"])
            # in the poster's words under a list of what was asked: "their company" there is the interviewer's
            reported_item = (text.endswith("?") and not LOGISTICS.search(text) and _stands_alone(text)
                             and _content_words(text) >= 2 and not RHETORICAL.search(text))
            if text.endswith("?") and (designed := DESIGN_PARENT.search(unit.parent)):  # under "Asked to design X:"
                text = f"{text.rstrip('?.')} for {designed['what'].strip()}?"
        closing_question = (reason != QUESTION_PAGE and unit.start >= closing and not unit.listed
                            and not (LEAD_IN_MARK.search(unit.text) and LEAD_IN.match(unit.text)))
        if (index in follows_community or closing_question) and text.endswith("?") and not unit.announced:
            continue  # "Thoughts? Has anyone been here? How would you approach this going forward?"
        if unit.listed and text.count("?") > 1 and FOLLOW_UPS.match(unit.text):  # "- Follow-up: How did you ...? How
            # long did it take?"; a community's list of questions stays whole
            for piece in re.split(r"(?<=\?)\s+", text):
                if asks_interview_question(piece := _direct(piece), listed=True):
                    keep(piece, unit.start, unit.end)
            continue
        if len(QUESTION_STEM.findall(text)) > 1 and (pieces := run_together(text)):
            for piece in pieces:
                if asks_interview_question(piece, listed=True):
                    keep(piece, unit.start, unit.end)
            continue
        if unit.announced and text.endswith("?"):  # "If I train ..., will it converge?" as the interviewer put it
            text = _capital(_you(text))
        if unit.listed and unit.stem:  # "Tell me about a time when you" / "- faced ambiguity"
            text = f"{unit.stem} {text[:1].lower()}{text[1:]}"
            text = re.sub(r"\s*\b(?:etc|and\s+so\s+on)\W*$", "", text, flags=re.IGNORECASE)
        if reported_item or asks_interview_question(text, listed=unit.listed):
            asks = text.rstrip().endswith("?") or (QUESTION_START.match(text) and not TASK_START.match(text))
            keep(_finish(text, "?" if asks else "."), unit.start, unit.end)
        elif unit.listed and unit.list_context and (problem := _listed_problem(unit.text)):
            keep(problem, unit.start, unit.end)
        elif unit.listed and unit.list_context and (problem := _problem_in_item(unit.text)):
            keep(problem, unit.start, unit.end)
        elif unit.listed and unit.list_context and (task := _listed_gerund(text)):
            keep(task, unit.start, unit.end)
        elif unit.listed and unit.list_context and (topic := _listed_topic(text)):
            keep(topic, unit.start, unit.end)
    if not help_request:  # a problem given only as its link: "https://leetcode.com/problems/wildcard-matching/"
        for slug in dict.fromkeys(match["slug"] for match in LEETCODE_URL.finditer(post)):
            at = post.index(f"/problems/{slug}")
            title = slug.replace("-", " ").title()
            keep(f"Solve {title} (LeetCode).", at, at + len(f"/problems/{slug}"))
    if not any(PROBLEM_TASK.match(question.text) and not LEANS_ON_PROBLEM.search(question.text)
               for question in questions):
        questions = [question for question in questions if not LEANS_ON_PROBLEM.search(question.text)
                     or STANDS_AS_FOLLOW_UP.search(question.text) or NAMES_ITS_OWN_OBJECT.match(question.text)]
    stated_below = _named_above_a_statement(every_unit, questions)
    reading.questions = sorted((q for q in questions if q.start not in stated_below), key=lambda q: q.start)
    if not questions:
        reading.reports_interview, reading.reason = False, f"{reason}, but names no question"
    return reading


def suggestions(post: str, taken: list[tuple[int, int]], *, limit: int = SUGGESTIONS) -> list[Extracted]:
    """Sentences and list items of the post that read like a question or a task (they end in "?", open like one, tell
    of asking, or stand in a list), and each topic of a bracketed list of topics ("Operating Systems (virtual memory,
    segmentation, page faults)"), that overlap none of the `taken` spans: for a moderator to add the questions the
    rules missed with a click. Recall first; most are not questions, so a person chooses."""
    found: list[Extracted] = []
    seen: set[str] = set()

    def free(start: int, end: int) -> bool:
        return not any(start < taken_end and taken_start < end for taken_start, taken_end in taken)

    def offer(text: str, start: int, end: int) -> None:
        text = " ".join(text.split())  # bold markup was read as spaces
        if text and text.lower() not in seen:  # "Suddenly, she asked:" reads as nothing; a repeated sentence once
            seen.add(text.lower())
            found.append(Extracted(text=text, start=start, end=end, evidence=post[start:end]))

    for unit in units(_readable(post)):
        words = len(unit.text.split())
        if (MIN_SUGGESTION_WORDS <= words <= MAX_SUGGESTION_WORDS and len(unit.text) <= MAX_SUGGESTION_CHARS
                and free(unit.start, unit.end) and (unit.listed or unit.text.endswith("?")
                                                    or QUESTION_START.match(unit.text) or ASKING.search(unit.text))):
            offer(_direct(unit.text), unit.start, unit.end)
        for topic, start, end in bracketed_topics(unit):
            if free(start, end):
                offer(topic, start, end)
        if len(found) >= limit:
            break
    return found[:limit]


def bracketed_topics(unit: Unit) -> list[tuple[str, int, int]]:
    """"Explain X." for each topic of a list in brackets, at least MIN_BRACKETED_TOPICS of them, short and worded
    (at most MAX_BRACKETED_TOPICS a list), with its span: "Lots of C++ (runtime polymorphism, volatile, threading)"
    names three things the interviewer asked about. A list nested inside ("STL [list vs vector, maps vs unordered
    maps, sets]") is read as a list of its own. Arguments and indices right after a name (`merge(left, right, out)`,
    `arr[i, j, k]`) are code, not topics."""
    found = []
    for group in BRACKETED.finditer(unit.text):
        inner, base = group.group("inner"), unit.start + group.start("inner")
        called = group.start() > 0 and (unit.text[group.start() - 1].isalnum() or unit.text[group.start() - 1] == "_")
        flat = NESTED_BRACKETS.sub(lambda nested: " " * len(nested.group()), inner)  # offsets stay
        lists = [(flat, 0), *((nested.group()[1:-1], nested.start() + 1) for nested in NESTED_BRACKETS.finditer(inner))]
        for text, offset in lists:
            items = _listed_items(text)
            if (len(items) < MIN_BRACKETED_TOPICS or any(len(item.split()) > MAX_TOPIC_WORDS // 2 for item, _ in items)
                    or called and all(CODE_ARGUMENT.fullmatch(item) for item, _ in items)):
                continue
            for item, at in items[:MAX_BRACKETED_TOPICS]:
                if question := _topic_question(item, named=True):
                    found.append((question, base + offset + at, base + offset + at + len(item)))
    return found


def _listed_items(text: str) -> list[tuple[str, int]]:
    """The items of a comma-separated list and where each starts; items without two letters in a row ("x", "2")
    are left out."""
    items, cursor = [], 0
    for piece in TOPIC_SEPARATOR.split(text):
        at = text.index(piece, cursor)
        cursor = at + len(piece)
        item = piece.strip()
        if re.search(r"[^\W\d_]{2}", item):
            items.append((item, at + len(piece) - len(piece.lstrip())))
    return items


def level_in(text: str) -> str:
    for key, pattern in LEVELS:
        if pattern.search(text):
            return key
    return ""


def round_in(text: str) -> str:
    match = ROUND.search(text)
    return match.group(0) if match else ""
