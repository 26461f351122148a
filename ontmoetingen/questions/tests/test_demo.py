import io
import random

import pytest

from ontmoetingen.accounts import demo as accounts_demo
from ontmoetingen.questions import demo
from ontmoetingen.questions.models import Question, ThemeProposal, Vote
from ontmoetingen.questions.privacy import client_data_problem

pytestmark = pytest.mark.django_db


def test_demo_seed_is_complete_and_idempotent(regions):
    out = io.StringIO()
    accounts_demo.seed(scale="national", rng=random.Random(1), stdout=out)
    demo.seed(scale="national", rng=random.Random("q"), stdout=out)
    assert Question.objects.count() == 150
    assert set(Question.objects.values_list("status", flat=True)) == set(Question.Status.values)
    assert Question.objects.published().count() >= 10
    assert not Question.objects.filter(is_demo=False).exists()
    assert ThemeProposal.objects.count() == 30
    assert Vote.objects.count() > 30
    taken = ThemeProposal.objects.filter(status="taken_up")
    assert taken.exists() and all(p.taken_up_url for p in taken)
    assert all(client_data_problem(q.text) is None for q in Question.objects.all())
    ages = Question.objects.order_by("created_at").first().created_at
    assert (Question.objects.order_by("-created_at").first().created_at - ages).days > 365
    assert all(
        q.answered_at >= q.created_at for q in Question.objects.filter(answered_at__isnull=False)
    )
    demo.seed(scale="national", rng=random.Random("q"), stdout=out)
    assert Question.objects.count() == 150 and ThemeProposal.objects.count() == 30


def test_demo_votes_vary_and_taken_up_links_fit_the_theme(regions, settings, tmp_path):
    """Issue 12 #28: vote counts that vary; "opgepakt" links about the proposal's own theme."""
    from django.db.models import Count

    from ontmoetingen.toolkit import demo as toolkit_demo

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    out = io.StringIO()
    accounts_demo.seed(scale="national", rng=random.Random(1), stdout=out)
    toolkit_demo.seed(scale="national", rng=random.Random(1), stdout=out)
    demo.seed(scale="national", rng=random.Random("q"), stdout=out)
    counts = list(ThemeProposal.objects.annotate(n=Count("votes")).values_list("n", flat=True))
    assert len(set(counts)) >= 6
    assert max(counts) >= 2 * (sum(counts) / len(counts))
    taken = ThemeProposal.objects.filter(status="taken_up").select_related("theme")
    assert taken.exists()
    from ontmoetingen.toolkit.models import Resource

    for proposal in taken:
        slug = proposal.taken_up_url.rstrip("/").rsplit("/", 1)[-1]
        resource = Resource.objects.filter(slug=slug).first()
        if resource is not None:
            assert proposal.theme in resource.themes.all(), proposal.title
        else:  # a FAQ answer about the same theme
            pk = int(slug)
            assert Question.objects.get(pk=pk).theme == proposal.theme, proposal.title
