"""Demo questions, FAQ entries and theme proposals. All fictional, flagged ``is_demo``.

Runs after the events and toolkit seeders (INSTALLED_APPS order): a few taken-up proposals link
to their demo events or resources (or, when there are none, to a published FAQ answer).
"""

from __future__ import annotations

import functools
import json
import secrets
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.accounts.services import user_create
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.questions.models import Question, QuestionNote, ThemeProposal, Vote
from ontmoetingen.questions.selectors import linkable_objects
from ontmoetingen.regions.models import Municipality

SIZES = {"small": (40, 10), "national": (150, 30)}
DEMO_DOMAIN = "demo.kansrijke-ontmoetingen.nl"
DAYS_BACK = 730
DATA_FILE = Path(__file__).resolve().parent / "data" / "demo_questions.json"


@functools.cache
def demo_texts() -> dict:
    """Questions with answers, theme proposals, names and notes from the data file."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


VOTERS = 18


def _people(rng) -> list[User]:
    first_names, last_names = demo_texts()["first_names"], demo_texts()["last_names"]
    people = []
    for n in range(VOTERS):
        email = f"stemmer{n + 1}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            first, last = first_names[n % len(first_names)], last_names[n % len(last_names)]
            name = f"{first} {last} (voorbeeld)"
            user = user_create(email=email, full_name=name, roles=[Role.PROFESSIONAL])
        people.append(user)
    professional = User.objects.filter(email=f"professional@{DEMO_DOMAIN}").first()
    if professional:
        people.insert(0, professional)
    return people


def _answer_links() -> list[tuple[str, str, set[int]]]:
    """(url, title, theme ids) of what can answer a proposal: toolkit items (their first theme
    is what their title is about), events whose title names the theme, published FAQ answers."""
    names = dict(Theme.objects.values_list("pk", "name"))
    links = []
    for label, objects in linkable_objects(limit=100, newest_first=False):
        for obj in objects:
            themes = {t.pk for t in obj.themes.all()}
            if label != "Toolkit":
                # an event carries several themes; it answers only the one its title names
                themes = {pk for pk in themes if names[pk].casefold() in str(obj).casefold()}
            links.append((obj.get_absolute_url(), str(obj), themes))
    links += [
        (faq.get_faq_url(), f"Veelgestelde vraag: {faq.faq_title}", {faq.theme_id})
        for faq in Question.objects.published().filter(is_demo=True).order_by("pk")
    ]
    return links


def _link_for(proposal: ThemeProposal, links: list, fallback: int) -> tuple[str, str] | None:
    """A link about the proposal's own theme, or None: a proposal is never "taken up" by
    something about another theme."""
    matching = [link for link in links if proposal.theme_id in link[2]]
    if not matching:
        return None
    url, title, _ = matching[fallback % len(matching)]
    return url, title


def _vote_count(rng, people: int) -> int:
    # a few proposals draw many votes, most only a handful, some none yet
    return min(people, int(people * rng.random() ** 2.2 + rng.random() * 2))


def _status_for(age_days: int, rng) -> str:
    if age_days < 21:
        return rng.choice(["new", "new", "new", "in_progress", "in_progress"])
    if age_days < 90:
        return rng.choice(["new", "in_progress", "answered", "answered", "closed"])
    return rng.choice(["answered", "answered", "closed", "closed", "in_progress"])


def _seed_questions(count: int, rng, *, now, team, municipalities, themes) -> int:
    texts = demo_texts()
    published_templates = set()
    notes = []
    for n in range(count):
        template = rng.randrange(len(texts["questions"]))
        slug, kind, text, answer = texts["questions"][template]
        # more questions lately: the platform became better known over time
        age = int(DAYS_BACK * rng.random() ** 1.6)
        created = now - timedelta(days=age, hours=rng.randrange(24), minutes=rng.randrange(60))
        status = _status_for(age, rng)
        first, last = rng.choice(texts["first_names"]), rng.choice(texts["last_names"])
        question = Question(
            kind=kind,
            status=status,
            domain=rng.choice(Domain.values),
            municipality=rng.choice(municipalities)
            if municipalities and rng.random() < 0.85
            else None,
            theme=themes.get(slug),
            text=text,
            name=f"{first} {last} (voorbeeld)",
            email=f"vraagsteller{n + 1}@{DEMO_DOMAIN}",
            token=secrets.token_urlsafe(24),
            created_at=created,
            assigned_to=team if status != "new" else None,
            is_demo=True,
        )
        if status in ("answered", "closed"):
            question.answer = answer
            question.answered_at = min(created + timedelta(days=rng.randint(1, 30)), now)
            question.answered_by = team
            if status == "closed":
                question.closed_at = question.answered_at
            if template not in published_templates:
                published_templates.add(template)
                question.is_published = True
                question.faq_question = text
                question.faq_answer = answer
                question.published_at = question.answered_at
        question.save()
        if status != "new" and rng.random() < 0.4:
            notes.append(
                QuestionNote(
                    question=question,
                    author=team,
                    text=rng.choice(texts["notes"]),
                    created_at=created,
                )
            )
    QuestionNote.objects.bulk_create(notes)
    return len(published_templates)


def _seed_proposals(count: int, rng, *, now, people, team, municipalities, themes) -> int:
    links = _answer_links()
    taken = 0
    votes = []
    for index, (title, purpose, slug, description) in enumerate(demo_texts()["proposals"][:count]):
        created = now - timedelta(days=rng.randrange(DAYS_BACK // 2))
        proposer = people[index % len(people)]
        proposal = ThemeProposal.objects.create(
            title=title,
            description=description,
            purpose=purpose,
            theme=themes.get(slug),
            domain=rng.choice(Domain.values),
            municipality=rng.choice(municipalities) if municipalities else None,
            proposer=proposer,
            created_at=created,
            is_demo=True,
        )
        voters = rng.sample(people, _vote_count(rng, len(people)))
        votes.extend(
            Vote(
                proposal=proposal,
                user=voter,
                created_at=created + timedelta(days=rng.randint(0, 30)),
            )
            for voter in voters
        )
        link = _link_for(proposal, links, taken) if index % 5 == 0 else None
        if link:
            url, link_title = link
            proposal.status = ThemeProposal.Status.TAKEN_UP
            proposal.taken_up_url = url
            proposal.taken_up_title = link_title
            proposal.taken_up_at = created + timedelta(days=45)
            proposal.taken_up_by = team
            proposal.save()
            taken += 1
    Vote.objects.bulk_create(votes)
    return taken


def seed(*, scale: str, rng, stdout) -> None:
    if Question.objects.filter(is_demo=True).exists():
        stdout.write("  questions: voorbeeldvragen stonden er al")
        return
    question_count, proposal_count = SIZES.get(scale, SIZES["national"])
    now = timezone.now()
    team = User.objects.filter(email=f"projectteam@{DEMO_DOMAIN}").first()
    municipalities = list(Municipality.objects.active().order_by("code").only("code"))
    themes = {t.slug: t for t in Theme.objects.all()}
    faq = _seed_questions(
        question_count, rng, now=now, team=team, municipalities=municipalities, themes=themes
    )
    people = _people(rng)
    taken = _seed_proposals(
        proposal_count,
        rng,
        now=now,
        people=people,
        team=team,
        municipalities=municipalities,
        themes=themes,
    )
    stdout.write(
        f"  questions: {question_count} vragen ({faq} als veelgestelde vraag), "
        f"{proposal_count} themavoorstellen ({taken} opgepakt)"
    )
