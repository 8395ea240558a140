from dataclasses import dataclass, field


@dataclass(frozen=True)
class Extracted:
    """One question as the interviewer asked it, in direct form, and the span of the post it was read from."""

    text: str
    start: int
    end: int
    evidence: str


@dataclass
class PostReading:
    """What a post says about an interview: whether it reports questions asked in one, by whom, and which."""

    reports_interview: bool
    questions: list[Extracted] = field(default_factory=list)
    company: str = ""
    role: str = ""
    level: str = ""
    round: str = ""
    reason: str = ""
    reader: str = "rules"
    flags: list[str] = field(default_factory=list)
