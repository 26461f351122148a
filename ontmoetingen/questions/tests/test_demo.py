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
