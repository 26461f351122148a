"""Issue, list and revoke API tokens from the command line (the same services as /beheer/)."""

from django.core.management.base import BaseCommand, CommandError

from ontmoetingen.accounts.models import User
from ontmoetingen.api import selectors, services
from ontmoetingen.api.models import ApiToken
from ontmoetingen.core.errors import ServiceError


class Command(BaseCommand):
    help = "API-tokens aanmaken (create), tonen (list) en intrekken (revoke)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Een token aanmaken; het wordt één keer getoond.")
        create.add_argument("--email", required=True, help="Account waarvoor het token werkt.")
        create.add_argument("--name", required=True, help="Naam, bijvoorbeeld 'Pharos agenda'.")
        sub.add_parser("list", help="Alle tokens tonen (zonder geheim).")
        revoke = sub.add_parser("revoke", help="Een token intrekken.")
        revoke.add_argument("prefix", help="Het begin van het token (na 'ko_').")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except ServiceError as error:
            raise CommandError(error.message) from error

    def _create(self, *, email: str, name: str, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Geen account met e-mailadres {email}.")
        token, secret = services.token_create(name=name, user=user, actor=None)
        self.stdout.write(
            f"Token '{token.name}' voor {user.email} (bewaar het nu, het wordt niet opnieuw getoond):"
        )
        self.stdout.write(secret)

    def _list(self, **options):
        for token in selectors.tokens_list():
            state = f"ingetrokken {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "actief"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "nooit"
            self.stdout.write(
                f"ko_{token.prefix}_…  {token.name}  {token.user.email}  {state}  laatst gebruikt: {used}"
            )

    def _revoke(self, *, prefix: str, **options):
        prefix = prefix.removeprefix("ko_").split("_", 1)[0]
        try:
            token = ApiToken.objects.get(prefix=prefix)
        except ApiToken.DoesNotExist as exc:
            raise CommandError(f"Geen token dat begint met ko_{prefix}_.") from exc
        services.token_revoke(token=token, actor=None)
        self.stdout.write(f"Token '{token.name}' is ingetrokken.")
