import factory
from django.contrib.auth.models import Group

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role

PASSWORD = "een-goed-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        project_team = factory.Trait(roles=[Role.PROJECT_TEAM])
        coordinator = factory.Trait(roles=[Role.COORDINATOR])
        professional = factory.Trait(roles=[Role.PROFESSIONAL])
        partner = factory.Trait(roles=[Role.PARTNER])

    roles = ()

    @classmethod
    def _create(cls, model_class, *args, roles=(), **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if roles:
            user.groups.set([Group.objects.get_or_create(name=str(role))[0] for role in roles])
        return user

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()
