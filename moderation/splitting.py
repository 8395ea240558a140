"""Rows of our own format that hold a list of questions (one question each), and the company and role a post names.
Posts from Reddit and X are read by moderation/extraction."""

import re

LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.):]|[-*•+]|Q\d{0,3}[.):])\s+(?P<item>\S.*)$", re.IGNORECASE)
# "They asked me: design a ..." or "Question 3 - explain ..." -> the part after the lead-in.
LEAD_IN = re.compile(r"^.{0,80}?\b(?:asked|asks|question|questions|q\d*)\b[^:\-–]{0,40}[:\-–]\s*", re.IGNORECASE)
TASK_VERBS = (
    "explain", "describe", "design", "implement", "write", "compare", "walk me through", "walk through", "tell me",
    "build", "estimate", "derive", "discuss", "define", "how", "what", "why", "when", "which", "who", "would",
    "should", "can", "could", "is", "are", "do", "does", "did", "have", "given", "suppose", "imagine", "code",
)
TASK_START = re.compile(rf"^(?:{'|'.join(re.escape(verb) for verb in TASK_VERBS)})\b", re.IGNORECASE)
MIN_WORDS = 3
# Questions to the community ("Any tips?", "Has anyone interviewed there?", "Should I take it?"), not interview
# questions: they talk about the poster or the readers.
COMMUNITY = re.compile(r"(?-i:\bI(?:'m|'ve|'d)?\b(?!/))|\b(?:my|anyone|anybody|guys|folks|advice|tips|thoughts|"
                       r"reddit|lol|op)\b", re.IGNORECASE)
CONNECTIVE = re.compile(r"^(?:and|also|so|then|plus|or|but)\b[,\s]*", re.IGNORECASE)

COMPANIES = {
    "Google": "Google", "DeepMind": "Google DeepMind", "Meta": "Meta", "Facebook": "Meta", "Amazon": "Amazon",
    "AWS": "Amazon", "Microsoft": "Microsoft", "Apple": "Apple", "Netflix": "Netflix", "OpenAI": "OpenAI",
    "Anthropic": "Anthropic", "Mistral": "Mistral AI", "Cohere": "Cohere", "Nvidia": "NVIDIA", "NVIDIA": "NVIDIA",
    "Uber": "Uber", "Airbnb": "Airbnb", "Stripe": "Stripe", "LinkedIn": "LinkedIn", "Databricks": "Databricks",
    "Snowflake": "Snowflake", "Hugging Face": "Hugging Face", "Salesforce": "Salesforce", "Spotify": "Spotify",
    "Tesla": "Tesla", "ByteDance": "ByteDance", "TikTok": "ByteDance", "Shopify": "Shopify", "Palantir": "Palantir",
    "Scale AI": "Scale AI", "LangChain": "LangChain", "PostHog": "PostHog", "Eightfold": "Eightfold.ai",
    "Pinecone": "Pinecone", "Perplexity": "Perplexity",
}
COMPANY = re.compile(r"\b(" + "|".join(re.escape(name) for name in sorted(COMPANIES, key=len, reverse=True)) + r")\b")
ROLE = re.compile(
    r"\b((?:(?:senior|staff|principal|junior|lead|sr\.?|jr\.?)\s+)?(?:(?:ml|ai|llm|mlops|machine learning|"
    r"applied ml|genai|software|research|data|forward[- ]deployed)\s+(?:engineer|scientist)|data scientist|"
    r"applied scientist|research scientist|mle|swe))\b",
    re.IGNORECASE,
)


def _asks(sentence: str) -> bool:
    if len(sentence.split()) < MIN_WORDS or COMMUNITY.search(sentence):
        return False
    return sentence.endswith("?") or bool(TASK_START.match(sentence))


def _clean(text: str) -> str:
    text = LEAD_IN.sub("", text.strip()).strip().strip("*_").strip()
    text = CONNECTIVE.sub("", text)
    return text[:1].upper() + text[1:]


def _unique(items: list[str]) -> list[str]:
    seen, kept = set(), []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            kept.append(item)
    return kept


def list_questions(text: str) -> list[str]:
    """The items of a numbered or bulleted list that ask something."""
    items = [_clean(match["item"]) for line in text.splitlines() if (match := LIST_ITEM.match(line))]
    return _unique([item for item in items if _asks(item)])


def company_in(text: str) -> str:
    match = COMPANY.search(text)
    return COMPANIES[match.group(1)] if match else ""


def role_in(text: str) -> str:
    """The most specific role the post names ("Senior ML engineer" over "MLE")."""
    roles = ROLE.findall(text)
    if not roles:
        return ""
    role = max(roles, key=len)
    return role.upper() if role.lower() in {"mle", "swe"} else role[:1].upper() + role[1:]
