"""A person with data in every area: the AVG request and the /mijn/gegevens.json tests use it."""

from datetime import timedelta

from django.utils import timezone

from ontmoetingen.accounts.roles import Role
from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.api.services import token_create
from ontmoetingen.coalitions.models import Invitation as PartnerInvitation
from ontmoetingen.coalitions.models import StatusChange
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core.audit import record
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.encounters.models import AbuseReport, Block, Consent, Invitation
from ontmoetingen.encounters.tests.factories import IntroductionFactory, ProfessionalFactory
from ontmoetingen.events.models import Feedback
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.newsletter.models import Subscriber
from ontmoetingen.questions.tests.factories import ProposalFactory, QuestionFactory, VoteFactory
from ontmoetingen.toolkit.tests.factories import ResourceFactory

EMAIL = "vera.volledig@voorbeeld.nl"
NAME = "Vera Volledig"


def person_everywhere(email: str = EMAIL, name: str = NAME):
    """A user with a row in every model of the processing register that has an export."""
    user = UserFactory(email=email, full_name=name, professional=True, coordinator=True)
    other = ProfessionalFactory().user
    ProfessionalFactory(user=user, intro="Ik ben verloskundige in Zeist.")
    Consent.objects.create(user=user, kind=Consent.Kind.PROFILE, version="1", text="Ja")
    IntroductionFactory(requester=user, recipient=other)
    Block.objects.create(blocker=user, blocked=other)
    AbuseReport.objects.create(reporter=user, reported=other, text="Vervelend bericht")
    Invitation.objects.create(
        email="collega@voorbeeld.nl",
        role=Role.PROFESSIONAL,
        key="k" * 32,
        invited_by=user,
        expires_at=timezone.now() + timedelta(days=14),
    )
    registration = RegistrationFactory(
        event=EventFactory(past=True), user=user, email=email, name=name, dietary="vegan"
    )
    Feedback.objects.create(registration=registration, rating=4, useful="Vera vond het nuttig")
    QuestionFactory(email=email, name=name, user=user, text="Vraag van Vera")
    ProposalFactory(proposer=user)
    VoteFactory(user=user)
    Subscriber.objects.create(email=email, name=name)
    coalition = CoalitionFactory(contact_name=name, contact_email=email)
    coalition.coordinators.add(user)
    StatusChange.objects.create(
        coalition=coalition,
        status=coalition.status,
        changed_on=timezone.localdate(),
        changed_by=user,
    )
    PartnerInvitation.objects.create(
        coalition=coalition,
        organisation=OrganisationFactory(),
        email="p@voorbeeld.nl",
        invited_by=user,
    )
    ResourceFactory(proposed=True, proposed_by=user)
    token_create(name="Token van Vera", user=user, actor=None)
    record(coalition, "contactpersoon gewijzigd", user, {"contactpersoon": ["", name]})
    return user
